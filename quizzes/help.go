package quizzes

import (
	"strings"
	"unicode/utf8"
)

// A deck may carry help resources, shown on every phone behind "Need help?"
// (front matter help: NAME | DETAIL | NOTE, repeatable), may ask for the
// kit's own set (help-defaults: internet-safety), and may hold a slide that
// shows the facilitator's local contacts (<!-- slide: resources -->).

// Limits of a help entry, the deck's and the facilitator's alike.
const (
	MaxHelp           = 20  // entries per deck, and local contacts
	MaxHelpNameRunes  = 80  // "988 Suicide & Crisis Lifeline"
	MaxHelpDetailRune = 120 // a phone number, an address or a web address
	MaxHelpNoteRunes  = 200 // when and how to use it
)

// HelpDefaultSets names the kit's help sets a deck may ask for.
var HelpDefaultSets = []string{"internet-safety"}

// HelpEntry is one resource: who, how to reach them (a phone number, a web
// address or a street address) and a note on when to use it.
type HelpEntry struct {
	Name   string `json:"name"`
	Detail string `json:"detail"`
	Note   string `json:"note,omitempty"`
}

// SlideResources is the slide: directive's one value.
const SlideResources = "resources"

// helpLine reads "NAME | DETAIL | NOTE" (the note is optional) into deck.
func (p *deckParser) helpLine(deck *Deck, s string, line int) {
	parts := strings.Split(s, "|")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	if len(parts) < 2 || len(parts) > 3 || parts[0] == "" || parts[1] == "" {
		p.errorf(line, "help must be a name, how to reach it and an optional note split by |, e.g. \"988 Suicide & Crisis Lifeline | 988 | Call or text, 24/7\"")
		return
	}
	if len(deck.Help) >= MaxHelp {
		p.errorf(line, "a deck gives at most %d help resources", MaxHelp)
		return
	}
	e := HelpEntry{Name: parts[0], Detail: parts[1]}
	if len(parts) == 3 {
		e.Note = parts[2]
	}
	for _, f := range []struct {
		what string
		v    string
		max  int
	}{{"name", e.Name, MaxHelpNameRunes}, {"detail", e.Detail, MaxHelpDetailRune}, {"note", e.Note, MaxHelpNoteRunes}} {
		if n := utf8.RuneCountInString(f.v); n > f.max {
			p.errorf(line, "a help resource's %s is %d characters; the limit is %d", f.what, n, f.max)
			return
		}
	}
	deck.Help = append(deck.Help, e)
}

// helpDefaults reads help-defaults: SET.
func (p *deckParser) helpDefaults(deck *Deck, s string, line int) {
	v := strings.ToLower(s)
	for _, set := range HelpDefaultSets {
		if v == set {
			deck.HelpDefaults = set
			return
		}
	}
	p.errorf(line, "help-defaults must be %s, not %q", strings.Join(HelpDefaultSets, " or "), s)
}

// slideKind reads a slide's slide: directive.
func (p *deckParser) slideKind(s *Slide, dirs map[string]directive, isQ bool) {
	d, ok := dirs["slide"]
	if !ok || d.value == "" {
		return
	}
	if strings.ToLower(d.value) != SlideResources {
		p.errorf(d.line, "slide must be resources (the facilitator's local contacts), not %q", d.value)
		return
	}
	if isQ {
		p.errorf(d.line, "a resources slide shows the local contacts and asks nothing: move the question to a slide of its own")
		return
	}
	s.Resources = true
}
