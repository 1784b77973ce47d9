package app_test

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"math/rand"
	"strings"
	"sync"
	"testing"

	"github.com/roundtable-kit/roundtable/internal/kittest"
	"github.com/roundtable-kit/roundtable/phoneclient"
)

func refusedWith(t *testing.T, what string, err error, code string) {
	t.Helper()
	var e *phoneclient.Error
	if !errors.As(err, &e) || e.Code != code {
		t.Fatalf("%s: got %v, want %s", what, err, code)
	}
}

type qaPage struct {
	Questions []struct {
		ID, Text, Status string
		Votes            int
		Answered, Pinned bool
	}
	Next   string
	Counts struct{ Pending, Approved, Hidden, Held, Answered int }
	Open   bool
	Mode   string
	Sort   string
}

// TestQAAskVoteModerateSurvivesARestart plays the Q&A over real sockets:
// closed until the presenter opens it, questions moderated (pending, held
// by the abuse list), votes one per phone and withdrawable, answered and
// pinned marks; then the kit restarts on the same file and every vote,
// status and switch is as it was.
func TestQAAskVoteModerateSurvivesARestart(t *testing.T) {
	dir := t.TempDir()
	k := kittest.Start(t, kittest.Options{Dir: dir})
	s := k.StartSession("try.en")
	host := k.DialHost(s.ID)
	phones := k.JoinPhones(s.Code, 3, nil)
	a, b, c := phones[0], phones[1], phones[2]

	_, err := a.Ask("Is it open?")
	refusedWith(t, "ask while closed", err, "qa_closed")
	if err := host.Send(map[string]any{"type": "qa_open", "open": true}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.WaitQA(wait, func(q phoneclient.QA) bool { return q.Open }); err != nil {
		t.Fatalf("phones never saw the Q&A open: %v", err)
	}

	ack, err := a.Ask("  How do I <b>talk</b> to my kids\u0301 about games?  ")
	if err != nil {
		t.Fatal(err)
	}
	if ack.Status != "pending" || !strings.HasPrefix(ack.ID, "q") {
		t.Fatalf("got ack %s, want a pending question id", ack.Raw)
	}
	q1 := ack.ID
	again, err := a.Ask("How do I <b>talk</b> to my kids\u0301 about games?")
	if err != nil || again.ID != q1 {
		t.Errorf("a resend: got %v %s, want the same id %s", err, again.Raw, q1)
	}
	_, err = b.Vote(q1, true)
	refusedWith(t, "a vote for a question the room does not see", err, "not_found")
	if _, err := a.WaitQA(wait, func(q phoneclient.QA) bool {
		return len(q.Questions) == 1 && q.Questions[0].Pending && q.Questions[0].Mine
	}); err != nil {
		t.Errorf("the asker never saw its pending question: %+v", a.QA())
	}
	held, err := c.Ask("you are a stuuupid bastard")
	if err != nil || held.Status != "held" {
		t.Fatalf("abuse: got %v %s, want held", err, held.Raw)
	}
	for _, bad := range []string{"", "   ", "hi\u200bthere", "\u202eevil", strings.Repeat("x", 281)} {
		_, err := c.Ask(bad)
		refusedWith(t, fmt.Sprintf("ask %q", bad), err, "bad_text")
	}
	if _, ok := host.WaitQA(wait, func(q kittest.HostQA) bool { return q.Open && q.Counts.Pending == 1 && q.Counts.Held == 1 }); !ok {
		t.Fatal("host_qa never counted one pending and one held")
	}

	host.Send(map[string]any{"type": "qa_moderate", "id": q1, "action": "approve"})
	if _, err := b.WaitQA(wait, func(q phoneclient.QA) bool { return len(q.Questions) == 1 && !q.Questions[0].Mine }); err != nil {
		t.Fatalf("an approved question never reached another phone: %+v", b.QA())
	}
	if got := b.QA().Questions[0].Text; got != "How do I <b>talk</b> to my kid\u015b about games?" {
		t.Errorf("got text %q, want it trimmed, in NFC, tags as typed", got)
	}
	for i, step := range []struct {
		p    *phoneclient.Phone
		up   bool
		want bool
	}{{b, true, true}, {b, true, true}, {c, true, true}, {c, false, false}, {c, false, false}, {a, true, true}} {
		m, err := step.p.Vote(q1, step.up)
		if err != nil || m.Voted == nil || *m.Voted != step.want || m.ID != q1 {
			t.Fatalf("vote %d: got %v %s, want voted %v", i, err, m.Raw, step.want)
		}
	}
	if _, err := b.WaitQA(wait, func(q phoneclient.QA) bool {
		return len(q.Questions) == 1 && q.Questions[0].Votes == 2 && q.Questions[0].Voted
	}); err != nil {
		t.Errorf("phone b: got %+v, want 2 votes, its own marked", b.QA())
	}
	// c sees its own held question as pending, after the approved one.
	if _, err := c.WaitQA(wait, func(q phoneclient.QA) bool {
		return len(q.Questions) == 2 && q.Questions[0].Votes == 2 && !q.Questions[0].Voted &&
			q.Questions[1].ID == held.ID && q.Questions[1].Pending && q.Questions[1].Mine
	}); err != nil {
		t.Errorf("phone c: got %+v, want 2 votes, not its own, then its held one as pending", c.QA())
	}

	// Five questions a minute from one phone; the sixth waits.
	for i := 0; i < 4; i++ {
		if _, err := b.Ask(fmt.Sprintf("question %d", i)); err != nil {
			t.Fatal(err)
		}
	}
	var st int
	if st, _ = k.API("POST", "/api/sessions/"+s.ID+"/qa", map[string]any{"mode": "stream"}, nil); st != 200 {
		t.Fatalf("POST qa mode: got %d", st)
	}
	streamed, err := b.Ask("=HYPERLINK(\"http://evil\")")
	if err != nil || streamed.Status != "approved" {
		t.Fatalf("in stream mode: got %v %s, want approved", err, streamed.Raw)
	}
	m, err := b.Ask("one too many")
	refusedWith(t, "the sixth question in a minute", err, "rate_limited")
	if m.RetryAfter < 1 || m.RetryAfter > 60 {
		t.Errorf("got retry_after %d, want 1..60", m.RetryAfter)
	}

	var page qaPage
	if st, code := k.API("POST", "/api/sessions/"+s.ID+"/qa/"+q1, map[string]string{"action": "answer"}, nil); st != 200 {
		t.Fatalf("answer: %d %s", st, code)
	}
	k.API("POST", "/api/sessions/"+s.ID+"/qa/"+q1, map[string]string{"action": "pin"}, nil)
	k.API("POST", "/api/sessions/"+s.ID+"/qa/"+held.ID, map[string]string{"action": "hide"}, nil)
	if st, code := k.API("POST", "/api/sessions/"+s.ID+"/qa/qnope", map[string]string{"action": "hide"}, nil); st != 404 || code != "not_found" {
		t.Errorf("an unknown question: got %d %s, want 404 not_found", st, code)
	}
	if st, code := k.API("POST", "/api/sessions/"+s.ID+"/qa/"+q1, map[string]string{"action": "shout"}, nil); st != 400 || code != "bad_json" {
		t.Errorf("an unknown action: got %d %s, want 400 bad_json", st, code)
	}
	host.Send(map[string]any{"type": "qa_sort", "sort": "newest"})
	want, ok := host.WaitQA(wait, func(q kittest.HostQA) bool {
		return q.Sort == "newest" && q.Mode == "stream" && q.Counts.Hidden == 1 && q.Counts.Answered == 1 && len(q.Questions) > 0 && q.Questions[0].Pinned
	})
	if !ok {
		t.Fatalf("host_qa never showed the moderation: %+v", want)
	}
	if _, err := c.WaitQA(wait, func(q phoneclient.QA) bool { return q.Sort == "newest" && len(q.Questions) == 6 }); err != nil {
		t.Errorf("in stream mode phones see every question not held or hidden: got %+v", c.QA())
	}

	// Results and the CSV.
	var res struct {
		QA []struct {
			ID       string
			Votes    int
			Answered bool
		}
	}
	k.API("GET", "/api/sessions/"+s.ID+"/results", nil, &res)
	if len(res.QA) == 0 || res.QA[0].ID != q1 || res.QA[0].Votes != 2 || !res.QA[0].Answered {
		t.Errorf("results qa: got %+v, want %s first with 2 votes, answered", res.QA, q1)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(k.Get("/api/sessions/"+s.ID+"/qa.csv")), "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 8 || strings.Join(rows[0], ",") != "session,code,question_id,text,status,answered,votes,asked_at" {
		t.Fatalf("qa.csv: got %d rows, header %v", len(rows), rows[0])
	}
	for _, r := range rows[1:] {
		if strings.ContainsAny(r[3][:1], "=+-@") {
			t.Errorf("qa.csv cell %q is not formula-safe", r[3])
		}
	}

	// Restart on the same file.
	before := want
	token := b.Token
	if err := k.Stop(); err != nil {
		t.Fatal(err)
	}
	k2 := kittest.Start(t, kittest.Options{Dir: dir})
	host2 := k2.DialHost(s.ID)
	after, ok := host2.WaitQA(wait, func(q kittest.HostQA) bool { return true })
	if !ok {
		t.Fatal("no host_qa after the restart")
	}
	if fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("after the restart got\n%+v\nwant\n%+v", after, before)
	}
	b2 := k2.Dial(s.Code, nil)
	if err := b2.Resume(token); err != nil {
		t.Fatal(err)
	}
	got, err := b2.WaitQA(wait, func(q phoneclient.QA) bool { return q.Open && len(q.Questions) == 6 })
	if err != nil {
		t.Fatalf("a phone resuming after the restart: got %+v", got)
	}
	for _, q := range got.Questions {
		if q.ID == q1 && (!q.Voted || q.Votes != 2 || !q.Answered) {
			t.Errorf("after the restart phone b sees %+v, want its vote, 2 votes, answered", q)
		}
	}
	if m, err := b2.Vote(q1, true); err != nil || !*m.Voted {
		t.Errorf("voting again after the restart: %v %s", err, m.Raw)
	}
	k2.API("GET", "/api/sessions/"+s.ID+"/qa?status=all&limit=2", nil, &page)
	if len(page.Questions) != 2 || page.Next == "" || page.Counts.Pending != 4 || page.Counts.Approved != 2 || !page.Questions[0].Pinned {
		t.Errorf("GET qa page: got %+v, want 2 of 7, the pinned first, and a next cursor", page)
	}
	seen := map[string]bool{}
	for after := ""; ; {
		var p qaPage
		k2.API("GET", "/api/sessions/"+s.ID+"/qa?status=all&limit=2&after="+after, nil, &p)
		for _, q := range p.Questions {
			if seen[q.ID] {
				t.Errorf("%s on two pages", q.ID)
			}
			seen[q.ID] = true
		}
		if after = p.Next; after == "" {
			break
		}
	}
	if len(seen) != 7 {
		t.Errorf("paging saw %d questions, want 7", len(seen))
	}
}

