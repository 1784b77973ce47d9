package handlers

import (
	"fmt"
	"strings"
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

// "on" is a slide for the host's commands and the switch for reactions:
// each shape lands in its own field, and anything else is refused.
func TestDecodeOnIsASlideOrASwitch(t *testing.T) {
	for _, c := range []struct {
		in         string
		slide      string
		on, failed bool
	}{
		{`{"type":"next","on":4}`, "4", false, false},
		{`{"type":"reactions","on":true}`, "", true, false},
		{`{"type":"reactions","on":false}`, "", false, false},
		{`{"type":"next","on":null}`, "", false, false},
		{`{"type":"reactions","on":"true"}`, "", false, true},
		{`{"type":"next","on":1.5}`, "", false, true},
	} {
		m, err := decodeMessage(websocket.TextMessage, []byte(c.in))
		if (err != nil) != c.failed {
			t.Errorf("%s: got %v, want failed %v", c.in, err, c.failed)
			continue
		}
		slide := ""
		if m.On != nil {
			slide = fmt.Sprint(*m.On)
		}
		if slide != c.slide || (m.Switch != nil && *m.Switch) != c.on || (strings.Contains(c.in, "false") && (m.Switch == nil || *m.Switch)) {
			t.Errorf("%s: got on %q, switch %v", c.in, slide, m.Switch)
		}
	}
}
