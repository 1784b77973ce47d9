package live

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/roundtable-kit/roundtable/errcode"
	"github.com/roundtable-kit/roundtable/freetext"
	"github.com/roundtable-kit/roundtable/quizzes"
	"github.com/roundtable-kit/roundtable/record"
)

// The anonymous Q&A runs beside any deck: the presenter opens and closes
// it (and a qa slide opens it while it shows); phones ask questions and
// vote for others'; the presenter moderates them as open text. Questions
// and votes are committed before the ack, like answers, and read back on a
// restart.
//
// Its state sits behind its own lock, not on the session goroutine: a
// storm of 10,000 votes checks and counts there without queuing on the
// goroutine, which only reads it a few times a second to send the feeds.

// Q&A limits (PROTOCOL.md).
const (
	QAMaxChars   = 280 // a question's length, in characters
	QAPerMinute  = 5   // questions a phone may ask in a minute
	QATop        = 50  // questions a feed lists
	qaPhoneEvery = 500 * time.Millisecond
)

// Moderation statuses of a question.
const (
	QAPending  = "pending"
	QAApproved = "approved"
	QAHidden   = "hidden"
	QAHeld     = "held"
)

// The refusals of the Q&A.
var (
	ErrQAClosed     = errcode.QAClosed
	errNoQuestion   = errcode.NotFound.With("No question has this id.")
	errQANotStored  = ErrStorage.With("The question or vote could not be saved: the database could not be written; send it again.")
	errQAManyAsks   = errcode.RateLimited.With("At most 5 questions a minute from one phone: wait a moment.")
	errQABadAction  = errcode.BadMessage.With("action is approve, hide, answer, unanswer, pin or unpin.")
	errQABadMode    = errcode.BadMessage.With(`mode is "queue" or "stream".`)
	errQABadSort    = errcode.BadMessage.With(`sort is "votes" or "newest".`)
	errQANoStore    = errors.New("live: the store cannot keep a Q&A")
	errQABadStatus  = errcode.BadRequest.With("status is pending, approved, hidden, held, answered or all.")
	errQABadCursor  = errcode.BadRequest.With("after is a cursor from an earlier page.")
	errQAModNotSave = ErrStorage.With("The question could not be changed: the database could not be written; try again.")
)

// qaStore is the store's side of the Q&A, asked for apart from Store so
// that stores written for tests need not have it.
type qaStore interface {
	AddQAQuestion(ctx context.Context, q record.QAQuestion) error
	SetQAVote(ctx context.Context, sessionID, questionID, participantID string, up bool) error
	SetQAStatus(ctx context.Context, sessionID, questionID, status string, answered bool) error
	QAQuestions(ctx context.Context, sessionID string) ([]record.QAQuestion, error)
	QAVotes(ctx context.Context, sessionID string) ([]record.QAVote, error)
}

type qaQuestion struct {
	id, pid, text, status string
	answered              bool
	at                    time.Time
	voters                map[string]struct{}
}

// qaState is a session's Q&A. mu guards everything but the fields marked
// for the session goroutine.
type qaState struct {
	mu       sync.Mutex
	open     bool // the presenter's switch
	slide    bool // a qa slide is showing
	mode     string
	sort     string
	pinned   string
	byID     map[string]*qaQuestion
	list     []*qaQuestion            // oldest first
	mine     map[string][]*qaQuestion // by participant
	asks     map[string][]time.Time   // when each phone asked, within the last minute
	version  uint64                   // moves on every change
	pidLocks sync.Map                 // participant id → *sync.Mutex: one ask or vote at a time per phone

	// Session goroutine only: what the feeds were last sent.
	hostSent, phoneSent uint64
	phoneAt             time.Time
	phonesOpen          bool // phones were last told the Q&A is open
	greet               struct {
		view    qaView
		version uint64
		cache   map[string]*Frame
	}
}

func (q *qaState) isOpen() bool { return q.open || q.slide }

// touched reports whether the Q&A was ever used: only then do presenter
// views get host_qa when they connect (a deck without it sends nothing new).
func (q *qaState) touched() bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.version > 0 || q.open || q.mode != "" || q.sort != "" || len(q.list) > 0
}

func (q *qaState) modeOr() string {
	if q.mode == "" {
		return "queue"
	}
	return q.mode
}

func (q *qaState) sortOr() string {
	if q.sort == "" {
		return "votes"
	}
	return q.sort
}

// visible reports whether the room sees a question: approved, or in
// "show as they come" anything not held back or hidden.
func (q *qaState) visible(x *qaQuestion) bool {
	return x.status == QAApproved || (q.modeOr() == "stream" && x.status == QAPending)
}

