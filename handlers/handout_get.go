package handlers

import (
	"html/template"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/roundtable-kit/roundtable/handouts"
	"github.com/roundtable-kit/roundtable/quizzes"
)

// handoutPage fills embed/web/handout.html: one material (Body), or the
// list of them all (Items).
type handoutPage struct {
	pageBase
	Title, Toolbar, All, Print, Intro string
	Body                              template.HTML
	Other                             langLink
	Items                             []handoutItem
}

type langLink struct{ Href, Lang, Label string }

type handoutItem struct {
	Href, Title, OtherHref, OtherLang, OtherTitle string
}

func otherLang(lang string) string {
	if lang == "es" {
		return "en"
	}
	return "es"
}

// loadHandouts renders every take-home material in each language, and the
// list, once at start: they are public and never change while the kit
// runs (no session data in them), so phones may cache them.
func (h *handler) loadHandouts(t *template.Template) error {
	h.handouts = map[string]*asset{}
	for _, lang := range handouts.Langs {
		o := otherLang(lang)
		list := handoutPage{pageBase: pageBase{Lang: lang}, Title: h.t(lang, "handout.listTitle"), Toolbar: h.t(lang, "handout.toolbar"),
			Intro: h.t(lang, "handout.listIntro"), Other: langLink{"/handouts?lang=" + o, o, h.t(o, "lang."+o)}}
		for _, m := range handouts.Materials {
			src, err := handouts.Source(m.Name, lang)
			if err != nil {
				return err
			}
			path := "/handouts/" + m.Name + "." + lang
			p := handoutPage{pageBase: pageBase{Lang: lang}, Title: handouts.Title(m.Name, lang), Toolbar: h.t(lang, "handout.toolbar"),
				All: h.t(lang, "handout.all"), Print: h.t(lang, "handout.print"),
				// RenderMarkdown leaves out raw HTML and unsafe links.
				Body:  template.HTML(quizzes.RenderMarkdown(src)),
				Other: langLink{"/handouts/" + m.Name + "." + o, o, h.t(o, "lang."+o)}}
			b, err := renderPage(t, p)
			if err != nil {
				return err
			}
			h.handouts[path] = newAsset("handout.html", b)
			list.Items = append(list.Items, handoutItem{path, p.Title, "/handouts/" + m.Name + "." + o, o, h.t(o, "lang."+o)})
		}
		b, err := renderPage(t, list)
		if err != nil {
			return err
		}
		h.handouts["/handouts?lang="+lang] = newAsset("handout.html", b)
	}
	return nil
}

// handoutList serves the list of materials in ?lang=, or else the
// browser's language.
func (h *handler) handoutList(c *fiber.Ctx) error {
	lang := c.Query("lang")
	if lang != "en" && lang != "es" {
		lang = preferredLang(c.Get(fiber.HeaderAcceptLanguage))
	}
	return h.handouts["/handouts?lang="+lang].serve(c)
}

// handoutGet serves /handouts/NAME.LANG; any other name is the one
// not-found page, in the language asked for when it is one of ours.
func (h *handler) handoutGet(c *fiber.Ctx) error {
	file := c.Params("file")
	if a := h.handouts["/handouts/"+file]; a != nil && len(file) <= 64 {
		return a.serve(c)
	}
	lang := file[strings.LastIndexByte(file, '.')+1:]
	if lang != "en" && lang != "es" {
		lang = preferredLang(c.Get(fiber.HeaderAcceptLanguage))
	}
	c.Status(fiber.StatusNotFound)
	c.Type("html", "utf-8")
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Send(h.notFoundOf(notFoundData{pageBase: pageBase{Lang: lang, ServerLang: true}, Handout: true,
		Title: h.t(lang, "notfound.handoutTitle"), Message: h.t(lang, "notfound.handoutMessage"), Link: h.t(lang, "notfound.handoutLink")}))
}

// handoutsJSON lists the materials for the presenter page: names, the
// workshops each goes with, titles and pages in each language.
func (h *handler) handoutsJSON(c *fiber.Ctx) error {
	type entry struct {
		handouts.Material
		Title map[string]string `json:"title"`
		URL   map[string]string `json:"url"`
	}
	out := make([]entry, 0, len(handouts.Materials))
	for _, m := range handouts.Materials {
		e := entry{Material: m, Title: map[string]string{}, URL: map[string]string{}}
		for _, l := range handouts.Langs {
			e.Title[l], e.URL[l] = handouts.Title(m.Name, l), "/handouts/"+m.Name+"."+l
		}
		out = append(out, e)
	}
	return c.JSON(fiber.Map{"materials": out})
}
