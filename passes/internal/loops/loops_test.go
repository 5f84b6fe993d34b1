package loops_test

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"testing"

	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/ssa/ssautil"

	"github.com/wsvet/wsvet/passes/internal/loops"
)

const src = `package p

func f(n int) int {
	s := 0
	for i := 0; i < n; i++ {
		for j := 0; j < i; j++ {
			s += j
		}
		s++
	}
	return s
}
`

func TestNested(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	pkg, _, err := ssautil.BuildPackage(&types.Config{Importer: importer.Default()}, fset,
		types.NewPackage("p", "p"), []*ast.File{f}, ssa.BuilderMode(0))
	if err != nil {
		t.Fatal(err)
	}
	fn := pkg.Func("f")
	forest := loops.Find(fn)
	var outer, inner *loops.Loop
	for _, b := range fn.Blocks {
		l := forest.Innermost(b)
		switch {
		case b.Index == 0:
			if l != nil {
				t.Errorf("entry block is in a loop")
			}
		case l != nil && l.Parent != nil:
			inner = l
		case l != nil:
			outer = l
		}
	}
	if outer == nil || inner == nil {
		t.Fatalf("want two nested loops, got outer=%v inner=%v", outer, inner)
	}
	if inner.Parent != outer || len(inner.Body) >= len(outer.Body) {
		t.Errorf("inner loop is not nested in the outer one")
	}
	for b := range inner.Body {
		if !outer.Contains(b) {
			t.Errorf("block %d of the inner loop is not in the outer loop", b.Index)
		}
	}
}
