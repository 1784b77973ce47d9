// Roundtable is a classroom workshop kit in one binary: slides and live
// questions on the projector, answers from phones on the room's Wi-Fi.
//
//	go run .                 start the kit with the built-in workshops
//	go run . check FILE…     lint decks
//	go run . import FILE     convert GIFT, Aiken, Kahoot, Quizizz or CSV to a deck
//	go run . help [COMMAND]  list the commands, or one command's usage
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	"github.com/roundtable-kit/roundtable/app"
	"github.com/roundtable-kit/roundtable/desktop"
	"github.com/roundtable-kit/roundtable/handlers"
	"github.com/roundtable-kit/roundtable/internal/quietgc"
	"github.com/roundtable-kit/roundtable/live"
	"github.com/roundtable-kit/roundtable/results"
	"github.com/roundtable-kit/roundtable/termqr"
)

// version and commit are set by release builds (cmd/release) with
// -ldflags "-X main.version=… -X main.commit=…"; a plain go build takes the
// commit from the build's VCS stamp.
var (
	version = "0.1.0-dev"
	commit  = ""
)

// revision is the commit this binary was built from, "-dirty" when the tree
// had changes, or "unknown".
func revision() string {
	if commit != "" {
		return commit
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	rev, dirty := "unknown", false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if dirty {
		rev += "-dirty"
	}
	return rev
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run dispatches on the first word. With no word, or a flag first, it starts
// the kit; any other word must be a command, so a typo such as "expor" is
// refused with the list instead of starting a server on :8080.
func run(args []string, stdout, stderr io.Writer) int {
	first := ""
	if len(args) > 0 {
		first = args[0]
	}
	switch {
	case first == "" || strings.HasPrefix(first, "-"):
		// SIGHUP: a macOS Terminal window closed. On Windows, closing the
		// console arrives as SIGTERM, and Windows waits about 5 s, so the
		// clean stop below is bounded well within that.
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
		defer stop()
		return serve(ctx, args, stdout, stderr)
	case first == "check":
		return runCheck(args[1:], stdout, stderr)
	case first == "import":
		return runImport(args[1:], stdout, stderr)
	case first == "backup":
		return runBackup(args[1:], stdout, stderr)
	case first == "healthcheck":
		return runHealthcheck(args[1:], stdout, stderr)
	case first == "purge":
		return runPurge(args[1:], stdout, stderr)
	case first == "export":
		return runExport(args[1:], stdout, stderr)
	case first == "help":
		return runHelp(args[1:], stdout, stderr)
	}
	fmt.Fprintf(stderr, "roundtable: %q is not a command.\n\n", first)
	usage(stderr)
	return 2
}

// usage lists the commands; every one of them also takes -h.
func usage(w io.Writer) {
	fmt.Fprint(w, `Usage:
  roundtable [flags]               start the kit (roundtable -h lists the flags)
  roundtable check FILE...         lint decks: file:line: message
  roundtable import FILE           convert GIFT, Aiken, CSV, Kahoot or Quizizz to a deck
  roundtable backup FILE           copy the database safely, even while the kit runs
  roundtable healthcheck           exit 0 when the kit at -url answers healthy
  roundtable export [-deck ID]     a deck report over its sessions, as CSV or JSON
  roundtable purge [-older DAYS]   delete every ended session (or those older), wiped from the file
  roundtable help [COMMAND]        this list, or one command's usage
`)
}

// runHelp is `roundtable help [COMMAND]`.
func runHelp(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stdout)
		return 0
	}
	switch args[0] {
	case "check", "import", "backup", "healthcheck", "export", "purge":
		return run([]string{args[0], "-h"}, stdout, stdout)
	}
	fmt.Fprintf(stderr, "roundtable: %q is not a command.\n\n", args[0])
	usage(stderr)
	return 2
}

