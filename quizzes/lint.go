package quizzes

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

var idRe = regexp.MustCompile(`^[A-Za-z0-9._-]+$`)

// validID reports whether s may be a question or deck id: letters, digits,
// "-", "_" and ".", at most MaxQuestionID bytes.
func validID(s string) bool { return len(s) <= MaxQuestionID && idRe.MatchString(s) }

// lintQuestion checks one question's options against its kind. line is the
// question directive's line, optLines the line of each option.
func lintQuestion(q *Question, line int, optLines []int) []Problem {
	var probs []Problem
	add := func(sev Severity, at int, format string, args ...any) {
		probs = append(probs, Problem{at, sev, fmt.Sprintf(format, args...)})
	}
	if !q.Kind.Valid() {
		add(Error, line, "unknown question kind %q: use single, multiple, truefalse, poll, open, wordcloud, scale, ranking, number, typeanswer, qa or feedback", string(q.Kind))
	}
	if q.Kind.Valid() && !q.Kind.HasOptions() {
		return probs // its list, if any, is slide content
	}
	n := len(q.Options)
	switch {
	case n == 0 && q.Kind == Ranking:
		add(Error, line, "a ranking has no items: write them as a list (- item), %d to %d", MinRankItems, MaxOptions)
		return probs
	case n == 0:
		add(Error, line, "the question has no options: write them as a list (- option) and name the right ones with <!-- answer: A -->")
		return probs
	case q.Kind == TrueFalse && n != 2:
		add(Error, line, "a truefalse question has exactly 2 options; this one has %d", n)
	case n < MinChoiceOption:
		add(Error, line, "too few options: %d; a question needs at least %d", n, MinChoiceOption)
	case n > MaxOptions:
		add(Error, optLines[MaxOptions], "too many options: %d; the limit is %d", n, MaxOptions)
	}
	seen := map[string]int{}
	for i, o := range q.Options {
		switch r := utf8.RuneCountInString(o.Text); {
		case r == 0:
			add(Error, optLines[i], "empty option")
		case r > MaxOptionRunes:
			add(Error, optLines[i], "the option is %d characters; the limit is %d", r, MaxOptionRunes)
		}
		if prev, ok := seen[strings.ToLower(o.Text)]; ok && o.Text != "" {
			add(Warning, optLines[i], "option %q is listed twice (first on line %d)", o.Text, prev)
		} else {
			seen[strings.ToLower(o.Text)] = optLines[i]
		}
	}
	right := len(q.Correct())
	switch q.Kind {
	case Single, TrueFalse:
		if right != 1 {
			add(Error, line, "a %s question needs exactly one right option (<!-- answer: B --> or one [x]); this one has %d", q.Kind, right)
		}
	case Multiple:
		if right == 0 {
			add(Error, line, "a multiple question needs at least one right option (<!-- answer: A, C --> or [x] marks)")
		}
	case Poll:
		if right > 0 {
			add(Error, optLines[q.Correct()[0]], "a poll has no right answer: remove its [x] marks")
		}
	case Ranking:
		if right > 0 {
			add(Error, optLines[q.Correct()[0]], "a ranking has no right answer: remove its [x] marks")
		}
	}
	if !q.Kind.Scored() {
		for i, o := range q.Options {
			if o.Weight != 0 {
				add(Error, line, "weight %c: a %s question has no right answer to weigh", 'A'+i, q.Kind)
			}
		}
	}
	return probs
}

// lintIDs checks question ids across the deck: an id may repeat only once,
// as a pre-check and a post-check of the same kind and size.
func (p *deckParser) lintIDs(deck *Deck) {
	byID := map[string][]questionSite{}
	var order []string
	for _, site := range p.qs {
		id := deck.Slides[site.slide].Question.ID
		if byID[id] == nil {
			order = append(order, id)
		}
		byID[id] = append(byID[id], site)
	}
	for _, id := range order {
		sites := byID[id]
		first := deck.Slides[sites[0].slide].Question
		if len(sites) > 2 {
			for _, s := range sites[1:] {
				p.errorf(s.line, "duplicate id %q (first on line %d): an id may repeat only once, as a pre/post check pair", id, sites[0].line)
			}
			continue
		}
		if len(sites) == 1 {
			if first.Check == CheckPre {
				p.warnf(sites[0].line, "pre-check %q has no post-check: ask it again later with the same id and <!-- check: post -->", id)
			}
			continue
		}
		second, at := deck.Slides[sites[1].slide].Question, sites[1].line
		switch {
		case first.Check == "" || second.Check == "" || first.Check == second.Check:
			p.errorf(at, "duplicate id %q (first on line %d): a repeated id must be a pre/post pair, one with <!-- check: pre --> and one with <!-- check: post -->", id, sites[0].line)
		case first.Kind != second.Kind:
			p.errorf(at, "the pre/post pair %q must be the same kind: %s on line %d, %s here", id, first.Kind, sites[0].line, second.Kind)
		case len(first.Options) != len(second.Options):
			p.errorf(at, "the pre/post pair %q must have the same number of options: %d on line %d, %d here", id, len(first.Options), sites[0].line, len(second.Options))
		case first.Check == CheckPost:
			p.warnf(at, "the pre-check %q comes after its post-check (line %d)", id, sites[0].line)
		}
	}
}

