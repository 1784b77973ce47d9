package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/roundtable-kit/roundtable/embed"
	"github.com/roundtable-kit/roundtable/quizzes"
	"github.com/roundtable-kit/roundtable/store"
)

// moduleRoot is where go.mod is, so -spawn works from any folder in it.
func moduleRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	gomod := strings.TrimSpace(string(out))
	if err != nil || gomod == "" || gomod == os.DevNull {
		return "", fmt.Errorf("run the load generator inside the roundtable module (go env GOMOD: %v)", err)
	}
	return filepath.Dir(gomod), nil
}

// build compiles pkg into dir and returns the binary's path.
func build(dir, pkg, name string, tags ...string) (string, error) {
	root, err := moduleRoot()
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, name)
	args := []string{"build", "-o", bin}
	if len(tags) > 0 {
		args = append(args, "-tags", strings.Join(tags, ","))
	}
	cmd := exec.Command("go", append(args, pkg)...)
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build %s: %v\n%s", pkg, err, out)
	}
	return bin, nil
}

func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

func randomKey() string {
	b := make([]byte, 24)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// proc is a server the load generator started.
type proc struct {
	cmd  *exec.Cmd
	once sync.Once
}

func (p *proc) stop() {
	p.once.Do(func() {
		p.cmd.Process.Signal(syscall.SIGINT)
		done := make(chan struct{})
		go func() { p.cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			p.cmd.Process.Kill()
			<-done
		}
	})
}

// start runs bin and waits for its /healthz; it returns how long that took
// from the process start.
func start(bin string, args []string, base string, logTo io.Writer, env ...string) (*proc, time.Duration, error) {
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = logTo, logTo
	if len(env) > 0 {
		cmd.Env = append(os.Environ(), env...)
	}
	t0 := time.Now()
	if err := cmd.Start(); err != nil {
		return nil, 0, err
	}
	p := &proc{cmd: cmd}
	hc := &http.Client{Timeout: time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	for time.Since(t0) < 30*time.Second {
		resp, err := hc.Get(base + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return p, time.Since(t0), nil
			}
		}
		time.Sleep(2 * time.Millisecond)
	}
	p.stop()
	return nil, 0, fmt.Errorf("%s did not answer /healthz within 30 s", bin)
}

// spawnKit builds the kit, starts it with a fresh data folder and points
// cfg at it.
func spawnKit(ctx context.Context, cfg *config, sum *Summary, stderr io.Writer) (func(), error) {
	dir, err := os.MkdirTemp("", "loadgen-kit-")
	if err != nil {
		return nil, err
	}
	ok := false
	defer func() {
		if !ok {
			os.RemoveAll(dir)
		}
	}()
	var tags, env []string
	if cfg.profile != "" {
		if err := os.MkdirAll(cfg.profile, 0o755); err != nil {
			return nil, err
		}
		pport, err := freePort()
		if err != nil {
			return nil, err
		}
		cfg.pprof = "127.0.0.1:" + strconv.Itoa(pport)
		tags, env = []string{"pprof"}, []string{"ROUNDTABLE_PPROF=" + cfg.pprof}
	}
	bin, err := build(dir, ".", "roundtable", tags...)
	if err != nil {
		return nil, err
	}
	if cfg.coldStart > 0 {
		cs, err := coldStart(bin, dir, cfg.coldStart)
		if err != nil {
			return nil, err
		}
		sum.ColdStart = cs
	}
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	cfg.url = "http://127.0.0.1:" + strconv.Itoa(port)
	cfg.key = randomKey()
	logf, _ := os.Create(filepath.Join(dir, "kit.log"))
	// Every phone of the run may come from one loopback address: the kit is
	// told so (-join-burst), as a site with a large NAT would set it.
	cfg.dataDir = filepath.Join(dir, "data")
	p, _, err := start(bin, []string{"-addr", "127.0.0.1:" + strconv.Itoa(port), "-data", cfg.dataDir,
		"-host-key", cfg.key, "-no-open", "-public-url", cfg.url, "-join-burst", strconv.Itoa(joinBurst(cfg))}, cfg.url, logf, env...)
	if err != nil {
		return nil, err
	}
	cfg.pid = p.cmd.Process.Pid
	fmt.Fprintf(stderr, "loadgen: kit pid %d at %s (log %s)\n", cfg.pid, cfg.url, logf.Name())
	ok = true
	return func() { p.stop(); logf.Close(); os.RemoveAll(dir) }, nil
}

// spawnRef builds and starts cmd/refserver and points cfg at it.
func spawnRef(ctx context.Context, cfg *config, stderr io.Writer) (func(), error) {
	dir, err := os.MkdirTemp("", "loadgen-ref-")
	if err != nil {
		return nil, err
	}
	ok := false
	defer func() {
		if !ok {
			os.RemoveAll(dir)
		}
	}()
	bin, err := build(dir, "./cmd/refserver", "refserver")
	if err != nil {
		return nil, err
	}
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	cfg.url = "http://127.0.0.1:" + strconv.Itoa(port)
	logf, _ := os.Create(filepath.Join(dir, "ref.log"))
	p, _, err := start(bin, []string{"-addr", "127.0.0.1:" + strconv.Itoa(port), "-data", dir}, cfg.url, logf)
	if err != nil {
		return nil, err
	}
	cfg.pid = p.cmd.Process.Pid
	fmt.Fprintf(stderr, "loadgen: reference pid %d at %s\n", cfg.pid, cfg.url)
	ok = true
	return func() { p.stop(); logf.Close(); os.RemoveAll(dir) }, nil
}

// ColdStart is process start → first 200 from /healthz over a database of
// past sessions.
type ColdStart struct {
	Sessions int     `json:"sessions"`
	Answers  int     `json:"answers"`
	Runs     int     `json:"runs"`
	MedianMs float64 `json:"median_ms"`
	MaxMs    float64 `json:"max_ms"`
}

// coldStart fills a database with n ended sessions (40 participants each,
// answering every question), then starts the kit on it nine times.
func coldStart(bin, dir string, n int) (*ColdStart, error) {
	data := filepath.Join(dir, "cold")
	st, err := store.Open(filepath.Join(data, "roundtable.db"))
	if err != nil {
		return nil, err
	}
	src, err := fs.ReadFile(embed.Decks, "try.en.md")
	if err != nil {
		return nil, err
	}
	deck, _ := quizzes.Parse("try.en", src)
	ctx := context.Background()
	cs := &ColdStart{Sessions: n}
	var wg sync.WaitGroup
	var mu sync.Mutex
	var werr error
	for i := 0; i < n; i++ {
		created := time.Now().Add(-time.Duration(n-i) * time.Hour)
		id := fmt.Sprintf("cold%028d", i)
		if err := st.CreateSession(ctx, store.Session{ID: id, Code: fmt.Sprintf("C%05d", i), DeckID: deck.ID, DeckTitle: deck.Title,
			DeckSource: string(src), Slide: len(deck.Slides) - 1, Phase: "revealed", CreatedAt: created}); err != nil {
			return nil, err
		}
		for j := 0; j < 40; j++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				pid := fmt.Sprintf("p%03d%04d", i, j)
				tok := make([]byte, 32)
				rand.Read(tok)
				err := st.AddParticipant(ctx, store.Participant{ID: pid, SessionID: id, TokenHash: tok, Nick: "Calm Otter", Lang: "en", CreatedAt: created})
				for k, sl := range deck.Slides {
					if err != nil || sl.Question == nil {
						continue
					}
					choice, _ := sl.Question.Validate([]int{0})
					err = st.SaveAnswer(ctx, store.Answer{SessionID: id, ParticipantID: pid, Slide: k, QuestionID: sl.Question.ID, Choice: choice, AnsweredAt: created})
					mu.Lock()
					cs.Answers++
					mu.Unlock()
				}
				if err != nil {
					mu.Lock()
					werr = err
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		if err := st.EndSession(ctx, id, created.Add(20*time.Minute)); err != nil {
			return nil, err
		}
	}
	st.Close()
	if werr != nil {
		return nil, werr
	}
	var times []float64
	for run := 0; run < 9; run++ {
		port, err := freePort()
		if err != nil {
			return nil, err
		}
		base := "http://127.0.0.1:" + strconv.Itoa(port)
		p, d, err := start(bin, []string{"-addr", "127.0.0.1:" + strconv.Itoa(port), "-data", data, "-host-key", randomKey(),
			"-no-open", "-public-url", base}, base, io.Discard)
		if err != nil {
			return nil, err
		}
		p.stop()
		times = append(times, ms(d))
	}
	slices.Sort(times)
	cs.Runs, cs.MedianMs, cs.MaxMs = len(times), times[len(times)/2], times[len(times)-1]
	return cs, nil
}

// joinBurst is the per-source join burst a load run needs: every phone of
// every session may join from one address, some of them twice.
func joinBurst(cfg *config) int { return 2*cfg.phones*cfg.sessions + 100 }
