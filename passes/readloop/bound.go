package readloop

import (
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/wsvet/wsvet/passes/internal/connid"
	"github.com/wsvet/wsvet/passes/internal/errstate"
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
// A failing path that comes back to the read having stepped a counter
// and passed a counted exit (a branch that leaves every loop around the
// read on a comparison of a counter: a local, a field or a package
// variable that the loop steps by a constant, or a sync/atomic Add) is
// bounded. A counter stepped only on success (`if err != nil { continue
// }; i++`) bounds nothing, and a bounded retry inside a loop that starts
// the retries again still spins: both are still reported. The walk
// carries the two facts as marks of each path (errstate.Walk.Mark).

// loopExits is what a read's loop offers a failing path to leave by
// other than a return or break.
type loopExits struct {
	counted map[*ssa.If]bool         // counted exits
	steps   map[ssa.Instruction]bool // steps of the counters they compare
	flags   []flagExit               // see signal.go
	sets    map[ssa.Instruction][]flagSet
	yields  map[*ssa.If]bool // exits on an iterator's yield of the error (signal.go)
	resets  map[*ssa.If]int  // branches on whether the error changed: the successor where it did
}

// of returns the exits of loop l, the innermost loop of some read.
func (x *exits) of(l *loops.Loop) *loopExits {
	if le, ok := x.ofLoop[l]; ok {
		return le
	}
	le := &loopExits{
		counted: make(map[*ssa.If]bool),
		steps:   make(map[ssa.Instruction]bool),
		sets:    make(map[ssa.Instruction][]flagSet),
		yields:  make(map[*ssa.If]bool),
		resets:  make(map[*ssa.If]int),
	}
	outer := l
	for outer.Parent != nil {
		outer = outer.Parent
	}
	for b := range outer.Body {
		ifInstr, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		if differs, ok := x.changeTest(ifInstr.Cond, l); ok {
			le.resets[ifInstr] = differs
		}
		if leaves(l, b.Succs[0]) == leaves(l, b.Succs[1]) {
			continue
		}
		if steps := x.countedSteps(ifInstr, l); len(steps) > 0 {
			le.counted[ifInstr] = true
			for _, st := range steps {
				le.steps[st] = true
			}
		}
		if yieldsError(ifInstr) {
			le.yields[ifInstr] = true
		}
		if len(le.flags) < maxFlags {
			if e, ok := x.flagExit(ifInstr, l); ok {
				le.flags = append(le.flags, e)
			}
		}
	}
	x.ofLoop[l] = le
	return le
}

// yieldExit reports whether instr is a branch that leaves the loop when
// an iterator's consumer, handed the error, says stop.
func (le *loopExits) yieldExit(instr ssa.Instruction) bool {
	ifInstr, ok := instr.(*ssa.If)
	return ok && le.yields[ifInstr]
}

// mark returns the marks of a path after instr.
func (le *loopExits) mark(fs *flagSetter, instr ssa.Instruction, marks errstate.Marks) errstate.Marks {
	if le.steps[instr] {
		marks |= markStepped
	}
	if ifInstr, ok := instr.(*ssa.If); ok && le.counted[ifInstr] {
		marks |= markTested
	}
	if len(le.flags) > 0 {
		sets, ok := le.sets[instr]
		if !ok {
			switch instr.(type) {
			case *ssa.Store, *ssa.Call:
				sets = fs.set(instr, 2)
			}
			le.sets[instr] = sets
		}
		for _, set := range sets {
			for i, e := range le.flags {
				if e.flag == set.flag {
					if e.leavesOn(set.val) {
						marks |= markFlag << i
					} else {
						marks &^= markFlag << i // set to a value it stays on
					}
				}
			}
		}
	}
	return marks
}

// markEdge returns the marks of a path after it takes successor taken
// of branch: the branch where the error is not the one seen before.
func (le *loopExits) markEdge(branch *ssa.If, taken int, marks errstate.Marks) errstate.Marks {
	if differs, ok := le.resets[branch]; ok && differs == taken {
		marks |= markChanged
	}
	return marks
}

// A retry counter may start again when the error changes, and the loop
// still ends after n identical errors:
//
//	if err.Error() == last {
//		n++
//	} else {
//		last, n = err.Error(), 0
//	}
//	if n > 5 {
//		return err
//	}
//	continue
//
// A failed connection returns the same error forever, so the path where
// it changed is taken once and the counted one from then on. A failing
// path that passed the counted exit and the branch where the error
// changed is bounded like one that stepped the counter. The comparison
// is with a value the loop carries (a local, a field, a package
// variable) to which the loop stores an error or its message.

// changeTest reports whether cond tests whether the error differs from
// one the loop keeps, and the successor where it does.
func (x *exits) changeTest(cond ssa.Value, l *loops.Loop) (int, bool) {
	switch c := cond.(type) {
	case *ssa.UnOp:
		if c.Op == token.NOT {
			if d, ok := x.changeTest(c.X, l); ok {
				return 1 - d, true
			}
		}
	case *ssa.BinOp:
		if c.Op != token.EQL && c.Op != token.NEQ {
			return 0, false
		}
		if errorish(c.X) && x.kept(c.Y, l) || errorish(c.Y) && x.kept(c.X, l) {
			if c.Op == token.EQL {
				return 1, true
			}
			return 0, true
		}
	case *ssa.Call:
		fn := c.Call.StaticCallee()
		if fn != nil && fn.Pkg != nil && fn.Pkg.Pkg.Path() == "errors" && fn.Name() == "Is" && len(c.Call.Args) == 2 {
			a, b := c.Call.Args[0], c.Call.Args[1]
			if errorish(a) && x.kept(b, l) || errorish(b) && x.kept(a, l) {
				return 1, true
			}
		}
	}
	return 0, false
}

// errorish reports whether v is an error or its message, err.Error().
func errorish(v ssa.Value) bool {
	if types.Identical(v.Type(), errorType) {
		return true
	}
	call, ok := v.(*ssa.Call)
	return ok && call.Call.IsInvoke() && call.Call.Method.Name() == "Error" && types.Identical(call.Call.Value.Type(), errorType)
}

// kept reports whether v is a value the loop carries from one iteration
// to the next and stores an error (or its message) into: a φ at the
// header of l or of a loop around it, or a load of a location.
func (x *exits) kept(v ssa.Value, l *loops.Loop) bool {
	switch v := v.(type) {
	case *ssa.Phi:
		if !isHeader(v.Block(), l) {
			return false
		}
		// The value that comes around, perhaps merged (kept or replaced).
		seen := map[ssa.Value]bool{v: true}
		var visit func(e ssa.Value) bool
		visit = func(e ssa.Value) bool {
			if seen[e] {
				return false
			}
			seen[e] = true
			if errorish(e) {
				return true
			}
			if phi, ok := e.(*ssa.Phi); ok && !isHeader(phi.Block(), l) {
				return slices.ContainsFunc(phi.Edges, visit)
			}
			return false
		}
		return slices.ContainsFunc(v.Edges, visit)
	case *ssa.UnOp:
		if v.Op != token.MUL || !isFlagAddr(v.X) {
			return false
		}
		outer := l
		for outer.Parent != nil {
			outer = outer.Parent
		}
		id := connid.Of(v.X)
		for _, st := range x.stores(outer) {
			if connid.Of(st.Addr) == id && errorish(st.Val) {
				return true
			}
		}
	}
	return false
}

// countedSteps returns the steps of the counter that ifInstr compares, if
// it is a counted exit.
func (x *exits) countedSteps(ifInstr *ssa.If, l *loops.Loop) []ssa.Instruction {
	cmp, ok := ifInstr.Cond.(*ssa.BinOp)
	if !ok {
		return nil
	}
	switch cmp.Op {
	case token.LSS, token.LEQ, token.GTR, token.GEQ, token.EQL, token.NEQ:
	default:
		return nil
	}
	return append(x.counterSteps(cmp.X, l), x.counterSteps(cmp.Y, l)...)
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

// counterSteps returns the instructions that step v, if v is a counter of
// l or of a loop around it: a φ at a loop header whose value comes around
// stepped by a constant (i = i ± c, perhaps merged with other values, as
// in `if err != nil { n++ } else { n = 0 }`), a step of such a φ, a φ
// that merges such steps, a load of a location (a field, a package
// variable) that the loop steps, or an atomic Add of a constant.
func (x *exits) counterSteps(v ssa.Value, l *loops.Loop) []ssa.Instruction {
	switch v := v.(type) {
	case *ssa.BinOp:
		if phi := stepsPhi(v); phi != nil && len(headerSteps(phi, l)) > 0 {
			return []ssa.Instruction{v}
		}
	case *ssa.UnOp:
		if v.Op == token.MUL && isFlagAddr(v.X) {
			return x.locationSteps(v.X, l)
		}
	case *ssa.Call:
		if name, addr := atomicOp(&v.Call); addr != nil && strings.HasPrefix(name, "Add") && len(v.Call.Args) == 2 && nonZeroInt(v.Call.Args[1]) {
			return []ssa.Instruction{v}
		}
	case *ssa.Phi:
		if steps := headerSteps(v, l); len(steps) > 0 {
			return steps
		}
		var steps []ssa.Instruction
		for _, e := range v.Edges {
			if step, ok := e.(*ssa.BinOp); ok {
				if phi := stepsPhi(step); phi != nil && len(headerSteps(phi, l)) > 0 {
					steps = append(steps, step)
				}
			}
		}
		return steps
	}
	return nil
}

// headerSteps returns the steps of phi, if it is at the header of l or of
// a loop around it and comes around stepped: an edge that is a step of
// phi, or a φ (not a header) that merges one.
func headerSteps(phi *ssa.Phi, l *loops.Loop) []ssa.Instruction {
	if !isHeader(phi.Block(), l) {
		return nil
	}
	var steps []ssa.Instruction
	seen := make(map[ssa.Value]bool)
	var visit func(v ssa.Value)
	visit = func(v ssa.Value) {
		if seen[v] {
			return
		}
		seen[v] = true
		switch v := v.(type) {
		case *ssa.BinOp:
			if stepsPhi(v) == phi {
				steps = append(steps, v)
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
	return steps
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

// stepsPhi returns the φ that b steps by a non-zero constant (φ + c,
// φ - c, c + φ), or nil.
func stepsPhi(b *ssa.BinOp) *ssa.Phi {
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

// locationSteps returns the stores of the outermost loop around l that
// store to addr its own value stepped by a constant (c.retries++).
func (x *exits) locationSteps(addr ssa.Value, l *loops.Loop) []ssa.Instruction {
	for l.Parent != nil {
		l = l.Parent
	}
	key := locKey{l, connid.Of(addr)}
	if steps, ok := x.stepped[key]; ok {
		return steps
	}
	var steps []ssa.Instruction
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
			steps = append(steps, st)
		}
	}
	x.stepped[key] = steps
	return steps
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
