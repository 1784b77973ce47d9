package kittest

import (
	"bytes"
	"fmt"
	"image"
	_ "image/png" // the kit's QR codes are PNG

	"github.com/makiuchi-d/gozxing"
	gzqr "github.com/makiuchi-d/gozxing/qrcode"
)

// DecodeQR reads the text of a QR code in an image, as a phone's camera
// would.
func DecodeQR(img []byte) (string, error) {
	m, _, err := image.Decode(bytes.NewReader(img))
	if err != nil {
		return "", fmt.Errorf("kittest: not an image: %w", err)
	}
	bmp, err := gozxing.NewBinaryBitmapFromImage(m)
	if err != nil {
		return "", fmt.Errorf("kittest: %w", err)
	}
	res, err := gzqr.NewQRCodeReader().Decode(bmp, nil)
	if err != nil {
		return "", fmt.Errorf("kittest: the QR code does not decode: %w", err)
	}
	return res.GetText(), nil
}
