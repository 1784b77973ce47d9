package handlers

import (
	"encoding/json"
	"strings"

	"github.com/gofiber/fiber/v2"
	qrcode "github.com/skip2/go-qrcode"

	"github.com/roundtable-kit/roundtable/errcode"
)

// WifiSetting is the key, in the database's meta table, of the network the
// audience screen's lobby offers as a QR (for a laptop that is the room's
// hotspot); -wifi-ssid and -wifi-pass write it at start.
const WifiSetting = "wifi"

// Wifi is the network a lobby shows: the name in text, the password only
// inside the QR.
type Wifi struct {
	SSID     string `json:"ssid"`
	Password string `json:"password"`
}

// QRText is the network as phones read it from a QR (the WIFI: scheme):
// \ ; , : and " escaped with a backslash; no password is an open network.
func (w Wifi) QRText() string {
	esc := strings.NewReplacer(`\`, `\\`, `;`, `\;`, `,`, `\,`, `:`, `\:`, `"`, `\"`)
	if w.Password == "" {
		return "WIFI:T:nopass;S:" + esc.Replace(w.SSID) + ";;"
	}
	return "WIFI:T:WPA;S:" + esc.Replace(w.SSID) + ";P:" + esc.Replace(w.Password) + ";;"
}

// Valid bounds the setting: a network name is 1–32 bytes, a WPA password
// 8–63 characters (or none, for an open network).
func (w Wifi) Valid() error {
	if len(w.SSID) > 32 || (w.SSID == "" && w.Password != "") {
		return errcode.BadRequest.With("A Wi-Fi network name has 1 to 32 bytes.")
	}
	if w.Password != "" && (len(w.Password) < 8 || len(w.Password) > 63) {
		return errcode.BadRequest.With("A WPA password has 8 to 63 characters; leave it empty for an open network.")
	}
	if strings.ContainsAny(w.SSID+w.Password, "\x00\n\r") {
		return errcode.BadRequest.With("The network name and password may not hold control characters.")
	}
	return nil
}

func (h *handler) wifi() (Wifi, error) {
	ctx, cancel := requestContext()
	defer cancel()
	var w Wifi
	raw, err := h.Store.Setting(ctx, WifiSetting)
	if err != nil || raw == "" {
		return w, err
	}
	if err := json.Unmarshal([]byte(raw), &w); err != nil {
		return Wifi{}, nil // a setting that no longer reads is no setting
	}
	return w, nil
}

// wifiGet answers the Wi-Fi setting ({"ssid": "", …} when none is set).
func (h *handler) wifiGet(c *fiber.Ctx) error {
	w, err := h.wifi()
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(w)
}

// wifiSet keeps the setting; an empty ssid clears it.
func (h *handler) wifiSet(c *fiber.Ctx) error {
	var w Wifi
	if err := decodeJSON(c, &w); err != nil {
		return err
	}
	if err := w.Valid(); err != nil {
		return err
	}
	raw, _ := json.Marshal(w)
	if w.SSID == "" {
		raw = nil
	}
	ctx, cancel := requestContext()
	defer cancel()
	if err := h.Store.SetSetting(ctx, WifiSetting, string(raw)); err != nil {
		return err
	}
	return h.wifiGet(c)
}

// wifiQR is the setting as a QR for the lobby, or not_found when none is set.
func (h *handler) wifiQR(c *fiber.Ctx) error {
	w, err := h.wifi()
	if err != nil {
		return err
	}
	if w.SSID == "" {
		return errcode.NotFound.With("No Wi-Fi network is set.")
	}
	png, err := qrcode.Encode(w.QRText(), qrcode.Medium, 512)
	if err != nil {
		return err
	}
	c.Type("png")
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Send(png)
}
