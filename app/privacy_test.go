package app_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/roundtable-kit/roundtable/internal/kittest"
)

// revealing are the numbers that would give the 4 parents away beside 34
// people: 4 itself, the 30 students (34 − 30), and their shares.
var revealing = map[float64]bool{4: true, 30: true, 0.1176: true, 0.8824: true, 11.8: true, 88.2: true, 12: true, 88: true}

// leaks walks a JSON document and lists every revealing number, with where
// it is; positions (slide, index, total) and k are not counts.
func leaks(v any, path string, out *[]string) {
	switch x := v.(type) {
	case map[string]any:
		for k, c := range x {
			switch k {
			case "slide", "index", "total", "min_group", "line":
				continue
			}
			leaks(c, path+"."+k, out)
		}
	case []any:
		for i, c := range x {
			leaks(c, fmt.Sprintf("%s[%d]", path, i), out)
		}
	case float64:
		if revealing[x] {
			*out = append(*out, fmt.Sprintf("%s = %v", path, x))
		}
	}
}

func jsonLeaks(t *testing.T, name string, body []byte) []string {
	t.Helper()
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var out []string
	leaks(v, name, &out)
	return out
}

// csvLeaks lists every cell of the named columns that holds a revealing
// number.
func csvLeaks(t *testing.T, name string, body []byte, cols ...string) []string {
	t.Helper()
	if !bytes.HasPrefix(body, []byte("\uFEFF")) {
		t.Errorf("%s: no byte-order mark", name)
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\uFEFF")))).ReadAll()
	if err != nil || len(rows) < 2 {
		t.Fatalf("%s: %v (%d rows)", name, err, len(rows))
	}
	idx := map[string]int{}
	for i, h := range rows[0] {
		idx[h] = i
	}
	var out []string
	for r, row := range rows[1:] {
		for _, c := range cols {
			i, ok := idx[c]
			if !ok {
				t.Fatalf("%s: no column %s in %q", name, c, rows[0])
			}
			if v, err := strconv.ParseFloat(row[i], 64); err == nil && revealing[v] {
				out = append(out, fmt.Sprintf("%s row %d %s = %s", name, r+1, c, row[i]))
			}
		}
	}
	return out
}

// Four parents and thirty students answer a deck that asks "I am a:
// parent / student" on joining. No report, JSON or CSV the host can read
// holds a number that reveals the 4 (or the 30 beside the total of 34);
// with k = 3 the same session shows them, so the search can find what it
// looks for.
func TestFourParentsAreNeverRevealed(t *testing.T) {
	for _, tc := range []struct {
		k          int
		wantHidden bool
	}{{0, true}, {3, false}} {
		t.Run(fmt.Sprintf("k=%d", tc.k), func(t *testing.T) {
			k := kittest.Start(t, kittest.Options{MinGroup: tc.k})
			en, _ := k.SaveRolesTwins()
			// Parents: wrong before and after, all "Someone at home";
			// students: right before and after, half "Me", half "A friend".
			s := k.PlayRoles(en, kittest.Group{Role: 0, N: 4, Poll: 2},
				kittest.Group{Role: 1, N: 15, RightPre: 15, RightPost: 15, Poll: 0},
				kittest.Group{Role: 1, N: 15, RightPre: 15, RightPost: 15, Poll: 1})
			var found []string
			res := k.Get("/api/sessions/" + s.ID + "/results")
			found = append(found, jsonLeaks(t, "results", res)...)
			deck := k.Get("/api/decks/" + en + "/report")
			found = append(found, jsonLeaks(t, "deck report", deck)...)
			found = append(found, csvLeaks(t, "deck report CSV", k.Get("/api/decks/"+en+"/report.csv"),
				"responses", "right", "share_pct", "low_pct", "high_pct", "pre_responses", "pre_right", "pre_share_pct",
				"post_responses", "post_right", "post_share_pct", "paired", "paired_pre_right", "paired_post_right", "gain_points")...)
			raw := k.Get("/api/sessions/" + s.ID + "/results.csv")
			rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(raw, []byte("\uFEFF")))).ReadAll()
			if err != nil || rows[0][12] != "role" {
				t.Fatalf("results.csv: %v %q", err, rows[0])
			}
			roles := map[string]int{}
			for _, r := range rows[1:] {
				roles[r[12]]++
			}
			if tc.wantHidden {
				if len(found) > 0 {
					t.Errorf("numbers that reveal the 4 parents: %q", found)
				}
				if len(roles) != 1 || roles[""] != len(rows)-1 {
					t.Errorf("results.csv names roles %v; with 4 parents it may name none", roles)
				}
				for _, want := range []string{`"min_group":5`, `"participants":34`, `"role":"parent","participants":null`} {
					if !strings.Contains(string(res), want) {
						t.Errorf("results lack %s: %s", want, res)
					}
				}
				if !strings.Contains(string(deck), "Fewer than 5 people answered “Which password is strongest?” both before and after, or the result would single out fewer than 5: not shown.") {
					t.Errorf("the deck report's sentence does not say the result is hidden: %s", deck)
				}
				return
			}
			if len(found) == 0 || roles["parent"] != 3*4 {
				t.Errorf("with k = 3 the parents show: found %q, roles in the CSV %v", found, roles)
			}
		})
	}
}

// A session only 4 people joined: its results JSON hides the 4 everywhere,
// in the session's own joined, connected and answered counts too (the live
// host view, like the projector, still shows them).
func TestSmallSessionHidesItsTotals(t *testing.T) {
	k := kittest.Start(t, kittest.Options{})
	s := k.StartSession("try.en")
	phones := k.JoinPhones(s.Code, 4, nil)
	q := k.QuestionSlides("try.en")
	slide := -1
	for _, i := range q {
		if slide < 0 || i < slide {
			slide = i
		}
	}
	k.API("POST", "/api/sessions/"+s.ID+"/goto", map[string]int{"slide": slide}, nil)
	for _, p := range phones {
		if m, err := p.Answer(slide, []int{0}); err != nil || m.Type != "ack" {
			t.Fatalf("answer: %+v %v", m, err)
		}
	}
	var res struct {
		Session      map[string]any `json:"session"`
		Participants any            `json:"participants"`
	}
	if err := json.Unmarshal(k.Get("/api/sessions/"+s.ID+"/results"), &res); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"joined", "connected", "answered"} {
		if v, ok := res.Session[f]; !ok || v != nil {
			t.Errorf("results session.%s = %v (present %v), want null", f, v, ok)
		}
	}
	if res.Participants != nil {
		t.Errorf("results participants = %v, want null", res.Participants)
	}
	var live struct{ Joined int }
	k.API("GET", "/api/sessions/"+s.ID, nil, &live)
	if live.Joined != 4 {
		t.Errorf("the live host view shows %d joined, want 4", live.Joined)
	}
}
