package connleak

import (
	"fmt"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/wsvet/wsvet/passes/internal/connid"
	"github.com/wsvet/wsvet/passes/internal/errstate"
	"github.com/wsvet/wsvet/passes/internal/fixes"
	"github.com/wsvet/wsvet/passes/internal/registry"
	"github.com/wsvet/wsvet/passes/internal/wsapi"
	"github.com/wsvet/wsvet/passes/internal/wsssa"
)

// A broadcast writes to every member of a registry. When a write fails
// the member is dead; if the broadcast neither removes nor closes it,
// and nothing in the package ever removes members of that registry,
// every later broadcast writes to it again.

// broadcasts reports, in fn, writes to registry members whose failure
// is not handled, for registries that nothing removes from.
func (c *checker) broadcasts(fn *ssa.Function) {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(*ssa.Call)
			if !ok {
				continue
			}
			op, ok := c.res.Lookup(&call.Call, wsapi.Write)
			if !ok {
				continue
			}
			member := op.ConnID(&call.Call)
			reg, ok := registry.Member(member.Root)
			if !ok || c.removedSomewhere(reg) || c.writeErrorHandled(call, member, reg) {
				continue
			}
			c.reportBroadcast(call, op.Conn, reg)
		}
	}
}

// removedSomewhere reports whether any function of the package removes
// elements of reg, or a hub deletes from it.
func (c *checker) removedSomewhere(reg string) bool {
	if c.removers == nil {
		c.removers = make(map[string]bool)
		for _, fn := range c.res.SrcFuncs {
			for _, b := range fn.Blocks {
				for _, instr := range b.Instrs {
					if r, ok := c.res.RemovalAt(instr); ok {
						c.removers[r] = true
					}
				}
			}
		}
	}
	return c.removers[reg] || c.res.UnregisterChan(reg) != ""
}

// writeErrorHandled reports whether every path on which the write may
// have failed (its error non-nil or untested) removes or closes the
// member, or hands it to the package's own code (assumed to clean up),
// before the next member or a return.
func (c *checker) writeErrorHandled(write *ssa.Call, member connid.ID, reg string) bool {
	errV := wsssa.ErrValue(write)
	if errV == nil || len(*errV.Referrers()) == 0 {
		return false // the error is dropped
	}
	handled := true
	w := &errstate.Walk{
		Failure:  errstate.Failure{Err: errV},
		NoReturn: c.res.NoReturn,
		Visit: func(instr ssa.Instruction, st errstate.State) bool {
			if !handled || st == errstate.Nil {
				return false // the success path is not our business
			}
			if r, ok := c.res.RemovalAt(instr); ok && r == reg {
				return false
			}
			if ci, ok := instr.(ssa.CallInstruction); ok {
				if op, ok := wsapi.LookupCall(ci.Common()); ok && op.Kind == wsapi.Close {
					return false
				}
				if c.passesMember(ci.Common(), member) {
					return false // h.drop(c): assume it cleans up
				}
			}
			// The next member (a map range's Next, a slice element
			// loaded again) or the end of the broadcast: not handled.
			if v, ok := instr.(ssa.Value); ok && v == member.Root {
				handled = false
			}
			switch instr.(type) {
			case *ssa.Next, *ssa.Return:
				handled = false
			}
			return handled
		},
	}
	w.From(write)
	return handled
}

// passesMember reports whether a call of the package's own code hands
// the member to a function.
func (c *checker) passesMember(call *ssa.CallCommon, member connid.ID) bool {
	fn := call.StaticCallee()
	if fn == nil || fn.Pkg != c.res.Pkg {
		return false
	}
	for _, a := range call.Args {
		if connid.Of(a).Root == member.Root {
			return true
		}
	}
	return false
}

func (c *checker) reportBroadcast(write *ssa.Call, connOperand int, reg string) {
	ce := fixes.CallAt(c.pass, write.Call.Pos())
	if ce == nil {
		return
	}
	d := analysis.Diagnostic{
		Pos: ce.Pos(), End: ce.End(),
		Message: fmt.Sprintf("%s in a broadcast over %s: a failed write neither removes nor closes the member, and nothing else removes members, so dead connections stay and every broadcast writes to them again; delete and close the member when the write fails",
			types.ExprString(ce.Fun), short(reg)),
	}
	if fix := broadcastFix(c.pass, ce, fixes.OperandExpr(c.pass.TypesInfo, ce, connOperand)); fix != nil {
		d.SuggestedFixes = []analysis.SuggestedFix{*fix}
	}
	c.rep.Report(d)
}
