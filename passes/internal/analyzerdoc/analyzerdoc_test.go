package analyzerdoc

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestExtract(t *testing.T) {
	const src = `// Package halting is about halting.
//
// # Analyzer halting
//
// halting: reports whether execution will halt
//
// More text.
//
// # Other
//
// Unrelated.
package halting
`
	got, err := Extract(src, "halting")
	if err != nil {
		t.Fatal(err)
	}
	if want := "reports whether execution will halt\n\nMore text."; got != want {
		t.Errorf("Extract = %q, want %q", got, want)
	}
	for _, bad := range []string{"", "not go", "package p", "// Package p.\npackage p", "// # Analyzer x\n//\n// nope\npackage p"} {
		if _, err := Extract(bad, "x"); err == nil {
			t.Errorf("Extract(%q) succeeded, want error", bad)
		}
	}
}

// TestMatchesGoDoc checks the text reading against go/doc's view of the
// real doc.go files.
func TestMatchesGoDoc(t *testing.T) {
	docs, _ := filepath.Glob(filepath.Join("..", "..", "*", "doc.go"))
	if len(docs) == 0 {
		t.Fatal("no analyzer doc.go under passes/")
	}
	for _, path := range docs {
		name := filepath.Base(filepath.Dir(path))
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		f, err := parser.ParseFile(token.NewFileSet(), "doc.go", data, parser.ParseComments|parser.PackageClauseOnly)
		if err != nil {
			t.Fatal(err)
		}
		want := f.Doc.Text()
		_, after, _ := strings.Cut(want, "# Analyzer "+name+"\n")
		_, after, _ = strings.Cut(after, name+":")
		got, err := Extract(string(data), name)
		if err != nil {
			t.Fatal(err)
		}
		if got != strings.TrimSpace(after) {
			t.Errorf("%s: Extract differs from the parsed comment:\n%q\nwant\n%q", name, got, strings.TrimSpace(after))
		}
	}
}
