package convert

import (
	"fmt"

	"github.com/roundtable-kit/roundtable/quizzes"
)

// voiceRow reads a sheet row whose type column names open text, a word
// cloud or a typed answer (Kahoot's "Open-ended", "Word cloud" and "Type
// answer", Quizizz's "Open-Ended" and "Fill-in-the-Blank", Google Forms'
// "Paragraph" and "Short answer"). A typed answer accepts the right
// options when the correct-answer column names some, every option when it
// is empty, or the correct-answer cell's own text when there are no
// options; with none it becomes open text, as a choice row without a right
// answer becomes a poll.
func (t *table) voiceRow(line int, prompt string, kind quizzes.Kind, optCells, cells []string) draft {
	c := t.c
	cell := func(i int) string {
		if i < 0 || i >= len(cells) {
			return ""
		}
		return unformula(cells[i])
	}
	d := draft{line: line, prompt: prompt, kind: kind, name: cell(c.name)}
	d.explanation = escapeBlock(cell(c.explain))
	var texts []string
	for _, o := range optCells {
		if o = oneLine(o); o != "" {
			texts = append(texts, o)
		}
	}
	if len(c.option) == 0 {
		for _, o := range splitOptions(cell(c.options)) {
			if o = oneLine(o); o != "" {
				texts = append(texts, o)
			}
		}
	}
	for _, i := range c.wrong {
		if w := oneLine(cell(i)); w != "" {
			d.notes = append(d.notes, fmt.Sprintf("wrong answer %q left out", clip(w, 30)))
		}
	}
	if fr, fw := cell(c.fbRight), cell(c.fbWrong); fr != "" || fw != "" {
		d.notes = append(d.notes, "its feedback for right and wrong answers is left out")
	}
	if img := cell(c.image); img != "" {
		d.notes = append(d.notes, fmt.Sprintf("image link %q ignored", clip(img, 60)))
	}
	spec := cell(c.correct)
	if kind == quizzes.TypeAnswer {
		var accepted []string
		switch {
		case len(texts) == 0 || c.rightText:
			accepted = splitOptions(spec)
		case spec == "":
			accepted = texts
		default:
			right, err := correctAnswers(spec, texts, len(texts), c.byText)
			if err != nil {
				accepted = splitOptions(spec)
			}
			for _, k := range right {
				accepted = append(accepted, texts[k])
			}
		}
		seen := map[string]bool{}
		var dropped []string
		for _, a := range accepted {
			if a = oneLine(a); a == "" {
				continue
			}
			if why := acceptable(a, seen); why != "" {
				dropped = append(dropped, fmt.Sprintf("%q (%s)", clip(a, 30), why))
				continue
			}
			d.voice.Accept = append(d.voice.Accept, a)
		}
		if len(dropped) > 0 {
			d.notes = append(d.notes, "accepted answers left out: "+listSome(dropped, ", "))
		}
		if len(d.voice.Accept) == 0 {
			d.kind = quizzes.OpenText
			d.notes = append(d.notes, "no accepted answer, so it became open text")
		}
		return d
	}
	if len(texts) > 0 {
		d.notes = append(d.notes, fmt.Sprintf("its %d options are left out: %s", len(texts), kindWithout(kind)))
	}
	if spec != "" {
		d.notes = append(d.notes, fmt.Sprintf("its correct answer %q is left out: %s", clip(spec, 30), kindWithout(kind)))
	}
	return d
}
