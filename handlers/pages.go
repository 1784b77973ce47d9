package handlers

import (
	"bytes"
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
		return err
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

func (h *handler) notFoundPage(lang string) []byte {
	var buf bytes.Buffer
	data := struct{ Lang, Title, Message, Retry, Link string }{lang, h.t(lang, "notfound.title"), h.t(lang, "notfound.message"), h.t(lang, "notfound.hint"), h.t(lang, "notfound.link")}
	if err := h.notFound.Execute(&buf, data); err != nil {
		h.Log.Error("unable to render the not-found page", "err", err)
	}
	return buf.Bytes()
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
