// Package goroutines is wsvet's model of the goroutines a function
// starts, what they hold, what orders them after the function, and the
// mutexes held at each instruction: the machinery that concurrentwrite
// and pumpleak share (DESIGN.md, "Goroutines and locks").
//
//   - Who runs: Starts lists the goroutines a function starts: go
//     statements (a function, a method value such as go c.writePump(),
//     or a closure), errgroup.Group.Go, sync.WaitGroup.Go and
//     time.AfterFunc.
//   - What it holds: a Start's Bind translates a value of the started
//     function (rooted at its parameters or free variables) to the
//     starter's terms, as connid identities.
//   - What orders it: Start.Concurrent tells which instructions of the
//     starter may run while the goroutine runs: those reachable from the
//     start without passing a Wait of the goroutine's WaitGroup or
//     errgroup, or a receive from a channel it closes before it returns.
//   - What guards a write: Locks computes the mutexes held at each
//     instruction, on every path (must) and on some path (may).
package goroutines

import (
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/wsvet/wsvet/passes/internal/connid"
)

// Kind is how a goroutine is started.
type Kind uint8

const (
	Go          Kind = iota // a go statement
	GroupGo                 // (*errgroup.Group).Go
	WaitGroupGo             // (*sync.WaitGroup).Go
	AfterFunc               // time.AfterFunc
)

// A Start is a place where a function starts a goroutine.
type Start struct {
	Kind  Kind
	Instr ssa.CallInstruction // the *ssa.Go, or the *ssa.Call of Go or AfterFunc
	// Fn is the function the goroutine runs, or nil when it is a func
	// value or an interface method that cannot be resolved.
	Fn *ssa.Function
	// Callee is the value that names Fn: Fn itself or the closure made of
	// it; Args are its arguments (the receiver first).
	Callee ssa.Value
	Args   []ssa.Value
	// Group is the WaitGroup or errgroup.Group whose Wait waits for the
	// goroutine (the receiver of Go), or nil.
	Group ssa.Value
}

// Starts returns the goroutines fn starts, in instruction order.
func Starts(fn *ssa.Function) []Start {
	var out []Start
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if s, ok := startAt(instr); ok {
				out = append(out, s)
			}
		}
	}
	return out
}

// startAt returns the goroutine instr starts, if it starts one.
func startAt(instr ssa.Instruction) (Start, bool) {
	switch in := instr.(type) {
	case *ssa.Go:
		s := Start{Kind: Go, Instr: in, Callee: in.Call.Value, Args: in.Call.Args}
		if !in.Call.IsInvoke() {
			s.Fn = in.Call.StaticCallee()
		}
		return s, true
	case *ssa.Call:
		fn := in.Call.StaticCallee()
		if fn == nil || fn.Pkg == nil || len(in.Call.Args) < 2 {
			return Start{}, false
		}
		var s Start
		switch fn.Pkg.Pkg.Path() + "." + fn.Name() {
		case "golang.org/x/sync/errgroup.Go":
			s = Start{Kind: GroupGo, Group: in.Call.Args[0], Callee: in.Call.Args[1]}
		case "sync.Go":
			if recv := fn.Signature.Recv(); recv == nil || !isNamed(recv.Type(), "sync", "WaitGroup") {
				return Start{}, false
			}
			s = Start{Kind: WaitGroupGo, Group: in.Call.Args[0], Callee: in.Call.Args[1]}
		case "time.AfterFunc":
			s = Start{Kind: AfterFunc, Callee: in.Call.Args[1]}
		default:
			return Start{}, false
		}
		s.Instr = in
		switch f := s.Callee.(type) {
		case *ssa.Function:
			s.Fn = f
		case *ssa.MakeClosure:
			s.Fn, _ = f.Fn.(*ssa.Function)
		}
		return s, true
	}
	return Start{}, false
}

// Bind translates id, rooted at a parameter or free variable of the
// started function, to the starter's terms.
func (s Start) Bind(id connid.ID) (connid.ID, bool) {
	if s.Fn == nil {
		return connid.ID{}, false
	}
	return connid.Bind(s.Callee, s.Fn, s.Args, id)
}

// Concurrent returns a predicate on the instructions of the starter:
// whether one may run while the goroutine runs. It holds for the
// instructions reachable from the start (around loops too: a goroutine
// started in one iteration runs during the next) without passing a
// point after which the goroutine has ended: a Wait of its group, or a
// receive from a channel that it closes on every path to its end.
func (s Start) Concurrent() func(ssa.Instruction) bool {
	ends := s.endPoints()
	start := s.Instr.Block()
	reached := make(map[*ssa.BasicBlock]int) // block -> first instruction index reached
	var visit func(b *ssa.BasicBlock, from int)
	visit = func(b *ssa.BasicBlock, from int) {
		if i, ok := reached[b]; ok && i <= from {
			return
		}
		reached[b] = from
		for _, instr := range b.Instrs[from:] {
			if ends(instr) {
				return
			}
		}
		for _, succ := range b.Succs {
			visit(succ, 0)
		}
	}
	for i, instr := range start.Instrs {
		if instr == s.Instr {
			visit(start, i+1)
		}
	}
	return func(instr ssa.Instruction) bool {
		from, ok := reached[instr.Block()]
		if !ok {
			return false
		}
		for i := from; i < len(instr.Block().Instrs); i++ {
			switch in := instr.Block().Instrs[i]; {
			case in == instr:
				return true
			case ends(in):
				return false
			}
		}
		return false
	}
}

