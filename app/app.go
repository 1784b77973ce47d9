// Package app assembles the kit: the store, the decks, the live sessions and
// the HTTP server, with a clean start (restoring running sessions) and a
// clean stop (phones told, acknowledged answers committed).
package app

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/roundtable-kit/roundtable/embed"
	"github.com/roundtable-kit/roundtable/handlers"
	"github.com/roundtable-kit/roundtable/library"
	"github.com/roundtable-kit/roundtable/live"
	"github.com/roundtable-kit/roundtable/netaddr"
	"github.com/roundtable-kit/roundtable/quizzes"
	"github.com/roundtable-kit/roundtable/store"
)

// Config is how the kit is started.
type Config struct {
	Addr      string // listen address; if taken, a free port is used instead
	DataDir   string
	HostKey   string // empty: read from DataDir/host.key, or generated there
	PublicURL string // overrides the join address phones are given
	DecksDir  string // optional folder of extra decks
	Version   string
	Log       *slog.Logger
	// MaxParticipants caps each session (0: live.MaxParticipants).
	MaxParticipants int
	// Limits are the per-source join limits (zero fields: the defaults).
	Limits handlers.Limits
	// Wifi, when it names a network, replaces the kept Wi-Fi setting (the
	// lobby's Wi-Fi QR); empty keeps what the presenter page set last.
	Wifi handlers.Wifi
	// MinGroup is k, the smallest group reports show a number for (0: 5;
	// never below 3).
	MinGroup int
	// Retain deletes ended sessions older than this, at start and daily
	// (0: kept until deleted).
	Retain time.Duration
	// RetainEvery is how often -retain looks again while the kit runs
	// (0: once a day).
	RetainEvery time.Duration
}

// App is a running kit.
type App struct {
	Store    *store.Store
	Live     *live.Manager
	Network  *netaddr.Network
	Fiber    *fiber.App
	Listener net.Listener
	HostKey  string
	DBPath   string
	// PortFallback is set when Addr was taken and another port was used.
	PortFallback bool
	Warnings     []string
	log          *slog.Logger
	stopRetain   chan struct{}
}

// New opens the data, restores running sessions and listens; Serve starts
// answering.
func New(cfg Config) (*App, error) {
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	a := &App{log: cfg.Log, DBPath: filepath.Join(cfg.DataDir, DBFile)}
	key, err := hostKey(cfg.DataDir, cfg.HostKey)
	if err != nil {
		return nil, err
	}
	a.HostKey = key
	var folder fs.FS
	if cfg.DecksDir != "" {
		// An os.Root, so that no symbolic link leads a deck's image out of
		// the folder; read once, below.
		if root, err := os.OpenRoot(cfg.DecksDir); err == nil {
			defer root.Close()
			folder = root.FS()
		} else {
			folder = os.DirFS(cfg.DecksDir) // the library reports why it cannot be read
		}
	}
	if err := privateDB(cfg.DataDir, a.DBPath); err != nil {
		return nil, err
	}
	if a.Store, err = store.Open(a.DBPath); err != nil {
		return nil, err
	}
	lib, warnings, err := library.New(context.Background(), embed.Decks, folder, a.Store)
	if err != nil {
		a.Store.Close()
		return nil, err
	}
	a.Warnings = warnings
	a.Live = live.NewManager(a.Store, func() string { return a.Network.Base() })
	parse := deckParser(lib)
	a.Live.SetParse(parse)
	a.Live.SetTwins(func(d *quizzes.Deck) *quizzes.Deck {
		e, err := lib.Get(context.Background(), d.Translation)
		if err != nil {
			return nil
		}
		return e.Deck
	})
	a.Live.SetMaxParticipants(cfg.MaxParticipants)
	a.Store.SetOnHealth(func(ok bool, err error) {
		if ok {
			a.log.Info("the database can be written again")
		} else {
			a.log.Error("THE DATABASE CANNOT BE WRITTEN: answers are refused until it can", "err", err)
		}
		a.Live.StorageChanged(ok)
	})
	if err := keepWifi(a.Store, cfg.Wifi); err != nil {
		a.Store.Close()
		return nil, err
	}
	if a.Listener, a.PortFallback, err = listen(cfg.Addr, a.lastPort()); err != nil {
		a.Store.Close()
		return nil, err
	}
	port := a.Listener.Addr().(*net.TCPAddr).Port
	a.keepPort(port)
	a.Network = netaddr.Discover(cfg.PublicURL, port)
	a.Network.Listening(a.Listener.Addr().(*net.TCPAddr).IP)
	if a.Fiber, err = handlers.New(handlers.Deps{Version: cfg.Version, HostKey: key, Store: a.Store, Live: a.Live,
		Decks: lib, Network: a.Network, Web: embed.Web, Log: cfg.Log, Parse: parse, Limits: cfg.Limits, MinGroup: cfg.MinGroup}); err != nil {
		a.close()
		return nil, err
	}
	if err := a.Live.RestoreAll(context.Background(), a.log); err != nil {
		a.close()
		return nil, err
	}
	if cfg.Retain > 0 {
		a.stopRetain = make(chan struct{})
		if _, err := a.Purge(context.Background(), cfg.Retain); err != nil {
			a.log.Error("sessions past -retain could not be deleted", "err", err)
		}
		every := cfg.RetainEvery
		if every <= 0 {
			every = purgeEvery
		}
		go a.retain(cfg.Retain, every, a.stopRetain)
	}
	return a, nil
}

