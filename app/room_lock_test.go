package app_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/roundtable-kit/roundtable/phoneclient"
)

// The presenter locks the room: no one new joins, those who joined resume;
// unlocked, the room is open again. Over HTTP and the host socket alike.
func TestThePresenterLocksTheRoom(t *testing.T) {
	k := startKit(t, t.TempDir())
	s := k.start("try.en")
	a := k.phone(s.Code)
	if err := a.Join("Ann", "en"); err != nil {
		t.Fatal(err)
	}
	var snap struct{ Locked bool }
	if st := k.call("POST", "/api/sessions/"+s.ID+"/lock", nil, &snap); st != 200 || !snap.Locked {
		t.Fatalf("lock: got %d %+v, want 200 and locked", st, snap)
	}
	host := dialHost(t, k.base, s.ID)
	host.waitFor(t, "locked in host_state", 2*time.Second, func(m map[string]any) bool { return m["locked"] == true })

	var pe *phoneclient.Error
	if err := k.phone(s.Code).Join("", "en"); !errors.As(err, &pe) || pe.Code != "room_locked" {
		t.Errorf("a join into a locked room: got %v, want room_locked", err)
	}
	a.Close()
	back := k.phone(s.Code)
	if err := back.Resume(a.Token); err != nil {
		t.Errorf("a resume into a locked room: %v, want welcome", err)
	}
	host.ws.WriteJSON(map[string]string{"type": "unlock"})
	host.waitFor(t, "unlocked", 2*time.Second, func(m map[string]any) bool { return m["locked"] == nil })
	if err := k.phone(s.Code).Join("", "en"); err != nil {
		t.Errorf("a join once unlocked: %v", err)
	}
}

// The presenter removes a participant: their socket is told bye "removed",
// their token no longer resumes, their nickname is gone; their answer
// stays in the results under another id, unless the presenter deletes it.
// Played as a game: only a game has nicknames to list.
func TestThePresenterRemovesAParticipant(t *testing.T) {
	k := startKit(t, t.TempDir())
	s := k.StartGame("try.en", false)
	q := k.questionSlides("try.en")["single"]
	phones := map[string]*phoneclient.Phone{}
	for _, nick := range []string{"Ann", "Bob", "Cy"} {
		p := k.phone(s.Code)
		if err := p.Join(nick, "en"); err != nil {
			t.Fatal(err)
		}
		phones[nick] = p
	}
	k.call("POST", "/api/sessions/"+s.ID+"/goto", map[string]int{"slide": q}, nil)
	for _, p := range phones {
		if _, err := p.WaitSlide(5*time.Second, func(sl phoneclient.Slide) bool { return sl.Index == q }); err != nil {
			t.Fatal(err)
		}
		if _, err := p.Answer(q, []int{1}); err != nil {
			t.Fatal(err)
		}
	}
	var list []struct {
		ID, Nick  string
		Connected bool
		Answers   int
	}
	k.call("GET", "/api/sessions/"+s.ID+"/participants", nil, &list)
	if len(list) != 3 || list[0].Nick != "Ann" || !list[0].Connected || list[0].Answers != 1 {
		t.Fatalf("participants: got %+v, want Ann, Bob, Cy, connected, one answer each", list)
	}
	ann, bob := phones["Ann"], phones["Bob"]
	if st := k.call("DELETE", "/api/sessions/"+s.ID+"/participants/"+ann.Participant, nil, nil); st != 200 {
		t.Fatalf("remove Ann: %d", st)
	}
	if m, err := ann.WaitFor(3*time.Second, func(m phoneclient.Message) bool { return m.Type == "bye" }); err != nil || m.Reason != "removed" {
		t.Errorf("Ann's socket: got %+v %v, want bye removed", m, err)
	}
	var pe *phoneclient.Error
	if err := k.phone(s.Code).Resume(ann.Token); !errors.As(err, &pe) || pe.Code != "bad_token" {
		t.Errorf("Ann's token: got %v, want bad_token", err)
	}
	// Over the host socket, with the answer deleted too.
	host := dialHost(t, k.base, s.ID)
	host.ws.WriteJSON(map[string]any{"type": "remove", "participant": bob.Participant, "delete_answers": true, "ref": 1})
	if _, err := bob.WaitFor(3*time.Second, func(m phoneclient.Message) bool { return m.Type == "bye" && m.Reason == "removed" }); err != nil {
		t.Errorf("Bob's socket: %v, want bye removed", err)
	}
	host.ws.WriteJSON(map[string]any{"type": "remove", "participant": "pNOSUCHONE", "ref": 2})
	deadline := time.Now().Add(3 * time.Second)
	for {
		host.mu.Lock()
		found := false
		for _, m := range host.all {
			found = found || (m["type"] == "error" && m["code"] == "not_found" && m["ref"] == float64(2))
		}
		host.mu.Unlock()
		if found {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("removing an unknown participant over the host socket: no not_found error")
		}
		time.Sleep(20 * time.Millisecond)
	}

	list = nil
	k.call("GET", "/api/sessions/"+s.ID+"/participants", nil, &list)
	nicks := map[string]bool{}
	for _, p := range list {
		nicks[p.Nick] = true
	}
	if len(list) != 2 || !nicks["Cy"] || !nicks[""] {
		t.Errorf("participants after: got %+v, want Cy and Ann's answers under an anonymous id", list)
	}
	answers, _ := csvAnswers(t, k.base, s.ID, q)
	if len(answers) != 2 || answers[ann.Participant] != "" || answers[bob.Participant] != "" || answers[phones["Cy"].Participant] != "B" {
		t.Errorf("results.csv: got %v, want Cy's answer and Ann's under another id, Bob's gone", answers)
	}
	// The results JSON hides 2 responses (fewer than 5): the CSV above
	// counts them.
	var res struct {
		Questions []struct {
			Slide     int
			Responses *int
		}
	}
	k.call("GET", "/api/sessions/"+s.ID+"/results", nil, &res)
	for _, qq := range res.Questions {
		if qq.Slide == q && qq.Responses != nil {
			t.Errorf("responses: got %d, want hidden", *qq.Responses)
		}
	}
	// A restart brings back the same room.
	k.stop()
	k2 := startKit(t, k.dir)
	var after []struct{ Nick string }
	k2.call("GET", "/api/sessions/"+s.ID+"/participants", nil, &after)
	if len(after) != 2 {
		t.Errorf("after a restart: got %+v, want the same two", after)
	}
	if _, err := phoneclient.Dial(context.Background(), k2.base, s.Code, nil); err != nil {
		t.Fatal(err)
	}
}
