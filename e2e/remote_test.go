package e2e

import (
	"encoding/base64"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// openRemoteQR presses the presenter view's remote button and answers the
// URL its QR holds, with the host made the test's loopback address.
func openRemoteQR(t *testing.T, k *Kit, pv *Tab) string {
	t.Helper()
	if !Eval[bool](pv, `document.getElementById('remote-panel').hidden && !document.getElementById('remote-qr').getAttribute('src')`) {
		t.Fatal("the remote's QR is on the presenter view before its button is pressed")
	}
	pv.Do(chromedp.Click(chromedp.ID("remote-btn"), chromedp.NodeVisible))
	pv.Wait("the remote's QR", `!document.getElementById('remote-panel').hidden && document.getElementById('remote-qr').complete && document.getElementById('remote-qr').naturalWidth > 0`)
	src := Eval[string](pv, `document.getElementById('remote-qr').src`)
	png, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(src, "data:image/png;base64,"))
	if err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(decodeQR(t, png))
	if err != nil || u.Fragment == "" || u.RawQuery != "" {
		t.Fatalf("the remote QR holds %v (%v): want …/remote/s/{id}#KEY", u, err)
	}
	u.Host = k.Host
	return u.String()
}

// TestPhoneRemote: the presenter view shows the remote's QR only behind its
// button; a phone that opens it trades the key for an HttpOnly cookie and
// the key leaves its address bar; its big buttons move the session the
// audience screen shows, its notes and counts follow, a reload keeps
// working, and "Switch off the remote" stops it at once. Both languages,
// axe-clean, with screenshots at 390×844.
func TestPhoneRemote(t *testing.T) {
	k := StartKit(t)
	b := NewBrowser(t)
	for _, lang := range []string{"en", "es"} {
		pv := b.DesktopTab("presenter view " + lang)
		pv.LoginHost(k)
		s := k.kit.StartSession("try." + lang)
		aud := b.DesktopTab("audience screen " + lang)
		aud.Navigate(k.Base + "/host/s/" + s.ID)
		aud.Wait("the lobby", `!document.getElementById('lobby').hidden`)
		if Eval[bool](aud, `document.getElementById('remote-qr') !== null || document.getElementById('remote-btn') !== null`) {
			t.Error("the audience screen has the remote's QR or its button")
		}
		pv.Navigate(k.Base + "/host/s/" + s.ID + "/presenter")
		pv.Wait("the presenter view", `document.documentElement.lang === '`+lang+`' && document.getElementById('remote-btn').textContent !== ''`)
		link := openRemoteQR(t, k, pv)
		pv.NoAxeViolations("presenter view with the remote's QR (" + lang + ")")

		p := b.PhoneTab("remote " + lang)
		p.Navigate(link)
		p.Wait("the remote, connected, key gone from the address", `location.hash === '' && !location.href.includes('#') && document.documentElement.lang === '`+lang+`' && document.getElementById('rm-pos').textContent !== '' && document.getElementById('rm-conn').className === 'rm-conn'`)
		if Eval[bool](p, `document.cookie.includes('rt_remote')`) {
			t.Error("the remote's cookie is readable by the page's script (want HttpOnly)")
		}
		p.NoAxeViolations("phone remote, lobby (" + lang + ")")

		// Next, from the phone: the audience screen moves; the notes follow.
		p.Do(chromedp.Tap(chromedp.ID("next-btn"), chromedp.NodeVisible))
		aud.Wait("slide 1 on the audience screen", `document.getElementById('lobby').hidden && !document.getElementById('slide').hidden`)
		p.Wait("the remote on slide 1", `document.getElementById('rm-pos').textContent.startsWith('1 / ')`)
		if got, want := p.Text("#notes-text"), Eval[string](pv, `document.getElementById('notes-text').textContent.trim()`); got != want {
			t.Errorf("the remote's notes %q, the presenter view's %q", got, want)
		}
		// To the first question, with the jump; the answered count shows.
		q := k.kit.QuestionSlides("try." + lang)["single"]
		Eval[chromedp.Void](p, fmt.Sprintf(`document.getElementById('goto-select').value = '%d'`, q))
		p.Do(chromedp.Tap(chromedp.CSS("#goto-form button"), chromedp.NodeVisible))
		p.Wait("the question on the remote", fmt.Sprintf(`document.getElementById('rm-pos').textContent.startsWith('%d / ') && !document.getElementById('rm-answered-box').hidden && !document.getElementById('reveal-btn').disabled`, q+1))
		if got := k.Session(s.ID).Index; got != q {
			t.Fatalf("after the remote's jump: slide %d, want %d", got, q)
		}
		p.NoAxeViolations("phone remote, question (" + lang + ")")
		p.Shot(t, "remote-"+lang+"-390x844.png")
		p.Do(chromedp.Tap(chromedp.ID("reveal-btn"), chromedp.NodeVisible))
		aud.Wait("the reveal on the audience screen", `document.querySelector('#chart .bar') !== null`)

		// A reload keeps the remote (the cookie), with no key in the address.
		p.Do(chromedp.Reload())
		p.Wait("the remote after a reload", fmt.Sprintf(`document.getElementById('rm-pos').textContent.startsWith('%d / ') && document.getElementById('rm-conn').className === 'rm-conn'`, q+1))

		// Switched off: the phone says so at once and moves nothing.
		pv.Do(chromedp.Click(chromedp.ID("remote-off"), chromedp.NodeVisible))
		pv.Wait("the remote is off", `document.getElementById('remote-panel').hidden && document.getElementById('remote-status').textContent !== ''`)
		want := map[string]string{"en": "This remote no longer works", "es": "Este control remoto ya no funciona"}[lang]
		p.Wait("the remote told it is off", `document.getElementById('rm-conn').textContent.startsWith('`+want+`')`)
		p.Do(chromedp.Tap(chromedp.ID("next-btn"), chromedp.NodeVisible))
		p.Wait("still refused", `document.getElementById('rm-conn').textContent.startsWith('`+want+`')`)
		if got := k.Session(s.ID).Index; got != q {
			t.Fatalf("a switched-off remote moved the session to slide %d", got)
		}
		p.NoAxeViolations("phone remote, switched off (" + lang + ")")
		// A phone that opens the page without the QR's key is told to scan it
		// (in its browser's language: no deck has spoken yet).
		p2 := b.PhoneTab("remote without a key " + lang)
		p2.Navigate(k.Base + "/remote/s/" + s.ID)
		p2.Wait("told to scan a QR", `document.getElementById('rm-conn').textContent.startsWith('This remote no longer works')`)
	}
}

