package convert

import (
	"errors"
	"io/fs"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/roundtable-kit/roundtable/quizzes"
)

// moodleExamples is Moodle's own example file, kept in ../shared (never in
// the repository).
const moodleExamples = "../../../shared/testdata/gift/moodle-examples.gift"

// TestMoodleExamples reads Moodle's example file completely: each of its 43
// question blocks is taken or skipped with a reason, none lost. The counts
// were checked by reading the file block by block.
func TestMoodleExamples(t *testing.T) {
	data, err := os.ReadFile(moodleExamples)
	if errors.Is(err, fs.ErrNotExist) {
		t.Skip("shared test data not present")
	}
	if err != nil {
		t.Fatal(err)
	}
	d, rep, err := Import("moodle-examples.gift", data)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(rep.Taken) + len(rep.Skipped); got != 43 {
		t.Errorf("%d blocks accounted for, want 43:\n%s", got, rep)
	}
	if len(rep.Taken) != 40 || len(rep.Skipped) != 3 {
		t.Errorf("taken %d, skipped %d; want 40 and 3:\n%s", len(rep.Taken), len(rep.Skipped), rep)
	}
	kinds := map[quizzes.Kind]int{}
	for _, i := range d.Questions() {
		kinds[d.Slides[i].Question.Kind]++
	}
	want := map[quizzes.Kind]int{quizzes.Single: 16, quizzes.Multiple: 2, quizzes.TrueFalse: 5, quizzes.TypeAnswer: 9, quizzes.Number: 8}
	if !maps.Equal(kinds, want) {
		t.Errorf("kinds %v, want %v", kinds, want)
	}
	why := map[string]int{}
	for _, it := range rep.Skipped {
		why[strings.SplitN(it.Reason, " ", 2)[0]]++
	}
	if why["matching"] != 3 {
		t.Errorf("skip reasons %v, want 3 matching, nothing else", why)
	}
	if s := rep.String(); strings.Contains(s, "short-answer") || strings.Contains(s, "numerical questions") || strings.Contains(s, "essay") {
		t.Errorf("the report still calls a short answer, numerical or essay question unsupported:\n%s", s)
	}
	if _, probs := quizzes.Parse(d.ID, ToMarkdown(d)); len(probs) > 0 {
		t.Errorf("the deck has problems:\n%s", parseProblems(probs))
	}
}

// importGIFT reads src as GIFT and fails the test if nothing is read.
func importGIFT(t *testing.T, src string) (*quizzes.Deck, *Report) {
	t.Helper()
	d, rep, err := Import("t.gift", []byte(src))
	if err != nil {
		t.Fatalf("%v\n%s", err, rep)
	}
	return d, rep
}

func firstQuestion(t *testing.T, d *quizzes.Deck) *quizzes.Question {
	t.Helper()
	qs := d.Questions()
	if len(qs) == 0 {
		t.Fatal("no question")
	}
	return d.Slides[qs[0]].Question
}

