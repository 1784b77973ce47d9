package freetext

import (
	"errors"
	"strings"
	"sync"
	"testing"
)

func TestNormalize(t *testing.T) {
	for _, tc := range []struct {
		in, want  string
		max       int
		multiline bool
		err       error
	}{
		{in: "  hola  ", want: "hola", max: 280},
		{in: "cafe\u0301", want: "café", max: 4}, // NFC: 5 code points become 4 characters
		{in: "a\tb", want: "a b", max: 10},
		{in: "line one  \r\n\n\nline two", want: "line one\nline two", max: 280, multiline: true},
		{in: "two\nlines", max: 280, err: ErrInvisible},
		{in: "   ", max: 280, err: ErrEmpty},
		{in: "", max: 280, err: ErrEmpty},
		{in: "abc", max: 2, err: ErrTooLong},
		{in: strings.Repeat("x", 10000), max: 280, err: ErrTooLong},
		{in: "evil\u202Etxt.exe", max: 280, err: ErrInvisible},    // right-to-left override
		{in: "zero\u200Bwidth", max: 280, err: ErrInvisible},      // zero-width space
		{in: "\uFEFFbom", max: 280, err: ErrInvisible},            // byte-order mark
		{in: "isolate\u2067x\u2069", max: 280, err: ErrInvisible}, // bidi isolate
		{in: "bell\a", max: 280, err: ErrInvisible},
		{in: "bad\xffutf8", max: 280, err: ErrInvalid},
		{in: strings.Repeat("a\n", 20), max: 280, multiline: true, err: ErrTooLong},
		{in: "ñandú 🙂", want: "ñandú 🙂", max: 7},
	} {
		got, err := Normalize(tc.in, tc.max, tc.multiline)
		if tc.err != nil {
			if !errors.Is(err, tc.err) {
				t.Errorf("Normalize(%q) error = %v, want %v", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("Normalize(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"Miedo":        "miedo",
		"MIÉDO!":       "miedo",
		"  ¿Ansiedad?": "ansiedad",
		"Niño  Feliz":  "nino feliz",
		"ÇA":           "ca",
		"42":           "42",
		"...":          "",
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestStopWord(t *testing.T) {
	for _, w := range []string{"the", "de", Fold("Más"), "y"} {
		if !StopWord(w) {
			t.Errorf("StopWord(%q) = false", w)
		}
	}
	for _, w := range []string{"scared", "miedo", "happy"} {
		if StopWord(w) {
			t.Errorf("StopWord(%q) = true", w)
		}
	}
}

func TestBlocked(t *testing.T) {
	for _, s := range []string{"you are a B1TCH", "eres un PENDEJO", "stuuupid idiota", "FUCK this", "ESTÚPIDA"} {
		if !Blocked(s) {
			t.Errorf("Blocked(%q) = false, want true", s)
		}
	}
	for _, s := range []string{"scunthorpe is a town", "I feel anxious", "me da miedo", "class assessment", "cocktail"} {
		if Blocked(s) {
			t.Errorf("Blocked(%q) = true, want false", s)
		}
	}
}

// TestFoldConcurrently folds on many goroutines at once, as the live
// session and the phones' connections do: each result is the one a single
// goroutine gets (run with -race to see a shared transformer).
func TestFoldConcurrently(t *testing.T) {
	words := []string{"MIÉDO", "Alegría", "niño", "Take It Down", "ÇA VA", "über"}
	want := make([]string, len(words))
	for i, w := range words {
		want[i] = Fold(w)
	}
	var wg sync.WaitGroup
	for g := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 2000 {
				k := (g + i) % len(words)
				if got := Fold(words[k]); got != want[k] {
					t.Errorf("Fold(%q) = %q on a goroutine, want %q", words[k], got, want[k])
					return
				}
			}
		}()
	}
	wg.Wait()
}
