// Package phoneclient is a phone written from PROTOCOL.md alone: the kit's
// tests, the load generator and scripts use it to play participants.
package phoneclient

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/fasthttp/websocket"
)

// Slide is the slide message.
type Slide struct {
	Index    int    `json:"index"`
	Total    int    `json:"total"`
	Phase    string `json:"phase"`
	Title    string `json:"title"`
	Question *struct {
		ID      string   `json:"id"`
		Kind    string   `json:"kind"`
		Prompt  string   `json:"prompt"`
		Options []string `json:"options"`
		// The room's voice kinds' settings, when set.
		MaxChars  int      `json:"max_chars"`
		Entries   int      `json:"entries"`
		Points    int      `json:"points"`
		Low       string   `json:"low"`
		High      string   `json:"high"`
		Min       *float64 `json:"min"`
		Max       *float64 `json:"max"`
		Step      float64  `json:"step"`
		PreferNot bool     `json:"prefer_not"`
		Open      string   `json:"open"` // feedback: its open question
	} `json:"question"`
	Countdown int `json:"countdown"` // seconds left, while a countdown runs
	// Resources: a resources slide, showing the local contacts (the
	// phone has them from GET /j/{code}/help).
	Resources bool `json:"resources"`
	// A self-paced session's: this phone moves on its own, a content
	// slide's body, when the session closes.
	Pace     bool       `json:"pace"`
	HTML     string     `json:"html"`
	ClosesAt *time.Time `json:"closes_at"`
	Reveal   *struct {
		Correct     []int  `json:"correct"`
		Counts      []int  `json:"counts"`
		Total       int    `json:"total"`
		Explanation string `json:"explanation"`
		// A room's voice question's summary (PROTOCOL.md, Summaries).
		Skipped   *int        `json:"skipped"`
		Median    *float64    `json:"median"`
		Mean      *float64    `json:"mean"` // feedback
		Answer    *float64    `json:"answer"`
		Right     *int        `json:"right"`
		MeanRanks []float64   `json:"mean_ranks"`
		Ranks     [][]int     `json:"ranks"`
		Accepted  []string    `json:"accepted"`
		Words     []WordCount `json:"words"`
		Texts     []TextCard  `json:"texts"`
		Histogram *struct {
			Min, Max float64
			Counts   []int
		} `json:"histogram"`
		Pending *int `json:"pending"` // never sent to phones
	} `json:"reveal"`
	Reactions bool `json:"reactions"` // the phone may send react now
	// Handout is the deck's take-home material, on the ended slide only
	// (PROTOCOL.md, Take-home handout).
	Handout string `json:"handout"`
}

// WordCount is a word of a cloud and how many gave it.
type WordCount struct {
	Text  string `json:"text"`
	Count int    `json:"count"`
}

// TextCard is an open text shown to the room.
type TextCard struct {
	ID     string `json:"id"`
	Text   string `json:"text"`
	Pinned bool   `json:"pinned"`
}

// Given is an answer that is not a choice: one field is set.
type Given struct {
	Text  *string  `json:"text,omitempty"`
	Words []string `json:"words,omitempty"`
	Value *float64 `json:"value,omitempty"`
	Skip  bool     `json:"skip,omitempty"`
}

// Message is any server message; the fields of its type are set.
type Message struct {
	Type        string           `json:"type"`
	Participant string           `json:"participant"`
	Token       string           `json:"token"`
	Nick        string           `json:"nick"`
	Resumed     bool             `json:"resumed"`
	Answers     map[string][]int `json:"answers"`
	// Share is the deck's "Share your experience" prompt by language
	// (welcome), when the deck offers it.
	Share   map[string]string `json:"share"`
	Code    string            `json:"code"`
	Message string            `json:"message"`
	Ref     *int64            `json:"ref"`
	Slide   json.RawMessage   `json:"slide"`
	Choice  []int             `json:"choice"`
	Given   map[string]Given  `json:"given"` // welcome
	Given1  Given             `json:"-"`     // an ack's text, words, value or skip
	Reason  string            `json:"reason"`
	// qa_ack: the question's id, its status (an ask) or the vote (a vote).
	ID     string `json:"id"`
	Status string `json:"status"`
	Voted  *bool  `json:"voted"`
	// error: seconds to wait (rate_limited, too_many_joins).
	RetryAfter int       `json:"retry_after"`
	Raw        []byte    `json:"-"`
	At         time.Time `json:"-"`
}

// Error is an error message from the server.
type Error struct{ Code, Message string }