// privateDB makes the database file readable by this user only, before
// SQLite opens it: SQLite creates the -wal and -shm files with the mode of
// the database file, so they follow. (SQLite alone would use 0644.)
func privateDB(dir, path string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("app: unable to create the data folder: %w", err)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("app: unable to open the database: %w", err)
	}
	f.Close()
	if err := os.Chmod(path, 0o600); err != nil {
		return fmt.Errorf("app: unable to make the database private: %w", err)
	}
	return nil
}

// deckParser reads a stored session's deck source back as the library
// shows the deck: its images point at the files the kit has for it (those
// beside a folder deck, those stored with a user deck), as when the session
// started, so a session brought back after a restart still shows them.
func deckParser(lib *library.Library) func(id, src string) (*quizzes.Deck, error) {
	return func(id, src string) (*quizzes.Deck, error) {
		d, problems := quizzes.Parse(id, []byte(src))
		if d == nil || quizzes.HasErrors(problems) {
			return nil, fmt.Errorf("app: the deck %s no longer reads", id)
		}
		lib.DeckImages(id, d)
		return d, nil
	}
}

// Serve answers requests until Shutdown.
func (a *App) Serve() error { return a.Fiber.Listener(lingerListener{a.Listener}) }

// Shutdown tells phones the kit is stopping, lets answers in flight commit,
// stops the server and closes the database.
func (a *App) Shutdown(ctx context.Context) error {
	if a.stopRetain != nil {
		close(a.stopRetain)
	}
	a.Live.Shutdown(ctx)
	err := a.Fiber.ShutdownWithContext(ctx)
	a.Listener.Close() // Fiber closes it only if Serve ran; the port must be free either way
	return errors.Join(err, a.Store.Close())
}

func (a *App) close() {
	if a.Listener != nil {
		a.Listener.Close()
	}
	a.Store.Close()
}

// BaseURL is the address of this kit on this machine, for the presenter.
func (a *App) BaseURL() string {
	return "http://localhost:" + strconv.Itoa(a.Listener.Addr().(*net.TCPAddr).Port)
}

// PresenterURL logs the presenter in.
func (a *App) PresenterURL() string { return a.BaseURL() + "/host?key=" + a.HostKey }

// DefaultPort is tried when no address is given and no port was used before.
const DefaultPort = 8080

// listen opens the kit's port so that a QR code printed for one workshop
// keeps working at the next start: an address given (-addr) is tried
// first; without one, the port used last time, then DefaultPort, on every
// interface. If all of them are taken, any free port is used and fallback is
// set, so the banner can say so.
func listen(addr string, last int) (ln net.Listener, fallback bool, err error) {
	var tries []string
	host := ""
	if addr != "" {
		tries = []string{addr}
		host, _, _ = net.SplitHostPort(addr)
	} else {
		if last > 0 && last != DefaultPort {
			tries = append(tries, net.JoinHostPort("", strconv.Itoa(last)))
		}
		tries = append(tries, net.JoinHostPort("", strconv.Itoa(DefaultPort)))
	}
	var first error
	for _, a := range tries {
		ln, err := net.Listen("tcp", a)
		if err == nil {
			return ln, false, nil
		}
		if !errors.Is(err, syscall.EADDRINUSE) {
			return nil, false, fmt.Errorf("app: unable to listen on %s: %w", a, err)
		}
		if first == nil {
			first = err
		}
	}
	ln, err = net.Listen("tcp", net.JoinHostPort(host, "0"))
	if err != nil {
		return nil, false, fmt.Errorf("app: unable to listen on %s: %w", tries[0], first)
	}
	return ln, true, nil
}

// lastPort is the port the kit listened on last time, or 0.
func (a *App) lastPort() int {
	v, err := a.Store.Setting(context.Background(), "port")
	if err != nil {
		a.log.Warn("could not read the last port; trying the default", "err", err)
		return 0
	}
	p, _ := strconv.Atoi(v)
	return p
}

// keepPort remembers the port for the next start. A failure costs only a
// stable address, so it is logged, not fatal.
func (a *App) keepPort(port int) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := a.Store.SetSetting(ctx, "port", strconv.Itoa(port)); err != nil {
		a.log.Warn("could not keep the port for next time", "err", err)
	}
}

// DBFile is the database's name in the data folder (backups restore to it).
const DBFile = "roundtable.db"

// MinKeyLen is the shortest host key accepted (16 characters of a random
// key are over 90 bits; generated keys have 192).
const MinKeyLen = 16

// hostKey returns the given key, or the stored one, or a new random one
// that it stores (mode 0600) for next time.
func hostKey(dir, given string) (string, error) {
	if given != "" {
		if len(given) < MinKeyLen {
			return "", fmt.Errorf("app: the host key must be at least %d characters", MinKeyLen)
		}
		return given, nil
	}
	path := filepath.Join(dir, "host.key")
	if b, err := os.ReadFile(path); err == nil && len(strings.TrimSpace(string(b))) >= MinKeyLen {
		return strings.TrimSpace(string(b)), nil
	}
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	key := base64.RawURLEncoding.EncodeToString(b)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("app: unable to create the data folder: %w", err)
	}
	if err := os.WriteFile(path, []byte(key+"\n"), 0o600); err != nil {
		return "", fmt.Errorf("app: unable to store the host key: %w", err)
	}
	return key, nil
}

// keepWifi writes the -wifi-ssid and -wifi-pass flags to the setting the
// lobby reads, so they hold until the presenter page changes them.
func keepWifi(st *store.Store, w handlers.Wifi) error {
	if w.SSID == "" && w.Password == "" {
		return nil
	}
	if err := w.Valid(); err != nil {
		return fmt.Errorf("app: -wifi-ssid and -wifi-pass: %w", err)
	}
	raw, err := json.Marshal(w)
	if err != nil {
		return err
	}
	return st.SetSetting(context.Background(), handlers.WifiSetting, string(raw))
}
