package app_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/roundtable-kit/roundtable/app"
	"github.com/roundtable-kit/roundtable/internal/kittest"
	"github.com/roundtable-kit/roundtable/phoneclient"
)

// TestPhoneInAnotherNetworkNamespace puts a phone on its own private subnet
// (a network namespace joined to this one by a veth pair) and has it join
// through the URL the session's QR code encodes: the kit must pick the LAN
// address, listen on it, and be reachable from another host.
func TestPhoneInAnotherNetworkNamespace(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root for ip netns; skipped")
	}
	if _, err := exec.LookPath("ip"); err != nil {
		t.Skip("needs iproute2 (ip); skipped")
	}
	ns := fmt.Sprintf("rtphone%d", os.Getpid()%100000)
	host, peer := fmt.Sprintf("rtlan%d", os.Getpid()%10000), fmt.Sprintf("rtph%d", os.Getpid()%10000)
	subnet := fmt.Sprintf("10.213.%d", os.Getpid()%250+1)
	ip := func(args ...string) error {
		out, err := exec.Command("ip", args...).CombinedOutput()
		if err != nil {
			return fmt.Errorf("ip %s: %v: %s", strings.Join(args, " "), err, out)
		}
		return nil
	}
	if err := ip("netns", "add", ns); err != nil {
		t.Skipf("this machine cannot make network namespaces; skipped: %v", err)
	}
	t.Cleanup(func() {
		ip("link", "del", host)
		ip("netns", "del", ns)
	})
	for _, args := range [][]string{
		{"link", "add", host, "type", "veth", "peer", "name", peer},
		{"link", "set", peer, "netns", ns},
		{"addr", "add", subnet + ".1/24", "dev", host},
		{"link", "set", host, "up"},
		{"netns", "exec", ns, "ip", "addr", "add", subnet + ".2/24", "dev", peer},
		{"netns", "exec", ns, "ip", "link", "set", peer, "up"},
		{"netns", "exec", ns, "ip", "link", "set", "lo", "up"},
	} {
		if err := ip(args...); err != nil {
			t.Skipf("could not set up the phone's network; skipped: %v", err)
		}
	}

	a, err := app.New(app.Config{Addr: ":0", DataDir: t.TempDir(), HostKey: testKey, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	k := serveKit(t, a) // on every address; the test reaches it on loopback
	s := k.start("try.en")

	// What the QR code says is what the phone opens.
	joinURL, err := kittest.DecodeQR(k.Get("/api/sessions/" + s.ID + "/qr.png"))
	if err != nil {
		t.Fatal(err)
	}
	if joinURL != s.JoinURL {
		t.Errorf("QR says %q, session says %q", joinURL, s.JoinURL)
	}
	u, _ := url.Parse(joinURL)
	if u.Hostname() != subnet+".1" {
		t.Fatalf("the QR encodes %s; want the private LAN address %s.1 (private ranges come first)", joinURL, subnet)
	}
	q := k.questionSlides("try.en")["single"]
	k.call("POST", "/api/sessions/"+s.ID+"/goto", map[string]int{"slide": q}, nil)

	cmd := exec.Command("ip", "netns", "exec", ns, os.Args[0], "-test.run=^TestNetnsPhone$", "-test.v")
	cmd.Env = append(os.Environ(), "RT_NETNS_JOIN="+joinURL, fmt.Sprintf("RT_NETNS_SLIDE=%d", q))
	out, err := cmd.CombinedOutput()
	if err != nil || !bytes.Contains(out, []byte("phone answered and was acked")) {
		t.Fatalf("the phone in the namespace failed: %v\n%s", err, out)
	}
	eventually(t, "the phone's answer counted", func() bool { return k.session(s.ID).Answered == 1 })
}

// TestNetnsPhone is the phone's side, run inside the namespace by the test
// above; on its own it does nothing.
func TestNetnsPhone(t *testing.T) {
	join := os.Getenv("RT_NETNS_JOIN")
	if join == "" {
		t.Skip("run by TestPhoneInAnotherNetworkNamespace")
	}
	var slide int
	fmt.Sscan(os.Getenv("RT_NETNS_SLIDE"), &slide)
	resp, err := http.Get(join)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: %d", join, resp.StatusCode)
	}
	u, _ := url.Parse(join)
	code := u.Path[strings.LastIndex(u.Path, "/")+1:]
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	p, err := phoneclient.Dial(ctx, u.Scheme+"://"+u.Host, code, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if err := p.Join("", "en"); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Answer(slide, []int{1}); err != nil {
		t.Fatal(err)
	}
	fmt.Println("phone answered and was acked")
}
