// Package e2e drives the real kit with a real browser (Debian's chromium via
// chromedp): a presenter tab, phone-sized tabs, axe-core audits. The helpers
// here are shared by every browser test.
package e2e

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/device"

	"github.com/roundtable-kit/roundtable/app"
	"github.com/roundtable-kit/roundtable/internal/kittest"
)

const hostKey = kittest.HostKey

// step bounds one browser action; a page that never gets there fails the
// test instead of hanging it.
const step = 10 * time.Second

// need skips a browser test when the machine lacks what it needs, except in
// CI (CI=true), where .ci/run installs chromium and axe-core: there a
// missing tool is a broken set-up and fails.
func need(t *testing.T, what string) {
	t.Helper()
	msg := what + " (CI installs it: apt-get install chromium; cd e2e && npm ci)"
	if os.Getenv("CI") == "true" {
		t.Fatal("missing " + msg)
	}
	t.Skip("skipping browser test: missing " + msg)
}

// chromiumPath finds Debian's chromium.
func chromiumPath(t *testing.T) string {
	t.Helper()
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	need(t, "chromium")
	return ""
}

// axeSource is axe-core's script from e2e/node_modules (npm ci).
func axeSource(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		need(t, "e2e/node_modules/axe-core")
	}
	return string(b)
}

// Kit is a real kit on 127.0.0.1:0 with its data in a temporary folder,
// started by the shared test kit (internal/kittest); kit has its helpers.
type Kit struct {
	t    *testing.T
	kit  *kittest.Kit
	App  *app.App
	Base string // http://127.0.0.1:port
	Host string // 127.0.0.1:port
}

func StartKit(t *testing.T) *Kit {
	t.Helper()
	k := kittest.Start(t, kittest.Options{})
	return &Kit{t: t, kit: k, App: k.App, Base: k.Base, Host: k.Host}
}

// API makes a host API request with the key and decodes a JSON answer into
// out (when not nil, a refusal's too); it returns the status and the raw
// body.
func (k *Kit) API(method, path string, body, out any) (int, []byte) {
	k.t.Helper()
	st, data, err := k.kit.Client().Do(context.Background(), method, path, body, out)
	var refused *kittest.Error
	if err != nil && !errors.As(err, &refused) {
		k.t.Fatal(err)
	}
	return st, data
}

// Session is what GET /api/sessions/{id} answers.
type Session = kittest.Session

func (k *Kit) Session(id string) Session {
	k.t.Helper()
	return k.kit.Session(id)
}

// Browser is one headless chromium with a fresh profile.
type Browser struct {
	t   *testing.T
	ctx context.Context // the first tab; new tabs derive from it
	axe string
}

// NewBrowser starts chromium for the test (skipped when chromium or axe-core
// is missing, see need) and closes it when the test ends.
func NewBrowser(t *testing.T) *Browser {
	t.Helper()
	path := chromiumPath(t)
	axe := axeSource(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	// The first Run starts the browser; it must not carry a timeout.
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		cancel()
		cancelAlloc()
		t.Fatalf("starting chromium: %v", err)
	}
	t.Cleanup(func() { cancel(); cancelAlloc() })
	return &Browser{t: t, ctx: ctx, axe: axe}
}

// Tab is one browser tab. Phones get their own browser context (their own
// localStorage and cookies), as separate phones would.
type Tab struct {
	Name string
	t    *testing.T
	ctx  context.Context
	b    *Browser
}

// DesktopTab opens a 1280×800 tab sharing the first tab's profile (the
// presenter's cookie lives there).
func (b *Browser) DesktopTab(name string) *Tab {
	ctx, cancel := chromedp.NewContext(b.ctx)
	b.t.Cleanup(cancel)
	tab := &Tab{Name: name, t: b.t, ctx: ctx, b: b}
	tab.Do(chromedp.EmulateViewport(1280, 800))
	tab.acceptDialogs()
	return tab
}

const phoneUA = "Mozilla/5.0 (Linux; Android 12; Pixel 5) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36"

// PhoneTab opens a 390×844 touch tab with a phone's user agent in a browser
// context of its own.
func (b *Browser) PhoneTab(name string) *Tab {
	ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithNewBrowserContext())
	b.t.Cleanup(cancel)
	tab := &Tab{Name: name, t: b.t, ctx: ctx, b: b}
	tab.Do(chromedp.Emulate(phone{}))
	tab.acceptDialogs()
	return tab
}

