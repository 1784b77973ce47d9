package quizzes

import (
	"os"
	"reflect"
	"strings"
	"testing"
)

// TestParseFullDeck reads a deck that uses every part of the format and
// checks what each part became.
func TestParseFullDeck(t *testing.T) {
	src, err := os.ReadFile("testdata/full.en.md")
	if err != nil {
		t.Fatal(err)
	}
	d, probs := Parse("full.en", src)
	if len(probs) > 0 {
		t.Fatalf("problems: %v", probs)
	}
	want := Deck{ID: "full.en", Title: "Staying Safe Online", Lang: "en", Audience: "parents",
		Description: "A short test deck with every part of the format.", Minutes: 20, Translation: "full.es", Source: string(src)}
	got := *d
	got.Slides = nil
	if !reflect.DeepEqual(got, want) {
		t.Errorf("deck:\n got %+v\nwant %+v", got, want)
	}
	if len(d.Slides) != 8 {
		t.Fatalf("got %d slides, want 8", len(d.Slides))
	}

	s := d.Slides[0]
	check(t, "slide 1 title", s.Title, "Staying Safe Online")
	check(t, "slide 1 markdown", s.Markdown, "# Staying Safe Online\n\nA roundtable for *families*.")
	check(t, "slide 1 html", s.HTML, "<h1>Staying Safe Online</h1>\n<p>A roundtable for <em>families</em>.</p>\n")
	check(t, "slide 1 notes", s.Notes, "Welcome everyone. Answers are anonymous.")
	if s.Line != 13 || s.Question != nil {
		t.Errorf("slide 1: line %d, question %v; want 13, nil", s.Line, s.Question)
	}

	s = d.Slides[1]
	wantQ := &Question{ID: "chk-talk", Kind: Single, Prompt: "When is a good time to talk?", Check: CheckPre,
		Options:         []Option{{Text: "After something goes wrong", Correct: false}, {Text: "A relaxed moment, starting with what they enjoy", Correct: true}},
		Explanation:     "A calm start makes it a conversation.\n\nIt also shows real interest.",
		ExplanationHTML: "<p>A calm start makes it a conversation.</p>\n<p>It also shows real interest.</p>\n"}
	if !reflect.DeepEqual(s.Question, wantQ) {
		t.Errorf("slide 2 question:\n got %+v\nwant %+v", s.Question, wantQ)
	}
	check(t, "slide 2 markdown", s.Markdown, "## When is a good time to talk?")
	check(t, "slide 2 notes", s.Notes, "Do not reveal yet.\nKeep it short.")

	s = d.Slides[2]
	check(t, "slide 3 markdown", s.Markdown, "# Code can hold separators\n\n```markdown\n---\n<!-- question: single -->\n- [x] not an option\n```")
	check(t, "slide 3 notes", s.Notes, "The fence above is not split.")
	if !strings.Contains(s.HTML, "&lt;!-- question: single --&gt;") {
		t.Errorf("slide 3 html %q: want the comment shown as code", s.HTML)
	}

	q := d.Slides[3].Question
	wantOpts := []Option{{Text: "Your favorite sport", Correct: true}, {Text: "Your home address", Correct: false},
		{Text: "A drawing you made, with a long caption", Correct: true}, {Text: "2020. A year to remember", Correct: false}}
	if q.ID != "s4" || q.Kind != Multiple || !reflect.DeepEqual(q.Options, wantOpts) {
		t.Errorf("slide 4 question: got %+v", q)
	}

	q = d.Slides[4].Question
	check(t, "slide 5 prompt (first paragraph)", q.Prompt, "Private accounts are seen only by friends.")
	check(t, "slide 5 title", d.Slides[4].Title, "")
	if q.Kind != TrueFalse || q.ID != "tf-private" || !reflect.DeepEqual(q.Correct(), []int{1}) {
		t.Errorf("slide 5 question: got %+v", q)
	}

	if q := d.Slides[5].Question; q.Kind != Poll || len(q.Options) != 3 || q.Correct() != nil || q.ID != "s6" {
		t.Errorf("slide 6 question: got %+v", q)
	}
	for _, frag := range []string{"<table>", `<a href="https://takeitdown.ncmec.org">Take It Down</a>`, "<del>Ignore it</del>"} {
		if !strings.Contains(d.Slides[6].HTML, frag) {
			t.Errorf("slide 7 html %q: want %q", d.Slides[6].HTML, frag)
		}
	}
	if q := d.Slides[7].Question; q.ID != "chk-talk" || q.Check != CheckPost {
		t.Errorf("slide 8 question: got %+v", q)
	}
	if got := d.Questions(); !reflect.DeepEqual(got, []int{1, 3, 4, 5, 7}) {
		t.Errorf("Questions() = %v", got)
	}
}

