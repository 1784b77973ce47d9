package convert

import (
	"fmt"
	"net/url"
	"path"
	"strings"

	"golang.org/x/net/html"
)

// htmlConv turns the HTML that GIFT text may hold (Moodle's default text
// format allows it) into safe deck Markdown, or into plain text for prompts
// and options. It keeps emphasis, line breaks, lists, code, links and images
// that the room can show (data: URLs and files beside the deck); everything
// else is reduced to its text, comments and scripts are dropped, entities
// decoded. What it could not keep is listed in lost, for the report.
type htmlConv struct {
	plain bool // plain text: no Markdown at all
	out   strings.Builder
	lost  []string
	lists []listState
	link  *linkState
	pre   int  // inside <pre>
	skip  int  // inside <script>, <style>, <head> …
	space bool // a space is pending before the next text
}

type listState struct {
	ordered bool
	n       int
}

type linkState struct {
	href string
	at   int // where the link's text starts in out
}

// maxHTMLImage bounds a data: image kept inline, so the slide stays within
// the deck's slide size.
const maxHTMLImage = 24 << 10

// htmlToMarkdown converts HTML to deck Markdown; lost lists what was left
// out (images and links the room cannot show).
func htmlToMarkdown(s string) (md string, lost []string) {
	c := &htmlConv{}
	c.run(s)
	// A line break that ends a paragraph or the text breaks nothing.
	lines := strings.Split(c.out.String(), "\n")
	for i, l := range lines {
		if strings.HasSuffix(l, "\\") && (i+1 == len(lines) || strings.TrimSpace(lines[i+1]) == "") {
			lines[i] = strings.TrimSuffix(l, "\\")
		}
	}
	return collapseBlank(strings.Join(lines, "\n")), c.lost
}

// htmlToPlain converts HTML to one-paragraph plain text.
func htmlToPlain(s string) (text string, lost []string) {
	c := &htmlConv{plain: true}
	c.run(s)
	return oneLine(c.out.String()), c.lost
}

func (c *htmlConv) run(s string) {
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			c.closeLink()
			return
		case html.TextToken:
			if c.skip == 0 {
				c.text(string(z.Text()))
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			attrs := map[string]string{}
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				attrs[string(k)] = string(v)
			}
			c.start(string(name), attrs, tt == html.SelfClosingTagToken)
		case html.EndTagToken:
			name, _ := z.TagName()
			c.end(string(name))
		}
		// Comments and doctypes are dropped.
	}
}

func (c *htmlConv) write(s string) {
	if c.space && s != "" {
		if c.out.Len() > 0 && !strings.HasSuffix(c.out.String(), "\n") && !strings.HasSuffix(c.out.String(), " ") {
			c.out.WriteByte(' ')
		}
		c.space = false
	}
	c.out.WriteString(s)
}

func (c *htmlConv) text(t string) {
	if c.pre > 0 {
		c.out.WriteString(t)
		return
	}
	lead := len(t) > 0 && isHTMLSpace(t[0])
	trail := len(t) > 0 && isHTMLSpace(t[len(t)-1])
	t = oneLine(t)
	if lead {
		c.space = true
	}
	if t == "" {
		return
	}
	if c.plain {
		c.write(t)
	} else {
		e := escapeText(t, true)
		if o := c.out.String(); o == "" || strings.HasSuffix(o, "\n") {
			e = escapeLineStart(e) // text that starts a line must not start a block
		}
		c.write(e)
	}
	c.space = trail
}

func isHTMLSpace(b byte) bool { return b == ' ' || b == '\n' || b == '\t' || b == '\r' || b == '\f' }

// block ends the current line or paragraph.
func (c *htmlConv) block(para bool) {
	c.space = false
	if c.plain {
		c.space = true
		return
	}
	s := c.out.String()
	if s == "" {
		return
	}
	switch {
	case para && !strings.HasSuffix(s, "\n\n"):
		c.out.WriteString(strings.Repeat("\n", 2-trailingNewlines(s)))
	case !para && !strings.HasSuffix(s, "\n"):
		c.out.WriteByte('\n')
	}
}

func trailingNewlines(s string) int {
	n := 0
	for n < len(s) && s[len(s)-1-n] == '\n' {
		n++
	}
	return min(n, 2)
}

func (c *htmlConv) mark(m string) {
	if !c.plain {
		c.write(m)
	}
}

