package app_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/roundtable-kit/roundtable/internal/kittest"
	"github.com/roundtable-kit/roundtable/phoneclient"
)

// shareDeck offers "Share your experience" and ends on a feedback slide.
const shareDeck = `---
title: Share
lang: en
share: Tell us about your family's experience. Anonymous; only the facilitator reads it.
---

# Welcome

---

<!-- question: feedback -->
<!-- id: useful -->
<!-- open: What would make it better? -->

## How useful was this?
`

const (
	fbSlide = 1
	nPhones = 6
)

// TestShareAndFeedback plays both through real sockets: the welcome offers
// the form; entries are normalized, bounded, refused with bad_text when
// they hide characters, limited to 3 a phone, and acked once stored with no
// participant and no time of day; the feedback answer takes the value and
// the comment together. The presenter's and audience screen's socket, the
// phones' reveal and the results exports never carry an entry, and only
// the results (for the facilitator) carry the comments.
func TestShareAndFeedback(t *testing.T) {
	k := startKit(t, t.TempDir())
	deck := k.SaveDeck(shareDeck)
	s := k.start(deck)
	host := k.HostSocket(s.ID)
	var phones []*phoneclient.Phone
	for i := range nPhones {
		p := k.phone(s.Code)
		if err := p.Join(fmt.Sprintf("P%d", i), "en"); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(p.Share["en"], "Tell us about your family") {
			t.Fatalf("welcome share %v, want the deck's prompt", p.Share)
		}
		phones = append(phones, p)
	}

	// Share your experience.
	p0 := phones[0]
	secret := []string{"SecretStoryAlpha =1+1", "SecretStoryBeta\nsecond line", "  SecretStoryGamma  "}
	for _, x := range secret {
		if m, err := p0.ShareExperience(x); err != nil || m.Type != "share_ack" {
			t.Fatalf("share %q: %v %s", x, err, m.Raw)
		}
	}
	if _, err := p0.ShareExperience("a fourth"); errCode(err) != "rate_limited" {
		t.Errorf("a fourth entry from one phone: got %v, want rate_limited", err)
	}
	for _, bad := range []string{"hidden\u202eright-to-left", "zero\u200bwidth", strings.Repeat("x", 2001), "   "} {
		if _, err := phones[1].ShareExperience(bad); errCode(err) != "bad_text" {
			t.Errorf("share %.20q: got %v, want bad_text", bad, err)
		}
	}
	if _, err := phones[1].ShareExperience("SecretStoryDelta " + strings.Repeat("é", 1900)); err != nil {
		t.Errorf("a long entry within the bound: %v", err)
	}

	var ex struct {
		Session, Code, Prompt string
		Entries               []struct{ Day, Text string }
	}
	if st := k.call("GET", "/api/sessions/"+s.ID+"/experiences", nil, &ex); st != 200 || len(ex.Entries) != 4 || !strings.HasPrefix(ex.Prompt, "Tell us") {
		t.Fatalf("experiences: %d %+v", st, ex)
	}
	today := time.Now().Format(time.DateOnly)
	got := map[string]bool{}
	for _, e := range ex.Entries {
		if e.Day != today {
			t.Errorf("entry day %q, want today %s (the day only)", e.Day, today)
		}
		got[strings.Fields(e.Text)[0]] = true
	}
	if !got["SecretStoryAlpha"] || !got["SecretStoryGamma"] || !got["SecretStoryDelta"] {
		t.Errorf("entries %+v", ex.Entries)
	}
	raw := k.Get("/api/sessions/" + s.ID + "/experiences")
	for _, pid := range []string{p0.Participant, phones[1].Participant, "P0", "participant"} {
		if bytes.Contains(raw, []byte(pid)) {
			t.Errorf("the experiences answer names %q: %s", pid, raw)
		}
	}
	csv := string(k.Get("/api/sessions/" + s.ID + "/experiences?format=csv"))
	if !strings.HasPrefix(csv, "\uFEFFsession,code,day,text\n") || !strings.Contains(csv, ",'SecretStoryAlpha =1+1") && !strings.Contains(csv, "SecretStoryAlpha =1+1") {
		t.Errorf("experiences CSV: %q", csv[:min(200, len(csv))])
	}

	// Feedback.
	if st := k.call("POST", "/api/sessions/"+s.ID+"/goto", map[string]int{"slide": fbSlide}, nil); st != 200 {
		t.Fatal(st)
	}
	for _, p := range phones {
		if _, err := p.WaitSlide(10*time.Second, func(sl phoneclient.Slide) bool { return sl.Index == fbSlide && sl.Phase == "question" }); err != nil {
			t.Fatal(err)
		}
	}
	q := p0.Slide().Question
	if q == nil || q.Kind != "feedback" || q.Points != 5 || q.Low != "Not useful" || q.High != "Very useful" || q.Open != "What would make it better?" {
		t.Fatalf("feedback question: %+v", q)
	}
	values := []float64{5, 4, 4, 3, 5, 2}
	for i, p := range phones {
		text := ""
		if i < 3 {
			text = fmt.Sprintf("CommentNumber%d", i)
		}
		m, err := p.Feedback(fbSlide, values[i], text)
		if err != nil || m.Given1.Value == nil || *m.Given1.Value != values[i] || (text != "") != (m.Given1.Text != nil) {
			t.Fatalf("feedback %d: %v %s", i, err, m.Raw)
		}
	}
	if _, err := phones[5].Feedback(fbSlide, 6, ""); errCode(err) != "bad_choice" {
		t.Errorf("value 6: got %v, want bad_choice", err)
	}
	if _, err := phones[5].Give(fbSlide, map[string]any{"text": "no value"}); errCode(err) != "bad_choice" {
		t.Errorf("text alone: got %v, want bad_choice", err)
	}
	if _, err := phones[5].Feedback(fbSlide, 2, "bidi\u202e"); errCode(err) != "bad_text" {
		t.Errorf("bidi comment: got %v, want bad_text", err)
	}
	// A phone coming back finds its value and comment.
	again := k.phone(s.Code)
	if err := again.Resume(p0.Token); err != nil {
		t.Fatal(err)
	}
	if g := again.Given[fmt.Sprint(fbSlide)]; g.Value == nil || *g.Value != 5 || g.Text == nil || *g.Text != "CommentNumber0" {
		t.Errorf("resumed given: %+v", again.Given)
	}
	// The screens see the distribution and the mean.
	_, ok := host.WaitFor(0, 10*time.Second, func(m kittest.HostMsg) bool {
		var sm struct {
			Total  int
			Counts []int
			Mean   *float64
		}
		return m.Summary(&sm) && sm.Total == nPhones && sm.Mean != nil && *sm.Mean == 3.83 && fmt.Sprint(sm.Counts) == "[0 1 1 2 2]"
	})
	if !ok {
		t.Fatalf("no host summary with 6 answers, mean 3.83; last %s", host.Last().Raw)
	}
	k.call("POST", "/api/sessions/"+s.ID+"/reveal", nil, nil)
	revealMsg, err := again.WaitFor(10*time.Second, func(m phoneclient.Message) bool { return m.Type == "slide" && again.Slide().Phase == "revealed" })
	sl := again.Slide()
	if err != nil || sl.Reveal == nil || sl.Reveal.Mean == nil || *sl.Reveal.Mean != 3.83 {
		t.Fatalf("reveal: %v %+v", err, sl.Reveal)
	}

	// Results: the comments (6 answered, k 5), never the entries. Every
	// point but the empty one is under k and hidden, so the mean (with
	// the total it would give them back) is not in the results either.
	var res struct {
		Questions []struct {
			Kind    string
			Summary struct {
				Mean     *float64
				Counts   []*int
				Comments []string
			}
		}
	}
	k.call("GET", "/api/sessions/"+s.ID+"/results", nil, &res)
	if len(res.Questions) != 1 || res.Questions[0].Summary.Mean != nil || len(res.Questions[0].Summary.Comments) != 3 {
		t.Errorf("results: %+v", res)
	}
	rcsv := string(k.Get("/api/sessions/" + s.ID + "/results.csv"))
	if !strings.Contains(rcsv, ",comment\n") || !strings.Contains(rcsv, ",5,,CommentNumber0") {
		t.Errorf("results CSV lacks the comment column or a comment:\n%s", rcsv)
	}
	k.call("POST", "/api/sessions/"+s.ID+"/end", nil, nil)

	// Nothing a phone shared reaches a screen or a results export; no
	// comment reaches the screens.
	exports := map[string][]byte{
		"results":     k.Get("/api/sessions/" + s.ID + "/results"),
		"results.csv": []byte(rcsv),
		"qa.csv":      k.Get("/api/sessions/" + s.ID + "/qa.csv"),
	}
	for i, hm := range host.Messages() {
		exports[fmt.Sprintf("host message %d (%s)", i, hm.Type)] = hm.Raw
	}
	for name, b := range exports {
		if bytes.Contains(b, []byte("SecretStory")) {
			t.Errorf("%s holds a shared entry", name)
		}
		if !strings.HasPrefix(name, "results") && bytes.Contains(b, []byte("CommentNumber")) {
			t.Errorf("%s holds a feedback comment", name)
		}
	}
	if bytes.Contains(revealMsg.Raw, []byte("CommentNumber")) {
		t.Error("the phones' reveal holds a comment")
	}
	// After the end, the form is closed; entries stay readable.
	if _, err := phones[2].ShareExperience("late"); err == nil {
		t.Errorf("share after the end: %v", err)
	}
	if st := k.call("GET", "/api/sessions/"+s.ID+"/experiences", nil, &ex); st != 200 || len(ex.Entries) != 4 {
		t.Errorf("experiences after the end: %d, %d entries", st, len(ex.Entries))
	}
}