func check(t *testing.T, what, got, want string) {
	t.Helper()
	if got != want {
		t.Errorf("%s: got %q, want %q", what, got, want)
	}
}

// TestParseSplitting covers where slides start and end.
func TestParseSplitting(t *testing.T) {
	tests := []struct {
		name   string
		body   string
		titles []string
	}{
		{"blank line before", "# A\n\n---\n\n# B\n", []string{"A", "B"}},
		{"separator right after front matter", "---\n\n# A\n", []string{"A"}},
		{"trailing spaces", "# A\n\n---  \n# B\n", []string{"A", "B"}},
		{"under text is a heading", "# A\n\nB\n---\n", []string{"A"}},
		{"four dashes are a rule", "# A\n\n----\n\n# B\n", []string{"A"}},
		{"tilde fence", "# A\n\n~~~\n\n---\n\n~~~\n", []string{"A"}},
		{"long fence closes only on a long fence", "# A\n\n````\n```\n\n---\n\n````\n\n---\n\n# B\n", []string{"A", "B"}},
		{"comment spanning a separator", "# A\n\n<!--\n\n---\n\n-->\n\n---\n\n# B\n", []string{"A", "B"}},
		{"CRLF line ends", "# A\r\n\r\n---\r\n\r\n# B\r\n", []string{"A", "B"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, _ := Parse("t", withFM(tt.body))
			var got []string
			for _, s := range d.Slides {
				got = append(got, s.Title)
			}
			if !reflect.DeepEqual(got, tt.titles) {
				t.Errorf("titles: got %q, want %q", got, tt.titles)
			}
		})
	}
}

// TestParseNotesAndDirectives checks what is hidden from the audience.
func TestParseNotesAndDirectives(t *testing.T) {
	body := "<!-- question: poll --> <!-- id: p1 -->\n\n# Q\n\n<!--\nA note over\ntwo lines\n-->\n\n- [ ] a\n- [ ] b\n\nExplanation: Why.\n\nnotes: the rest\n<!-- id-like: no -->\n"
	d, probs := Parse("t", withFM(body))
	if len(probs) != 1 || probs[0].Line != 20 || !strings.HasPrefix(probs[0].Message, `unknown directive "id-like"`) {
		t.Errorf("problems: %v", probs)
	}
	s := d.Slides[0]
	check(t, "notes", s.Notes, "A note over\ntwo lines\nthe rest")
	check(t, "markdown", s.Markdown, "# Q")
	if q := s.Question; q == nil || q.ID != "p1" || q.Kind != Poll || q.Explanation != "Why." {
		t.Errorf("question: %+v", q)
	}
}

func TestProblemString(t *testing.T) {
	check(t, "error", Problem{3, Error, "bad"}.String(), "3: bad")
	check(t, "warning", Problem{4, Warning, "odd"}.String(), "4: warning: odd")
	check(t, "no line", Problem{0, Error, "bad"}.String(), "bad")
	if HasErrors([]Problem{{1, Warning, "w"}}) || !HasErrors([]Problem{{1, Warning, "w"}, {2, Error, "e"}}) {
		t.Error("HasErrors is wrong")
	}
}

// TestParseConcurrent parses from many goroutines at once, as handlers do;
// run with -race it shows the shared goldmark instance is safe.
func TestParseConcurrent(t *testing.T) {
	src, err := os.ReadFile("testdata/full.en.md")
	if err != nil {
		t.Fatal(err)
	}
	want, _ := Parse("full.en", src)
	done := make(chan *Deck)
	for range 8 {
		go func() {
			d, _ := Parse("full.en", src)
			done <- d
		}()
	}
	for range 8 {
		if d := <-done; !reflect.DeepEqual(d, want) {
			t.Error("a concurrent parse differs")
		}
	}
}