func TestGIFTQuestions(t *testing.T) {
	tests := []struct {
		name, src   string
		kind        quizzes.Kind
		prompt      string
		options     string // texts, "*" before a right one
		explanation string
	}{
		{"single", "Who?{~Grant ~Jefferson =no one}", quizzes.Single, "Who?", "Grant|Jefferson|*no one", ""},
		{"multiple by weights", "Which?{~%50%a ~%-100%b ~%50%c}", quizzes.Multiple, "Which?", "*a|b|*c", ""},
		{"true", "Sky is blue.{T}", quizzes.TrueFalse, "Sky is blue.", "*True|False", ""},
		{"TRUE with feedback", "Sky is blue.{TRUE#wrong fb#right fb}", quizzes.TrueFalse, "Sky is blue.", "*True|False", ""},
		{"false general", "Sky is green.{F####Look up.}", quizzes.TrueFalse, "Sky is green.", "True|*False", "Look up."},
		{"missing word", "Grant is {~buried =entombed} in Grant's tomb.", quizzes.Single, "Grant is _____ in Grant's tomb.", "buried|*entombed", ""},
		{"feedback", "Q?{=a#yes ~b#no ####why}", quizzes.Single, "Q?", "*a|b", "why"},
		{"escapes", `Is \{x\} \~ \= \# \: \\ ?{=a\=b ~c\#d}`, quizzes.Single, `Is {x} ~ = # : \ ?`, "*a=b|c#d", ""},
		{"newline escape", `Line\none{=a ~b}`, quizzes.Single, "Line one", "*a|b", ""},
		{"multi-line", "Which\nof these?\n{\n=a\n~b\n}", quizzes.Single, "Which of these?", "*a|b", ""},
		{"html", "[html]<p>Is <b>this</b> &amp; that?</p>{=yes ~no}", quizzes.Single, "Is this & that?", "*yes|no", ""},
		{"markdown", "[markdown]Is **this** `it`?{=*yes* ~no}", quizzes.Single, "Is this it?", "*yes|no", ""},
		{"plain", "[plain]Q?{=a ~b}", quizzes.Single, "Q?", "*a|b", ""},
		{"no right answer", "Rate it.{~good ~bad}", quizzes.Poll, "Rate it.", "good|bad", ""},
		{"tilde equals", "Q?{~=right ~wrong ~=also}", quizzes.Multiple, "Q?", "*right|wrong|*also", ""},
		{"tilde equals single", "Q?{\n~=right\n~wrong\n}", quizzes.Single, "Q?", "*right|wrong", ""},
		{"answer formats", "[html]Q?{=[moodle]<b>blue</b> ~[plain]<i>x</i> ~[markdown]**y**}", quizzes.Single, "Q?", "*blue|<i>x</i>|y", ""},
		{"entities and comment", "Caf&eacute; &lt;3?<!-- hidden -->{=a ~b ####Yes<!-- no -->.}", quizzes.Single, "Café <3?", "*a|b", "Yes."},
		{"partial credit kept", "Q?{~w ~%50%half =full}", quizzes.Single, "Q?", "w|half|*full", ""},
		{"two full marks", "Q?{=a =b ~c}", quizzes.Multiple, "Q?", "*a|*b|c", ""},
		{"title", "::My title::Q?{=a ~b}", quizzes.Single, "Q?", "*a|b", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, _ := importGIFT(t, tc.src)
			q := firstQuestion(t, d)
			if q.Kind != tc.kind {
				t.Errorf("kind: got %s, want %s", q.Kind, tc.kind)
			}
			if q.Prompt != tc.prompt {
				t.Errorf("prompt: got %q, want %q", q.Prompt, tc.prompt)
			}
			if got := optionString(q.Options); got != tc.options {
				t.Errorf("options: got %q, want %q", got, tc.options)
			}
			if got := quizzes.PlainText(q.Explanation); strings.TrimSpace(got) != strings.ReplaceAll(tc.explanation, "\n\n", "\n") {
				t.Errorf("explanation: got %q, want %q", got, tc.explanation)
			}
		})
	}
}

func optionString(os []quizzes.Option) string {
	var parts []string
	for _, o := range os {
		if o.Correct {
			parts = append(parts, "*"+o.Text)
		} else {
			parts = append(parts, o.Text)
		}
	}
	return strings.Join(parts, "|")
}

