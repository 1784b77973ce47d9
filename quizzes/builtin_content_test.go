package quizzes_test

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/roundtable-kit/roundtable/embed"
	"github.com/roundtable-kit/roundtable/quizzes"
)

// The built-in workshops are read by facilitators who run them as written
// (issue 11). These tests hold them to what the notes promise.

var (
	slideTime = regexp.MustCompile(`^(?:Time|Tiempo): ([0-9.]+) (min|s)\b`)
	optional  = regexp.MustCompile(`\b(?:Optional|Opcional): s`)
)

// workshops are the built-in decks that are workshops (try is a tour).
func workshops(t *testing.T) []*quizzes.Deck {
	t.Helper()
	decks, err := quizzes.LoadFS(embed.Decks)
	if err != nil {
		t.Fatal(err)
	}
	var out []*quizzes.Deck
	for _, d := range decks {
		if !strings.HasPrefix(d.ID, "try.") {
			out = append(out, d)
		}
	}
	if len(out) < 8 {
		t.Fatalf("found %d built-in workshops, want at least 8 (four twins)", len(out))
	}
	return out
}

// TestBuiltinWorkshopsFitTheirSlot: every slide's notes start with its
// time ("Time: 1.5 min." or "Tiempo: 45 s."), and the slides not marked
// optional add up to no more than the deck's minutes, while all of them
// together come within the slot plus what the optional ones add. A deck
// whose own notes overrun its slot is what the issue found.
func TestBuiltinWorkshopsFitTheirSlot(t *testing.T) {
	for _, d := range workshops(t) {
		if d.Minutes == 0 {
			t.Errorf("%s: no minutes in the front matter", d.ID)
			continue
		}
		core, opt := 0.0, 0.0
		for i, s := range d.Slides {
			m := slideTime.FindStringSubmatch(s.Notes)
			if m == nil {
				t.Errorf("%s slide %d (%q): the notes do not start with its time", d.ID, i+1, s.Title)
				continue
			}
			v, _ := strconv.ParseFloat(m[1], 64)
			if m[2] == "s" {
				v /= 60
			}
			if optional.MatchString(s.Notes) {
				opt += v
			} else {
				core += v
			}
		}
		if core > float64(d.Minutes) {
			t.Errorf("%s: the core slides take %.2f minutes, over the %d-minute slot", d.ID, core, d.Minutes)
		}
		if core < 0.85*float64(d.Minutes) {
			t.Errorf("%s: the core slides take only %.2f of %d minutes: is the slot right?", d.ID, core, d.Minutes)
		}
		t.Logf("%s: slot %d min, core %.2f, optional %.2f", d.ID, d.Minutes, core, opt)
	}
}

// TestBuiltinPollsExplainTheRecommendedAction: every "What would you do?"
// poll shows the recommended action on screen at reveal, not only in the
// presenter's notes.
func TestBuiltinPollsExplainTheRecommendedAction(t *testing.T) {
	n := 0
	for _, d := range workshops(t) {
		for i, s := range d.Slides {
			q := s.Question
			if q == nil || q.Kind != quizzes.Poll {
				continue
			}
			p := strings.ToLower(q.Prompt)
			if !strings.Contains(p, "what would you do") && !strings.Contains(p, "qué haría") {
				continue
			}
			n++
			if strings.TrimSpace(q.Explanation) == "" {
				t.Errorf("%s slide %d (%s): a what-would-you-do poll without an on-screen explanation", d.ID, i+1, q.ID)
			}
		}
	}
	if n < 20 {
		t.Errorf("found %d what-would-you-do polls, want the workshops' 20 or more", n)
	}
}

