package app_test

import (
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/roundtable-kit/roundtable/handlers"
	"github.com/roundtable-kit/roundtable/internal/kittest"
	"github.com/roundtable-kit/roundtable/phoneclient"
)

// errorOf waits on a host socket for the error answering ref.
func errorOf(t *testing.T, h *kittest.HostSocket, from int, ref int) string {
	t.Helper()
	m, ok := h.WaitFor(from, wait, func(m kittest.HostMsg) bool { return m.Type == "error" && m.Map["ref"] == float64(ref) })
	if !ok {
		t.Fatalf("no error answered ref %d", ref)
	}
	code, _ := m.Map["code"].(string)
	return code
}

// TestQASlideTakesNoSteps: a qa slide takes no answers, so close, live
// results and reveal on it are refused with bad_slide, over the socket and
// HTTP alike, and its phase stays "question".
func TestQASlideTakesNoSteps(t *testing.T) {
	k := startKit(t, t.TempDir())
	deck := k.SaveDeck(voiceDeck)
	s := k.start(deck)
	if st := k.call("POST", "/api/sessions/"+s.ID+"/goto", map[string]int{"slide": vQA}, nil); st != 200 {
		t.Fatalf("goto the qa slide: %d", st)
	}
	h := k.HostSocket(s.ID)
	for i, m := range []map[string]any{
		{"type": "close"}, {"type": "reveal"}, {"type": "results", "show": true},
	} {
		m["ref"], m["on"] = i+1, vQA
		from := len(h.Messages())
		h.Send(m)
		if code := errorOf(t, h, from, i+1); code != "bad_slide" {
			t.Errorf("%s on a qa slide: got %q, want bad_slide", m["type"], code)
		}
	}
	for _, c := range []struct {
		path string
		body any
	}{{"close", nil}, {"reveal", nil}, {"results", map[string]bool{"show": true}}} {
		if st, code := k.API("POST", "/api/sessions/"+s.ID+"/"+c.path, c.body, nil); st != 400 || code != "bad_slide" {
			t.Errorf("POST %s on a qa slide: got %d %s, want 400 bad_slide", c.path, st, code)
		}
	}
	// A countdown has nothing to close there: it changes nothing.
	var snap struct{ Countdown *struct{ Seconds int } }
	if st := k.call("POST", "/api/sessions/"+s.ID+"/countdown", map[string]int{"seconds": 10}, &snap); st != 200 || snap.Countdown != nil {
		t.Errorf("a countdown on a qa slide: got %d, countdown %+v; want 200 and none", st, snap.Countdown)
	}
	if got := k.session(s.ID); got.Phase != "question" {
		t.Errorf("the qa slide's phase after the refusals: %q, want question", got.Phase)
	}
	// A question that takes answers still closes and reveals.
	k.call("POST", "/api/sessions/"+s.ID+"/goto", map[string]int{"slide": vPoll}, nil)
	if st := k.call("POST", "/api/sessions/"+s.ID+"/close", nil, nil); st != 200 || k.session(s.ID).Phase != "closed" {
		t.Errorf("close on a poll: got %d, phase %q", st, k.session(s.ID).Phase)
	}
}

