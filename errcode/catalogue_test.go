package errcode

import (
	"encoding/json"
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/roundtable-kit/roundtable/embed"
)

// clientOnly are err.* page strings for failures the pages detect
// themselves (no answer from the kit, an answer without a code); no server
// sends them.
var clientOnly = map[string]bool{"network": true, "unknown": true}

func TestEveryCodeHasPageTextInBothLanguages(t *testing.T) {
	raw, err := fs.ReadFile(embed.Web, "i18n.json")
	if err != nil {
		t.Fatal(err)
	}
	var cat map[string]map[string]string
	if err := json.Unmarshal(raw, &cat); err != nil {
		t.Fatalf("i18n.json: %v", err)
	}
	for _, e := range All() {
		for _, lang := range []string{"en", "es"} {
			if strings.TrimSpace(cat[lang]["err."+e.Code]) == "" {
				t.Errorf("i18n.json %s lacks err.%s", lang, e.Code)
			}
		}
	}
	for code := range clientOnly {
		if _, ok := Lookup(code); ok {
			t.Errorf("err.%s is listed as client-side only but is a server code", code)
		}
	}
	for lang, strs := range cat {
		for k := range strs {
			code, ok := strings.CutPrefix(k, "err.")
			if !ok || clientOnly[code] {
				continue
			}
			if _, ok := Lookup(code); !ok {
				t.Errorf("i18n.json %s has %s, but no server sends %q (not in the catalogue)", lang, k, code)
			}
		}
	}
}

var codeCell = regexp.MustCompile("^`([a-z_]+)`$")

// docRows returns the table rows under a heading of a Markdown file whose
// first cell is a code in backticks: code -> the other cells.
func docRows(t *testing.T, file, heading string) map[string][]string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "docs", file))
	if err != nil {
		t.Fatal(err)
	}
	level := strings.Index(heading, " ")
	rows := map[string][]string{}
	in := false
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "#") {
			if in && strings.Index(line, " ") <= level {
				break
			}
			if line == heading {
				in = true
			}
			continue
		}
		if !in || !strings.HasPrefix(line, "| `") {
			continue
		}
		cells := strings.Split(strings.Trim(line, "| "), "|")
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		if m := codeCell.FindStringSubmatch(cells[0]); m != nil {
			rows[m[1]] = cells[1:]
		}
	}
	if len(rows) == 0 {
		t.Fatalf("%s: no table of codes under %q", file, heading)
	}
	return rows
}

// checkDoc compares one documented table with the catalogue entries on a
// surface, both ways; withStatus says the table's second column is the
// HTTP status.
func checkDoc(t *testing.T, file, heading string, on Surface, withStatus bool) {
	rows := docRows(t, file, heading)
	for _, e := range All() {
		cells, ok := rows[e.Code]
		switch {
		case e.On&on == 0:
			if ok {
				t.Errorf("%s %q lists %s, which is not sent there", file, heading, e.Code)
			}
		case !ok:
			t.Errorf("%s %q lacks %s", file, heading, e.Code)
		case withStatus && (len(cells) < 2 || cells[0] != strconv.Itoa(e.Status)):
			t.Errorf("%s %q: %s is listed as %q, want status %d and a meaning", file, heading, e.Code, cells, e.Status)
		case !withStatus && (len(cells) < 1 || cells[0] == ""):
			t.Errorf("%s %q: %s has no meaning", file, heading, e.Code)
		}
	}
	for code := range rows {
		if _, ok := Lookup(code); !ok {
			t.Errorf("%s %q lists %s, which is not in the catalogue", file, heading, code)
		}
	}
}

func TestEveryCodeIsDocumented(t *testing.T) {
	checkDoc(t, "API.md", "## Errors", HTTP, true)
	checkDoc(t, "PROTOCOL.md", "### `error`", Socket, false)
	checkDoc(t, "PROTOCOL.md", "## Endpoints", Upgrade, true)
}

