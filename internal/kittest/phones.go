package kittest

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"sync"

	"github.com/roundtable-kit/roundtable/phoneclient"
)

// Dial opens a phone's socket to room code, with header (nil is fine); the
// phone has not joined yet. It is closed when the test ends.
func (k *Kit) Dial(code string, header http.Header) *phoneclient.Phone {
	k.t.Helper()
	p, err := phoneclient.Dial(context.Background(), k.Base, code, header)
	if err != nil {
		k.t.Fatal(err)
	}
	k.t.Cleanup(func() { p.Close() })
	return p
}

// JoinPhones dials and joins n phones at once (nicknames P0, P1, …, in
// English), at most 200 dialing together. They are closed when the test ends.
// On a loopback kit the phones come from PhonesPerSource addresses each of
// 127.0.0.0/8, under the kit's per-source join burst (RULINGS.md), so a
// storm of thousands stands for many homes, not one address.
func (k *Kit) JoinPhones(code string, n int, header http.Header) []*phoneclient.Phone {
	k.t.Helper()
	phones := make([]*phoneclient.Phone, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	sem := make(chan struct{}, 200)
	for i := range phones {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			p, err := phoneclient.DialFrom(context.Background(), k.Base, code, header, k.source(i))
			if err != nil {
				errs[i] = err
				return
			}
			phones[i] = p
			errs[i] = p.Join(fmt.Sprintf("P%d", i), "en")
		}()
	}
	wg.Wait()
	k.t.Cleanup(func() {
		for _, p := range phones {
			if p != nil {
				p.Close()
			}
		}
	})
	for i, err := range errs {
		if err != nil {
			k.t.Fatalf("phone %d: %v", i, err)
		}
	}
	return phones
}

// PhonesPerSource is how many of JoinPhones' phones share a source address:
// below the kit's default join burst of 600.
const PhonesPerSource = 400

// source is the local address for phone i: 127.0.0.2 for the first
// PhonesPerSource, 127.0.0.3 for the next, and so on; nil when the kit is
// not on 127.0.0.1 (another host cannot be reached from those).
func (k *Kit) source(i int) net.IP {
	u, err := url.Parse(k.Base)
	if err != nil || u.Hostname() != "127.0.0.1" {
		return nil
	}
	return net.IPv4(127, 0, 0, byte(2+i/PhonesPerSource%250))
}