// TestRemovedWordsComeBackToAReloadedPresenter: the words the presenter
// removed from a word cloud are in host_state, so a presenter view that
// connects afterwards knows them; brought back, they leave it.
func TestRemovedWordsComeBackToAReloadedPresenter(t *testing.T) {
	k := startKit(t, t.TempDir())
	deck := k.SaveDeck(voiceDeck)
	s := k.start(deck)
	phones := k.JoinPhones(s.Code, 2, nil)
	k.call("POST", "/api/sessions/"+s.ID+"/goto", map[string]int{"slide": vCloud}, nil)
	for i, p := range phones {
		if _, err := p.WaitSlide(wait, func(sl phoneclient.Slide) bool { return sl.Index == vCloud }); err != nil {
			t.Fatal(err)
		}
		if _, err := p.AnswerWords(vCloud, "miedo", fmt.Sprintf("word%d", i)); err != nil {
			t.Fatal(err)
		}
	}
	first := k.HostSocket(s.ID)
	first.Send(map[string]any{"type": "hide_word", "slide": vCloud, "word": "miedo", "hidden": true})
	if _, ok := first.WaitFor(0, wait, func(m kittest.HostMsg) bool {
		return m.Type == "host_state" && hiddenWords(m) == "miedo"
	}); !ok {
		t.Fatalf("the presenter who removed the word never saw it in host_state")
	}
	// The reload: a new socket's first host_state.
	again := k.HostSocket(s.ID)
	m, ok := again.WaitFor(0, wait, func(m kittest.HostMsg) bool { return m.Type == "host_state" })
	if !ok || hiddenWords(m) != "miedo" {
		t.Fatalf("a reloaded presenter's host_state: hidden_words %q, want [miedo]", hiddenWords(m))
	}
	var sum struct{ Words []struct{ Text string } }
	m.Summary(&sum)
	if slices.ContainsFunc(sum.Words, func(w struct{ Text string }) bool { return w.Text == "miedo" }) || len(sum.Words) != 2 {
		t.Errorf("summary words %v: want the two others, without miedo", sum.Words)
	}
	again.Send(map[string]any{"type": "hide_word", "slide": vCloud, "word": "miedo", "hidden": false})
	if _, ok := again.WaitFor(1, wait, func(m kittest.HostMsg) bool {
		_, has := m.Map["hidden_words"]
		return m.Type == "host_state" && !has
	}); !ok {
		t.Fatalf("brought back, the word is still in host_state")
	}
	// Another kind of slide carries none.
	k.call("POST", "/api/sessions/"+s.ID+"/goto", map[string]int{"slide": vOpen}, nil)
	if m, ok := again.WaitFor(0, wait, func(m kittest.HostMsg) bool { return m.Type == "host_state" && m.Map["index"] == float64(vOpen) }); !ok || m.Map["hidden_words"] != nil {
		t.Errorf("an open text slide's host_state: %v", m.Map["hidden_words"])
	}
}

func hiddenWords(m kittest.HostMsg) string {
	ws, _ := m.Map["hidden_words"].([]any)
	var out []string
	for _, w := range ws {
		out = append(out, fmt.Sprint(w))
	}
	return strings.Join(out, ",")
}

// TestRemoteClosesShowsResultsAndSwitchesReactions: a phone remote may
// close and open the question, turn live results on and off and switch
// reactions, over its socket and over HTTP with its cookie; end and lock
// stay refused.
func TestRemoteClosesShowsResultsAndSwitchesReactions(t *testing.T) {
	k := wrap(t, kittest.Start(t, kittest.Options{}))
	s := k.start("try.en")
	_, key := newRemote(t, k, s.ID)
	q := k.questionSlides("try.en")["single"]
	k.call("POST", "/api/sessions/"+s.ID+"/goto", map[string]int{"slide": q}, nil)
	ws, _, err := dialRemote(k.base, s.ID, key)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	readUntil(t, ws, wait, "the state", func(m map[string]any) bool { return m["type"] == "host_state" })
	steps := []struct {
		msg  map[string]any
		want func(map[string]any) bool
	}{
		{map[string]any{"type": "close", "on": q}, func(m map[string]any) bool { return m["phase"] == "closed" }},
		{map[string]any{"type": "results", "on": q, "show": true}, func(m map[string]any) bool { return m["results"] == true }},
		{map[string]any{"type": "open", "on": q}, func(m map[string]any) bool { return m["phase"] == "question" }},
		{map[string]any{"type": "reactions", "on": true}, func(m map[string]any) bool { return m["reactions"] == true }},
		{map[string]any{"type": "reactions", "on": false}, func(m map[string]any) bool { return m["reactions"] == nil }},
	}
	for _, st := range steps {
		if err := ws.WriteJSON(st.msg); err != nil {
			t.Fatal(err)
		}
		readUntil(t, ws, wait, fmt.Sprint(st.msg), func(m map[string]any) bool {
			if m["type"] == "error" {
				t.Fatalf("%v: refused %v", st.msg, m["code"])
			}
			return m["type"] == "host_state" && st.want(m)
		})
	}
	for _, c := range []struct {
		path string
		body any
	}{{"close", map[string]any{}}, {"results", map[string]bool{"show": false}}, {"open", map[string]any{}}, {"reactions", map[string]bool{"on": true}}} {
		if st, code, _ := remoteCall(t, k.base, "POST", "/api/sessions/"+s.ID+"/"+c.path, key, false, c.body); st != 200 {
			t.Errorf("remote POST %s: got %d %s, want 200", c.path, st, code)
		}
	}
	if got := k.session(s.ID); !got.Reactions || got.Results || got.Phase != "question" {
		t.Errorf("after the remote's HTTP steps: reactions %v results %v phase %s", got.Reactions, got.Results, got.Phase)
	}
	for _, typ := range []string{"end", "lock", "countdown", "blank"} {
		ws.WriteJSON(map[string]any{"type": typ, "ref": 9})
		readUntil(t, ws, wait, typ+" refused", func(m map[string]any) bool { return m["code"] == "remote_forbidden" })
	}
	// The host routes still need a key: no credential is 401.
	if st, _, _ := remoteCall(t, k.base, "POST", "/api/sessions/"+s.ID+"/close", "", false, map[string]any{}); st != 401 {
		t.Errorf("close with no key: got %d, want 401", st)
	}
}

