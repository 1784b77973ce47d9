package results

import (
	"testing"
	"time"

	"github.com/roundtable-kit/roundtable/quizzes"
)

// parse reads a deck as the kit does; a deck with errors fails the test.
func parse(t *testing.T, id, src string) *quizzes.Deck {
	t.Helper()
	d, probs := quizzes.Parse(id, []byte(src))
	if d == nil || quizzes.HasErrors(probs) {
		t.Fatalf("deck %s: %v", id, probs)
	}
	return d
}

var t0 = time.Date(2026, 11, 27, 9, 3, 12, 345e6, time.UTC)

// ans is an answer by participant p on slide, judged right or wrong against
// the deck as the live session does (nil for a poll).
func ans(d *quizzes.Deck, p string, slide int, choice ...int) Answer {
	a := Answer{ParticipantID: p, Slide: slide, Choice: choice, AnsweredAt: t0.Add(time.Duration(len(p)+slide) * time.Second)}
	if slide < len(d.Slides) {
		if q := d.Slides[slide].Question; q != nil {
			a.QuestionID = q.ID
			if q.Kind.Scored() {
				right := q.IsRight(choice)
				a.Correct = &right
			}
		}
	}
	return a
}

// quiz has a single, a poll, a multiple and a slide without a question.
const quiz = `---
title: Safe online
lang: en
---

<!-- question: single -->
<!-- id: pw -->

## Which password is strongest?

- [ ] abc123
- [x] four random words
- [ ] your pet's name

---

<!-- question: poll -->

## How sure are you?

- [ ] Very
- [ ] Not at all

---

# A slide to talk over

---

<!-- question: multiple -->
<!-- id: safe -->

## Which of these are safe?

- [x] A password manager
- [ ] A sticky note
- [x] Two-factor codes
`

// prepost asks "pw" before and after the lesson, "upd" only before, and
// "late" after first (a linter warning, not an error).
const prepost = `---
title: Before and after
lang: en
---

<!-- question: truefalse -->
<!-- id: late -->
<!-- check: post -->

## Updates can wait.

- [ ] True
- [x] False

---

<!-- question: single -->
<!-- id: pw -->
<!-- check: pre -->

## Which password is strongest?

- [ ] abc123
- [x] four random words

---

<!-- question: truefalse -->
<!-- id: upd -->
<!-- check: pre -->

## Phishing mails look sloppy.

- [ ] True
- [x] False

---

# The lesson

---

<!-- question: single -->
<!-- id: pw -->
<!-- check: post -->

## Which password is strongest?

- [ ] abc123
- [x] four random words

---

<!-- question: truefalse -->
<!-- id: late -->
<!-- check: pre -->

## Updates can wait.

- [ ] True
- [x] False
`
