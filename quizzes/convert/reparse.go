package convert

import (
	"fmt"
	"slices"
	"strings"

	"github.com/roundtable-kit/roundtable/quizzes"
)

// reparse writes the built deck as Markdown and returns what quizzes.Parse
// reads from it, so an imported deck is exactly what the author gets when
// they save and reopen it. A slide the parser rejects (a rule no reader
// foresaw) moves from taken to skipped with the parser's message instead of
// failing the whole import.
func reparse(d *quizzes.Deck, rep *Report) (*quizzes.Deck, error) {
	for range 3 {
		md, starts := toMarkdown(d)
		out, probs := quizzes.Parse(d.ID, md)
		bad := map[int]string{} // slide index → first error on it
		var warn []quizzes.Problem
		for _, p := range probs {
			i := slideAt(starts, p.Line)
			switch {
			case p.Severity != quizzes.Error:
				warn = append(warn, p)
			case i < 0:
				return nil, fmt.Errorf("the imported deck does not parse: line %d: %s", p.Line, p.Message)
			case bad[i] == "":
				bad[i] = p.Message
			}
		}
		if len(bad) == 0 && out != nil {
			for _, p := range warn {
				if i := slideAt(starts, p.Line); i >= 0 && i < len(rep.Taken) {
					rep.Taken[i].Reason += "; warning: " + p.Message
				}
			}
			return out, nil
		}
		var keep []quizzes.Slide
		var taken []Item
		for i, s := range d.Slides {
			if msg, ok := bad[i]; ok {
				it := rep.Taken[i]
				it.Reason = "the deck parser rejects it: " + msg
				rep.Skipped = insertByLine(rep.Skipped, it)
				continue
			}
			keep = append(keep, s)
			taken = append(taken, rep.Taken[i])
		}
		d.Slides, rep.Taken = keep, taken
		if len(keep) == 0 {
			return nil, fmt.Errorf("nothing could be read: the deck parser rejects every slide")
		}
	}
	return nil, fmt.Errorf("the imported deck does not parse")
}

// slideAt returns the index of the slide holding a Markdown line, or -1 for
// the front matter.
func slideAt(starts []int, line int) int {
	i, _ := slices.BinarySearch(starts, line+1)
	return i - 1
}

func insertByLine(items []Item, it Item) []Item {
	i := len(items)
	for i > 0 && items[i-1].Line > it.Line {
		i--
	}
	return slices.Insert(items, i, it)
}

// parseProblems is the parser's report on Markdown, one line each, for tests
// and messages.
func parseProblems(probs []quizzes.Problem) string {
	var b strings.Builder
	for _, p := range probs {
		b.WriteString(p.String() + "\n")
	}
	return b.String()
}