func serve(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("roundtable", flag.ContinueOnError)
	fl.SetOutput(stderr)
	addr := fl.String("addr", "", "listen address, e.g. :8080 (default: the port used last time, else 8080; a free one if those are taken)")
	dataDir := fl.String("data", "", "data folder (default: the per-user data folder)")
	hostKey := fl.String("host-key", os.Getenv("ROUNDTABLE_HOST_KEY"), "the presenter's key (or ROUNDTABLE_HOST_KEY; default: generated once and stored)")
	publicURL := fl.String("public-url", "", "the address phones join at, e.g. http://192.168.1.20:8080 (default: this laptop's LAN address)")
	decksDir := fl.String("decks", "", "a folder of extra .md decks")
	noOpen := fl.Bool("no-open", false, "don't open the presenter page in a browser")
	bigQR := fl.Bool("big-qr", false, "print the join QR code in its large form")
	maxParts := fl.Int("max-participants", live.MaxParticipants, "the most participants one session takes; joins past it get session_full")
	joinBurst := fl.Int("join-burst", handlers.DefaultLimits.JoinBurst, "joins one source address may make at once (a class behind one NAT), then 20 a second")
	wifiSSID := fl.String("wifi-ssid", "", "a Wi-Fi network the lobby offers as a QR before the join QR (the laptop's hotspot); kept for the next start")
	wifiPass := fl.String("wifi-pass", "", "that network's WPA password (none: an open network); shown on the audience screen only inside the QR")
	minGroup := fl.Int("min-group", results.DefaultMinGroup, "k: reports and exports show no count built from fewer than k answers (never below 3)")
	retain := fl.String("retain", "", "delete ended sessions older than this, at start and daily, e.g. 90d (default: keep until deleted)")
	showVersion := fl.Bool("version", false, "print the version and exit")
	fl.Usage = func() {
		usage(stderr)
		fmt.Fprintf(stderr, "\nFlags:\n")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fl.NArg() > 0 {
		fmt.Fprintf(stderr, "roundtable: %q is not a flag; commands come first.\n\n", fl.Arg(0))
		usage(stderr)
		return 2
	}
	if *showVersion {
		fmt.Fprintf(stdout, "roundtable %s (%s)\n", version, revision())
		return 0
	}
	retainFor, err := app.ParseAge(*retain)
	if err != nil {
		fmt.Fprintln(stderr, "roundtable: -retain:", err)
		return 2
	}
	if *minGroup < results.MinGroupFloor {
		fmt.Fprintf(stderr, "roundtable: -min-group %d is below %d: reports would point at individuals\n", *minGroup, results.MinGroupFloor)
		return 2
	}
	if *dataDir == "" {
		d, err := desktop.DataDir()
		if err != nil {
			fmt.Fprintln(stderr, "roundtable: no data folder:", err, "(use -data DIR)")
			return 1
		}
		*dataDir = d
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	a, err := app.New(app.Config{Addr: *addr, DataDir: *dataDir, HostKey: *hostKey, PublicURL: *publicURL,
		DecksDir: *decksDir, Version: version, Log: log, MaxParticipants: *maxParts,
		Limits: handlers.Limits{JoinBurst: *joinBurst}, Wifi: handlers.Wifi{SSID: *wifiSSID, Password: *wifiPass},
		MinGroup: *minGroup, Retain: retainFor})
	if err != nil {
		fmt.Fprintln(stderr, "roundtable:", err)
		return 1
	}
	for _, w := range a.Warnings {
		fmt.Fprintln(stderr, "roundtable: skipped a deck:", w)
	}
	// Collections wait for a pause in the room when they can (quietgc).
	gcCtx, stopGC := context.WithCancel(ctx)
	defer stopGC()
	go quietgc.Run(gcCtx, quietgc.Default)
	served := make(chan error, 1)
	go func() { served <- a.Serve() }()
	banner(stdout, a, *dataDir, *bigQR)
	if !*noOpen && desktop.CanOpenBrowser() {
		if err := desktop.OpenBrowser(a.PresenterURL()); err != nil {
			fmt.Fprintln(stderr, "roundtable: could not open a browser:", err)
		}
	}
	select {
	case <-ctx.Done():
	case err := <-served:
		if err != nil {
			fmt.Fprintln(stderr, "roundtable:", err)
			return 1
		}
	}
	fmt.Fprintln(stdout, "\nStopping: telling phones, saving answers…")
	sctx, cancel := context.WithTimeout(context.Background(), stopWithin)
	defer cancel()
	if err := a.Shutdown(sctx); err != nil {
		fmt.Fprintln(stderr, "roundtable: shutdown:", err)
		return 1
	}
	fmt.Fprintln(stdout, "Stopped. Every answer is saved.")
	return 0
}

// stopWithin bounds the clean stop: phones told, acknowledged answers
// committed, the database closed.
const stopWithin = 4 * time.Second

func banner(w io.Writer, a *app.App, dataDir string, big bool) {
	base := a.Network.Base()
	fmt.Fprintf(w, "\nRoundtable %s is running.\n\n", version)
	if a.PortFallback {
		fmt.Fprintf(w, "  The port was taken, so the kit uses %s instead: phones need this session's new QR code.\n", a.BaseURL())
	}
	fmt.Fprintf(w, "  Presenter (this laptop):  %s\n", a.PresenterURL())
	fmt.Fprintf(w, "  Phones join at:           %s   (then type the room code)\n", base)
	if a.Network.Unreachable() {
		fmt.Fprintf(w, "\n  Warning: the kit listens on %s only, so phones sent to %s will be refused.\n  Start it with -addr :PORT (every address), or give the address phones reach with -public-url.\n", a.Listener.Addr(), base)
	}
	if a.Network.LoopbackOnly() {
		fmt.Fprintf(w, "\n  No network found: only this laptop can join. Connect to the room's Wi-Fi and restart,\n  or give the address with -public-url.\n")
	}
	fmt.Fprintf(w, "  Data is kept in:          %s\n\n", dataDir)
	fmt.Fprintf(w, "Scan to join (each session also shows its own code and QR on the projector):\n\n")
	if err := termqr.Write(w, base+"/", big); err != nil {
		fmt.Fprintln(w, "  (could not draw the QR code:", err, ")")
	}
	fmt.Fprintf(w, "\nTo stop: close this window, or press Ctrl-C. Every answer is saved first.\n")
}