// TestBuiltinWorkshopsAvoidRetiredClaims: sentences the issue found wrong
// or unsourced do not come back, on slides, explanations or notes.
func TestBuiltinWorkshopsAvoidRetiredClaims(t *testing.T) {
	retired := []string{
		"won't be in trouble", "you're not in trouble", "not be in trouble",
		"no te vas a meter en problemas.", "no estás en problemas",
		"Healthy Avenues", "Towards Safety",
		"investigators found", "comprobaron",
		"often public",
		"built so you don't have to",
		"in many states", "En muchos estados",
		"Elija todas", "apliquen",
		"su vecino", "your neighbor",
		"It's cool to be kind", "Share with care", "Secure your secrets", "Don't fall for fake", "When in doubt, talk it out",
		"hidden for small groups", "small-group",
	}
	for _, d := range workshops(t) {
		for i, s := range d.Slides {
			text := s.Markdown + "\n" + s.Notes
			if s.Question != nil {
				text += "\n" + s.Question.Prompt + "\n" + s.Question.Explanation
				for _, o := range s.Question.Options {
					text += "\n" + o.Text
				}
			}
			for _, r := range retired {
				if strings.Contains(strings.ToLower(text), strings.ToLower(r)) {
					// The notes may quote a promise in order to warn against it.
					if strings.Contains(s.Notes, "Don't promise") || strings.Contains(s.Notes, "No prometa") || strings.Contains(s.Notes, "don't promise") {
						continue
					}
					t.Errorf("%s slide %d: %q is back", d.ID, i+1, r)
				}
			}
		}
	}
}

// TestBuiltinWorkshopsGiveTheSourcedFacts: the facts the issue asks for are
// where a facilitator meets them, in both languages.
func TestBuiltinWorkshopsGiveTheSourcedFacts(t *testing.T) {
	all := map[string]string{}
	for _, d := range workshops(t) {
		var b strings.Builder
		for _, s := range d.Slides {
			b.WriteString(s.Markdown + "\n" + s.Notes + "\n")
			if s.Question != nil {
				b.WriteString(s.Question.Prompt + "\n" + s.Question.Explanation + "\n")
			}
		}
		all[d.ID] = b.String()
	}
	want := map[string][]string{
		"parents":     {"Social Media Awareness Roundtables Creating Healthy Pathways to Safety", "nmdoj.gov", "Meta", "2024", "takeitdown.ncmec.org", "AYUDA", "1-855-333-SAFE", "32A-4-3", "National Center for Missing & Exploited Children", "September 2024|septiembre de 2024"},
		"youth":       {"takeitdown.ncmec.org", "AYUDA", "FBI", "1-855-333-SAFE", "National Center for Missing & Exploited Children"},
		"youth-short": {"takeitdown.ncmec.org", "AYUDA", "FBI", "1-855-333-SAFE", "National Center for Missing & Exploited Children"},
		"educators":   {"Social Media Awareness Roundtables Creating Healthy Pathways to Safety", "nmdoj.gov", "32A-4-3", "1-855-333-SAFE", "TAKE IT DOWN Act", "48", "May 2026|mayo de 2026", "AYUDA", "National Center for Missing & Exploited Children"},
	}
	for stem, facts := range want {
		for _, lang := range []string{"en", "es"} {
			id := stem + "." + lang
			text, ok := all[id]
			if !ok {
				t.Errorf("%s: missing", id)
				continue
			}
			for _, f := range facts {
				found := false
				for _, alt := range strings.Split(f, "|") {
					found = found || strings.Contains(text, alt)
				}
				if !found {
					t.Errorf("%s: does not say %q", id, f)
				}
			}
		}
	}
}

// TestBuiltinChecksDoNotGiveAwayTheAnswer: in a pre/post check with more
// than two options, a right option is not clearly the longest, the tell
// the issue found ("the right option is often the longest").
func TestBuiltinChecksDoNotGiveAwayTheAnswer(t *testing.T) {
	for _, d := range workshops(t) {
		for i, s := range d.Slides {
			q := s.Question
			if q == nil || q.Check != quizzes.CheckPre || len(q.Options) <= 2 {
				continue
			}
			longestWrong := 0
			for _, o := range q.Options {
				if !o.Correct {
					longestWrong = max(longestWrong, len([]rune(o.Text)))
				}
			}
			for _, o := range q.Options {
				if n := len([]rune(o.Text)); o.Correct && float64(n) > 1.1*float64(longestWrong) {
					t.Errorf("%s slide %d (%s): the right option has %d characters, the longest wrong one %d", d.ID, i+1, q.ID, n, longestWrong)
				}
			}
		}
	}
}
