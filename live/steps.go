package live

import (
	"maps"
	"slices"
	"time"

	"github.com/roundtable-kit/roundtable/errcode"
	"github.com/roundtable-kit/roundtable/quizzes"
	"github.com/roundtable-kit/roundtable/record"
)

// A question runs in steps the presenter takes one at a time: open (on
// arrival), live results on or off, closed, revealed. steps is what the
// session keeps for them besides revealed; it is saved with the position
// (record.Steps) so a restart brings it back.
type steps struct {
	closed    map[int]bool // closed, not revealed
	results   map[int]bool // the presenter's choice of live results, by slide
	countdown *record.Countdown
	timer     *time.Timer
	blank     bool
	// reactSwitch is the presenter's reactions switch; nil: the deck decides.
	reactSwitch *bool
	// The room's voice (moderation.go): pinned open texts, words removed
	// from clouds, and the presenter's moderation modes, by slide.
	pinned      map[int]string
	hiddenWords map[int][]string
	modes       map[int]string
}

// Close closes the question showing: answers are refused (question_closed)
// from now on, the ones already accepted are counted first (settle). A
// slide without an open question changes nothing.
func (s *Session) Close() (Snapshot, error) {
	s.settle()
	return s.drive(func(st *state) error {
		if st.noAnswers() {
			return ErrNoAnswers
		}
		st.closeQuestion()
		return nil
	})
}

// Open opens a closed question again; anything else changes nothing.
func (s *Session) Open() (Snapshot, error) {
	return s.drive(func(st *state) error {
		if st.phase() == PhaseClosed {
			delete(st.closed, st.index)
			st.changed(true)
		}
		return nil
	})
}

// ShowResults turns the live results of the question showing on or off;
// a slide without a question changes nothing.
func (s *Session) ShowResults(show bool) (Snapshot, error) {
	return s.drive(func(st *state) error {
		if st.noAnswers() {
			return ErrNoAnswers
		}
		if st.index >= 0 && st.question() != nil && st.liveResultsOf(st.index) != show {
			st.results[st.index] = show
			st.toHosts(st.stateFrame()) // phones show no results before the reveal
			st.save()
		}
		return nil
	})
}

// StartCountdown starts a countdown of seconds on the open question
// showing, replacing one that runs; 0 stops it. On a slide without an open
// question it changes nothing. seconds is checked by the caller
// (quizzes.MinCountdown to MaxCountdown, or 0).
func (s *Session) StartCountdown(seconds int) (Snapshot, error) {
	return s.drive(func(st *state) error {
		if seconds == 0 {
			if st.countdown != nil {
				st.stopCountdown()
				st.changed(true)
			}
			return nil
		}
		if st.phase() != PhaseQuestion || st.noAnswers() {
			return nil // a qa slide has nothing to close
		}
		st.stopCountdown()
		st.armCountdown(&record.Countdown{Slide: st.index, Seconds: seconds, Ends: time.Now().Add(time.Duration(seconds) * time.Second)})
		st.changed(true)
		return nil
	})
}

// Blank blanks the audience screen (or shows it again); phones are not
// told, the room only sees nothing on the screen.
func (s *Session) Blank(on bool) (Snapshot, error) {
	return s.drive(func(st *state) error {
		if st.blank != on {
			st.blank = on
			st.toHosts(st.stateFrame())
			st.save()
		}
		return nil
	})
}

// ---- on the session goroutine ----

func (st *state) question() *quizzes.Question {
	if st.index < 0 || st.index >= len(st.s.Deck.Slides) {
		return nil
	}
	return st.s.Deck.Slides[st.index].Question
}

// ErrNoAnswers refuses close, live results and reveal on a slide whose
// question takes no answers (a qa slide shows the Q&A instead).
var ErrNoAnswers = errcode.BadSlide.With("A Q&A slide takes no answers: there is nothing to close, show or reveal.")

// noAnswers reports whether the slide showing asks a question that takes
// no answers.
func (st *state) noAnswers() bool {
	q := st.question()
	return q != nil && !q.Kind.Takes()
}

func (st *state) closeQuestion() {
	if st.phase() == PhaseQuestion {
		st.closed[st.index] = true
		st.stopCountdown()
		st.changed(true)
	}
}

func (st *state) save() {
	if !st.ended {
		st.s.store.SaveState(st.s.ID, st.index, st.phase(), st.revealedList(), st.stepsRecord())
	}
}

func (st *state) liveResultsOf(slide int) bool {
	if v, ok := st.results[slide]; ok {
		return v
	}
	q := st.s.Deck.Slides[slide].Question
	return q != nil && q.LiveResults()
}

// liveResults reports whether the room sees the answers come in now.
func (st *state) liveResults() bool {
	p := st.phase()
	return (p == PhaseQuestion || p == PhaseClosed) && st.liveResultsOf(st.index)
}

// startDeckCountdown starts the deck's countdown of a question as it opens.
func (st *state) startDeckCountdown() {
	q := st.question()
	if q == nil || st.phase() != PhaseQuestion || st.noAnswers() {
		return
	}
	secs := q.Countdown
	if secs == 0 {
		secs = st.speedSeconds(q) // game mode's speed bonus
	}
	if secs == 0 {
		return
	}
	now := time.Now()
	st.gameOpened(now, secs)
	st.armCountdown(&record.Countdown{Slide: st.index, Seconds: secs, Ends: now.Add(time.Duration(secs) * time.Second)})
}

