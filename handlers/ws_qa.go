package handlers

import (
	"github.com/roundtable-kit/roundtable/errcode"
	"github.com/roundtable-kit/roundtable/live"
)

// qaTypes are the socket messages of the anonymous Q&A; their fields are
// read apart (qaFields), so that they cannot collide with another
// message's fields of the same name.
var qaTypes = map[string]bool{"qa_ask": true, "qa_vote": true, "qa_open": true, "qa_moderate": true, "qa_mode": true, "qa_sort": true}

type qaFields struct {
	Text   *string `json:"text"`
	ID     string  `json:"id"`
	Up     *bool   `json:"up"`
	Open   *bool   `json:"open"`
	Action string  `json:"action"`
	Mode   string  `json:"mode"`
	Sort   string  `json:"sort"`
}

// qaAck acknowledges a committed question (Status) or vote (Voted).
type qaAck struct {
	Type   string `json:"type"`
	Ref    int64  `json:"ref"`
	ID     string `json:"id"`
	Status string `json:"status,omitempty"`
	Voted  *bool  `json:"voted,omitempty"`
}

// phoneQA handles qa_ask and qa_vote; it returns the ack, or the error.
func phoneQA(s *live.Session, pid string, sub *live.Sub, m *message) (any, error) {
	var ref int64
	if m.Ref != nil {
		ref = *m.Ref
	}
	ctx, cancel := requestContext()
	defer cancel()
	if m.Type == "qa_ask" {
		if m.QA.Text == nil {
			return nil, errcode.BadText.With("A question has a text.")
		}
		id, status, err := s.QAAsk(ctx, pid, sub, *m.QA.Text)
		if err != nil {
			return nil, err
		}
		return qaAck{Type: "qa_ack", Ref: ref, ID: id, Status: status}, nil
	}
	if m.QA.Up == nil || m.QA.ID == "" {
		return nil, errcode.BadMessage.With(`qa_vote takes {"id": "q…", "up": true|false}.`)
	}
	voted, err := s.QAVote(ctx, pid, sub, m.QA.ID, *m.QA.Up)
	if err != nil {
		return nil, err
	}
	return qaAck{Type: "qa_ack", Ref: ref, ID: m.QA.ID, Voted: &voted}, nil
}

// hostQA handles the presenter's Q&A commands.
func hostQA(s *live.Session, m *message) error {
	switch m.Type {
	case "qa_open":
		if m.QA.Open == nil {
			return errcode.BadMessage.With(`qa_open takes {"open": true|false}.`)
		}
		return s.QAOpen(*m.QA.Open)
	case "qa_moderate":
		ctx, cancel := requestContext()
		defer cancel()
		return s.QAModerate(ctx, m.QA.ID, m.QA.Action)
	case "qa_mode":
		return s.QAMode(m.QA.Mode)
	default:
		return s.QASort(m.QA.Sort)
	}
}
