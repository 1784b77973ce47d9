package handlers

import (
	"encoding/json"
	"reflect"
	"testing"
	"unicode/utf8"

	"github.com/fasthttp/websocket"
)

// FuzzDecodeMessage feeds arbitrary frames to the decoder every socket uses:
// it must never panic, must refuse anything that is not UTF-8 JSON text, and
// what it accepts must survive a round trip unchanged.
func FuzzDecodeMessage(f *testing.F) {
	for _, s := range []string{
		`{"type":"join","nick":"Sam","lang":"es"}`,
		`{"type":"resume","token":"Vb8gAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}`,
		`{"type":"answer","slide":4,"choice":[1],"ref":7}`,
		`{"type":"answer","slide":-1,"choice":[99999999999999999999],"ref":1e400}`,
		`{"type":"goto","slide":3}`, `{"type":"ping"}`, `null`, `[]`, `{}`, `"x"`, `1`,
		`{"type":"join","nick":"a\u0000b\u202e"}`, "{\"type\":\"join\",\"nick\":\"\xff\"}",
		`{"type":{"nested":[[[[[[[[[[]]]]]]]]]]}}`, `{"type":"answer","choice":"1"}`,
		`{"TYPE":"JOIN","Nick":"case"}`, `{"type":"answer","slide":1,"slide":2}`,
		`{"type":"answer","slide":2,"text":"caf\u00e9\n<b>x</b>","ref":3}`, `{"type":"answer","slide":2,"text":null}`,
		`{"type":"answer","slide":3,"words":["miedo","PAZ","\u202e"]}`, `{"type":"answer","slide":3,"words":[]}`,
		`{"type":"answer","slide":3,"words":"miedo"}`, `{"type":"answer","slide":3,"words":[1,2]}`,
		`{"type":"answer","slide":4,"value":4}`, `{"type":"answer","slide":4,"value":-1e308}`, `{"type":"answer","slide":4,"value":"4"}`,
		`{"type":"answer","slide":4,"value":1e999}`, `{"type":"answer","slide":5,"skip":true}`, `{"type":"answer","slide":5,"skip":1}`,
		`{"type":"answer","slide":5,"skip":true,"text":"x","words":["y"],"value":2,"choice":[0]}`,
		`{"type":"moderate","slide":2,"id":"p1","action":"pin","on":2}`, `{"type":"moderation","slide":2,"mode":"stream"}`,
		`{"type":"hide_word","slide":3,"word":"miedo","hidden":true}`, `{"type":"hide_word","slide":3,"hidden":"yes"}`,
	} {
		f.Add(websocket.TextMessage, []byte(s))
	}
	f.Add(websocket.BinaryMessage, []byte(`{"type":"ping"}`))
	f.Fuzz(func(t *testing.T, mt int, data []byte) {
		m, err := decodeMessage(mt, data)
		if err != nil {
			if !reflect.DeepEqual(m, message{}) {
				t.Fatalf("refused %q but returned %+v", data, m)
			}
			return
		}
		if mt != websocket.TextMessage || !utf8.Valid(data) || !json.Valid(data) {
			t.Fatalf("accepted %q (type %d), which is not UTF-8 JSON text", data, mt)
		}
		b, err := json.Marshal(m)
		if err != nil {
			t.Fatalf("accepted %q but cannot encode it again: %v", data, err)
		}
		again, err := decodeMessage(websocket.TextMessage, b)
		if err != nil || !reflect.DeepEqual(normal(again), normal(m)) {
			t.Fatalf("round trip of %q: got %+v (%v), want %+v", data, again, err, m)
		}
	})
}

// normal treats an empty choice list like a missing one: both mean "none"
// (an empty words list is kept: it is an answer, refused as no word).
func normal(m message) message {
	if len(m.Choice) == 0 {
		m.Choice = nil
	}
	return m
}

// FuzzKeyMatches checks that the host key check accepts the key and nothing
// else, whatever a client sends as a bearer token or cookie.
func FuzzKeyMatches(f *testing.F) {
	const key = "test-host-key-0123456789abcdef"
	h := &handler{Deps: Deps{HostKey: key}}
	for _, s := range []string{"", key, key[:len(key)-1], key + "x", "Bearer " + key, " " + key, key + "\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := h.keyMatches(s), s == key; got != want {
			t.Fatalf("keyMatches(%q): got %v, want %v", s, got, want)
		}
	})
}