func TestGIFTSkips(t *testing.T) {
	tests := []struct{ src, reason string }{
		{"Born?{#1822:abc}", `numerical answer "1822:abc" is not a number, a number:tolerance or a min..max range (numbers up to 10^12, at most 9 decimals)`},
		{"Born?{#0x10}", `numerical answer "0x10" is not a number, a number:tolerance or a min..max range (numbers up to 10^12, at most 9 decimals)`},
		{"Pi?{#3.1415926535}", `numerical answer "3.1415926535" is not a number, a number:tolerance or a min..max range (numbers up to 10^12, at most 9 decimals)`},
		{"Born?{#}", "the numerical question has no answer"},
		{"Born?{#~#No.}", "the numerical question has no answer"},
		{"Match.{=a -> 1 =b -> 2}", "matching questions are not supported (2 pairs)"},
		{"Open {=a ~b", "the answer block has no closing }"},
		{"One.{~a}", "a question needs at least 2 options, this one has 1"},
	}
	for _, tc := range tests {
		_, rep, err := Import("t.gift", []byte(tc.src))
		if err == nil {
			t.Errorf("%q: no error, want nothing read", tc.src)
		}
		if rep == nil || len(rep.Skipped) != 1 || rep.Skipped[0].Reason != tc.reason || rep.Skipped[0].Line != 1 {
			t.Errorf("%q: got %+v, want line 1 skipped: %s", tc.src, rep, tc.reason)
		}
	}
}

func TestGIFTDescriptionAndCategory(t *testing.T) {
	d, rep := importGIFT(t, "// intro\n$CATEGORY: $course$/top/Safety/Week 1\n\n::Hello::Welcome to\nthe - workshop.\n\n- a list? no, text\n\nQ?{=a ~b}\n")
	if d.Title != "Week 1" {
		t.Errorf("title: got %q, want the category's last part", d.Title)
	}
	if len(d.Slides) != 3 || d.Slides[0].Title != "Hello" || d.Slides[0].Question != nil {
		t.Fatalf("slides: %+v\n%s", d.Slides, rep)
	}
	if !strings.Contains(d.Slides[1].HTML, "- a list? no, text") {
		t.Errorf("a description line starting with - must stay text: %q", d.Slides[1].HTML)
	}
	if rep.Taken[0].Line != 4 || rep.Taken[1].Line != 7 || rep.Taken[2].Line != 9 {
		t.Errorf("lines: %+v", rep.Taken)
	}
}

// TestGIFTLineEndings: CRLF, lone CR and a BOM read exactly like plain LF.
func TestGIFTLineEndings(t *testing.T) {
	src, err := os.ReadFile("testdata/gift/basics.gift")
	if err != nil {
		t.Fatal(err)
	}
	want, wantRep := importGIFT(t, string(src))
	for name, variant := range map[string]string{
		"crlf":     "\uFEFF" + strings.ReplaceAll(string(src), "\n", "\r\n"),
		"cr":       strings.ReplaceAll(string(src), "\n", "\r"),
		"bom only": "\uFEFF" + string(src),
	} {
		got, gotRep := importGIFT(t, variant)
		if string(ToMarkdown(got)) != string(ToMarkdown(want)) || gotRep.String() != wantRep.String() {
			t.Errorf("%s: reads differently:\n%s\n%s", name, ToMarkdown(got), gotRep)
		}
	}
}

func TestGIFTLanguage(t *testing.T) {
	d, _, err := ImportWith("t.gift", []byte("El cielo es azul.{T}"), Options{Lang: "es", Title: "Mi prueba"})
	if err != nil {
		t.Fatal(err)
	}
	q := firstQuestion(t, d)
	if got := optionString(q.Options); got != "*Verdadero|Falso" || d.Lang != "es" || d.Title != "Mi prueba" {
		t.Errorf("got %q lang %q title %q", got, d.Lang, d.Title)
	}
}

// TestGIFTIDs: a GIFT name becomes the id (slugged when it is not one
// already, made unique when repeated); unnamed questions get q1, q2, ...
func TestGIFTIDs(t *testing.T) {
	d, _ := importGIFT(t, "::pw-1::A?{=a ~b}\n\n::Señal de alerta!::B?{=a ~b}\n\nC?{=a ~b}\n\n::pw-1::D?{=a ~b}")
	var ids []string
	for _, i := range d.Questions() {
		ids = append(ids, d.Slides[i].Question.ID)
	}
	if got := strings.Join(ids, " "); got != "pw-1 senal-de-alerta q3 pw-1-2" {
		t.Errorf("ids: got %q", got)
	}
}

