package quizzes

import (
	"strings"
	"unicode"
)

// slideKeys are Roundtable's directives that hold one value for the slide
// they are on. The text directives (note and explanation) are read by
// textComment.
var slideKeys = map[string]bool{"question": true, "id": true, "check": true, "answer": true, "results": true, "countdown": true,
	"max": true, "moderation": true, "entries": true, "scale": true, "low": true, "high": true, "range": true, "step": true,
	"tolerance": true, "accept": true, "prefer-not": true, "reactions": true,
	"slide": true, "open": true}

// pickOptions decides which lines of a slide are a question's options, and
// reports whether the slide has a task list. With a task list (the first
// syntax: - [x] right, - [ ] wrong) its items are the options, as always.
// Without one, on a question slide, the items of the slide's last list are
// the options (the answer key is then an answer: directive). Every other
// list item, and each line that continues one, is ordinary slide text.
func pickOptions(lines []slideLine, isQ bool) (hasTask bool) {
	for _, l := range lines {
		if l.role == roleOption {
			hasTask = true
			break
		}
	}
	useItems := isQ && !hasTask
	last := len(lines) // where the last run of plain items starts
	if useItems {
		inList, kind := false, ""
		for i, l := range lines {
			switch {
			case l.role == roleItem:
				// A new kind of marker starts a new list, as in CommonMark.
				if k := markerKind(l.raw); !inList || k != kind {
					last, inList, kind = i, true, k
				}
			case l.role == roleOptionMore, l.role == roleBody && isBlank(l.raw):
				// a list goes on over blank and indented lines
			default:
				inList = false
			}
		}
	}
	owner := roleBody // what the item above a continuation line became
	for i := range lines {
		l := &lines[i]
		switch l.role {
		case roleOption:
			owner = roleOption
		case roleItem:
			if useItems && i >= last {
				l.role = roleOption
			} else {
				l.role = roleBody
			}
			owner = l.role
		case roleOptionMore:
			if owner != roleOption {
				l.role = roleBody
			}
		}
	}
	return hasTask
}

// textComment reads a comment that is not a one-value directive: one that
// starts with "note:" or "notes:" is a presenter note (without that word),
// one that starts with "explanation:" (or "explicación:") is the question's
// explanation, and any other is a presenter note as written. It returns
// notes with the comment's note added.
func (p *deckParser) textComment(content string, at int, dirs map[string]directive, notes []string) []string {
	m := textDirRe.FindStringSubmatch(content)
	if m == nil {
		return append(notes, content)
	}
	v := strings.TrimSpace(m[2])
	if strings.HasPrefix(strings.ToLower(m[1]), "note") {
		if v != "" {
			notes = append(notes, v)
		}
		return notes
	}
	if prev, ok := dirs["explanation"]; ok {
		p.errorf(at, "explanation: is given twice on this slide (first on line %d)", prev.line)
		return notes
	}
	if v == "" {
		p.errorf(at, "explanation: needs a value")
	}
	dirs["explanation"] = directive{value: v, line: at}
	return notes
}

// answerKey marks the options an answer: directive names by letter (A is
// the first option) as right.
func (p *deckParser) answerKey(q *Question, dirs map[string]directive, hasTask bool) {
	d, ok := dirs["answer"]
	if !ok || d.value == "" {
		return
	}
	switch {
	case q.Kind == Poll:
		p.errorf(d.line, "a poll has no right answer: remove answer:")
		return
	case q.Kind == Number:
		p.numberAnswer(q, d)
		return
	case q.Kind == Ranking:
		p.errorf(d.line, "a ranking has no right answer: remove answer:")
		return
	case q.Kind == TypeAnswer:
		p.errorf(d.line, "a typeanswer question lists its accepted answers with accept:, not answer:")
		return
	case q.Kind.Valid() && !q.Kind.HasOptions():
		p.errorf(d.line, "a %s question has no right answer: remove answer:", q.Kind)
		return
	}
	if hasTask && len(q.Correct()) > 0 {
		p.errorf(d.line, "the right answer is given twice, by answer: and by [x] marks: keep answer: and write the options as a plain list (- option)")
		return
	}
	seen := map[int]bool{}
	for _, f := range strings.FieldsFunc(d.value, func(r rune) bool { return r == ',' || unicode.IsSpace(r) }) {
		i := -1
		if len(f) == 1 && unicode.IsLetter(rune(f[0])) {
			i = int(unicode.ToUpper(rune(f[0])) - 'A')
		}
		switch {
		case i < 0:
			p.errorf(d.line, "answer: %q is not an option letter (A is the first option, B the second…)", f)
		case i >= len(q.Options):
			p.errorf(d.line, "answer: there is no option %s; the question has %d options", strings.ToUpper(f), len(q.Options))
		case seen[i]:
			p.errorf(d.line, "answer: %s is given twice", strings.ToUpper(f))
		default:
			seen[i] = true
			q.Options[i].Correct = true
		}
	}
}

// markerKind names a list item's kind of marker: "-", "*" or "+" for a
// bullet, "." or ")" for a number.
func markerKind(line string) string {
	t := strings.TrimLeft(line, " ")
	if t == "" {
		return ""
	}
	if strings.IndexByte("-*+", t[0]) >= 0 {
		return t[:1]
	}
	t = strings.TrimLeft(t, "0123456789")
	if t == "" {
		return ""
	}
	return t[:1]
}
