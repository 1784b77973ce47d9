package handlers

import (
	"github.com/roundtable-kit/roundtable/errcode"
	"github.com/roundtable-kit/roundtable/live"
)

// shareAck acknowledges a committed "Share your experience" entry. It
// carries nothing of the entry: the phone keeps no copy either.
type shareAck struct {
	Type string `json:"type"`
	Ref  int64  `json:"ref"`
}

// phoneShare handles share: {"type": "share", "text": "…", "ref": n}.
func phoneShare(s *live.Session, pid string, sub *live.Sub, m *message) (any, error) {
	if m.Text == nil {
		return nil, errcode.BadText.With("An entry has a text.")
	}
	ctx, cancel := requestContext()
	defer cancel()
	if err := s.Share(ctx, pid, sub, *m.Text); err != nil {
		return nil, err
	}
	var ref int64
	if m.Ref != nil {
		ref = *m.Ref
	}
	return shareAck{Type: "share_ack", Ref: ref}, nil
}
