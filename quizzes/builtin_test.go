package quizzes_test

import (
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