// A deck without share: refuses entries with not_found, and its welcome
// offers none.
func TestShareNotOffered(t *testing.T) {
	k := startKit(t, t.TempDir())
	s := k.start("try.en")
	p := k.phone(s.Code)
	if err := p.Join("", "en"); err != nil {
		t.Fatal(err)
	}
	if p.Share != nil {
		t.Errorf("welcome share %v on a deck without it", p.Share)
	}
	if _, err := p.ShareExperience("hello"); errCode(err) != "not_found" {
		t.Errorf("got %v, want not_found", err)
	}
	if _, err := k.phone(s.Code).ShareExperience("before joining"); errCode(err) != "not_joined" {
		t.Errorf("before joining: got %v, want not_joined", err)
	}
}

// A feedback answer (value and comment in one row) comes back after a
// restart: the session is restored from its rows and the phone finds both
// in welcome.given. A deck with a twin offers both languages' prompts.
func TestFeedbackSurvivesRestart(t *testing.T) {
	dir := t.TempDir()
	k := startKit(t, dir)
	s := k.start("parents.en")
	fb := k.questionSlides("parents.en")["feedback"]
	p := k.phone(s.Code)
	if err := p.Join("", "es"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(p.Share["en"], "anonymous") || !strings.Contains(p.Share["es"], "anónimo") {
		t.Errorf("welcome share %q, want the deck's and its twin's prompts", p.Share)
	}
	k.call("POST", "/api/sessions/"+s.ID+"/goto", map[string]int{"slide": fb}, nil)
	if _, err := p.WaitSlide(10*time.Second, func(sl phoneclient.Slide) bool { return sl.Index == fb && sl.Phase == "question" }); err != nil {
		t.Fatal(err)
	}
	if q := p.Slide().Question; q.Low != "Nada útil" || !strings.HasPrefix(q.Open, "¿Qué va a probar") {
		t.Errorf("a Spanish phone's feedback question: %+v", q)
	}
	if _, err := p.Feedback(fb, 3, "Más tiempo para preguntas"); err != nil {
		t.Fatal(err)
	}
	k.stop()
	k2 := startKit(t, dir)
	again := k2.phone(s.Code)
	if err := again.Resume(p.Token); err != nil {
		t.Fatal(err)
	}
	if g := again.Given[fmt.Sprint(fb)]; g.Value == nil || *g.Value != 3 || g.Text == nil || *g.Text != "Más tiempo para preguntas" {
		t.Errorf("after a restart, given %+v", again.Given)
	}
}
