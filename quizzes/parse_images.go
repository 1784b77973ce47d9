package quizzes

import (
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// lintImages warns about the images of one slide that will not show as the
// author expects: one from the internet (the room has no internet, and the
// kit's pages load nothing from elsewhere) and Marp's background images
// (![bg](…)), which Roundtable shows as ordinary images. A data: URL or a
// relative address is not warned about. (An address the renderer refuses,
// such as javascript:, is shown as its text.)
func (p *deckParser) lintImages(doc ast.Node, src []byte, c chunk, line int) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		img, ok := n.(*ast.Image)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		dest, alt := string(img.Destination), plainText(img, src)
		at := line
		for _, find := range []string{"![" + alt + "](" + dest, dest} {
			for i, l := range c.lines {
				if at == line && strings.Contains(l, find) {
					at = c.start + i + 1
				}
			}
		}
		if slices.Contains(strings.Fields(alt), "bg") {
			p.warnf(at, "Roundtable shows Marp's background image ![bg](…) as an ordinary image on the slide")
		}
		if u := strings.ToLower(strings.TrimSpace(dest)); strings.HasPrefix(u, "http:") || strings.HasPrefix(u, "https:") {
			p.warnf(at, "the image %s is on the internet: the room may have no internet and the kit's pages show no image from elsewhere; put it in the deck as a data: URL", dest)
		}
		return ast.WalkSkipChildren, nil
	})
}
