package app_test

import (
	"bufio"
	"net"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// buildKit builds the roundtable binary into dir and returns its path.
func buildKit(t *testing.T, dir string) string {
	t.Helper()
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build the kit with")
	}
	bin := filepath.Join(dir, "roundtable")
	cmd := exec.Command(goBin, "build", "-o", bin, ".")
	cmd.Dir = ".."
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// freeAddr returns a loopback address with a port nobody listens on now.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// proc is the kit running as its own process.
type proc struct {
	cmd    *exec.Cmd
	base   string
	stdout *syncBuf
	stderr *syncBuf
	exited chan struct{}
	err    error
}

var presenterLine = regexp.MustCompile(`Presenter[^:]*:\s+(http://\S+?)/host\?key=`)

// runKit starts the binary on addr with its data in dir and waits until it
// prints its presenter URL.
func runKit(t *testing.T, bin, dir, addr string) *proc {
	t.Helper()
	p := &proc{stdout: &syncBuf{}, stderr: &syncBuf{}, exited: make(chan struct{})}
	p.cmd = exec.Command(bin, "-addr", addr, "-data", dir, "-host-key", testKey, "-no-open")
	p.cmd.Stderr = p.stderr
	out, err := p.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			line := sc.Text()
			p.stdout.Write([]byte(line + "\n"))
			if m := presenterLine.FindStringSubmatch(line); m != nil {
				select {
				case found <- m[1]:
				default:
				}
			}
		}
		p.err = p.cmd.Wait()
		close(p.exited)
	}()
	t.Cleanup(func() {
		p.cmd.Process.Kill()
		<-p.exited
	})
	select {
	case u := <-found:
		p.base = strings.Replace(u, "localhost", "127.0.0.1", 1)
	case <-p.exited:
		t.Fatalf("the kit exited before it printed its URL: %v\n%s\n%s", p.err, p.stdout, p.stderr)
	case <-time.After(20 * time.Second):
		t.Fatalf("no presenter URL within 20 s:\n%s\n%s", p.stdout, p.stderr)
	}
	return p
}

func (p *proc) signal(sig syscall.Signal) { p.cmd.Process.Signal(sig) }

// wait waits for the process to exit and returns its exit code.
func (p *proc) wait(t *testing.T, within time.Duration) int {
	t.Helper()
	select {
	case <-p.exited:
	case <-time.After(within):
		t.Fatalf("the kit did not exit within %v:\n%s\n%s", within, p.stdout, p.stderr)
	}
	if p.cmd.ProcessState == nil {
		return -1
	}
	return p.cmd.ProcessState.ExitCode()
}

// rerun is the built kit run as its own process on a data folder and an
// address that outlive it, so that a test can stop it (kill -9, SIGTERM)
// and start it again on the same data.
type rerun struct {
	t              *testing.T
	bin, dir, addr string
	p              *proc // the process running now
}

// startRerun starts the kit built at bin (buildKit) on a data folder and an
// address of its own.
func startRerun(t *testing.T, bin string) (*rerun, *kit) {
	t.Helper()
	r := &rerun{t: t, bin: bin, dir: t.TempDir(), addr: freeAddr(t)}
	return r, r.start()
}

// start runs the kit again on the same data folder and address.
func (r *rerun) start() *kit {
	r.t.Helper()
	r.p = runKit(r.t, r.bin, r.dir, r.addr)
	return attachKit(r.t, r.p.base)
}

// restart kills the running process (SIGKILL, if it still runs), waits for
// it, and starts the kit again on the same data.
func (r *rerun) restart() *kit {
	r.t.Helper()
	r.p.cmd.Process.Kill()
	r.p.wait(r.t, 10*time.Second)
	return r.start()
}
