package goroutines

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/wsvet/wsvet/passes/internal/connid"
	"github.com/wsvet/wsvet/passes/internal/wsapi"
	"github.com/wsvet/wsvet/passes/internal/wsssa"
)

// What ends it: the instructions by which one goroutine lets another
// one go (closing or sending on a channel it waits on, receiving what it
// sends, calling the cancel func of a context it waits for, closing the
// connection it writes), and the channels a goroutine waits on that
// fire by themselves (timers) or when a context is cancelled.

// EndKind is what an instruction does that can let a blocked goroutine
// go.
type EndKind uint8

const (
	CloseChan EndKind = iota + 1 // close(ch)
	SendChan                     // ch <- v, also as a select case
	RecvChan                     // <-ch, also as a select case
	CallFunc                     // a call of a func value: a context's cancel func, or unknown code
	CloseConn                    // a library Close of a WebSocket connection
)

// An End is one such effect on the value ID (the channel, the func
// value, the connection), in the terms of the function of the
// instruction.
type End struct {
	Kind EndKind
	ID   connid.ID
}

// Ends returns what instr itself does that may let another goroutine
// go. Calls of functions are not looked into: their effects are the
// caller's business (facts, summaries).
func Ends(instr ssa.Instruction) []End {
	switch in := instr.(type) {
	case *ssa.Send:
		return []End{{SendChan, connid.Of(in.Chan)}}
	case *ssa.UnOp:
		if in.Op == token.ARROW {
			return []End{{RecvChan, connid.Of(in.X)}}
		}
	case *ssa.Select:
		var out []End
		for _, st := range in.States {
			k := RecvChan
			if st.Dir == types.SendOnly {
				k = SendChan
			}
			out = append(out, End{k, connid.Of(st.Chan)})
		}
		return out
	case ssa.CallInstruction:
		call := in.Common()
		if b, ok := call.Value.(*ssa.Builtin); ok {
			if b.Name() == "close" && len(call.Args) == 1 {
				return []End{{CloseChan, connid.Of(call.Args[0])}}
			}
			return nil
		}
		if conn := ClosedConn(call); conn != nil {
			return []End{{CloseConn, connid.Of(conn)}}
		}
		if !call.IsInvoke() && call.StaticCallee() == nil {
			return []End{{CallFunc, connid.Of(call.Value)}}
		}
	}
	return nil
}

// ClosedConn returns the connection that call closes with its library's
// Close (or CloseNow), or nil.
func ClosedConn(call *ssa.CallCommon) ssa.Value {
	op, ok := wsapi.LookupCall(call)
	if !ok || op.Kind != wsapi.Close {
		return nil
	}
	return wsssa.Op{Op: op}.ConnOf(call)
}

// IsTimeChan reports whether ch delivers time.Time values: a Ticker's
// or Timer's C, time.After, time.Tick. Such a channel fires by itself
// and is never closed.
func IsTimeChan(ch ssa.Value) bool {
	c, ok := ch.Type().Underlying().(*types.Chan)
	return ok && isNamed(c.Elem(), "time", "Time")
}

// DoneOf returns the context whose Done channel ch is (ctx.Done()),
// or nil.
func DoneOf(ch ssa.Value) ssa.Value {
	call, ok := ch.(*ssa.Call)
	if !ok || !call.Call.IsInvoke() || call.Call.Method.Name() != "Done" || !isNamed(call.Call.Value.Type(), "context", "Context") {
		return nil
	}
	return call.Call.Value
}
