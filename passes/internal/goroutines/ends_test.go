package goroutines

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"testing"

	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/ssa/ssautil"
)

const endsSrc = `package p

import (
	"context"
	"time"
)

func ends(ch chan int, done chan struct{}, cancel func(), ctx context.Context, t *time.Ticker) {
	close(done)
	ch <- 1
	<-ch
	cancel()
	select {
	case ch <- 2:
	case <-ctx.Done():
	case <-t.C:
	}
}
`

func TestEnds(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", endsSrc, 0)
	if err != nil {
		t.Fatal(err)
	}
	pkg, _, err := ssautil.BuildPackage(&types.Config{Importer: importer.Default()}, fset, types.NewPackage("p", "p"), []*ast.File{f}, ssa.BuilderMode(0))
	if err != nil {
		t.Fatal(err)
	}
	fn := pkg.Func("ends")
	var kinds []EndKind
	var sel *ssa.Select
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			for _, e := range Ends(instr) {
				kinds = append(kinds, e.Kind)
			}
			if s, ok := instr.(*ssa.Select); ok {
				sel = s
			}
		}
	}
	want := []EndKind{CloseChan, SendChan, RecvChan, CallFunc, SendChan, RecvChan, RecvChan}
	if len(kinds) != len(want) {
		t.Fatalf("ends: %v, want %v", kinds, want)
	}
	for i := range want {
		if kinds[i] != want[i] {
			t.Fatalf("ends: %v, want %v", kinds, want)
		}
	}
	if sel == nil || len(sel.States) != 3 {
		t.Fatal("no select of three cases")
	}
	if DoneOf(sel.States[1].Chan) != fn.Params[3] {
		t.Error("DoneOf(ctx.Done()) is not ctx")
	}
	if !IsTimeChan(sel.States[2].Chan) || IsTimeChan(sel.States[0].Chan) {
		t.Error("IsTimeChan: want true for t.C only")
	}
}
