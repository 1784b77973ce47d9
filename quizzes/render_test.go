package quizzes

import (
	"html"
	"regexp"
	"strings"
	"testing"
)

// attacks are Markdown inputs that try to get script or raw HTML through.
var attacks = []string{
	"<script>alert(1)</script>",
	"<SCRIPT SRC=//x.example/x.js></SCRIPT>",
	"text <script>alert(1)</script> text",
	`<img src=x onerror="alert(1)">`,
	`inline <img src=x onerror=alert(1)> image`,
	"<iframe src=\"https://x.example\"></iframe>",
	"<style>body{display:none}</style>",
	"<div onclick=\"alert(1)\">click</div>",
	"[click](javascript:alert(1))",
	"[click](JaVaScRiPt:alert(1))",
	"[click](<java\tscript:alert(1)>)",
	"[click](&#106;avascript:alert(1))",
	"[click](&#x6A;avascript&colon;alert(1))",
	"[click](vbscript:msgbox(1))",
	"[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
	"![img](javascript:alert(1))",
	"![img](data:image/svg+xml;base64,PHN2Zz4=)",
	"[ref]\n\n[ref]: javascript:alert(1)",
	"<javascript:alert(1)>",
	"[x](\"onmouseover=alert(1))",
	"[x](https://ok.example \"title\\\" onmouseover=\\\"alert(1)\")",
	"`<script>` in code",
	"```html\n<script>alert(1)</script>\n```",
	"<!-- comment --><b>bold</b>",
	"<a href=\"https://x.example\">raw link</a>",
}

var (
	tagRe    = regexp.MustCompile(`<[^>]*>?`)
	tagName  = regexp.MustCompile(`^</?([a-zA-Z0-9]+)`)
	quotedRe = regexp.MustCompile(`"[^"]*"`)
	urlAttr  = regexp.MustCompile(`\s(?:href|src)="([^"]*)"`)
	// safeTags are the elements goldmark makes from Markdown (GFM).
	safeTags = map[string]bool{"p": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
		"em": true, "strong": true, "del": true, "code": true, "pre": true, "a": true, "img": true, "br": true, "hr": true,
		"ul": true, "ol": true, "li": true, "blockquote": true, "table": true, "thead": true, "tbody": true,
		"tr": true, "th": true, "td": true, "input": true}
)

// unsafeHTML returns the first thing in out that could run or load code:
// an element Markdown does not make, an attribute outside quotes that is an
// event handler, a comment, or a URL with a scriptable scheme.
func unsafeHTML(out string) string {
	for _, tag := range tagRe.FindAllString(out, -1) {
		if strings.HasPrefix(tag, "<!") {
			return tag
		}
		m := tagName.FindStringSubmatch(tag)
		if m == nil || !safeTags[strings.ToLower(m[1])] || !strings.HasSuffix(tag, ">") {
			return tag
		}
		if bare := quotedRe.ReplaceAllString(tag, `""`); strings.Contains(strings.ToLower(bare), " on") {
			return tag
		}
		if m[1] == "input" && !strings.Contains(tag, `disabled=""`) {
			return tag
		}
		for _, u := range urlAttr.FindAllStringSubmatch(tag, -1) {
			v := strings.Map(func(r rune) rune {
				if r <= ' ' {
					return -1
				}
				return r
			}, strings.ToLower(html.UnescapeString(u[1])))
			for _, bad := range []string{"javascript:", "vbscript:", "data:", "file:"} {
				if strings.HasPrefix(v, bad) {
					return tag
				}
			}
		}
	}
	return ""
}

func TestRenderMarkdownIsInert(t *testing.T) {
	for _, in := range attacks {
		out := RenderMarkdown(in)
		if bad := unsafeHTML(out); bad != "" {
			t.Errorf("RenderMarkdown(%q) = %q: has %q", in, out, bad)
		}
	}
}

