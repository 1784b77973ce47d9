package handlers

import (
	"github.com/gofiber/fiber/v2"
	qrcode "github.com/skip2/go-qrcode"

	"github.com/roundtable-kit/roundtable/errcode"
)

func (h *handler) sessionQR(c *fiber.Ctx) error {
	ctx, cancel := requestContext()
	defer cancel()
	snap, err := h.snapshot(ctx, c.Params("id"))
	if err != nil {
		return notFoundAs(err, errNoSession)
	}
	size := c.QueryInt("size", 512)
	if size < 128 || size > 1024 {
		return errcode.BadRequest.With("size is between 128 and 1024 pixels.")
	}
	png, err := qrcode.Encode(snap.JoinURL, qrcode.Medium, size)
	if err != nil {
		return err
	}
	c.Type("png")
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Send(png)
}