// TestQAVoteCountsOnTheHostMatchTheDatabase has many phones vote and
// withdraw at once, each its own random walk; when every ack is in, the
// presenter's feed shows the counts the acks imply, and the database holds
// exactly those.
func TestQAVoteCountsOnTheHostMatchTheDatabase(t *testing.T) {
	k := kittest.Start(t, kittest.Options{})
	s := k.StartSession("try.en")
	host := k.DialHost(s.ID)
	k.API("POST", "/api/sessions/"+s.ID+"/qa", map[string]any{"open": true, "mode": "stream"}, nil)
	const n, nq, steps = 150, 5, 12
	phones := k.JoinPhones(s.Code, n, nil)
	ids := make([]string, nq)
	var asks sync.WaitGroup
	for i := range ids { // at once: the abuse check folds text on many goroutines
		asks.Add(1)
		go func() {
			defer asks.Done()
			m, err := phones[i].Ask(fmt.Sprintf("Question number %d?", i))
			if err != nil {
				t.Error(err)
			}
			ids[i] = m.ID
		}()
	}
	asks.Wait()
	if t.Failed() {
		t.FailNow()
	}
	final := make([]map[string]bool, n)
	var wg sync.WaitGroup
	for i, p := range phones {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(i)))
			final[i] = map[string]bool{}
			for range steps {
				id := ids[r.Intn(nq)]
				up := r.Intn(3) > 0
				m, err := p.Vote(id, up)
				if err != nil {
					t.Errorf("phone %d: %v", i, err)
					return
				}
				final[i][id] = *m.Voted
			}
		}()
	}
	wg.Wait()
	want := map[string]int{}
	for _, f := range final {
		for id, v := range f {
			if v {
				want[id]++
			}
		}
	}
	got, ok := host.WaitQA(wait, func(q kittest.HostQA) bool {
		for _, x := range q.Questions {
			if x.Votes != want[x.ID] {
				return false
			}
		}
		return len(q.Questions) == nq
	})
	if !ok {
		t.Fatalf("host_qa: got %+v, want the votes %v", got, want)
	}
	rows, err := k.App.Store.QAQuestions(context.Background(), s.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if r.Votes != want[r.ID] {
			t.Errorf("database: %s has %d votes, the host feed and the acks %d", r.ID, r.Votes, want[r.ID])
		}
	}
	if len(rows) != nq {
		t.Errorf("database: %d questions, want %d", len(rows), nq)
	}
}

