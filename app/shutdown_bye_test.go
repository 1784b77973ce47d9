package app_test

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/roundtable-kit/roundtable/phoneclient"
)

// A clean stop (SIGTERM) in the middle of an answer storm answers every
// answer the kit took before it says bye: an ack (the answer is stored) or
// shutting_down (it is not). No answer is stored without its ack reaching
// the phone before the bye, and no ack comes after it.
func TestShutdownAnswersEveryAnswerBeforeBye(t *testing.T) {
	dir := t.TempDir()
	k := startKit(t, dir)
	s := k.start("try.en")
	q := k.questionSlides("try.en")["single"]
	phones := joinPhones(t, k.base, s.Code, 200)
	k.call("POST", "/api/sessions/"+s.ID+"/goto", map[string]int{"slide": q}, nil)
	waitAllSlide(t, phones, q, 10*time.Second)

	type outcome struct {
		lastAcked   []int
		outstanding []int // sent, with no ack or error before the bye
		afterBye    int   // acks or errors that came after the bye
		refused     int   // shutting_down before the bye
	}
	results := make([]outcome, len(phones))
	var acks atomic.Int64
	var stopOnce sync.Once
	var wg sync.WaitGroup
	for i, p := range phones {
		wg.Add(1)
		go func() {
			defer wg.Done()
			o := &results[i]
			for ref := int64(1); ; ref++ {
				choice := []int{int(ref+int64(i)) % 2}
				if p.Send(map[string]any{"type": "answer", "slide": q, "choice": choice, "ref": ref}) != nil {
					o.outstanding = choice
					return
				}
				m, err := p.WaitFor(10*time.Second, func(m phoneclient.Message) bool {
					return m.Type == "bye" || ((m.Type == "ack" || m.Type == "error") && m.Ref != nil && *m.Ref == ref)
				})
				if err != nil || m.Type == "bye" {
					o.outstanding = choice
					for { // what still comes after the bye
						m, err := p.Next(500 * time.Millisecond)
						if err != nil {
							return
						}
						if m.Type == "ack" || m.Type == "error" {
							o.afterBye++
						}
					}
				}
				if m.Type == "ack" {
					o.lastAcked = choice
					if acks.Add(1) == 2000 {
						stopOnce.Do(func() { go k.stop() })
					}
				}
				if m.Type == "error" && m.Code == "shutting_down" {
					o.refused++ // as a phone would: wait for the bye, then come back
					if _, err := p.WaitFor(10*time.Second, func(m phoneclient.Message) bool { return m.Type == "bye" }); err != nil {
						t.Errorf("phone %d: no bye after shutting_down: %v", i, err)
					}
					return
				}
			}
		}()
	}
	wg.Wait()
	stopOnce.Do(k.stop)

	k2 := startKit(t, dir)
	rows, dups := csvAnswers(t, k2.base, s.ID, q)
	if dups != 0 {
		t.Errorf("results.csv has %d duplicate answers", dups)
	}
	unacked, late, open, refused := 0, 0, 0, 0
	for i, p := range phones {
		o := results[i]
		late += o.afterBye
		refused += o.refused
		if o.outstanding != nil {
			open++
		}
		if o.lastAcked != nil && rows[p.Participant] != letters(o.lastAcked) {
			unacked++
			if unacked <= 5 {
				t.Errorf("phone %d: stored %q, but the last answer acknowledged before the bye was %q", i, rows[p.Participant], letters(o.lastAcked))
			}
		}
	}
	t.Logf("%d acks; %d answers refused with shutting_down; %d phones had an answer out when the bye came (sent as it was said)", acks.Load(), refused, open)
	if unacked > 0 {
		t.Errorf("%d phones have an answer stored that was never acknowledged before the bye", unacked)
	}
	// An answer sent as the bye was being said may cross it; one sent
	// before is read and answered first (the bye waits for the reader).
	if open > len(phones)/20 {
		t.Errorf("%d of %d phones had an answer neither acked nor refused when the bye came", open, len(phones))
	}
	if late > 0 {
		t.Errorf("%d acks or errors came after the bye", late)
	}
}