// TestLobbyWifiQR: a network set on the presenter view shows on the audience
// screen's lobby as a QR before the join QR, that reads as the exact WIFI:
// string, with the network's name beside it and the password nowhere in
// the page's text; the lobby fits 1280×720 and 1920×1080 in both languages,
// axe-clean, with screenshots.
func TestLobbyWifiQR(t *testing.T) {
	k := StartKit(t)
	b := NewBrowser(t)
	const ssid, pass = `Aula 3; "B"`, `clave:segura,1`
	const want = `WIFI:T:WPA;S:Aula 3\; \"B\";P:clave\:segura\,1;;`
	for _, lang := range []string{"en", "es"} {
		pv := b.DesktopTab("presenter view " + lang)
		pv.LoginHost(k)
		s := k.kit.StartSession("try." + lang)
		aud := b.DesktopTab("audience screen " + lang)
		aud.Navigate(k.Base + "/host/s/" + s.ID)
		aud.Wait("the lobby", `!document.getElementById('lobby').hidden && document.getElementById('room-code').textContent.length === 6`)
		pv.Navigate(k.Base + "/host/s/" + s.ID + "/presenter")
		pv.Wait("the Wi-Fi form", `document.getElementById('wifi-ssid') !== null && document.documentElement.lang === '`+lang+`'`)
		pv.Do(chromedp.SetValue(chromedp.ID("wifi-ssid"), ssid), chromedp.SetValue(chromedp.ID("wifi-pass"), pass),
			chromedp.Click(chromedp.CSS("#wifi-form button[type=submit]"), chromedp.NodeVisible))
		pv.Wait("saved", `document.getElementById('wifi-status').textContent.includes('Aula 3')`)
		pv.NoAxeViolations("presenter view with the Wi-Fi form (" + lang + ")")

		// The open lobby picks it up by itself.
		aud.Wait("the Wi-Fi QR", `!document.getElementById('wifi').hidden && document.getElementById('wifi-img').complete && document.getElementById('wifi-img').naturalWidth > 0`)
		if got := aud.Text("#wifi-ssid"); got != ssid {
			t.Errorf("the network's name beside the QR: %q, want %q", got, ssid)
		}
		if Eval[bool](aud, `document.body.innerText.includes('clave') || document.documentElement.outerHTML.includes('clave')`) {
			t.Error("the password shows on the audience screen as text")
		}
		if !Eval[bool](aud, `!!(document.getElementById('wifi').compareDocumentPosition(document.getElementById('qr-img')) & Node.DOCUMENT_POSITION_FOLLOWING)`) {
			t.Error("the Wi-Fi QR does not come before the join QR")
		}
		for _, size := range [][2]int64{{1280, 720}, {1920, 1080}} {
			aud.Do(chromedp.EmulateViewport(size[0], size[1]))
			aud.Wait("the lobby at the size", fmt.Sprintf(`innerWidth === %d`, size[0]))
			shot, err := chromedp.Run(aud.ctx, chromedp.Screenshot(chromedp.ID("wifi-img"), chromedp.NodeVisible))
			if err != nil {
				t.Fatal(err)
			}
			if got := decodeQR(t, shot); got != want {
				t.Errorf("%dx%d: the Wi-Fi QR on screen reads %q, want %q", size[0], size[1], got, want)
			}
			if !Eval[bool](aud, `(() => { const s = document.getElementById('stage'); return s.scrollHeight <= s.clientHeight + 1 && document.documentElement.scrollHeight <= innerHeight && s.scrollWidth <= s.clientWidth + 1 })()`) {
				t.Errorf("%dx%d: the lobby with the Wi-Fi QR does not fit", size[0], size[1])
			}
			aud.NoAxeViolations(fmt.Sprintf("audience lobby with Wi-Fi, %dx%d (%s)", size[0], size[1], lang))
			aud.Shot(t, fmt.Sprintf("lobby-wifi-%s-%dx%d.png", lang, size[0], size[1]))
		}
		// Cleared: the lobby drops it.
		Eval[chromedp.Void](pv, `document.getElementById('wifi-ssid').value = ''; document.getElementById('wifi-pass').value = ''`)
		pv.Do(chromedp.Click(chromedp.CSS("#wifi-form button[type=submit]"), chromedp.NodeVisible))
		aud.Wait("no Wi-Fi QR", `document.getElementById('wifi').hidden && !document.getElementById('lobby').classList.contains('with-wifi')`)
	}
}