// TestTooManyGuessesGivesAPhoneAPage: past the lookup limit, a phone's
// browser opening /j/{code} gets a small page in its language saying to
// wait and retry, 429 with Retry-After; a script gets the JSON refusal.
func TestTooManyGuessesGivesAPhoneAPage(t *testing.T) {
	k := wrap(t, kittest.Start(t, kittest.Options{Limits: handlersLimits(2)}))
	s := k.start("try.en")
	hc, _ := fromSource("127.0.0.9")
	get := func(code, accept, lang string) (*http.Response, string) {
		req, _ := http.NewRequest("GET", k.base+"/j/"+code, nil)
		if accept != "" {
			req.Header.Set("Accept", accept)
		}
		if lang != "" {
			req.Header.Set("Accept-Language", lang)
		}
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, string(b)
	}
	const browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
	for range 2 {
		if r, _ := get("ZZZZZ2", browser, ""); r.StatusCode != 404 {
			t.Fatalf("an unknown code: got %d, want 404", r.StatusCode)
		}
	}
	for _, c := range []struct{ lang, title, hint string }{
		{"es-MX,es;q=0.9,en;q=0.5", "Un momento", "Espera un momento y vuelve a intentarlo."},
		{"en-US,en;q=0.9", "Just a moment", "Wait a moment, then try again."},
	} {
		r, body := get(s.Code, browser, c.lang)
		lang := c.lang[:2]
		if r.StatusCode != 429 || r.Header.Get("Retry-After") == "" || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/html") {
			t.Fatalf("a browser past the limit (%s): got %d %q Retry-After %q, want 429 HTML with Retry-After", lang, r.StatusCode, r.Header.Get("Content-Type"), r.Header.Get("Retry-After"))
		}
		if !strings.Contains(body, `<html lang="`+lang+`"`) || !strings.Contains(body, c.title) || !strings.Contains(body, c.hint) || !strings.Contains(body, `href="/j/`+s.Code+`"`) {
			t.Errorf("the %s wait page:\n%s", lang, body)
		}
	}
	for _, accept := range []string{"application/json", "*/*", ""} {
		r, body := get(s.Code, accept, "es")
		if r.StatusCode != 429 || !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") || !strings.Contains(body, `"too_many_guesses"`) || r.Header.Get("Retry-After") == "" {
			t.Errorf("a script (Accept %q): got %d %s %s, want the JSON too_many_guesses", accept, r.StatusCode, r.Header.Get("Content-Type"), body)
		}
	}
}

