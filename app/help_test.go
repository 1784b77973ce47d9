package app_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/roundtable-kit/roundtable/phoneclient"
	"github.com/roundtable-kit/roundtable/store"
)

type contactsAnswer struct {
	Contacts []store.Contact
	Defaults bool
	Contact  *int
	Field    string
}

// raw sends body as it is, with the host key (or without, key ""), and
// returns the status and the error code.
func raw(t *testing.T, k *kit, method, path, key string, body []byte) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(method, k.base+path, bytes.NewReader(body))
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var e struct{ Error struct{ Code string } }
	json.Unmarshal(b, &e)
	return resp.StatusCode, e.Error.Code
}

// The local contacts are the host's: refused without the key; New Mexico's
// until first saved; a save replaces the whole list (normalized) and a
// reset brings the defaults back; every bad list is refused whole with
// bad_contacts naming the contact and field, and changes nothing.
func TestLocalContactsAPI(t *testing.T) {
	k := startKit(t, t.TempDir())
	for _, m := range []string{"GET", "PUT", "DELETE"} {
		if st, code := raw(t, k, m, "/api/contacts", "", []byte(`{"contacts":[]}`)); st != 401 || code != "unauthorized" {
			t.Errorf("%s /api/contacts without the key: %d %s, want 401 unauthorized", m, st, code)
		}
		if st, code := raw(t, k, m, "/api/contacts", "not-the-key-0123456789", []byte(`{"contacts":[]}`)); st != 401 || code != "unauthorized" {
			t.Errorf("%s /api/contacts with a wrong key: %d %s, want 401 unauthorized", m, st, code)
		}
	}
	var got contactsAnswer
	if st := k.call("GET", "/api/contacts", nil, &got); st != 200 || !got.Defaults || !reflect.DeepEqual(got.Contacts, store.NewMexicoContacts) {
		t.Fatalf("a new kit's contacts: %d %+v, want the New Mexico defaults", st, got)
	}
	mine := []store.Contact{{Name: "  School counselor ", Detail: "505-555-0100", Note: "Room 12", Lang: "both"}, {Name: "Biblioteca", Detail: "https://example.org", Lang: "es"}, {Name: "Nurse", Detail: "Room 3"}}
	want := []store.Contact{{Name: "School counselor", Detail: "505-555-0100", Note: "Room 12", Lang: "both"}, {Name: "Biblioteca", Detail: "https://example.org", Lang: "es"}, {Name: "Nurse", Detail: "Room 3", Lang: "both"}}
	if st := k.call("PUT", "/api/contacts", map[string]any{"contacts": mine}, &got); st != 200 || got.Defaults || !reflect.DeepEqual(got.Contacts, want) {
		t.Fatalf("PUT: %d %+v, want %+v", st, got, want)
	}

	long := strings.Repeat("x", 81)
	many := make([]store.Contact, 21)
	for i := range many {
		many[i] = store.Contact{Name: "A", Detail: "1"}
	}
	for _, tc := range []struct {
		name    string
		body    any
		status  int
		code    string
		contact int
		field   string
	}{
		{"21 contacts", map[string]any{"contacts": many}, 422, "bad_contacts", -1, ""},
		{"a name too long", map[string]any{"contacts": []store.Contact{{Name: "ok", Detail: "1"}, {Name: long, Detail: "1"}}}, 422, "bad_contacts", 1, "name"},
		{"a detail too long", map[string]any{"contacts": []store.Contact{{Name: "A", Detail: strings.Repeat("1", 121)}}}, 422, "bad_contacts", 0, "detail"},
		{"a note too long", map[string]any{"contacts": []store.Contact{{Name: "A", Detail: "1", Note: strings.Repeat("n", 201)}}}, 422, "bad_contacts", 0, "note"},
		{"no detail", map[string]any{"contacts": []store.Contact{{Name: "A", Detail: "  "}}}, 422, "bad_contacts", 0, "detail"},
		{"no name", map[string]any{"contacts": []store.Contact{{Detail: "1"}}}, 422, "bad_contacts", 0, "name"},
		{"a language it does not know", map[string]any{"contacts": []store.Contact{{Name: "A", Detail: "1", Lang: "fr"}}}, 422, "bad_contacts", 0, "lang"},
		{"a direction override", map[string]any{"contacts": []store.Contact{{Name: "A\u202e", Detail: "1"}}}, 422, "bad_contacts", 0, "name"},
		{"a line break", map[string]any{"contacts": []store.Contact{{Name: "A", Detail: "1", Note: "a\nb"}}}, 422, "bad_contacts", 0, "note"},
		{"no contacts field", map[string]any{}, 422, "bad_contacts", -1, ""},
		{"an unknown field", map[string]any{"contacts": []any{map[string]string{"name": "A", "detail": "1", "email": "x"}}}, 400, "bad_json", -1, ""},
		{"not a list", map[string]any{"contacts": "A"}, 400, "bad_json", -1, ""},
	} {
		var e contactsAnswer
		st, code := k.API("PUT", "/api/contacts", tc.body, &e)
		if st != tc.status || code != tc.code {
			t.Errorf("%s: %d %s, want %d %s", tc.name, st, code, tc.status, tc.code)
		}
		if tc.contact >= 0 && (e.Contact == nil || *e.Contact != tc.contact || e.Field != tc.field) {
			t.Errorf("%s: the refusal names contact %v field %q, want %d %q", tc.name, e.Contact, e.Field, tc.contact, tc.field)
		}
	}
	if st, code := raw(t, k, "PUT", "/api/contacts", k.Key, []byte(`{"contacts":[`)); st != 400 || code != "bad_json" {
		t.Errorf("a body that is not JSON: %d %s, want 400 bad_json", st, code)
	}
	if st, code := raw(t, k, "PUT", "/api/contacts", k.Key, []byte(`{"contacts":[{"name":"`+strings.Repeat("a", 70<<10)+`","detail":"1"}]}`)); st != 413 || code != "too_large" {
		t.Errorf("a body over 64 KiB: %d %s, want 413 too_large", st, code)
	}
	if st := k.call("GET", "/api/contacts", nil, &got); st != 200 || !reflect.DeepEqual(got.Contacts, want) {
		t.Errorf("after the refusals: %+v, want the list saved before, %+v", got.Contacts, want)
	}
	if st := k.call("PUT", "/api/contacts", map[string]any{"contacts": []store.Contact{}}, &got); st != 200 || got.Defaults || len(got.Contacts) != 0 {
		t.Errorf("saving none: %d %+v, want an empty list that is not the defaults", st, got)
	}
	if st := k.call("DELETE", "/api/contacts", nil, &got); st != 200 || !got.Defaults || !reflect.DeepEqual(got.Contacts, store.NewMexicoContacts) {
		t.Errorf("reset: %d %+v, want the New Mexico defaults", st, got)
	}
}

