package readloop

import (
	"go/constant"
	"go/token"

	"golang.org/x/tools/go/ssa"

	"github.com/wsvet/wsvet/passes/internal/connid"
	"github.com/wsvet/wsvet/passes/internal/loops"
)

// A loop that reads a failed connection again a bounded number of times
// and then leaves does not spin: a retry counter on the error path
//
//	if err != nil {
//		if retries++; retries > 3 {
//			return
//		}
//		continue
//	}
//
// or a counted loop (`for i := 0; i < n; i++`, common in tests that read
// n messages and only log a failure). gorilla panics only after 1000
// reads of a failed connection, and the other libraries return the same
// error at once, so such a loop wastes a few reads and ends.
//
// A failing path ends at a counted exit: a branch that leaves every loop
// around the read on a comparison of a counter (a local, a field or a
// package variable that the loop steps by a constant), provided that the
// failing paths step the counter. A counter
// stepped only on success (`if err != nil { continue }; i++`) bounds
// nothing, and a bounded retry inside a loop that starts the retries
// again still spins: both are still reported.

// countedExit reports whether instr, reached on a failing path from the
// read r, is a counted exit. failing holds the blocks the walk has
// visited while the read may have failed: the counter must be stepped in
// one of them, not only on the success path.
func (x *exits) countedExit(r *read, instr ssa.Instruction, failing map[*ssa.BasicBlock]bool) bool {
	ifInstr, ok := instr.(*ssa.If)
	if !ok {
		return false
	}
	succs := ifInstr.Block().Succs
	if leaves(r.loop, succs[0]) == leaves(r.loop, succs[1]) {
		return false // both stay, or both leave anyway
	}
	cmp, ok := ifInstr.Cond.(*ssa.BinOp)
	if !ok {
		return false
	}
	switch cmp.Op {
	case token.LSS, token.LEQ, token.GTR, token.GEQ, token.EQL, token.NEQ:
	default:
		return false
	}
	for _, b := range append(x.counterSteps(cmp.X, r.loop), x.counterSteps(cmp.Y, r.loop)...) {
		if failing[b] {
			return true
		}
	}
	return false
}

// leaves reports whether b is outside l and every loop around it.
func leaves(l *loops.Loop, b *ssa.BasicBlock) bool {
	for ; l != nil; l = l.Parent {
		if l.Contains(b) {
			return false
		}
	}
	return true
}

// counterSteps returns the blocks that step v, if v is a counter of l or
// of a loop around it: a φ at a loop header whose value comes around
// stepped by a constant (i = i ± c, perhaps merged with other values, as
// in `if err != nil { n++ } else { n = 0 }`), a step of such a φ, a φ
// that merges such steps, or a load of a location (a field, a package
// variable) that the loop steps.
func (x *exits) counterSteps(v ssa.Value, l *loops.Loop) []*ssa.BasicBlock {
	switch v := v.(type) {
	case *ssa.BinOp:
		if phi := steps(v); phi != nil && len(headerSteps(phi, l)) > 0 {
			return []*ssa.BasicBlock{v.Block()}
		}
	case *ssa.UnOp:
		if v.Op == token.MUL && isFlagAddr(v.X) {
			return x.locationSteps(v.X, l)
		}
	case *ssa.Phi:
		if blocks := headerSteps(v, l); len(blocks) > 0 {
			return blocks
		}
		var blocks []*ssa.BasicBlock
		for _, e := range v.Edges {
			if step, ok := e.(*ssa.BinOp); ok {
				if phi := steps(step); phi != nil && len(headerSteps(phi, l)) > 0 {
					blocks = append(blocks, step.Block())
				}
			}
		}
		return blocks
	}
	return nil
}

