package results

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"
)

const twinES = `---
title: Antes y después
lang: es
---

<!-- question: truefalse -->
<!-- id: late -->
<!-- check: post -->

## Las actualizaciones pueden esperar.

- [ ] Verdadero
- [x] Falso

---

<!-- question: single -->
<!-- id: pw -->
<!-- check: pre -->

## ¿Qué contraseña es más fuerte?

- [ ] abc123
- [x] cuatro palabras al azar

---

<!-- question: truefalse -->
<!-- id: upd -->
<!-- check: pre -->

## Los correos de phishing se ven descuidados.

- [ ] Verdadero
- [x] Falso

---

# La lección

---

<!-- question: single -->
<!-- id: pw -->
<!-- check: post -->

## ¿Qué contraseña es más fuerte?

- [ ] abc123
- [x] cuatro palabras al azar

---

<!-- question: truefalse -->
<!-- id: late -->
<!-- check: pre -->

## Las actualizaciones pueden esperar.

- [ ] Verdadero
- [x] Falso
`

// session answers "pw" before (slide 1) and after (slide 4) for n people:
// before, right ones right; after, all but wrongAfter; "upd" (slide 2)
// by everyone, right by the first half.
func prepostSession(t *testing.T, id, deckID, src string, day, n, right, wrongAfter int, practice bool) Session {
	d := parse(t, deckID, src)
	s := Session{ID: id, Code: strings.ToUpper(id), Deck: d, Participants: n, Practice: practice,
		CreatedAt: time.Date(2026, 11, day, 15, 0, 0, 0, time.UTC)}
	for i := range n {
		p := fmt.Sprintf("%s-p%d", id, i)
		pre := 0
		if i < right {
			pre = 1
		}
		post := 1
		if i < wrongAfter {
			post = 0
		}
		upd := 0
		if i < n/2 {
			upd = 1
		}
		s.Answers = append(s.Answers, ans(d, p, 1, pre), ans(d, p, 2, upd), ans(d, p, 4, post))
	}
	return s
}

// Three sessions, one of them of the Spanish twin, and a practice one: the
// pairs are made within each session and added up; the share has its 95%
// Wilson interval; each item gets its sentence.
func TestDeckReportAcrossSessions(t *testing.T) {
	ss := []Session{
		prepostSession(t, "a", "ba.en", prepost, 3, 10, 4, 1, false),
		prepostSession(t, "b", "ba.es", twinES, 10, 12, 5, 2, false),
		prepostSession(t, "c", "ba.en", prepost, 17, 20, 8, 2, false),
		prepostSession(t, "x", "ba.en", prepost, 18, 30, 0, 30, true),
		prepostSession(t, "o", "other", prepost, 18, 30, 0, 30, false),
	}
	r := Deck("ba.en", "ba.es", ss, DeckOptions{})
	SuppressDeck(&r, 5)
	if len(r.Sessions) != 3 || r.Participants != 42 || r.PracticeLeftOut != 1 || r.Lang != "en" {
		t.Fatalf("got %d sessions, %d participants, %d practice left out, lang %s; want 3, 42, 1, en", len(r.Sessions), r.Participants, r.PracticeLeftOut, r.Lang)
	}
	var pw, upd *Item
	for i := range r.Items {
		switch r.Items[i].ID {
		case "pw":
			pw = &r.Items[i]
		case "upd":
			upd = &r.Items[i]
		}
	}
	if pw == nil || upd == nil {
		t.Fatalf("items: %+v", r.Items)
	}
	// pw: before 4+5+8 = 17 of 42 right, after 42-5 = 37.
	if p := pw.Paired; p.N != 42 || p.PreRight != 17 || p.PostRight != 37 || *p.Gain != 47.6 {
		t.Errorf("pw paired: got %d, %d → %d, gain %v; want 42, 17 → 37, 47.6", p.N, p.PreRight, p.PostRight, *p.Gain)
	}
	if want := "Before: 40% got “Which password is strongest?” right. After: 88%. (42 people answered both before and after.)"; pw.Sentence != want {
		t.Errorf("sentence: got %q, want %q", pw.Sentence, want)
	}
	// upd: 5+6+10 = 21 of 42 right: 50%, Wilson 35.5%–64.5%.
	if a := upd.All; *a.Right != 21 || a.Responses != 42 || math.Abs(*a.Low-0.3551) > 1e-3 || math.Abs(*a.High-0.6449) > 1e-3 {
		t.Errorf("upd: got %d of %d, interval %v–%v; want 21 of 42, 0.355–0.645", *a.Right, a.Responses, *a.Low, *a.High)
	}
	// The statement's own period is left to the sentence.
	if !strings.HasPrefix(upd.Sentence, "50% got “Phishing mails look sloppy” right (95% interval 36–64%; 42 answers)") {
		t.Errorf("upd sentence: %q", upd.Sentence)
	}
	// With practice, and in Spanish: the twin's report speaks Spanish.
	r = Deck("ba.es", "ba.en", ss, DeckOptions{Practice: true, From: time.Date(2026, 11, 10, 0, 0, 0, 0, time.UTC)})
	SuppressDeck(&r, 5)
	if len(r.Sessions) != 3 || r.Lang != "es" || r.PracticeLeftOut != 0 {
		t.Errorf("from the 10th with practice: %d sessions in %s", len(r.Sessions), r.Lang)
	}
	if s := r.Items[1].Sentence; !strings.HasPrefix(s, "Antes: el ") || !strings.Contains(s, "«¿Qué contraseña es más fuerte?»") {
		t.Errorf("Spanish sentence: %q", s)
	}
}

