package app_test

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/roundtable-kit/roundtable/internal/kittest"
)

func TestDeckLibrary(t *testing.T) {
	k := startKit(t, t.TempDir())
	var created struct {
		Deck     struct{ ID, Title string }
		Problems []struct{ Line int }
	}
	if st := k.call("POST", "/api/decks", map[string]string{"source": kittest.QuizDeck}, &created); st != 201 || !strings.HasPrefix(created.Deck.ID, "my-") {
		t.Fatalf("create: got %d %+v, want 201 and an id", st, created)
	}
	id := created.Deck.ID

	// A deck with errors is refused with the linter's messages and lines.
	broken := strings.Replace(kittest.QuizDeck, "- [x] Blue", "- [ ] Blue", 1)
	var refused struct {
		Error    struct{ Code string }
		Problems []struct {
			Line     int
			Severity string
			Message  string
		}
	}
	if st := k.call("PUT", "/api/decks/"+id, map[string]string{"source": broken}, &refused); st != 422 || refused.Error.Code != "invalid_deck" || len(refused.Problems) == 0 || refused.Problems[0].Line == 0 {
		t.Errorf("broken update: got %d %+v, want 422 invalid_deck with lines", st, refused)
	}
	var checked struct {
		OK       bool
		Problems []struct{ Line int }
	}
	k.call("POST", "/api/decks/check", map[string]string{"source": broken}, &checked)
	if checked.OK || len(checked.Problems) != len(refused.Problems) {
		t.Errorf("check: got %+v, want the same problems as the refused save", checked)
	}

	// A running session keeps the version it started with.
	s := k.start(id)
	edited := strings.Replace(kittest.QuizDeck, "Which is a colour?", "Which is a shade?", 1)
	if st := k.call("PUT", "/api/decks/"+id, map[string]string{"source": edited}, nil); st != 200 {
		t.Fatalf("update: %d", st)
	}
	var res struct{ Questions []struct{ Prompt string } }
	k.call("GET", "/api/sessions/"+s.ID+"/results", nil, &res)
	if len(res.Questions) != 1 || res.Questions[0].Prompt != "Which is a colour?" {
		t.Errorf("running session: got %+v, want the prompt it started with", res.Questions)
	}

	// Built-ins are read-only, but can be copied.
	if st := k.call("PUT", "/api/decks/try.en", map[string]string{"source": kittest.QuizDeck}, nil); st != 403 {
		t.Errorf("edit a built-in: got %d, want 403", st)
	}
	if st := k.call("DELETE", "/api/decks/try.en", nil, nil); st != 403 {
		t.Errorf("delete a built-in: got %d, want 403", st)
	}
	var copied struct{ Deck struct{ ID, Title string } }
	if st := k.call("POST", "/api/decks/try.en/copy", nil, &copied); st != 201 || copied.Deck.ID == "try.en" || copied.Deck.Title != "Try Roundtable (copy)" {
		t.Errorf("copy: got %d %+v, want 201, a new id and the title marked as a copy", st, copied)
	}

	// GIFT in, GIFT out.
	gift := "::Q1:: The sky is blue. {T}\n\n::Q2:: Pick the fruit {=Apple ~Chair ~Shoe}\n\n::Q3:: Match {=a -> 1 =b -> 2}\n\n" +
		"::Q4:: Tell us. {}\n\n::Q5:: Born? {#1822:5}\n\n::Q6:: Who? {=no one =nobody}\n"
	var imported struct {
		Source string
		Deck   struct{ ID string }
		Report struct {
			Format  string
			Taken   []struct{ Line int }
			Skipped []struct {
				Line   int
				Reason string
			}
		}
	}
	if st := k.upload("/api/decks/import", "quiz.gift", gift, map[string]string{"save": "1"}, &imported); st != 201 {
		t.Fatalf("import: got %d %+v", st, imported)
	}
	if imported.Report.Format != "GIFT" || len(imported.Report.Taken) != 5 || len(imported.Report.Skipped) != 1 || imported.Report.Skipped[0].Line != 5 {
		t.Errorf("import report: got %+v, want GIFT, 5 taken, the matching question on line 5 skipped", imported.Report)
	}
	for _, want := range []string{"<!-- question: open -->", "<!-- question: number -->\n<!-- id: Q5 -->\n<!-- range: 1600..2100 -->", "<!-- accept: no one | nobody -->"} {
		if !strings.Contains(imported.Source, want) {
			t.Errorf("imported source lacks %q:\n%s", want, imported.Source)
		}
	}
	out := k.Get("/api/decks/" + imported.Deck.ID + "/export.gift")
	for _, want := range []string{"=Apple", "~Chair", "::Q4::[markdown]Tell us. {}", "::Q5::[markdown]Born? {#=1822:5}", "::Q6::[markdown]Who? {\n=no one\n=nobody\n}"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("export.gift: got %q, want %q", out, want)
		}
	}

	if st := k.call("DELETE", "/api/decks/"+id, nil, nil); st != 204 {
		t.Errorf("delete: got %d, want 204", st)
	}
	if st := k.call("GET", "/api/decks/"+id, nil, nil); st != 404 {
		t.Errorf("deleted deck: got %d, want 404", st)
	}

	// Saved decks survive a restart.
	dir := k.dir
	k.stop()
	k2 := startKit(t, dir)
	if st := k2.call("GET", "/api/decks/"+imported.Deck.ID, nil, nil); st != 200 {
		t.Errorf("imported deck after restart: got %d, want 200", st)
	}
}

func (k *kit) upload(path, name, content string, fields map[string]string, out any) int {
	k.t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for key, v := range fields {
		w.WriteField(key, v)
	}
	fw, _ := w.CreateFormFile("file", name)
	fw.Write([]byte(content))
	w.Close()
	req, _ := http.NewRequest("POST", k.base+path, &body)
	req.Header.Set("Authorization", "Bearer "+testKey)
	req.Header.Set("Content-Type", w.FormDataContentType())
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		k.t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			k.t.Fatalf("%s: %v in %s", path, err, data)
		}
	}
	return resp.StatusCode
}

// Decks of the same title come in the same order on every call: title,
// then id (the user's decks are held in a map).
func TestDeckListIsStable(t *testing.T) {
	k := startKit(t, t.TempDir())
	for i := 0; i < 6; i++ {
		if st := k.call("POST", "/api/decks", map[string]string{"source": kittest.QuizDeck}, nil); st != 201 {
			t.Fatalf("create: %d", st)
		}
	}
	ids := func() []string {
		var list []struct {
			ID, Title string
			Editable  bool
		}
		k.call("GET", "/api/decks", nil, &list)
		var out []string
		for _, d := range list {
			if d.Editable {
				out = append(out, d.Title+"\x00"+d.ID)
			}
		}
		return out
	}
	first := ids()
	if len(first) != 6 || !slices.IsSorted(first) {
		t.Fatalf("got %q, want six decks sorted by title, then id", first)
	}
	for i := 0; i < 20; i++ {
		if got := ids(); !slices.Equal(got, first) {
			t.Fatalf("call %d: got %q, want %q", i+2, got, first)
		}
	}
}
