package app_test

import (
	"bytes"
	"flag"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/roundtable-kit/roundtable/phoneclient"
)

var updateGolden = flag.Bool("update", false, "rewrite the golden files in testdata/")

// goldenDeck has every kind, a pre/post pair, a pre-check without a twin, a
// question nobody answers, an id a spreadsheet would read as a formula, and
// text that JSON and CSV must escape.
const goldenDeck = `---
title: Results, pinned
lang: en
---

<!-- question: single -->
<!-- id: pw -->
<!-- check: pre -->

## Which password is strongest?

- [ ] abc123
- [x] four random words
- [ ] your pet's name

---

<!-- question: poll -->

## How sure are you, "really" & truly?

- [ ] Very, sure
- [ ] =not at all
- [ ] Contraseña

---

<!-- question: multiple -->
<!-- id: -total -->

## Which of these are safe?

- [x] A password manager
- [ ] A sticky note
- [x] Two-factor codes

---

<!-- question: truefalse -->
<!-- id: lone -->
<!-- check: pre -->

## Updates can wait a month.

- [ ] True
- [x] False

---

# The lesson

---

<!-- question: single -->
<!-- id: pw -->
<!-- check: post -->

## Which password is strongest?

- [ ] abc123
- [x] four random words
- [ ] your pet's name

---

<!-- question: single -->

## Nobody answers this

- [x] yes
- [ ] no
`

// goldenAnswers: for each question slide, each phone's choices in the order
// sent (a second entry changes the answer); nil means no answer. Phone 5
// joins and never answers.
var goldenAnswers = []struct {
	slide  int
	phones [][][]int
}{
	{0, [][][]int{{{0}}, {{1}}, {{1}}, {{2}, {0}}, nil}},
	{1, [][][]int{{{2}}, {{1}}, nil, {{2}}, nil}},
	{2, [][][]int{{{0, 2}}, {{0}}, {{0, 1, 2}}, {{2, 0}}, nil}},
	{3, [][][]int{{{1}}, nil, {{0}}, nil, nil}},
	{5, [][][]int{{{1}}, {{1}}, {{1}}, {{1}}, nil}},
}

// TestResultsOutputIsPinned runs a session through the real API and compares
// the results JSON and CSV, byte for byte (ids, times and the address
// replaced by placeholders), with testdata/results.golden.*: the shape
// scripts and spreadsheets rely on. Both the running session and the same
// session read back after a restart must give these bytes.
func TestResultsOutputIsPinned(t *testing.T) {
	dir := t.TempDir()
	k := startKit(t, dir)
	var created struct{ Deck struct{ ID string } }
	if st := k.call("POST", "/api/decks", map[string]string{"source": goldenDeck}, &created); st != 201 {
		t.Fatalf("create: %d", st)
	}
	s := k.start(created.Deck.ID)
	phones := make([]*phoneclient.Phone, 5)
	names := []string{created.Deck.ID, "DECK", s.ID, "SESSION", s.Code, "CODE"}
	for i := range phones {
		phones[i] = k.phone(s.Code)
		if err := phones[i].Join("", "en"); err != nil {
			t.Fatal(err)
		}
		names = append(names, phones[i].Participant, "p"+string(rune('1'+i)))
	}
	for _, q := range goldenAnswers {
		k.call("POST", "/api/sessions/"+s.ID+"/goto", map[string]int{"slide": q.slide}, nil)
		for i, choices := range q.phones {
			if _, err := phones[i].WaitSlide(5*time.Second, func(sl phoneclient.Slide) bool { return sl.Index == q.slide }); err != nil {
				t.Fatal(err)
			}
			for _, c := range choices {
				if _, err := phones[i].Answer(q.slide, c); err != nil {
					t.Fatal(err)
				}
				nextMillisecond() // so the CSV's order (by answer time) is the order sent
			}
		}
	}
	// End on a slide without a question, every phone gone, so that the
	// running session's counts equal the stored ones.
	k.call("POST", "/api/sessions/"+s.ID+"/goto", map[string]int{"slide": 4}, nil)
	for _, p := range phones {
		p.Close()
	}
	eventually(t, "phones disconnected", func() bool { return k.session(s.ID).Connected == 0 })
	if st := k.call("POST", "/api/sessions/"+s.ID+"/end", nil, nil); st != 200 {
		t.Fatalf("end: %d", st)
	}
	clean := strings.NewReplacer(names...)

	checkGolden(t, "running", k, s.ID, s.Code, clean)
	k.stop()
	checkGolden(t, "after restart", startKit(t, dir), s.ID, s.Code, clean)
}

func checkGolden(t *testing.T, when string, k *kit, id, code string, clean *strings.Replacer) {
	t.Helper()
	for _, f := range []struct{ path, golden, times string }{
		{"/results", "results.golden.json", `\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)`},
		// The CSV's answer times have no fraction: a fraction would survive
		// the replacement and fail the comparison.
		{"/results.csv", "results.golden.csv", `\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ`},
	} {
		head, body := getRaw(t, k, "/api/sessions/"+id+f.path)
		// The join address is the laptop's and its port changes at restart.
		got := strings.ReplaceAll(head+"\n"+string(body), strings.TrimSuffix(k.session(id).JoinURL, "/j/"+code), "http://HOST")
		got = clean.Replace(got)
		got = regexp.MustCompile(f.times).ReplaceAllString(got, "TIME")
		got = regexp.MustCompile(`\d{4}-\d\d-\d\d\.csv`).ReplaceAllString(got, "DATE.csv")
		path := filepath.Join("testdata", f.golden)
		if *updateGolden && when == "running" {
			if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if got != string(want) {
			t.Errorf("%s, %s:\ngot\n%s\nwant\n%s", when, f.path, got, want)
		}
	}
}

// getRaw returns a host GET's status and headers that matter, and its body.
func getRaw(t *testing.T, k *kit, path string) (string, []byte) {
	t.Helper()
	req, _ := http.NewRequest("GET", k.base+path, nil)
	req.Header.Set("Authorization", "Bearer "+testKey)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	var head bytes.Buffer
	head.WriteString(resp.Status + "\n")
	for _, h := range []string{"Content-Type", "Content-Disposition"} {
		if v := resp.Header.Get(h); v != "" {
			head.WriteString(h + ": " + v + "\n")
		}
	}
	return head.String(), body
}

// nextMillisecond waits for the clock's next millisecond: answers are stored
// to the millisecond, and two in the same one would be ordered by their
// random participant ids.
func nextMillisecond() {
	for now := time.Now().UnixMilli(); time.Now().UnixMilli() == now; {
		time.Sleep(100 * time.Microsecond)
	}
}
