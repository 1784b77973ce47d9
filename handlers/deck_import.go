package handlers

import (
	"io"
	"path/filepath"

	"github.com/gofiber/fiber/v2"

	"github.com/roundtable-kit/roundtable/errcode"
	"github.com/roundtable-kit/roundtable/quizzes/convert"
)

// deckImport converts an uploaded quiz file (multipart field "file": GIFT,
// Aiken, CSV, Kahoot or Quizizz .xlsx, or a deck .md) into a deck, with the
// report of what was taken and skipped. With save=1 the deck is also saved.
func (h *handler) deckImport(c *fiber.Ctx) error {
	fh, err := c.FormFile("file")
	if err != nil {
		return errcode.BadRequest.With(`Send the file as multipart form field "file".`)
	}
	if fh.Size > convert.MaxSheetBytes {
		return errcode.TooLarge.With("An import is at most 5 MiB.")
	}
	f, err := fh.Open()
	if err != nil {
		return err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, convert.MaxSheetBytes+1))
	if err != nil {
		return err
	}
	name := filepath.Base(fh.Filename)
	var src string
	var report *convert.Report
	if filepath.Ext(name) == ".md" {
		src = string(data)
	} else {
		lang := c.FormValue("lang")
		deck, rep, err := convert.ImportWith(name, data, convert.Options{Lang: lang, Title: c.FormValue("title")})
		report = rep
		if err != nil {
			fail := errcode.ImportFailed.With(err.Error())
			if rep != nil {
				fail = fail.WithFields(fiber.Map{"report": reportJSON(rep)})
			}
			return fail
		}
		src = string(convert.ToMarkdown(deck))
	}
	extra := fiber.Map{"source": src}
	if report != nil {
		extra["report"] = reportJSON(report)
	}
	if c.FormValue("save") != "1" {
		return c.JSON(extra)
	}
	return h.saveSource(c, "", src, extra)
}

func reportJSON(r *convert.Report) fiber.Map {
	item := func(items []convert.Item) []fiber.Map {
		out := make([]fiber.Map, len(items))
		for i, it := range items {
			out[i] = fiber.Map{"line": it.Line, "title": it.Title, "reason": it.Reason}
		}
		return out
	}
	return fiber.Map{"format": r.Format, "unit": r.Unit, "taken": item(r.Taken), "skipped": item(r.Skipped), "text": r.String()}
}
