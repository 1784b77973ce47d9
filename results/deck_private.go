package results

import (
	"fmt"
	"math"
	"strings"

	"github.com/roundtable-kit/roundtable/quizzes"
)

// SuppressDeck hides a deck report's small groups as Suppress does a
// session's (the sessions' participants partition the total; each share
// and its complement; the paired counts; every role split), then fills in
// the shares, intervals, gains and each item's sentence from what is left.
func SuppressDeck(r *DeckReport, k int) {
	r.MinGroup = k
	hideTotal(&r.Participants, k)
	cells := make([]Count, len(r.Sessions))
	for i, s := range r.Sessions {
		cells[i] = s.Participants
	}
	hidePartition(cells, r.Participants, k)
	for i := range r.Sessions {
		r.Sessions[i].Participants = cells[i]
	}
	for _, list := range [][]Item{r.Items, r.Changed} {
		for i := range list {
			suppressItem(&list[i], k, r.Lang)
		}
	}
	suppressDeckRoles(r, k)
}

func suppressItem(it *Item, k int, lang string) {
	for _, sh := range []*Share{it.All, it.Pre, it.Post} {
		if sh == nil {
			continue
		}
		hideTotal(&sh.Responses, k)
		if sh.Right != nil {
			hidePart(sh.Right, sh.Responses, k)
			if sh.Share = ratio(*sh.Right, sh.Responses); sh.Share != nil {
				lo, hi := wilson(int(*sh.Right), int(sh.Responses))
				sh.Low, sh.High = round4(lo), round4(hi)
				sh.Share = round4(*sh.Share)
			}
		}
	}
	var total Count
	switch {
	case it.Post != nil:
		total = it.Post.Responses
	case it.All != nil:
		total = it.All.Responses
	}
	counts := make([]Count, len(it.Options))
	for i, o := range it.Options {
		counts[i] = o.Count
	}
	if it.Kind == "multiple" {
		for i := range counts {
			hidePart(&counts[i], total, k)
		}
	} else {
		hidePartition(counts, total, k)
	}
	for i := range it.Options {
		it.Options[i].Count = counts[i]
	}
	if p := it.Paired; p != nil {
		hideTotal(&p.N, k)
		hidePart(&p.PreRight, p.N, k)
		hidePart(&p.PostRight, p.N, k)
		p.PreShare, p.PostShare = ratio(p.PreRight, p.N), ratio(p.PostRight, p.N)
		if p.PreShare != nil && p.PostShare != nil {
			g := math.Round((*p.PostShare-*p.PreShare)*1000) / 10
			p.Gain = &g
		}
		p.PreShare, p.PostShare = round4p(p.PreShare), round4p(p.PostShare)
	}
	if f := it.Feedback; f != nil {
		suppressFeedback(f, k)
	}
	it.Sentence = sentence(it, k, lang)
}

// suppressFeedback hides a feedback item under k: with fewer than k
// answers nothing is shown (mean, counts, comments); otherwise the
// comments are, the points are hidden as any partition, and the mean is
// shown only when every point is (with the total, it would give two hidden
// points back).
func suppressFeedback(f *FeedbackItem, k int) {
	if f.Responses > 0 {
		m := quizzes.Round2(f.sum / float64(f.Responses))
		f.Mean = &m
	}
	hideTotal(&f.Responses, k)
	hidePartition(f.Counts, f.Responses, k)
	if !f.Responses.Shown() {
		f.Mean, f.Comments = nil, nil
	}
	if anyHidden(f.Counts) {
		f.Mean = nil
	}
}

func suppressDeckRoles(r *DeckReport, k int) {
	n := len(r.Roles)
	if n == 0 {
		return
	}
	hideSplit(n, func(i int) *Count { return &r.Roles[i].Participants }, r.Participants, k)
	for j, it := range r.Items {
		var total Count
		switch {
		case it.Post != nil:
			total = it.Post.Responses
		case it.All != nil:
			total = it.All.Responses
		default:
			continue
		}
		hideSplit(n, func(i int) *Count { return &r.Roles[i].Items[j].Responses }, total, k)
		for i := range r.Roles {
			ri := &r.Roles[i].Items[j]
			if !r.Roles[i].Participants.Shown() {
				ri.Responses = Hidden
			}
			if ri.Right != nil {
				hidePart(ri.Right, ri.Responses, k)
				ri.Share = round4p(ratio(*ri.Right, ri.Responses))
			}
		}
	}
}

func round4(v float64) *float64 {
	v = math.Round(v*10000) / 10000
	return &v
}

func round4p(v *float64) *float64 {
	if v == nil {
		return nil
	}
	return round4(*v)
}

