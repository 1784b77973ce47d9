package quizzes

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

var (
	mdBlockRe      = regexp.MustCompile("(?s)```markdown\n(.*?)\n```\n")
	voiceExampleRe = regexp.MustCompile(`^<!-- question: (open|wordcloud|scale|ranking|number|typeanswer|qa|feedback) -->`)
)

// TestDocsExamples parses the examples of docs/DECKS.md: each whole deck
// (one that starts with front matter) is clean, and each question written
// in both syntaxes gives the same question.
func TestDocsExamples(t *testing.T) {
	doc, err := os.ReadFile("../docs/DECKS.md")
	if err != nil {
		t.Fatal(err)
	}
	var decks, parts, feedback, voice []string
	for _, m := range mdBlockRe.FindAllStringSubmatch(string(doc), -1) {
		switch {
		case voiceExampleRe.MatchString(m[1]):
			voice = append(voice, m[1]+"\n")
		case strings.HasPrefix(m[1], "---\n"):
			decks = append(decks, m[1]+"\n")
		case strings.Contains(m[1], "<!-- feedback "):
			feedback = append(feedback, m[1]+"\n")
		default:
			parts = append(parts, m[1]+"\n")
		}
	}
	if len(decks) != 2 || len(parts) != 3 || len(feedback) != 1 {
		t.Fatalf("found %d decks, %d parts and %d feedback examples in DECKS.md, want 2, 3 and 1", len(decks), len(parts), len(feedback))
	}
	// One example per room's voice kind, each clean.
	kinds := map[Kind]bool{}
	for i, src := range voice {
		d, probs := Parse("voice", withFM(src))
		if len(probs) > 0 || d == nil || len(d.Questions()) != 1 {
			t.Errorf("voice example %d: %v", i+1, probs)
			continue
		}
		kinds[d.Slides[0].Question.Kind] = true
	}
	for _, k := range Kinds {
		if !k.HasOptions() || k == Ranking {
			if !kinds[k] {
				t.Errorf("DECKS.md has no example of a %s question", k)
			}
		}
	}
	for i, src := range decks {
		d, probs := Parse("doc", []byte(src))
		if len(probs) > 0 || d == nil || len(d.Questions()) == 0 {
			t.Errorf("example deck %d: %v", i+1, probs)
		}
		if hints := MarpHints([]byte(src)); len(hints) > 0 {
			t.Errorf("example deck %d: Marp would draw %v", i+1, hints)
		}
	}
	a, probs := Parse("a", withFM(parts[0]))
	b, probs2 := Parse("b", withFM(parts[1]))
	if len(probs)+len(probs2) > 0 {
		t.Fatalf("the two syntaxes: %v %v", probs, probs2)
	}
	qa, qb := a.Slides[0].Question, b.Slides[0].Question
	if qa == nil || qb == nil || len(qa.Options) != 4 || len(qa.Options) != len(qb.Options) || qa.Correct()[1] != 2 {
		t.Fatalf("the two syntaxes: %+v and %+v", qa, qb)
	}
	for i := range qa.Options {
		if qa.Options[i] != qb.Options[i] {
			t.Errorf("option %d: %+v in the new syntax, %+v in the first", i, qa.Options[i], qb.Options[i])
		}
	}

	// The feedback-and-weights example: every directive read, none a problem.
	fw, probs := Parse("fw", withFM(feedback[0]))
	if len(probs) > 0 || fw == nil || fw.Slides[0].Question == nil {
		t.Fatalf("the feedback example: %v", probs)
	}
	q := fw.Slides[0].Question
	if q.Name != "Grant's tomb" || q.Options[0].Feedback == "" || q.Options[0].Weight != 0.5 || q.Options[2].Weight != -0.5 || q.Correct()[0] != 1 {
		t.Errorf("the feedback example reads %+v", q)
	}
}
