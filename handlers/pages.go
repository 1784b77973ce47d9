package handlers

import (
	"strings"

	"github.com/gofiber/fiber/v2"
)

func (h *handler) health(c *fiber.Ctx) error {
	status := "ok"
	if !h.Store.Healthy() {
		status = "degraded"
	}
	return c.JSON(fiber.Map{"status": status, "version": h.Version, "storage": map[bool]string{true: "ok", false: "failing"}[h.Store.Healthy()]})
}

// home sends the presenter to the deck list and anyone else to the phone
// page, where a room code can be typed.
func (h *handler) home(c *fiber.Ctx) error {
	if h.isHost(c) {
		return c.Redirect("/host", fiber.StatusSeeOther)
	}
	return h.sendPage(c, "phone.html")
}

func (h *handler) page(name string) fiber.Handler {
	return func(c *fiber.Ctx) error { return h.sendPage(c, name) }
}

func (h *handler) sendPage(c *fiber.Ctx, name string) error {
	c.Set(fiber.HeaderCacheControl, "no-store")
	return h.pages[name].send(c)
}

// hostLogin turns /host?key=KEY into the host cookie and takes the key out
// of the address bar (and so out of the browser's history).
func (h *handler) hostLogin(c *fiber.Ctx) error {
	key := c.Query("key")
	if key == "" {
		return c.Next()
	}
	if !h.keyMatches(key) {
		return errUnauthorized
	}
	c.Cookie(&fiber.Cookie{Name: hostCookie, Value: h.HostKey, Path: "/", HTTPOnly: true, SameSite: fiber.CookieSameSiteStrictMode})
	return c.Redirect("/host", fiber.StatusSeeOther)
}

// phonePage serves the phone page for a live room code, or for one that
// ended in the last day (the page then learns over its socket that the
// session is over), or a friendly "no such room" page in the phone's
// language.
func (h *handler) phonePage(c *fiber.Ctx) error {
	if err := h.roomLookup(c); err != nil {
		if !wantsHTML(c) {
			return err // a script keeps the JSON refusal (API.md)
		}
		// A phone's browser gets a page in its language; Retry-After is set.
		// Not the deck's language: that would tell which codes exist.
		c.Status(fiber.StatusTooManyRequests)
		c.Type("html", "utf-8")
		c.Set(fiber.HeaderCacheControl, "no-store")
		return c.Send(h.messagePage(preferredLang(c.Get(fiber.HeaderAcceptLanguage)), true, c.Path()))
	}
	code := strings.ToUpper(c.Params("code"))
	if s, ended := h.Live.Room(code); s != nil || ended {
		if s != nil && h.pages["phone."+s.Deck.Lang+".html"] != nil {
			if s.Game() {
				return h.sendPage(c, "phone."+s.Deck.Lang+".game.html")
			}
			return h.sendPage(c, "phone."+s.Deck.Lang+".html")
		}
		return h.sendPage(c, "phone.html")
	}
	h.missed(c)
	lang := preferredLang(c.Get(fiber.HeaderAcceptLanguage))
	c.Status(fiber.StatusNotFound)
	c.Type("html", "utf-8")
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Send(h.notFoundPage(lang))
}

func (h *handler) notFoundPage(lang string) []byte { return h.messagePage(lang, false, "") }

// messagePage is the phone's small page of one message (notfound.html):
// "no such room", or (wait) "wait a moment and try again" with a link to
// href.
func (h *handler) messagePage(lang string, wait bool, href string) []byte {
	keys := [4]string{"notfound.title", "notfound.message", "notfound.hint", "notfound.link"}
	if wait {
		keys = [4]string{"notfound.waitTitle", "notfound.waitMessage", "notfound.waitHint", "notfound.waitLink"}
	}
	return h.notFoundOf(notFoundData{pageBase: pageBase{Lang: lang, ServerLang: true}, Wait: wait, Href: href,
		Title: h.t(lang, keys[0]), Message: h.t(lang, keys[1]), Retry: h.t(lang, keys[2]), Link: h.t(lang, keys[3])})
}

// notFoundData fills the one page of a message: no such room, a
// take-home material (Handout) not found, or (Wait) too many tries, with a
// link back to Href.
type notFoundData struct {
	pageBase
	Handout, Wait                     bool
	Title, Message, Retry, Link, Href string
}

func (h *handler) notFoundOf(data notFoundData) []byte {
	b, err := renderPage(h.notFound, data)
	if err != nil {
		h.Log.Error("unable to render the not-found page", "err", err)
	}
	return b
}

// wantsHTML reports whether the request is a browser's page load (its
// Accept names text/html), not a script's.
func wantsHTML(c *fiber.Ctx) bool {
	return strings.Contains(c.Get(fiber.HeaderAccept), "text/html")
}

// preferredLang picks "es" when the browser prefers Spanish over English.
func preferredLang(accept string) string {
	for _, part := range strings.Split(accept, ",") {
		tag := strings.ToLower(strings.TrimSpace(strings.SplitN(part, ";", 2)[0]))
		switch {
		case strings.HasPrefix(tag, "es"):
			return "es"
		case strings.HasPrefix(tag, "en"):
			return "en"
		}
	}
	return "en"
}
