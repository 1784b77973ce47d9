package handlers

import (
	"time"

	fws "github.com/gofiber/contrib/websocket"
	"github.com/gofiber/fiber/v2"

	"github.com/roundtable-kit/roundtable/errcode"
	"github.com/roundtable-kit/roundtable/live"
)

func (h *handler) hostUpgrade(c *fiber.Ctx) error {
	if !fws.IsWebSocketUpgrade(c) {
		return errUpgrade
	}
	s := h.Live.Get(c.Params("id"))
	if s == nil { // ended: a presenter view reloading still sees the end
		ctx, cancel := requestContext()
		defer cancel()
		var err error
		if s, err = h.Live.Ended(ctx, c.Params("id")); err != nil {
			return notFoundAs(err, errNoSession) // a store that fails is not "no such session"
		}
		if s == nil {
			return errNoSession
		}
	}
	c.Locals("session", s)
	return c.Next()
}

func (h *handler) hostSocket() fiber.Handler {
	return fws.New(func(ws *fws.Conn) {
		s, _ := ws.Locals("session").(*live.Session)
		if s == nil {
			return
		}
		remote, _ := ws.Locals("remote").(bool)
		h.serveHost(s, ws, remote)
	}, wsConfig())
}

// serveHost feeds a presenter view and takes its commands.
// A phone remote (remote) may only move and reveal (remoteActions).
func (h *handler) serveHost(s *live.Session, ws *fws.Conn, remote bool) {
	c := newConn(ws, h.Log)
	defer c.stop()
	defer s.Leave(c.sub)
	if remote {
		if !h.remotes.attach(s.ID, c) { // revoked since the upgrade
			c.fail(errcode.RemoteKey, nil)
			return
		}
		defer h.remotes.detach(s.ID, c)
	}
	ws.SetReadDeadline(time.Now().Add(pongWait))
	if err := s.Subscribe(c.sub); err != nil {
		c.fail(live.ErrShuttingDown, nil)
		return
	}
	for {
		m, ok := c.read()
		if !ok {
			return
		}
		if remote && !h.remotes.attached(s.ID, c) { // revoked while this message came
			return
		}
		if remote && !remoteActions[m.Type] {
			c.fail(errcode.RemoteForbidden, m.Ref)
			continue
		}
		switch m.Type {
		case "next", "prev", "reveal", "end", "goto", "close", "open", "results", "countdown", "blank":
			if m.Type == "goto" && m.Slide == nil {
				c.fail(errcode.BadSlide.With(`goto takes {"slide": n}.`), m.Ref)
				continue
			}
			args := driveArgs{Show: m.Show, Seconds: m.Seconds, Blank: m.Blank}
			if msg := args.check(m.Type); msg != "" {
				c.fail(errcode.BadMessage.With(msg), m.Ref)
				continue
			}
			if _, err := h.driveOn(s, m.Type, m.Slide, m.On, args); err != nil {
				c.fail(err, m.Ref)
			}
		case "lock", "unlock":
			if _, err := s.Lock(m.Type == "lock"); err != nil {
				c.fail(err, m.Ref)
			}
		case "remove":
			ctx, cancel := requestContext()
			_, err := s.Remove(ctx, m.Participant, m.DeleteAnswers)
			cancel()
			if err != nil {
				c.fail(err, m.Ref)
			}
		case "moderate", "moderation", "hide_word":
			if err := h.moderate(s, m); err != nil {
				c.fail(err, m.Ref)
			}
		case "ping":
			c.reply(map[string]string{"type": "pong"})
		default:
			c.fail(errcode.UnknownType, m.Ref)
		}
	}
}
