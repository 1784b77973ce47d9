package handlers

import (
	"bytes"
	"encoding/json"

	"github.com/gofiber/fiber/v2"

	"github.com/roundtable-kit/roundtable/errcode"
)

// maxJSON bounds a JSON request body.
const maxJSON = 64 << 10

// decodeJSON reads a small JSON object body into v, strictly.
func decodeJSON(c *fiber.Ctx, v any) error { return decodeJSONLimit(c, v, maxJSON) }

func decodeJSONLimit(c *fiber.Ctx, v any, limit int) error {
	body := c.Body()
	if len(body) > limit {
		return errcode.TooLarge.With("The request body is too large.")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return errcode.BadJSON.With(errcode.BadJSON.Message + " " + err.Error())
	}
	return nil
}
