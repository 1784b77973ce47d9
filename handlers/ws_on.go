package handlers

import (
	"bytes"
	"encoding/json"
	"sync"
)

// A message's "on" is the slide a host command was made on (a number),
// except in reactions, where it is the switch: {"type":"reactions","on":true}.
// Both shapes decode here: a number into On, true or false into Switch.

// plainMessage is message without these methods, so that they can use the
// default coding for every other field.
type plainMessage message

// wireMessage is what a message is decoded into first.
type wireMessage struct {
	plainMessage
	On json.RawMessage `json:"on"` // shadows plainMessage's On
}

// wireMessages are reused: a wireMessage is about 500 bytes, and every
// message a phone sends went through a new one.
var wireMessages = sync.Pool{New: func() any { return new(wireMessage) }}

func (m *message) UnmarshalJSON(b []byte) error {
	aux := wireMessages.Get().(*wireMessage)
	defer func() {
		*aux = wireMessage{} // holds nothing of this message once back
		wireMessages.Put(aux)
	}()
	if err := json.Unmarshal(b, aux); err != nil {
		return err
	}
	*m = message(aux.plainMessage)
	m.On, m.Switch = nil, nil
	switch on := bytes.TrimSpace(aux.On); {
	case len(on) == 0 || bytes.Equal(on, []byte("null")):
	case bytes.Equal(on, []byte("true")) || bytes.Equal(on, []byte("false")):
		v := on[0] == 't'
		m.Switch = &v
	default:
		return json.Unmarshal(on, &m.On)
	}
	return nil
}

func (m message) MarshalJSON() ([]byte, error) {
	aux := struct {
		plainMessage
		On any `json:"on,omitempty"`
	}{plainMessage: plainMessage(m)}
	if m.Switch != nil {
		aux.On = *m.Switch
	} else if m.On != nil {
		aux.On = *m.On
	}
	return json.Marshal(aux)
}
