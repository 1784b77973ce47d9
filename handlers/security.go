package handlers

import (
	"crypto/sha256"
	"crypto/subtle"
	"net/url"
	"strings"

	fws "github.com/gofiber/contrib/websocket"
	"github.com/gofiber/fiber/v2"
)

const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; " +
	"connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"

// securityHeaders goes on every response: no inline script can run, no
// other site can frame a page, nothing is sniffed or leaked in a Referer.
func securityHeaders(c *fiber.Ctx) error {
	c.Set("X-Content-Type-Options", "nosniff")
	if subresource(c.Path()) {
		return c.Next()
	}
	c.Set("Content-Security-Policy", contentSecurityPolicy)
	c.Set("X-Frame-Options", "DENY")
	c.Set("Referrer-Policy", "no-referrer")
	c.Set("Cross-Origin-Opener-Policy", "same-origin")
	return c.Next()
}

// subresource reports a script or stylesheet of the pages. The document
// that loads it is governed by its own CSP, framing and referrer policy,
// which mean nothing on the script's response, so they are left off: 0.2 KB
// on each of the phone's files, against its 16 KB budget. nosniff stays
// (it is what keeps a file from being run as another type). Everything
// else, pages, SVG images and JSON included, gets every header.
func subresource(path string) bool {
	return strings.HasPrefix(path, "/static/") && (strings.HasSuffix(path, ".js") || strings.HasSuffix(path, ".css"))
}

const hostCookie = "rt_host"

// isHost reports whether the request carries the host key, as a bearer
// token or the cookie. Keys are compared as hashes in constant time, so
// neither their content nor their length leaks through timing.
func (h *handler) isHost(c *fiber.Ctx) bool {
	key := c.Cookies(hostCookie)
	if auth := c.Get(fiber.HeaderAuthorization); strings.HasPrefix(auth, "Bearer ") {
		key = strings.TrimPrefix(auth, "Bearer ")
	}
	return h.keyMatches(key)
}

func (h *handler) keyMatches(key string) bool {
	if key == "" {
		return false
	}
	a := sha256.Sum256([]byte(key))
	b := sha256.Sum256([]byte(h.HostKey))
	return subtle.ConstantTimeCompare(a[:], b[:]) == 1
}

// requireHost guards everything but health, the phone page, joining and
// answering.
func (h *handler) requireHost(c *fiber.Ctx) error {
	if !h.isHost(c) {
		return errUnauthorized
	}
	return c.Next()
}

// sameOrigin refuses a request whose Origin names another host than the one
// it was sent to: a page on another site must not drive or join a session
// through the visitor's browser. A browser that sends no Origin still says
// where a request came from in Sec-Fetch-Site: a state-changing request or
// a socket from another site is refused. Scripts send neither and pass.
func sameOrigin(c *fiber.Ctx) error {
	origin := c.Get(fiber.HeaderOrigin)
	if origin == "" {
		if crossSite(c.Get("Sec-Fetch-Site")) && changesState(c) {
			return errOrigin
		}
		return c.Next()
	}
	u, err := url.Parse(origin)
	if err != nil || !strings.EqualFold(u.Host, string(c.Request().Host())) {
		return errOrigin
	}
	return c.Next()
}

// crossSite reports whether a Sec-Fetch-Site value names another origin:
// "same-site" is another port or subdomain, still not this kit.
func crossSite(v string) bool { return v == "cross-site" || v == "same-site" }

// changesState is every method but the safe ones, and a socket upgrade
// (a socket joins, answers and drives).
func changesState(c *fiber.Ctx) bool {
	switch c.Method() {
	case fiber.MethodGet, fiber.MethodHead, fiber.MethodOptions:
		return fws.IsWebSocketUpgrade(c)
	}
	return true
}
