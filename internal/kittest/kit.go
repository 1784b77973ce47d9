// Package kittest runs a real kit for tests and load runs: the app package
// on a temporary data folder (real SQLite) on 127.0.0.1:0, a host that
// calls its API with the key, phones that join it, and the decks the tests
// share. The app tests, the browser tests and the load generator all use it,
// so that there is one way to start a kit and talk to it.
package kittest

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/roundtable-kit/roundtable/app"
	"github.com/roundtable-kit/roundtable/handlers"
)

// HostKey is the key of a kit started without one.
const HostKey = "test-host-key-0123456789abcdef"

// Options is how a kit is started; the zero value is fine.
type Options struct {
	Dir       string       // data folder; empty: a new temporary one
	Key       string       // host key; empty: HostKey
	PublicURL string       // the join address phones are given; empty: the LAN's
	Log       *slog.Logger // nil: the kit's own (stderr)
	// MaxParticipants and Limits are app.Config's (zero: the defaults).
	MaxParticipants int
	Limits          handlers.Limits
	// DecksDir is a -decks folder to load; empty: none.
	DecksDir string
	// MinGroup and Retain are app.Config's (zero: 5, and kept forever).
	MinGroup int
	Retain   time.Duration
	// RetainEvery is app.Config's: how often -retain looks again.
	RetainEvery time.Duration
}

// Kit is a running kit. Its helpers that take no testing.TB need a kit from
// Start, Serve or Attach: they fail the test instead of returning errors.
type Kit struct {
	App  *app.App // nil for a kit in another process (Attach)
	Base string   // http://127.0.0.1:port
	Host string   // 127.0.0.1:port
	Key  string
	Dir  string // the data folder ("" for Attach)

	t       testing.TB
	tempDir bool // Run made Dir and Stop removes it
	once    sync.Once
	stopErr error
}

// Start runs a kit for the test and stops it when the test ends.
func Start(t testing.TB, o Options) *Kit {
	t.Helper()
	if o.Dir == "" {
		o.Dir = t.TempDir()
	}
	a, err := app.New(config(o))
	if err != nil {
		t.Fatal(err)
	}
	return Serve(t, a)
}

// Serve serves an app made by app.New (for a test that needs a Config of its
// own) and stops it when the test ends.
func Serve(t testing.TB, a *app.App) *Kit {
	k := serve(a)
	k.t = t
	t.Cleanup(func() { k.Stop() })
	return k
}

// Run starts a kit outside a test (the load generator's in-process mode).
// Stop it with Stop, which also removes a data folder Run made.
func Run(o Options) (*Kit, error) {
	temp := o.Dir == ""
	if temp {
		dir, err := os.MkdirTemp("", "roundtable-kit-")
		if err != nil {
			return nil, fmt.Errorf("kittest: unable to make a data folder: %w", err)
		}
		o.Dir = dir
	}
	a, err := app.New(config(o))
	if err != nil {
		if temp {
			os.RemoveAll(o.Dir)
		}
		return nil, err
	}
	k := serve(a)
	k.tempDir = temp
	return k, nil
}

// Attach is a Kit for a kit already running elsewhere (its own process) at
// base, driven with key. Stop does nothing to it.
func Attach(t testing.TB, base, key string) *Kit {
	return &Kit{Base: base, Host: strings.TrimPrefix(base, "http://"), Key: key, t: t}
}

func config(o Options) app.Config {
	if o.Key == "" {
		o.Key = HostKey
	}
	return app.Config{Addr: "127.0.0.1:0", DataDir: o.Dir, HostKey: o.Key, PublicURL: o.PublicURL, Version: "test", Log: o.Log,
		MaxParticipants: o.MaxParticipants, Limits: o.Limits, DecksDir: o.DecksDir, MinGroup: o.MinGroup, Retain: o.Retain, RetainEvery: o.RetainEvery}
}

func serve(a *app.App) *Kit {
	go a.Serve()
	tcp := a.Listener.Addr().(*net.TCPAddr)
	host := tcp.String()
	if tcp.IP.IsUnspecified() { // listening on every address: reach it on loopback
		host = net.JoinHostPort("127.0.0.1", strconv.Itoa(tcp.Port))
	}
	return &Kit{App: a, Base: "http://" + host, Host: host, Key: a.HostKey, Dir: filepath.Dir(a.DBPath)}
}

// Stop shuts the kit down as the binary does (phones told, answers in flight
// committed), within 10 s. Calling it again does nothing.
func (k *Kit) Stop() error {
	k.once.Do(func() {
		if k.App == nil {
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		k.stopErr = k.App.Shutdown(ctx)
		if k.tempDir {
			os.RemoveAll(k.Dir)
		}
	})
	return k.stopErr
}
