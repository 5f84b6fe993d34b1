package main

import (
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"

	"github.com/wsvet/wsvet"
)

func TestSARIFRequested(t *testing.T) {
	as := wsvet.Analyzers()
	for _, tc := range []struct {
		in   []string
		on   bool
		rest []string
	}{
		{[]string{"wsvet", "-sarif", "./..."}, true, nil},
		{[]string{"wsvet", "--sarif=true", "./..."}, true, nil},
		{[]string{"wsvet", "-tags", "x", "-sarif", "./..."}, true, nil},  // -tags takes the next argument
		{[]string{"wsvet", "-c", "2", "-sarif", "./..."}, true, nil},     // so does -c
		{[]string{"wsvet", "-test=false", "-sarif", "./..."}, true, nil}, // a boolean does not
		{[]string{"wsvet", "-sarif=false", "./..."}, false, []string{"wsvet", "./..."}},
		{[]string{"wsvet", "./...", "-sarif"}, false, nil}, // a package pattern, not a flag
		{[]string{"wsvet", "--", "-sarif"}, false, nil},
		{[]string{"wsvet", "-json", "./..."}, false, nil},
		{[]string{"wsvet", "x.cfg"}, false, nil},
	} {
		on, rest := sarifRequested(tc.in, as)
		want := tc.rest
		if want == nil {
			want = tc.in
		}
		if on != tc.on || !slices.Equal(rest, want) {
			t.Errorf("sarifRequested(%q) = %v, %q; want %v, %q", tc.in, on, rest, tc.on, want)
		}
	}
}

func TestSARIFSelectAnalyzers(t *testing.T) {
	catalog := wsvet.Analyzers()
	first, rest := catalog[0], catalog[1:]
	for _, tc := range []struct {
		args []string
		want []*analysis.Analyzer
	}{
		{nil, catalog},
		{[]string{"-" + first.Name + "=false"}, rest},
		{[]string{"-" + first.Name}, catalog[:1]},
		{[]string{"-" + first.Name, "-" + rest[0].Name + "=false"}, catalog[:1]}, // a true flag wins, as in multichecker
	} {
		cfg, err := parseSARIFFlags(append(tc.args, "./..."), catalog, os.Stderr)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(cfg.analyzers, tc.want) || !slices.Equal(cfg.patterns, []string{"./..."}) {
			t.Errorf("flags %q select %v, patterns %q; want %v", tc.args, cfg.analyzers, cfg.patterns, tc.want)
		}
	}
}

func TestSARIFColumns(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want int
	}{
		{"abc", 3},
		{"héllo", 5},      // é: two bytes, one code unit
		{"a𝄞b", 4},        // U+1D11E: four bytes, a surrogate pair
		{"a\xffb", 3},     // an invalid byte counts as U+FFFD
		{"日本語", 3},        // three bytes each
		{"\t\tx := 1", 8}, // tabs are one column each, as in x/tools
	} {
		if got := utf16Len([]byte(tc.s)); got != tc.want {
			t.Errorf("utf16Len(%q) = %d, want %d", tc.s, got, tc.want)
		}
	}

	file := filepath.Join(t.TempDir(), "x.go")
	if err := os.WriteFile(file, []byte("package x\n\nvar s = \"é𝄞\"; var y = 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	l := newLocator(nil)
	// "var y" starts at byte column 23 (é is 2 bytes, 𝄞 is 4) and UTF-16 column 20.
	if got := l.column(token.Position{Filename: file, Line: 3, Column: 23}); got != 20 {
		t.Errorf("column = %d, want 20", got)
	}
	if got := l.column(token.Position{Filename: file, Line: 1, Column: 1}); got != 1 {
		t.Errorf("column of the file's start = %d, want 1", got)
	}
	// Beyond the line, or in a file that cannot be read, the byte column stays.
	if got := l.column(token.Position{Filename: file, Line: 3, Column: 99}); got != 99 {
		t.Errorf("column beyond the line = %d, want 99", got)
	}
	if got := l.column(token.Position{Filename: file + ".missing", Line: 1, Column: 7}); got != 7 {
		t.Errorf("column in a missing file = %d, want 7", got)
	}
}

func TestSARIFURIs(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{relURI(filepath.Join("a b", "c.go")), "a%20b/c.go"},
		{relURI("x:y.go"), "./x:y.go"}, // not a URI scheme
		{relURI(filepath.Join("p", "100%.go")), "p/100%25.go"},
		{fileURI("/tmp/a b/c.go"), "file:///tmp/a%20b/c.go"},
		{dirURI("/tmp/m"), "file:///tmp/m/"},
		{dirURI("/"), "file:///"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}

	// Nested modules: a file belongs to the innermost root; outside
	// every module it gets an absolute URI.
	roots := moduleRoots([]*packages.Package{
		{Module: &packages.Module{Path: "example.com/outer", Dir: "/src/outer", Main: true}},
		{Module: &packages.Module{Path: "example.com/inner", Dir: "/src/outer/inner"}},
		{Module: &packages.Module{Path: "example.com/outer", Dir: "/src/outer", Main: true}},
		{}, // no module (GOPATH, std)
	})
	if len(roots) != 2 || roots[0].id != srcRootID || roots[0].dir != "/src/outer" || roots[1].id != "%SRCROOT1%" {
		t.Fatalf("moduleRoots = %+v; want the main module as %s first, the other as %%SRCROOT1%%", roots, srcRootID)
	}
	l := newLocator(roots)
	for _, tc := range []struct{ file, uri, base string }{
		{"/src/outer/a/a.go", "a/a.go", srcRootID},
		{"/src/outer/inner/b.go", "b.go", "%SRCROOT1%"},
		{"/src/outer2/c.go", "file:///src/outer2/c.go", ""},
		{"/elsewhere/d.go", "file:///elsewhere/d.go", ""},
	} {
		a := l.artifact(tc.file)
		base := ""
		if a.URIBaseId != nil {
			base = *a.URIBaseId
		}
		if *a.URI != tc.uri || base != tc.base {
			t.Errorf("artifact(%s) = %q base %q, want %q base %q", tc.file, *a.URI, base, tc.uri, tc.base)
		}
	}
	if bases := l.baseIDs(); *bases["%SRCROOT1%"].URI != "file:///src/outer/inner/" || len(bases) != 2 {
		t.Errorf("baseIDs = %v", bases)
	}
}
