package e2e

import (
	"strings"
	"testing"
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
