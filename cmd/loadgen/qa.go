package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strconv"
	"sync/atomic"
	"time"
)

// The -scenario qa load: an anonymous Q&A is opened ("show as they come"),
// qaQuestions phones ask a question each, then every answering phone votes
// for one of them within -answer-window. It measures the vote acks, the
// presenter's host_qa feed (updates a second, bytes an update) and whether
// the vote counts the presenter was last shown equal the database's.

const qaQuestions = 10

// QAResult is one session's Q&A figures.
type QAResult struct {
	Questions      int     `json:"questions"`
	HostVotes      int     `json:"host_votes"`           // the sum of the last host_qa's votes
	DBVotes        int     `json:"database_votes"`       // the sum of the stored votes (qa.csv)
	Mismatched     int     `json:"questions_mismatched"` // questions whose host count differs from the database's
	HostUpdates    int     `json:"host_updates"`
	HostBytesMean  float64 `json:"host_bytes_per_update"`
	HostBytesMax   int     `json:"host_bytes_max"`
	PhoneFrames    int64   `json:"phone_qa_frames"`
	PhoneBytes     int64   `json:"phone_qa_bytes"`
	PhoneFramesPer float64 `json:"phone_qa_frames_per_phone_second"`
}

// qaFeed keeps a host_qa message: when, how big, and its counts.
func (r *room) qaFeed(data []byte) {
	var m struct {
		Questions []struct {
			ID    string `json:"id"`
			Votes int    `json:"votes"`
		} `json:"questions"`
	}
	json.Unmarshal(data, &m)
	votes := map[string]int{}
	for _, q := range m.Questions {
		votes[q.ID] = q.Votes
	}
	r.hostMu.Lock()
	r.hostTimes = append(r.hostTimes, time.Now())
	r.qaSizes = append(r.qaSizes, len(data))
	r.qaLast = votes
	r.hostMu.Unlock()
}

// qaOpen opens the Q&A and has the first phones ask, one question each.
func (r *room) qaOpen(ctx context.Context) error {
	if _, _, err := r.api.Do(ctx, "POST", "/api/sessions/"+r.id+"/qa", map[string]any{"open": true, "mode": "stream"}, nil); err != nil {
		return err
	}
	for i, p := range r.phones {
		if len(r.qaIDs) == qaQuestions {
			break
		}
		if p == nil || r.roles[i] == slow {
			continue
		}
		ref := int64(1000 + i)
		b, _ := json.Marshal(map[string]any{"type": "qa_ask", "text": fmt.Sprintf("Question number %d: how do we talk about this at home?", len(r.qaIDs)+1), "ref": ref})
		if err := p.send(b); err != nil {
			continue
		}
		e, ok := p.wait(ctx, 20*time.Second, func(e event) bool { return (e.Type == "qa_ack" || e.Type == "error") && e.Ref == ref })
		if !ok || e.Type == "error" || e.ID == "" {
			return fmt.Errorf("loadgen: a question was not taken: %s %s", e.Type, e.Code)
		}
		r.qaIDs = append(r.qaIDs, e.ID)
	}
	r.res.QA = &QAResult{Questions: len(r.qaIDs)}
	// Every phone may vote now: the storm starts after this returns.
	r.mu.Lock()
	for i, p := range r.phones {
		if p != nil {
			r.arrive[i] = time.Now()
		}
	}
	r.mu.Unlock()
	return nil
}

// vote is one phone's vote (and, for a reconnecting phone, the same vote
// again after a resume): one qa_ack expected.
func (r *room) vote(ctx context.Context, i int, p *phone, drop bool) {
	id := r.qaIDs[r.cfg.pick(len(r.qaIDs))]
	msg := func(ref int) []byte {
		return []byte(`{"type":"qa_vote","id":"` + id + `","up":true,"ref":` + strconv.Itoa(ref) + `}`)
	}
	r.sendAndAck(ctx, i, p, msg, "qa_ack", drop)
}

// playQA is a phone's part in the Q&A scenario.
func (r *room) playQA(ctx context.Context, i int, p *phone) {
	defer r.phoneWG.Done()
	defer func() { p.ws.Close() }()
	ro := r.roles[i]
	if ro == slow {
		select {
		case <-r.finish:
		case <-ctx.Done():
		}
		return
	}
	p.qaFrames, p.qaBytes = &r.qaFrames, &r.qaBytes
	go p.read()
	answering := ro != silent
	if answering {
		r.answerWG.Add(1)
	}
	select {
	case <-r.storm:
	case <-ctx.Done():
		if answering {
			r.answerWG.Done()
		}
		return
	}
	if answering {
		time.Sleep(time.Until(r.stormAt.Add(time.Duration(rand.Float64() * float64(r.cfg.answerWindow)))))
		r.vote(ctx, i, p, ro == reconnect)
		r.answerWG.Done()
	}
	select {
	case <-r.finish:
	case <-ctx.Done():
	}
}

// qaVerify waits for the presenter's feed to settle, then compares its
// last counts with the database's (qa.csv), and ends the session.
func (r *room) qaVerify(ctx context.Context) {
	want := r.res.Acked
	deadline := time.Now().Add(5 * time.Second)
	var last map[string]int
	for time.Now().Before(deadline) {
		r.hostMu.Lock()
		last = r.qaLast
		r.hostMu.Unlock()
		sum := 0
		for _, v := range last {
			sum += v
		}
		if sum >= want {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	q := r.res.QA
	if q == nil {
		q = &QAResult{}
		r.res.QA = q
	}
	for _, v := range last {
		q.HostVotes += v
	}
	db := map[string]int{}
	if _, body, err := r.api.Do(ctx, "GET", "/api/sessions/"+r.id+"/qa.csv", nil, nil); err == nil {
		rd := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))))
		rows, _ := rd.ReadAll()
		col := map[string]int{}
		for k, row := range rows {
			if k == 0 {
				for c, name := range row {
					col[name] = c
				}
				continue
			}
			n, _ := strconv.Atoi(row[col["votes"]])
			db[row[col["question_id"]]] = n
			q.DBVotes += n
		}
	}
	r.res.Stored = q.DBVotes
	for id, n := range db {
		if last[id] != n {
			q.Mismatched++
		}
	}
	for id := range last {
		if _, ok := db[id]; !ok {
			q.Mismatched++
		}
	}
	r.hostMu.Lock()
	for _, n := range r.qaSizes {
		q.HostBytesMax = max(q.HostBytesMax, n)
		q.HostBytesMean += float64(n)
	}
	if len(r.qaSizes) > 0 {
		q.HostBytesMean /= float64(len(r.qaSizes))
	}
	q.HostUpdates = len(r.qaSizes)
	r.hostMu.Unlock()
	q.PhoneFrames, q.PhoneBytes = atomic.LoadInt64(&r.qaFrames), atomic.LoadInt64(&r.qaBytes)
	if n := r.res.Joined; n > 0 && r.res.StormSeconds > 0 {
		q.PhoneFramesPer = float64(q.PhoneFrames) / float64(n) / (r.res.StormSeconds + 0.3)
	}
	r.close(ctx)
}