// comments is "1 comment" or "n comments", in the report's language.
func comments(n int, es bool) string {
	switch {
	case es && n == 1:
		return "1 comentario"
	case es:
		return fmt.Sprintf("%d comentarios", n)
	case n == 1:
		return "1 comment"
	}
	return fmt.Sprintf("%d comments", n)
}

func pct(v *float64) int { return int(math.Round(*v * 100)) }

// sentence says an item's result in plain words, in the deck's language,
// for an organizer to paste into a report.
func sentence(it *Item, k int, lang string) string {
	q := *it
	q.Prompt = quotable(it.Prompt)
	return sentenceOf(&q, k, lang == "es")
}

// quotable is a prompt as the sentence quotes it: a statement's own closing
// period is left to the sentence («…enseñar».» read as a stutter), an
// ellipsis and a question mark are kept.
func quotable(prompt string) string {
	p := strings.TrimSpace(prompt)
	if strings.HasSuffix(p, ".") && !strings.HasSuffix(p, "..") {
		return strings.TrimSuffix(p, ".")
	}
	return p
}

func sentenceOf(it *Item, k int, es bool) string {
	switch {
	case it.Feedback != nil && it.Feedback.Mean != nil:
		if es {
			return fmt.Sprintf("«%s»: %s de 5 en promedio (%d respuestas, %s).", it.Prompt,
				strings.Replace(fmt.Sprintf("%.1f", *it.Feedback.Mean), ".", ",", 1), it.Feedback.Responses, comments(len(it.Feedback.Comments), es))
		}
		return fmt.Sprintf("“%s”: %.1f out of 5 on average (%d answers, %s).", it.Prompt, *it.Feedback.Mean, it.Feedback.Responses, comments(len(it.Feedback.Comments), es))
	case it.Feedback != nil && it.Feedback.Responses.Shown():
		if es {
			return fmt.Sprintf("«%s»: %d respuestas, %s; el promedio no se muestra: revelaría los puntos de menos de %d personas.", it.Prompt, it.Feedback.Responses, comments(len(it.Feedback.Comments), es), k)
		}
		return fmt.Sprintf("“%s”: %d answers, %s; the average is not shown: it would give away the points of fewer than %d people.", it.Prompt, it.Feedback.Responses, comments(len(it.Feedback.Comments), es), k)
	case it.Paired != nil && it.Paired.PreShare != nil && it.Paired.PostShare != nil:
		if es {
			return fmt.Sprintf("Antes: el %d %% acertó «%s». Después: el %d %%. (%d personas respondieron antes y después.)",
				pct(it.Paired.PreShare), it.Prompt, pct(it.Paired.PostShare), it.Paired.N)
		}
		return fmt.Sprintf("Before: %d%% got “%s” right. After: %d%%. (%d people answered both before and after.)",
			pct(it.Paired.PreShare), it.Prompt, pct(it.Paired.PostShare), it.Paired.N)
	case it.Paired != nil:
		if es {
			return fmt.Sprintf("Menos de %d personas respondieron «%s» antes y después, o su resultado revelaría a menos de %d: no se muestra.", k, it.Prompt, k)
		}
		return fmt.Sprintf("Fewer than %d people answered “%s” both before and after, or the result would single out fewer than %d: not shown.", k, it.Prompt, k)
	case it.All != nil && it.All.Share != nil:
		if es {
			return fmt.Sprintf("El %d %% acertó «%s» (intervalo del 95 %%: %d–%d %%; %d respuestas).",
				pct(it.All.Share), it.Prompt, pct(it.All.Low), pct(it.All.High), it.All.Responses)
		}
		return fmt.Sprintf("%d%% got “%s” right (95%% interval %d–%d%%; %d answers).",
			pct(it.All.Share), it.Prompt, pct(it.All.Low), pct(it.All.High), it.All.Responses)
	case it.All != nil && it.All.Right == nil && it.All.Responses == 0:
		if es {
			return fmt.Sprintf("Nadie respondió «%s».", it.Prompt)
		}
		return fmt.Sprintf("Nobody answered “%s”.", it.Prompt)
	case it.All != nil && it.All.Right == nil && it.All.Responses.Shown():
		if es {
			return fmt.Sprintf("%d personas respondieron «%s».", it.All.Responses, it.Prompt)
		}
		return fmt.Sprintf("%d people answered “%s”.", it.All.Responses, it.Prompt)
	}
	if es {
		return fmt.Sprintf("Menos de %d personas respondieron «%s», o su resultado revelaría a menos de %d: no se muestra.", k, it.Prompt, k)
	}
	return fmt.Sprintf("Fewer than %d people answered “%s”, or the result would single out fewer than %d: not shown.", k, it.Prompt, k)
}