// An item whose prompt changed between sessions is listed apart; a small
// session's count is hidden with another (the total would give it away).
func TestDeckReportChangedAndSmall(t *testing.T) {
	changed := strings.Replace(prepost, "## Phishing mails look sloppy.", "## Phishing mails always look sloppy.", 1)
	ss := []Session{
		prepostSession(t, "a", "ba.en", prepost, 3, 3, 1, 0, false),
		prepostSession(t, "b", "ba.en", changed, 4, 20, 5, 2, false),
		prepostSession(t, "c", "ba.en", prepost, 5, 20, 5, 2, false),
	}
	r := Deck("ba.en", "", ss, DeckOptions{})
	SuppressDeck(&r, 5)
	if len(r.Changed) != 1 || r.Changed[0].ID != "upd" || len(r.Changed[0].Prompts) != 2 {
		t.Errorf("changed: %+v", r.Changed)
	}
	b, _ := json.Marshal(r.Sessions)
	if got := string(b); strings.Count(got, `"participants":null`) != 2 || strings.Contains(got, `"participants":3`) {
		t.Errorf("sessions: got %s, want the 3 hidden with one of the 20s", got)
	}
	var buf bytes.Buffer
	if err := WriteDeckCSV(&buf, r); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("\uFEFF")) {
		t.Error("no byte-order mark")
	}
	rows, err := csv.NewReader(bytes.NewReader(buf.Bytes()[3:])).ReadAll()
	if err != nil || len(rows) != 1+len(r.Items)+len(r.Changed) || rows[0][0] != "deck" {
		t.Fatalf("rows: %q %v", rows, err)
	}
	if rows[len(rows)-1][4] != "yes" {
		t.Errorf("the changed item's row: %q", rows[len(rows)-1])
	}
}

func TestWilson(t *testing.T) {
	for _, tc := range []struct {
		r, n      int
		low, high float64
	}{{0, 10, 0, 0.2775}, {10, 10, 0.7225, 1}, {17, 42, 0.2704, 0.5551}} {
		lo, hi := wilson(tc.r, tc.n)
		if math.Abs(lo-tc.low) > 1e-3 || math.Abs(hi-tc.high) > 1e-3 {
			t.Errorf("%d of %d: got %.4f–%.4f, want %.4f–%.4f", tc.r, tc.n, lo, hi, tc.low, tc.high)
		}
	}
}

// A sentence quotes a prompt without its closing period (the sentence has
// its own), keeps a question mark and an ellipsis, and says "nobody" rather
// than "0 people".
func TestSentenceQuotesThePrompt(t *testing.T) {
	zero, some := Count(0), Count(7)
	for _, c := range []struct {
		prompt string
		n      Count
		lang   string
		want   string
	}{
		{"Again: “My kids know more online than I do.”.", some, "en", "7 people answered “Again: “My kids know more online than I do.””."},
		{"Otra vez: «Mis hijos saben más que yo».", zero, "es", "Nadie respondió «Otra vez: «Mis hijos saben más que yo»»."},
		{"How do you feel?", zero, "en", "Nobody answered “How do you feel?”."},
		{"Wait for it...", some, "en", "7 people answered “Wait for it...”."},
		{"¿Qué harías?", some, "es", "7 personas respondieron «¿Qué harías?»."},
	} {
		it := &Item{Prompt: c.prompt, All: &Share{Responses: c.n}}
		if got := sentence(it, 5, c.lang); got != c.want {
			t.Errorf("%q (%d, %s): got %q, want %q", c.prompt, c.n, c.lang, got, c.want)
		}
		if it.Prompt != c.prompt {
			t.Errorf("sentence changed the item's prompt to %q", it.Prompt)
		}
	}
}
