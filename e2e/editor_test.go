package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// A GIFT file with two questions the kit takes and one it skips (numerical
// questions are not supported), so the report has something in each list.
const edGift = `// A small quiz from Moodle
::Q1:: Which password is strongest? {=Four random words ~password123 ~Your pet's name}

::Q2:: A private account keeps every post private. {F}

::Q3:: How many bits in a byte? {#8}

::Q4:: Match them. {=a -> 1 =b -> 2}
`

// A deck whose one question has no right answer: the linter's error sits on
// the slide's first line (line 10 of this source).
const edBroken = "---\ntitle: Editor test deck\nlang: en\n---\n\n# Hello\n\n---\n\n<!-- question: single -->\n\n## Pick one\n\n- [ ] Red\n- [ ] Blue\n"

// TestDeckLibrary is the author's path through the deck library: import a
// quiz by upload and read the report, write a deck in the editor with an
// error the linter points at, fix it, watch the preview follow, save it and
// find it in the list; copy a built-in deck to edit it. The host page and
// the editor are audited by axe-core in English and Spanish.
func TestDeckLibrary(t *testing.T) {
	k := StartKit(t)
	b := NewBrowser(t)
	pres := b.DesktopTab("presenter")
	pres.LoginHost(k)

	// Built-ins are read-only: copy and export, no edit or delete.
	try := `li[data-deck="try.en"]`
	pres.Wait("the built-in try deck's actions", `document.querySelector('`+try+` .deck-copy') && document.querySelector('`+try+` .deck-export-gift') && !document.querySelector('`+try+` .deck-delete') && !document.querySelector('`+try+` .deck-edit')`)
	edAuditBoth(pres, "host page")

	// The language filter hides the other language's decks.
	pres.Do(chromedp.SetValue(chromedp.CSS(`#deck-filter`), "es"))
	Eval[chromedp.Void](pres, `document.getElementById('deck-filter').dispatchEvent(new Event('change'))`)
	pres.Wait("only Spanish decks", `!document.querySelector('`+try+`') && document.querySelector('li[data-deck="try.es"]')`)
	pres.Do(chromedp.SetValue(chromedp.CSS(`#deck-filter`), ""))
	Eval[chromedp.Void](pres, `document.getElementById('deck-filter').dispatchEvent(new Event('change'))`)

	// Import a GIFT file through the upload form.
	gift := filepath.Join(t.TempDir(), "quiz.gift")
	if err := os.WriteFile(gift, []byte(edGift), 0o644); err != nil {
		t.Fatal(err)
	}
	pres.Do(
		chromedp.SetUploadFiles(chromedp.CSS(`#import-file`), []string{gift}),
		chromedp.SendKeys(chromedp.CSS(`#import-title`), "Imported quiz"),
		chromedp.Click(chromedp.CSS(`#import-go`), chromedp.NodeVisible),
	)
	pres.Wait("the import report", `!document.getElementById('import-report').hidden && document.getElementById('import-summary').textContent !== ''`)
	taken := Eval[[]string](pres, `[...document.querySelectorAll('#import-taken li')].map(li => li.textContent)`)
	if len(taken) != 3 || !strings.HasPrefix(taken[2], "Line 6: How many bits in a byte? — number from 0 to 20, answer 8") {
		t.Errorf("import report taken %q, want 3, the numerical question on line 6 as a number; report: %s", taken, pres.Text("#import-report"))
	}
	skipped := Eval[[]string](pres, `[...document.querySelectorAll('#import-skipped li')].map(li => li.textContent)`)
	if len(skipped) != 1 || !strings.HasPrefix(skipped[0], "Line 8: ") {
		t.Errorf("import report skipped %q, want one item on line 8", skipped)
	}
	if s := pres.Text("#import-summary"); !strings.Contains(s, "GIFT: 3 taken, 1 skipped") {
		t.Errorf("import summary %q, want GIFT: 3 taken, 1 skipped", s)
	}
	pres.Wait("the imported deck in the list with an Edit link", `[...document.querySelectorAll('#decks li')].some(li => li.querySelector('h3').textContent === 'Imported quiz' && li.querySelector('.deck-edit'))`)
	pres.Wait("an Edit link in the report", `document.querySelector('#import-edit a[href$="/edit"]') !== null`)
	pres.Shot(t, "import-report")
	edAuditBoth(pres, "host page with an import report")

	// A deck file with an error is not saved: the report lists the checker's
	// problems and hands the source to the editor to fix.
	broken := filepath.Join(t.TempDir(), "broken.md")
	if err := os.WriteFile(broken, []byte(edBroken), 0o644); err != nil {
		t.Fatal(err)
	}
	pres.Do(
		chromedp.SetUploadFiles(chromedp.CSS(`#import-file`), []string{broken}),
		chromedp.Click(chromedp.CSS(`#import-go`), chromedp.NodeVisible),
	)
	pres.Wait("the checker's problems in the report", `[...document.querySelectorAll('#import-problems li')].some(li => li.textContent.startsWith('Line 10: Error: ')) && document.getElementById('import-problems').checkVisibility()`)
	pres.Do(chromedp.Click(chromedp.CSS(`#import-edit a`), chromedp.NodeVisible))
	pres.Wait("the broken deck in the editor", `location.pathname === '/host/decks/new' && document.getElementById('ed-text').value.includes('title: Editor test deck') && document.querySelector('#ed-problems .sev-error') !== null`)

	// A new deck: the editor opens with a template that passes the linter.
	pres.Navigate(k.Base + "/host")
	pres.Do(chromedp.Click(chromedp.CSS(`#deck-new`), chromedp.NodeVisible))
	pres.Wait("the editor with its template", `location.pathname === '/host/decks/new' && document.getElementById('ed-text').value.includes('question: single') && document.getElementById('ed-summary').textContent === 'No problems found.'`)
	if Eval[bool](pres, `document.getElementById('ed-readonly').checkVisibility() || document.getElementById('ed-export-md').checkVisibility() || !document.getElementById('ed-save').checkVisibility()`) {
		t.Error("a new deck shows the read-only notice or export links, or hides Save")
	}
	edAuditBoth(pres, "editor, new deck")

	// Type a deck whose question has no right answer.
	Eval[chromedp.Void](pres, `(function(){const x=document.getElementById('ed-text');x.value='';x.dispatchEvent(new Event('input'));})()`)
	pres.Do(chromedp.SendKeys(chromedp.CSS(`#ed-text`), edBroken))
	pres.Wait("the linter's error on line 10", `[...document.querySelectorAll('#ed-problems .sev-error')].some(li => li.textContent.startsWith('Line 10') && li.textContent.includes('exactly one right option'))`)
	pres.Wait("the slide flagged in the preview", `document.querySelectorAll('#ed-slides .ed-slide').length === 2 && document.querySelector('#ed-slides .ed-slide.has-error') !== null`)
	edAuditBoth(pres, "editor with a linter error")

	// Clicking the problem puts the caret on its line.
	pres.Do(chromedp.Click(chromedp.CSS(`#ed-problems .ed-goto`), chromedp.NodeVisible))
	if line := Eval[int](pres, `(function(){const x=document.getElementById('ed-text');return x.value.slice(0,x.selectionStart).split('\n').length})()`); line != 10 {
		t.Errorf("after clicking the problem the caret is on line %d, want 10", line)
	}
	if !Eval[bool](pres, `document.activeElement.id === 'ed-text'`) {
		t.Error("clicking a problem did not move focus to the source")
	}

	// Saving now fails with the problems listed.
	pres.Do(chromedp.Click(chromedp.CSS(`#ed-save`), chromedp.NodeVisible))
	pres.Wait("not saved", `document.getElementById('ed-status').textContent.startsWith('Not saved')`)

	// Fix it: mark Blue right. The preview shows the ✓ and the errors go.
	Eval[chromedp.Void](pres, `(function(){const x=document.getElementById('ed-text');x.value=x.value.replace('- [ ] Blue','- [x] Blue');x.dispatchEvent(new Event('input'));})()`)
	pres.Wait("the unsaved note", `document.getElementById('ed-status').textContent === 'Unsaved changes.'`)
	pres.Wait("no problems", `document.getElementById('ed-summary').textContent === 'No problems found.' && document.querySelectorAll('#ed-problems li').length === 0`)
	pres.Wait("the preview's right answer", `(function(){const r=document.querySelector('#ed-slides .ed-options li.right');return r && r.textContent.startsWith('Blue') && r.textContent.includes('✓') && !document.querySelector('.ed-slide.has-error')})()`)

	// Save (Ctrl+S works too; the button is what most people press).
	pres.Do(chromedp.Click(chromedp.CSS(`#ed-save`), chromedp.NodeVisible))
	pres.Wait("saved", `document.getElementById('ed-status').textContent.startsWith('Saved') && /^\/host\/decks\/[^/]+\/edit$/.test(location.pathname)`)
	id := Eval[string](pres, `decodeURIComponent(location.pathname.split('/')[3])`)
	edAuditBoth(pres, "editor, saved deck")

	pres.Do(chromedp.Click(chromedp.CSS(`.ed-nav a`), chromedp.NodeVisible))
	pres.Wait("the saved deck in the list", `location.pathname === '/host' && document.querySelector('li[data-deck="`+id+`"] .deck-edit') !== null`)
	if h := pres.Text(`li[data-deck="` + id + `"] h3`); h != "Editor test deck" {
		t.Errorf("the saved deck is listed as %q, want Editor test deck", h)
	}

	// A built-in opens read-only; "Make a copy" gives an editable copy.
	pres.Navigate(k.Base + "/host/decks/try.en/edit")
	pres.Wait("the read-only built-in", `document.getElementById('ed-readonly').checkVisibility() && document.getElementById('ed-text').readOnly && !document.getElementById('ed-save').checkVisibility() && document.getElementById('ed-copy').checkVisibility() && document.querySelectorAll('#ed-slides .ed-slide').length > 3`)
	edAuditBoth(pres, "editor, built-in deck")
	// A slide's line button takes the caret (and the scroll) to that slide.
	want := Eval[int](pres, `(function(){const b=[...document.querySelectorAll('.ed-goto-slide')].pop();b.click();return +b.firstChild.textContent.replace(/\D/g,'')})()`)
	if got := Eval[int](pres, `(function(){const x=document.getElementById('ed-text');return x.value.slice(0,x.selectionStart).split('\n').length})()`); got != want {
		t.Errorf("the last slide's button put the caret on line %d, want %d", got, want)
	}
	if Eval[int](pres, `document.getElementById('ed-text').scrollTop`) == 0 {
		t.Error("going to the last slide did not scroll the source")
	}
	pres.Do(chromedp.Click(chromedp.CSS(`#ed-copy`), chromedp.NodeVisible))
	pres.Wait("the editable copy", `/^\/host\/decks\/[^/]+\/edit$/.test(location.pathname) && !location.pathname.includes('try.en') && !document.getElementById('ed-readonly').checkVisibility() && document.getElementById('ed-save').checkVisibility() && !document.getElementById('ed-text').readOnly && document.getElementById('ed-text').value.includes('title: "Try Roundtable (copy)"')`)
	copyID := Eval[string](pres, `decodeURIComponent(location.pathname.split('/')[3])`)

	// The copy is the user's own: it can be deleted from the list.
	pres.Navigate(k.Base + "/host")
	pres.Wait("the copy in the list", `document.querySelector('li[data-deck="`+copyID+`"] .deck-delete') !== null`)
	pres.Do(chromedp.Click(chromedp.CSS(`li[data-deck="`+copyID+`"] .deck-delete`), chromedp.NodeVisible))
	pres.Wait("the copy gone", `document.querySelector('li[data-deck="`+copyID+`"]') === null && document.querySelector('`+try+`') !== null`)

	// "Make a copy" on the deck list opens the copy in the editor too.
	pres.Do(chromedp.Click(chromedp.CSS(`li[data-deck="try.es"] .deck-copy`), chromedp.NodeVisible))
	pres.Wait("the Spanish copy in the editor", `/^\/host\/decks\/[^/]+\/edit$/.test(location.pathname) && !location.pathname.includes('try.es') && document.getElementById('ed-save').checkVisibility() && document.getElementById('ed-text').value.includes('lang: es') && document.getElementById('ed-text').value.includes('title: "Prueba Roundtable (copia)"')`)
}

// edAuditBoth runs axe-core on the page in English, then in Spanish, and
// switches back to English.
func edAuditBoth(tab *Tab, what string) {
	tab.t.Helper()
	tab.NoAxeViolations(what + " (en)")
	tab.Do(chromedp.Click(chromedp.CSS(`[data-set-lang="es"]`), chromedp.NodeVisible))
	tab.Wait("Spanish", `document.documentElement.lang === 'es'`)
	tab.NoAxeViolations(what + " (es)")
	tab.Do(chromedp.Click(chromedp.CSS(`[data-set-lang="en"]`), chromedp.NodeVisible))
	tab.Wait("English", `document.documentElement.lang === 'en'`)
}
