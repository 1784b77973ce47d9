package app_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/roundtable-kit/roundtable/phoneclient"
)

// TestAnEndedRoomSaysSessionOver: once a session ends, its room code
// answers "session over" to a phone that reloads late (the page, join and
// resume), also after a restart; the session reads the same from the store
// as it did while it ended in memory, and a presenter view that reconnects
// is shown the end.
func TestAnEndedRoomSaysSessionOver(t *testing.T) {
	dir := t.TempDir()
	k := startKit(t, dir)
	s := k.start("try.en")
	p := k.phone(s.Code)
	if err := p.Join("Sam", "en"); err != nil {
		t.Fatal(err)
	}
	q := k.questionSlides("try.en")["single"]
	k.call("POST", "/api/sessions/"+s.ID+"/goto", map[string]int{"slide": q}, nil)
	if _, err := p.WaitSlide(5*time.Second, func(sl phoneclient.Slide) bool { return sl.Index == q }); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Answer(q, []int{0}); err != nil {
		t.Fatal(err)
	}
	var ended map[string]any
	if st := k.call("POST", "/api/sessions/"+s.ID+"/end", nil, &ended); st != 200 {
		t.Fatalf("end: %d %v", st, ended)
	}
	var got map[string]any
	k.call("GET", "/api/sessions/"+s.ID, nil, &got)
	for key, want := range ended {
		if !equalJSON(got[key], want) {
			t.Errorf("GET after the end: %s is %v, the end answered %v", key, got[key], want)
		}
	}
	if got["answered"] != 1.0 || got["joined"] != 1.0 {
		t.Errorf("GET after the end: got %v answered, %v joined, want 1 and 1", got["answered"], got["joined"])
	}
	if got["ended_at"] == nil {
		t.Error("GET after the end: no ended_at")
	}
	if k.a.Live.Get(s.ID) != nil {
		t.Error("the ended session is still in memory")
	}

	check := func(k *kit, when string) {
		t.Helper()
		resp, err := http.Get(k.base + "/j/" + s.Code)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.Contains(string(body), `data-i18n="phone.pageTitle"`) {
			t.Errorf("%s: GET /j/%s: got %d, want the phone page (it learns the session is over)", when, s.Code, resp.StatusCode)
		}
		for _, try := range []func(*phoneclient.Phone) error{
			func(ph *phoneclient.Phone) error { return ph.Resume(p.Token) },
			func(ph *phoneclient.Phone) error { return ph.Join("Late", "en") },
		} {
			ph := k.phone(s.Code)
			var pe *phoneclient.Error
			if err := try(ph); !errors.As(err, &pe) || pe.Code != "session_ended" {
				t.Errorf("%s: got %v, want session_ended", when, err)
			}
			select {
			case <-ph.Closed():
			case <-time.After(5 * time.Second):
				t.Errorf("%s: the socket stays open after session_ended", when)
			}
		}
		// A presenter view reloading is shown the end, as before it left memory.
		host := dialHost(t, k.base, s.ID)
		host.waitFor(t, when+": host_state ended", 5*time.Second, func(m map[string]any) bool {
			return m["type"] == "host_state" && m["phase"] == "ended" && m["answered"] == 1.0 && m["joined"] == 1.0
		})
		if resp, err := http.Get(k.base + "/j/ZZZZZZ"); err != nil || resp.StatusCode != 404 {
			t.Errorf("%s: an unknown code: got %v %v, want 404", when, resp.StatusCode, err)
		}
		if _, err := phoneclient.Dial(context.Background(), k.base, "ZZZZZZ", nil); err == nil || !strings.Contains(err.Error(), "HTTP 404") {
			t.Errorf("%s: the socket of an unknown code: got %v, want HTTP 404", when, err)
		}
	}
	check(k, "after the end")
	k.stop()
	check(startKit(t, dir), "after a restart")
}

func equalJSON(a, b any) bool {
	switch a := a.(type) {
	case []any:
		bb, ok := b.([]any)
		if !ok || len(a) != len(bb) {
			return false
		}
		for i := range a {
			if !equalJSON(a[i], bb[i]) {
				return false
			}
		}
		return true
	}
	return a == b
}

// TestSettingTheJoinAddressSendsPhonesNothing: POST /api/network tells
// presenter views the join URL again, and phones get no frame from it.
func TestSettingTheJoinAddressSendsPhonesNothing(t *testing.T) {
	k := startKit(t, t.TempDir())
	s := k.start("try.en")
	p := k.phone(s.Code)
	if err := p.Join("Sam", "en"); err != nil {
		t.Fatal(err)
	}
	if _, err := p.WaitFor(5*time.Second, func(m phoneclient.Message) bool { return m.Type == "slide" }); err != nil {
		t.Fatal(err) // the lobby, after the welcome
	}
	host := dialHost(t, k.base, s.ID)
	host.waitFor(t, "host_state", 5*time.Second, func(m map[string]any) bool { return m["type"] == "host_state" })
	states := func() int {
		host.mu.Lock()
		defer host.mu.Unlock()
		n := 0
		for _, m := range host.all {
			if m["type"] == "host_state" {
				n++
			}
		}
		return n
	}
	before := states()

	var net struct{ Current string }
	k.call("GET", "/api/network", nil, &net)
	if st := k.call("POST", "/api/network", map[string]string{"url": net.Current}, nil); st != 200 {
		t.Fatalf("POST /api/network: %d", st)
	}
	eventually(t, "a host_state after the address was set", func() bool { return states() > before })
	if m := host.last(); m["session"].(map[string]any)["join_url"] != net.Current+"/j/"+s.Code {
		t.Errorf("presenter join_url: got %v, want %s/j/%s", m["session"], net.Current, s.Code)
	}
	// The phone's frames come in order: anything the address change sent
	// it arrives before the slide that "next" sends.
	k.call("POST", "/api/sessions/"+s.ID+"/next", nil, nil)
	for {
		m, err := p.Next(5 * time.Second)
		if err != nil {
			t.Fatal(err)
		}
		if m.Type != "slide" {
			continue
		}
		if sl := p.Slide(); sl.Index == 0 {
			break
		}
		t.Errorf("the phone was sent %s when the join address was set; want nothing", m.Raw)
	}
}
