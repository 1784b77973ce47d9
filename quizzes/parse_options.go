package quizzes

import (
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Per-option metadata on a question slide, written as HTML comments like
// the other directives (Marp keeps them as presenter notes, never on a
// slide). The letter names an option by its place in the list, A first:
//
//	<!-- feedback B: Close, but a passphrase is longer. -->
//	<!-- weight B: 50% -->
//	<!-- name: Grant's tomb -->
//
// feedback is Markdown and may run over several lines; weight is a percentage
// from -100% to 100% (see Question.Credit); name is the question's name in
// the file it came from (GIFT ::name::), kept for export.

var (
	optionDirRE = regexp.MustCompile(`(?s)^(feedback|weight)[ \t]+([A-Za-z])[ \t]*:[ \t]*(.*)$`)
	nameDirRE   = regexp.MustCompile(`^name[ \t]*:[ \t]*(.*)$`)
	weightRE    = regexp.MustCompile(`^(-?[0-9]{1,3}(?:\.[0-9]{1,5})?)[ \t]*%$`)
)

// optionDirective records a feedback, weight or name comment in dirs (keys
// "feedback B", "weight B", "name") and reports whether content was one.
func (p *deckParser) optionDirective(content string, line int, dirs map[string]directive) bool {
	var key, value string
	if m := optionDirRE.FindStringSubmatch(content); m != nil {
		key, value = m[1]+" "+strings.ToUpper(m[2]), strings.TrimSpace(m[3])
	} else if m := nameDirRE.FindStringSubmatch(content); m != nil && !strings.Contains(content, "\n") {
		key, value = "name", strings.TrimSpace(m[1])
	} else {
		return false
	}
	if prev, ok := dirs[key]; ok {
		p.errorf(line, "%s: is given twice on this slide (first on line %d)", key, prev.line)
		return true
	}
	if value == "" {
		p.errorf(line, "%s: needs a value", key)
	}
	dirs[key] = directive{value: value, line: line}
	return true
}

// optionDirectives applies the recorded feedback, weight and name
// directives to q; with q nil (a slide that asks nothing) it warns that
// they are ignored.
func (p *deckParser) optionDirectives(q *Question, dirs map[string]directive) {
	keys := make([]string, 0, len(dirs))
	for key := range dirs {
		keys = append(keys, key)
	}
	sort.Strings(keys)
	for _, key := range keys {
		d := dirs[key]
		kind, letter, ok := strings.Cut(key, " ")
		if !ok && key != "name" {
			continue
		}
		if q == nil {
			p.warnf(d.line, "%s: on a slide without <!-- question: KIND --> is ignored", key)
			continue
		}
		if key == "name" {
			if len(d.value) > MaxTitleRunes*4 {
				p.errorf(d.line, "name: is longer than %d bytes", MaxTitleRunes*4)
				continue
			}
			q.Name = d.value
			continue
		}
		i := int(letter[0] - 'A')
		if i >= len(q.Options) {
			p.errorf(d.line, "%s: there is no option %s (the question has %d options)", key, letter, len(q.Options))
			continue
		}
		switch kind {
		case "feedback":
			if len(d.value) > MaxNotesBytes {
				p.errorf(d.line, "%s: is %d bytes; the limit is %d", key, len(d.value), MaxNotesBytes)
				continue
			}
			q.Options[i].Feedback = d.value
		case "weight":
			w, err := parseWeight(d.value)
			if err != nil {
				p.errorf(d.line, "%s: %v", key, err)
				continue
			}
			q.Options[i].Weight = w
		}
	}
}

// parseWeight reads "50%" or "-33.33333%" as a fraction.
func parseWeight(s string) (float64, error) {
	m := weightRE.FindStringSubmatch(s)
	if m == nil {
		return 0, fmt.Errorf("%q is not a percentage like 50%% or -100%%", s)
	}
	v, err := strconv.ParseFloat(m[1], 64)
	if err != nil || math.Abs(v) > 100 {
		return 0, fmt.Errorf("%q is not between -100%% and 100%%", s)
	}
	return v / 100, nil
}

// FormatWeight writes a weight as the percentage a weight directive reads,
// with at most five decimals ("50%", "-33.33333%").
func FormatWeight(w float64) string {
	s := strconv.FormatFloat(w*100, 'f', 5, 64)
	s = strings.TrimSuffix(strings.TrimRight(s, "0"), ".")
	if s == "-0" {
		s = "0"
	}
	return s + "%"
}