// SameProfileTab opens another tab of the same phone (same browser context,
// so the same localStorage), emulated like the first.
func (tab *Tab) SameProfileTab(name string) *Tab {
	ctx, cancel := chromedp.NewContext(tab.ctx)
	tab.t.Cleanup(cancel)
	t2 := &Tab{Name: name, t: tab.t, ctx: ctx, b: tab.b}
	t2.Do(chromedp.Emulate(phone{}))
	t2.acceptDialogs()
	return t2
}

type phone struct{}

func (phone) Device() device.Info {
	return device.Info{Name: "phone", UserAgent: phoneUA, Width: 390, Height: 844, Scale: 3, Mobile: true, Touch: true}
}

// acceptDialogs answers every confirm() and alert() with OK, as the
// presenter would (ending a session asks first).
func (tab *Tab) acceptDialogs() {
	dialogs := chromedp.Events(tab.ctx, page.JavascriptDialogOpening)
	go func() {
		for _, err := range dialogs {
			if err != nil {
				return
			}
			chromedp.Call(tab.ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true})
		}
	}()
}

// Do runs actions in the tab, each group bounded by step; failure is fatal.
func (tab *Tab) Do(actions ...chromedp.Action[chromedp.Void]) {
	tab.t.Helper()
	if err := tab.try(actions...); err != nil {
		tab.t.Fatalf("%s: %v", tab.Name, err)
	}
}

func (tab *Tab) try(actions ...chromedp.Action[chromedp.Void]) error {
	// The tab's first Run opens it; later runs may carry a timeout.
	if _, err := chromedp.Run(tab.ctx, chromedp.Evaluate[chromedp.Void]("0")); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(tab.ctx, step)
	defer cancel()
	return chromedp.Do(ctx, actions...)
}

// Eval evaluates a JavaScript expression in the tab and decodes its value.
func Eval[T any](tab *Tab, expr string) T {
	tab.t.Helper()
	ctx, cancel := context.WithTimeout(tab.ctx, step)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, awaitPromise))
	if err != nil {
		tab.t.Fatalf("%s: %s: %v", tab.Name, expr, err)
	}
	return v
}

var awaitPromise = chromedp.EvalAwaitPromise

// Wait polls a JavaScript condition until it is truthy; what says what the
// user is waiting to see, for the failure message. It polls from Go, so a
// navigation in between (a click that loads the next page) only costs a turn.
func (tab *Tab) Wait(what, cond string) {
	tab.t.Helper()
	if err := tab.poll(cond, step); err != nil {
		state, _ := chromedp.Run(tab.ctx, chromedp.Evaluate[string](`(document.body ? document.body.innerText.slice(0, 600) : '') + (window.rtInput ? '\ninput and redraws, last 20 (ms, what): ' + JSON.stringify(window.rtInput.slice(-20)) : '')`))
		tab.t.Fatalf("%s: waiting for %s (%s): not within %v (%v)\npage text: %s", tab.Name, what, cond, step, err, state)
	}
}

// poll evaluates cond every 40 ms until it is truthy (nil) or d has passed
// (an error, the last evaluation's if it failed).
func (tab *Tab) poll(cond string, d time.Duration) error {
	expr := "(function(){try{return !!(" + cond + ")}catch(e){return false}})()"
	deadline := time.Now().Add(d)
	for {
		ctx, cancel := context.WithTimeout(tab.ctx, time.Second)
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr))
		cancel()
		if err == nil && ok {
			return nil
		}
		if time.Now().After(deadline) {
			if err == nil {
				err = errors.New("still false")
			}
			return err
		}
		time.Sleep(40 * time.Millisecond)
	}
}

// watchInput records, in the page, each touch and click the page sees and
// each time the phone redraws its view, so that a Wait that fails after a
// tap says whether the tap arrived, on what, and whether the view was
// drawn anew under it; window.rtClicks counts the clicks on buttons. It is
// installed once per page.
func (tab *Tab) watchInput() {
	tab.t.Helper()
	Eval[chromedp.Void](tab, `window.rtInput || (() => {
		const log = window.rtInput = [];
		const at = () => Math.round(performance.now());
		const what = (e) => e && e.nodeType === 1 ? e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + String(e.className).split(' ').join('.') : '') + (e.isConnected ? '' : ' (detached)') : String(e);
		const push = (x) => { log.push(x); if (log.length > 200) log.shift(); };
		window.rtClicks = 0;
		for (const type of ['touchstart', 'touchend', 'click']) {
			document.addEventListener(type, (e) => {
				const b = e.target.closest && e.target.closest('button');
				if (b && type === 'click') window.rtClicks++;
				push([at(), type + ' ' + what(b || e.target)]);
			}, true);
		}
		const v = document.getElementById('view');
		if (v) new MutationObserver(() => push([at(), 'view redrawn: ' + v.textContent.slice(0, 40)])).observe(v, { childList: true });
		const a = document.getElementById('ack');
		if (a) new MutationObserver(() => push([at(), 'ack: ' + a.textContent])).observe(a, { childList: true, characterData: true, subtree: true });
	})()`)
}

