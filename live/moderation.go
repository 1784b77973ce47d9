package live

import (
	"context"
	"slices"

	"github.com/roundtable-kit/roundtable/errcode"
	"github.com/roundtable-kit/roundtable/freetext"
	"github.com/roundtable-kit/roundtable/quizzes"
	"github.com/roundtable-kit/roundtable/record"
)

// Moderation of open text: each answer has a status (record.Status…); the
// presenter approves, hides and pins (one per question), switches a
// question between queue and stream, and removes words from a word cloud.
// Statuses are stored on the answer rows; pins, removed words and mode
// switches in record.Steps.

// statusSetter is the store's side of Moderate.
type statusSetter interface {
	SetStatus(ctx context.Context, sessionID, participantID string, slide int, text, status string) (found bool, err error)
}

// The moderation actions (PROTOCOL.md, moderate).
const (
	ActApprove = "approve"
	ActHide    = "hide"
	ActPin     = "pin"
	ActUnpin   = "unpin"
)

// The refusals of moderation.
var (
	ErrNotOpenText = errcode.BadSlide.With("That slide is not an open text question.")
	ErrNotCloud    = errcode.BadSlide.With("That slide is not a word cloud.")
	ErrNoText      = errcode.NotFound.With("That participant has no text on this slide.")
	ErrBadAction   = errcode.BadMessage.With("The action is approve, hide, pin or unpin.")
	ErrBadMode     = errcode.BadMessage.With("The mode is queue or stream.")
	errStatusNot   = ErrStorage.With("The change could not be stored: the database could not be written; try again.")
)

// moderationOf is the moderation mode of the question on slide now: the
// presenter's choice, else the deck's ("" for a question that is not open
// text).
func (st *state) moderationOf(slide int) string {
	if slide < 0 || slide >= len(st.s.Deck.Slides) {
		return ""
	}
	q := st.s.Deck.Slides[slide].Question
	if q == nil || q.Kind != quizzes.OpenText {
		return ""
	}
	if m, ok := st.modes[slide]; ok {
		return m
	}
	if q.Moderation == "" {
		return quizzes.ModerationQueue
	}
	return q.Moderation
}

// Moderate approves, hides, pins or unpins participant pid's open text on
// slide. Pinning shows it (approves it) and unpins any other; hiding a
// pinned text unpins it. The status is committed before the screens are
// told. It returns the text's status and whether it is pinned now.
func (s *Session) Moderate(ctx context.Context, slide int, pid, action string) (status string, pinned bool, err error) {
	if !slices.Contains([]string{ActApprove, ActHide, ActPin, ActUnpin}, action) {
		return "", false, ErrBadAction
	}
	var text string
	var ferr error
	if err := s.do(func(st *state) {
		q := st.questionOn(slide)
		if q == nil || q.Kind != quizzes.OpenText {
			ferr = ErrNotOpenText
			return
		}
		p := st.parts[pid]
		if p == nil || p.given[slide] == nil || p.given[slide].Skipped {
			ferr = ErrNoText
			return
		}
		text, status = p.given[slide].Text, p.given[slide].Status
	}); err != nil {
		return "", false, s.stoppedErr()
	}
	if ferr != nil {
		return "", false, ferr
	}
	if s.ended.Load() {
		return "", false, ErrEnded
	}
	want := status
	switch action {
	case ActApprove, ActPin:
		want = record.StatusApproved
	case ActHide:
		want = record.StatusHidden
	}
	if want != status {
		ss, ok := s.store.(statusSetter)
		if !ok {
			return "", false, errStatusNot
		}
		if !s.inflight.enter() {
			return "", false, s.stoppedErr()
		}
		found, err := ss.SetStatus(ctx, s.ID, pid, slide, text, want)
		s.inflight.leave()
		if err != nil {
			return "", false, errStatusNot
		}
		if !found {
			return "", false, ErrNoText // the phone changed its text meanwhile
		}
	}
	_, err = s.drive(func(st *state) error {
		p := st.parts[pid]
		if p == nil || p.given[slide] == nil || p.given[slide].Text != text {
			return ErrNoText
		}
		p.given[slide].Status = want
		switch {
		case action == ActPin:
			st.pinned[slide] = pid
		case action == ActUnpin || action == ActHide:
			if st.pinned[slide] == pid {
				delete(st.pinned, slide)
			}
		}
		pinned = st.pinned[slide] == pid
		st.save()
		st.moderated(slide)
		return nil
	})
	if err != nil {
		return "", false, err
	}
	return want, pinned, nil
}

// SetModeration switches the open text question on slide to queue or stream.
func (s *Session) SetModeration(slide int, mode string) error {
	if mode != quizzes.ModerationQueue && mode != quizzes.ModerationStream {
		return ErrBadMode
	}
	_, err := s.drive(func(st *state) error {
		q := st.questionOn(slide)
		if q == nil || q.Kind != quizzes.OpenText {
			return ErrNotOpenText
		}
		if st.moderationOf(slide) == mode {
			return nil
		}
		st.modes[slide] = mode
		st.publish() // answers from now on arrive with this mode's status
		st.save()
		st.moderated(slide)
		return nil
	})
	return err
}

// HideWord removes a folded word from the word cloud on slide (hidden) or
// brings it back. The answers that hold it keep it: results list it, marked
// hidden.
func (s *Session) HideWord(slide int, word string, hidden bool) error {
	word = freetext.Fold(word)
	if word == "" || len(word) > 4*quizzes.DefaultWordChars {
		return errcode.BadMessage.With("hide_word takes a word of a cloud.")
	}
	_, err := s.drive(func(st *state) error {
		q := st.questionOn(slide)
		if q == nil || q.Kind != quizzes.WordCloud {
			return ErrNotCloud
		}
		hw := st.hiddenWords[slide]
		has := slices.Contains(hw, word)
		switch {
		case hidden && !has:
			if len(hw) >= maxHiddenWords {
				return errcode.BadMessage.With("A cloud hides at most 200 words.")
			}
			st.hiddenWords[slide] = append(hw, word)
		case !hidden && has:
			st.hiddenWords[slide] = slices.DeleteFunc(hw, func(w string) bool { return w == word })
			if len(st.hiddenWords[slide]) == 0 {
				delete(st.hiddenWords, slide)
			}
		default:
			return nil
		}
		st.save()
		st.moderated(slide)
		return nil
	})
	return err
}

// maxHiddenWords bounds the words removed from one cloud (they are saved
// with the session's steps).
const maxHiddenWords = 200

// moderated tells the screens at once (not at the next tick) what changed
// on slide: the presenter is waiting to see it on the projector.
func (st *state) moderated(slide int) {
	if slide == st.index && st.revealed[slide] {
		st.changed(false) // phones' reveal too
		return
	}
	st.toHosts(st.stateFrame())
	st.dirty = false
}

// questionOn is the question on slide, or nil.
func (st *state) questionOn(slide int) *quizzes.Question {
	if slide < 0 || slide >= len(st.s.Deck.Slides) {
		return nil
	}
	return st.s.Deck.Slides[slide].Question
}

// Pinned is the participant whose open text is pinned on slide, or "".
func (s *Session) Pinned(slide int) string {
	var pid string
	s.do(func(st *state) { pid = st.pinned[slide] })
	return pid
}
