package handlers

import (
	"github.com/gofiber/fiber/v2"
)

// requireHostPage guards the presenter's pages: a browser without the host
// cookie gets a page, in its language, asking for the presenter link
// (status 401), not the API's JSON refusal.
func (h *handler) requireHostPage(c *fiber.Ctx) error {
	if h.isHost(c) {
		return c.Next()
	}
	lang := preferredLang(c.Get(fiber.HeaderAcceptLanguage))
	data := struct {
		pageBase
		Title, Message, Hint, Join string
	}{pageBase{Lang: lang}, h.t(lang, "needkey.title"), h.t(lang, "needkey.message"), h.t(lang, "needkey.hint"), h.t(lang, "needkey.join")}
	b, err := renderPage(h.needKey, data)
	if err != nil {
		h.Log.Error("unable to render the presenter-link page", "err", err)
	}
	c.Status(fiber.StatusUnauthorized)
	c.Type("html", "utf-8")
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Send(b)
}

// favicon answers the browser's own request for /favicon.ico with the
// kit's icon (the pages name /static/favicon.svg).
func (h *handler) favicon(c *fiber.Ctx) error {
	a := h.assets["/favicon.svg"]
	if a == nil {
		return errNotFound
	}
	return a.serve(c)
}
