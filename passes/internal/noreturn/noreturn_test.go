package noreturn

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/wsvet/wsvet/passes/internal/stubs"
)

// TestTableMatchesStubs checks that every table entry names a function
// or method that exists in the standard library or in the API-exact
// stubs of testdata/src, so that a typo cannot go unnoticed.
func TestTableMatchesStubs(t *testing.T) {
	paths := make(map[string]bool)
	for name := range table {
		paths[pkgPath(name)] = true
	}
	var list []string
	for p := range paths {
		list = append(list, p)
	}
	testdata, _ := filepath.Abs(filepath.Join("..", "..", "..", "testdata"))
	funcs := stubs.Funcs(t, testdata, list...)
	for name := range table {
		f, ok := funcs[name]
		if !ok {
			t.Errorf("table entry %s: no such function", name)
			continue
		}
		if !Func(f) {
			t.Errorf("Func(%s) = false", name)
		}
	}
}

// pkgPath returns the package path of a FullName: "log" for
// "(*log.Logger).Fatal" and "log.Fatal".
func pkgPath(name string) string {
	name = strings.TrimLeft(name, "(*")
	if i := strings.Index(name, ")"); i >= 0 {
		name = name[:i]
	}
	return name[:strings.LastIndex(name, ".")]
}
