package main

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime/pprof"

	"github.com/roundtable-kit/roundtable/handlers"
	"github.com/roundtable-kit/roundtable/internal/kittest"
)

// startInProcess runs the kit inside the load generator, so a CPU and heap
// profile of the kit under load needs no flag in the kit itself. The
// phones' own work shows in the profile too: read it by package.
func startInProcess(cfg *config, stderr io.Writer) (func(), error) {
	limits := handlers.DefaultLimits
	limits.JoinBurst = joinBurst(cfg)
	k, err := kittest.Run(kittest.Options{Key: randomKey(), PublicURL: "http://127.0.0.1", Limits: limits,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		return nil, err
	}
	cfg.url, cfg.key = k.Base, k.Key
	cfg.pid = 0 // the phones share this process: its memory is not the kit's
	var prof *os.File
	if cfg.cpuProfile != "" {
		if prof, err = os.Create(cfg.cpuProfile); err != nil {
			k.Stop()
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
		k.Stop() // within 10 s; removes the data folder
	}, nil
}
