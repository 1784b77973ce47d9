package kittest

import (
	"crypto/rand"
	"encoding/base64"
	"testing"

	qrcode "github.com/skip2/go-qrcode"
)

// TestDecodeQRReadsEveryCode: the kit's QR codes for 300 random remote
// links (the link with the longest, random key) all read back exactly. The
// plain gozxing reader missed about one in 150, which made tests that read
// a QR fail now and then.
func TestDecodeQRReadsEveryCode(t *testing.T) {
	for i := 0; i < 300; i++ {
		b := make([]byte, 32)
		rand.Read(b)
		u := "http://192.0.2.2:41747/remote/s/fbe43c3c74db69e9cacc37b1e8ffc08e#" + base64.RawURLEncoding.EncodeToString(b)
		png, err := qrcode.Encode(u, qrcode.Medium, 512)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := DecodeQR(png); err != nil || got != u {
			t.Fatalf("%q reads %q, %v", u, got, err)
		}
	}
}