type helpAnswer struct {
	Lang             string
	Deck, Local, Kit []struct {
		Name, Detail, Note, Lang string
		Links                    []struct{ Href, Text string }
	}
}

func getHelp(t *testing.T, k *kit, path string) (int, helpAnswer) {
	t.Helper()
	resp, err := http.Get(k.base + path) // no key: any phone
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var h helpAnswer
	if resp.StatusCode == 200 {
		if err := json.NewDecoder(resp.Body).Decode(&h); err != nil {
			t.Fatal(err)
		}
	}
	return resp.StatusCode, h
}

func names(items []struct {
	Name, Detail, Note, Lang string
	Links                    []struct{ Href, Text string }
}) string {
	var s []string
	for _, i := range items {
		l := []string{}
		for _, x := range i.Links {
			l = append(l, x.Href)
		}
		s = append(s, fmt.Sprintf("%s/%s%v", i.Name, i.Lang, l))
	}
	return strings.Join(s, " ")
}

// What "Need help?" shows: without a room the kit's set and the local
// contacts; in a room, the deck's own resources (and its twin's), the kit's
// set only when the deck asks for it, and links the kit made (tel:, sms:,
// https: only). Anyone may read it; an unknown room is not_found.
func TestHelpData(t *testing.T) {
	k := startKit(t, t.TempDir())
	k.call("PUT", "/api/contacts", map[string]any{"contacts": []store.Contact{
		{Name: "Counselor", Detail: "(505) 555-0100 · https://example.org/help", Note: "Room 12", Lang: "both"},
		{Name: "Clínica", Detail: "123 Calle Principal", Lang: "es"},
	}}, nil)
	st, h := getHelp(t, k, "/help")
	if st != 200 || h.Lang != "" || len(h.Deck) != 0 {
		t.Fatalf("GET /help: %d %+v", st, h)
	}
	if got := names(h.Local); got != "Counselor/both[tel:+15055550100 https://example.org/help] Clínica/es[]" {
		t.Errorf("local contacts: %s", got)
	}
	kit := names(h.Kit)
	for _, want := range []string{"NCMEC CyberTipline/en[tel:+18008435678 https://report.cybertip.org]", "Take It Down/en[https://takeitdown.ncmec.org]",
		"988 Suicide & Crisis Lifeline/en[tel:988 sms:988]", "Danger right now/en[tel:911]", "CyberTipline del NCMEC/es[", "Take It Down/es[", "988 Línea de Prevención del Suicidio y Crisis/es[tel:988 sms:988]", "/es[tel:911]"} {
		if !strings.Contains(kit, want) {
			t.Errorf("the kit's set lacks %q: %s", want, kit)
		}
	}
	for _, i := range append(append(h.Kit, h.Local...), h.Deck...) {
		for _, l := range i.Links {
			if !strings.HasPrefix(l.Href, "tel:") && !strings.HasPrefix(l.Href, "sms:") && !strings.HasPrefix(l.Href, "https://") {
				t.Errorf("%s links %s", i.Name, l.Href)
			}
		}
	}
	for _, i := range h.Kit {
		if i.Lang == "es" && strings.Contains(i.Name, "988") && !strings.Contains(i.Note, "marque 2") || i.Lang == "en" && strings.Contains(i.Name, "988") && !strings.Contains(i.Note, "text AYUDA to 988") {
			t.Errorf("988's Spanish option is missing: %+v", i)
		}
	}

	s := k.start("parents.en")
	if st, h = getHelp(t, k, "/j/"+s.Code+"/help"); st != 200 || h.Lang != "en" || len(h.Kit) != 8 || len(h.Local) != 2 {
		t.Errorf("a workshop's room: %d lang %q, %d kit entries, %d local; want 200 en 8 2", st, h.Lang, len(h.Kit), len(h.Local))
	}
	id := k.SaveDeck("---\ntitle: Math\nlang: en\nhelp: Tutor | tutor.example.org | Wednesdays\nhelp: Office | 1-855-333-SAFE\n---\n# Hi\n")
	m := k.start(id)
	st, h = getHelp(t, k, "/j/"+strings.ToLower(m.Code)+"/help")
	if got := names(h.Deck); st != 200 || got != "Tutor/en[https://tutor.example.org] Office/en[]" || len(h.Kit) != 0 {
		t.Errorf("a deck of its own: %d deck %s, %d kit entries; want its two and none of the kit's", st, got, len(h.Kit))
	}
	if st, _ := getHelp(t, k, "/j/ZZZZZ9/help"); st != 404 {
		t.Errorf("an unknown room: %d, want 404", st)
	}
}