// TestQASlideOpensItAndRemovalTakesItsRows: a qa slide opens the Q&A for
// phones while it shows (the presenter's switch stays off); a participant
// removed with their answers takes their questions and votes out of the
// feed and the database, one removed without keeps them anonymously.
func TestQASlideOpensItAndRemovalTakesItsRows(t *testing.T) {
	k := kittest.Start(t, kittest.Options{})
	deck := k.SaveDeck("---\ntitle: Q\nlang: en\n---\n\n# Hello\n\n---\n\n<!-- question: qa -->\n\n## Your questions\n")
	s := k.StartSession(deck)
	host := k.DialHost(s.ID)
	phones := k.JoinPhones(s.Code, 3, nil)
	a, b, c := phones[0], phones[1], phones[2]
	_, err := a.Ask("Closed?")
	refusedWith(t, "ask on a content slide", err, "qa_closed")
	k.API("POST", "/api/sessions/"+s.ID+"/goto", map[string]int{"slide": 1}, nil)
	if _, err := a.WaitQA(wait, func(q phoneclient.QA) bool { return q.Open }); err != nil {
		t.Fatal("a qa slide did not open the Q&A for phones")
	}
	if q, ok := host.WaitQA(wait, func(q kittest.HostQA) bool { return q.Showing }); !ok || q.Open {
		t.Errorf("host_qa: got %+v, want showing, the switch off", q)
	}
	k.API("POST", "/api/sessions/"+s.ID+"/qa", map[string]any{"mode": "stream"}, nil)
	qa, _ := a.Ask("From a, to be removed with a")
	qc, _ := c.Ask("From c, kept")
	for _, v := range []struct {
		p  *phoneclient.Phone
		id string
	}{{a, qc.ID}, {b, qa.ID}, {b, qc.ID}, {c, qa.ID}} {
		if _, err := v.p.Vote(v.id, true); err != nil {
			t.Fatal(err)
		}
	}
	if st, code := k.API("DELETE", "/api/sessions/"+s.ID+"/participants/"+a.Participant+"?answers=delete", nil, nil); st != 200 {
		t.Fatalf("remove: %d %s", st, code)
	}
	if st, code := k.API("DELETE", "/api/sessions/"+s.ID+"/participants/"+b.Participant, nil, nil); st != 200 {
		t.Fatalf("remove: %d %s", st, code)
	}
	got, ok := host.WaitQA(wait, func(q kittest.HostQA) bool { return len(q.Questions) == 1 })
	if !ok || got.Questions[0].ID != qc.ID || got.Questions[0].Votes != 1 {
		t.Errorf("host_qa after the removals: got %+v, want only c's question, with b's vote kept", got)
	}
	rows, _ := k.App.Store.QAQuestions(context.Background(), s.ID)
	votes, _ := k.App.Store.QAVotes(context.Background(), s.ID)
	if len(rows) != 1 || rows[0].ID != qc.ID || rows[0].Votes != 1 || len(votes) != 1 || votes[0].ParticipantID == b.Participant {
		t.Errorf("database after the removals: %+v, votes %+v; want c's question with one vote, not under b's id", rows, votes)
	}
	k.API("POST", "/api/sessions/"+s.ID+"/goto", map[string]int{"slide": 0}, nil)
	if _, err := c.WaitQA(wait, func(q phoneclient.QA) bool { return !q.Open }); err != nil {
		t.Error("leaving the qa slide did not close the Q&A for phones")
	}
}