// endPoints returns a predicate on the starter's instructions: whether
// the goroutine has certainly ended once it ran.
func (s Start) endPoints() func(ssa.Instruction) bool {
	ends := s.EndIDs()
	return func(instr ssa.Instruction) bool {
		for _, w := range Waits(instr) {
			for _, e := range ends {
				if w == e {
					return true
				}
			}
		}
		return false
	}
}

// doneOf returns the WaitGroup the started function marks done, in the
// starter's terms.
func (s Start) doneOf() (connid.ID, bool) {
	for _, e := range exitCalls(s.Fn, true) {
		fn := e.call.StaticCallee()
		if fn == nil || fn.Name() != "Done" || len(e.call.Args) == 0 || fn.Signature.Recv() == nil || !isNamed(fn.Signature.Recv().Type(), "sync", "WaitGroup") {
			continue
		}
		if id, ok := e.bind(connid.Of(e.call.Args[0])); ok {
			if id, ok := s.Bind(id); ok {
				return id, true
			}
		}
	}
	return connid.ID{}, false
}

// An exitCall is a call that a function makes (or may make) on its way
// out: itself, or inside a closure it defers (defer func() { ...
// wg.Done() }()), with how to see the closure's values in the
// function's terms.
type exitCall struct {
	instr ssa.Instruction // the instruction of the function: the call, or the defer of the closure
	call  *ssa.CallCommon
	bind  func(connid.ID) (connid.ID, bool)
}

// exitCalls returns the calls of fn and, when deferred is set, those
// inside the closures it defers.
func exitCalls(fn *ssa.Function, deferred bool) []exitCall {
	same := func(id connid.ID) (connid.ID, bool) { return id, true }
	var out []exitCall
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			ci, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			out = append(out, exitCall{instr, ci.Common(), same})
			d, ok := instr.(*ssa.Defer)
			if !ok || !deferred {
				continue
			}
			mc, ok := d.Call.Value.(*ssa.MakeClosure)
			if !ok {
				continue
			}
			closure, _ := mc.Fn.(*ssa.Function)
			if closure == nil {
				continue
			}
			bind := func(id connid.ID) (connid.ID, bool) { return connid.Bind(mc, closure, nil, id) }
			for _, cb := range closure.Blocks {
				for _, in := range cb.Instrs {
					if cci, ok := in.(ssa.CallInstruction); ok {
						out = append(out, exitCall{d, cci.Common(), bind})
					}
				}
			}
		}
	}
	return out
}

// isWait reports whether call is (*sync.WaitGroup).Wait or
// (*errgroup.Group).Wait.
func isWait(call *ssa.CallCommon) bool {
	fn := call.StaticCallee()
	if fn == nil || fn.Name() != "Wait" || fn.Signature.Recv() == nil {
		return false
	}
	t := fn.Signature.Recv().Type()
	return isNamed(t, "sync", "WaitGroup") || isNamed(t, "golang.org/x/sync/errgroup", "Group")
}

// ClosedOnExit returns the channels, rooted at fn's parameters or free
// variables, that fn closes before it returns: by a deferred close
// (also inside a deferred closure), or a close on every path to a
// return.
func ClosedOnExit(fn *ssa.Function) []connid.ID {
	var out []connid.ID
	for _, e := range exitCalls(fn, true) {
		bi, ok := e.call.Value.(*ssa.Builtin)
		if !ok || bi.Name() != "close" || len(e.call.Args) != 1 {
			continue
		}
		id, ok := e.bind(connid.Of(e.call.Args[0]))
		if !ok {
			continue
		}
		switch id.Root.(type) {
		case *ssa.Parameter, *ssa.FreeVar:
		default:
			continue
		}
		if _, deferred := e.instr.(*ssa.Defer); deferred || onEveryReturn(fn, e.instr) {
			out = append(out, id)
		}
	}
	return out
}

// onEveryReturn reports whether every path from fn's entry to a return
// passes instr.
func onEveryReturn(fn *ssa.Function, instr ssa.Instruction) bool {
	seen := make(map[*ssa.BasicBlock]bool)
	var escapes func(b *ssa.BasicBlock) bool
	escapes = func(b *ssa.BasicBlock) bool {
		if seen[b] {
			return false
		}
		seen[b] = true
		for _, in := range b.Instrs {
			if in == instr {
				return false
			}
			if _, ok := in.(*ssa.Return); ok {
				return true
			}
		}
		for _, s := range b.Succs {
			if escapes(s) {
				return true
			}
		}
		return false
	}
	return len(fn.Blocks) > 0 && !escapes(fn.Blocks[0])
}

func isNamed(t types.Type, pkg, name string) bool {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == pkg && n.Obj().Name() == name
}
