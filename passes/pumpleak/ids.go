package pumpleak

import (
	"golang.org/x/tools/go/ssa"

	"github.com/wsvet/wsvet/passes/internal/connid"
)

// The analysis compares channels, contexts and connections across the
// functions of one connection's goroutines: the pump, the function that
// starts it, the one that owns the read loop, their helpers. Each value
// is a connid.ID in the terms of one function; bindCall and Start.Bind
// translate it to a caller's terms, and connid.Canon, in the starter's
// terms, replaces a variable or a struct field that is assigned once by
// what is assigned to it (send := make(chan T); c := &Client{send:
// send}: c.send is send).

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
