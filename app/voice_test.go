package app_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/roundtable-kit/roundtable/internal/kittest"
	"github.com/roundtable-kit/roundtable/phoneclient"
)

// voiceDeck has one question of each of the room's voice kinds, in this
// order (slide indexes 1–8), after a title slide.
const voiceDeck = `---
title: Voice
lang: en
---

# Voice

---

<!-- question: open -->
<!-- max: 40 -->
<!-- prefer-not: yes -->

## What worries you?

---

<!-- question: wordcloud -->
<!-- entries: 2 -->
<!-- max: 12 -->

## One word

---

<!-- question: scale -->
<!-- scale: 5 -->
<!-- low: No -->
<!-- high: Yes -->
<!-- prefer-not: yes -->

## I know the apps

---

<!-- question: ranking -->

## Order these

- Meals
- Bedrooms
- Talks

---

<!-- question: number -->
<!-- range: 0..200 -->
<!-- step: 0.5 -->
<!-- answer: 96 -->
<!-- tolerance: 10 -->

## How many checks a day?

---

<!-- question: typeanswer -->
<!-- accept: Take It Down | TakeItDown -->

## Which service?

---

<!-- question: poll -->
<!-- prefer-not: yes -->

## Pick

- a
- b

---

<!-- question: qa -->

## Your questions
`

const (
	vOpen = 1 + iota
	vCloud
	vScale
	vRank
	vNumber
	vTyped
	vPoll
	vQA
)

func errCode(err error) string {
	var e *phoneclient.Error
	if errors.As(err, &e) {
		return e.Code
	}
	if err != nil {
		return "other: " + err.Error()
	}
	return ""
}

