package pumpleak

import (
	"strconv"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/wsvet/wsvet/passes/internal/connid"
)

// The analysis compares channels, contexts and connections across the
// functions of one connection's goroutines: the pump, the function that
// starts it, the one that owns the read loop, their helpers. Each value
// is a connid.ID in the terms of one function; bindCall and Start.Bind
// translate it to a caller's terms, and canon, in the starter's terms,
// replaces a variable or a struct field that is assigned once by what
// is assigned to it (send := make(chan T); c := &Client{send: send}:
// c.send is send).

// canon returns id with loads of singly assigned local variables and
// fields of structs allocated in the function replaced by the value
// stored.
func canon(id connid.ID) connid.ID {
	for range 8 {
		next, ok := canonStep(id)
		if !ok {
			return id
		}
		id = next
	}
	return id
}

func canonStep(id connid.ID) (connid.ID, bool) {
	alloc, ok := id.Root.(*ssa.Alloc)
	if !ok {
		return id, false
	}
	if rest, ok := strings.CutPrefix(id.Path, "*"); ok {
		if v := onlyStore(alloc, -1); v != nil {
			return connid.Of(v).Extend(rest), true
		}
		return id, false
	}
	k, rest, ok := fieldStep(id.Path)
	if !ok {
		return id, false
	}
	if v := onlyStore(alloc, k); v != nil {
		return connid.Of(v).Extend(rest), true
	}
	return id, false
}

// fieldStep splits "&.k*rest" into k and rest.
func fieldStep(path string) (int, string, bool) {
	p, ok := strings.CutPrefix(path, "&.")
	if !ok {
		return 0, "", false
	}
	i := 0
	for i < len(p) && p[i] >= '0' && p[i] <= '9' {
		i++
	}
	k, err := strconv.Atoi(p[:i])
	if err != nil || !strings.HasPrefix(p[i:], "*") {
		return 0, "", false
	}
	return k, p[i+1:], true
}

// onlyStore returns the one value stored in alloc (field < 0) or in its
// field, by its function or the closures it is captured by; nil if
// there is not exactly one such store, or the address escapes.
func onlyStore(alloc *ssa.Alloc, field int) ssa.Value {
	var val ssa.Value
	n := 0
	var visit func(addr ssa.Value, depth int) bool
	visit = func(addr ssa.Value, depth int) bool {
		refs := addr.Referrers()
		if refs == nil {
			return true
		}
		for _, ref := range *refs {
			switch ref := ref.(type) {
			case *ssa.Store:
				if field < 0 && ref.Addr == addr {
					val, n = ref.Val, n+1
				} else if ref.Val == addr && field < 0 {
					return false // the address itself is stored away
				}
			case *ssa.FieldAddr:
				if field >= 0 && ref.Field == field {
					for _, r2 := range *ref.Referrers() {
						switch r2 := r2.(type) {
						case *ssa.Store:
							if r2.Addr == ref {
								val, n = r2.Val, n+1
							}
						case *ssa.UnOp:
						default:
							return false // &c.send handed on
						}
					}
				}
			case *ssa.MakeClosure:
				fn, ok := ref.Fn.(*ssa.Function)
				if !ok || depth == 0 {
					return false
				}
				for i, b := range ref.Bindings {
					if b == addr && i < len(fn.FreeVars) && !visit(fn.FreeVars[i], depth-1) {
						return false
					}
				}
			case *ssa.UnOp:
			default:
				if field < 0 {
					return false // a cell handed to a call may be assigned there
				}
			}
		}
		return true
	}
	if !visit(alloc, 3) || n != 1 {
		return nil
	}
	return val
}

// bindCall translates id, in the terms of callee, to the terms of the
// caller at ci: a parameter or free variable becomes the argument or
// binding, and a value the callee returns becomes the call's result
// (c := newClient(conn) for the client newClient allocates).
func bindCall(ci ssa.CallInstruction, callee *ssa.Function, id connid.ID) (connid.ID, bool) {
	call := ci.Common()
	if out, ok := connid.Bind(call.Value, callee, call.Args, id); ok {
		return out, true
	}
	i := returnedAs(callee, id.Root)
	if i < 0 {
		return connid.ID{}, false
	}
	v, ok := ci.(*ssa.Call)
	if !ok {
		return connid.ID{}, false
	}
	if r := resultOf(v, i); r != nil {
		return connid.Of(r).Extend(id.Path), true
	}
	return connid.ID{}, false
}

// returnedAs returns the result of fn that is root on every return, or
// -1.
func returnedAs(fn *ssa.Function, root ssa.Value) int {
	if root == nil {
		return -1
	}
	res := -1
	for _, b := range fn.Blocks {
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok {
			continue
		}
		k := -1
		for i, r := range ret.Results {
			if id := connid.Of(r); id.Root == root && id.Path == "" {
				k = i
			}
		}
		if k < 0 || res >= 0 && k != res {
			return -1
		}
		res = k
	}
	return res
}

// resultOf returns result i of call, or nil if nothing extracts it.
func resultOf(call *ssa.Call, i int) ssa.Value {
	if call.Call.Signature().Results().Len() == 1 {
		return call
	}
	for _, ref := range *call.Referrers() {
		if ex, ok := ref.(*ssa.Extract); ok && ex.Index == i {
			return ex
		}
	}
	return nil
}

// rooted reports whether id is rooted at an operand of fn (a parameter
// or a free variable), so that a caller can translate it.
func rooted(fn *ssa.Function, id connid.ID) bool {
	switch r := id.Root.(type) {
	case *ssa.Parameter:
		return r.Parent() == fn
	case *ssa.FreeVar:
		return r.Parent() == fn
	}
	return false
}
