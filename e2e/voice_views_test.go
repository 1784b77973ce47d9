package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestWordCloudLayout lays out fifty words of every length in the
// audience screen's browser: no two words overlap, every word placed lies
// inside the drawing, a more frequent word is never drawn smaller than a
// rarer one, and hostile words are SVG text, not markup.
func TestWordCloudLayout(t *testing.T) {
	k := StartKit(t)
	b := NewBrowser(t)
	aud := b.DesktopTab("audience screen")
	aud.LoginHost(k)
	s := k.kit.StartSession("try.en")
	aud.Navigate(k.Base + "/host/s/" + s.ID)
	aud.Wait("the lobby", `!document.getElementById('lobby').hidden`)
	type result struct {
		Placed, Overlaps, Outside, Inverted int
		Texts                               []string
		Injected                            []string
	}
	r := Eval[result](aud, `import('/static/js/views.js').then((m) => {
	  const words = [];
	  // at most 25 characters, as a word cloud takes them; the hostile ones among the rarest
	  const hostile = ['<img src=x onerror=__pwned=1>'.slice(0, 25), '<svg onload=__pwned=1>', '</text><script>__pwned=1'];
	  for (let i = 0; i < 50; i++) words.push({ text: i >= 45 && hostile[i - 45] || ('w' + i + 'x'.repeat(i < 10 ? i % 4 : (i * 7) % 22)), count: 60 - i });
	  const placed = m.layout(words, { w: 1000, h: 500, min: 16 });
	  let overlaps = 0, outside = 0, inverted = 0;
	  placed.forEach((a, i) => {
	    if (a.x < 0 || a.y < 0 || a.x + a.w > 1000 || a.y + a.h > 500) outside++;
	    placed.forEach((b, j) => { if (j > i && a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h) overlaps++; });
	  });
	  // The size each word got before any had to shrink to find room.
	  const first = placed.filter((p, i) => i < 10);
	  first.forEach((a, i) => { if (i && a.count < first[i - 1].count && a.size > first[i - 1].size) inverted++; });
	  const v = m.view({ kind: 'wordcloud' }, { words, total: 200 }, { live: true });
	  document.body.append(v);
	  const texts = [...v.querySelectorAll('svg text')].map((e) => e.textContent);
	  const injected = [...v.querySelectorAll('*')].filter((e) => !['svg', 'text', 'FIGURE', 'UL', 'LI'].includes(e.tagName)).map((e) => e.tagName);
	  v.remove();
	  return { Placed: placed.length, Overlaps: overlaps, Outside: outside, Inverted: inverted, Texts: texts, Injected: injected };
	})`)
	if r.Overlaps > 0 || r.Outside > 0 {
		t.Errorf("the layout has %d overlapping pairs and %d words outside the drawing, want none", r.Overlaps, r.Outside)
	}
	if r.Placed < 30 {
		t.Errorf("placed %d of 50 words, want at least 30 (the rest are in the list beside the cloud)", r.Placed)
	}
	if r.Inverted > 0 {
		t.Errorf("%d of the ten most frequent words are drawn larger than a more frequent one", r.Inverted)
	}
	if len(r.Injected) > 0 {
		t.Errorf("the cloud holds elements from its words: %v", r.Injected)
	}
	if !strings.Contains(strings.Join(r.Texts, "|"), "<svg onload=__pwned=1>") {
		t.Errorf("the hostile word is not drawn as text: %q", r.Texts)
	}
	if got := Eval[string](aud, `String(window.__pwned)`); got != "undefined" {
		t.Errorf("a word ran as script (window.__pwned = %s)", got)
	}
}