func (q *qaState) add(x *qaQuestion) {
	if q.byID == nil {
		q.byID, q.mine = map[string]*qaQuestion{}, map[string][]*qaQuestion{}
	}
	if x.voters == nil {
		x.voters = map[string]struct{}{}
	}
	q.byID[x.id] = x
	q.list = append(q.list, x)
	q.mine[x.pid] = append(q.mine[x.pid], x)
	q.version++
}

// pidLock is held by one ask or vote of a phone from its check to its
// count, so that its effect in memory follows the order of its commits.
func (s *Session) pidLock(pid string) *sync.Mutex {
	l, _ := s.qa.pidLocks.LoadOrStore(pid, &sync.Mutex{})
	return l.(*sync.Mutex)
}

// qaCheck is what every ask and vote checks first.
func (s *Session) qaCheck(pid string, from *Sub) (qaStore, error) {
	if s.ended.Load() {
		return nil, ErrEnded
	}
	ph := s.phoneOf(pid)
	if ph == nil {
		return nil, ErrBadToken
	}
	if !ph.from(from) {
		return nil, ErrReplaced
	}
	qs, ok := s.store.(qaStore)
	if !ok {
		return nil, errQANoStore
	}
	if !s.store.Healthy() {
		return nil, errQANotStored
	}
	return qs, nil
}

// BadText turns freetext's error into the protocol's refusal.
func BadText(err error) *Error {
	msg := err.Error()
	return errcode.BadText.With(strings.ToUpper(msg[:1]) + msg[1:] + ".")
}

// QAAsk stores a question from a phone and returns its id and status
// (pending, approved in "show as they come", or held when the abuse list
// caught it). Asking the same text again returns the first one.
func (s *Session) QAAsk(ctx context.Context, pid string, from *Sub, text string) (id, status string, err error) {
	if !s.inflight.enter() {
		return "", "", s.stoppedErr()
	}
	defer s.inflight.leave()
	qs, err := s.qaCheck(pid, from)
	if err != nil {
		return "", "", err
	}
	text, err = freetext.Normalize(text, QAMaxChars, true)
	if err != nil {
		return "", "", BadText(err)
	}
	l := s.pidLock(pid)
	l.Lock()
	defer l.Unlock()
	now := time.Now()
	q := &s.qa
	q.mu.Lock()
	if !q.isOpen() {
		q.mu.Unlock()
		return "", "", ErrQAClosed
	}
	for _, x := range q.mine[pid] {
		if x.text == text { // a resend
			id, status = x.id, x.status
			q.mu.Unlock()
			return id, status, nil
		}
	}
	recent := q.asks[pid][:0]
	for _, t := range q.asks[pid] {
		if now.Sub(t) < time.Minute {
			recent = append(recent, t)
		}
	}
	if len(recent) >= QAPerMinute {
		wait := time.Minute - now.Sub(recent[0])
		q.mu.Unlock()
		return "", "", errQAManyAsks.WithFields(map[string]any{"retry_after": int((wait + time.Second - 1) / time.Second)})
	}
	if q.asks == nil {
		q.asks = map[string][]time.Time{}
	}
	q.asks[pid] = append(recent, now)
	status = QAPending
	switch {
	case freetext.Blocked(text):
		status = QAHeld
	case q.modeOr() == "stream":
		status = QAApproved
	}
	q.mu.Unlock()

	x := &qaQuestion{id: "q" + randomString(6), pid: pid, text: text, status: status, at: now.UTC().Truncate(time.Millisecond)}
	if err := qs.AddQAQuestion(ctx, record.QAQuestion{SessionID: s.ID, ID: x.id, ParticipantID: pid, Text: text, Status: status, CreatedAt: x.at}); err != nil {
		q.mu.Lock()
		if a := q.asks[pid]; len(a) > 0 {
			q.asks[pid] = a[:len(a)-1] // not asked after all
		}
		q.mu.Unlock()
		s.storageFailed()
		return "", "", errQANotStored
	}
	q.mu.Lock()
	q.add(x)
	q.mu.Unlock()
	return x.id, status, nil
}

