package handlers

import (
	"errors"
	"net/netip"
	"strings"
	"time"

	fws "github.com/gofiber/contrib/websocket"
	"github.com/gofiber/fiber/v2"

	"github.com/roundtable-kit/roundtable/errcode"
	"github.com/roundtable-kit/roundtable/live"
	"github.com/roundtable-kit/roundtable/quizzes"
)

// phoneUpgrade finds the session before the upgrade, so an unknown room
// code is a plain 404, not a socket. A room that ended in the last day
// is upgraded, so that a phone reloading late is told the session is over.
func (h *handler) phoneUpgrade(c *fiber.Ctx) error {
	if !fws.IsWebSocketUpgrade(c) {
		return errUpgrade
	}
	if err := h.roomLookup(c); err != nil {
		return err
	}
	s, ended := h.Live.Room(strings.ToUpper(c.Params("code")))
	switch {
	case s != nil:
		c.Locals("session", s)
		c.Locals("source", sourceOf(c.IP()))
	case ended:
		c.Locals("ended", true)
	default:
		h.missed(c)
		return errcode.NotFound.With("No session has this room code.")
	}
	return c.Next()
}

func (h *handler) phoneSocket() fiber.Handler {
	return fws.New(func(ws *fws.Conn) {
		if s, _ := ws.Locals("session").(*live.Session); s != nil {
			src, _ := ws.Locals("source").(netip.Prefix)
			h.servePhone(s, ws, src)
		} else if ended, _ := ws.Locals("ended").(bool); ended {
			h.servePhoneEnded(ws)
		}
	}, wsConfig())
}

// servePhoneEnded answers a phone of a room that ended: its first message
// other than a ping gets session_ended, as join and resume would have just
// before the end, and the socket closes; a phone that says nothing is
// dropped after joinWait.
func (h *handler) servePhoneEnded(ws *fws.Conn) {
	c := newConn(ws, h.Log)
	defer c.stop()
	c.holdFor(joinWait)
	for {
		m, ok := c.read()
		if !ok {
			return
		}
		if m.Type == "ping" {
			c.reply(map[string]string{"type": "pong"})
			continue
		}
		c.fail(live.ErrEnded, m.Ref)
		c.closeWith(1000, "session ended")
		return
	}
}

// afterJoin are the phone's messages that need a participant: sent before
// join or resume, they are refused with not_joined.
var afterJoin = map[string]bool{"answer": true, "go": true, "qa_ask": true, "qa_vote": true, "share": true, "react": true, "lang": true, "role": true}

// servePhone reads a phone's messages until it goes. Answers are handled
// one at a time: the next message is read only after the ack (or error),
// which is also what keeps one phone from flooding the database.
func (h *handler) servePhone(s *live.Session, ws *fws.Conn, src netip.Prefix) {
	c := newConn(ws, h.Log)
	defer c.stop()
	c.holdFor(joinWait)
	pid := ""
	defer func() {
		if pid != "" {
			s.Leave(c.sub)
		}
	}()
	for {
		m, ok := c.read()
		if !ok {
			return
		}
		if pid == "" && afterJoin[m.Type] {
			c.fail(errcode.NotJoined, m.Ref)
			continue
		}
		switch m.Type {
		case "join", "resume":
			if pid != "" {
				c.fail(errcode.AlreadyJoined, nil)
				continue
			}
			var err error
			if m.Type == "join" {
				if ok, d := h.joins.take(src); !ok {
					c.fail(errcode.TooManyJoins.WithFields(map[string]any{"retry_after": retrySeconds(d)}), nil)
					continue
				}
				ctx, cancel := requestContext()
				pid, err = s.Join(ctx, strings.TrimSpace(m.Nick), m.Lang, c.sub)
				cancel()
			} else {
				pid, err = s.Resume(m.Token, c.sub)
			}
			if err != nil {
				pid = ""
				c.fail(err, nil)
				if errors.Is(err, live.ErrEnded) {
					c.closeWith(1000, "session ended")
					return
				}
				continue
			}
			c.hold = false
			ws.SetReadDeadline(time.Now().Add(pongWait))
		case "answer":
			if m.Slide == nil {
				c.fail(errcode.BadChoice.With("An answer names its slide."), m.Ref)
				continue
			}
			ctx, cancel := requestContext()
			got, err := s.Give(ctx, pid, c.sub, *m.Slide, m.response())
			cancel()
			if err != nil {
				c.fail(err, m.Ref)
				continue
			}
			var ref int64
			if m.Ref != nil {
				ref = *m.Ref
			}
			c.reply(live.Ack(ref, *m.Slide, got))
		case "go": // a self-paced phone moves; the slide message is its answer
			if m.Slide == nil {
				c.fail(live.ErrBadSlide.With("A go message names its slide."), m.Ref)
				continue
			}
			ctx, cancel := requestContext()
			err := s.Go(ctx, c.sub, *m.Slide)
			cancel()
			if err != nil {
				c.fail(err, m.Ref)
			}
		case "qa_ask", "qa_vote":
			if ack, err := phoneQA(s, pid, c.sub, m); err != nil {
				c.fail(err, m.Ref)
			} else {
				c.reply(ack)
			}
		case "share":
			if ack, err := phoneShare(s, pid, c.sub, m); err != nil {
				c.fail(err, m.Ref)
			} else {
				c.reply(ack)
			}
		case "react": // no ack: dropped silently when off or over the cap (live.React)
			if m.Emoji == nil {
				c.fail(live.ErrBadEmoji, m.Ref)
				continue
			}
			if err := s.React(pid, c.sub, *m.Emoji); err != nil {
				c.fail(err, m.Ref)
			}
		case "lang":
			_ = s.SetLang(c.sub, m.Lang) // a session that stopped says so on its own
		case "role":
			if m.Role == nil {
				c.fail(errcode.BadChoice.With("A role message names its role."), m.Ref)
				continue
			}
			ctx, cancel := requestContext()
			err := s.SetRole(ctx, pid, *m.Role)
			cancel()
			if err != nil {
				c.fail(err, m.Ref)
				continue
			}
			var ref int64
			if m.Ref != nil {
				ref = *m.Ref
			}
			c.reply(map[string]any{"type": "ack", "ref": ref})
		case "ping":
			c.reply(map[string]string{"type": "pong"})
		default:
			c.fail(errcode.UnknownType, m.Ref)
		}
	}
}

// response is an answer message's answer: its choice, text, words, value or
// skip ("skip": false is no skip). Which one the question takes, and that
// only one is given, is checked by the session (quizzes.Question.Take).
func (m *message) response() quizzes.Response {
	return quizzes.Response{Choice: m.Choice, Text: m.Text, Words: m.Words, Value: m.Value, Skip: m.Skip != nil && *m.Skip}
}
