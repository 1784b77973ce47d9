package convert

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/roundtable-kit/roundtable/quizzes"
)

// parseCorrect reads the right answers of a spreadsheet or CSV row: numbers
// ("1,3", "2") or letters ("A", "a;c"), 1-based, separated by commas,
// semicolons, spaces, "|" or "/". It returns 0-based indexes.
func parseCorrect(s string, n int) ([]int, error) {
	fields := strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(",;|/ \t", r) })
	var out []int
	for _, f := range fields {
		var k int
		if v, err := strconv.ParseFloat(f, 64); err == nil && v == float64(int(v)) && v >= 1 && v <= 26 {
			k = int(v) - 1 // spreadsheets may hand a number cell back as "2" or "2.0"
		} else if len(f) == 1 && (f[0]|0x20) >= 'a' && (f[0]|0x20) <= 'z' {
			k = int(f[0]|0x20) - 'a'
		} else {
			return nil, fmt.Errorf("correct answer %q is not an option number or letter", clip(f, 20))
		}
		if k >= n {
			if n == 1 {
				return nil, fmt.Errorf("correct answer %s, but there is only 1 option", f)
			}
			return nil, fmt.Errorf("correct answer %s, but there are only %d options", f, n)
		}
		out = append(out, k)
	}
	return out, nil
}

// choiceDraft builds a question from option texts and right indexes. kind
// "" picks one: no right answer is a poll, several are multiple, a
// True/False pair is true/false.
func choiceDraft(line int, prompt string, texts []string, right []int, kind quizzes.Kind) draft {
	d := draft{line: line, prompt: prompt, kind: kind}
	for _, t := range texts {
		d.options = append(d.options, quizzes.Option{Text: t})
	}
	for _, k := range right {
		d.options[k].Correct = true
	}
	if d.kind == "" {
		switch {
		case len(right) == 0:
			d.kind = quizzes.Poll
		case len(right) > 1:
			d.kind = quizzes.Multiple
		case looksTrueFalse(d.options):
			d.kind = quizzes.TrueFalse
		default:
			d.kind = quizzes.Single
		}
	}
	return d
}

// parseKind reads a kind column: Roundtable's names and a few common ones.
func parseKind(s string) (quizzes.Kind, bool) {
	switch strings.ToLower(strings.Join(strings.Fields(s), " ")) {
	case "":
		return "", true
	case "single", "multiple choice", "multiple-choice", "choice", "quiz":
		return quizzes.Single, true
	case "multiple", "checkbox", "multiple answer", "multiple-answer", "multi":
		return quizzes.Multiple, true
	case "truefalse", "true/false", "true or false", "true-false", "tf":
		return quizzes.TrueFalse, true
	case "poll", "survey":
		return quizzes.Poll, true
	}
	return "", false
}

// unformula undoes the ' that spreadsheet exports put before a cell starting
// with = + - @ (see FORMATS.md), so such text round-trips.
func unformula(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > 1 && s[0] == '\'' && strings.ContainsRune("=+-@", rune(s[1])) {
		return s[1:]
	}
	return s
}

// optionCells keeps the non-empty option cells of a row and parses the
// right answers, which count option columns (so "3" is the third column
// even when the second is empty).
func optionCells(cells []string, spec string, byText bool) ([]string, []int, error) {
	var texts []string
	index := map[int]int{}
	for k, t := range cells {
		if t != "" {
			index[k] = len(texts)
			texts = append(texts, t)
		}
	}
	cols, err := correctAnswers(spec, cells, len(cells), byText)
	if err != nil {
		return nil, nil, err
	}
	var right []int
	for _, k := range cols {
		i, ok := index[k]
		if !ok {
			return nil, nil, fmt.Errorf("correct answer %d is an empty option", k+1)
		}
		right = append(right, i)
	}
	return texts, right, nil
}
