package readloop

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// A read loop may leave through a signal rather than a branch: the
// error path closes a done channel or cancels a context, and the loop
// selects on it (or receives from it) before reading again. The
// analyzer cannot tell which channel the select waits on, so when the
// loop waits on any channel, an error path that closes one or cancels
// a context counts as leaving: a missed spin costs less than a false
// alarm.

// loopWaitsForSignal reports whether the read's loop contains a select
// or a channel receive.
func loopWaitsForSignal(r *read) bool {
	for b := range r.loop.Body {
		for _, instr := range b.Instrs {
			switch instr := instr.(type) {
			case *ssa.Select:
				return true
			case *ssa.UnOp:
				if instr.Op == token.ARROW {
					return true
				}
			}
		}
	}
	return false
}

// signalsStop reports whether instr closes a channel or cancels a
// context, directly or through a function of the package (one that
// calls close, perhaps inside a sync.Once closure).
func signalsStop(instr ssa.Instruction) bool {
	call, ok := instr.(*ssa.Call)
	return ok && closesChannel(&call.Call, 2)
}

func closesChannel(call *ssa.CallCommon, depth int) bool {
	if b, ok := call.Value.(*ssa.Builtin); ok {
		return b.Name() == "close"
	}
	if isCancelFunc(call.Value.Type()) {
		return true
	}
	fn := call.StaticCallee()
	if fn == nil || depth == 0 {
		return false
	}
	var visit func(f *ssa.Function) bool
	visit = func(f *ssa.Function) bool {
		for _, b := range f.Blocks {
			for _, in := range b.Instrs {
				if c, ok := in.(ssa.CallInstruction); ok && closesChannel(c.Common(), depth-1) {
					return true
				}
			}
		}
		for _, anon := range f.AnonFuncs {
			if visit(anon) {
				return true
			}
		}
		return false
	}
	return visit(fn)
}

func isCancelFunc(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil || n.Obj().Pkg().Path() != "context" {
		return false
	}
	switch n.Obj().Name() {
	case "CancelFunc", "CancelCauseFunc":
		return true
	}
	return false
}
