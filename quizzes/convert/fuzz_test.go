package convert

import (
	"os"
	"testing"

	"github.com/roundtable-kit/roundtable/quizzes"
)

// checkImport holds any import to its promises: it never panics; when it
// reads something, every item is accounted for, the deck parses without
// errors, writing it as Markdown again changes nothing, and (for GIFT)
// ToGIFT reads back to the same questions.
func checkImport(t *testing.T, name string, data []byte) {
	d, rep, err := Import(name, data)
	if err != nil {
		if d != nil {
			t.Fatalf("error %v with a deck", err)
		}
		return
	}
	if len(rep.Taken) != len(d.Slides) {
		t.Fatalf("%d taken, %d slides\n%s", len(rep.Taken), len(d.Slides), rep)
	}
	md := ToMarkdown(d)
	back, probs := quizzes.Parse(d.ID, md)
	if quizzes.HasErrors(probs) {
		t.Fatalf("the deck does not parse:\n%s\n%s", parseProblems(probs), md)
	}
	if string(ToMarkdown(back)) != string(md) {
		t.Fatalf("Markdown is not stable:\n%s\n---- again:\n%s", md, ToMarkdown(back))
	}
	for _, i := range d.Questions() {
		q := d.Slides[i].Question
		if !q.Kind.Valid() || (q.Kind.HasOptions() && (len(q.Options) < 2 || len(q.Options) > quizzes.MaxOptions)) {
			t.Fatalf("bad question %+v", q)
		}
	}
	gift, erep := ExportGIFT(d)
	want := giftExpected(d, erep)
	again, rep2, err := ImportWith(d.ID+".gift", gift, Options{Lang: d.Lang})
	if err != nil {
		if len(want) == 0 {
			return
		}
		t.Fatalf("ToGIFT does not read back: %v\n%s\n%s", err, rep2, gift)
	}
	got := questions(again)
	if len(got) != len(want) {
		t.Fatalf("ToGIFT: %d questions back, want %d\n%s\n%s", len(got), len(want), gift, rep2)
	}
	for i := range want {
		if g, ws := questionString(got[i]), questionString(want[i]); g != ws {
			t.Fatalf("ToGIFT question %d:\ngot  %s\nwant %s\n%s", i+1, g, ws, gift)
		}
	}
}

func addSamples(f *testing.F, files ...string) {
	for _, name := range files {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data)
		}
	}
}

func FuzzGIFT(f *testing.F) {
	addSamples(f, "testdata/gift/basics.gift", "testdata/gift/errors.gift", moodleExamples, "testdata/gift/html.gift",
		"testdata/gift/glued.gift", "testdata/gift/tf-feedback.gift", "testdata/gift/weights.gift", "testdata/gift/skips.gift", "testdata/gift/names.gift",
		"testdata/gift/voice.gift")
	for _, s := range []string{
		"Q?{~a =b}", "::t::[html]<b>x</b>{T#a#b####c}", "a {=b ~c} d", `\{\}\~\=\#\:\\\n{=\\ ~\~}`,
		"{#1..2}", "x{=a->b =c->d}", "$CATEGORY: a/b\n\n::n::desc", "Q{~%50%a ~%-50%b ~%50%c}", "::a::b::c{}",
		"[markdown]**x** `y`{=*a* ~_b_}", "Q?{~a ~b ####\n---\n<!-- id: x -->}", "Note: x{=a ~b}",
		"Q?{~=a ~b#<b>-->x</b> ~%50%c#--- }", "::a -- > b::<ol><li>1. x</li></ol><img src=\"x.png\">{~=[html]<i>a</i> ~[markdown]*b*}",
		"$CATEGORY: a\n::q::Q?{=a ~b}\n::r::R?{=c ~d}\n}\nstray", "<a href=\"javascript:x\">y</a>{T#<!-- id: z -->#\n\n---\n}",
		"Q?{=T =F}", "Q?{=a|b =-->}", "Q?{=%50%a =b*}", "Q?{#=5:1 =%0%0..10 =%0%-1e12..1e12}", "Q?{#-0.000001..0.000001}",
		"Q?{#1e12:1}", "Q?{#=1 =2 ~%0%3}", "Q?{#.5}", "Q?{ #3 }", "Q?{####x}", "Q?{=a -> b}",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { checkImport(t, "f.gift", data) })
}

func FuzzAiken(f *testing.F) {
	addSamples(f, "testdata/aiken/basics.txt", "testdata/aiken/errors.txt")
	for _, s := range []string{
		"Q?\nA. a\nB. b\nANSWER: A", "Q?\r\nA) a\r\nB) b\r\nANSWER: B\r\n", "A. x\nANSWER: A", "Q\nA.\nB.\nANSWER: A",
		"Explanation: x\nA. - [x] a\nB. <!-- q -->\nANSWER: A",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { checkImport(t, "f.aiken", data) })
}

