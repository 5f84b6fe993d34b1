// Package registry recognizes connection managers in SSA: a map, a
// sync.Map or a slice that outlives the function (a struct field or a
// package-level variable), named by a key that is the same in every
// package: "pkgpath.Type.field" or "pkgpath.var".
package registry

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// Of returns the registry that v (a map, slice or sync.Map, or its
// address) is loaded from, and false if v is not a field or a package
// variable.
func Of(v ssa.Value) (string, bool) {
	for {
		switch x := v.(type) {
		case *ssa.UnOp:
			if x.Op != token.MUL {
				return "", false
			}
			v = x.X
			continue
		case *ssa.ChangeType:
			v = x.X
			continue
		case *ssa.FieldAddr:
			return fieldKey(x.X.Type(), x.Field)
		case *ssa.Field:
			return fieldKey(x.X.Type(), x.Field)
		case *ssa.Global:
			if x.Pkg == nil {
				return "", false
			}
			return x.Pkg.Pkg.Path() + "." + x.Name(), true
		}
		return "", false
	}
}

// fieldKey names field i of the struct that t is, or points to.
func fieldKey(t types.Type, i int) (string, bool) {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return "", false
	}
	st, ok := n.Underlying().(*types.Struct)
	if !ok || i >= st.NumFields() {
		return "", false
	}
	return n.Obj().Pkg().Path() + "." + n.Obj().Name() + "." + st.Field(i).Name(), true
}

// Removal returns the registry a call removes an element from: the
// builtin delete on a registry map, or Delete, LoadAndDelete or
// CompareAndDelete on a registry sync.Map.
func Removal(call *ssa.CallCommon) (string, bool) {
	if b, ok := call.Value.(*ssa.Builtin); ok && b.Name() == "delete" && len(call.Args) == 2 {
		return Of(call.Args[0])
	}
	fn := call.StaticCallee()
	if fn == nil || len(call.Args) == 0 {
		return "", false
	}
	obj, ok := fn.Object().(*types.Func)
	if !ok || obj.Pkg() == nil || obj.Pkg().Path() != "sync" {
		return "", false
	}
	switch obj.FullName() {
	case "(*sync.Map).Delete", "(*sync.Map).LoadAndDelete", "(*sync.Map).CompareAndDelete":
		return Of(call.Args[0])
	}
	return "", false
}

// Member returns the registry whose elements v is drawn from when v is
// the key or value of a range over a registry map, or an element of a
// registry slice.
func Member(v ssa.Value) (string, bool) {
	switch x := v.(type) {
	case *ssa.Extract:
		if next, ok := x.Tuple.(*ssa.Next); ok {
			if rng, ok := next.Iter.(*ssa.Range); ok {
				return Of(rng.X)
			}
		}
	case *ssa.IndexAddr:
		return Of(x.X)
	case *ssa.Index:
		return Of(x.X)
	case *ssa.Lookup:
		return Of(x.X)
	}
	return "", false
}
