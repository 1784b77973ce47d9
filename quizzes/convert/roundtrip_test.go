package convert

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/roundtable-kit/roundtable/embed"
	"github.com/roundtable-kit/roundtable/quizzes"
)

// roundTripDecks are the decks the exporters must carry over unchanged: the
// importers' output for every sample file, and every built-in deck that
// parses cleanly (one being written may not yet).
func roundTripDecks(t *testing.T) map[string]*quizzes.Deck {
	t.Helper()
	decks := map[string]*quizzes.Deck{}
	for _, in := range goldenInputs(t) {
		data, err := os.ReadFile(in)
		if err != nil {
			t.Fatal(err)
		}
		d, _, err := Import(filepath.Base(in), data)
		if err != nil {
			t.Fatalf("%s: %v", in, err)
		}
		decks[in] = d
	}
	sheets := map[string][][]any{
		"kahoot.xlsx": {{"Question", "Answer 1", "Answer 2", "Answer 3", "Correct answer(s)"},
			{"Pick *one*", "a_b", "<c>", "#d", "2"}, {"Pick two", "x", "y", "z", "1,3"}, {"Sure?", "True", "False", "", "1"}},
		"quizizz.xlsx": {{"Question Text", "Question Type", "Option 1", "Option 2", "Correct Answer", "Answer explanation"},
			{"Vote", "Poll", "Yes", "No", "", ""}, {"Which?", "Checkbox", "1. one", "- two", "1,2", "Note: both"}},
	}
	for name, rows := range sheets {
		d, rep, err := Import(name, xlsx(t, rows))
		if err != nil || len(rep.Skipped) > 0 {
			t.Fatalf("%s: %v\n%s", name, err, rep)
		}
		decks[name] = d
	}
	d, probs := quizzes.Parse("voice", []byte(voiceDeck))
	if len(probs) > 0 {
		t.Fatalf("the voice deck has problems:\n%s", parseProblems(probs))
	}
	decks["voice.md"] = d
	names, _ := fs.Glob(embed.Decks, "*.md")
	for _, name := range names {
		src, err := fs.ReadFile(embed.Decks, name)
		if err != nil {
			t.Fatal(err)
		}
		d, probs := quizzes.Parse(strings.TrimSuffix(name, ".md"), src)
		if quizzes.HasErrors(probs) {
			t.Logf("built-in %s has errors, left out: %s", name, parseProblems(probs))
			continue
		}
		decks["embed/"+name] = d
	}
	return decks
}

// voiceDeck holds every kind of the room's voice with each of its settings
// away from the default, so that the writers must carry them all.
const voiceDeck = `---
title: The room's voice
lang: en
---

<!-- question: open -->
<!-- id: worries -->
<!-- max: 200 -->
<!-- moderation: stream -->
<!-- prefer-not: yes -->

## What worries you most about your child's phone?

Explanation: We read them together afterwards.

---

<!-- question: poll -->
<!-- prefer-not: yes -->

## Would you tell a parent?

- Yes
- No
- It depends

---

<!-- question: wordcloud -->
<!-- entries: 3 -->
<!-- max: 20 -->

## One word: how does the app make you feel?

---

<!-- question: scale -->
<!-- scale: 7 -->
<!-- low: Strongly *disagree* -->
<!-- high: Strongly agree -->
<!-- prefer-not: yes -->

## "Phones should stay out of bedrooms."

---

<!-- question: ranking -->
<!-- id: risks -->

## Put these in order, riskiest first

- Sharing a password
- Sharing a [meme]
- Sharing your address

---

<!-- question: number -->
<!-- range: -10..40.5 -->
<!-- step: 0.5 -->
<!-- answer: 21.5 -->
<!-- tolerance: 2 -->

## What temperature is this room?

---

<!-- question: number -->
<!-- range: 0..500 -->
<!-- prefer-not: yes -->

## How many messages did you send yesterday?

---

<!-- question: typeanswer -->
<!-- id: law -->
<!-- max: 40 -->
<!-- accept: Take It Down | TakeItDown -->
<!-- accept: Take It Down Act -->

## Which law makes platforms remove intimate images?

Explanation: It passed in 2025.

---

<!-- question: qa -->

## Your questions
`

// TestMarkdownRoundTrip: ToMarkdown, then quizzes.Parse, gives back the
// same deck: front matter, slides, notes and questions.
func TestMarkdownRoundTrip(t *testing.T) {
	for name, d := range roundTripDecks(t) {
		t.Run(name, func(t *testing.T) {
			md := ToMarkdown(d)
			back, probs := quizzes.Parse(d.ID, md)
			if quizzes.HasErrors(probs) {
				t.Fatalf("the exported Markdown does not parse:\n%s\n%s", parseProblems(probs), md)
			}
			if got, want := deckHead(back), deckHead(d); got != want {
				t.Errorf("front matter: got %s, want %s", got, want)
			}
			if len(back.Slides) != len(d.Slides) {
				t.Fatalf("got %d slides, want %d", len(back.Slides), len(d.Slides))
			}
			for i := range d.Slides {
				g, w := back.Slides[i], d.Slides[i]
				if g.Title != w.Title || g.Markdown != w.Markdown || g.Notes != w.Notes || g.HTML != w.HTML {
					t.Errorf("slide %d:\ngot  %q %q notes %q\nwant %q %q notes %q", i+1, g.Title, g.Markdown, g.Notes, w.Title, w.Markdown, w.Notes)
				}
				if got, want := questionString(g.Question), questionString(w.Question); got != want {
					t.Errorf("slide %d question:\ngot  %s\nwant %s", i+1, got, want)
				}
			}
		})
	}
}