func (e *Error) Error() string { return e.Code + ": " + e.Message }

// Phone is one participant's connection.
type Phone struct {
	WS          *websocket.Conn
	Participant string
	Token       string
	Nick        string
	Answers     map[string][]int
	Given       map[string]Given
	Share       map[string]string // the welcome's share offer

	in      chan Message
	wmu     sync.Mutex
	ref     atomic.Int64
	mu      sync.Mutex
	slide   Slide
	rank    Rank
	qa      QA
	closed  chan struct{}
	readErr error
}

// Dialer is shared by phones; its zero value is fine.
var Dialer = &websocket.Dialer{HandshakeTimeout: 10 * time.Second, ReadBufferSize: 1024, WriteBufferSize: 1024}

// Dial opens the phone socket of room code at base ("http://host:port").
func Dial(ctx context.Context, base, code string, header http.Header) (*Phone, error) {
	return DialFrom(ctx, base, code, header, nil)
}

// DialFrom is Dial from the local address src (nil: any). The kit limits
// joins per source address, so a test or load run standing for many homes
// spreads its phones over 127.0.0.0/8, as real phones have addresses of
// their own.
func DialFrom(ctx context.Context, base, code string, header http.Header, src net.IP) (*Phone, error) {
	u := strings.Replace(base, "http", "ws", 1) + "/ws/join/" + code
	d := Dialer
	if src != nil {
		from := *Dialer
		nd := &net.Dialer{LocalAddr: &net.TCPAddr{IP: src}}
		from.NetDialContext = nd.DialContext
		d = &from
	}
	ws, resp, err := d.DialContext(ctx, u, header)
	if err != nil {
		if resp != nil {
			return nil, fmt.Errorf("phoneclient: dial %s: %w (HTTP %d)", u, err, resp.StatusCode)
		}
		return nil, fmt.Errorf("phoneclient: dial %s: %w", u, err)
	}
	p := &Phone{WS: ws, in: make(chan Message, 256), closed: make(chan struct{})}
	go p.reader()
	return p, nil
}

func (p *Phone) reader() {
	defer close(p.closed)
	defer close(p.in)
	for {
		_, data, err := p.WS.ReadMessage()
		if err != nil {
			p.readErr = err
			return
		}
		var m Message
		if err := json.Unmarshal(data, &m); err != nil {
			continue
		}
		m.Raw, m.At = data, time.Now()
		if m.Type == "ack" {
			json.Unmarshal(data, &m.Given1)
		}
		if m.Type == "rank" {
			var r Rank
			json.Unmarshal(data, &r)
			p.mu.Lock()
			p.rank = r
			p.mu.Unlock()
		}
		if m.Type == "slide" {
			var s Slide
			json.Unmarshal(data, &s)
			p.mu.Lock()
			p.slide = s
			p.mu.Unlock()
		}
		if m.Type == "qa" {
			var q QA
			json.Unmarshal(data, &q)
			p.mu.Lock()
			p.qa = q
			p.mu.Unlock()
		}
		select {
		case p.in <- m:
		default: // the test is not reading messages it does not wait for
		}
	}
}

// Closed is closed when the socket is.
func (p *Phone) Closed() <-chan struct{} { return p.closed }

// Send writes one message.
func (p *Phone) Send(v any) error {
	p.wmu.Lock()
	defer p.wmu.Unlock()
	p.WS.SetWriteDeadline(time.Now().Add(10 * time.Second))
	return p.WS.WriteJSON(v)
}

// SendRaw writes a raw text frame.
func (p *Phone) SendRaw(b []byte) error {
	p.wmu.Lock()
	defer p.wmu.Unlock()
	return p.WS.WriteMessage(websocket.TextMessage, b)
}

// Next returns the next message, or an error at the deadline or close.
func (p *Phone) Next(timeout time.Duration) (Message, error) {
	select {
	case m, ok := <-p.in:
		if !ok {
			return m, fmt.Errorf("phoneclient: closed: %v", p.readErr)
		}
		return m, nil
	case <-time.After(timeout):
		return Message{}, errors.New("phoneclient: no message in time")
	}
}

// WaitFor returns the first message for which match is true.
func (p *Phone) WaitFor(timeout time.Duration, match func(Message) bool) (Message, error) {
	deadline := time.Now().Add(timeout)
	for {
		m, err := p.Next(time.Until(deadline))
		if err != nil {
			return m, err
		}
		if match(m) {
			return m, nil
		}
	}
}