// QAVote adds (up) or withdraws a phone's vote for a question the room
// sees (or its own); it returns whether the phone now votes for it. Either
// one again changes nothing.
func (s *Session) QAVote(ctx context.Context, pid string, from *Sub, qid string, up bool) (bool, error) {
	if !s.inflight.enter() {
		return false, s.stoppedErr()
	}
	defer s.inflight.leave()
	qs, err := s.qaCheck(pid, from)
	if err != nil {
		return false, err
	}
	l := s.pidLock(pid)
	l.Lock()
	defer l.Unlock()
	q := &s.qa
	q.mu.Lock()
	if !q.isOpen() {
		q.mu.Unlock()
		return false, ErrQAClosed
	}
	x := q.byID[qid]
	if x == nil || (!q.visible(x) && x.pid != pid) {
		q.mu.Unlock()
		return false, errNoQuestion
	}
	_, voted := x.voters[pid]
	q.mu.Unlock()
	if voted == up {
		return up, nil
	}
	if err := qs.SetQAVote(ctx, s.ID, qid, pid, up); err != nil {
		s.storageFailed()
		return false, errQANotStored
	}
	q.mu.Lock()
	if up {
		x.voters[pid] = struct{}{}
	} else {
		delete(x.voters, pid)
	}
	q.version++
	q.mu.Unlock()
	return up, nil
}

// QAOpen opens or closes the Q&A for phones.
func (s *Session) QAOpen(open bool) error {
	if s.pace != nil && open {
		return ErrSelfPaced
	}
	_, err := s.drive(func(st *state) error {
		st.s.qa.mu.Lock()
		changed := st.s.qa.open != open
		st.s.qa.open = open
		if changed {
			st.s.qa.version++
		}
		st.s.qa.mu.Unlock()
		if changed {
			st.save()
			st.qaTick(true)
		}
		return nil
	})
	return err
}

// QAMode sets how new questions are moderated: "queue" (the presenter
// approves each) or "stream" (shown as they come, unless held back).
func (s *Session) QAMode(mode string) error {
	if mode != "queue" && mode != "stream" {
		return errQABadMode
	}
	return s.qaSwitch(func(q *qaState) bool {
		old := q.modeOr()
		q.mode = mode
		return old != mode
	})
}

// QASort sets the order of the lists: "votes" or "newest".
func (s *Session) QASort(sort string) error {
	if sort != "votes" && sort != "newest" {
		return errQABadSort
	}
	return s.qaSwitch(func(q *qaState) bool {
		old := q.sortOr()
		q.sort = sort
		return old != sort
	})
}

func (s *Session) qaSwitch(fn func(q *qaState) bool) error {
	_, err := s.drive(func(st *state) error {
		st.s.qa.mu.Lock()
		changed := fn(&st.s.qa)
		if changed {
			st.s.qa.version++
		}
		st.s.qa.mu.Unlock()
		if changed {
			st.save()
		}
		return nil
	})
	return err
}

// QAModerate approves, hides, marks answered (or not) or pins (or unpins)
// a question. A status change is committed before it shows.
func (s *Session) QAModerate(ctx context.Context, qid, action string) error {
	if f := s.final.Load(); f != nil || s.ended.Load() {
		return ErrEnded
	}
	q := &s.qa
	q.mu.Lock()
	x := q.byID[qid]
	var status string
	var answered bool
	if x != nil {
		status, answered = x.status, x.answered
	}
	q.mu.Unlock()
	if x == nil {
		return errNoQuestion
	}
	switch action {
	case "approve":
		status = QAApproved
	case "hide":
		status = QAHidden
	case "answer", "unanswer":
		answered = action == "answer"
	case "pin", "unpin":
		return s.qaSwitch(func(q *qaState) bool {
			old := q.pinned
			if action == "pin" {
				q.pinned = qid
			} else if q.pinned == qid {
				q.pinned = ""
			}
			return old != q.pinned
		})
	default:
		return errQABadAction
	}
	qs, ok := s.store.(qaStore)
	if !ok {
		return errQANoStore
	}
	if !s.inflight.enter() {
		return s.stoppedErr()
	}
	err := qs.SetQAStatus(ctx, s.ID, qid, status, answered)
	s.inflight.leave()
	if err != nil {
		s.storageFailed()
		return errQAModNotSave
	}
	q.mu.Lock()
	if x.status != status || x.answered != answered {
		x.status, x.answered = status, answered
		q.version++
	}
	q.mu.Unlock()
	return nil
}

