package app

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ParseAge reads a retention period: "90d" (days), or a Go duration such
// as "36h". Zero or empty keeps sessions forever.
func ParseAge(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if s == "" || s == "0" {
		return 0, nil
	}
	if d, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.Atoi(d)
		if err != nil || n < 0 {
			return 0, fmt.Errorf("%q is not a number of days, e.g. 90d", s)
		}
		return time.Duration(n) * 24 * time.Hour, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return 0, fmt.Errorf("%q is not a period, e.g. 90d or 36h", s)
	}
	return d, nil
}

// purgeEvery is how often -retain looks for sessions past their time,
// unless Config.RetainEvery says otherwise.
const purgeEvery = 24 * time.Hour

// Purge deletes the ended sessions that started more than age ago, with
// everything stored with them, and wipes their old copies from the file
// (rebuilding it when no session is live). It returns how many.
func (a *App) Purge(ctx context.Context, age time.Duration) (int, error) {
	ids, err := a.Store.DeleteSessions(ctx, time.Now().Add(-age))
	if err != nil || len(ids) == 0 {
		return 0, err
	}
	for _, id := range ids {
		a.Live.Forget(id)
	}
	running := 0
	for _, s := range a.Live.Sessions() {
		if !s.Ended() {
			running++
		}
	}
	return len(ids), a.Store.Scrub(ctx, running == 0)
}

// retain purges every period until stop is closed (New purged at start).
func (a *App) retain(age, every time.Duration, stop <-chan struct{}) {
	purge := func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		n, err := a.Purge(ctx, age)
		switch {
		case err != nil:
			a.log.Error("sessions past -retain could not be deleted", "err", err)
		case n > 0:
			a.log.Info("deleted sessions past -retain", "sessions", n, "retain", age)
		}
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			purge()
		}
	}
}
