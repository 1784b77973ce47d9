// Package termqr prints a QR code in a terminal so that a phone can scan it
// off the screen whatever the terminal's theme.
package termqr

import (
	"fmt"
	"io"
	"strings"

	"github.com/skip2/go-qrcode"
)

// quiet is the quiet zone kept around the code, in modules. The standard
// asks for 4; phone scanners read 2 reliably, and 2 keeps the large form of
// a typical join URL (version 4, 33 modules) within 80 columns. The zone is
// printed white, so a dark terminal background does not eat into it.
const quiet = 2

const (
	compactStyle = "\x1b[30;47m" // black foreground on white background
	dark         = "\x1b[40m"
	light        = "\x1b[47m"
	reset        = "\x1b[0m"
)

// Write prints text as a QR code. The compact form packs two module rows
// into each line with half blocks; the large form uses two spaces per
// module, for fonts whose half blocks leave gaps. Colours are set on every
// line, so the code is black on white on dark and light themes alike.
func Write(w io.Writer, text string, large bool) error {
	q, err := qrcode.New(text, qrcode.Medium)
	if err != nil {
		return fmt.Errorf("termqr: unable to encode %d bytes: %w", len(text), err)
	}
	m := trim(q.Bitmap(), 4-quiet) // the library's border is 4 modules
	var b strings.Builder
	if large {
		writeLarge(&b, m)
	} else {
		writeCompact(&b, m)
	}
	_, err = io.WriteString(w, b.String())
	return err
}

// trim removes n modules from each side of a bitmap.
func trim(m [][]bool, n int) [][]bool {
	m = m[n : len(m)-n]
	out := make([][]bool, len(m))
	for i, row := range m {
		out[i] = row[n : len(row)-n]
	}
	return out
}

func writeCompact(b *strings.Builder, m [][]bool) {
	for y := 0; y < len(m); y += 2 {
		b.WriteString(compactStyle)
		for x := range m[y] {
			top := m[y][x]
			bottom := y+1 < len(m) && m[y+1][x] // an odd last row gets a light lower half
			switch {
			case top && bottom:
				b.WriteString("█")
			case top:
				b.WriteString("▀")
			case bottom:
				b.WriteString("▄")
			default:
				b.WriteByte(' ')
			}
		}
		b.WriteString(reset + "\n")
	}
}

func writeLarge(b *strings.Builder, m [][]bool) {
	for _, row := range m {
		// Switch colour only where it changes: a quarter of the bytes of
		// one escape per module, which matters over a slow SSH session.
		for x, on := range row {
			if x == 0 || on != row[x-1] {
				if on {
					b.WriteString(dark)
				} else {
					b.WriteString(light)
				}
			}
			b.WriteString("  ")
		}
		b.WriteString(reset + "\n")
	}
}
