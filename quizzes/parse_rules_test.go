package quizzes

import (
	"strings"
	"testing"
)

// fm is a front matter of four lines: a body given to withFM starts on line 5.
const fm = "---\ntitle: T\nlang: en\n---\n"

func withFM(body string) []byte { return []byte(fm + body) }

// q2 is a valid single question of 6 lines for a body.
const q2 = "<!-- question: single -->\n\n## Q?\n\n- [x] a\n- [ ] b\n"

// TestParseRules runs every lint rule. Each want entry is the start of one
// problem's String() ("line: [warning: ]message"), in line order; a case
// passes only if the problems are exactly these.
func TestParseRules(t *testing.T) {
	long := strings.Repeat("é", MaxOptionRunes+1)
	nine := "<!-- question: single -->\n\n# Q\n\n- [x] 1\n- [ ] 2\n- [ ] 3\n- [ ] 4\n- [ ] 5\n- [ ] 6\n- [ ] 7\n- [ ] 8\n- [ ] 9\n"
	tests := []struct {
		name string
		src  []byte
		want []string
	}{
		{"clean question", withFM(q2), nil},
		{"images", withFM("# Hi\n\n![a](pic.png) ![b](data:image/png;base64,AAAA)\n\n![bg left](pic.png)\n\n![c](https://example.com/c.png)\n<!-- _backgroundImage: url(x.png) -->\n"), []string{
			"5: warning: this slide may not fit one screen", // four images, each as tall as the screen shows one
			"9: warning: Roundtable shows Marp's background image", "11: warning: the image https://example.com/c.png is on the internet", "12: warning: Roundtable does not show Marp's backgroundImage"}},
		{"clean question, answer key", withFM("<!-- question: single -->\n<!-- answer: B -->\n\n## Q?\n\n- a\n- b\n"), nil},
		{"clean multiple, answer key", withFM("<!-- question: multiple -->\n<!-- Answer: a, C -->\n\n## Q?\n\n1. a\n2. b\n3. c\n"), nil},
		{"clean poll, plain list", withFM("<!-- question: poll -->\n\n## Q?\n\n- a\n- b\n"), nil},
		{"answer: no such option", withFM("<!-- question: single -->\n<!-- answer: C -->\n\n## Q?\n\n- a\n- b\n"), []string{
			"5: a single question needs exactly one right option", "6: answer: there is no option C; the question has 2 options"}},
		{"answer: not a letter", withFM("<!-- question: single -->\n<!-- answer: 2 -->\n\n## Q?\n\n- a\n- b\n"), []string{
			"5: a single question needs exactly one right option", `6: answer: "2" is not an option letter`}},
		{"answer: a letter twice", withFM("<!-- question: multiple -->\n<!-- answer: A, a -->\n\n## Q?\n\n- a\n- b\n"), []string{
			"6: answer: A is given twice"}},
		{"answer: and [x]", withFM("<!-- answer: A -->\n" + q2), []string{"5: the right answer is given twice"}},
		{"answer: on a poll", withFM("<!-- question: poll -->\n<!-- answer: A -->\n\n## Q?\n\n- a\n- b\n"), []string{"6: a poll has no right answer: remove answer:"}},
		{"answer: twice", withFM("<!-- question: single -->\n<!-- answer: A -->\n<!-- answer: B -->\n\n## Q?\n\n- a\n- b\n"), []string{"7: answer: is given twice on this slide (first on line 6)"}},
		{"answer: without a value", withFM("<!-- question: single -->\n<!-- answer: -->\n\n## Q?\n\n- a\n- b\n"), []string{
			"5: a single question needs exactly one right option", "6: answer: needs a value"}},
		{"answer: on a plain slide", withFM("<!-- answer: A -->\n# Hi\n"), []string{"5: warning: answer: on a slide without"}},
		{"explanation comment on a plain slide", withFM("# Hi\n\n<!-- explanation: why -->\n"), []string{"7: warning: explanation: on a slide without"}},
		{"explanation twice", withFM(q2 + "\nExplanation: one\n\n<!--\nExplicación: dos\n-->\n"), []string{"14: the explanation is given twice on this slide"}},
		{"explanation comment twice", withFM(q2 + "\n<!-- explanation: one -->\n<!-- Explanation: two -->\n"), []string{"13: explanation: is given twice on this slide (first on line 12)"}},
		{"explanation comment without text", withFM(q2 + "\n<!-- explanation: -->\n"), []string{"12: explanation: needs a value"}},
		{"note comments", withFM("# Hi\n\n<!-- Note: Poll: ask first -->\n<!-- notes: x -->\n"), nil},
		{"clean plain slide", withFM("# Hello\n\nText.\n"), nil},
		{"no front matter", []byte("# Hello\n"), []string{"1: no front matter"}},
		{"front matter never closed", []byte("---\ntitle: T\nlang: en\n# Hi\n"), []string{
			"1: the front matter is never closed"}},
		{"missing title, taken from a heading", []byte("---\nlang: en\n---\n# Hi\n"), nil},
		{"missing title and no heading", []byte("---\nlang: en\n---\nHi\n"), []string{"1: the deck has no title"}},
		{"missing lang", []byte("---\ntitle: T\n---\n# Hi\n"), []string{"1: warning: the front matter has no lang, so the deck is taken to be in English"}},
		{"lang not en or es", []byte("---\ntitle: T\nlang: fr\n---\n# Hi\n"), []string{
			`3: lang "fr" is not supported: use en or es`}},
		{"lang with a region", []byte("---\ntitle: T\nlang: en-US\n---\n# Hi\n"), nil},
		{"plain Marp front matter", []byte("---\nmarp: true\ntheme: gaia\n_class: lead\npaginate: true\ntransition: fade\nsize: 4:3\nheader: H\nfooter: F\nbackgroundColor: '#fff'\ncolor: '#000'\nstyle: |\n  section { color: red; }\nmath: katex\nauthor: A\n---\n# Hi\n"), []string{"1: warning: the front matter has no lang"}},
		{"backgroundImage", []byte("---\nlang: en\nbackgroundImage: url('a.png')\n---\n# Hi\n"), []string{"3: warning: Roundtable does not show Marp's backgroundImage"}},
		{"headingDivider not a level", []byte("---\nlang: en\nheadingDivider: big\n---\n# Hi\n"), []string{"3: warning: headingDivider must be a heading level"}},
		{"unknown front matter key", []byte("---\ntitle: T\nlang: en\nauthr: me\n---\n# Hi\n"), []string{
			`4: warning: unknown front matter key "authr" is ignored`}},
		{"marp front matter keys", []byte("---\nmarp: true\ntheme: gaia\npaginate: true\ntitle: T\nlang: en\n---\n# Hi\n"), nil},
		{"bad minutes", []byte("---\ntitle: T\nlang: en\nminutes: soon\n---\n# Hi\n"), []string{`4: minutes must be a whole number`}},
		{"duplicate front matter key", []byte("---\ntitle: T\ntitle: U\nlang: en\n---\n# Hi\n"), []string{
			`3: front matter key "title" appears twice (first on line 2)`}},
		{"front matter not YAML", []byte("---\ntitle: T\nlang: en\n  bad: [\n---\nHi\n"), []string{"1: warning: the front matter has no lang", "1: the deck has no title", "4: front matter: mapping values are not allowed"}},
		{"title not text", []byte("---\ntitle: [a, b]\nlang: en\n---\nHi\n"), []string{"1: the deck has no title", "2: front matter: title must be text"}},
		{"unknown directive", withFM("# Hi\n\n<!-- colour: red -->\n"), []string{`7: unknown directive "colour"`}},
		{"marp directives", withFM("<!-- _class: lead -->\n<!-- paginate: false -->\n<!-- backgroundColor: #fff -->\n\n# Hi\n"), nil},
		{"comment inside a line", withFM("# Title <!-- id: x -->\n\nUse `<!--` freely.\n"), []string{
			"5: warning: an HTML comment inside a line of text is dropped"}},
		{"comment that is a note", withFM("# Hi\n\n<!-- Say hello, then ask: who is here? -->\n"), nil},
		{"question without kind", withFM("<!-- id: x1 -->\n\n# Q\n\n- [x] a\n- [ ] b\n"), []string{
			"9: warning: this question has no kind"}},
		{"task list on a plain slide", withFM("# Hi\n\n- [x] done\n- [ ] todo\n"), []string{
			"7: warning: a task list on a slide that is not a question"}},
		{"id on a plain slide", withFM("<!-- id: x1 -->\n# Hi\n"), []string{"5: warning: id: on a slide without"}},
		{"check on a plain slide", withFM("<!-- check: pre -->\n# Hi\n"), []string{"5: warning: check: on a slide without"}},
		{"unknown kind", withFM("<!-- question: quiz -->\n\n# Q\n\n- [x] a\n- [ ] b\n"), []string{
			`5: unknown question kind "quiz"`}},
		{"kind missing its value", withFM("<!-- question: -->\n\n# Q\n\n- [x] a\n- [ ] b\n"), []string{
			"5: question: needs a value", `5: unknown question kind ""`}},
		{"no options", withFM("<!-- question: single -->\n\n# Q\n"), []string{"5: the question has no options"}},
		{"too few options", withFM("<!-- question: poll -->\n\n# Q\n\n- [ ] a\n"), []string{"5: too few options: 1"}},
		{"too many options", withFM(nine), []string{"17: too many options: 9; the limit is 8"}},
		{"single with two right", withFM("<!-- question: single -->\n\n# Q\n\n- [x] a\n- [X] b\n"), []string{
			"5: a single question needs exactly one right option (<!-- answer: B --> or one [x]); this one has 2"}},
		{"single with none right", withFM("<!-- question: single -->\n\n# Q\n\n- [ ] a\n- [ ] b\n"), []string{
			"5: a single question needs exactly one right option (<!-- answer: B --> or one [x]); this one has 0"}},
		{"multiple with none right", withFM("<!-- question: multiple -->\n\n# Q\n\n- [ ] a\n- [ ] b\n"), []string{
			"5: a multiple question needs at least one right option"}},
		{"multiple with two right", withFM("<!-- question: multiple -->\n\n# Q\n\n* [x] a\n+ [x] b\n- [ ] c\n"), nil},
		{"poll with a right option", withFM("<!-- question: poll -->\n\n# Q\n\n- [ ] a\n- [x] b\n"), []string{
			"10: a poll has no right answer"}},
		{"poll with an explanation", withFM("<!-- question: poll -->\n\n# Q\n\n- [ ] a\n- [ ] b\n\nExplanation: Opinions differ.\n"), nil},
		{"truefalse with three options", withFM("<!-- question: truefalse -->\n\n# Q\n\n- [x] True\n- [ ] False\n- [ ] Maybe\n"), []string{
			"5: a truefalse question has exactly 2 options; this one has 3"}},
		{"truefalse with two right", withFM("<!-- question: truefalse -->\n\n# Q\n\n- [x] True\n- [x] False\n"), []string{
			"5: a truefalse question needs exactly one right option"}},
		{"option too long", withFM("<!-- question: single -->\n\n# Q\n\n- [x] a\n- [ ] " + long + "\n"), []string{
			"10: the option is 201 characters; the limit is 200"}},
		{"empty option", withFM("<!-- question: single -->\n\n# Q\n\n- [x] a\n- [ ]\n- [ ] <span></span>\n"), []string{
			"10: empty option", "11: empty option"}},
		{"option listed twice", withFM("<!-- question: single -->\n\n# Q\n\n- [x] Yes\n- [ ] yes\n"), []string{
			`10: warning: option "yes" is listed twice (first on line 9)`}},
		{"bad id", withFM("<!-- question: single -->\n<!-- id: two words -->\n\n## Q?\n\n- [x] a\n- [ ] b\n"), []string{
			`6: bad id "two words"`}},
		{"id too long", withFM("<!-- question: single -->\n<!-- id: " + strings.Repeat("a", 65) + " -->\n\n## Q?\n\n- [x] a\n- [ ] b\n"), []string{
			"6: bad id"}},
		{"duplicate id", withFM("<!-- id: a -->\n" + q2 + "\n---\n\n<!-- id: a -->\n" + q2), []string{
			`16: duplicate id "a" (first on line 6): a repeated id must be a pre/post pair`}},
		{"default id taken", withFM("<!-- id: s2 -->\n" + q2 + "\n---\n\n" + q2), []string{`15: duplicate id "s2" (first on line 6)`}},
		{"id used three times", withFM("<!-- id: a -->\n" + q2 + "\n---\n\n<!-- id: a -->\n" + q2 + "\n---\n\n<!-- id: a -->\n" + q2), []string{
			`16: duplicate id "a" (first on line 6): an id may repeat only once`, `26: duplicate id "a"`}},
		{"pre/post pair", withFM("<!-- id: a -->\n<!-- check: pre -->\n" + q2 + "\n---\n\n<!-- id: a -->\n<!-- check: post -->\n" + q2), nil},
		{"pre without post", withFM("<!-- id: a -->\n<!-- check: pre -->\n" + q2), []string{`7: warning: pre-check "a" has no post-check`}},
		{"post before pre", withFM("<!-- id: a -->\n<!-- check: post -->\n" + q2 + "\n---\n\n<!-- id: a -->\n<!-- check: pre -->\n" + q2), []string{
			`18: warning: the pre-check "a" comes after its post-check (line 7)`}},
		{"two pre checks", withFM("<!-- id: a -->\n<!-- check: pre -->\n" + q2 + "\n---\n\n<!-- id: a -->\n<!-- check: pre -->\n" + q2), []string{
			`18: duplicate id "a" (first on line 7): a repeated id must be a pre/post pair`}},
		{"pre/post of different kinds", withFM("<!-- id: a -->\n<!-- check: pre -->\n" + q2 + "\n---\n\n<!-- id: a -->\n<!-- check: post -->\n" + strings.Replace(q2, "single", "multiple", 1)), []string{
			`18: the pre/post pair "a" must be the same kind: single on line 7, multiple here`}},
		{"pre/post of different sizes", withFM("<!-- id: a -->\n<!-- check: pre -->\n" + q2 + "\n---\n\n<!-- id: a -->\n<!-- check: post -->\n" + q2 + "- [ ] c\n"), []string{
			`18: the pre/post pair "a" must have the same number of options: 2 on line 7, 3 here`}},
		{"bad check", withFM("<!-- check: before -->\n" + q2), []string{`5: check must be pre or post, not "before"`}},
		{"directive twice", withFM("<!-- question: single -->\n" + q2), []string{"6: question: is given twice on this slide (first on line 5)"}},
		{"question without a prompt", withFM("<!-- question: single -->\n\n- [x] a\n- [ ] b\n"), []string{"5: the question has no prompt"}},
		{"setext trap", withFM("# One\n\nText\n---\n\n# Two\n"), []string{"8: warning: this --- is right under a line of text"}},
		{"empty slide", withFM("# One\n\n---\n\n---\n\n# Two\n"), []string{"7: warning: empty slide"}},
		{"unclosed comment", withFM("# One\n\n<!-- forgot\n\n---\n\n# Two\n"), []string{"7: this HTML comment is never closed"}},
		{"unclosed fence", withFM("# One\n\n```\ncode\n\n---\n\n# Two\n"), []string{"7: warning: this code fence is never closed"}},
		{"no slides", []byte(fm), []string{"5: the deck has no slides"}},
		{"not UTF-8", withFM("# One\n\nBad \xff byte\n"), []string{"7: the deck is not valid UTF-8"}},
		{"slide too big", withFM("# One\n\n" + strings.Repeat("word ", MaxSlideBytes/5+1) + "\n"), []string{"5: slide 1 is 32", "5: warning: this slide may not fit one screen"}},
		{"notes too big", withFM("# One\n\nNote: " + strings.Repeat("word ", MaxNotesBytes/5+2) + "\n"), []string{"5: the notes of slide 1 are"}},
		{"too many slides", withFM(strings.Repeat("# S\n\n---\n\n", MaxSlides) + "# Last\n"), []string{"1205: too many slides: 301; the limit is 300"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, probs := Parse("t", tt.src)
			var got []string
			for _, p := range probs {
				got = append(got, p.String())
			}
			ok := len(got) == len(tt.want)
			for i := 0; ok && i < len(got); i++ {
				ok = strings.HasPrefix(got[i], tt.want[i])
			}
			if !ok {
				t.Errorf("problems:\n got %q\nwant %q", got, tt.want)
			}
			if HasErrors(probs) != hasErrorWant(tt.want) {
				t.Errorf("HasErrors = %v, want %v", HasErrors(probs), !HasErrors(probs))
			}
		})
	}
}

