package app_test

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/fasthttp/websocket"

	"github.com/roundtable-kit/roundtable/phoneclient"
)

// Ending a session answers its state with ended_at, the same as a GET
// afterwards; ending it again answers that state again, while the other
// drive routes refuse with session_ended.
func TestEndingAnEndedSessionAnswersItsState(t *testing.T) {
	k := startKit(t, t.TempDir())
	s := k.start("try.en")
	p := k.phone(s.Code)
	if err := p.Join("Sam", "en"); err != nil {
		t.Fatal(err)
	}
	var ended map[string]any
	if st := k.call("POST", "/api/sessions/"+s.ID+"/end", nil, &ended); st != 200 {
		t.Fatalf("end: %d %v", st, ended)
	}
	if ended["phase"] != "ended" || ended["ended_at"] == nil {
		t.Errorf("end answered phase %v, ended_at %v; want ended, with the time", ended["phase"], ended["ended_at"])
	}
	var got map[string]any
	k.call("GET", "/api/sessions/"+s.ID, nil, &got)
	if got["ended_at"] != ended["ended_at"] {
		t.Errorf("ended_at: the end answered %v, a GET after it %v", ended["ended_at"], got["ended_at"])
	}

	var again map[string]any
	if st := k.call("POST", "/api/sessions/"+s.ID+"/end", nil, &again); st != 200 {
		t.Fatalf("end again: got %d %v, want 200 with the state", st, again)
	}
	for key, want := range ended {
		if !equalJSON(again[key], want) {
			t.Errorf("end again: %s is %v, the first end answered %v", key, again[key], want)
		}
	}
	for _, action := range []string{"next", "prev", "reveal"} {
		var refusal map[string]any
		st := k.call("POST", "/api/sessions/"+s.ID+"/"+action, nil, &refusal)
		if e, _ := refusal["error"].(map[string]any); st != 409 || e["code"] != "session_ended" {
			t.Errorf("%s on an ended session: got %d %v, want 409 session_ended", action, st, refusal)
		}
	}
	var refusal map[string]any
	if st := k.call("POST", "/api/sessions/nosuchsession/end", nil, &refusal); st != 404 {
		t.Errorf("end of an unknown session: got %d %v, want 404", st, refusal)
	}
}

// Phones joining while the session ends are counted once: the count the end
// answers with is the one a GET reads from the store afterwards.
func TestJoinsRacingTheEndAreCountedAsStored(t *testing.T) {
	k := startKit(t, t.TempDir())
	for round := 0; round < 5; round++ {
		s := k.start("try.en")
		k.JoinPhones(s.Code, 5, nil)
		// Sockets open first, so that the joins arrive together with the end.
		phones := make([]*phoneclient.Phone, 30)
		for i := range phones {
			p, err := phoneclient.Dial(context.Background(), k.base, s.Code, nil)
			if err != nil {
				t.Fatal(err)
			}
			phones[i] = p
		}
		var wg sync.WaitGroup
		for _, p := range phones {
			wg.Add(1)
			go func() { defer wg.Done(); p.Join("", "en") }()
		}
		var ended map[string]any
		st := k.call("POST", "/api/sessions/"+s.ID+"/end", nil, &ended)
		wg.Wait()
		for _, p := range phones {
			p.Close()
		}
		if st != 200 {
			t.Fatalf("end: %d %v", st, ended)
		}
		var got map[string]any
		k.call("GET", "/api/sessions/"+s.ID, nil, &got)
		if got["joined"] != ended["joined"] {
			t.Fatalf("round %d: the end counted %v joined, a GET after it %v", round, ended["joined"], got["joined"])
		}
	}
}

// A presenter view of an ended session, while the database cannot be read,
// is told the server failed, not that there is no such session.
func TestHostSocketWithAFailingStoreIsNotNotFound(t *testing.T) {
	k := startKit(t, t.TempDir())
	s := k.start("try.en")
	if st := k.call("POST", "/api/sessions/"+s.ID+"/end", nil, nil); st != 200 {
		t.Fatalf("end: %d", st)
	}
	k.a.Store.Close()
	h := http.Header{"Authorization": {"Bearer " + testKey}, "User-Agent": {testUA}}
	ws, resp, err := websocket.DefaultDialer.Dial(strings.Replace(k.base, "http", "ws", 1)+"/ws/host/"+s.ID, h)
	if err == nil {
		ws.Close()
		t.Fatal("the host socket opened with the store closed")
	}
	if resp == nil || resp.StatusCode < 500 {
		status := 0
		if resp != nil {
			status = resp.StatusCode
		}
		t.Errorf("host socket with the store failing: got HTTP %d (%v), want 5xx", status, err)
	}
}
