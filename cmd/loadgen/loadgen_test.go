package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"testing"

	"github.com/roundtable-kit/roundtable/internal/kittest"
)

// TestLoadgen plays 50 phones (slow ones, reconnecting ones) against a real
// kit and checks that the summary adds up.
func TestLoadgen(t *testing.T) {
	kit := kittest.Start(t, kittest.Options{PublicURL: "http://127.0.0.1", Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	var out, errs bytes.Buffer
	code := run(context.Background(), []string{"-url", kit.Base, "-key", kit.Key, "-phones", "50", "-answer-window", "300ms",
		"-slow", "0.1", "-reconnect", "0.2", "-spread", "1,3,1", "-json", "-quiet", "-timeout", "60s"}, &out, &errs)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs.String())
	}
	var sum Summary
	if err := json.Unmarshal(out.Bytes(), &sum); err != nil {
		t.Fatalf("summary: %v\n%s", err, out.String())
	}
	k := sum.Kit.All
	if k.Joined != 50 || k.JoinFailed != 0 {
		t.Errorf("joined %d, failed %d, want 50 and 0", k.Joined, k.JoinFailed)
	}
	if k.Expected != 45 || k.Acked != k.Expected || k.Stored != k.Expected || k.ResultsCount != k.Expected || k.Duplicates != 0 {
		t.Errorf("expected %d, acked %d, stored %d, results %d, duplicates %d: want 45 of each and 0", k.Expected, k.Acked, k.Stored, k.ResultsCount, k.Duplicates)
	}
	if k.Reconnects != 10 || k.ReconnectFailed != 0 {
		t.Errorf("reconnects %d (%d failed), want 10 (0)", k.Reconnects, k.ReconnectFailed)
	}
	if k.Fanout.N != 45 || k.Ack.N != 45 {
		t.Errorf("fan-out samples %d, ack samples %d, want 45", k.Fanout.N, k.Ack.N)
	}
	if k.AckResent.N != 10 || k.AckResent.P99 > k.Ack.Max {
		t.Errorf("resent answers' acks: %d samples, p99 %.0f ms (all acks' max %.0f): want the 10 reconnecting phones', within all", k.AckResent.N, k.AckResent.P99, k.Ack.Max)
	}
	if sum.Page == nil || sum.Page.Bytes == 0 || len(sum.Page.External) != 0 {
		t.Errorf("phone page: got %+v", sum.Page)
	}
}

func TestTargetIsLoopbackOnly(t *testing.T) {
	for _, c := range []struct {
		url, allow string
		ok         bool
	}{
		{"http://127.0.0.1:8080", "", true},
		{"http://127.0.0.5:8080", "", true},
		{"http://[::1]:8080", "", true},
		{"http://192.168.1.20:8080", "", false},
		{"http://10.213.4.2:8080", "10.213.4.2", true},
		{"http://10.213.4.2:8080", "", false},
		{"http://8.8.8.8", "8.8.8.8", false},
	} {
		if err := checkTarget(c.url, c.allow); (err == nil) != c.ok {
			t.Errorf("checkTarget(%q, %q) = %v, want ok %v", c.url, c.allow, err, c.ok)
		}
	}
}

// TestLoadgenGame plays the game scenario with 40 phones: after the
// answers one reveal sends each reading phone its own rank, counting all
// who joined.
func TestLoadgenGame(t *testing.T) {
	kit := kittest.Start(t, kittest.Options{PublicURL: "http://127.0.0.1", Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	var out, errs bytes.Buffer
	code := run(context.Background(), []string{"-url", kit.Base, "-key", kit.Key, "-phones", "40", "-answer-window", "300ms",
		"-slow", "0.1", "-silent", "0.1", "-scenario", "game", "-pageweight=false", "-json", "-quiet", "-timeout", "60s"}, &out, &errs)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs.String())
	}
	var sum Summary
	if err := json.Unmarshal(out.Bytes(), &sum); err != nil {
		t.Fatalf("summary: %v\n%s", err, out.String())
	}
	k := sum.Kit.All
	if k.Joined != 40 || k.Acked != 32 {
		t.Errorf("joined %d, acked %d: want 40 and 32", k.Joined, k.Acked)
	}
	if k.Rank.N != 36 || k.RankMissing != 0 || k.RankWrong != 0 || len(k.RankErrors) != 0 {
		t.Errorf("ranks: %d (missing %d, wrong %d, errors %v), want 36 (the slow phones read nothing) and none wrong", k.Rank.N, k.RankMissing, k.RankWrong, k.RankErrors)
	}
}