func FuzzCSV(f *testing.F) {
	addSamples(f, "testdata/csv/header.csv", "testdata/csv/headerless.csv", "testdata/csv/semicolon.csv", "testdata/csv/blooket.csv",
		"testdata/csv/gimkit.csv", "testdata/csv/quizlet.csv", "testdata/csv/googleforms.csv", "testdata/csv/moodle.csv", "testdata/csv/kahoot.csv",
		"testdata/csv/kinds.csv")
	for _, s := range []string{
		"q,a|b,1", "question;options;correct\n\"x;y\";a|b;\"1,2\"", "\"unterminated,a|b,1", "Question,Option 1,Option 2,Correct\nq,,b,2",
		"q,a|b|c|d|e|f|g|h|i,1", "q,True|False,", "q,'=a|b,B,'=why",
		"Question,Correct Answer,Incorrect Answer 1\nq,-->,<!-- x -->", "a\tb\nc\td", "Question Title,Option 1,Option 2,Correct Answer,Feedback for correct\nq,a,b,b,--- ",
		"Question,Type,Option 1,Option 2,Correct\nq,type answer,a|b,-->,\nr,word cloud,x,,1\ns,ranking,a,a,\nt,open,,,",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { checkImport(t, "f.csv", data) })
}

// FuzzExport holds the writers to their promises on any question the
// parser accepts: ToMarkdown reads back to the same questions, and
// ExportGIFT reads back to the questions it does not report as left out,
// changed only in the ways giftExpected lists.
func FuzzExport(f *testing.F) {
	f.Add([]byte(voiceDeck))
	for _, s := range []string{
		"<!-- question: number -->\n<!-- range: 0..0.0000005 -->\n<!-- step: 0.0000001 -->\n<!-- answer: 0.0000003 -->\n\n## N?\n",
		"<!-- question: number -->\n<!-- range: -1000000000000..1000000000000 -->\n<!-- step: 10000000 -->\n<!-- answer: 5 -->\n\n## N?\n",
		"<!-- question: typeanswer -->\n<!-- accept: a\\*b | %x | [y] | <!-- z -->\n\n## T?\n",
		"<!-- question: number -->\n<!-- range: 1..3 -->\n<!-- step: 0.25 -->\n<!-- answer: 2.25 -->\n<!-- tolerance: 0.75 -->\n\n## N?\n",
	} {
		f.Add([]byte("---\ntitle: F\nlang: en\n---\n\n" + s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		d, probs := quizzes.Parse("f", src)
		if d == nil || quizzes.HasErrors(probs) || len(d.Slides) == 0 {
			return
		}
		// What this target checks is the questions: the slides around them
		// are kept to their prompts, as an importer writes them.
		var slides []quizzes.Slide
		for _, s := range d.Slides {
			if s.Question != nil {
				slides = append(slides, quizzes.Slide{Question: s.Question})
			}
		}
		if d.Slides = slides; len(slides) == 0 {
			return
		}
		back, probs := quizzes.Parse("f", ToMarkdown(d))
		if quizzes.HasErrors(probs) {
			t.Fatalf("ToMarkdown does not parse:\n%s\n%s", parseProblems(probs), ToMarkdown(d))
		}
		want, got := questions(d), questions(back)
		if len(got) != len(want) {
			t.Fatalf("ToMarkdown: %d questions back, want %d", len(got), len(want))
		}
		for i := range want {
			if g, w := questionString(got[i]), questionString(want[i]); g != w {
				t.Fatalf("ToMarkdown question %d:\ngot  %s\nwant %s\n%s", i+1, g, w, ToMarkdown(d))
			}
		}
		gift, erep := ExportGIFT(d)
		again, rep, err := ImportWith("f.gift", gift, Options{Lang: d.Lang})
		expect := giftExpected(d, erep)
		if err != nil {
			if len(expect) == 0 {
				return
			}
			t.Fatalf("ExportGIFT does not read back: %v\n%s\n%s", err, rep, gift)
		}
		got = questions(again)
		if len(got) != len(expect) {
			t.Fatalf("ExportGIFT: %d questions back, want %d\n%s\n%s", len(got), len(expect), gift, rep)
		}
		for i := range expect {
			if g, w := questionString(got[i]), questionString(expect[i]); g != w {
				t.Fatalf("ExportGIFT question %d:\ngot  %s\nwant %s\n%s\n%s", i+1, g, w, gift, erep)
			}
		}
	})
}
