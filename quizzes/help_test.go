package quizzes

import (
	"reflect"
	"strings"
	"testing"
)

// TestHelpFrontMatter reads the deck's help resources, in both spellings
// (repeated help: lines, a YAML list), and refuses what cannot be shown.
func TestHelpFrontMatter(t *testing.T) {
	long := strings.Repeat("x", MaxHelpNameRunes+1)
	tests := []struct {
		name     string
		fm       string
		want     []HelpEntry
		defaults string
		probs    []string
	}{
		{"repeated lines", "help: Counselor | 505-555-0100 | Room 12, mornings\nhelp: Library | https://example.org\n",
			[]HelpEntry{{"Counselor", "505-555-0100", "Room 12, mornings"}, {"Library", "https://example.org", ""}}, "", nil},
		{"a YAML list", "help:\n  - A | 1 | n\n  - B | 2\n", []HelpEntry{{"A", "1", "n"}, {"B", "2", ""}}, "", nil},
		{"defaults", "help-defaults: Internet-Safety\n", nil, "internet-safety", nil},
		{"unknown defaults", "help-defaults: math\n", nil, "", []string{`4: help-defaults must be internet-safety, not "math"`}},
		{"no detail", "help: Counselor\n", nil, "", []string{"4: help must be a name, how to reach it and an optional note"}},
		{"empty name", "help: ' | 911'\n", nil, "", []string{"4: help must be a name"}},
		{"too many parts", "help: a | b | c | d\n", nil, "", []string{"4: help must be a name"}},
		{"too long", "help: " + long + " | 911\n", nil, "", []string{"4: a help resource's name is 81 characters; the limit is 80"}},
		{"not text", "help: {a: b}\n", nil, "", []string{"4: front matter: help must be text"}},
		{"list of maps", "help:\n  - {a: b}\n", nil, "", []string{"5: front matter: each help entry must be text"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, probs := Parse("h", []byte("---\ntitle: T\nlang: en\n"+tc.fm+"---\n# Hi\n"))
			if len(probs) != len(tc.probs) {
				t.Fatalf("problems %v, want %v", probs, tc.probs)
			}
			for i, p := range probs {
				if !strings.HasPrefix(p.String(), tc.probs[i]) {
					t.Errorf("problem %q, want it to start %q", p, tc.probs[i])
				}
			}
			if tc.probs != nil {
				return
			}
			if !reflect.DeepEqual(d.Help, tc.want) || d.HelpDefaults != tc.defaults {
				t.Errorf("help %+v (defaults %q), want %+v (%q)", d.Help, d.HelpDefaults, tc.want, tc.defaults)
			}
		})
	}
}

func TestHelpIsBounded(t *testing.T) {
	var fm strings.Builder
	for range MaxHelp + 1 {
		fm.WriteString("help: A | 1\n")
	}
	_, probs := Parse("h", []byte("---\ntitle: T\nlang: en\n"+fm.String()+"---\n# Hi\n"))
	if len(probs) != 1 || !strings.Contains(probs[0].Message, "at most 20 help resources") {
		t.Errorf("21 help lines: %v, want one problem about the limit", probs)
	}
}

// TestResourcesSlide: <!-- slide: resources --> marks the slide that shows
// the local contacts; it asks nothing, and no other value is known.
func TestResourcesSlide(t *testing.T) {
	d, probs := Parse("r", withFM("# Hi\n\n---\n\n<!-- slide: Resources -->\n\n## Near you\n\nAsk us after.\n"))
	if len(probs) != 0 || !d.Slides[1].Resources || d.Slides[0].Resources || d.Slides[1].Title != "Near you" {
		t.Fatalf("resources slide: %v, slides %+v", probs, d.Slides)
	}
	for _, tc := range []struct{ src, want string }{
		{"<!-- slide: agenda -->\n# Hi\n", `5: slide must be resources (the facilitator's local contacts), not "agenda"`},
		{"<!-- slide: resources -->\n" + q2, "5: a resources slide shows the local contacts and asks nothing"},
		{"<!-- slide: resources -->\n<!-- slide: resources -->\n# Hi\n", "6: slide: is given twice on this slide"},
	} {
		_, probs := Parse("r", withFM(tc.src))
		if len(probs) != 1 || !strings.HasPrefix(probs[0].String(), tc.want) {
			t.Errorf("%q: %v, want %q", tc.src, probs, tc.want)
		}
	}
}

// TestTwinsAgreeOnResourcesSlides: a session switches languages slide by
// slide, so a resources slide must be one in both twins.
func TestTwinsAgreeOnResourcesSlides(t *testing.T) {
	a, _ := Parse("a.en", []byte("---\ntitle: A\nlang: en\ntranslation: a.es\n---\n# Hi\n\n---\n\n<!-- slide: resources -->\n# Help\n"))
	b, _ := Parse("a.es", []byte("---\ntitle: A\nlang: es\ntranslation: a.en\n---\n# Hola\n\n---\n\n# Ayuda\n"))
	probs := CheckTwins(a, b)
	if len(probs) != 1 || !strings.Contains(probs[0].Message, "slide 2 shows the local contacts in a.en but not in a.es") {
		t.Errorf("twins that differ on a resources slide: %v", probs)
	}
}
