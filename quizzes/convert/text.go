package convert

import (
	"html"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// normalize makes any input safe to scan line by line: valid UTF-8, no BOM,
// "\n" line ends and no NUL bytes (which no format here means anything by).
func normalize(data []byte) string {
	s := strings.ToValidUTF8(string(data), "\uFFFD")
	s = strings.TrimPrefix(s, "\uFEFF")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.ReplaceAll(s, "\x00", "")
}

// oneLine collapses every run of white space (newlines included) into one
// space, for text that must fit on one line: prompts, options, titles.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// clip shortens s to at most n runes for report titles, marking the cut.
func clip(s string, n int) string {
	s = oneLine(strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' ' // a report goes to a terminal: no escape sequences
		}
		return r
	}, s))
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

var (
	tagRE      = regexp.MustCompile(`(?s)<[^>]*>`)
	blockTagRE = regexp.MustCompile(`(?i)<\s*(br|/p|/div|/li|/h[1-6]|/tr)\b[^>]*>`)
)

// stripHTML turns GIFT's [html] text into plain text: block ends become line
// breaks, other tags go, entities are decoded.
func stripHTML(s string) string {
	s = blockTagRE.ReplaceAllString(s, "\n")
	s = tagRE.ReplaceAllString(s, "")
	return html.UnescapeString(s)
}

// markdownToPlain keeps the text of simple inline Markdown (backslash
// escapes, emphasis, code), which is what the deck parser keeps for prompts
// and options. It undoes escapeText(s, true) exactly: the underscores that
// leaves unescaped are inside words or stand alone, and those stay.
func markdownToPlain(s string) string {
	var b strings.Builder
	r := []rune(s)
	for i := 0; i < len(r); i++ {
		c := r[i]
		switch {
		case c == '\\' && i+1 < len(r) && isASCIIPunct(r[i+1]):
			b.WriteRune(r[i+1])
			i++
		case c == '*' || c == '`':
		case c == '~' && i+1 < len(r) && r[i+1] == '~':
			i++
		case c == '_':
			j := i
			for j < len(r) && r[j] == '_' {
				j++
			}
			wordBefore := i > 0 && isWordRune(r[i-1])
			wordAfter := j < len(r) && isWordRune(r[j])
			if j-i > 2 || wordBefore == wordAfter {
				b.WriteString(string(r[i:j]))
			}
			i = j - 1
		default:
			b.WriteRune(c)
		}
	}
	return b.String()
}

// escapeInline escapes text so that Markdown shows it as written: every
// character that could start emphasis, code, a link, raw HTML or an entity.
// Underscores inside words and free-standing blanks ("_____") stay readable.
func escapeInline(s string) string { return escapeText(s, underscoreRuns(s) > 1) }

// underscoreRuns counts runs of "_": a lone run has nothing to pair with, so
// it can never be emphasis and needs no escape.
func underscoreRuns(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '_' && (i == 0 || s[i-1] != '_') {
			n++
		}
	}
	return n
}

func escapeText(s string, pairable bool) string {
	var b strings.Builder
	r := []rune(s)
	for i := 0; i < len(r); i++ {
		c := r[i]
		switch c {
		case '\\', '`', '*', '[', ']', '<', '>', '~', '|':
			b.WriteByte('\\')
		case '#':
			if i == 0 || unicode.IsSpace(r[i-1]) || i == len(r)-1 {
				b.WriteByte('\\')
			}
		case '&':
			if i+1 < len(r) && (r[i+1] == '#' || unicode.IsLetter(r[i+1]) || unicode.IsDigit(r[i+1])) {
				b.WriteByte('\\')
			}
		case '_':
			j := i
			for j < len(r) && r[j] == '_' {
				j++
			}
			before := i == 0 || unicode.IsSpace(r[i-1])
			after := j == len(r) || unicode.IsSpace(r[j])
			inWord := i > 0 && j < len(r) && isWordRune(r[i-1]) && isWordRune(r[j])
			if !pairable || (before && after) || inWord {
				b.WriteString(string(r[i:j]))
			} else {
				b.WriteString(strings.Repeat(`\_`, j-i))
			}
			i = j - 1
			continue
		}
		b.WriteRune(c)
	}
	return b.String()
}

func isASCIIPunct(c rune) bool { return c < 0x80 && (unicode.IsPunct(c) || unicode.IsSymbol(c)) }

func isWordRune(c rune) bool { return unicode.IsLetter(c) || unicode.IsDigit(c) }

var (
	orderedRE  = regexp.MustCompile(`^(\d{1,9})([.)])`)
	reservedRE = regexp.MustCompile(`(?i)^(notes?|explanation|explicación|explicacion)(:)`)
)

