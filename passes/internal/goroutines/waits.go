package goroutines

import (
	"go/token"

	"golang.org/x/tools/go/ssa"

	"github.com/wsvet/wsvet/passes/internal/connid"
)

// What orders it, beyond the instructions of one function: a goroutine
// ends by closing channels and marking WaitGroups done (EndIDs), and
// another waits for it by receiving from such a channel or calling Wait
// on such a group, itself or through a function that always does
// (Waits, WaitedOnReturn: sender.WaitToStop() with <-s.stopped inside).
// Channels and groups are one kind of identity here: a receive from a
// WaitGroup cannot type-check, nor a Wait on a channel.

// EndIDs returns what lets go of whoever waits for the goroutine of s,
// in the starter's terms: its group (the receiver of Go, or the
// WaitGroup it marks done) and the channels it closes on exit.
func (s Start) EndIDs() []connid.ID {
	var out []connid.ID
	if s.Group != nil {
		out = append(out, connid.Of(s.Group))
	} else if s.Fn != nil {
		if id, ok := s.doneOf(); ok {
			out = append(out, id)
		}
	}
	if s.Fn != nil {
		for _, id := range ClosedOnExit(s.Fn) {
			if b, ok := s.Bind(id); ok {
				out = append(out, b)
			}
		}
	}
	return out
}

// Waits returns what instr waits for itself: the channel it receives
// from (not in a select: one of several cases may fire), or the group
// whose Wait it calls.
func Waits(instr ssa.Instruction) []connid.ID {
	switch in := instr.(type) {
	case *ssa.UnOp:
		if in.Op == token.ARROW {
			return []connid.ID{connid.Of(in.X)}
		}
	case *ssa.Call:
		if isWait(&in.Call) && len(in.Call.Args) > 0 {
			return []connid.ID{connid.Of(in.Call.Args[0])}
		}
	}
	return nil
}

// WaitedOnReturn returns what fn waits for on every path to a return,
// rooted at its parameters or free variables: a WaitToStop helper.
func WaitedOnReturn(fn *ssa.Function) []connid.ID {
	var out []connid.ID
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			for _, id := range Waits(instr) {
				switch id.Root.(type) {
				case *ssa.Parameter, *ssa.FreeVar:
				default:
					continue
				}
				if onEveryReturn(fn, instr) {
					out = append(out, id)
				}
			}
		}
	}
	return out
}
