package quizzes

import (
	"math"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// The audience screen (embed/web/css/projector.css) sizes everything in
// units of 1% of a 16:9 screen's height. A slide's body text is 3.4 units,
// shrunk by slide.js down to MIN_FIT (0.7): 2.38 units, 24 px at 1080p.
// At that size the slide area (the screen less the join strip and the
// stage's padding, about 88 units) holds about 37 lines' worth of body
// text, 67 ems wide (160 units). fitEstimate measures a slide in body ems
// the way the screen lays it out, erring on the long side, so that a slide
// it passes fits; fitBudget leaves a margin for the line that wraps one
// word early.
const (
	fitWidthEm  = 67.0 // the slide's width in body ems at the minimum size
	fitBudgetEm = 35.0 // the slide area's height in body ems at the minimum size, less a margin
	fitCharEm   = 0.55 // the width of an average character of proportional text, in ems
	fitMonoEm   = 0.62 // of monospaced text (code)
	fitLine     = 1.3  // line height
	imgSlideEm  = 50.0 / 2.38
	imgQuestEm  = 28.0 / 2.38
)

// textLines is how many lines n characters take at size (in body ems) in
// width (in body ems). A line wraps before the word that does not fit: it
// is counted as holding an average word (6 characters) less than its width.
func textLines(n int, size, width, charEm float64) float64 {
	if n == 0 {
		return 0
	}
	perLine := math.Max(1, math.Floor(width/(size*charEm))-6)
	return math.Ceil(float64(n) / perLine)
}

// fitEstimate is the height of slide s on the audience screen, in body ems
// (the em of the slide's text), in its tallest state: a question revealed,
// with its bars, counts, right-answer tag and explanation.
func fitEstimate(s *Slide) float64 {
	h := 0.0
	if s.Markdown != "" {
		doc, src := parseMarkdown([]byte(s.Markdown))
		h += blocksHeight(doc, src, fitWidthEm, s.Question != nil)
	}
	q := s.Question
	if q == nil {
		return h
	}
	if s.Markdown == "" || h == 0 {
		h += textLines(utf8.RuneCountInString(q.Prompt), 1.4, fitWidthEm, fitCharEm)*1.4*fitLine + 0.7
	}
	width, rows := fitWidthEm, len(q.Options)
	if len(q.Options) > 4 { // two columns
		width, rows = (fitWidthEm-0.8)/2, (len(q.Options)+1)/2
	}
	// Each option: its letter (2.2em), padding and border, its text with
	// the "✓ Right answer" tag, then its count and bar when revealed.
	text := width - 3.2
	tallest := make([]float64, rows)
	for i, o := range q.Options {
		n := utf8.RuneCountInString(o.Text) + 18 // the tag and count
		oh := textLines(n, 1, text, fitCharEm)*fitLine + 0.45 + 0.1 + 0.4 + 0.35 + 0.2
		r := i
		if len(q.Options) > 4 {
			r = i / 2
		}
		tallest[r] = math.Max(tallest[r], oh)
	}
	for _, t := range tallest {
		h += t
	}
	h += 0.95*fitLine + 0.6 // "12 answered"
	if !q.Kind.Scored() {
		h += 0.95*fitLine + 0.2 // the poll note
	}
	if q.Explanation != "" {
		doc, src := parseMarkdown([]byte(q.Explanation))
		h += 0.95*blocksHeight(doc, src, (fitWidthEm-1.6)/0.95, false) + 0.6 + 0.4
	}
	return h
}

// blocksHeight is the height of the blocks under n, in ems of their text,
// in width ems.
func blocksHeight(n ast.Node, src []byte, width float64, question bool) float64 {
	h := 0.0
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch b := c.(type) {
		case *ast.Heading:
			size := map[int]float64{1: 1.6, 2: 1.6, 3: 1.25}[b.Level]
			if size == 0 {
				size = 1
			}
			if question && b.Level <= 2 {
				size = 1.4
			}
			h += textLines(utf8.RuneCountInString(plainText(b, src)), size, width, fitCharEm)*size*fitLine + 0.5*size
		case *ast.Paragraph:
			h += inlineHeight(c, src, width, question) + 0.5
		case *ast.TextBlock: // a tight list's item: no margin
			h += inlineHeight(c, src, width, question)
		case *ast.List:
			for it := c.FirstChild(); it != nil; it = it.NextSibling() {
				h += blocksHeight(it, src, width-2.5, question)
			}
			h += 0.5
		case *ast.Blockquote:
			h += blocksHeight(c, src, width-3, question) + 0.5
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			lines := c.Lines()
			for i := 0; i < lines.Len(); i++ {
				seg := lines.At(i)
				h += textLines(max(1, utf8.RuneCount(seg.Value(src))), 1, width-0.8, fitMonoEm) * fitLine
			}
			h += 0.8 + 0.5
		case *east.Table:
			cols := 1
			if r := c.FirstChild(); r != nil {
				cols = max(1, r.ChildCount())
			}
			for r := c.FirstChild(); r != nil; r = r.NextSibling() {
				tallest := 1.0
				for cell := r.FirstChild(); cell != nil; cell = cell.NextSibling() {
					tallest = math.Max(tallest, textLines(utf8.RuneCountInString(plainText(cell, src)), 1, width/float64(cols)-1, fitCharEm))
				}
				h += tallest*fitLine + 0.3
			}
			h += 0.8
		case *ast.ThematicBreak:
			h += 1
		default:
			h += blocksHeight(c, src, width, question)
		}
	}
	return h
}

// inlineHeight is the height of a paragraph: its text, and its images at
// the largest the screen shows one (the kit does not know their size), two
// to a row (images on one paragraph sit side by side as they fit: two 4:3
// images at the largest height fill the slide's width).
func inlineHeight(p ast.Node, src []byte, width float64, question bool) float64 {
	h, images := 0.0, 0
	_ = ast.Walk(p, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if _, ok := n.(*ast.Image); ok && entering {
			images++
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	if images > 0 {
		img := imgSlideEm
		if question {
			img = imgQuestEm
		}
		h += float64((images+1)/2) * img
	}
	if n := utf8.RuneCountInString(plainText(p, src)); n > 0 || images == 0 {
		h += textLines(n, 1, width, fitCharEm) * fitLine
	}
	return h
}

// lintFit warns about each slide that cannot fit one screen at the minimum
// type size, by fitEstimate: on the screen it would scroll.
func (p *deckParser) lintFit(d *Deck) {
	for i := range d.Slides {
		s := &d.Slides[i]
		if est := fitEstimate(s); est > fitBudgetEm {
			p.warnf(s.Line, "this slide may not fit one screen even at the smallest type (about %d%% of the screen); it would scroll: shorten it or split it in two", int(math.Round(est*100/fitBudgetEm)))
		}
	}
}