// TestLoadgenQA plays the Q&A scenario with 60 phones (slow ones,
// reconnecting ones that vote again after a resume): every vote is acked
// and stored once, and the presenter's last counts equal the database's.
func TestLoadgenQA(t *testing.T) {
	kit := kittest.Start(t, kittest.Options{PublicURL: "http://127.0.0.1", Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	var out, errs bytes.Buffer
	code := run(context.Background(), []string{"-url", kit.Base, "-key", kit.Key, "-scenario", "qa", "-phones", "60", "-answer-window", "300ms",
		"-slow", "0.1", "-reconnect", "0.2", "-json", "-quiet", "-pageweight=false", "-timeout", "60s"}, &out, &errs)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs.String())
	}
	var sum Summary
	if err := json.Unmarshal(out.Bytes(), &sum); err != nil {
		t.Fatalf("summary: %v\n%s", err, out.String())
	}
	k := sum.Kit.All
	q := k.QA
	if q == nil || q.Questions != 10 {
		t.Fatalf("got Q&A figures %+v, want 10 questions", q)
	}
	if k.Expected != 54 || k.Acked != 54 || q.DBVotes != 54 || q.HostVotes != 54 || q.Mismatched != 0 {
		t.Errorf("expected %d, acked %d, database %d, presenter %d, %d differ: want 54 of each and 0", k.Expected, k.Acked, q.DBVotes, q.HostVotes, q.Mismatched)
	}
	if k.Reconnects != 12 || k.ReconnectFailed != 0 || q.HostUpdates == 0 || q.HostBytesMax == 0 {
		t.Errorf("reconnects %d (%d failed), host updates %d of at most %d bytes", k.Reconnects, k.ReconnectFailed, q.HostUpdates, q.HostBytesMax)
	}
	for _, tg := range sum.Targets {
		if tg.What == "presenter counts = database" && !tg.Met {
			t.Errorf("target %+v", tg)
		}
	}
}

// TestLoadgenScenarios plays the room's voice scenarios with a few phones:
// every word and text acked and stored once, the feed's updates measured,
// and (open) ten approvals each seen on the projector's feed.
func TestLoadgenScenarios(t *testing.T) {
	kit := kittest.Start(t, kittest.Options{PublicURL: "http://127.0.0.1", Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	for _, sc := range []string{"cloud", "open"} {
		var out, errs bytes.Buffer
		code := run(context.Background(), []string{"-url", kit.Base, "-key", kit.Key, "-phones", "30", "-answer-window", "300ms",
			"-slow", "0", "-scenario", sc, "-pageweight=false", "-json", "-quiet", "-timeout", "60s"}, &out, &errs)
		var sum Summary
		if err := json.Unmarshal(out.Bytes(), &sum); err != nil {
			t.Fatalf("%s: exit %d, summary: %v\n%s%s", sc, code, err, out.String(), errs.String())
		}
		k := sum.Kit.All
		if k.Acked != 30 || k.Stored != 30 || k.Duplicates != 0 || k.ResultsCount != 30 || k.AnswerErrors != 0 {
			t.Errorf("%s: acked %d, stored %d, duplicates %d, results %d, errors %d: want 30, 30, 0, 30, 0", sc, k.Acked, k.Stored, k.Duplicates, k.ResultsCount, k.AnswerErrors)
		}
		if k.FeedMaxBytes == 0 || k.FeedMaxBytes > 8<<10 {
			t.Errorf("%s: feed updates of at most %d bytes", sc, k.FeedMaxBytes)
		}
		if sc == "open" && (k.Approve.N != 10 || len(k.ApproveErrors) != 0 || k.QueuePageRows != 30) {
			t.Errorf("open: %d approvals seen (%v), queue page %d rows; want 10, none failed, 30", k.Approve.N, k.ApproveErrors, k.QueuePageRows)
		}
	}
}

// TestSelfNeedsCompare: -self (a second reference in the kit's place) is
// refused without -compare, before anything is built or started.
func TestSelfNeedsCompare(t *testing.T) {
	var out, errs bytes.Buffer
	if code := run(context.Background(), []string{"-spawn", "-self", "-phones", "10"}, &out, &errs); code != 2 {
		t.Fatalf("exit %d, want 2: %s", code, errs.String())
	}
	if !bytes.Contains(errs.Bytes(), []byte("-self goes with -compare")) {
		t.Errorf("stderr %q does not say why", errs.String())
	}
}