// TestVoiceAnswersOfEveryKind plays every room's voice kind through real
// sockets: the slide message carries the kind's settings (and never a
// typeanswer's accepted answers or a number's true value), each shape is
// validated on arrival (bad_choice for a shape, bad_text for text), the ack
// echoes what was stored, a resend is one answer, and welcome.given brings
// every answer back on resume.
func TestVoiceAnswersOfEveryKind(t *testing.T) {
	k := startKit(t, t.TempDir())
	deck := k.SaveDeck(voiceDeck)
	s := k.start(deck)
	p := k.phone(s.Code)
	if err := p.Join("", "en"); err != nil {
		t.Fatal(err)
	}
	var raw string // the last slide message's bytes
	goTo := func(slide int) phoneclient.Slide {
		t.Helper()
		if st := k.call("POST", "/api/sessions/"+s.ID+"/goto", map[string]int{"slide": slide}, nil); st != 200 {
			t.Fatalf("goto %d: %d", slide, st)
		}
		m, err := p.WaitFor(10*time.Second, func(m phoneclient.Message) bool { return m.Type == "slide" && p.Slide().Index == slide })
		if err != nil {
			t.Fatalf("slide %d never came: %v", slide, err)
		}
		raw = string(m.Raw)
		return p.Slide()
	}
	must := func(m phoneclient.Message, err error) phoneclient.Message {
		t.Helper()
		if err != nil {
			t.Fatalf("answer refused: %v", err)
		}
		return m
	}
	refused := func(want string) func(phoneclient.Message, error) {
		return func(m phoneclient.Message, err error) {
			t.Helper()
			if got := errCode(err); got != want {
				t.Errorf("got %q (%s), want %s", got, m.Message, want)
			}
		}
	}

	// Open text: normalized (NFC, trimmed, line breaks kept), bounded.
	sl := goTo(vOpen)
	if q := sl.Question; q == nil || q.Kind != "open" || q.MaxChars != 40 || !q.PreferNot || len(q.Options) != 0 {
		t.Errorf("open question: %+v", sl.Question)
	}
	m := must(p.AnswerText(vOpen, "  Cafe\u0301 <b>hi</b>\r\n\r\n\r\nok  "))
	if m.Given1.Text == nil || *m.Given1.Text != "Café <b>hi</b>\nok" || m.Choice != nil {
		t.Errorf("open ack: %s", m.Raw)
	}
	refused("bad_text")(p.AnswerText(vOpen, strings.Repeat("x", 41)))
	refused("bad_text")(p.AnswerText(vOpen, "a\u200bb"))
	refused("bad_text")(p.AnswerText(vOpen, " \n "))
	refused("bad_choice")(p.Answer(vOpen, []int{0}))
	refused("bad_choice")(p.Give(vOpen, map[string]any{"text": "x", "skip": true}))
	must(p.AnswerText(vOpen, "Café <b>hi</b>\nok")) // the same again

	// Word cloud: 1..entries words, no duplicates after folding.
	sl = goTo(vCloud)
	if q := sl.Question; q.Entries != 2 || q.MaxChars != 12 || q.PreferNot {
		t.Errorf("wordcloud question: %+v", q)
	}
	m = must(p.AnswerWords(vCloud, " Miedo ", "paz"))
	if !slices.Equal(m.Given1.Words, []string{"Miedo", "paz"}) {
		t.Errorf("wordcloud ack: %s", m.Raw)
	}
	refused("bad_text")(p.AnswerWords(vCloud, "Miédo", "miedo"))
	refused("bad_choice")(p.AnswerWords(vCloud, "a", "b", "c"))
	refused("bad_choice")(p.AnswerWords(vCloud))
	refused("bad_text")(p.AnswerWords(vCloud, "abcdefghijklm"))
	refused("bad_choice")(p.Skip(vCloud))

	// Scale: a whole point from 1 to points; prefer not to answer.
	sl = goTo(vScale)
	if q := sl.Question; q.Points != 5 || q.Low != "No" || q.High != "Yes" || !q.PreferNot {
		t.Errorf("scale question: %+v", q)
	}
	refused("bad_choice")(p.AnswerValue(vScale, 6))
	refused("bad_choice")(p.AnswerValue(vScale, 2.5))
	refused("bad_choice")(p.AnswerText(vScale, "4"))
	m = must(p.Skip(vScale))
	if !m.Given1.Skip {
		t.Errorf("skip ack: %s", m.Raw)
	}
	m = must(p.AnswerValue(vScale, 4)) // last answer wins
	if m.Given1.Value == nil || *m.Given1.Value != 4 || m.Given1.Skip {
		t.Errorf("scale ack: %s", m.Raw)
	}

	// Ranking: every item once, order kept.
	sl = goTo(vRank)
	if q := sl.Question; len(q.Options) != 3 {
		t.Errorf("ranking question: %+v", q)
	}
	m = must(p.Answer(vRank, []int{2, 0, 1}))
	if !slices.Equal(m.Choice, []int{2, 0, 1}) {
		t.Errorf("ranking ack: %s", m.Raw)
	}
	refused("bad_choice")(p.Answer(vRank, []int{2, 0}))
	refused("bad_choice")(p.Answer(vRank, []int{2, 2, 1}))

	// Number: within the range, on a step; the true value is not sent.
	sl = goTo(vNumber)
	if q := sl.Question; q.Min == nil || *q.Min != 0 || *q.Max != 200 || q.Step != 0.5 {
		t.Errorf("number question: %+v", q)
	}
	if strings.Contains(raw, "96") || strings.Contains(raw, "tolerance") || strings.Contains(raw, `"answer"`) {
		t.Errorf("the phones were sent the true value: %s", raw)
	}
	refused("bad_choice")(p.AnswerValue(vNumber, 200.5))
	refused("bad_choice")(p.AnswerValue(vNumber, 3.25))
	m = must(p.AnswerValue(vNumber, 99.5))
	if m.Given1.Value == nil || *m.Given1.Value != 99.5 {
		t.Errorf("number ack: %s", m.Raw)
	}

	// Type the answer: no line breaks; accepted answers never sent.
	sl = goTo(vTyped)
	if q := sl.Question; q.MaxChars != 80 {
		t.Errorf("typeanswer question: %+v", q)
	}
	if strings.Contains(strings.ToLower(raw), "take") || strings.Contains(raw, "accept") {
		t.Errorf("the phones were sent the accepted answers: %s", raw)
	}
	refused("bad_text")(p.AnswerText(vTyped, "take\nit down"))
	must(p.AnswerText(vTyped, "take it down!"))

	// A poll with prefer not to answer.
	goTo(vPoll)
	must(p.Skip(vPoll))

	// A qa slide takes no answer.
	sl = goTo(vQA)
	if q := sl.Question; q == nil || q.Kind != "qa" || len(q.Options) != 0 {
		t.Errorf("qa question: %+v", q)
	}
	refused("bad_choice")(p.AnswerText(vQA, "hello"))

	// A resume brings every answer back.
	k2 := k.Dial(s.Code, nil)
	if err := k2.Resume(p.Token); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"1": `{"text":"Café <b>hi</b>\nok"}`, "2": `{"words":["Miedo","paz"]}`, "3": `{"value":4}`,
		"5": `{"value":99.5}`, "6": `{"text":"take it down!"}`, "7": `{"skip":true}`}
	if len(k2.Given) != len(want) {
		t.Errorf("welcome.given: %+v, want %d answers", k2.Given, len(want))
	}
	for slide, w := range want {
		var wg phoneclient.Given
		json.Unmarshal([]byte(w), &wg)
		b, _ := json.Marshal(k2.Given[slide])
		if wb, _ := json.Marshal(wg); string(b) != string(wb) {
			t.Errorf("welcome.given[%s]: %s, want %s", slide, b, w)
		}
	}
	if !slices.Equal(k2.Answers["4"], []int{2, 0, 1}) || len(k2.Answers) != 1 {
		t.Errorf("welcome.answers: %v, want only the ranking", k2.Answers)
	}

	// Stored once each, as given; the open text waits in the queue.
	var texts struct {
		Texts []struct {
			ID, Text, Status string
			Pinned           bool
		}
		Counts map[string]int
	}
	if st := k.call("GET", "/api/sessions/"+s.ID+"/slides/1/texts", nil, &texts); st != 200 {
		t.Fatalf("texts: %d", st)
	}
	if len(texts.Texts) != 1 || texts.Texts[0].Text != "Café <b>hi</b>\nok" || texts.Texts[0].Status != "pending" || texts.Counts["pending"] != 1 {
		t.Errorf("texts: %+v", texts)
	}

	// Results: one phone answered, so the JSON hides every count and
	// summary (fewer than k = 5; results/voice_test.go checks the
	// summaries), and the raw CSV has each answer.
	var res struct {
		Questions []struct {
			Kind      string
			Responses *int
			Summary   json.RawMessage
		}
	}
	k.call("GET", "/api/sessions/"+s.ID+"/results", nil, &res)
	for _, q := range res.Questions {
		if q.Responses != nil && q.Kind != "qa" || len(q.Summary) > 0 {
			t.Errorf("%s: responses shown %v, summary %s; want both hidden (1 is fewer than 5)", q.Kind, q.Responses != nil, q.Summary)
		}
	}
	csv := string(k.Get("/api/sessions/" + s.ID + "/results.csv"))
	for _, want := range []string{",wordcloud," + p.Participant + ",,,", ",3,Miedo; paz,,\n", ",8,(prefer not to answer)", "\"Café <b>hi</b>\nok\"", ",C > A > B,", "Talks > Meals > Bedrooms", ",99.5,,\n", "yes"} {
		if !strings.Contains(csv, want) {
			t.Errorf("the CSV lacks %q:\n%s", want, csv)
		}
	}
}