// TestQAPagesDoNotShift: questions asked, and moderated, between two
// page reads neither skip a question nor give one twice, in both orders;
// the pinned question is given once.
func TestQAPagesDoNotShift(t *testing.T) {
	k := startKit(t, t.TempDir())
	s := k.start("try.en")
	host := k.DialHost(s.ID)
	if err := host.Send(map[string]any{"type": "qa_open", "open": true}); err != nil {
		t.Fatal(err)
	}
	phones := k.JoinPhones(s.Code, 12, nil)
	if _, err := phones[0].WaitQA(wait, func(q phoneclient.QA) bool { return q.Open }); err != nil {
		t.Fatal(err)
	}
	ask := func(from, to int) {
		for i := from; i < to; i++ {
			if _, err := phones[i].Ask(fmt.Sprintf("Question number %d about screens?", i)); err != nil {
				t.Fatal(err)
			}
		}
	}
	ask(0, 8)
	list := func(sort, after string, limit int) qaPage {
		var p qaPage
		path := fmt.Sprintf("/api/sessions/%s/qa?status=all&sort=%s&limit=%d", s.ID, sort, limit)
		if after != "" {
			path += "&after=" + after
		}
		if st := k.call("GET", path, nil, &p); st != 200 {
			t.Fatalf("GET %s: %d", path, st)
		}
		return p
	}
	before := list("newest", "", 50)
	if len(before.Questions) != 8 {
		t.Fatalf("%d questions, want 8", len(before.Questions))
	}
	// Pin one in the middle, so the first page shows it first.
	pinned := before.Questions[5].ID
	if st := k.call("POST", "/api/sessions/"+s.ID+"/qa/"+pinned, map[string]string{"action": "pin"}, nil); st != 200 {
		t.Fatalf("pin: %d", st)
	}
	asked := 8
	for _, sort := range []string{"newest", "votes"} {
		had := map[string]bool{}
		for _, q := range list(sort, "", 50).Questions {
			had[q.ID] = true
		}
		seen := map[string]int{}
		p := list(sort, "", 3)
		for page := 0; ; page++ {
			if page == 0 && (len(p.Questions) == 0 || p.Questions[0].ID != pinned) {
				t.Fatalf("%s: the first page does not start with the pinned question", sort)
			}
			for _, q := range p.Questions {
				seen[q.ID]++
			}
			if p.Next == "" {
				break
			}
			// Between the pages: two new questions, one approved, one hidden.
			if asked < len(phones) {
				ask(asked, asked+2)
				asked += 2
			}
			all := list(sort, "", 50).Questions
			for i, q := range all {
				if q.ID != pinned && i < 3 {
					k.call("POST", "/api/sessions/"+s.ID+"/qa/"+q.ID, map[string]string{"action": []string{"approve", "hide"}[i%2]}, nil)
				}
			}
			p = list(sort, p.Next, 3)
			if page > 20 {
				t.Fatal("the pages never end")
			}
		}
		for id := range had {
			if seen[id] != 1 {
				t.Errorf("%s: question %s, there before the first page, was given %d times", sort, id, seen[id])
			}
		}
		for id, n := range seen {
			if n > 1 {
				t.Errorf("%s: question %s given %d times", sort, id, n)
			}
		}
	}
	var bad struct{ Error struct{ Code string } }
	if st := k.call("GET", "/api/sessions/"+s.ID+"/qa?sort=newest&after=50", nil, &bad); st != 400 {
		t.Errorf("an offset as the cursor: got %d, want 400", st)
	}
	if p := list("votes", "", 3); p.Next == "" || k.call("GET", "/api/sessions/"+s.ID+"/qa?sort=newest&after="+p.Next, nil, nil) != 400 {
		t.Errorf("a votes cursor used for newest: want 400")
	}
}

// handlersLimits lets a source look up burst unknown codes and then
// refills too slowly to matter within a test.
func handlersLimits(burst int) handlers.Limits {
	return handlers.Limits{MissesPerSecond: 0.001, MissBurst: burst}
}