func TestToGIFT(t *testing.T) {
	d, _ := importGIFT(t, "::a::Is 2*3 \\{6\\}?{=yes#good ~no}\n\n::b::Pick.{~%50%x ~%50%y ~z}\n\nSky is blue.{T####Look up.}\n\nRate.{~a ~b}\n\n::c::Pick.{~%50%x ~%50%y ~%-100%z}\n\n::My Q 1::Sea?{F#It is true.#Right.}\n\nQ?{=a ~%25%b#close ~%-50%c}")
	got := string(ToGIFT(d))
	for _, want := range []string{
		`::a::[markdown]Is 2\\*3 \{6\}? {` + "\n=yes#good\n~no\n}",
		"::b::[markdown]Pick. {\n~%50%x\n~%50%y\n~z\n}",
		"::c::[markdown]Pick. {\n~%50%x\n~%50%y\n~%-100%z\n}",
		"::My Q 1::[markdown]Sea? {F#It is true.#Right.}",
		"{\n=a\n~%25%b#close\n~%-50%c\n}",
		"Sky is blue. {T####Look up.}",
		"[markdown]Rate. {\n~a\n~b\n}",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("ToGIFT lacks %q:\n%s", want, got)
		}
	}
}

// TestExportGIFTVoice: a typed answer is written as a short answer, a
// number with a true value as a numerical question (with its range as a
// zero-credit answer when the reader would not choose it), open text as
// an essay; scales, rankings, word clouds, the Q&A and a number without a
// true value are left out, and every loss is in the report and in a
// comment at the top of the file.
func TestExportGIFTVoice(t *testing.T) {
	d, probs := quizzes.Parse("voice", []byte(voiceDeck))
	if len(probs) > 0 {
		t.Fatal(parseProblems(probs))
	}
	out, rep := ExportGIFT(d)
	got := string(out)
	for _, want := range []string{
		"// slide 1, written, but its limit of 200 characters is not kept: a Moodle essay has none (\"What worries you most about your child's phone?\")\n" +
			"// slide 1, written, but moderation: stream is not kept: a Moodle essay is graded, not shown (\"What worries you most about your child's phone?\")\n" +
			"// slide 1, written, but prefer-not is not kept: GIFT has no way to decline an answer (\"What worries you most about your child's phone?\")\n" +
			"// slide 2, written, but prefer-not is not kept: GIFT has no way to decline an answer (\"Would you tell a parent?\")\n" +
			"// slide 3, left out: a word cloud: GIFT has no word cloud (\"One word: how does the app make you feel?\")\n" +
			"// slide 4, left out: a scale question: GIFT has no scale (\"\"Phones should stay out of bedrooms.\"\")\n" +
			"// slide 5, left out: a ranking question: GIFT has no ranking",
		"// slide 6, written, but its step 0.5 is not kept: GIFT has none, and it reads back as 0.1",
		"// slide 7, left out: a number question without a true value: GIFT's numerical question needs a right answer",
		"// slide 9, left out: the anonymous Q&A slide: GIFT has no such question",
		"::worries::[markdown]What worries you most about your child's phone? {####We read them together afterwards.}\n",
		"::s6::[markdown]What temperature is this room? {#=21.5:2 =%0%-10..40.5}\n",
		"::law::[markdown]Which law makes platforms remove intimate images? {\n=Take It Down\n=TakeItDown\n=Take It Down Act\n####It passed in 2025.}\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("ExportGIFT lacks %q:\n%s", want, got)
		}
	}
	for _, not := range []string{"One word:", "riskiest first", "How many messages", "Your questions"} {
		if strings.Contains(strings.SplitN(got, "$CATEGORY", 2)[1], not) {
			t.Errorf("ExportGIFT wrote %q, which GIFT cannot hold:\n%s", not, got)
		}
	}
	if len(rep.Taken) != 4 || len(rep.Skipped) != 5 || len(rep.Warnings) != 6 {
		t.Errorf("report: %d taken, %d skipped, %d warnings, want 4, 5, 6:\n%s", len(rep.Taken), len(rep.Skipped), len(rep.Warnings), rep)
	}
	if !strings.HasSuffix(rep.String(), "GIFT export: 4 taken, 5 skipped\n") {
		t.Errorf("report:\n%s", rep)
	}

	// Accepted answers are written as Moodle compares them, never with
	// Markdown escapes; one Markdown would read otherwise is [plain].
	src := "---\ntitle: T\nlang: en\n---\n\n<!-- question: typeanswer -->\n<!-- id: t -->\n" +
		"<!-- accept: no one | a_b_c | C++ | *star* | %50 | [x] | T | 2 -> 3 | x=y{z} -->\n\n## Who?\n"
	d, probs = quizzes.Parse("t", []byte(src))
	if len(probs) > 0 {
		t.Fatal(parseProblems(probs))
	}
	out, rep = ExportGIFT(d)
	want := "::t::[markdown]Who? {\n=no one\n=a_b_c\n=C++\n=[plain]\\*star\\*\n=[plain]%50\n=[plain][x]\n=T\n=x\\=y\\{z\\}\n}"
	if !strings.Contains(string(out), want) || len(rep.Warnings) != 1 || !strings.Contains(rep.Warnings[0].Reason, `accepted answer "2 -> 3" is left out`) {
		t.Errorf("got\n%s\nwant %s\n%s", out, want, rep)
	}
	back, _, err := Import("t.gift", out)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := questions(back)[0].Accept, []string{"no one", "a_b_c", "C++", "*star*", "%50", "[x]", "T", "x=y{z}"}; !slices.Equal(got, want) {
		t.Errorf("read back %q, want %q", got, want)
	}

	// Written forms that read back to the same step: a range of whole
	// numbers around a half, decimals, a range the reader would choose
	// itself (not written), and one it would not.
	for _, tc := range []struct{ deck, want string }{
		{"<!-- range: 0..30 -->\n<!-- answer: 10.5 -->\n<!-- tolerance: 1.5 -->", "{#=9..12}"},
		{"<!-- range: 2.8..3.5 -->\n<!-- step: 0.0001 -->\n<!-- answer: 3.1416 -->\n<!-- tolerance: 0.0005 -->", "{#=3.1416:0.0005}"},
		{"<!-- range: 1600..2100 -->\n<!-- answer: 1822 -->", "{#=1822}"},
		{"<!-- range: 1800..1900 -->\n<!-- answer: 1822 -->", "{#=1822 =%0%1800..1900}"},
		{"<!-- range: -100..0 -->\n<!-- answer: -40 -->\n<!-- tolerance: 2 -->", "{#=-40:2 =%0%-100..0}"},
	} {
		src := "---\ntitle: N\nlang: en\n---\n\n<!-- question: number -->\n<!-- id: n -->\n" + tc.deck + "\n\n## How many?\n"
		d, probs := quizzes.Parse("n", []byte(src))
		if len(probs) > 0 {
			t.Fatal(parseProblems(probs))
		}
		out, rep := ExportGIFT(d)
		if !strings.Contains(string(out), "::n::[markdown]How many? "+tc.want+"\n") || len(rep.Warnings) > 0 {
			t.Errorf("%s: got\n%s\nwant %s\n%s", tc.deck, out, tc.want, rep)
		}
		back, _, err := Import("n.gift", out)
		if err != nil {
			t.Fatal(err)
		}
		if g, w := questionString(questions(back)[0]), questionString(questions(d)[0]); g != w {
			t.Errorf("%s: read back\ngot  %s\nwant %s", tc.deck, g, w)
		}
	}
}