// CheckTwins checks that a and b are the same deck in two languages, so that
// a session can switch between them slide by slide: same slides, same
// question ids, kinds, option counts, check marks and right options, and
// different languages. Problems carry b's slide lines.
func CheckTwins(a, b *Deck) []Problem {
	if a == nil || b == nil {
		return []Problem{{0, Error, "a twin deck is missing"}}
	}
	var probs []Problem
	add := func(line int, format string, args ...any) {
		probs = append(probs, Problem{line, Error, fmt.Sprintf(format, args...)})
	}
	if a.Lang == b.Lang {
		add(0, "%s and %s are both lang %q; twins must be in different languages", a.ID, b.ID, a.Lang)
	}
	if a.Translation != "" && a.Translation != b.ID {
		add(0, "%s names %q as its translation, not %s", a.ID, a.Translation, b.ID)
	}
	if b.Translation != "" && b.Translation != a.ID {
		add(0, "%s names %q as its translation, not %s", b.ID, b.Translation, a.ID)
	}
	if a.Translation == b.ID && b.Translation == "" {
		add(0, "%s names %s as its translation, but %s names none", a.ID, b.ID, b.ID)
	}
	if b.Translation == a.ID && a.Translation == "" {
		add(0, "%s names %s as its translation, but %s names none", b.ID, a.ID, a.ID)
	}
	if a.Handout != b.Handout {
		add(0, "%s offers the handout %q and %s %q; twins offer the same one (in each phone's language)", a.ID, a.Handout, b.ID, b.Handout)
	}
	if (a.Share == "") != (b.Share == "") {
		add(0, "%s and %s must both offer share: or neither (Share your experience)", a.ID, b.ID)
	}
	if len(a.Slides) != len(b.Slides) {
		add(0, "%s has %d slides and %s has %d", a.ID, len(a.Slides), b.ID, len(b.Slides))
	}
	// Roles are stored as an option's position, so both lists must match.
	if (a.Join == nil) != (b.Join == nil) || a.Join != nil && len(a.Join.Options) != len(b.Join.Options) {
		add(0, "%s and %s must ask the same join-question: the same number of options, in the same order", a.ID, b.ID)
	}
	for i := range min(len(a.Slides), len(b.Slides)) {
		qa, qb, line, n := a.Slides[i].Question, b.Slides[i].Question, b.Slides[i].Line, i+1
		if ra, rb := a.Slides[i].Resources, b.Slides[i].Resources; ra != rb {
			x, y := a.ID, b.ID
			if rb {
				x, y = y, x
			}
			add(line, "slide %d shows the local contacts in %s but not in %s", n, x, y)
		}
		switch {
		case qa == nil && qb == nil:
			continue
		case qa == nil:
			add(line, "slide %d is a question in %s but not in %s", n, b.ID, a.ID)
			continue
		case qb == nil:
			add(line, "slide %d is a question in %s but not in %s", n, a.ID, b.ID)
			continue
		}
		if qa.ID != qb.ID {
			add(line, "slide %d: question id %q in %s but %q in %s", n, qa.ID, a.ID, qb.ID, b.ID)
		}
		if qa.Kind != qb.Kind {
			add(line, "slide %d: kind %s in %s but %s in %s", n, qa.Kind, a.ID, qb.Kind, b.ID)
		}
		if len(qa.Options) != len(qb.Options) {
			add(line, "slide %d: %d options in %s but %d in %s", n, len(qa.Options), a.ID, len(qb.Options), b.ID)
		} else if !slices.Equal(qa.Correct(), qb.Correct()) {
			add(line, "slide %d: right options %v in %s but %v in %s", n, optionLetters(qa.Correct()), a.ID, optionLetters(qb.Correct()), b.ID)
		}
		if qa.Points != qb.Points || qa.Entries != qb.Entries || qa.Min != qb.Min || qa.Max != qb.Max || qa.Step != qb.Step ||
			qa.PreferNot != qb.PreferNot || (qa.Answer == nil) != (qb.Answer == nil) || (qa.Answer != nil && *qa.Answer != *qb.Answer) {
			add(line, "slide %d: the %s question is set differently in %s and %s (scale, entries, range, step, answer or prefer-not)", n, qb.Kind, a.ID, b.ID)
		}
		if (qa.Open == "") != (qb.Open == "") {
			add(line, "slide %d: the feedback question asks an open question in one of %s and %s but not the other", n, a.ID, b.ID)
		}
		if qa.Check != qb.Check {
			add(line, "slide %d: check %q in %s but %q in %s", n, qa.Check, a.ID, qb.Check, b.ID)
		}
	}
	return probs
}

// optionLetters names option indexes as the phones show them: A, B, C…
func optionLetters(idx []int) string {
	var s []string
	for _, i := range idx {
		s = append(s, string(rune('A'+i)))
	}
	if len(s) == 0 {
		return "(none)"
	}
	return strings.Join(s, ",")
}
