package kittest

import (
	"context"
	"fmt"
	"net/http"
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
			p, err := phoneclient.Dial(context.Background(), k.Base, code, header)
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
