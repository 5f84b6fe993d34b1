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
// error at once, so such a loop wastes a few reads and ends. The error
// path ends at a branch that leaves every loop around the read on a
// comparison of a counter that one of those loops advances; a bounded
// retry inside a loop that starts the retries again still spins, and is
// still reported.

// boundsLoop reports whether instr is such a branch for the loop l.
func boundsLoop(instr ssa.Instruction, l *loops.Loop) bool {
	ifInstr, ok := instr.(*ssa.If)
	if !ok {
		return false
	}
	succs := ifInstr.Block().Succs
	if leaves(l, succs[0]) == leaves(l, succs[1]) {
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
	return isCounter(cmp.X, l) || isCounter(cmp.Y, l)
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

// isCounter reports whether v is a counter of l or of a loop around it:
// a φ at the loop's header that one of its edges steps by a constant
// (i = i ± c), or that step itself; or a load of a field or package
// variable that the loop steps (c.retries++).
func isCounter(v ssa.Value, l *loops.Loop) bool {
	if step, ok := v.(*ssa.BinOp); ok {
		if phi := steps(step); phi != nil && isCounter(phi, l) {
			return true
		}
	}
	if load, ok := v.(*ssa.UnOp); ok && load.Op == token.MUL && isFlagAddr(load.X) {
		return steppedInLoop(load.X, l)
	}
	phi, ok := v.(*ssa.Phi)
	if !ok {
		return false
	}
	header := false
	for o := l; o != nil; o = o.Parent {
		header = header || phi.Block() == o.Header
	}
	if !header {
		return false
	}
	for _, e := range phi.Edges {
		if step, ok := e.(*ssa.BinOp); ok && steps(step) == phi {
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
	c, isConst := y.(*ssa.Const)
	if !ok || !isConst || c.Value == nil || c.Value.Kind() != constant.Int || constant.Sign(c.Value) == 0 {
		return nil
	}
	return phi
}

// steppedInLoop reports whether the outermost loop around l stores to
// addr (a field or package variable) its own value stepped by a constant.
func steppedInLoop(addr ssa.Value, l *loops.Loop) bool {
	for l.Parent != nil {
		l = l.Parent
	}
	id := connid.Of(addr)
	for b := range l.Body {
		for _, instr := range b.Instrs {
			st, ok := instr.(*ssa.Store)
			if !ok || connid.Of(st.Addr) != id {
				continue
			}
			step, ok := st.Val.(*ssa.BinOp)
			if !ok || (step.Op != token.ADD && step.Op != token.SUB) {
				continue
			}
			for _, x := range []ssa.Value{step.X, step.Y} {
				if load, ok := x.(*ssa.UnOp); ok && load.Op == token.MUL && connid.Of(load.X) == id {
					if _, ok := otherOperand(step, x).(*ssa.Const); ok {
						return true
					}
				}
			}
		}
	}
	return false
}

func otherOperand(b *ssa.BinOp, x ssa.Value) ssa.Value {
	if b.X == x {
		return b.Y
	}
	return b.X
}
