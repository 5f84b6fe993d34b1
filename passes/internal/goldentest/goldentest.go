// Package goldentest checks the golden files of analysistest's
// RunWithSuggestedFixes beyond what that function compares: that each
// golden file is gofmt-clean, and that the fixed code type-checks and
// draws no diagnostic from the analyzer — the fix removes what it fixes
// and a second -fix run changes nothing.
package goldentest

import (
	"bytes"
	"go/format"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
)

// want matches an analysistest expectation comment of diagnostics; one
// of facts (`// want Name:"fact"`) stays: the fixed code exports them too.
var want = regexp.MustCompile(`[ \t]*// want (?:[^\w\s]|\w+[^\w:]).*`)

// Run copies testdata/src to a temporary GOPATH, replaces the .go files
// of each package that has golden files with their golden contents
// (without // want comments), and runs the analyzer on them expecting
// no diagnostics. A diagnostic that comes without a fix is marked by a
// "// nofix: reason" comment on the line above its want comment, which
// is then kept.
func Run(t *testing.T, testdata string, a *analysis.Analyzer, pkgs ...string) {
	t.Helper()
	tmp := t.TempDir()
	src := filepath.Join(testdata, "src")
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		dst := filepath.Join(tmp, "src", rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, pkg := range pkgs {
		goldens, _ := filepath.Glob(filepath.Join(src, pkg, "*.go.golden"))
		if len(goldens) == 0 {
			t.Errorf("%s: no golden files", pkg)
		}
		for _, g := range goldens {
			data, err := os.ReadFile(g)
			if err != nil {
				t.Fatal(err)
			}
			if formatted, err := format.Source(data); err != nil {
				t.Errorf("%s: %v", g, err)
			} else if !bytes.Equal(formatted, data) {
				t.Errorf("%s is not gofmt-clean", g)
			}
			clean := stripWants(data)
			dst := filepath.Join(tmp, "src", pkg, strings.TrimSuffix(filepath.Base(g), ".golden"))
			if err := os.WriteFile(dst, clean, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	analysistest.Run(t, tmp, a, pkgs...)
}

// stripWants removes the // want comments, except those under a
// "// nofix:" line.
func stripWants(data []byte) []byte {
	lines := bytes.Split(data, []byte("\n"))
	for i, line := range lines {
		if i > 0 && bytes.Contains(lines[i-1], []byte("// nofix:")) {
			continue
		}
		lines[i] = want.ReplaceAll(line, nil)
	}
	return bytes.Join(lines, []byte("\n"))
}