// TestModerationQueuePages sends 120 open-text answers from socket phones:
// the presenter view's queue shows the first 50 (not 120 nodes), each page
// more on request, the counts per status, and approving from the second
// page reaches the audience screen.
func TestModerationQueuePages(t *testing.T) {
	k := StartKit(t)
	deck := k.kit.SaveDeck("---\ntitle: Queue\nlang: en\n---\n\n<!-- question: open -->\n\n## Your question?\n")
	s := k.kit.StartSession(deck)
	k.API("POST", "/api/sessions/"+s.ID+"/goto", map[string]int{"slide": 0}, nil)
	phones := k.kit.JoinPhones(s.Code, 120, nil)
	for i, p := range phones {
		if m, err := p.AnswerText(0, fmt.Sprintf("Question number %03d", i)); err != nil || m.Type != "ack" {
			t.Fatalf("phone %d: %v %+v", i, err, m)
		}
	}
	b := NewBrowser(t)
	aud := b.DesktopTab("audience screen")
	aud.LoginHost(k)
	aud.Navigate(k.Base + "/host/s/" + s.ID)
	pv := b.DesktopTab("presenter view")
	pv.Navigate(k.Base + "/host/s/" + s.ID + "/presenter")
	pv.Wait("the first page", `document.querySelectorAll('#mod-list .mod-row').length === 50 && !document.getElementById('mod-more').hidden`)
	if got := pv.Text(`.mod-tab[data-status=pending]`); !strings.Contains(got, "120") {
		t.Errorf("the waiting tab says %q, want 120", got)
	}
	pv.Do(chromedp.Click(chromedp.ID("mod-more"), chromedp.NodeVisible))
	pv.Wait("the second page", `document.querySelectorAll('#mod-list .mod-row').length === 100`)
	pv.Do(chromedp.Click(chromedp.ID("mod-more"), chromedp.NodeVisible))
	pv.Wait("the last page", `document.querySelectorAll('#mod-list .mod-row').length === 120 && document.getElementById('mod-more').hidden`)
	texts := Eval[[]string](pv, `[...document.querySelectorAll('#mod-list .mod-text')].map(e => e.textContent)`)
	seen := map[string]bool{}
	for _, x := range texts {
		seen[x] = true
	}
	if len(seen) != 120 {
		t.Errorf("the three pages hold %d different answers, want 120 (none twice, none missing)", len(seen))
	}
	// The last row is one of the oldest answers (newest first; answers in
	// the same millisecond may come in either order): approve it there.
	last := Eval[string](pv, `document.querySelector('#mod-list .mod-row:last-child .mod-text').textContent`)
	if !strings.HasPrefix(last, "Question number 00") {
		t.Errorf("the last page ends with %q, want one of the oldest answers", last)
	}
	pv.Do(chromedp.Click(chromedp.CSS(`#mod-list .mod-row:last-child button.primary`), chromedp.NodeVisible))
	aud.Wait("the approved answer on the screen", fmt.Sprintf(`[...document.querySelectorAll('#chart .card-text')].map(e => e.textContent).join() === %q`, last))
	pv.Wait("the counts", `document.querySelector('.mod-tab[data-status=approved]').textContent.includes('1') && document.querySelector('.mod-tab[data-status=pending]').textContent.includes('119')`)
	pv.NoAxeViolations("presenter view, a long queue")
	pv.Shot(t, "voice-pv-queue-long")
}

// TestVoiceAnswerSurvivesLostNetwork types an open text and a word-cloud
// entry while the phone is offline, and a draft is kept through a reload
// of the language: back online the phone sends each once, the server holds
// one answer each, and a reload of the page shows what it holds (welcome's
// given).
func TestVoiceAnswerSurvivesLostNetwork(t *testing.T) {
	k := StartKit(t)
	deck := k.kit.SaveDeck("---\ntitle: Net\nlang: en\n---\n\n<!-- question: open -->\n\n## Your worry?\n\n---\n\n<!-- question: wordcloud -->\n\n## One word\n")
	s := k.kit.StartSession(deck)
	b := NewBrowser(t)
	p := b.PhoneTab("phone")
	p.Navigate(k.Base + "/j/" + s.Code)
	p.Wait("the lobby", `document.getElementById('status').className.includes('ok')`)
	k.API("POST", "/api/sessions/"+s.ID+"/goto", map[string]int{"slide": 0}, nil)
	p.Wait("the open question", `document.getElementById('kind-text') !== null`)
	p.Do(chromedp.SendKeys(chromedp.ID("kind-text"), "Half a"))
	// A language switch redraws the page: the draft stays.
	p.Do(chromedp.Click(chromedp.CSS(`[data-set-lang="es"]`), chromedp.NodeVisible))
	p.Wait("Spanish, the draft kept", `document.documentElement.lang === 'es' && document.getElementById('kind-text').value === 'Half a'`)
	p.Do(chromedp.SendKeys(chromedp.ID("kind-text"), " thought"))
	offline(t, p, true)
	p.Do(chromedp.Tap(chromedp.ID("send-btn"), chromedp.NodeVisible))
	p.Wait("sending", `document.getElementById('ack').textContent === 'Enviando…'`)
	offline(t, p, false)
	p.Wait("received", `document.getElementById('ack').textContent === 'Respuesta recibida ✓'`)
	var page struct {
		Texts []struct{ Text string }
	}
	k.API("GET", "/api/sessions/"+s.ID+"/slides/0/texts?status=all", nil, &page)
	if len(page.Texts) != 1 || page.Texts[0].Text != "Half a thought" {
		t.Errorf("the server holds %+v, want the one text 'Half a thought'", page.Texts)
	}
	k.API("POST", "/api/sessions/"+s.ID+"/goto", map[string]int{"slide": 1}, nil)
	p.Wait("the word cloud", `document.getElementById('word-0') !== null`)
	p.Do(chromedp.SendKeys(chromedp.ID("word-0"), "Calma"))
	p.Do(chromedp.Tap(chromedp.ID("send-btn"), chromedp.NodeVisible))
	p.Wait("received", `document.getElementById('ack').textContent === 'Respuesta recibida ✓'`)
	// A reload: the phone resumes and shows the word the server holds.
	p.Navigate(k.Base + "/j/" + s.Code)
	p.Wait("the word held, shown again", `(document.getElementById('word-0') || {}).value === 'Calma' && document.getElementById('ack').textContent === 'Respuesta recibida ✓'`)
	k.API("POST", "/api/sessions/"+s.ID+"/goto", map[string]int{"slide": 0}, nil)
	p.Wait("the text held, shown again", `(document.getElementById('kind-text') || {}).value === 'Half a thought'`)
}