// armCountdown runs cd: when it ends, the question closes, after the
// answers accepted before are counted (like Close).
func (st *state) armCountdown(cd *record.Countdown) {
	st.countdown = cd
	s := st.s
	st.timer = time.AfterFunc(time.Until(cd.Ends), func() {
		var still bool
		if s.do(func(st *state) {
			still = st.countdown == cd && st.phase() == PhaseQuestion
			if still {
				s.open.Store(&openSlide{index: st.index, question: false}) // as settle does
			}
		}) != nil || !still {
			return
		}
		s.answering.Lock()
		s.answering.Unlock()
		s.do(func(st *state) {
			if st.countdown == cd {
				st.countdown, st.timer = nil, nil
				st.closeQuestion()
			} else {
				st.publish() // moved on meanwhile: open what is showing
			}
		})
	})
}

func (st *state) stopCountdown() {
	if st.timer != nil {
		st.timer.Stop()
	}
	st.countdown, st.timer = nil, nil
}

// restoreCountdown brings back a countdown after a restart: one that ended
// while the kit was down closes its question now.
func (st *state) restoreCountdown() {
	cd := st.countdown
	st.countdown = nil
	if cd == nil || cd.Slide != st.index || st.phase() != PhaseQuestion {
		return
	}
	if time.Until(cd.Ends) <= 0 {
		st.closed[st.index] = true
		st.save()
		return
	}
	st.armCountdown(cd)
}

// secondsLeft is the whole seconds left of the countdown, rounded up; 0
// when none runs.
func (st *state) secondsLeft() int {
	if st.countdown == nil {
		return 0
	}
	return int((time.Until(st.countdown.Ends) + time.Second - 1) / time.Second)
}

func (st *state) hostCountdown() *Countdown {
	if st.countdown == nil {
		return nil
	}
	return &Countdown{Seconds: st.countdown.Seconds, LeftMS: max(0, time.Until(st.countdown.Ends).Milliseconds())}
}

// phoneSlide is the slide message for one phone now: with a countdown
// running, the cached one would say how much time was left when it was made.
func (st *state) phoneSlide(p *participant) *Frame {
	if st.s.pace != nil {
		return st.frameFor(p)
	}
	if st.countdown != nil {
		return st.slideFrameOf(st.deckFor(p))
	}
	return st.slideFor(p)
}

func (st *state) hostSteps(m *hostStateMsg) {
	m.Results, m.Countdown, m.Blank = st.liveResults(), st.hostCountdown(), st.blank
	m.Reactions = st.reactionsOn()
	m.Slides = make([]outlineRow, len(st.s.Deck.Slides))
	for i := range st.s.Deck.Slides {
		sl := &st.s.Deck.Slides[i]
		m.Slides[i] = outlineRow{Title: sl.Title, Question: sl.Question != nil}
	}
}

func (st *state) stepsRecord() record.Steps {
	r := record.Steps{Countdown: st.countdown, Blank: st.blank, Reactions: st.reactSwitch, QA: st.s.qa.qaRecord()}
	if st.game != nil {
		r.Game = st.game.record()
	}
	for k, v := range st.closed {
		if v {
			r.Closed = append(r.Closed, k)
		}
	}
	slices.Sort(r.Closed)
	if len(st.pinned) > 0 {
		r.Pinned = maps.Clone(st.pinned)
	}
	if len(st.hiddenWords) > 0 {
		r.HiddenWords = make(map[int][]string, len(st.hiddenWords))
		for k, v := range st.hiddenWords {
			r.HiddenWords[k] = slices.Clone(v)
		}
	}
	if len(st.modes) > 0 {
		r.Moderation = maps.Clone(st.modes)
	}
	if len(st.results) > 0 {
		r.Results = make(map[int]bool, len(st.results))
		for k, v := range st.results {
			r.Results[k] = v
		}
	}
	return r
}

// loadSteps sets the steps read from the store.
func (st *state) loadSteps(r record.Steps) {
	n := len(st.s.Deck.Slides)
	for _, k := range r.Closed {
		if k >= 0 && k < n {
			st.closed[k] = true
		}
	}
	for k, v := range r.Results {
		if k >= 0 && k < n {
			st.results[k] = v
		}
	}
	st.blank = r.Blank
	st.reactSwitch = r.Reactions
	for k, v := range r.Pinned {
		if k >= 0 && k < n {
			st.pinned[k] = v
		}
	}
	for k, v := range r.HiddenWords {
		if k >= 0 && k < n {
			st.hiddenWords[k] = slices.Clone(v)
		}
	}
	for k, v := range r.Moderation {
		if k >= 0 && k < n && (v == quizzes.ModerationQueue || v == quizzes.ModerationStream) {
			st.modes[k] = v
		}
	}
	st.countdown = r.Countdown // armed by run (restoreCountdown)
	if r.Game != nil {
		st.game = loadGame(r.Game, n)
		st.s.gameOn = true
		st.s.setTeams(st.game.teams)
	}
}