// escapeBlock escapes plain text that becomes paragraphs of a slide: the
// inline escapes plus whatever would start a block (list, heading, quote,
// rule, setext underline, fence) or a deck keyword (Note:, Explanation:) at
// the start of a line. Lines are trimmed; paragraphs are kept.
func escapeBlock(s string) string {
	lines := strings.Split(s, "\n")
	pairable := underscoreRuns(s) > 1
	for i, l := range lines {
		l = oneLine(l)
		if l == "" {
			lines[i] = ""
			continue
		}
		lines[i] = escapeLineStart(escapeText(l, pairable))
	}
	return collapseBlank(strings.Join(lines, "\n"))
}

// escapeLineStart escapes what would make an (already inline-escaped) line
// start a block or a deck keyword.
func escapeLineStart(l string) string {
	switch {
	case l == "":
	case strings.ContainsRune("-+=#", rune(l[0])):
		l = `\` + l
	case orderedRE.MatchString(l):
		m := orderedRE.FindStringSubmatchIndex(l)
		l = l[:m[4]] + `\` + l[m[4]:]
	case reservedRE.MatchString(l):
		m := reservedRE.FindStringSubmatchIndex(l)
		l = l[:m[4]] + `\` + l[m[4]:]
	}
	return l
}

// collapseBlank trims s and leaves at most one blank line between paragraphs.
func collapseBlank(s string) string {
	var out []string
	blank := false
	for _, l := range strings.Split(strings.TrimSpace(s), "\n") {
		if strings.TrimSpace(l) == "" {
			blank = true
			continue
		}
		if blank && len(out) > 0 {
			out = append(out, "")
		}
		blank = false
		out = append(out, strings.TrimRight(l, " \t"))
	}
	return strings.Join(out, "\n")
}

var (
	ruleLineRE  = regexp.MustCompile(`^\s*([-*_=]\s*){3,}$`)
	fenceLineRE = regexp.MustCompile("^\\s*(```|~~~)")
)

// closedFences maps the line of each code fence that opens to the line
// that closes it (the same character, at least as many, nothing after);
// a fence that never closes is left out.
func closedFences(lines []string) map[int]int {
	out := map[int]int{}
	for i := 0; i < len(lines); i++ {
		m := fenceOpenRE.FindStringSubmatch(lines[i])
		if m == nil {
			continue
		}
		for j := i + 1; j < len(lines); j++ {
			t := strings.TrimSpace(lines[j])
			if strings.HasPrefix(t, m[1]) && strings.Trim(t, m[1][:1]) == "" {
				out[i] = j
				i = j
				break
			}
		}
	}
	return out
}

var fenceOpenRE = regexp.MustCompile("^\\s*(```+|~~~+)")

// sanitizeMarkdown keeps an author's Markdown (GIFT [markdown] descriptions)
// but defuses what could reach outside its slide: slide separators, fences
// that never close, HTML comments that would read as directives, and lines
// the deck parser treats as notes or an explanation.
func sanitizeMarkdown(s string) string {
	lines := strings.Split(s, "\n")
	closes := closedFences(lines)
	for i := 0; i < len(lines); i++ {
		if end, ok := closes[i]; ok {
			i = end // a fence that closes is code: the parser reads nothing in it
			continue
		}
		l := strings.TrimRight(lines[i], " \t")
		t := strings.TrimLeft(l, " \t")
		switch {
		case ruleLineRE.MatchString(l), fenceLineRE.MatchString(l):
			l = `\` + t
		case reservedRE.MatchString(t):
			m := reservedRE.FindStringSubmatchIndex(t)
			l = t[:m[4]] + `\` + t[m[4]:]
		}
		lines[i] = escapeUnescaped(l, '<')
	}
	return collapseBlank(strings.Join(lines, "\n"))
}

// escapeUnescaped puts a backslash before each c that does not have one
// already, so that sanitizing twice changes nothing.
func escapeUnescaped(s string, c byte) string {
	var b strings.Builder
	slashes := 0
	for i := 0; i < len(s); i++ {
		if s[i] == c && slashes%2 == 0 {
			b.WriteByte('\\')
		}
		if s[i] == '\\' {
			slashes++
		} else {
			slashes = 0
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

var slugRE = regexp.MustCompile(`[^a-z0-9]+`)

// slug makes a question or deck id from free text: lower-case ASCII letters
// and digits joined by "-", at most 40 characters, "" when nothing is left.
func slug(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < utf8.RuneSelf {
			return unicode.ToLower(r)
		}
		if f, ok := foldAccent[r]; ok {
			return f
		}
		return '-'
	}, s)
	s = strings.Trim(slugRE.ReplaceAllString(s, "-"), "-")
	if len(s) > 40 {
		s = strings.TrimRight(s[:40], "-")
	}
	return s
}

// foldAccent covers the letters of the kit's two languages so that Spanish
// titles give readable ids.
var foldAccent = map[rune]rune{
	'á': 'a', 'é': 'e', 'í': 'i', 'ó': 'o', 'ú': 'u', 'ü': 'u', 'ñ': 'n',
	'Á': 'a', 'É': 'e', 'Í': 'i', 'Ó': 'o', 'Ú': 'u', 'Ü': 'u', 'Ñ': 'n',
}
