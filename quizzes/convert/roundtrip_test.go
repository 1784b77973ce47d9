package convert

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
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
// questions (ids, kinds, prompts, options, explanations). GIFT cannot say
// two things: a true/false question whose options are not the True/False
// words is written as a choice and comes back single, and a pre/post pair
// comes back as two questions, the second id ending "-2" (its GIFT
// name kept as the question's name).
func TestGIFTRoundTrip(t *testing.T) {
	for name, d := range roundTripDecks(t) {
		t.Run(name, func(t *testing.T) {
			gift := ToGIFT(d)
			back, rep, err := ImportWith(d.ID+".gift", gift, Options{Lang: d.Lang})
			if err != nil {
				t.Fatalf("%v\n%s\n%s", err, rep, gift)
			}
			if len(rep.Skipped) > 0 {
				t.Errorf("skipped on the way back:\n%s", rep)
			}
			want := questions(d)
			got := questions(back)
			if len(got) != len(want) {
				t.Fatalf("got %d questions, want %d\n%s", len(got), len(want), gift)
			}
			for i := range want {
				w := *want[i]
				if w.Kind == quizzes.TrueFalse && !trueFalseOrder(w.Options) {
					w.Kind = quizzes.Single
				}
				if w.Check == quizzes.CheckPost {
					w.Name = w.ID // the GIFT name, kept since the id changed
					w.ID += "-2"
				}
				w.Check = ""
				if g, ws := questionString(got[i]), questionString(&w); g != ws {
					t.Errorf("question %d:\ngot  %s\nwant %s", i+1, g, ws)
				}
			}
			if back.Title != d.Title {
				t.Errorf("title: got %q, want %q", back.Title, d.Title)
			}
		})
	}
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
	return fmt.Sprintf("%s %s name=%q check=%q %q %+v expl=%q", q.ID, q.Kind, q.Name, q.Check, q.Prompt, q.Options, q.Explanation)
}
