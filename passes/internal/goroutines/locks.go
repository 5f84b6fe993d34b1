package goroutines

import (
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/wsvet/wsvet/passes/internal/connid"
)

// A LockSet maps the mutexes held to whether they are held for writing
// (Lock, or Lock of an RWMutex) rather than only for reading (RLock).
type LockSet map[connid.ID]bool

// Excludes reports whether a holder of s and a holder of t cannot run
// at the same time: they hold one mutex, at least one of them for
// writing.
func (s LockSet) Excludes(t LockSet) bool {
	for id, w := range s {
		if tw, ok := t[id]; ok && (w || tw) {
			return true
		}
	}
	return false
}

// Held is the locks held at the instructions of one function: on every
// path to an instruction (Must) and on some path (May). A deferred
// Unlock keeps the lock held until the function returns.
type Held struct {
	must, may map[*ssa.BasicBlock]LockSet // at the entry of each block
}

// Locks computes the locks held in fn.
func Locks(fn *ssa.Function) *Held {
	h := &Held{must: make(map[*ssa.BasicBlock]LockSet), may: make(map[*ssa.BasicBlock]LockSet)}
	if len(fn.Blocks) == 0 {
		return h
	}
	h.must[fn.Blocks[0]], h.may[fn.Blocks[0]] = LockSet{}, LockSet{}
	for changed := true; changed; {
		changed = false
		for _, b := range fn.Blocks {
			must, may := h.must[b], h.may[b]
			if must == nil {
				continue // not reached yet
			}
			outMust, outMay := apply(b.Instrs, nil, must), apply(b.Instrs, nil, may)
			for _, s := range b.Succs {
				if old, ok := h.must[s]; !ok {
					h.must[s], h.may[s] = clone(outMust), clone(outMay)
					changed = true
				} else {
					if meet(old, outMust) {
						changed = true
					}
					if join(h.may[s], outMay) {
						changed = true
					}
				}
			}
		}
	}
	return h
}

// Must returns the locks held on every path to instr.
func (h *Held) Must(instr ssa.Instruction) LockSet {
	return apply(instr.Block().Instrs, instr, h.must[instr.Block()])
}

// May returns the locks held on some path to instr.
func (h *Held) May(instr ssa.Instruction) LockSet {
	return apply(instr.Block().Instrs, instr, h.may[instr.Block()])
}

// apply returns the locks held after instrs (before stop, if it is one
// of them), starting with in.
func apply(instrs []ssa.Instruction, stop ssa.Instruction, in LockSet) LockSet {
	out := clone(in)
	for _, instr := range instrs {
		if instr == stop {
			break
		}
		call, ok := instr.(*ssa.Call)
		if !ok {
			continue
		}
		id, op, ok := lockOp(&call.Call)
		if !ok {
			continue
		}
		switch op {
		case "Lock":
			out[id] = true
		case "RLock":
			if !out[id] {
				out[id] = false
			}
		case "Unlock", "RUnlock":
			delete(out, id)
		}
	}
	return out
}

// lockOp returns the mutex a call locks or unlocks, and how: Lock,
// RLock, Unlock or RUnlock of a sync.Mutex or RWMutex (also through
// sync.Locker).
func lockOp(call *ssa.CallCommon) (connid.ID, string, bool) {
	if call.IsInvoke() {
		if isNamed(call.Value.Type(), "sync", "Locker") {
			return connid.Of(call.Value), call.Method.Name(), true
		}
		return connid.ID{}, "", false
	}
	fn := call.StaticCallee()
	if fn == nil || fn.Signature.Recv() == nil || len(call.Args) == 0 {
		return connid.ID{}, "", false
	}
	recv := fn.Signature.Recv().Type()
	if !isNamed(recv, "sync", "Mutex") && !isNamed(recv, "sync", "RWMutex") {
		return connid.ID{}, "", false
	}
	switch fn.Name() {
	case "Lock", "RLock", "Unlock", "RUnlock":
		return connid.Of(call.Args[0]), fn.Name(), true
	}
	return connid.ID{}, "", false
}

// IsMutex reports whether t is (a pointer to) a sync.Mutex or RWMutex.
func IsMutex(t types.Type) bool { return isNamed(t, "sync", "Mutex") || isNamed(t, "sync", "RWMutex") }

func clone(s LockSet) LockSet {
	out := make(LockSet, len(s))
	for k, v := range s {
		out[k] = v
	}
	return out
}

// meet keeps in dst the locks held in both, and reports a change.
func meet(dst, src LockSet) bool {
	changed := false
	for id, w := range dst {
		sw, ok := src[id]
		switch {
		case !ok:
			delete(dst, id)
			changed = true
		case w && !sw:
			dst[id] = false
			changed = true
		}
	}
	return changed
}

// join adds to dst the locks of src, and reports a change.
func join(dst, src LockSet) bool {
	changed := false
	for id, w := range src {
		if dw, ok := dst[id]; !ok || (w && !dw) {
			dst[id] = w || dw
			changed = true
		}
	}
	return changed
}
