package e2e

import (
	"bytes"
	"compress/zlib"
	"encoding/hex"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf16"
)

// pdfText is the text Chrome's print-to-PDF drew, read back through the
// fonts' ToUnicode maps, with a space wherever text was placed anew. It
// reads only what Chrome (Skia) writes: objects with Flate streams, Type0
// fonts whose glyphs are two-byte hex strings. Compare with whitespace
// removed (nospace): Skia may place one word in several runs.
func pdfText(pdf []byte) string {
	objs := map[int][]byte{}
	streams := map[int][]byte{}
	for _, m := range pdfObj.FindAllSubmatchIndex(pdf, -1) {
		n, _ := strconv.Atoi(string(pdf[m[2]:m[3]]))
		body := pdf[m[4]:m[5]]
		dict := body
		if i := bytes.Index(body, []byte("stream")); i >= 0 && !bytes.Contains(body[:i], []byte("endstream")) {
			dict = body[:i]
			data := body[i+len("stream"):]
			data = bytes.TrimLeft(data, "\r\n")
			if j := bytes.LastIndex(data, []byte("endstream")); j >= 0 {
				data = data[:j]
			}
			if bytes.Contains(dict, []byte("/FlateDecode")) {
				if r, err := zlib.NewReader(bytes.NewReader(data)); err == nil {
					data, _ = io.ReadAll(r)
				}
			}
			streams[n] = data
		}
		objs[n] = dict
	}
	// Font resource names → font objects → their ToUnicode maps.
	names := map[string]int{}
	for _, d := range objs {
		for _, fm := range fontDict.FindAllSubmatch(d, -1) {
			for _, e := range fontRef.FindAllSubmatch(fm[1], -1) {
				n, _ := strconv.Atoi(string(e[2]))
				names[string(e[1])] = n
			}
		}
	}
	cmaps := map[int]map[string]string{}
	for n, d := range objs {
		if m := toUnicode.FindSubmatch(d); m != nil {
			c, _ := strconv.Atoi(string(m[1]))
			cmaps[n] = readCMap(streams[c])
		}
	}
	var out strings.Builder
	for _, s := range streams {
		if !bytes.Contains(s, []byte(" Tf")) {
			continue
		}
		var cur map[string]string
		for _, tok := range pdfTok.FindAll(s, -1) {
			switch t := string(tok); {
			case strings.HasPrefix(t, "/"):
				if c, ok := cmaps[names[t[1:]]]; ok {
					cur = c
				}
			case strings.HasPrefix(t, "<") && cur != nil:
				h := strings.ToUpper(t[1 : len(t)-1])
				for i := 0; i+4 <= len(h); i += 4 {
					out.WriteString(cur[h[i:i+4]])
				}
			case t == "Td" || t == "TD" || t == "Tm" || t == "T*" || t == "BT" || t == "ET":
				out.WriteByte(' ')
			}
		}
		out.WriteByte('\n')
	}
	return out.String()
}

var (
	pdfObj    = regexp.MustCompile(`(?s)(\d+) 0 obj(.*?)endobj`)
	fontDict  = regexp.MustCompile(`(?s)/Font\s*<<(.*?)>>`)
	fontRef   = regexp.MustCompile(`/([A-Za-z0-9_.+-]+)\s+(\d+) 0 R`)
	toUnicode = regexp.MustCompile(`/ToUnicode\s+(\d+) 0 R`)
	pdfTok    = regexp.MustCompile(`/[A-Za-z0-9_.+-]+|<[0-9A-Fa-f]*>|[A-Za-z*]+`)
	bfchar    = regexp.MustCompile(`<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>`)
	bfrange   = regexp.MustCompile(`<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>`)
	section   = regexp.MustCompile(`(?s)begin(bfchar|bfrange)(.*?)end(bfchar|bfrange)`)
)

// readCMap maps a font's glyph codes (4 hex digits) to their text.
func readCMap(s []byte) map[string]string {
	m := map[string]string{}
	for _, sec := range section.FindAllSubmatch(s, -1) {
		if string(sec[1]) == "bfchar" {
			for _, p := range bfchar.FindAllSubmatch(sec[2], -1) {
				m[strings.ToUpper(string(p[1]))] = utf16hex(string(p[2]))
			}
			continue
		}
		for _, p := range bfrange.FindAllSubmatch(sec[2], -1) {
			lo, _ := strconv.ParseUint(string(p[1]), 16, 32)
			hi, _ := strconv.ParseUint(string(p[2]), 16, 32)
			dst, _ := strconv.ParseUint(string(p[3]), 16, 32)
			for c := lo; c <= hi && c-lo < 4096; c++ {
				m[strings.ToUpper(strconv.FormatUint(c|0x10000, 16)[1:])] = string(rune(dst + c - lo))
			}
		}
	}
	return m
}

func utf16hex(h string) string {
	b, err := hex.DecodeString(h)
	if err != nil {
		return ""
	}
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
	}
	return string(utf16.Decode(u))
}

// nospace drops every space, so text Skia split into runs still matches.
func nospace(s string) string {
	return strings.Join(strings.Fields(s), "")
}
