package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"runtime/pprof"
	"strconv"
	"time"

	"github.com/roundtable-kit/roundtable/app"
)

// startInProcess runs the kit inside the load generator, so a CPU and heap
// profile of the kit under load needs no flag in the kit itself. The
// phones' own work shows in the profile too: read it by package.
func startInProcess(cfg *config, stderr io.Writer) (func(), error) {
	dir, err := os.MkdirTemp("", "loadgen-inproc-")
	if err != nil {
		return nil, err
	}
	cfg.key = randomKey()
	a, err := app.New(app.Config{Addr: "127.0.0.1:0", DataDir: dir, HostKey: cfg.key, PublicURL: "http://127.0.0.1",
		Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		return nil, err
	}
	go a.Serve()
	cfg.url = "http://127.0.0.1:" + strconv.Itoa(a.Listener.Addr().(*net.TCPAddr).Port)
	cfg.pid = 0 // the phones share this process: its memory is not the kit's
	var prof *os.File
	if cfg.cpuProfile != "" {
		if prof, err = os.Create(cfg.cpuProfile); err != nil {
			return nil, err
		}
		pprof.StartCPUProfile(prof)
	}
	return func() {
		if prof != nil {
			pprof.StopCPUProfile()
			prof.Close()
			if h, err := os.Create(cfg.cpuProfile + ".heap"); err == nil {
				pprof.Lookup("heap").WriteTo(h, 0)
				h.Close()
			}
			fmt.Fprintf(stderr, "loadgen: wrote %s and %s.heap\n", cfg.cpuProfile, cfg.cpuProfile)
			prof = nil
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		a.Shutdown(ctx)
		os.RemoveAll(dir)
	}, nil
}
