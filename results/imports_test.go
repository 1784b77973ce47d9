package results

import (
	"go/build"
	"strings"
	"testing"
)

// results works on plain data: reports across many sessions will be built
// here, and neither HTTP nor SQL belongs in them. Beside the standard
// library it may use the domain (quizzes) and the rules for typed text
// (freetext, which folds words as the live cloud does), and nothing else.
func TestResultsImportNoHTTPOrSQL(t *testing.T) {
	p, err := build.ImportDir(".", 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Imports) == 0 {
		t.Fatal("no imports read")
	}
	for _, imp := range p.Imports {
		first, _, _ := strings.Cut(imp, "/")
		if strings.Contains(first, ".") && imp != "github.com/roundtable-kit/roundtable/quizzes" && imp != "github.com/roundtable-kit/roundtable/freetext" {
			t.Errorf("results imports %s; it may import only the standard library, quizzes and freetext", imp)
		}
		if imp == "database/sql" || imp == "net/http" {
			t.Errorf("results imports %s", imp)
		}
	}
}