func (p *Phone) welcome(timeout time.Duration) error {
	m, err := p.WaitFor(timeout, func(m Message) bool { return m.Type == "welcome" || m.Type == "error" })
	if err != nil {
		return err
	}
	if m.Type == "error" {
		return &Error{m.Code, m.Message}
	}
	p.Participant, p.Token, p.Nick, p.Answers, p.Given = m.Participant, m.Token, m.Nick, m.Answers, m.Given
	p.Share = m.Share
	return nil
}

// Join joins as a new participant.
func (p *Phone) Join(nick, lang string) error {
	if err := p.Send(map[string]string{"type": "join", "nick": nick, "lang": lang}); err != nil {
		return err
	}
	return p.welcome(15 * time.Second)
}

// SetRole answers the deck's join question (an index into its options)
// and waits for its ack.
func (p *Phone) SetRole(role int) error {
	ref := p.ref.Add(1)
	if err := p.Send(map[string]any{"type": "role", "role": role, "ref": ref}); err != nil {
		return err
	}
	m, err := p.WaitFor(20*time.Second, func(m Message) bool {
		return (m.Type == "ack" || m.Type == "error") && m.Ref != nil && *m.Ref == ref
	})
	if err == nil && m.Type == "error" {
		err = &Error{m.Code, m.Message}
	}
	return err
}

// Resume comes back as the participant holding token.
func (p *Phone) Resume(token string) error {
	if err := p.Send(map[string]string{"type": "resume", "token": token}); err != nil {
		return err
	}
	return p.welcome(15 * time.Second)
}

// Answer sends an answer and waits for its ack (or error).
func (p *Phone) Answer(slide int, choice []int) (Message, error) {
	return p.Give(slide, map[string]any{"choice": choice})
}

// AnswerText answers an open or typeanswer question.
func (p *Phone) AnswerText(slide int, text string) (Message, error) {
	return p.Give(slide, map[string]any{"text": text})
}

// AnswerWords answers a word cloud.
func (p *Phone) AnswerWords(slide int, words ...string) (Message, error) {
	return p.Give(slide, map[string]any{"words": words})
}

// AnswerValue answers a scale or number question.
func (p *Phone) AnswerValue(slide int, v float64) (Message, error) {
	return p.Give(slide, map[string]any{"value": v})
}

// Skip prefers not to answer.
func (p *Phone) Skip(slide int) (Message, error) {
	return p.Give(slide, map[string]any{"skip": true})
}

// Give sends an answer with the fields given (choice, text, words, value
// or skip; any others a test wants to try) and waits for its ack (or
// error).
func (p *Phone) Give(slide int, fields map[string]any) (Message, error) {
	ref := p.ref.Add(1)
	msg := map[string]any{"type": "answer", "slide": slide, "ref": ref}
	for k, v := range fields {
		msg[k] = v
	}
	if err := p.Send(msg); err != nil {
		return Message{}, err
	}
	m, err := p.WaitFor(20*time.Second, func(m Message) bool {
		return (m.Type == "ack" || m.Type == "error") && m.Ref != nil && *m.Ref == ref
	})
	if err != nil {
		return m, err
	}
	if m.Type == "error" {
		return m, &Error{m.Code, m.Message}
	}
	return m, nil
}

// Go moves a phone of a self-paced session to slide and waits for that
// slide's message (or an error).
func (p *Phone) Go(slide int) (Slide, error) {
	ref := p.ref.Add(1)
	if err := p.Send(map[string]any{"type": "go", "slide": slide, "ref": ref}); err != nil {
		return Slide{}, err
	}
	m, err := p.WaitFor(20*time.Second, func(m Message) bool {
		return (m.Type == "slide" && p.Slide().Index == slide) || (m.Type == "error" && m.Ref != nil && *m.Ref == ref)
	})
	if err != nil {
		return Slide{}, err
	}
	if m.Type == "error" {
		return Slide{}, &Error{m.Code, m.Message}
	}
	return p.Slide(), nil
}

// React sends a reaction (an index into the reactions, PROTOCOL.md). None
// is acked: a reaction over the cap or while they are off is dropped.
func (p *Phone) React(emoji int) error {
	return p.Send(map[string]any{"type": "react", "emoji": emoji})
}

// Ping sends a ping and waits for its pong: every message sent before it
// has been handled by then.
func (p *Phone) Ping() error {
	if err := p.Send(map[string]string{"type": "ping"}); err != nil {
		return err
	}
	_, err := p.WaitFor(20*time.Second, func(m Message) bool { return m.Type == "pong" })
	return err
}