// TestModerationOverSockets: open texts wait in the queue, are paged by the
// texts route (50 at a time, each once), and the projector (a host socket)
// sees a text only once the presenter approves it over the host socket or
// the route; pin, hide, stream mode and a removed cloud word reach it too;
// typed markup stays text; refusals carry their codes.
func TestModerationOverSockets(t *testing.T) {
	k := startKit(t, t.TempDir())
	deck := k.SaveDeck(voiceDeck)
	s := k.start(deck)
	phones := k.JoinPhones(s.Code, 60, nil)
	proj := k.HostSocket(s.ID)
	if st := k.call("POST", "/api/sessions/"+s.ID+"/goto", map[string]int{"slide": vOpen}, nil); st != 200 {
		t.Fatal(st)
	}
	for i, p := range phones {
		text := fmt.Sprintf("question %d <img src=x onerror=alert(1)>", i)
		if i == 7 {
			text = "you are a pendejo" // held by the word list
		}
		if _, err := p.AnswerText(vOpen, text); err != nil {
			t.Fatal(err)
		}
	}
	summaryOf := func(m kittest.HostMsg) (sm struct {
		Texts                 []phoneclient.TextCard
		Pending, Held, Hidden int
		Total                 int
		Mode                  string
		Words                 []phoneclient.WordCount
	}, ok bool) {
		ok = m.Summary(&sm)
		return sm, ok
	}
	if _, ok := proj.WaitFor(0, 10*time.Second, func(m kittest.HostMsg) bool {
		sm, ok := summaryOf(m)
		return ok && sm.Total == 60 && sm.Pending == 59 && sm.Held == 1 && len(sm.Texts) == 0 && sm.Mode == "queue"
	}); !ok {
		t.Fatalf("the projector never saw 59 pending and 1 held, none shown: %s", proj.Last().Raw)
	}

	// The queue pages 50 then 10, newest first, each text once.
	type page struct {
		Texts []struct {
			ID, Text, Status string
			Pinned           bool
			At               time.Time
		}
		Next   string
		Counts map[string]int
	}
	var p1, p2 page
	if st := k.call("GET", "/api/sessions/"+s.ID+"/slides/1/texts?status=all", nil, &p1); st != 200 || len(p1.Texts) != 50 || p1.Next == "" {
		t.Fatalf("page 1: %d, %d texts, next %q", st, len(p1.Texts), p1.Next)
	}
	if st := k.call("GET", "/api/sessions/"+s.ID+"/slides/1/texts?after="+p1.Next, nil, &p2); st != 200 || len(p2.Texts) != 10 || p2.Next != "" {
		t.Fatalf("page 2: %d, %d texts, next %q", st, len(p2.Texts), p2.Next)
	}
	seen := map[string]bool{}
	for _, r := range append(p1.Texts, p2.Texts...) {
		if seen[r.ID] {
			t.Errorf("%s listed twice", r.ID)
		}
		seen[r.ID] = true
	}
	if len(seen) != 60 || p1.Counts["pending"] != 59 || p1.Counts["held"] != 1 {
		t.Errorf("pages hold %d texts, counts %v", len(seen), p1.Counts)
	}
	var held page
	k.call("GET", "/api/sessions/"+s.ID+"/slides/1/texts?status=held", nil, &held)
	if len(held.Texts) != 1 || held.Texts[0].Text != "you are a pendejo" || held.Texts[0].ID != phones[7].Participant {
		t.Errorf("held: %+v", held.Texts)
	}
	for _, bad := range []string{"?status=shown", "?limit=51", "?limit=0", "?after=zzz"} {
		if st, code := k.API("GET", "/api/sessions/"+s.ID+"/slides/1/texts"+bad, nil, nil); st != 400 || code != "bad_request" {
			t.Errorf("texts%s: %d %s, want 400 bad_request", bad, st, code)
		}
	}
	if st, code := k.API("GET", "/api/sessions/"+s.ID+"/slides/2/texts", nil, nil); st != 400 || code != "bad_slide" {
		t.Errorf("texts of a word cloud: %d %s, want 400 bad_slide", st, code)
	}

	// Approve one over the host socket: the projector shows it, as text.
	target := phones[3].Participant
	from := len(proj.Messages())
	presenter := k.HostSocket(s.ID)
	presenter.Send(map[string]any{"type": "moderate", "slide": vOpen, "id": target, "action": "approve", "on": vOpen})
	m, ok := proj.WaitFor(from, 10*time.Second, func(m kittest.HostMsg) bool {
		sm, ok := summaryOf(m)
		return ok && len(sm.Texts) == 1
	})
	if !ok {
		t.Fatal("the projector never saw the approved text")
	}
	if sm, _ := summaryOf(m); sm.Texts[0].ID != target || sm.Texts[0].Text != "question 3 <img src=x onerror=alert(1)>" || sm.Pending != 58 {
		t.Errorf("approved: %+v", sm)
	}
	// Pin another over HTTP: approved and pinned, one pin at a time.
	var res struct {
		ID, Status string
		Pinned     bool
	}
	if st := k.call("POST", "/api/sessions/"+s.ID+"/slides/1/texts/"+phones[5].Participant, map[string]string{"action": "pin"}, &res); st != 200 || res.Status != "approved" || !res.Pinned {
		t.Errorf("pin: %d %+v", st, res)
	}
	k.call("POST", "/api/sessions/"+s.ID+"/slides/1/texts/"+target, map[string]string{"action": "pin"}, &res)
	if _, ok := proj.WaitFor(from, 10*time.Second, func(m kittest.HostMsg) bool {
		sm, ok := summaryOf(m)
		if !ok || len(sm.Texts) != 2 {
			return false
		}
		// Newest first; phones 3 and 5 may have answered in the same
		// millisecond, so their order is not asserted, only the pin.
		pins := map[string]bool{sm.Texts[0].ID: sm.Texts[0].Pinned, sm.Texts[1].ID: sm.Texts[1].Pinned}
		p5, p5ok := pins[phones[5].Participant]
		pt, ptok := pins[target]
		return p5ok && ptok && !p5 && pt
	}); !ok {
		t.Errorf("one pin at a time: %s", proj.Last().Raw)
	}
	var pinned page
	k.call("GET", "/api/sessions/"+s.ID+"/slides/1/texts?status=approved", nil, &pinned)
	pinOf := map[string]bool{}
	for _, tx := range pinned.Texts {
		pinOf[tx.ID] = tx.Pinned
	}
	if len(pinned.Texts) != 2 || pinned.Counts["approved"] != 2 || !pinOf[target] || pinOf[phones[5].Participant] {
		t.Errorf("approved page: %+v", pinned)
	}
	// Refusals.
	for _, c := range []struct {
		body any
		pid  string
		st   int
		code string
	}{
		{map[string]string{"action": "delete"}, target, 400, "bad_request"},
		{map[string]string{"action": "approve"}, "pnobody", 404, "not_found"},
	} {
		if st, code := k.API("POST", "/api/sessions/"+s.ID+"/slides/1/texts/"+c.pid, c.body, nil); st != c.st || code != c.code {
			t.Errorf("%v on %s: %d %s, want %d %s", c.body, c.pid, st, code, c.st, c.code)
		}
	}
	presenter.Send(map[string]any{"type": "moderate", "slide": vOpen, "id": target, "action": "approve", "on": vOpen + 1, "ref": 5})
	if _, ok := presenter.WaitFor(0, 10*time.Second, func(m kittest.HostMsg) bool { return m.Type == "error" && m.Map["code"] == "stale_slide" }); !ok {
		t.Error("a moderate made on another slide was not refused stale_slide")
	}
	presenter.Send(map[string]any{"type": "moderation", "slide": vCloud, "mode": "stream"})
	if _, ok := presenter.WaitFor(0, 10*time.Second, func(m kittest.HostMsg) bool { return m.Type == "error" && m.Map["code"] == "bad_slide" }); !ok {
		t.Error("moderation of a word cloud was not refused bad_slide")
	}

	// Stream mode: every text shows but the held one (30 at most).
	from = len(proj.Messages())
	presenter.Send(map[string]any{"type": "moderation", "slide": vOpen, "mode": "stream"})
	if _, ok := proj.WaitFor(from, 10*time.Second, func(m kittest.HostMsg) bool {
		sm, ok := summaryOf(m)
		return ok && sm.Mode == "stream" && len(sm.Texts) == 30 && !slicesContainsID(sm.Texts, phones[7].Participant)
	}); !ok {
		t.Errorf("stream: %s", proj.Last().Raw)
	}

	// A word cloud: remove a word, it leaves the projector.
	k.call("POST", "/api/sessions/"+s.ID+"/goto", map[string]int{"slide": vCloud}, nil)
	for i, p := range phones[:5] {
		words := []string{"Miedo"}
		if i%2 == 0 {
			words = append(words, "paz")
		}
		if _, err := p.AnswerWords(vCloud, words...); err != nil {
			t.Fatal(err)
		}
	}
	from = len(proj.Messages())
	if _, ok := proj.WaitFor(0, 10*time.Second, func(m kittest.HostMsg) bool {
		sm, ok := summaryOf(m)
		return ok && len(sm.Words) == 2 && sm.Words[0] == phoneclient.WordCount{Text: "miedo", Count: 5}
	}); !ok {
		t.Errorf("cloud: %s", proj.Last().Raw)
	}
	presenter.Send(map[string]any{"type": "hide_word", "slide": vCloud, "word": "miedo", "hidden": true})
	if _, ok := proj.WaitFor(from, 10*time.Second, func(m kittest.HostMsg) bool {
		sm, ok := summaryOf(m)
		return ok && len(sm.Words) == 1 && sm.Words[0].Text == "paz"
	}); !ok {
		t.Errorf("hidden word: %s", proj.Last().Raw)
	}
}

func slicesContainsID(cards []phoneclient.TextCard, id string) bool {
	return slices.ContainsFunc(cards, func(c phoneclient.TextCard) bool { return c.ID == id })
}
