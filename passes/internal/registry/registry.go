// Package registry recognizes connection managers in SSA: a map, a
// sync.Map or a slice that outlives the function (a struct field, a
// package-level variable, or a variable captured by a closure), named by
// a key that is the same in every package: "pkgpath.Type.field",
// "pkgpath.var" or "pkgpath.func.var".
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
	switch x := source(v).(type) {
	case *ssa.FieldAddr:
		return FieldKey(x.X.Type(), x.Field)
	case *ssa.Field:
		return FieldKey(x.X.Type(), x.Field)
	case *ssa.Global:
		if x.Pkg == nil {
			return "", false
		}
		return x.Pkg.Pkg.Path() + "." + x.Name(), true
	case *ssa.FreeVar:
		// A variable of an enclosing function captured by a closure
		// (a handler registered in main): it outlives each call.
		return capturedKey(x.Parent(), x.Name())
	}
	return "", false
}

// Object returns the struct field or package variable that v is loaded
// from (what Of names), or nil: the object a fact about it goes on.
func Object(v ssa.Value) types.Object {
	switch x := source(v).(type) {
	case *ssa.FieldAddr:
		return field(x.X.Type(), x.Field)
	case *ssa.Field:
		return field(x.X.Type(), x.Field)
	case *ssa.Global:
		return x.Object()
	}
	return nil
}

// source returns the field selection, package variable or captured
// variable that v is loaded from, looking through loads and
// conversions; v itself if there is none.
func source(v ssa.Value) ssa.Value {
	for {
		switch x := v.(type) {
		case *ssa.UnOp:
			if x.Op != token.MUL {
				return x
			}
			v = x.X
		case *ssa.ChangeType:
			v = x.X
		default:
			return v
		}
	}
}

// field returns field i of the struct that t is, or points to.
func field(t types.Type, i int) *types.Var {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok || i >= st.NumFields() {
		return nil
	}
	return st.Field(i)
}

// capturedKey names a variable captured by closure fn: the outermost
// enclosing function and the variable's name.
func capturedKey(fn *ssa.Function, name string) (string, bool) {
	for fn != nil && fn.Parent() != nil {
		fn = fn.Parent()
	}
	if fn == nil || fn.Pkg == nil {
		return "", false
	}
	return fn.Pkg.Pkg.Path() + "." + fn.Name() + "." + name, true
}

// FieldKey names field i of the struct that t is, or points to.
func FieldKey(t types.Type, i int) (string, bool) {
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

// Insert returns the registry instr adds an element to and the element
// that holds the connection: a map insert whose key or value holds one
// (holds decides), a Store, LoadOrStore or Swap on a registry
// sync.Map, or an append to a registry slice stored back in place.
func Insert(instr ssa.Instruction, holds func(ssa.Value) bool) (string, ssa.Value, bool) {
	switch in := instr.(type) {
	case *ssa.MapUpdate:
		reg, ok := Of(in.Map)
		if !ok {
			return "", nil, false
		}
		switch {
		case holds(in.Key):
			return reg, in.Key, true
		case holds(in.Value):
			return reg, in.Value, true
		}
	case *ssa.Call:
		fn := in.Call.StaticCallee()
		if fn == nil || len(in.Call.Args) < 3 {
			return "", nil, false
		}
		obj, ok := fn.Object().(*types.Func)
		if !ok || obj.Pkg() == nil || obj.Pkg().Path() != "sync" {
			return "", nil, false
		}
		switch obj.FullName() {
		case "(*sync.Map).Store", "(*sync.Map).LoadOrStore", "(*sync.Map).Swap":
			reg, ok := Of(in.Call.Args[0])
			if !ok {
				return "", nil, false
			}
			for _, v := range in.Call.Args[1:3] {
				if mi, ok := v.(*ssa.MakeInterface); ok && holds(mi.X) {
					return reg, mi.X, true
				}
			}
		}
	case *ssa.Store:
		reg, ok := Of(in.Addr)
		if !ok {
			return "", nil, false
		}
		if elem, ok := appended(in.Val, reg); ok && holds(elem) {
			return reg, elem, true
		}
	}
	return "", nil, false
}

// FilteredSlice reports whether instr stores into a registry slice a
// value other than an append to that same slice: a reassignment that
// filters it (h.conns = append(h.conns[:i], h.conns[i+1:]...)).
func FilteredSlice(instr ssa.Instruction) (string, bool) {
	st, ok := instr.(*ssa.Store)
	if !ok {
		return "", false
	}
	if _, ok := st.Val.Type().Underlying().(*types.Slice); !ok {
		return "", false
	}
	reg, ok := Of(st.Addr)
	if !ok {
		return "", false
	}
	if _, ok := appended(st.Val, reg); ok {
		return "", false
	}
	return reg, true
}

// appended returns the element of v = append(reg, elem) where the first
// operand is registry reg itself.
func appended(v ssa.Value, reg string) (ssa.Value, bool) {
	call, ok := v.(*ssa.Call)
	if !ok {
		return nil, false
	}
	b, ok := call.Call.Value.(*ssa.Builtin)
	if !ok || b.Name() != "append" || len(call.Call.Args) != 2 {
		return nil, false
	}
	if r, ok := Of(call.Call.Args[0]); !ok || r != reg {
		return nil, false
	}
	// The elements arrive in a slice built from an array: find the
	// value stored at its first index.
	sl, ok := call.Call.Args[1].(*ssa.Slice)
	if !ok {
		return nil, false
	}
	alloc, ok := sl.X.(*ssa.Alloc)
	if !ok {
		return nil, false
	}
	for _, ref := range *alloc.Referrers() {
		ia, ok := ref.(*ssa.IndexAddr)
		if !ok {
			continue
		}
		for _, r2 := range *ia.Referrers() {
			if st, ok := r2.(*ssa.Store); ok && st.Addr == ia {
				return st.Val, true
			}
		}
	}
	return nil, false
}