// TestParseAnswerKey reads one question in both syntaxes: the first one
// (a task list) and the Marp-safe one (a plain list, an answer: directive,
// the explanation and note in comments). Both give the same question.
func TestParseAnswerKey(t *testing.T) {
	old := "<!-- question: multiple -->\n<!-- id: q -->\n\n## Which?\n\n- [x] One\n- [ ] Two\n- [x] Three\n  continued\n\n" +
		"Explanación: not an explanation.\n\nExplanation: Because *one*.\n\nAnd three.\n\nNote: Ask first.\n"
	marp := "<!-- question: multiple -->\n<!-- id: q -->\n<!-- answer: A, C -->\n\n## Which?\n\nSome context:\n\n- a bullet\n- another\n\n" +
		"1. One\n2. Two\n3. Three\n   continued\n\nExplanación: not an explanation.\n\n<!--\nExplanation: Because *one*.\n\nAnd three.\n-->\n\n<!-- Note: Ask first. -->\n"
	a, probs := Parse("a", withFM(old))
	if len(probs) > 0 {
		t.Fatalf("old: %v", probs)
	}
	b, probs := Parse("b", withFM(marp))
	if len(probs) > 0 {
		t.Fatalf("new: %v", probs)
	}
	want := &Question{ID: "q", Kind: Multiple, Prompt: "Which?",
		Options:     []Option{{Text: "One", Correct: true}, {Text: "Two"}, {Text: "Three continued", Correct: true}},
		Explanation: "Because *one*.\n\nAnd three.", ExplanationHTML: "<p>Because <em>one</em>.</p>\n<p>And three.</p>\n"}
	for _, d := range []*Deck{a, b} {
		if !reflect.DeepEqual(d.Slides[0].Question, want) {
			t.Errorf("%s: question\n got %+v\nwant %+v", d.ID, d.Slides[0].Question, want)
		}
		check(t, d.ID+" notes", d.Slides[0].Notes, "Ask first.")
	}
	check(t, "old markdown", a.Slides[0].Markdown, "## Which?\n\nExplanación: not an explanation.")
	check(t, "new markdown (only the last list is the options)", b.Slides[0].Markdown,
		"## Which?\n\nSome context:\n\n- a bullet\n- another\n\nExplanación: not an explanation.")
}

// TestParsePlainMarpDeck reads a deck written for Marp alone: no title, a
// region tag for lang, Marp's settings, slides cut by headingDivider,
// emoji shortcodes and a data: image.
func TestParsePlainMarpDeck(t *testing.T) {
	src := "---\nmarp: true\ntheme: uncover\nlang: es-MX\nheadingDivider: 2\npaginate: true\n---\n\n" +
		"<!-- _class: lead -->\n# Hola :wave:\n\nUna charla.\n\n## Primero\n\n- uno\n\n```\n# not a heading\n```\n\n### Detalle\n\n## Segundo :smile:\n\n![x](data:image/png;base64,iVBORw0KGgo=)\n"
	d, probs := Parse("plain", []byte(src))
	if len(probs) > 0 {
		t.Fatalf("problems: %v", probs)
	}
	check(t, "title", d.Title, "Hola 👋")
	check(t, "lang", d.Lang, "es")
	var titles []string
	for _, s := range d.Slides {
		titles = append(titles, s.Title)
	}
	if !reflect.DeepEqual(titles, []string{"Hola 👋", "Primero", "Segundo 😄"}) {
		t.Errorf("slides: %q", titles)
	}
	if !strings.Contains(d.Slides[0].HTML, "<h1>Hola 👋</h1>") {
		t.Errorf("slide 1 html %q", d.Slides[0].HTML)
	}
	if !strings.Contains(d.Slides[2].HTML, `<img src="data:image/png;base64,iVBORw0KGgo=" alt="x">`) {
		t.Errorf("slide 3 html %q: want the data: image", d.Slides[2].HTML)
	}
	if d.Slides[1].Line != 14 || d.Slides[2].Line != 24 {
		t.Errorf("slide lines %d, %d; want 14, 24", d.Slides[1].Line, d.Slides[2].Line)
	}
}

// TestMarpSafeLists rewrites questions whose options follow another list:
// the options get another marker so that they stay a list of their own; a
// list after the options cannot be rewritten and is refused.
func TestMarpSafeLists(t *testing.T) {
	src := withFM("<!-- question: single -->\n\n## Q\n\n- context\n- more\n\n- [ ] a\n- [x] b\n\n---\n\n<!-- question: poll -->\n\n# P\n\n1. one\n\n1. [ ] a\n2. [ ] b\n")
	out, err := MarpSafe(src)
	if err != nil {
		t.Fatal(err)
	}
	want := fm + "<!-- question: single -->\n<!-- answer: B -->\n\n## Q\n\n- context\n- more\n\n* a\n* b\n\n---\n\n<!-- question: poll -->\n\n# P\n\n1. one\n\n1) a\n2) b\n"
	check(t, "rewritten", string(out), want)
	if _, err := MarpSafe(withFM(q2 + "\nText.\n\n- a list after\n")); err == nil {
		t.Error("a list after the options: want an error")
	}
}
