package store

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/roundtable-kit/roundtable/record"
)

// TestRolesMigration opens a database made by the schema before the role
// and practice columns: its participant has no role, its session is not
// practice; a role given after reads back, and practice can be set.
func TestRolesMigration(t *testing.T) {
	s := openBefore(t, "ADD COLUMN role", 7, oldSession, oldParticipant)
	ctx := context.Background()
	role := 2
	if err := s.AddParticipant(ctx, record.Participant{ID: "p2", SessionID: "old", TokenHash: []byte{1}, Nick: "Bo", Lang: "es", CreatedAt: time.Now(), Role: &role}); err != nil {
		t.Fatal(err)
	}
	roles, err := s.Roles(ctx, "old")
	if err != nil || len(roles) != 1 || roles["p2"] != 2 {
		t.Errorf("roles: got %v %v, want p2 only, as 2", roles, err)
	}
	ss, _ := s.Session(ctx, "old")
	if ss.Practice || ss.Participants != 2 {
		t.Errorf("got %+v, want an old session that is not practice, with 2 participants", ss)
	}
	if err := s.SetPractice(ctx, "old", true); err != nil {
		t.Fatal(err)
	}
	if ss, _ := s.Session(ctx, "old"); !ss.Practice {
		t.Error("practice was not kept")
	}
	if err := s.SetPractice(ctx, "none", true); err != ErrNotFound {
		t.Errorf("practice on no session: got %v, want ErrNotFound", err)
	}
}

// DeleteSessions removes ended sessions started before a time (all ended
// ones with a zero time) and never a live one.
func TestDeleteSessions(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "rt.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	now := time.Now()
	for i, age := range []time.Duration{100, 95, 10, 200} {
		id := fmt.Sprintf("s%d", i)
		s.CreateSession(ctx, record.Session{ID: id, Code: fmt.Sprintf("C%d", i), DeckID: "d", CreatedAt: now.Add(-age * 24 * time.Hour)})
		if i != 3 { // s3 is still live
			s.EndSession(ctx, id, now)
		}
	}
	ids, err := s.DeleteSessions(ctx, now.Add(-90*24*time.Hour))
	if slices.Sort(ids); err != nil || !slices.Equal(ids, []string{"s0", "s1"}) {
		t.Fatalf("older than 90 days: deleted %v (%v), want s0 and s1", ids, err)
	}
	if ids, _ := s.DeleteSessions(ctx, time.Time{}); !slices.Equal(ids, []string{"s2"}) {
		t.Errorf("every ended session: deleted %v, want s2", ids)
	}
	all, _ := s.Sessions(ctx, false)
	if len(all) != 1 || all[0].ID != "s3" {
		t.Errorf("left: %+v, want the live s3", all)
	}
}
