package quizzes

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

func mustParse(t *testing.T, id string, src []byte) *Deck {
	t.Helper()
	d, probs := Parse(id, src)
	if HasErrors(probs) {
		t.Fatalf("%s: %v", id, probs)
	}
	return d
}

func TestCheckTwins(t *testing.T) {
	en, _ := os.ReadFile("testdata/full.en.md")
	es, _ := os.ReadFile("testdata/full.es.md")
	a := mustParse(t, "full.en", en)
	if probs := CheckTwins(a, mustParse(t, "full.es", es)); len(probs) > 0 {
		t.Errorf("twins: %v", probs)
	}
	edit := func(old, new string) []byte { return []byte(strings.Replace(string(es), old, new, 1)) }
	tests := []struct {
		name string
		b    []byte
		want []string
	}{
		{"same language", edit("lang: es", "lang: en"), []string{`full.en and full.es are both lang "en"; twins must be in different languages`}},
		{"wrong translation", edit("translation: full.en", "translation: other.en"), []string{`full.es names "other.en" as its translation, not full.en`}},
		{"a slide more", append(edit("", ""), "\n---\n\n# More\n"...), []string{"full.en has 8 slides and full.es has 9"}},
		{"other id", edit("id: tf-private", "id: tf-privada"), []string{`65: slide 5: question id "tf-private" in full.en but "tf-privada" in full.es`}},
		{"other kind", edit("question: multiple", "question: single"), []string{"53: slide 4: kind multiple in full.en but single in full.es"}},
		{"other option count", edit("- [ ] More than 3 hours\n", ""), []string{"77: slide 6: 3 options in full.en but 2 in full.es"}},
		{"other right option", edit("- [ ] Verdadero\n- [x] Falso", "- [x] Verdadero\n- [ ] Falso"), []string{"65: slide 5: right options B in full.en but A in full.es"}},
		{"other check", edit("check: pre", "check: post"), nil}, // a lint error in b; tested below
		{"not a question", edit("<!-- question: poll -->\n", ""), []string{"78: slide 6 is a question in full.en but not in full.es"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, _ := Parse("full.es", tt.b)
			if tt.want == nil {
				return
			}
			var got []string
			for _, p := range CheckTwins(a, b) {
				got = append(got, p.String())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got %q\nwant %q", got, tt.want)
			}
		})
	}
	// A check mark that differs, on a deck that is otherwise fine.
	b := mustParse(t, "full.es", es)
	b.Slides[1].Question.Check = ""
	if got := CheckTwins(a, b); len(got) != 1 || got[0].String() != `23: slide 2: check "pre" in full.en but "" in full.es` {
		t.Errorf("check mark: got %v", got)
	}
	b.Slides[1].Question.Check = CheckPre
	b.Translation = ""
	if got := CheckTwins(a, b); len(got) != 1 || got[0].String() != "full.en names full.es as its translation, but full.es names none" {
		t.Errorf("one-sided translation: got %v", got)
	}
	if got := CheckTwins(a, nil); !HasErrors(got) {
		t.Errorf("a missing twin: got %v", got)
	}
}

func TestLoadFS(t *testing.T) {
	en, _ := os.ReadFile("testdata/full.en.md")
	es, _ := os.ReadFile("testdata/full.es.md")
	fsys := fstest.MapFS{
		"b.md":      {Data: withFM("# B\n")},
		"a.md":      {Data: withFM("# A\n")},
		"notes.txt": {Data: []byte("not a deck")},
		"sub/x.md":  {Data: []byte("not read")},
	}
	decks, err := LoadFS(fsys)
	if err != nil {
		t.Fatalf("LoadFS: %v", err)
	}
	if len(decks) != 2 || decks[0].ID != "a" || decks[1].ID != "b" {
		t.Fatalf("got %d decks: %v", len(decks), ids(decks))
	}

	fsys["full.en.md"] = &fstest.MapFile{Data: en}
	fsys["full.es.md"] = &fstest.MapFile{Data: []byte(strings.Replace(string(es), "- [x] Falso", "- [ ] Falso\n- [x] Quizás", 1))}
	fsys["bad.md"] = &fstest.MapFile{Data: withFM("<!-- question: single -->\n\n# Q\n")}
	decks, err = LoadFS(fsys)
	want := "bad.md:5: the question has no options: write them as a list (- option) and name the right ones with <!-- answer: A -->\n" +
		"full.es.md:65: a truefalse question has exactly 2 options; this one has 3\n" +
		"full.es.md:65: slide 5: 2 options in full.en but 3 in full.es"
	if err == nil || err.Error() != want {
		t.Errorf("LoadFS error:\n got %v\nwant %s", err, want)
	}
	if len(decks) != 5 {
		t.Errorf("LoadFS returned %v with its error, want all 5 decks", ids(decks))
	}
}

func TestLoadDir(t *testing.T) {
	en, _ := os.ReadFile("testdata/full.en.md")
	es, _ := os.ReadFile("testdata/full.es.md")
	fsys := fstest.MapFS{
		"full.en.md": {Data: en},
		"full.es.md": {Data: []byte(strings.Replace(string(es), "id: tf-private", "id: tf-privada", 1))},
		"bad.md":     {Data: withFM("<!-- question: single -->\n\n# Q\n")},
		"lone.md":    {Data: []byte("---\ntitle: L\nlang: en\ntranslation: lone.es\ncolour: red\n---\n# L\n")},
	}
	decks, msgs := LoadDir(fsys)
	if got := ids(decks); got != "full.en full.es lone" {
		t.Errorf("decks: %s", got)
	}
	for _, d := range decks {
		if d.Translation != "" {
			t.Errorf("%s keeps translation %q of a twin that does not match or is missing", d.ID, d.Translation)
		}
	}
	want := []string{
		"bad.md:5: the question has no options: write them as a list (- option) and name the right ones with <!-- answer: A -->",
		"bad.md: skipped because of the errors above",
		`lone.md:5: warning: unknown front matter key "colour" is ignored`,
		`lone.md: translation "lone.es" is not in the folder; it is ignored`,
		`full.es.md:65: slide 5: question id "tf-private" in full.en but "tf-privada" in full.es`,
		"full.en.md and full.es.md do not match, so they are not linked as translations",
	}
	if strings.Join(msgs, "\n") != strings.Join(want, "\n") {
		t.Errorf("messages:\n got %q\nwant %q", msgs, want)
	}
}

func ids(decks []*Deck) string {
	var s []string
	for _, d := range decks {
		s = append(s, d.ID)
	}
	return strings.Join(s, " ")
}
