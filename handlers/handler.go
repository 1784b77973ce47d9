// Package handlers is the kit's HTTP and WebSocket surface: one route table
// (routes.go), one file per page or action, errors rendered in one place.
package handlers

import (
	"context"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/roundtable-kit/roundtable/library"
	"github.com/roundtable-kit/roundtable/live"
	"github.com/roundtable-kit/roundtable/netaddr"
	"github.com/roundtable-kit/roundtable/quizzes"
	"github.com/roundtable-kit/roundtable/store"
)

// Store is what the handlers read and delete directly; the live sessions
// do the writing.
type Store interface {
	Session(ctx context.Context, id string) (store.Session, error)
	Sessions(ctx context.Context, open bool) ([]store.Session, error)
	Answers(ctx context.Context, sessionID string) ([]store.Answer, error)
	QAQuestions(ctx context.Context, sessionID string) ([]store.QAQuestion, error)
	DeleteSession(ctx context.Context, id string) error
	Scrub(ctx context.Context, vacuum bool) error
	DeleteSessions(ctx context.Context, before time.Time) ([]string, error)
	Roles(ctx context.Context, sessionID string) (map[string]int, error)
	SetPractice(ctx context.Context, id string, practice bool) error
	Healthy() bool
	Setting(ctx context.Context, key string) (string, error)
	SetSetting(ctx context.Context, key, value string) error
	Contacts(ctx context.Context) ([]store.Contact, bool, error)
	SetContacts(ctx context.Context, list []store.Contact) error
	ResetContacts(ctx context.Context) error
}

// Library is where decks come from.
type Library interface {
	List(ctx context.Context) ([]library.Entry, error)
	Get(ctx context.Context, id string) (library.Entry, error)
	Save(ctx context.Context, id, source string) (library.Entry, []quizzes.Problem, error)
	Delete(ctx context.Context, id string) error
	Copy(ctx context.Context, id string) (library.Entry, []quizzes.Problem, error)
}

// Deps is everything the handlers need.
type Deps struct {
	Version string
	HostKey string
	Store   Store
	Live    *live.Manager
	Decks   Library
	Network *netaddr.Network
	Web     fs.FS // embed/web
	Log     *slog.Logger
	// Parse turns a stored session's deck source back into a deck.
	Parse func(id, src string) (*quizzes.Deck, error)
	// Limits are the per-source join limits; zero fields take the defaults.
	Limits Limits
	// MinGroup is k, the smallest group the host's results show a number
	// for (results.MinGroup: 0 is 5, never below 3).
	MinGroup int
}

type handler struct {
	Deps
	catalog  map[string]map[string]string
	assets   map[string]*asset // /static/*, by path under /static
	pages    map[string]*asset
	handouts map[string]*asset // /handouts/NAME.LANG and the lists, by path
	notFound *template.Template
	joins    *sourceLimits      // join messages, per source
	misses   *sourceLimits      // unknown room codes, per source
	needKey  *template.Template // the page asking for the presenter link
	remotes  remotes            // phone remotes' keys, by session
	// contacts is the facilitator's local contacts as the phones' help data
	// carries them (help_get.go), read once and kept (contacts.go).
	contacts struct {
		sync.Mutex
		list []store.Contact
		read bool
	}
}

func newHandler(d Deps) (*handler, error) {
	if d.Log == nil {
		d.Log = slog.Default()
	}
	h := &handler{Deps: d, pages: map[string]*asset{}}
	lim := d.Limits.orDefault()
	h.joins = newSourceLimits(lim.JoinsPerSecond, lim.JoinBurst)
	h.misses = newSourceLimits(lim.MissesPerSecond, lim.MissBurst)
	raw, err := fs.ReadFile(d.Web, "i18n.json")
	if err != nil {
		return nil, fmt.Errorf("handlers: unable to read the string catalog: %w", err)
	}
	if err := json.Unmarshal(raw, &h.catalog); err != nil {
		return nil, fmt.Errorf("handlers: the string catalog is not valid JSON: %w", err)
	}
	if h.assets, err = loadAssets(d.Web); err != nil {
		return nil, fmt.Errorf("handlers: unable to read the web assets: %w", err)
	}
	if err := addStringModules(h.assets, h.catalog); err != nil {
		return nil, err
	}
	if err := h.loadPages(d.Web); err != nil {
		return nil, err
	}
	return h, nil
}

// t returns a catalog string in lang, falling back to English.
func (h *handler) t(lang, key string) string {
	if s, ok := h.catalog[lang][key]; ok {
		return s
	}
	return h.catalog["en"][key]
}

// requestBound is how long a request, or a socket's message, may work.
const requestBound = 15 * time.Second

// requestContext bounds the work a request, or a socket's message, may do;
// fasthttp reuses its own context, so handlers start from a fresh one.
//
// The requests of one second share a context: its deadline is requestBound
// to requestBound + 1 s away, and cancel does nothing (the deadline ends
// it). A context.WithTimeout of its own for each message was a runtime
// timer made and stopped for every one of 10,000 answers in a storm: 1.6 %
// of the kit's CPU there (perf, issue 13).
func requestContext() (context.Context, context.CancelFunc) {
	now := time.Now()
	if b := sharedBound.Load(); b != nil && now.Sub(b.made) < time.Second {
		return b.ctx, noCancel
	}
	ctx, cancel := context.WithDeadline(context.Background(), now.Add(requestBound+time.Second))
	sharedBound.Store(&boundContext{ctx: ctx, cancel: cancel, made: now})
	return ctx, noCancel
}

// boundContext is the context requestContext shares; cancel is kept for
// its owner's sake but never called, since requests still use the context
// after the next one replaces it.
type boundContext struct {
	ctx    context.Context
	cancel context.CancelFunc
	made   time.Time
}

var sharedBound atomic.Pointer[boundContext]

func noCancel() {}