// Text is the trimmed textContent of the first element matching a CSS selector
// ("" when there is none).
func (tab *Tab) Text(css string) string {
	tab.t.Helper()
	return Eval[string](tab, fmt.Sprintf(`(function(){var e=document.querySelector(%q);return e?e.textContent.trim():''})()`, css))
}

// Navigate opens a URL and waits for the document to load.
func (tab *Tab) Navigate(url string) {
	tab.t.Helper()
	tab.Do(chromedp.Navigate(url))
}

// LoginHost opens /host?key=… so the tab's profile holds the host cookie;
// the kit redirects to /host.
func (tab *Tab) LoginHost(k *Kit) {
	tab.t.Helper()
	tab.Navigate(k.Base + "/host?key=" + hostKey)
	tab.Wait("the deck list", `location.pathname === '/host' && document.querySelector('.deck-start') !== null`)
}

// Violation is one axe-core rule that failed, with the nodes it failed on.
type Violation struct {
	ID, Impact, Help string
	Nodes            []string
}

func (v Violation) String() string {
	return fmt.Sprintf("%s (%s): %s\n      %s", v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "\n      "))
}

// Axe injects axe-core into the page (once) and runs the WCAG 2.1 A and AA
// rules, answering the violations.
func (tab *Tab) Axe() []Violation {
	tab.t.Helper()
	if !Eval[bool](tab, `typeof window.axe === 'object'`) {
		// Runtime.evaluate is not subject to the page's CSP, so the page keeps
		// its script-src 'self' while the auditor runs.
		Eval[chromedp.Void](tab, tab.b.axe+"\n;0")
	}
	ctx, cancel := context.WithTimeout(tab.ctx, 30*time.Second)
	defer cancel()
	vs, err := chromedp.Run(ctx, chromedp.Evaluate[[]Violation](`axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}, resultTypes: ['violations']})
	  .then(r => r.violations.map(v => ({ID: v.id, Impact: v.impact || '', Help: v.help,
	    Nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' — ' + (n.failureSummary || '').replace(/\s+/g, ' '))})))`, awaitPromise))
	if err != nil {
		tab.t.Fatalf("%s: axe-core: %v", tab.Name, err)
	}
	return vs
}

// NoAxeViolations audits the page and reports every violation as an error
// naming the page and state (what).
func (tab *Tab) NoAxeViolations(what string) {
	tab.t.Helper()
	vs := tab.Axe()
	for _, v := range vs {
		tab.t.Errorf("axe on %s: %s", what, v)
	}
	tab.t.Logf("axe on %s: %d WCAG 2.1 A/AA violations", what, len(vs))
}

// Shot saves a screenshot of what tab shows now as NAME.png in the folder
// SHOTS names, for a person to look at (the closing notes list them);
// without SHOTS it does nothing. Tests never read the pictures back.
func (tab *Tab) Shot(t testing.TB, name string) {
	t.Helper()
	dir := os.Getenv("SHOTS")
	if dir == "" {
		return
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	png, err := chromedp.Run(tab.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, strings.TrimSuffix(name, ".png")+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// Shots saves what tab shows at 1280×720 and 1920×1080 (NAME-1280x720.png,
// …), the two projector sizes every page is looked at in, then puts the
// viewport back to 1280×800; without SHOTS it does nothing.
func (tab *Tab) Shots(t testing.TB, name string) {
	t.Helper()
	if os.Getenv("SHOTS") == "" {
		return
	}
	for _, size := range [][2]int64{{1280, 720}, {1920, 1080}} {
		tab.Do(chromedp.EmulateViewport(size[0], size[1]))
		tab.Shot(t, fmt.Sprintf("%s-%dx%d", name, size[0], size[1]))
	}
	tab.Do(chromedp.EmulateViewport(1280, 800))
}

// ShotAt sets the viewport to w×h (0: leaves it) and saves a screenshot as
// Shot does; without SHOTS it does neither.
func (tab *Tab) ShotAt(t testing.TB, name string, w, h int64) {
	t.Helper()
	if os.Getenv("SHOTS") == "" {
		return
	}
	if w > 0 {
		tab.Do(chromedp.EmulateViewport(w, h))
	}
	tab.Shot(t, name)
}
