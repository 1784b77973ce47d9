package termqr

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"strings"
	"testing"

	"github.com/makiuchi-d/gozxing"
	zxqr "github.com/makiuchi-d/gozxing/qrcode"
	"github.com/skip2/go-qrcode"
)

type shade int

const (
	unset shade = iota // the terminal's own colour: the theme decides
	black
	white
)

// cell is what one printed character shows in its top and bottom half.
type cell struct{ top, bottom shade }

// screen reads Write's output the way a terminal would, except that colour
// state does not carry over from one line to the next: each line must set
// its own colours. A line that does not end with a reset is an error.
func screen(t *testing.T, out string) [][]cell {
	t.Helper()
	var rows [][]cell
	for i, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if !strings.HasSuffix(line, "\x1b[0m") {
			t.Fatalf("line %d: got %q, want it to end with a colour reset", i, line)
		}
		fg, bg := unset, unset
		var row []cell
		for len(line) > 0 {
			if strings.HasPrefix(line, "\x1b[") {
				end := strings.IndexByte(line, 'm')
				if end < 0 {
					t.Fatalf("line %d: unterminated escape in %q", i, line)
				}
				for _, code := range strings.Split(line[2:end], ";") {
					switch code {
					case "0":
						fg, bg = unset, unset
					case "30":
						fg = black
					case "40":
						bg = black
					case "47":
						bg = white
					default:
						t.Fatalf("line %d: unexpected SGR code %q", i, code)
					}
				}
				line = line[end+1:]
				continue
			}
			r, size := []rune(line)[0], len(string([]rune(line)[0]))
			line = line[size:]
			switch r {
			case '█':
				row = append(row, cell{fg, fg})
			case '▀':
				row = append(row, cell{fg, bg})
			case '▄':
				row = append(row, cell{bg, fg})
			case ' ':
				row = append(row, cell{bg, bg})
			default:
				t.Fatalf("line %d: unexpected character %q", i, r)
			}
		}
		rows = append(rows, row)
	}
	return rows
}

// modules turns the screen back into QR modules (true = dark).
func modules(t *testing.T, rows [][]cell, large bool) [][]bool {
	t.Helper()
	var m [][]bool
	for y, row := range rows {
		var top, bottom []bool
		for x, c := range row {
			if large {
				if x%2 == 1 {
					continue
				}
				if x+1 >= len(row) || row[x+1] != c || c.top != c.bottom {
					t.Fatalf("row %d col %d: got a module that is not two equal cells", y, x)
				}
			}
			for _, s := range []shade{c.top, c.bottom} {
				if s == unset {
					t.Fatalf("row %d col %d: got a cell in the terminal's default colour", y, x)
				}
			}
			top = append(top, c.top == black)
			bottom = append(bottom, c.bottom == black)
		}
		m = append(m, top)
		if !large {
			m = append(m, bottom)
		}
	}
	return m
}

func render(m [][]bool, scale int) image.Image {
	img := image.NewGray(image.Rect(0, 0, len(m[0])*scale, len(m)*scale))
	for y, row := range m {
		for x, on := range row {
			c := color.Gray{Y: 255}
			if on {
				c = color.Gray{Y: 0}
			}
			for dy := range scale {
				for dx := range scale {
					img.SetGray(x*scale+dx, y*scale+dy, c)
				}
			}
		}
	}
	return img
}

func decode(t *testing.T, m [][]bool) string {
	t.Helper()
	bmp, err := gozxing.NewBinaryBitmapFromImage(render(m, 4))
	if err != nil {
		t.Fatal(err)
	}
	res, err := zxqr.NewQRCodeReader().Decode(bmp, nil)
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	return res.GetText()
}

func matrix(m [][]bool) string {
	var b strings.Builder
	for _, row := range m {
		for _, on := range row {
			b.WriteString(map[bool]string{true: "#", false: "."}[on])
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func TestWriteDecodes(t *testing.T) {
	texts := []string{
		"http://192.168.1.23:8080/join/K7QX",
		"http://10.0.0.5:54321/",
		"R",
		"http://172.16.200.201:8080/j/ABCDEFGH?lang=es&from=qr-code-on-the-projector",
	}
	for _, text := range texts {
		q, err := qrcode.New(text, qrcode.Medium)
		if err != nil {
			t.Fatal(err)
		}
		want := trim(q.Bitmap(), 2)
		for _, large := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/large=%v", text, large), func(t *testing.T) {
				var out bytes.Buffer
				if err := Write(&out, text, large); err != nil {
					t.Fatal(err)
				}
				got := modules(t, screen(t, out.String()), large)
				if !large && len(got) == len(want)+1 {
					// An odd module count leaves a lower half row; it must be light.
					if strings.Contains(matrix(got[len(got)-1:]), "#") {
						t.Fatalf("got a dark padding row: %q", matrix(got[len(got)-1:]))
					}
					got = got[:len(want)]
				}
				if matrix(got) != matrix(want) {
					t.Fatalf("got modules\n%s\nwant\n%s", matrix(got), matrix(want))
				}
				if quietRows := matrix(got[:2]); strings.Contains(quietRows, "#") {
					t.Errorf("got %q as the top quiet zone, want it all light", quietRows)
				}
				if got := decode(t, got); got != text {
					t.Errorf("got %q, want %q", got, text)
				}
			})
		}
	}
}

func TestWriteWidth(t *testing.T) {
	text := "http://192.168.100.200:54321/join/ABCDEF" // a long join URL: version 3
	for _, tt := range []struct {
		large bool
		want  int
	}{{false, 29 + 4}, {true, 2 * (29 + 4)}} {
		var out bytes.Buffer
		if err := Write(&out, text, tt.large); err != nil {
			t.Fatal(err)
		}
		line := strings.SplitN(out.String(), "\n", 2)[0]
		if got := len(screen(t, line+"\n")[0]); got != tt.want {
			t.Errorf("large=%v: got %d columns, want %d", tt.large, got, tt.want)
		}
	}
}

func TestWriteErrors(t *testing.T) {
	if err := Write(&bytes.Buffer{}, strings.Repeat("x", 3000), false); err == nil {
		t.Errorf("got nil error for 3000 bytes, want one: they do not fit a QR code")
	}
	boom := errors.New("boom")
	if err := Write(failWriter{boom}, "hi", true); !errors.Is(err, boom) {
		t.Errorf("got %q, want %q", fmt.Sprint(err), boom.Error())
	}
}

type failWriter struct{ err error }

func (f failWriter) Write([]byte) (int, error) { return 0, f.err }

// TestLargeColourRuns checks the large form only switches colour where the
// module colour changes, so a white run of n modules is one escape.
func TestLargeColourRuns(t *testing.T) {
	var out bytes.Buffer
	if err := Write(&out, "R", true); err != nil {
		t.Fatal(err)
	}
	first := strings.SplitN(out.String(), "\n", 2)[0] // quiet zone: all white
	want := "\x1b[47m" + strings.Repeat(" ", len(first)-len("\x1b[47m\x1b[0m")) + "\x1b[0m"
	if first != want {
		t.Errorf("got %q, want %q", first, want)
	}
	if n := strings.Count(first, " "); n != 2*(21+4) {
		t.Errorf("got %d spaces, want %d", n, 2*(21+4))
	}
}