// TestEveryCodeIsSent reads the repository's Go source (tests left out)
// and wants each catalogue entry used outside this package: directly, or
// through a package-level variable (live.ErrEnded, handlers' errNoDeck)
// that is itself used.
func TestEveryCodeIsSent(t *testing.T) {
	idents := catalogueIdents(t)
	if len(idents) != len(All()) {
		t.Fatalf("found %d entries in catalogue.go, All has %d", len(idents), len(All()))
	}
	mod := modulePath(t)
	fset := token.NewFileSet()
	direct := map[string]bool{}     // entry ident -> used in code
	via := map[[2]string][]string{} // {dir, var} -> entry idents in its value
	uses := map[[2]string]int{}     // {dir, name} -> references
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if path != ".." && (strings.HasPrefix(name, ".") || name == "node_modules" || name == "testdata" || path == filepath.Join("..", "errcode")) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		dir, _ := filepath.Rel("..", filepath.Dir(path))
		dir = filepath.ToSlash(dir)
		imports := map[string]string{} // local name -> repo dir
		for _, im := range f.Imports {
			p, _ := strconv.Unquote(im.Path.Value)
			rel, ok := strings.CutPrefix(p, mod+"/")
			if !ok {
				continue
			}
			local := rel[strings.LastIndex(rel, "/")+1:]
			if im.Name != nil {
				local = im.Name.Name
			}
			imports[local] = rel
		}
		entries := func(n ast.Node) []string {
			var out []string
			ast.Inspect(n, func(n ast.Node) bool {
				if s, ok := n.(*ast.SelectorExpr); ok {
					if x, ok := s.X.(*ast.Ident); ok && imports[x.Name] == "errcode" {
						out = append(out, s.Sel.Name)
					}
				}
				return true
			})
			return out
		}
		declared := map[*ast.Ident]bool{}
		for _, decl := range f.Decls {
			g, ok := decl.(*ast.GenDecl)
			if ok && g.Tok == token.VAR {
				for _, spec := range g.Specs {
					vs := spec.(*ast.ValueSpec)
					for i, n := range vs.Names {
						declared[n] = true
						if len(vs.Values) == len(vs.Names) {
							key := [2]string{dir, n.Name}
							via[key] = append(via[key], entries(vs.Values[i])...)
						}
					}
				}
				continue
			}
			for _, id := range entries(decl) {
				direct[id] = true
			}
		}
		sel := map[*ast.Ident]bool{}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.SelectorExpr:
				sel[n.Sel] = true
				if x, ok := n.X.(*ast.Ident); ok && imports[x.Name] != "" {
					uses[[2]string{imports[x.Name], n.Sel.Name}]++
				}
			case *ast.Ident:
				if !sel[n] && !declared[n] {
					uses[[2]string{dir, n.Name}]++
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for key, ids := range via {
		if uses[key] == 0 {
			continue
		}
		for _, id := range ids {
			direct[id] = true
		}
	}
	for id, code := range idents {
		if !direct[id] {
			t.Errorf("%s (%s) is catalogued but nothing sends it: send it, or remove it from the catalogue, i18n.json and the docs", id, code)
		}
	}
}

// catalogueIdents reads catalogue.go: Go name -> code.
func catalogueIdents(t *testing.T) map[string]string {
	f, err := parser.ParseFile(token.NewFileSet(), "catalogue.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	ast.Inspect(f, func(n ast.Node) bool {
		vs, ok := n.(*ast.ValueSpec)
		if !ok {
			return true
		}
		for i, name := range vs.Names {
			call, ok := vs.Values[i].(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				continue
			}
			if lit, ok := call.Args[0].(*ast.BasicLit); ok {
				code, _ := strconv.Unquote(lit.Value)
				if e, ok := Lookup(code); !ok || e.Code != code {
					t.Errorf("catalogue.go: %s names %q, which Lookup does not find", name.Name, code)
				}
				out[name.Name] = code
			}
		}
		return false
	})
	return out
}

func modulePath(t *testing.T) string {
	b, err := os.ReadFile(filepath.Join("..", "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if p, ok := strings.CutPrefix(line, "module "); ok {
			return strings.TrimSpace(p)
		}
	}
	t.Fatal("go.mod names no module")
	return ""
}

func TestCatalogueEntries(t *testing.T) {
	seen := map[string]bool{}
	for _, e := range All() {
		if seen[e.Code] {
			t.Errorf("%s is catalogued twice", e.Code)
		}
		seen[e.Code] = true
		if e.Status < 400 || e.Status > 599 || e.Message == "" || e.On == 0 {
			t.Errorf("%s: status %d, message %q, surfaces %b: want an error status, a message and a surface", e.Code, e.Status, e.Message, e.On)
		}
	}
	if len(seen) < 20 {
		t.Fatalf("got %d entries, want the whole catalogue", len(seen))
	}
}

func TestCopiesKeepCodeAndStatus(t *testing.T) {
	d := BadChoice.With("option 3 does not exist")
	if d.Code != "bad_choice" || d.Status != 400 || d.Message != "option 3 does not exist" {
		t.Errorf("got %+v, want bad_choice 400 with the detail", d)
	}
	if BadChoice.Message == d.Message {
		t.Error("With changed the catalogue entry")
	}
	var err error = d.WithFields(map[string]any{"problems": 1})
	if !errors.Is(err, BadChoice) || errors.Is(err, BadNick) {
		t.Errorf("errors.Is: a copy must match its entry and only it")
	}
	if got, ok := Lookup("bad_choice"); !ok || got != BadChoice {
		t.Errorf("Lookup(bad_choice) = %v, %v", got, ok)
	}
	if _, ok := Lookup("not_a_code"); ok {
		t.Error("Lookup found a code that is not catalogued")
	}
}
