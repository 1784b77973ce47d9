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
		// gozxing's finder misjudges about one code in 150 that phones read
		// (a "dimension" error); looking harder, as a phone's reader keeps
		// looking, reads them.
		res, err = gzqr.NewQRCodeReader().Decode(bmp, map[gozxing.DecodeHintType]any{gozxing.DecodeHintType_TRY_HARDER: true})
	}
	if err != nil {
		res, err = gzqr.NewQRCodeReader().Decode(bmp, map[gozxing.DecodeHintType]any{gozxing.DecodeHintType_PURE_BARCODE: true})
	}
	if err != nil {
		return "", fmt.Errorf("kittest: the QR code does not decode: %w", err)
	}
	return res.GetText(), nil
}
