package connid

import (
	"strconv"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// Canon returns id with loads of singly assigned local variables and
// fields of structs allocated in the function replaced by the value
// stored, and fields of the struct a constructor of the package
// returns by what the constructor stores in them: within one function,
// send := make(chan T); c := &Client{send: send} makes c.send send.
func Canon(id ID) ID { return canonDepth(id, 2) }

func canonDepth(id ID, depth int) ID {
	for range 8 {
		next, ok := canonStep(id, depth)
		if !ok {
			return id
		}
		id = next
	}
	return id
}

func canonStep(id ID, depth int) (ID, bool) {
	alloc, ok := id.Root.(*ssa.Alloc)
	if !ok {
		if depth > 0 {
			return constructed(id, depth)
		}
		return id, false
	}
	if rest, ok := strings.CutPrefix(id.Path, "*"); ok {
		if v := onlyStore(alloc, -1); v != nil {
			return Of(v).Extend(rest), true
		}
		return id, false
	}
	k, rest, ok := FieldStep(id.Path)
	if !ok {
		return id, false
	}
	if v := onlyStore(alloc, k); v != nil {
		return Of(v).Extend(rest), true
	}
	return id, false
}

// FieldStep splits "&.k*rest" into k and rest.
func FieldStep(path string) (int, string, bool) {
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

// constructed replaces a field of the struct that a constructor of the
// package allocates and returns (h := newHeartbeat(conn): h.conn) by
// what the constructor stores in it, in the caller's terms: conn.
func constructed(id ID, depth int) (ID, bool) {
	call, _ := id.Root.(*ssa.Call)
	i := 0
	if ex, ok := id.Root.(*ssa.Extract); ok {
		call, _ = ex.Tuple.(*ssa.Call)
		i = ex.Index
	}
	if call == nil {
		return id, false
	}
	fn := call.Call.StaticCallee()
	if fn == nil || fn.Blocks == nil {
		return id, false
	}
	alloc := returnedAlloc(fn, i)
	if alloc == nil {
		return id, false
	}
	inner := canonDepth(ID{Root: alloc, Path: id.Path}, depth-1)
	if inner.Root == alloc {
		return id, false
	}
	return Bind(call.Call.Value, fn, call.Call.Args, inner)
}

// returnedAlloc returns the struct that fn allocates and returns as
// result i on every return (also through a variable a closure
// captures), or nil.
func returnedAlloc(fn *ssa.Function, i int) *ssa.Alloc {
	var alloc *ssa.Alloc
	for _, b := range fn.Blocks {
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok {
			continue
		}
		if i >= len(ret.Results) {
			return nil
		}
		r := canonDepth(Of(ret.Results[i]), 0)
		a, ok := r.Root.(*ssa.Alloc)
		if !ok || r.Path != "" || alloc != nil && a != alloc {
			return nil
		}
		alloc = a
	}
	return alloc
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