// TestGIFTRoundTrip: ToGIFT, then the GIFT reader, gives back the same
// questions (ids, kinds, prompts, options, explanations, and the fields of
// typed answers, numbers and open text). GIFT cannot say some things: see
// giftExpected. What it cannot hold at all (scales, rankings, word clouds,
// the Q&A, a number without a true value) is left out and reported.
func TestGIFTRoundTrip(t *testing.T) {
	for name, d := range roundTripDecks(t) {
		t.Run(name, func(t *testing.T) {
			gift, erep := ExportGIFT(d)
			back, rep, err := ImportWith(d.ID+".gift", gift, Options{Lang: d.Lang})
			if err != nil {
				if len(giftExpected(d, erep)) == 0 {
					return // nothing GIFT can hold
				}
				t.Fatalf("%v\n%s\n%s", err, rep, gift)
			}
			if len(rep.Skipped) > 0 {
				t.Errorf("skipped on the way back:\n%s", rep)
			}
			want := giftExpected(d, erep)
			got := questions(back)
			if len(got) != len(want) {
				t.Fatalf("got %d questions, want %d\n%s", len(got), len(want), gift)
			}
			for i := range want {
				if g, ws := questionString(got[i]), questionString(want[i]); g != ws {
					t.Errorf("question %d:\ngot  %s\nwant %s", i+1, g, ws)
				}
			}
			if back.Title != d.Title {
				t.Errorf("title: got %q, want %q", back.Title, d.Title)
			}
		})
	}
}

// giftExpected returns the questions of d as the GIFT reader gives them
// back after ToGIFT: the questions the export report does not list as left
// out, changed in the ways GIFT cannot avoid:
//   - a true/false question whose options are not the True/False words is
//     written as a choice and comes back single;
//   - a pre/post pair comes back as two questions, the second id ending
//     "-2" (its GIFT name kept as the question's name);
//   - a typed answer's or open question's character limit, open text's
//     "show as they come" and "prefer not to answer" are not kept (the
//     report says so), so they come back as the defaults;
//   - a number's step that is not a power of ten at most 1 may not be
//     kept: the report says what it reads back as.
var stepBackRE = regexp.MustCompile(`its step [0-9.]+ is not kept: GIFT has none, and it reads back as ([0-9.]+)`)

func giftExpected(d *quizzes.Deck, erep *Report) []*quizzes.Question {
	left, warned := map[int]bool{}, map[int]string{}
	for _, it := range erep.Skipped {
		left[it.Line] = true
	}
	for _, it := range erep.Warnings {
		warned[it.Line] += it.Reason
	}
	var out []*quizzes.Question
	for _, i := range d.Questions() {
		if left[i+1] {
			continue
		}
		w := *d.Slides[i].Question
		if w.Kind == quizzes.TrueFalse && !trueFalseOrder(w.Options) {
			w.Kind = quizzes.Single
		}
		if w.Check == quizzes.CheckPost {
			w.Name = w.ID
			w.ID += "-2"
		}
		w.Check = ""
		switch w.Kind {
		case quizzes.OpenText:
			w.MaxChars, w.Moderation = quizzes.DefaultOpenChars, quizzes.ModerationQueue
		case quizzes.TypeAnswer:
			w.MaxChars = quizzes.DefaultTypeChars
		case quizzes.Number:
			if m := stepBackRE.FindStringSubmatch(warned[i+1]); m != nil {
				w.Step, _ = strconv.ParseFloat(m[1], 64) // the report must say what comes back
			}
		}
		w.PreferNot = false
		out = append(out, &w)
	}
	return out
}

func questions(d *quizzes.Deck) []*quizzes.Question {
	var out []*quizzes.Question
	for _, i := range d.Questions() {
		out = append(out, d.Slides[i].Question)
	}
	return out
}

func deckHead(d *quizzes.Deck) string {
	return fmt.Sprintf("%q %q %q %q %d %q", d.Title, d.Lang, d.Audience, d.Description, d.Minutes, d.Translation)
}

func questionString(q *quizzes.Question) string {
	if q == nil {
		return "<none>"
	}
	return fmt.Sprintf("%s %s name=%q check=%q %q %+v expl=%q%s", q.ID, q.Kind, q.Name, q.Check, q.Prompt, q.Options, q.Explanation, voiceString(q))
}

// voiceString writes the fields of the room's voice kinds, so that a round
// trip that loses one of them fails.
func voiceString(q *quizzes.Question) string {
	answer := "none"
	if q.Answer != nil {
		answer = fmt.Sprint(*q.Answer + 0)
	}
	// +0 makes -0 read 0: the same number, which GIFT writes one way.
	return fmt.Sprintf(" max=%d mod=%q entries=%d points=%d low=%q high=%q range=%v..%v step=%v answer=%s tol=%v accept=%q prefer-not=%v",
		q.MaxChars, q.Moderation, q.Entries, q.Points, q.Low, q.High, q.Min+0, q.Max+0, q.Step, answer, q.Tolerance+0, q.Accept, q.PreferNot)
}