func hasErrorWant(want []string) bool {
	for _, w := range want {
		if !strings.Contains(w, ": warning: ") {
			return true
		}
	}
	return false
}

func TestParseTooBig(t *testing.T) {
	src := withFM(strings.Repeat("x", MaxDeckBytes))
	d, probs := Parse("big", src)
	if d != nil {
		t.Errorf("got a deck for a %d-byte file, want nil", len(src))
	}
	if len(probs) != 1 || !strings.HasPrefix(probs[0].String(), "1: the deck is 1048602 bytes; the limit is 1048576") {
		t.Errorf("got %v", probs)
	}
}

// TestQuestionSteps reads results and countdown, with the kinds' defaults.
func TestQuestionSteps(t *testing.T) {
	src := "---\ntitle: D\nlang: en\n---\n\n<!-- question: single -->\n<!-- results: live -->\n<!-- countdown: 30s -->\n## Q1\n- [ ] a\n- [x] b\n\n---\n<!-- question: poll -->\n<!-- results: HIDDEN -->\n## Q2\n- [ ] a\n- [ ] b\n\n---\n<!-- question: poll -->\n## Q3\n- [ ] a\n- [ ] b\n\n---\n<!-- question: truefalse -->\n## Q4\n- [x] yes\n- [ ] no\n"
	d, probs := Parse("d", []byte(src))
	if HasErrors(probs) {
		t.Fatal(probs)
	}
	want := []struct {
		live      bool
		countdown int
	}{{true, 30}, {false, 0}, {true, 0}, {false, 0}}
	var qs []*Question
	for _, s := range d.Slides {
		if s.Question != nil {
			qs = append(qs, s.Question)
		}
	}
	if len(qs) != len(want) {
		t.Fatalf("got %d questions, want %d", len(qs), len(want))
	}
	for i, w := range want {
		if qs[i].LiveResults() != w.live || qs[i].Countdown != w.countdown {
			t.Errorf("Q%d: live %v countdown %d, want %v %d", i+1, qs[i].LiveResults(), qs[i].Countdown, w.live, w.countdown)
		}
	}
	for _, bad := range []string{"<!-- results: sometimes -->", "<!-- countdown: 2 -->", "<!-- countdown: soon -->", "<!-- countdown: 3601 -->"} {
		if _, probs := Parse("d", []byte("---\ntitle: D\nlang: en\n---\n\n<!-- question: poll -->\n"+bad+"\n## Q\n- [ ] a\n- [ ] b\n")); !HasErrors(probs) {
			t.Errorf("%s: no error, want one", bad)
		}
	}
}