// The resources slide: phones and the host views are told which slide it
// is; the phone's slide message says resources, the host's slide too.
func TestResourcesSlideIsMarked(t *testing.T) {
	k := startKit(t, t.TempDir())
	s := k.start("youth-short.es")
	p := k.phone(s.Code)
	if err := p.Join("", "es"); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Deck struct {
			HelpDefaults string `json:"help_defaults"`
			Slides       []struct{ Resources bool }
		}
	}
	k.call("GET", "/api/decks/youth-short.es", nil, &got)
	deck := got.Deck
	if deck.HelpDefaults != "internet-safety" {
		t.Errorf("youth-short.es asks for help defaults %q, want internet-safety", deck.HelpDefaults)
	}
	at := -1
	for i, sl := range deck.Slides {
		if sl.Resources {
			at = i
		}
	}
	if at < 0 || at < len(deck.Slides)-3 {
		t.Fatalf("youth-short.es has its resources slide at %d of %d, want one near the end", at, len(deck.Slides))
	}
	host := dialHost(t, k.base, s.ID)
	k.call("POST", "/api/sessions/"+s.ID+"/goto", map[string]int{"slide": at}, nil)
	if _, err := p.WaitSlide(5*time.Second, func(sl phoneclient.Slide) bool { return sl.Index == at && sl.Resources }); err != nil {
		t.Errorf("the phone's resources slide: %v (last %+v)", err, p.Slide())
	}
	host.waitFor(t, "the host's resources slide", 5*time.Second, func(m map[string]any) bool {
		sl, _ := m["slide"].(map[string]any)
		return m["index"] == float64(at) && sl != nil && sl["resources"] == true
	})
	k.call("POST", "/api/sessions/"+s.ID+"/goto", map[string]int{"slide": 0}, nil)
	if sl, err := p.WaitSlide(5*time.Second, func(sl phoneclient.Slide) bool { return sl.Index == 0 }); err != nil || sl.Resources {
		t.Errorf("slide 1: %+v %v, want no resources", sl, err)
	}
}
