package quizzes

import (
	"fmt"
	"reflect"
	"regexp"
	"strings"
)

var directiveLineRe = regexp.MustCompile(`^<!--[^>]*-->[ \t]*$`)

var taskMarkRe = regexp.MustCompile(`^( {0,3}(?:[-*+]|[0-9]{1,9}[.)])[ \t]+)\[[ xX]\](?:[ \t]+|$)`)

// MarpSafe rewrites a deck written in the first syntax so that Marp draws
// no answer key, explanation or note on a slide: on each question slide the
// task list's [x] and [ ] marks go and an <!-- answer: … --> directive names
// the right options, and an "Explanation:" or "Note:" paragraph (to the end
// of its region, as the parser reads it) is wrapped in an HTML comment. The
// deck parses to the same slides, questions and notes as before (this is
// checked). A deck already in the new syntax comes back unchanged. It
// fails when the deck has errors or when a part cannot be rewritten this
// way (a region holding an HTML comment, a list after the options).
func MarpSafe(src []byte) ([]byte, error) {
	was, probs := Parse("deck", src)
	if HasErrors(probs) {
		return nil, fmt.Errorf("the deck has errors; fix them first: %v", probs)
	}
	text := strings.TrimPrefix(string(src), "\ufeff")
	text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
	p := &deckParser{lines: strings.Split(text, "\n")}
	out := append([]string(nil), p.lines...)
	after := map[int]string{} // a line to add after line index i
	var deck Deck
	for _, c := range p.split(p.frontMatter(&deck)) {
		lines, _, dirs := p.classify(c)
		qd, isQ := dirs["question"]
		hasTask := pickOptions(lines, isQ)
		if isQ && hasTask {
			var right []string
			k := 0
			remark := "" // a marker for the options when a list of the same kind comes before them
			for i, l := range lines {
				if l.role != roleOption {
					continue
				}
				if k == 0 {
					j := i - 1
					for j >= 0 && isBlank(lines[j].raw) {
						j--
					}
					if kind := markerKind(l.raw); j >= 0 && !lines[j].code && (itemRe.MatchString(lines[j].raw) || lines[j].role == roleOptionMore) && markerKind(lines[j].raw) == kind {
						remark = map[string]string{"-": "*", "*": "-", "+": "-", ".": ")", ")": "."}[kind]
					}
				}
				if l.checked {
					right = append(right, string(rune('A'+k)))
				}
				line := taskMarkRe.ReplaceAllString(l.raw, "$1")
				if remark != "" {
					at := strings.IndexAny(line, "-*+.)")
					line = line[:at] + remark + line[at+1:]
				}
				out[l.n-1] = line
				k++
			}
			if len(right) > 0 {
				// After the directives that open with the question's.
				at := qd.line - 1
				for _, l := range lines {
					if l.n-1 == at+1 && l.role == roleRemoved && directiveLineRe.MatchString(l.raw) {
						at++
					}
				}
				after[at] = "<!-- answer: " + strings.Join(right, ", ") + " -->"
			}
		}
		for _, r := range []role{roleExplain, roleNote} {
			if r == roleExplain && !isQ {
				continue
			}
			first, last := -1, -1
			for i, l := range lines {
				if l.role == r {
					if first < 0 {
						first = i
					}
					if !isBlank(l.raw) {
						last = i
					}
				}
			}
			if first < 0 {
				continue
			}
			for _, l := range lines[first : last+1] {
				if l.role != r || strings.Contains(l.raw, "<!--") || strings.Contains(l.raw, "-->") {
					return nil, fmt.Errorf("line %d: this explanation or note holds an HTML comment; move it out by hand", l.n)
				}
			}
			out[lines[first].n-1] = "<!-- " + strings.TrimLeft(out[lines[first].n-1], " ")
			out[lines[last].n-1] += " -->"
		}
	}
	var b strings.Builder
	for i, l := range out {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(l)
		if a, ok := after[i]; ok {
			b.WriteString("\n" + a)
		}
	}
	now, probs := Parse("deck", []byte(b.String()))
	if HasErrors(probs) || !sameDeck(was, now) {
		return nil, fmt.Errorf("the rewritten deck would not read the same (a list after a question's options?); rewrite it by hand")
	}
	return []byte(b.String()), nil
}

// sameDeck reports whether two parses hold the same deck, apart from the
// source and the lines slides start on.
func sameDeck(a, b *Deck) bool {
	if a == nil || b == nil || len(a.Slides) != len(b.Slides) {
		return false
	}
	x, y := *a, *b
	x.Source, y.Source, x.Slides, y.Slides = "", "", nil, nil
	if !reflect.DeepEqual(x, y) {
		return false
	}
	for i := range a.Slides {
		s, t := a.Slides[i], b.Slides[i]
		s.Line, t.Line = 0, 0
		if !reflect.DeepEqual(s, t) {
			return false
		}
	}
	return true
}

// MarpHints lists the parts of a deck that Marp draws on a slide although
// they are not for the audience: a question's [x] and [ ] marks, and
// Explanation: and Note: paragraphs. Each is a Warning with the line and the
// Marp-safe way to write it; MarpSafe rewrites them all. The parser itself
// accepts them without a word, since stored sessions re-read old decks.
func MarpHints(src []byte) []Problem {
	text := strings.TrimPrefix(string(src), "\ufeff")
	text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
	p := &deckParser{lines: strings.Split(text, "\n")}
	var deck Deck
	body := p.frontMatter(&deck)
	p.probs = nil
	var out []Problem
	for _, c := range p.split(body) {
		lines, _, dirs := p.classify(c)
		qd, isQ := dirs["question"]
		hasTask := pickOptions(lines, isQ)
		seen := map[role]bool{}
		for _, l := range lines {
			if seen[l.role] {
				continue
			}
			seen[l.role] = true
			switch {
			case l.role == roleOption && isQ && hasTask && strings.EqualFold(qd.value, string(Poll)):
				out = append(out, Problem{l.n, Warning, "Marp draws the [ ] marks on the slide: write a poll's options as a plain list (- option)"})
			case l.role == roleOption && isQ && hasTask:
				out = append(out, Problem{l.n, Warning, "Marp draws the [x] and [ ] marks on the slide, so the answer key shows: write the options as a plain list (- option) and the answer as <!-- answer: B -->"})
			case l.role == roleExplain && isQ:
				out = append(out, Problem{l.n, Warning, "Marp draws this Explanation: paragraph on the slide: write it in a comment, <!-- Explanation: … -->"})
			case l.role == roleNote:
				out = append(out, Problem{l.n, Warning, "Marp draws this Note: paragraph on the slide: write it in a comment, <!-- Note: … -->"})
			}
		}
	}
	return out
}