// Slide returns the last slide message received.
func (p *Phone) Slide() Slide {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.slide
}

// WaitSlide waits until the current slide matches.
func (p *Phone) WaitSlide(timeout time.Duration, match func(Slide) bool) (Slide, error) {
	if s := p.Slide(); match(s) {
		return s, nil
	}
	_, err := p.WaitFor(timeout, func(m Message) bool { return m.Type == "slide" && match(p.Slide()) })
	return p.Slide(), err
}

// Close closes the socket.
func (p *Phone) Close() error { return p.WS.Close() }

// Rank is game mode's rank message: the phone's own standing after a
// reveal (PROTOCOL.md).
type Rank struct {
	Slide  int    `json:"slide"`
	Nick   string `json:"nick"`
	Points int    `json:"points"`
	Gained int    `json:"gained"`
	Rank   int    `json:"rank"`
	Of     int    `json:"of"`
	Streak int    `json:"streak"`
	Final  bool   `json:"final"`
	// A game with teams: the phone's team, its rank and points (mean).
	Team       int `json:"team"`
	TeamRank   int `json:"team_rank"`
	TeamPoints int `json:"team_points"`
	// TeamName is the team's name when the deck's join question picks
	// the teams (its option's text).
	TeamName string `json:"team_name"`
}

// Rank returns the last rank message received (zero before any).
func (p *Phone) Rank() Rank {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.rank
}

// WaitRank waits until the last rank message matches.
func (p *Phone) WaitRank(timeout time.Duration, match func(Rank) bool) (Rank, error) {
	if r := p.Rank(); match(r) {
		return r, nil
	}
	_, err := p.WaitFor(timeout, func(m Message) bool { return m.Type == "rank" && match(p.Rank()) })
	return p.Rank(), err
}

// QA is the qa message: the anonymous Q&A as this phone sees it.
type QA struct {
	Open      bool         `json:"open"`
	Sort      string       `json:"sort"`
	Questions []QAQuestion `json:"questions"`
}

// QAQuestion is one question of the qa message.
type QAQuestion struct {
	ID       string `json:"id"`
	Text     string `json:"text"`
	Votes    int    `json:"votes"`
	Voted    bool   `json:"voted"`
	Answered bool   `json:"answered"`
	Mine     bool   `json:"mine"`
	Pending  bool   `json:"pending"`
}

// QA returns the last qa message received.
func (p *Phone) QA() QA {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.qa
}

// WaitQA waits until the last qa message matches.
func (p *Phone) WaitQA(timeout time.Duration, match func(QA) bool) (QA, error) {
	if q := p.QA(); match(q) {
		return q, nil
	}
	_, err := p.WaitFor(timeout, func(m Message) bool { return m.Type == "qa" && match(p.QA()) })
	return p.QA(), err
}

// request sends v with a new ref and waits for the reply of type want (or
// an error) carrying it.
func (p *Phone) request(v map[string]any, want string) (Message, error) {
	ref := p.ref.Add(1)
	v["ref"] = ref
	if err := p.Send(v); err != nil {
		return Message{}, err
	}
	m, err := p.WaitFor(20*time.Second, func(m Message) bool {
		return (m.Type == want || m.Type == "error") && m.Ref != nil && *m.Ref == ref
	})
	if err != nil {
		return m, err
	}
	if m.Type == "error" {
		return m, &Error{m.Code, m.Message}
	}
	return m, nil
}

// Ask sends a question to the Q&A and waits for its qa_ack (ID, Status).
func (p *Phone) Ask(text string) (Message, error) {
	return p.request(map[string]any{"type": "qa_ask", "text": text}, "qa_ack")
}

// ShareExperience sends an entry of "Share your experience" and waits for
// its share_ack (or the error).
func (p *Phone) ShareExperience(text string) (Message, error) {
	return p.request(map[string]any{"type": "share", "text": text}, "share_ack")
}

// Feedback answers a feedback question: the value, and the open answer
// when text is not "".
func (p *Phone) Feedback(slide int, value float64, text string) (Message, error) {
	f := map[string]any{"value": value}
	if text != "" {
		f["text"] = text
	}
	return p.Give(slide, f)
}

// Vote votes for a question (up) or withdraws the vote, and waits for its
// qa_ack (Voted).
func (p *Phone) Vote(id string, up bool) (Message, error) {
	return p.request(map[string]any{"type": "qa_vote", "id": id, "up": up}, "qa_ack")
}
