package quizzes

import (
	"errors"
	"strings"
	"testing"

	"github.com/roundtable-kit/roundtable/freetext"
)

// TestFeedbackParse reads a feedback question: fixed five points, the
// ends labelled in the deck's language unless the deck says, the open
// question, and the directives that do not apply refused with their line.
func TestFeedbackParse(t *testing.T) {
	tests := []struct {
		name, lang, body string
		low, high, open  string
		want             []string // problems, each the start of "line: message"
	}{
		{"english defaults", "en", "<!-- question: feedback -->\n\n## How useful was this?\n", "Not useful", "Very useful", "", nil},
		{"spanish defaults", "es", "<!-- question: feedback -->\n\n## ¿Qué tan útil fue?\n", "Nada útil", "Muy útil", "", nil},
		{"open and labels", "en", "<!-- question: feedback -->\n<!-- open: What *would* help? -->\n<!-- low: Meh -->\n<!-- high: Great -->\n\n## Useful?\n",
			"Meh", "Great", "What would help?", nil},
		{"open on a scale", "en", "<!-- question: scale -->\n<!-- open: Why? -->\n\n## Q?\n", "", "", "", []string{"6: open: does not apply to a scale question (it is for feedback)"}},
		{"answer on feedback", "en", "<!-- question: feedback -->\n<!-- answer: A -->\n\n## Q?\n", "", "", "", []string{"6: a feedback question has no right answer"}},
		{"scale on feedback", "en", "<!-- question: feedback -->\n<!-- scale: 7 -->\n\n## Q?\n", "", "", "", []string{"6: scale: does not apply to a feedback question"}},
		{"open too long", "en", "<!-- question: feedback -->\n<!-- open: " + strings.Repeat("x", 201) + " -->\n\n## Q?\n", "", "", "", []string{"6: open: is 201 characters; the limit is 200"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := strings.Replace(fm, "lang: en", "lang: "+tc.lang, 1) + tc.body
			d, probs := Parse("fb", []byte(src))
			var got []string
			for _, p := range probs {
				got = append(got, p.String())
			}
			if len(got) != len(tc.want) {
				t.Fatalf("problems %q, want %q", got, tc.want)
			}
			for i := range got {
				if !strings.HasPrefix(got[i], tc.want[i]) {
					t.Errorf("problem %q, want %q", got[i], tc.want[i])
				}
			}
			if tc.want != nil {
				return
			}
			q := d.Slides[0].Question
			if q.Kind != Feedback || q.Points != 5 || q.Low != tc.low || q.High != tc.high || q.Open != tc.open || q.MaxChars != DefaultOpenChars {
				t.Errorf("got %+v, want feedback 5 points %q–%q open %q", q, tc.low, tc.high, tc.open)
			}
			if q.Scored() || q.Kind.Choice() || q.Kind.HasOptions() || !q.Kind.Takes() {
				t.Errorf("a feedback question is taken, not scored, without options")
			}
		})
	}
}

// TestFeedbackTake checks the answer: a value 1–5, the open text beside it
// only when the question asks one, normalized, bounded, and invisible or
// direction-control characters refused as text errors.
func TestFeedbackTake(t *testing.T) {
	q := &Question{Kind: Feedback, Points: 5, Open: "Why?", MaxChars: 10}
	bare := &Question{Kind: Feedback, Points: 5, MaxChars: 280}
	v := func(f float64) *float64 { return &f }
	s := func(x string) *string { return &x }
	tests := []struct {
		name    string
		q       *Question
		r       Response
		value   float64
		text    *string
		err     bool
		textErr bool
	}{
		{"value alone", q, Response{Value: v(4)}, 4, nil, false, false},
		{"value and text", q, Response{Value: v(5), Text: s("  Great  ")}, 5, s("Great"), false, false},
		{"empty text is none", q, Response{Value: v(2), Text: s("   ")}, 2, nil, false, false},
		{"no value", q, Response{Text: s("hi")}, 0, nil, true, false},
		{"value 0", q, Response{Value: v(0)}, 0, nil, true, false},
		{"value 6", q, Response{Value: v(6)}, 0, nil, true, false},
		{"value 2.5", q, Response{Value: v(2.5)}, 0, nil, true, false},
		{"a choice", q, Response{Choice: []int{1}}, 0, nil, true, false},
		{"skip", q, Response{Skip: true}, 0, nil, true, false},
		{"text too long", q, Response{Value: v(3), Text: s("eleven chars")}, 0, nil, true, true},
		{"bidi", q, Response{Value: v(3), Text: s("ok\u202eko")}, 0, nil, true, true},
		{"text with no open question", bare, Response{Value: v(3), Text: s("hi")}, 0, nil, true, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.q.Take(tc.r)
			if tc.err {
				var te *TextError
				if err == nil || errors.As(err, &te) != tc.textErr {
					t.Fatalf("got %+v, %v; want an error (text error: %v)", got, err, tc.textErr)
				}
				return
			}
			if err != nil || got.Value == nil || *got.Value != tc.value || (got.Text == nil) != (tc.text == nil) || got.Text != nil && *got.Text != *tc.text {
				t.Fatalf("got %+v, %v; want %v %v", got, err, tc.value, tc.text)
			}
			if tc.q.CreditOf(got) != nil {
				t.Errorf("a feedback answer earned credit")
			}
		})
	}
	if _, err := freetext.Normalize("ok\u202eko", 10, true); err == nil {
		t.Fatal("freetext took a bidi control; the case above proves nothing")
	}
}

// TestShareFrontMatter reads share: and refuses an empty or long prompt.
func TestShareFrontMatter(t *testing.T) {
	d, probs := Parse("s", []byte("---\ntitle: T\nlang: en\nshare: Tell us **your** story. Anonymous.\n---\n\n# Hi\n"))
	if len(probs) != 0 || d.Share != "Tell us your story. Anonymous." {
		t.Fatalf("share %q, problems %v", d.Share, probs)
	}
	for _, v := range []string{`""`, strings.Repeat("x", 401)} {
		d, probs := Parse("s", []byte("---\ntitle: T\nlang: en\nshare: "+v+"\n---\n\n# Hi\n"))
		if len(probs) != 1 || !strings.HasPrefix(probs[0].String(), "4: share:") || d.Share != "" {
			t.Errorf("share: %.10s…: problems %v, share %q", v, probs, d.Share)
		}
	}
}

// TestShareTwins: twins agree on share: and on a feedback's open question.
func TestShareTwins(t *testing.T) {
	deck := func(lang, twin, share, open string) *Deck {
		src := "---\ntitle: T\nlang: " + lang + "\ntranslation: " + twin + "\n"
		if share != "" {
			src += "share: " + share + "\n"
		}
		src += "---\n\n<!-- question: feedback -->\n"
		if open != "" {
			src += "<!-- open: " + open + " -->\n"
		}
		d, probs := Parse("d."+lang, []byte(src+"\n## Useful?\n"))
		if len(probs) > 0 {
			t.Fatal(probs)
		}
		return d
	}
	if probs := CheckTwins(deck("en", "d.es", "Tell us", "Why?"), deck("es", "d.en", "Cuéntenos", "¿Por qué?")); len(probs) > 0 {
		t.Errorf("matching twins: %v", probs)
	}
	probs := CheckTwins(deck("en", "d.es", "Tell us", "Why?"), deck("es", "d.en", "", ""))
	if len(probs) != 2 || !strings.Contains(probs[0].Message, "share:") || !strings.Contains(probs[1].Message, "open question") {
		t.Errorf("twins that differ: %v", probs)
	}
}
