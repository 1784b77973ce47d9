package convert

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
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
				bad[i] = sourceMessage(p.Message, i, starts, rep)
			}
		}
		if len(bad) == 0 && out != nil {
			seen := map[string]bool{}
			for _, p := range warn {
				if i := slideAt(starts, p.Line); i >= 0 && i < len(rep.Taken) {
					msg := sourceMessage(p.Message, i, starts, rep)
					if key := fmt.Sprint(i, msg); !seen[key] { // one line per warning, however often the parser gives it
						seen[key] = true
						rep.Taken[i].Reason += "; warning: " + msg
					}
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

var deckLineRE = regexp.MustCompile(`( \(first)? on line (\d+)\)?| \(line (\d+)\)`)

// sourceMessage rewrites a parser message about slide i so that it cites
// the source file, not the generated deck: a reference to a line of the
// same slide is dropped, one to another slide names where that came from.
func sourceMessage(msg string, i int, starts []int, rep *Report) string {
	unit := firstNonEmpty(rep.Unit, "line")
	return deckLineRE.ReplaceAllStringFunc(msg, func(m string) string {
		sub := deckLineRE.FindStringSubmatch(m)
		n, _ := strconv.Atoi(firstNonEmpty(sub[2], sub[3]))
		j := slideAt(starts, n)
		if j == i || j < 0 || j >= len(rep.Taken) {
			return ""
		}
		src := rep.Taken[j].Line
		switch {
		case sub[1] != "":
			return fmt.Sprintf(" (first on %s %d)", unit, src)
		case sub[3] != "":
			return fmt.Sprintf(" (%s %d)", unit, src)
		}
		return fmt.Sprintf(" on %s %d", unit, src)
	})
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