func (c *htmlConv) start(name string, attrs map[string]string, selfClosing bool) {
	switch name {
	case "script", "style", "head", "title", "iframe", "object", "svg", "math", "template":
		if !selfClosing {
			c.skip++
		}
	case "b", "strong":
		c.mark("**")
	case "i", "em", "cite", "var":
		c.mark("*")
	case "code", "kbd", "samp", "tt":
		if c.pre == 0 {
			c.mark("`")
		}
	case "br":
		if c.plain {
			c.space = true
		} else if c.pre > 0 {
			c.out.WriteByte('\n')
		} else if s := c.out.String(); s != "" && !strings.HasSuffix(s, "\n") {
			c.out.WriteString("\\\n")
			c.space = false
		}
	case "p", "div", "blockquote", "table", "section", "article", "h1", "h2", "h3", "h4", "h5", "h6", "hr":
		c.block(true)
		if strings.HasPrefix(name, "h") && len(name) == 2 && name != "hr" {
			c.mark("**")
		}
	case "tr":
		c.block(false)
	case "td", "th":
		c.space = true
	case "pre":
		c.block(true)
		if !c.plain {
			c.out.WriteString("```\n")
		}
		c.pre++
	case "ul", "ol":
		c.block(len(c.lists) == 0)
		c.lists = append(c.lists, listState{ordered: name == "ol"})
	case "li":
		c.block(false)
		if c.plain || len(c.lists) == 0 {
			c.space = true
			return
		}
		l := &c.lists[len(c.lists)-1]
		l.n++
		indent := strings.Repeat("   ", len(c.lists)-1)
		if l.ordered {
			c.out.WriteString(fmt.Sprintf("%s%d. ", indent, l.n))
		} else {
			c.out.WriteString(indent + "- ")
		}
	case "a":
		c.closeLink()
		href := strings.TrimSpace(attrs["href"])
		if c.plain || href == "" {
			return
		}
		if u, err := url.Parse(href); err == nil && (u.Scheme == "http" || u.Scheme == "https" || u.Scheme == "mailto") {
			c.write("[")
			c.link = &linkState{href: u.String(), at: c.out.Len()}
			return
		}
		c.lost = append(c.lost, fmt.Sprintf("link to %q kept as text", clip(href, 60)))
	case "img":
		c.image(attrs)
	}
}

func (c *htmlConv) end(name string) {
	switch name {
	case "script", "style", "head", "title", "iframe", "object", "svg", "math", "template":
		if c.skip > 0 {
			c.skip--
		}
	case "b", "strong":
		c.mark("**")
	case "i", "em", "cite", "var":
		c.mark("*")
	case "code", "kbd", "samp", "tt":
		if c.pre == 0 {
			c.mark("`")
		}
	case "h1", "h2", "h3", "h4", "h5", "h6":
		c.mark("**")
		c.block(true)
	case "p", "div", "blockquote", "table", "section", "article":
		c.block(true)
	case "pre":
		if c.pre > 0 {
			c.pre--
			if !c.plain {
				c.block(false)
				c.out.WriteString("```")
			}
			c.block(true)
		}
	case "ul", "ol":
		if len(c.lists) > 0 {
			c.lists = c.lists[:len(c.lists)-1]
		}
		c.block(len(c.lists) == 0)
	case "a":
		c.closeLink()
	}
}

func (c *htmlConv) closeLink() {
	if c.link == nil {
		return
	}
	l := c.link
	c.link = nil
	if c.out.Len() == l.at { // no text: show the address
		c.out.WriteString(escapeText(l.href, true))
	}
	c.out.WriteString("](" + markdownURL(l.href) + ")")
}

// image keeps an <img> the room can show: a data: URL of a picture, or a
// file in the same folder as the quiz (which the author copies beside the
// deck). Others are reported.
func (c *htmlConv) image(attrs map[string]string) {
	src := strings.TrimSpace(attrs["src"])
	alt := oneLine(attrs["alt"])
	keep := false
	switch {
	case strings.HasPrefix(strings.ToLower(src), "data:image/") && !strings.HasPrefix(strings.ToLower(src), "data:image/svg"):
		if len(src) > maxHTMLImage {
			c.lost = append(c.lost, fmt.Sprintf("image %q left out: a data: image over %d KiB does not fit a slide", clip(firstNonEmpty(alt, "without text"), 40), maxHTMLImage>>10))
			break
		}
		keep = true
	case sameFolderFile(src):
		keep = true
		if !c.plain {
			c.lost = append(c.lost, fmt.Sprintf("image %q kept: copy the file beside the deck", clip(src, 60)))
		}
	default:
		c.lost = append(c.lost, fmt.Sprintf("image %q left out: only data: images and files beside the quiz can be shown", clip(src, 60)))
	}
	if c.plain {
		if alt != "" {
			c.write(alt)
		}
		if keep {
			c.lost = append(c.lost, fmt.Sprintf("image %q left out of a prompt or option, which are plain text", clip(firstNonEmpty(alt, src), 40)))
		}
		return
	}
	if !keep {
		if alt != "" {
			c.write(escapeText(alt, true))
		}
		return
	}
	c.write("![" + escapeText(alt, true) + "](" + markdownURL(src) + ")")
}

// sameFolderFile reports whether src names a file beside the quiz: a
// relative path with no folder, scheme, query or "..".
func sameFolderFile(src string) bool {
	if src == "" || strings.ContainsAny(src, `/\:?#`) || strings.HasPrefix(src, ".") || strings.Contains(src, "@@") {
		return false
	}
	return path.Ext(src) != ""
}

// markdownURL writes an address so that it cannot end the link early.
func markdownURL(u string) string {
	return strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29", "<", "%3C", ">", "%3E", "\n", "").Replace(u)
}

// looksHTML reports whether s has anything HTML would read differently from
// plain text: a tag, a comment or an entity.
func looksHTML(s string) bool {
	return strings.Contains(s, "<") && tagRE.MatchString(s) || strings.Contains(s, "&")
}
