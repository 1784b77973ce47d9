package handlers

import (
	"bytes"
	"testing"
)

// TestFrameHeader: a batched frame's header is RFC 6455's for a final,
// unmasked text frame, in each of the three length forms.
func TestFrameHeader(t *testing.T) {
	for _, c := range []struct {
		n    int
		want []byte
	}{
		{0, []byte{0x81, 0}},
		{125, []byte{0x81, 125}},
		{126, []byte{0x81, 126, 0, 126}},
		{65535, []byte{0x81, 126, 0xFF, 0xFF}},
		{65536, []byte{0x81, 127, 0, 0, 0, 0, 0, 1, 0, 0}},
	} {
		if got := frameHeader(nil, c.n); !bytes.Equal(got, c.want) {
			t.Errorf("%d bytes: header % x, want % x", c.n, got, c.want)
		}
	}
}
