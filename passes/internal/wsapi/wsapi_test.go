package wsapi

import (
	"go/types"
	"path/filepath"
	"testing"

	"github.com/wsvet/wsvet/passes/internal/stubs"
)

// TestTableMatchesStubs checks that every table entry names a function
// that exists, with that exact receiver, in the API-exact stubs of
// testdata/src, so that a typo in the table cannot go unnoticed, and that
// the operand it names as the connection exists.
func TestTableMatchesStubs(t *testing.T) {
	testdata, _ := filepath.Abs(filepath.Join("..", "..", "..", "testdata"))
	funcs := stubs.Funcs(t, testdata, Libraries...)
	for name, op := range table() {
		f, ok := funcs[name]
		if !ok {
			t.Errorf("table entry %s: no such function in the stubs", name)
			continue
		}
		if got, ok := Lookup(f); !ok || got != op {
			t.Errorf("Lookup(%s) = %v, %v; want %v", name, got, ok, op)
		}
		n := f.Signature().Params().Len()
		if f.Signature().Recv() != nil {
			n++
		}
		if op.Conn >= n {
			t.Errorf("%s: connection operand %d, but it has %d operands", name, op.Conn, n)
		}
	}
}

func TestClassify(t *testing.T) {
	pkg := types.NewPackage(Gorilla, "websocket")
	ce := types.NewNamed(types.NewTypeName(0, pkg, "CloseError", nil), types.NewStruct(nil, nil), nil)
	if got := ClassifyType(types.NewPointer(ce)); got != CloseErr {
		t.Errorf("ClassifyType(*CloseError) = %v, want CloseErr", got)
	}
	user := types.NewNamed(types.NewTypeName(0, types.NewPackage("example.com/app", "app"), "CloseError", nil), types.NewStruct(nil, nil), nil)
	if got := ClassifyType(user); got != Unclassified {
		t.Errorf("ClassifyType(app.CloseError) = %v, want Unclassified", got)
	}
	if !IsLibrary("example.com/app/vendor/github.com/gorilla/websocket") || IsLibrary("github.com/gorilla/websocketx") {
		t.Error("IsLibrary mishandles vendored or look-alike paths")
	}
}
