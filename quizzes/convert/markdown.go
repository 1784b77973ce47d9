package convert

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/roundtable-kit/roundtable/quizzes"
)

// ToMarkdown writes d in the deck format of docs/DECKS.md, so that
// quizzes.Parse reads back the same slides and questions.
func ToMarkdown(d *quizzes.Deck) []byte {
	md, _ := toMarkdown(d)
	// The deck a teacher gets is the Marp-safe form (answer key, explanation
	// and notes where Marp keeps presenter notes). MarpSafe refuses when the
	// rewrite would not read back as the same deck; the first form is kept.
	if safe, err := quizzes.MarpSafe(md); err == nil {
		return safe
	}
	return md
}

// toMarkdown also returns the line where each slide starts, so that a parser
// problem can be traced back to the slide (and the source item) behind it.
func toMarkdown(d *quizzes.Deck) ([]byte, []int) {
	var b strings.Builder
	b.WriteString("---\n")
	field := func(k, v string) {
		if v = oneLine(v); v != "" {
			b.WriteString(k + ": " + yamlString(v) + "\n")
		}
	}
	field("title", d.Title)
	field("lang", d.Lang)
	field("audience", d.Audience)
	field("description", d.Description)
	if d.Minutes > 0 {
		b.WriteString("minutes: " + strconv.Itoa(d.Minutes) + "\n")
	}
	field("translation", d.Translation)
	b.WriteString("---\n")

	starts := make([]int, len(d.Slides))
	line := strings.Count(b.String(), "\n") + 1
	for i := range d.Slides {
		sep := "\n"
		if i > 0 {
			sep = "\n---\n\n"
		}
		var sb strings.Builder
		writeSlide(&sb, &d.Slides[i])
		line += strings.Count(sep, "\n")
		starts[i] = line
		b.WriteString(sep + sb.String())
		line += strings.Count(sb.String(), "\n")
	}
	return []byte(b.String()), starts
}

func writeSlide(b *strings.Builder, s *quizzes.Slide) {
	var parts []string
	q := s.Question
	if q != nil {
		dir := "<!-- question: " + string(q.Kind) + " -->"
		if q.ID != "" {
			dir += "\n<!-- id: " + q.ID + " -->"
		}
		if q.Check != "" {
			dir += "\n<!-- check: " + q.Check + " -->"
		}
		if q.Results != "" {
			dir += "\n<!-- results: " + q.Results + " -->"
		}
		if q.Countdown > 0 {
			dir += fmt.Sprintf("\n<!-- countdown: %d -->", q.Countdown)
		}
		if n := oneLine(q.Name); n != "" {
			dir += "\n<!-- name: " + commentSafe(n) + " -->"
		}
		for _, v := range voiceDirectives(q) {
			dir += "\n<!-- " + v + " -->"
		}
		parts = append(parts, dir)
	}
	if md := strings.TrimSpace(s.Markdown); md != "" {
		parts = append(parts, md)
	} else if q != nil {
		parts = append(parts, "## "+escapeInline(oneLine(q.Prompt)))
	}
	if q != nil {
		var opts []string
		for _, o := range q.Options {
			box := "- [ ] "
			if o.Correct {
				box = "- [x] "
			}
			if q.Kind == quizzes.Ranking {
				box = "- " // a ranking's items are a plain list
			}
			opts = append(opts, box+escapeInline(oneLine(o.Text)))
		}
		if len(opts) > 0 {
			parts = append(parts, strings.Join(opts, "\n"))
		}
		if meta := optionMeta(q); meta != "" {
			parts = append(parts, meta)
		}
		if e := strings.TrimSpace(q.Explanation); e != "" {
			parts = append(parts, "Explanation: "+e)
		}
	}
	if n := notesText(s.Notes); n != "" {
		parts = append(parts, "Note: "+n)
	}
	b.WriteString(strings.Join(parts, "\n\n"))
	b.WriteString("\n")
}

// optionMeta writes the per-option feedback and weight directives of q,
// one comment a line, or "".
func optionMeta(q *quizzes.Question) string {
	var lines []string
	for i, o := range q.Options {
		letter := string(rune('A' + i))
		if f := strings.TrimSpace(o.Feedback); f != "" {
			lines = append(lines, "<!-- feedback "+letter+": "+commentSafe(f)+" -->")
		}
		if o.Weight != 0 {
			lines = append(lines, "<!-- weight "+letter+": "+quizzes.FormatWeight(o.Weight)+" -->")
		}
	}
	return strings.Join(lines, "\n")
}

// commentSafe keeps text from ending its HTML comment early: "-->" becomes
// "--\>", which Markdown shows as "-->".
func commentSafe(s string) string { return strings.ReplaceAll(s, "-->", `--\>`) }

// notesText keeps notes as written, except that a "---" line gets a space
// in front so that it cannot start a new slide.
func notesText(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	for i, l := range lines {
		if strings.TrimRight(l, " \t") == "---" {
			lines[i] = " " + l
		}
	}
	return strings.Join(lines, "\n")
}

var yamlPlainRE = regexp.MustCompile(`^[\p{L}\p{N}][\p{L}\p{N} .,()'’?!/-]*$`)

// yamlString writes a front-matter value plainly when YAML would read it
// back unchanged, and double-quoted otherwise.
func yamlString(s string) string {
	if yamlPlainRE.MatchString(s) && !yamlSpecialWord(s) {
		return s
	}
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			b.WriteString(`\x` + strconv.FormatInt(int64(r)+0x100, 16)[1:])
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// yamlSpecialWord reports plain scalars that YAML would not read as a
// string (booleans, null, numbers).
func yamlSpecialWord(s string) bool {
	switch strings.ToLower(s) {
	case "true", "false", "yes", "no", "on", "off", "null", "y", "n":
		return true
	}
	_, err := strconv.ParseFloat(s, 64)
	return err == nil
}
