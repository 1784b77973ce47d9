package results

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/roundtable-kit/roundtable/quizzes"
)

// voice has one question of each room's voice kind, slides 0–5.
const voice = `---
title: Voice
lang: en
---

<!-- question: open -->
<!-- prefer-not: yes -->

## What worries you?

---

<!-- question: wordcloud -->
<!-- entries: 2 -->

## One word

---

<!-- question: scale -->
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
<!-- range: -10..10 -->
<!-- answer: 2 -->
<!-- tolerance: 1 -->

## Guess

---

<!-- question: typeanswer -->
<!-- accept: Take It Down -->

## Which service?
`

// give is an answer of a room's voice kind, judged as the live session
// judges it.
func give(d *quizzes.Deck, p string, slide int, r quizzes.Response, status string) Answer {
	q := d.Slides[slide].Question
	got, err := q.Take(r)
	if err != nil {
		panic(err)
	}
	a := Answer{ParticipantID: p, Slide: slide, QuestionID: q.ID, Choice: got.Choice, Words: got.Words, Value: got.Value,
		Skipped: got.Skip, Status: status, AnsweredAt: t0.Add(time.Duration(len(p)+slide) * time.Second)}
	if got.Text != nil {
		a.Text = *got.Text
	}
	if a.Credit = q.CreditOf(got); a.Credit != nil {
		right := *a.Credit >= 1
		a.Correct = &right
	}
	return a
}

func str(s string) *string   { return &s }
func num(v float64) *float64 { return &v }

// TestVoiceResults: each kind's summary in the JSON, and its CSV rows:
// answer_text holds the text, the words, the value or "(prefer not to
// answer)", a ranking reads "B > A > C", and typed text starting with = +
// - @ is made inert.
func TestVoiceResults(t *testing.T) {
	d := parse(t, "voice.en", voice)
	s := Session{ID: "s1", Code: "ABCDEF", Deck: d, Participants: 3,
		Pinned: map[int]string{0: "p2"}, HiddenWords: map[int][]string{1: {"paz"}},
		Answers: []Answer{
			give(d, "p1", 0, quizzes.Response{Text: str("=HYPERLINK(\"http://x\")")}, "approved"),
			give(d, "p2", 0, quizzes.Response{Text: str("line one\nline two")}, "approved"),
			give(d, "p3", 0, quizzes.Response{Skip: true}, ""),
			give(d, "p1", 1, quizzes.Response{Words: []string{"Miedo", "paz"}}, ""),
			give(d, "p2", 1, quizzes.Response{Words: []string{"miédo", "@home"}}, ""),
			give(d, "p1", 2, quizzes.Response{Value: num(2)}, ""),
			give(d, "p2", 2, quizzes.Response{Value: num(5)}, ""),
			give(d, "p3", 2, quizzes.Response{Skip: true}, ""),
			give(d, "p1", 3, quizzes.Response{Choice: []int{1, 0, 2}}, ""),
			give(d, "p2", 3, quizzes.Response{Choice: []int{0, 1, 2}}, ""),
			give(d, "p1", 4, quizzes.Response{Value: num(-3)}, ""),
			give(d, "p2", 4, quizzes.Response{Value: num(3)}, ""),
			give(d, "p1", 5, quizzes.Response{Text: str("take it down")}, ""),
			give(d, "p2", 5, quizzes.Response{Text: str("-nope")}, ""),
		}}
	r := Tally(s)
	b, _ := json.Marshal(r.Questions)
	got := string(b)
	for _, want := range []string{
		`"kind":"open","prompt":"What worries you?","responses":3,"options":[],"skipped":1,"summary":{"texts":[{"id":"p2"`,
		`{"id":"p2","text":"line one\nline two","status":"approved","pinned":true}`,
		`"kind":"wordcloud","prompt":"One word","responses":2,"options":[],"summary":{"words":[{"text":"miedo","count":2},{"text":"home","count":1},{"text":"paz","count":1,"hidden":true}]}`,
		`"kind":"scale","prompt":"I know the apps","responses":3,"options":[],"skipped":1,"summary":{"counts":[0,1,0,0,1],"median":3.5}`,
		`"summary":{"mean_ranks":[1.5,1.5,3],"ranks":[[1,1,0],[1,1,0],[0,0,2]]}`,
		`"options":[{"text":"Meals","correct":false,"count":1},{"text":"Bedrooms","correct":false,"count":1},{"text":"Talks","correct":false,"count":0}]`,
		`"kind":"number","prompt":"Guess","responses":2,"right":1,"options":[],"summary":{"median":0,"histogram":{"min":-10,"max":10,"counts":[0,0,0,1,0,0,1,0,0,0]},"answer":2}`,
		`"kind":"typeanswer","prompt":"Which service?","responses":2,"right":1,"options":[],"summary":{"accepted":["Take It Down"],"texts":[{"id":"p2","text":"-nope","right":false},{"id":"p1","text":"take it down","right":true}]}`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the JSON lacks %s\nin %s", want, got)
		}
	}

	rows := readCSV(t, s)
	byCell := map[string]bool{}
	for _, r := range rows {
		byCell[strings.Join(r[:12], ",")] = true // the role column is empty: no join question
	}
	for _, w := range []string{
		`s1,ABCDEF,voice.en,0,s1,open,p1,,,2026-11-27T09:03:14Z,1,'=HYPERLINK("http://x")`,
		"s1,ABCDEF,voice.en,0,s1,open,p2,,,2026-11-27T09:03:14Z,1,line one\nline two",
		"s1,ABCDEF,voice.en,0,s1,open,p3,,,2026-11-27T09:03:14Z,1,(prefer not to answer)",
		"s1,ABCDEF,voice.en,1,s2,wordcloud,p1,,,2026-11-27T09:03:15Z,2,Miedo; paz",
		"s1,ABCDEF,voice.en,1,s2,wordcloud,p2,,,2026-11-27T09:03:15Z,2,miédo; @home",
		"s1,ABCDEF,voice.en,2,s3,scale,p2,,,2026-11-27T09:03:16Z,3,5",
		"s1,ABCDEF,voice.en,3,s4,ranking,p1,B > A > C,,2026-11-27T09:03:17Z,4,Bedrooms > Meals > Talks",
		"s1,ABCDEF,voice.en,4,s5,number,p1,,no,2026-11-27T09:03:18Z,5,'-3",
		"s1,ABCDEF,voice.en,4,s5,number,p2,,yes,2026-11-27T09:03:18Z,5,3",
		"s1,ABCDEF,voice.en,5,s6,typeanswer,p1,,yes,2026-11-27T09:03:19Z,6,take it down",
		"s1,ABCDEF,voice.en,5,s6,typeanswer,p2,,no,2026-11-27T09:03:19Z,6,'-nope",
	} {
		if !byCell[w] {
			t.Errorf("no CSV row %q in\n%q", w, rows)
		}
	}
}