// TestRenderSlideIsInert puts every attack on a slide, in a question's
// explanation and in its options, and checks every field the pages show.
func TestRenderSlideIsInert(t *testing.T) {
	for _, in := range attacks {
		if strings.Contains(in, "```") {
			continue // a fence swallows the rest of the slide, which is fine but tests nothing here
		}
		src := withFM("<!-- question: single -->\n\n# Q " + in + "\n\n" + in + "\n\n- [x] " + firstLine(in) + "\n- [ ] b\n\nExplanation: " + in + "\n")
		d, _ := Parse("t", src)
		s := d.Slides[0]
		for what, out := range map[string]string{"html": s.HTML, "explanation": s.Question.ExplanationHTML} {
			if bad := unsafeHTML(out); bad != "" {
				t.Errorf("%s of %q = %q: has %q", what, in, out, bad)
			}
		}
	}
}

func firstLine(s string) string { return strings.SplitN(s, "\n", 2)[0] }

func TestRenderMarkdownKeepsSafeMarkdown(t *testing.T) {
	tests := []struct{ in, want string }{
		{"**bold** and ~~gone~~", "<p><strong>bold</strong> and <del>gone</del></p>\n"},
		{"[site](https://example.org/a?b=1)", "<p><a href=\"https://example.org/a?b=1\">site</a></p>\n"},
		{"[help](mailto:help@example.org)", "<p><a href=\"mailto:help@example.org\">help</a></p>\n"},
		{"[next](slides/2.md#top)", "<p><a href=\"slides/2.md#top\">next</a></p>\n"},
		{"see www.example.org", "<p>see <a href=\"http://www.example.org\">www.example.org</a></p>\n"},
		{"[click](javascript:alert(1))", "<p>click</p>\n"},
		{"![cat](https://example.org/cat.png)", "<p><img src=\"https://example.org/cat.png\" alt=\"cat\"></p>\n"},
		{"a <b>b</b> c", "<p>a b c</p>\n"},
		{"| a | b |\n|---|---|\n| 1 | 2 |", "<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n<td>2</td>\n</tr>\n</tbody>\n</table>\n"},
	}
	for _, tt := range tests {
		if got := RenderMarkdown(tt.in); got != tt.want {
			t.Errorf("RenderMarkdown(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPlainText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"`password123`", "password123"},
		{"**Four** random _words_: `lamp river`", "Four random words: lamp river"},
		{"[Take It Down](https://takeitdown.ncmec.org)", "Take It Down"},
		{"a <span>b</span> c", "a b c"},
		{`\*not emphasis\* &amp; &#233;`, "*not emphasis* & é"},
		{"# Title\n\nOne\ntwo", "Title\nOne two"},
		{"~~old~~ new", "old new"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := PlainText(tt.in); got != tt.want {
			t.Errorf("PlainText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := plainInline("2020. A year"); got != "2020. A year" {
		t.Errorf("plainInline kept a list marker out: %q", got)
	}
	if got := plainInline("# 1 fan"); got != "# 1 fan" {
		t.Errorf("plainInline made a heading: %q", got)
	}
}

// TestUnsafeHTMLCatches makes sure the checker above would see an attack.
func TestUnsafeHTMLCatches(t *testing.T) {
	for _, out := range []string{"<script>alert(1)</script>", `<img src="x" onerror="alert(1)">`, `<img src=x onerror=alert(1)>`,
		`<a href="javascript:alert(1)">x</a>`, `<a href="&#106;avascript:x">x</a>`, "<!-- raw HTML omitted -->", "<p>a <b>b</b></p>",
		`<input type="checkbox">`} {
		if unsafeHTML(out) == "" {
			t.Errorf("unsafeHTML(%q) found nothing", out)
		}
	}
	if bad := unsafeHTML(`<p><a href="https://x.example" title="a&quot; onclick=&quot;b">x</a> <input checked="" disabled="" type="checkbox"></p>`); bad != "" {
		t.Errorf("safe HTML flagged: %q", bad)
	}
}