// remove is Remove's part in the Q&A, as the store did it (removeQA):
// with deleteAnswers the participant's questions and votes go, else they
// move to the anonymous id.
func (q *qaState) remove(pid, anon string, deleteAnswers bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	mine := q.mine[pid]
	delete(q.mine, pid)
	delete(q.asks, pid)
	if deleteAnswers {
		for _, x := range mine {
			delete(q.byID, x.id)
			if q.pinned == x.id {
				q.pinned = ""
			}
		}
		if len(mine) > 0 {
			q.list = slices.DeleteFunc(q.list, func(x *qaQuestion) bool { return q.byID[x.id] == nil })
		}
	} else if len(mine) > 0 {
		for _, x := range mine {
			x.pid = anon
		}
		q.mine[anon] = mine
	}
	for _, x := range q.list {
		if _, ok := x.voters[pid]; ok {
			delete(x.voters, pid)
			if !deleteAnswers {
				x.voters[anon] = struct{}{}
			}
		}
	}
	q.version++
}

// ---- restore ----

// qaRows are a session's stored questions and votes.
type qaRows struct {
	questions []record.QAQuestion
	votes     []record.QAVote
}

func (m *Manager) readQA(ctx context.Context, id string) (qaRows, error) {
	qs, ok := m.store.(qaStore)
	if !ok {
		return qaRows{}, nil
	}
	questions, err := qs.QAQuestions(ctx, id)
	if err != nil {
		return qaRows{}, err
	}
	votes, err := qs.QAVotes(ctx, id)
	return qaRows{questions, votes}, err
}

// loadQA puts the stored rows and switches back, before the goroutine runs.
func (s *Session) loadQA(rows qaRows, sw *record.QA) {
	q := &s.qa
	if sw != nil {
		q.open, q.mode, q.sort, q.pinned = sw.Open, sw.Mode, sw.Sort, sw.Pinned
	}
	for _, r := range rows.questions {
		q.add(&qaQuestion{id: r.ID, pid: r.ParticipantID, text: r.Text, status: r.Status, answered: r.Answered, at: r.CreatedAt})
	}
	for _, v := range rows.votes {
		if x := q.byID[v.QuestionID]; x != nil {
			x.voters[v.ParticipantID] = struct{}{}
		}
	}
}

// qaRecord is the switches as the steps keep them; nil while untouched.
func (q *qaState) qaRecord() *record.QA {
	q.mu.Lock()
	defer q.mu.Unlock()
	if !q.open && q.mode == "" && q.sort == "" && q.pinned == "" {
		return nil
	}
	return &record.QA{Open: q.open, Mode: q.mode, Sort: q.sort, Pinned: q.pinned}
}

// ---- on the session goroutine ----

// qaSlideShowing opens the Q&A for phones while a qa slide shows.
func (st *state) qaSlideShowing() {
	q := st.question()
	on := q != nil && q.Kind == quizzes.QA && !st.ended
	st.s.qa.mu.Lock()
	if st.s.qa.slide != on {
		st.s.qa.slide = on
		st.s.qa.version++
	}
	st.s.qa.mu.Unlock()
}

// qaTick sends the feeds that changed: host_qa at most every tick (4 a
// second), qa to phones at most every qaPhoneEvery; now sends the phones'
// at once (the Q&A opened or closed).
func (st *state) qaTick(now bool) {
	q := &st.s.qa
	q.mu.Lock()
	v := q.version
	q.mu.Unlock()
	if v != q.hostSent && len(st.hosts) > 0 {
		q.hostSent = v
		st.toHosts(st.qaHostFrame())
	}
	if v == q.phoneSent || (!now && time.Since(q.phoneAt) < qaPhoneInterval(len(st.phones))) {
		return
	}
	q.phoneSent, q.phoneAt = v, time.Now()
	st.qaToPhones()
}

// qaPhoneInterval is how often phones hear of changes: twice a second,
// and less often in a large room (every 2 s at 10,000 phones), where each
// round is thousands of writes that would otherwise slow the acks. A
// phone's own vote shows at once, from its ack.
func qaPhoneInterval(phones int) time.Duration {
	return qaPhoneEvery * time.Duration(1+(phones-1)/qaPhonesPerStep)
}

// qaPhonesPerStep is how many phones each half second of qaPhoneInterval
// serves.
const qaPhonesPerStep = 2500

// qaGreet tells a phone that (re)joins the Q&A's state, if it is open.
func (st *state) qaGreet(sub *Sub, p *participant) {
	q := &st.s.qa
	q.mu.Lock()
	open := q.isOpen()
	if open && (q.greet.cache == nil || q.greet.version != q.version) {
		// One view per version: 10,000 phones resuming after a restart
		// share it (and its frames) instead of building 10,000.
		q.greet.view, q.greet.version, q.greet.cache = q.phoneView(), q.version, map[string]*Frame{}
	}
	q.mu.Unlock()
	if open {
		st.send(sub, q.greet.view.frameFor(p.id, q.greet.cache))
	}
}
