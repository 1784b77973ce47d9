package handlers

import (
	"testing"

	"github.com/fasthttp/websocket"
)

// Every frame that is not a JSON object is bad_message, null included
// (json.Unmarshal takes null into a struct without a word).
func TestDecodeRefusesEveryNonObject(t *testing.T) {
	for _, s := range []string{`null`, ` null `, `"x"`, `1`, `[]`, `true`} {
		if _, err := decodeMessage(websocket.TextMessage, []byte(s)); err != errNotJSON {
			t.Errorf("decodeMessage(%q): got %v, want %v", s, err, errNotJSON)
		}
	}
	if m, err := decodeMessage(websocket.TextMessage, []byte(` {"type":"ping"}`)); err != nil || m.Type != "ping" {
		t.Errorf("a ping with a leading space: got %+v, %v", m, err)
	}
}
