package app_test

import (
	"testing"

	"github.com/roundtable-kit/roundtable/app"
	"github.com/roundtable-kit/roundtable/internal/kittest"
	"github.com/roundtable-kit/roundtable/phoneclient"
)

const testKey = kittest.HostKey

// kit is the shared test kit (internal/kittest) under the short names these
// tests were written with; a, base and dir are its App, Base and Dir.
type kit struct {
	*kittest.Kit
	t    testing.TB
	a    *app.App
	base string
	dir  string
}

type session = kittest.Session

func wrap(t testing.TB, k *kittest.Kit) *kit {
	return &kit{Kit: k, t: t, a: k.App, base: k.Base, dir: k.Dir}
}

// startKit runs a real kit on 127.0.0.1:0 with its data in dir.
func startKit(t *testing.T, dir string) *kit {
	t.Helper()
	return wrap(t, kittest.Start(t, kittest.Options{Dir: dir}))
}

// serveKit serves a kit made with a Config of the test's own.
func serveKit(t *testing.T, a *app.App) *kit { return wrap(t, kittest.Serve(t, a)) }

// attachKit drives a kit running as its own process at base.
func attachKit(t *testing.T, base string) *kit { return wrap(t, kittest.Attach(t, base, testKey)) }

func (k *kit) stop() { k.Stop() }

// call makes a host API request, decodes a JSON answer into out and returns
// the status.
func (k *kit) call(method, path string, body, out any) int {
	k.t.Helper()
	st, _ := k.API(method, path, body, out)
	return st
}

func (k *kit) start(deck string) session {
	k.t.Helper()
	return k.StartSession(deck)
}

func (k *kit) session(id string) session {
	k.t.Helper()
	return k.Session(id)
}

// questionSlides returns the slide index of each question kind in a deck.
func (k *kit) questionSlides(deck string) map[string]int {
	k.t.Helper()
	return k.QuestionSlides(deck)
}

// phone dials a phone that has not joined yet.
func (k *kit) phone(code string) *phoneclient.Phone {
	k.t.Helper()
	return k.Dial(code, nil)
}

// resumeOn dials each phone again on k (a kit started anew on the same
// data) and resumes it with its token, in place.
func resumeOn(t *testing.T, k *kittest.Kit, code string, ph []*phoneclient.Phone) {
	t.Helper()
	for i, p := range ph {
		q := k.Dial(code, nil)
		if err := q.Resume(p.Token); err != nil {
			t.Fatalf("resume %d: %v", i, err)
		}
		ph[i] = q
	}
}
