package convert

import (
	"testing"

	"github.com/roundtable-kit/roundtable/quizzes"
)

// TestSanitizeFences: a code block that closes stays code, whatever it
// holds (the parser reads no slide break, note or directive in one); a
// fence that never closes is escaped, so it cannot swallow the slide.
func TestSanitizeFences(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Code:\n\n```\n---\nNote: x\n<!-- id: y -->\n```\n\nAfter.", "Code:\n\n```\n---\nNote: x\n<!-- id: y -->\n```\n\nAfter."},
		{"~~~~go\nx := 1\n~~~~", "~~~~go\nx := 1\n~~~~"},
		{"```\nnever closed\n---", "\\```\nnever closed\n\\---"},
		{"````\n```\nstill open", "\\````\n\\```\nstill open"},
		{"Note: outside\n\n---", "Note\\: outside\n\n\\---"},
	}
	for _, tc := range tests {
		if got := sanitizeMarkdown(tc.in); got != tc.want {
			t.Errorf("sanitizeMarkdown(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	// A GIFT essay with code in <pre> shows it as a code block.
	d, _, err := Import("pre.gift", []byte("::code::[html]<p>What does this print?</p><pre>print(1 \\{ 2 \\})\n---</pre>{}"))
	if err != nil {
		t.Fatal(err)
	}
	if s := d.Slides[0]; s.Question == nil || s.Question.Kind != quizzes.OpenText || s.HTML != "<h2>What does this print?</h2>\n<pre><code>print(1 { 2 })\n---\n</code></pre>\n" {
		t.Errorf("got %q", s.HTML)
	}
}
