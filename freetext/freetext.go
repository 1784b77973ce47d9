// Package freetext is what the kit does with text a participant types: it
// normalizes it (NFC, trimmed, bounded; invisible and direction-control
// characters refused), folds it for comparison (case and accents), knows a
// small English and Spanish stop-word list for word clouds, and holds back
// obvious abuse with a built-in word list. It is the one place for these
// rules: open text, word clouds, typed answers and Q&A questions all use it.
package freetext

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// The errors Normalize returns; callers map them to the protocol's codes.
var (
	ErrEmpty     = errors.New("the text is empty")
	ErrTooLong   = errors.New("the text is too long")
	ErrInvisible = errors.New("the text holds invisible or direction-control characters")
	ErrInvalid   = errors.New("the text is not valid UTF-8")
)

// MaxLines bounds the line breaks a multi-line text may keep.
const MaxLines = 10

// Normalize returns s in NFC, trimmed, with tabs as spaces, or an error when
// it is empty, longer than maxRunes characters (after normalizing), not
// UTF-8, or holds a control or format character (zero-width characters,
// bidi overrides, byte-order marks). Line breaks are kept only when
// multiline is true (at most MaxLines of them; runs of blank lines become
// one); otherwise a line break is an error.
func Normalize(s string, maxRunes int, multiline bool) (string, error) {
	if !utf8.ValidString(s) {
		return "", ErrInvalid
	}
	// Refuse before normalizing, so that a huge input costs no more than a scan.
	if len(s) > 4*maxRunes+64 {
		return "", fmt.Errorf("%w (at most %d characters)", ErrTooLong, maxRunes)
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	b.Grow(len(s))
	lines, blank := 0, false
	for _, r := range s {
		switch {
		case r == '\n' || r == '\r':
			if !multiline {
				return "", fmt.Errorf("%w (a line break)", ErrInvisible)
			}
			if blank {
				continue
			}
			blank = true
			lines++
			if lines > MaxLines {
				return "", fmt.Errorf("%w (at most %d lines)", ErrTooLong, MaxLines+1)
			}
			b.WriteByte('\n')
			continue
		case r == '\t':
			r = ' '
		case unicode.Is(unicode.Cc, r), unicode.Is(unicode.Cf, r), r == utf8.RuneError,
			unicode.Is(unicode.Co, r), unicode.Is(unicode.Zl, r), unicode.Is(unicode.Zp, r):
			return "", ErrInvisible
		}
		if !unicode.IsSpace(r) {
			blank = false
		}
		b.WriteRune(r)
	}
	out := strings.TrimSpace(norm.NFC.String(b.String()))
	// Trim spaces at the end of each line, so "a \n" and "a\n" are one text.
	if multiline && strings.Contains(out, "\n") {
		ls := strings.Split(out, "\n")
		for i := range ls {
			ls[i] = strings.TrimRightFunc(ls[i], unicode.IsSpace)
		}
		out = strings.Join(ls, "\n")
	}
	if out == "" {
		return "", ErrEmpty
	}
	if n := utf8.RuneCountInString(out); n > maxRunes {
		return "", fmt.Errorf("%w (%d characters, at most %d)", ErrTooLong, n, maxRunes)
	}
	return out, nil
}

// foldChains hands each Fold a chain of its own: a transform.Chain keeps
// state between calls and is not safe for concurrent use (phones' answers
// are folded on many goroutines at once; sharing one crashed the kit).
var foldChains = sync.Pool{New: func() any {
	return transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
}}

// Fold returns s lowered, without accents (é→e, ñ→n), with punctuation at
// either end removed and inner runs of spaces made one: the form in which
// "Miedo", "miedo!" and "MIÉDO" are the same word, and a typed answer is
// compared with the accepted ones.
func Fold(s string) string {
	t := foldChains.Get().(transform.Transformer)
	out, _, err := transform.String(t, strings.ToLower(s)) // String resets t first
	foldChains.Put(t)
	if err != nil {
		out = strings.ToLower(s)
	}
	out = strings.TrimFunc(out, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) })
	return strings.Join(strings.Fields(out), " ")
}

// StopWord reports whether a folded word is one a word cloud leaves out: a
// short English or Spanish function word ("the", "de", "y").
func StopWord(folded string) bool {
	_, ok := stopWords[folded]
	return ok
}

// Blocked reports whether s holds a word of the built-in list of obvious
// abuse (English and Spanish), after folding and undoing common letter
// swaps (0→o, 1→i, 3→e, 4→a, 5→s, @→a, $→s). It is a floor, not a filter:
// moderated questions still go through the presenter.
func Blocked(s string) bool {
	f := Fold(unleet.Replace(strings.ToLower(s)))
	for _, w := range strings.FieldsFunc(f, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if _, ok := blocked[w]; ok {
			return true
		}
		// Letters repeated for emphasis ("stuuupid") fold to one.
		if _, ok := blocked[squeeze(w)]; ok {
			return true
		}
	}
	return false
}

var unleet = strings.NewReplacer("0", "o", "1", "i", "3", "e", "4", "a", "5", "s", "@", "a", "$", "s", "7", "t")

func squeeze(w string) string {
	var b strings.Builder
	var last rune
	for i, r := range w {
		if i > 0 && r == last {
			continue
		}
		b.WriteRune(r)
		last = r
	}
	return b.String()
}
