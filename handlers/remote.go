package handlers

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"strings"
	"sync"
	"time"

	"github.com/fasthttp/websocket"
	"github.com/gofiber/fiber/v2"
	qrcode "github.com/skip2/go-qrcode"

	"github.com/roundtable-kit/roundtable/errcode"
)

// A phone remote drives one session with a key of its own: made on the
// presenter view (a QR whose URL carries the key in its fragment, so it
// never reaches a log or a Referer), exchanged by the remote page for the
// rt_remote cookie, and good for that session only until it ends or the
// presenter switches the remote off. Keys live in memory: a restart, like
// revoking, asks for a new QR.
const remoteCookie = "rt_remote"

// remoteActions are the host commands a remote may send: moves, and a
// question's steps and the reactions switch, as on the presenter view; the
// rest (end, lock, remove, moderation) stay on the presenter's laptop.
var remoteActions = map[string]bool{"next": true, "prev": true, "reveal": true, "goto": true, "ping": true,
	"close": true, "open": true, "results": true, "reactions": true}

type remotes struct {
	mu sync.Mutex
	m  map[string]*remote // by session id
}

type remote struct {
	hash  [32]byte
	conns map[*conn]struct{} // the remote's open sockets, closed on revoke
}

// issue makes a new key for session id, revoking the one before.
func (r *remotes) issue(id string) (string, error) {
	b := make([]byte, 32) // 256 bits
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	key := base64.RawURLEncoding.EncodeToString(b)
	r.revoke(id)
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.m == nil {
		r.m = map[string]*remote{}
	}
	r.m[id] = &remote{hash: sha256.Sum256([]byte(key)), conns: map[*conn]struct{}{}}
	return key, nil
}

// revoke forgets session id's key and disconnects its remote at once.
func (r *remotes) revoke(id string) {
	r.mu.Lock()
	rm := r.m[id]
	delete(r.m, id)
	r.mu.Unlock()
	if rm == nil {
		return
	}
	for c := range rm.conns {
		c.fail(errcode.RemoteKey, nil)
		c.closeWith(websocket.ClosePolicyViolation, "remote revoked")
		// The reader may be waiting for a message: wake it now. The
		// writer sends the error and the close frame first.
		c.ws.SetReadDeadline(time.Now().Add(200 * time.Millisecond))
	}
}

// valid reports whether key is session id's remote key, comparing hashes
// in constant time.
func (r *remotes) valid(id, key string) bool {
	if key == "" {
		return false
	}
	r.mu.Lock()
	rm := r.m[id]
	r.mu.Unlock()
	if rm == nil {
		return false
	}
	h := sha256.Sum256([]byte(key))
	return subtle.ConstantTimeCompare(h[:], rm.hash[:]) == 1
}

// attach keeps a remote's socket so revoking can close it; false when the
// key was revoked meanwhile.
func (r *remotes) attach(id string, c *conn) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	rm := r.m[id]
	if rm == nil {
		return false
	}
	rm.conns[c] = struct{}{}
	return true
}

func (r *remotes) attached(id string, c *conn) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	rm := r.m[id]
	if rm == nil {
		return false
	}
	_, ok := rm.conns[c]
	return ok
}

func (r *remotes) detach(id string, c *conn) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if rm := r.m[id]; rm != nil {
		delete(rm.conns, c)
	}
}

// remoteKeyOf is the remote key a request carries: the cookie, or a bearer
// token for a script.
func remoteKeyOf(c *fiber.Ctx) string {
	if auth := c.Get(fiber.HeaderAuthorization); strings.HasPrefix(auth, "Bearer ") {
		return strings.TrimPrefix(auth, "Bearer ")
	}
	return c.Cookies(remoteCookie)
}

// remoteFor reports whether the request carries a working remote key for
// session id: one issued for it, not revoked, the session still running.
func (h *handler) remoteFor(c *fiber.Ctx, id string) bool {
	if !h.remotes.valid(id, remoteKeyOf(c)) {
		return false
	}
	if s := h.Live.Get(id); s == nil || s.Ended() {
		h.remotes.revoke(id)
		return false
	}
	return true
}

// requireHostOrRemote guards the few routes a phone remote may use (the
// host socket, a session's state, its next/prev/reveal/goto, close/open,
// live results and the reactions switch): the host
// key, or the remote key of this session. Locals "remote" marks a remote.
func (h *handler) requireHostOrRemote(c *fiber.Ctx) error {
	if h.isHost(c) {
		return c.Next()
	}
	if h.remoteFor(c, c.Params("id")) {
		c.Locals("remote", true)
		return c.Next()
	}
	if c.Cookies(remoteCookie) != "" {
		return errcode.RemoteKey
	}
	return errUnauthorized
}

// remoteStart makes a new remote key for a running session and answers
// its URL and a QR of it; any earlier remote of the session stops.
func (h *handler) remoteStart(c *fiber.Ctx) error {
	id := c.Params("id")
	s := h.Live.Get(id)
	if s == nil || s.Ended() {
		return h.notRunning(id)
	}
	key, err := h.remotes.issue(id)
	if err != nil {
		return err
	}
	u := h.Network.Base() + "/remote/s/" + id + "#" + key
	png, err := qrcode.Encode(u, qrcode.Medium, 512)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(fiber.Map{"url": u, "qr": "data:image/png;base64," + base64.StdEncoding.EncodeToString(png)})
}

// remoteStop switches the session's remote off and disconnects it.
func (h *handler) remoteStop(c *fiber.Ctx) error {
	h.remotes.revoke(c.Params("id"))
	return c.SendStatus(fiber.StatusNoContent)
}

// remoteLogin trades the key from the remote page's fragment for the
// rt_remote cookie, so the key leaves the address bar and the page's
// script never holds it again.
func (h *handler) remoteLogin(c *fiber.Ctx) error {
	var req struct {
		Key string `json:"key"`
	}
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	id := c.Params("id")
	if !h.remotes.valid(id, req.Key) {
		return errcode.RemoteKey
	}
	if s := h.Live.Get(id); s == nil || s.Ended() {
		h.remotes.revoke(id)
		return errcode.RemoteKey
	}
	c.Cookie(&fiber.Cookie{Name: remoteCookie, Value: req.Key, Path: "/", HTTPOnly: true, SameSite: fiber.CookieSameSiteStrictMode})
	return c.SendStatus(fiber.StatusNoContent)
}

// notRunning is the error for a session that is not live: ended, or none.
func (h *handler) notRunning(id string) error {
	ctx, cancel := requestContext()
	defer cancel()
	if _, err := h.Store.Session(ctx, id); err != nil {
		return notFoundAs(err, errNoSession)
	}
	return errcode.SessionEnded
}