// TestStatisticsGoWithHiddenCounts: a median or a mean place read beside
// the counts it comes from can give hidden counts back, so a scale's
// median goes when a point is hidden, and a ranking item's mean place when
// a count in its row is; an item whose row is all shown keeps its own.
func TestStatisticsGoWithHiddenCounts(t *testing.T) {
	d := parse(t, "voice", voice)
	s := Session{ID: "s", Code: "VOICE1", Deck: d, Participants: 12, CreatedAt: t0}
	for i, v := range []float64{5, 5, 5, 5, 5, 5, 2, 2, 2, 1, 1, 1} {
		s.Answers = append(s.Answers, give(d, "s"+string(rune('a'+i)), 2, quizzes.Response{Value: num(v)}, ""))
	}
	for i := range 10 {
		order := []int{0, 1, 2}
		if i >= 7 {
			order = []int{1, 0, 2}
		}
		s.Answers = append(s.Answers, give(d, "r"+string(rune('a'+i)), 3, quizzes.Response{Choice: order}, ""))
	}
	r := Tally(s)
	if sc := r.Questions[2].Summary; sc.Median == nil || *sc.Median != 3.5 {
		t.Fatalf("before suppression the scale's median is %v, want 3.5", sc.Median)
	}
	Suppress(&r, 5)
	sc := r.Questions[2].Summary
	if sc.Median != nil || !slices.Equal(sc.Counts, []Count{Hidden, Hidden, 0, 0, 6}) {
		t.Errorf("scale: counts %v median %v, want 1 and 2 hidden and no median", sc.Counts, sc.Median)
	}
	rk := r.Questions[3].Summary
	got := make([]string, len(rk.MeanRanks))
	for i, m := range rk.MeanRanks {
		got[i] = "hidden"
		if m != nil {
			got[i] = strconv.FormatFloat(*m, 'f', -1, 64)
		}
	}
	if strings.Join(got, " ") != "hidden hidden 3" {
		t.Errorf("ranking: mean places %v (ranks %v), want the first two hidden and the last 3", got, rk.Ranks)
	}
	b, _ := json.Marshal(rk)
	if !strings.Contains(string(b), `"mean_ranks":[null,null,3]`) {
		t.Errorf("ranking JSON %s", b)
	}
}
