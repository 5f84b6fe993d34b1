// Package stubs loads the API-exact library stubs of testdata/src for
// the tests that check wsvet's tables against them.
package stubs

import (
	"go/types"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/packages"
)

// Funcs loads the packages at paths, from the stubs or the standard
// library, and returns their functions and the methods of their types
// (interfaces included), by types.Func.FullName.
func Funcs(t *testing.T, testdata string, paths ...string) map[string]*types.Func {
	t.Helper()
	cfg := &packages.Config{
		Mode: packages.NeedTypes | packages.NeedName,
		Env:  append(os.Environ(), "GOPATH="+testdata, "GO111MODULE=off", "GOFLAGS="),
		Dir:  filepath.Join(testdata, "src"),
	}
	pkgs, err := packages.Load(cfg, paths...)
	if err != nil {
		t.Fatal(err)
	}
	funcs := make(map[string]*types.Func)
	for _, p := range pkgs {
		for _, e := range p.Errors {
			t.Errorf("%s: %v", p.PkgPath, e)
		}
		scope := p.Types.Scope()
		for _, name := range scope.Names() {
			switch obj := scope.Lookup(name).(type) {
			case *types.Func:
				funcs[obj.FullName()] = obj
			case *types.TypeName:
				for _, typ := range []types.Type{obj.Type(), types.NewPointer(obj.Type())} {
					ms := types.NewMethodSet(typ)
					for i := range ms.Len() {
						if f, ok := ms.At(i).Obj().(*types.Func); ok {
							funcs[f.FullName()] = f
						}
					}
				}
			}
		}
	}
	return funcs
}