// headerSteps returns the blocks that step phi, if it is at the header of
// l or of a loop around it and comes around stepped: an edge that is a
// step of phi, or a φ (not a header) that merges one.
func headerSteps(phi *ssa.Phi, l *loops.Loop) []*ssa.BasicBlock {
	if !isHeader(phi.Block(), l) {
		return nil
	}
	var blocks []*ssa.BasicBlock
	seen := make(map[ssa.Value]bool)
	var visit func(v ssa.Value)
	visit = func(v ssa.Value) {
		if seen[v] {
			return
		}
		seen[v] = true
		switch v := v.(type) {
		case *ssa.BinOp:
			if steps(v) == phi {
				blocks = append(blocks, v.Block())
			}
		case *ssa.Phi:
			if v == phi || !isHeader(v.Block(), l) {
				for _, e := range v.Edges {
					visit(e)
				}
			}
		}
	}
	visit(phi)
	return blocks
}

// isHeader reports whether b is the header of l or of a loop around it.
func isHeader(b *ssa.BasicBlock, l *loops.Loop) bool {
	for ; l != nil; l = l.Parent {
		if b == l.Header {
			return true
		}
	}
	return false
}

// steps returns the φ that b steps by a non-zero constant (φ + c, φ - c,
// c + φ), or nil.
func steps(b *ssa.BinOp) *ssa.Phi {
	if b.Op != token.ADD && b.Op != token.SUB {
		return nil
	}
	x, y := b.X, b.Y
	if b.Op == token.ADD {
		if _, ok := x.(*ssa.Const); ok {
			x, y = y, x
		}
	}
	phi, ok := x.(*ssa.Phi)
	if !ok || !nonZeroInt(y) {
		return nil
	}
	return phi
}

func nonZeroInt(v ssa.Value) bool {
	c, ok := v.(*ssa.Const)
	return ok && c.Value != nil && c.Value.Kind() == constant.Int && constant.Sign(c.Value) != 0
}

// locationSteps returns the blocks of the outermost loop around l that
// store to addr its own value stepped by a constant (c.retries++).
func (x *exits) locationSteps(addr ssa.Value, l *loops.Loop) []*ssa.BasicBlock {
	for l.Parent != nil {
		l = l.Parent
	}
	key := locKey{l, connid.Of(addr)}
	if blocks, ok := x.stepped[key]; ok {
		return blocks
	}
	var blocks []*ssa.BasicBlock
	for _, st := range x.stores(l) {
		if connid.Of(st.Addr) != key.id {
			continue
		}
		step, ok := st.Val.(*ssa.BinOp)
		if !ok || (step.Op != token.ADD && step.Op != token.SUB) {
			continue
		}
		load, ok := step.X.(*ssa.UnOp)
		other := step.Y
		if !ok && step.Op == token.ADD {
			load, ok = step.Y.(*ssa.UnOp)
			other = step.X
		}
		if ok && load.Op == token.MUL && connid.Of(load.X) == key.id && nonZeroInt(other) {
			blocks = append(blocks, st.Block())
		}
	}
	x.stepped[key] = blocks
	return blocks
}

// stores returns the stores to fields and package variables in loop l.
func (x *exits) stores(l *loops.Loop) []*ssa.Store {
	if sts, ok := x.storesIn[l]; ok {
		return sts
	}
	var sts []*ssa.Store
	for b := range l.Body {
		for _, instr := range b.Instrs {
			if st, ok := instr.(*ssa.Store); ok && isFlagAddr(st.Addr) {
				sts = append(sts, st)
			}
		}
	}
	x.storesIn[l] = sts
	return sts
}

// reaches reports whether a path from the blocks start reaches to
// without entering a block of avoid.
func reaches(start []*ssa.BasicBlock, to *ssa.BasicBlock, avoid map[*ssa.BasicBlock]bool) bool {
	seen := make(map[*ssa.BasicBlock]bool)
	work := append([]*ssa.BasicBlock(nil), start...)
	for len(work) > 0 {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		if seen[b] || avoid[b] {
			continue
		}
		if b == to {
			return true
		}
		seen[b] = true
		work = append(work, b.Succs...)
	}
	return false
}
