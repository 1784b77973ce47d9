package quizzes_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/roundtable-kit/roundtable/embed"
	"github.com/roundtable-kit/roundtable/quizzes"
)

// TestBuiltinDecks holds the built-in workshops to the deck format: they
// load with no errors, each is in English or Spanish, and each names a
// translation that is present and matches it slide by slide.
func TestBuiltinDecks(t *testing.T) {
	decks, err := quizzes.LoadFS(embed.Decks)
	if err != nil {
		t.Errorf("the built-in decks have problems:\n%v", err)
	}
	if len(decks) == 0 {
		t.Fatal("no built-in decks")
	}
	byID := map[string]*quizzes.Deck{}
	for _, d := range decks {
		byID[d.ID] = d
	}
	for _, d := range decks {
		if d.Lang != "en" && d.Lang != "es" {
			t.Errorf("%s: lang %q, want en or es", d.ID, d.Lang)
		}
		if d.Translation == "" {
			continue
		}
		twin := byID[d.Translation]
		if twin == nil {
			t.Errorf("%s: its translation %s is missing", d.ID, d.Translation)
			continue
		}
		for _, p := range quizzes.CheckTwins(d, twin) {
			t.Errorf("%s + %s: %s", d.ID, twin.ID, p)
		}
	}
}

// TestBuiltinDecksKeptTheirContent compares each built-in deck in the old
// syntax (testdata/builtin-v1, the files as they were before the answer
// keys, explanations and notes moved where Marp does not draw them) with the
// same deck in the new syntax as it was right after that move
// (testdata/builtin-v2): the same slides, text, options, right answers,
// explanations and notes. The shipped decks have been rewritten since (issue
// 11), so the snapshot, not embed/decks, is what the old files are held to.
// Stored sessions of the old files re-parse their saved source, so the old
// copies must also keep parsing cleanly.
func TestBuiltinDecksKeptTheirContent(t *testing.T) {
	old, err := filepath.Glob("testdata/builtin-v1/*.md")
	if err != nil || len(old) != 8 {
		t.Fatalf("want the 8 old built-in decks in testdata/builtin-v1, got %v (%v)", old, err)
	}
	for _, path := range old {
		name := filepath.Base(path)
		id := strings.TrimSuffix(name, ".md")
		oldSrc, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		newSrc, err := os.ReadFile(filepath.Join("testdata/builtin-v2", name))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		was, probs := quizzes.Parse(id, oldSrc)
		if len(probs) > 0 {
			t.Errorf("%s (old syntax): %v", name, probs)
		}
		now, probs := quizzes.Parse(id, newSrc)
		if len(probs) > 0 {
			t.Errorf("%s: %v", name, probs)
		}
		if was == nil || now == nil {
			continue
		}
		compareDecks(t, name, was, now)
	}
}

// compareDecks fails for every difference between two parses of one deck
// other than its source and the lines slides start on.
func compareDecks(t *testing.T, name string, was, now *quizzes.Deck) {
	t.Helper()
	a, b := *was, *now
	a.Source, b.Source, a.Slides, b.Slides = "", "", nil, nil
	if !reflect.DeepEqual(a, b) {
		t.Errorf("%s: deck\n was %+v\n now %+v", name, a, b)
	}
	if len(was.Slides) != len(now.Slides) {
		t.Errorf("%s: %d slides, was %d", name, len(now.Slides), len(was.Slides))
		return
	}
	for i := range was.Slides {
		sa, sb := was.Slides[i], now.Slides[i]
		sa.Line, sb.Line = 0, 0
		if !reflect.DeepEqual(sa, sb) {
			t.Errorf("%s slide %d:\n was %s\n now %s", name, i+1, dump(sa), dump(sb))
		}
	}
}

func dump(s quizzes.Slide) string {
	b, _ := json.MarshalIndent(s, "  ", "  ")
	return string(b)
}

// TestMarpSafe rewrites decks in the first syntax and checks that they
// parse to the same decks, and that a rewritten deck is left as it is.
func TestMarpSafe(t *testing.T) {
	paths, _ := filepath.Glob("testdata/builtin-v1/*.md")
	paths = append(paths, "testdata/full.en.md", "testdata/full.es.md")
	for _, path := range paths {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(path)
		id := strings.TrimSuffix(name, ".md")
		out, err := quizzes.MarpSafe(src)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if strings.Contains(path, "builtin") && (bytes.Contains(out, []byte("[x]")) || bytes.Contains(out, []byte("[ ]"))) {
			t.Errorf("%s: the rewrite still has task marks", name)
		}
		was, _ := quizzes.Parse(id, src)
		now, probs := quizzes.Parse(id, out)
		if len(probs) > 0 {
			t.Errorf("%s rewritten: %v", name, probs)
		}
		compareDecks(t, name, was, now)
		again, err := quizzes.MarpSafe(out)
		if err != nil || !bytes.Equal(again, out) {
			t.Errorf("%s: a second rewrite changed the deck (%v)", name, err)
		}
	}
}
