package readloop

import (
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/wsvet/wsvet/passes/internal/connid"
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

// A loop may also leave through a flag that outlives one iteration: the
// error path sets a field or a package variable (plain, or a sync/atomic
// value), directly or through a function of the package (c.shutdown()
// setting c.closed), that a condition of the loop tests on its way out.
//
//	for !c.closed {
//		_, msg, err := c.conn.ReadMessage()
//		if err != nil {
//			c.closed = true
//			continue
//		}
//	}
//
// A local flag is a φ, which the error-state walk follows by value.
// Flags are compared as connid identities: the same field path below the
// same value, or the same package variable.

// flagExits returns the flags of the read's loop: the locations (a field,
// a package variable) whose value decides a branch that leaves the loop
// and every loop around it.
func flagExits(r *read) []connid.ID {
	outer := r.loop
	for outer.Parent != nil {
		outer = outer.Parent
	}
	var flags []connid.ID
	for b := range outer.Body {
		ifInstr, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
		if !ok || leaves(r.loop, b.Succs[0]) == leaves(r.loop, b.Succs[1]) {
			continue
		}
		cond := ifInstr.Cond
		if cmp, ok := cond.(*ssa.BinOp); ok && (cmp.Op == token.EQL || cmp.Op == token.NEQ) {
			if _, ok := cmp.Y.(*ssa.Const); ok {
				cond = cmp.X
			} else if _, ok := cmp.X.(*ssa.Const); ok {
				cond = cmp.Y
			}
		}
		if addr := flagRead(cond); addr != nil {
			flags = append(flags, connid.Of(addr))
		}
	}
	return flags
}

// flagRead returns the location that v loads, if v is a load of a field
// or a package variable, or an atomic load of one.
func flagRead(v ssa.Value) ssa.Value {
	switch v := v.(type) {
	case *ssa.UnOp:
		if v.Op == token.MUL && isFlagAddr(v.X) {
			return v.X
		}
	case *ssa.Call:
		if name, addr := atomicOp(&v.Call); addr != nil && strings.HasPrefix(name, "Load") {
			return addr
		}
	}
	return nil
}

// A flagSetter finds the flags that instructions set, remembering what
// each function of the package sets on its parameters.
type flagSetter struct {
	byFunc map[*ssa.Function][]connid.ID
}

// sets reports whether instr sets one of flags.
func (fs *flagSetter) sets(instr ssa.Instruction, flags []connid.ID) bool {
	for _, id := range fs.set(instr, 2) {
		for _, f := range flags {
			if id == f {
				return true
			}
		}
	}
	return false
}

// set returns the flags instr sets, as identities in its function: a
// store of a constant, an atomic store, swap, compare-and-swap or add, or
// a call to a function of the package that sets a flag below one of its
// parameters or a package variable (depth bounds the calls followed).
func (fs *flagSetter) set(instr ssa.Instruction, depth int) []connid.ID {
	switch instr := instr.(type) {
	case *ssa.Store:
		if _, ok := instr.Val.(*ssa.Const); ok && isFlagAddr(instr.Addr) {
			return []connid.ID{connid.Of(instr.Addr)}
		}
	case *ssa.Call:
		if name, addr := atomicOp(&instr.Call); addr != nil {
			for _, prefix := range []string{"Store", "Swap", "CompareAndSwap", "Add", "Or", "And"} {
				if strings.HasPrefix(name, prefix) {
					return []connid.ID{connid.Of(addr)}
				}
			}
			return nil
		}
		fn := instr.Call.StaticCallee()
		if fn == nil || fn.Blocks == nil || depth == 0 {
			return nil
		}
		var ids []connid.ID
		for _, id := range fs.setBy(fn, depth-1) {
			if _, ok := id.Root.(*ssa.Global); ok {
				ids = append(ids, id)
				continue
			}
			for i, p := range fn.Params {
				if p == id.Root && i < len(instr.Call.Args) {
					ids = append(ids, connid.Of(instr.Call.Args[i]).Extend(id.Path))
				}
			}
		}
		return ids
	}
	return nil
}

// setBy returns the flags that fn sets below its parameters or in package
// variables.
func (fs *flagSetter) setBy(fn *ssa.Function, depth int) []connid.ID {
	if ids, ok := fs.byFunc[fn]; ok {
		return ids
	}
	if fs.byFunc == nil {
		fs.byFunc = make(map[*ssa.Function][]connid.ID)
	}
	fs.byFunc[fn] = nil // a recursive call sets nothing more
	var ids []connid.ID
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			for _, id := range fs.set(instr, depth) {
				if _, ok := id.Root.(*ssa.Global); ok {
					ids = append(ids, id)
				} else if _, ok := id.Root.(*ssa.Parameter); ok {
					ids = append(ids, id)
				}
			}
		}
	}
	fs.byFunc[fn] = ids
	return ids
}

// atomicOp returns the name of a sync/atomic function or method called
// and the location it works on (the first argument or the receiver), a
// field or a package variable.
func atomicOp(call *ssa.CallCommon) (string, ssa.Value) {
	fn := call.StaticCallee()
	if fn == nil || fn.Pkg == nil || fn.Pkg.Pkg.Path() != "sync/atomic" || len(call.Args) == 0 {
		return "", nil
	}
	if !isFlagAddr(call.Args[0]) {
		return "", nil
	}
	return fn.Name(), call.Args[0]
}

func isFlagAddr(v ssa.Value) bool {
	switch v.(type) {
	case *ssa.FieldAddr, *ssa.Global:
		return true
	}
	return false
}
