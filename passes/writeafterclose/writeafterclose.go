package writeafterclose

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/wsvet/wsvet/passes/internal/analyzerdoc"
	"github.com/wsvet/wsvet/passes/internal/connid"
	"github.com/wsvet/wsvet/passes/internal/errsite"
	"github.com/wsvet/wsvet/passes/internal/errstate"
	"github.com/wsvet/wsvet/passes/internal/fixes"
	"github.com/wsvet/wsvet/passes/internal/suppress"
	"github.com/wsvet/wsvet/passes/internal/wsapi"
	"github.com/wsvet/wsvet/passes/internal/wsssa"
)

//go:embed doc.go
var doc string

var Analyzer = &analysis.Analyzer{
	Name:     "writeafterclose",
	Doc:      analyzerdoc.MustExtract(doc, "writeafterclose"),
	URL:      "https://pkg.go.dev/github.com/wsvet/wsvet/passes/writeafterclose",
	Requires: []*analysis.Analyzer{wsssa.Analyzer},
	Run:      run,
}

func run(pass *analysis.Pass) (any, error) {
	res := pass.ResultOf[wsssa.Analyzer].(*wsssa.Result)
	if res == nil {
		return nil, nil // the package cannot involve WebSockets
	}
	c := &checker{pass: pass, res: res, rep: suppress.New(pass), seen: make(map[*ssa.Call]bool), failed: make(map[*ssa.Call]bool)}
	for _, fn := range res.SrcFuncs {
		c.runFunc(fn)
	}
	return nil, nil
}

type checker struct {
	pass   *analysis.Pass
	res    *wsssa.Result
	rep    *suppress.Reporter
	seen   map[*ssa.Call]bool // calls already reported
	failed map[*ssa.Call]bool // failing writes whose later write is reported
}

func (c *checker) runFunc(fn *ssa.Function) {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(*ssa.Call)
			if !ok {
				continue
			}
			if op, ok := c.res.Lookup(&call.Call, wsapi.Read); ok {
				c.afterRead(fn, call, op)
			} else if op, ok := c.res.Lookup(&call.Call, wsapi.Write); ok {
				c.afterWrite(call, op)
			} else if op, ok := wsapi.LookupCall(&call.Call); ok && op.Kind == wsapi.Close {
				c.afterClose(call, wsssa.Op{Op: op}.ConnID(&call.Call))
			}
		}
	}
}

// afterRead reports writes to the connection, and broadcasts that
// still include it, on the paths where its read failed.
func (c *checker) afterRead(fn *ssa.Function, read *ssa.Call, op wsssa.Op) {
	fail := op.Failure(read)
	conn := op.ConnID(&read.Call)
	if fail.Err == nil || !conn.Valid() || c.res.Redials(&read.Call, conn) {
		return // (a read wrapper that reconnects when its read fails)
	}
	w := &errstate.Walk{
		Failure:  fail,
		Conn:     conn,
		NoReturn: c.res.NoReturn,
		Replaced: c.res.Replaces,
		Visit: func(instr ssa.Instruction, st errstate.State) bool {
			call, ok := instr.(*ssa.Call)
			if !ok {
				return true
			}
			if rop, ok := c.res.Lookup(&call.Call, wsapi.Read); ok && rop.ConnID(&call.Call) == conn {
				return false // the next read: its own error matters from here
			}
			if !st.Failed() {
				return true
			}
			if wop, ok := c.res.Lookup(&call.Call, wsapi.Write); ok && wop.ConnID(&call.Call) == conn {
				c.reportWrite(call, read, fmt.Sprintf("after %s failed", c.callName(read)))
				return false
			}
			if reg, ok := c.res.Broadcast(&call.Call); ok {
				if removal := c.laterRemoval(fn, call, reg, conn); removal != nil {
					c.reportBroadcast(call, read, removal, reg)
				}
			}
			return true
		},
	}
	w.From(read)
}

// afterWrite reports a write to the connection on a path where an
// earlier write to it failed: the same write retried in a loop, the next
// message of a write pump, or the next write of a sequence whose error
// was only logged. A write that fails breaks the connection (gorilla
// keeps the error and returns it from every later write, coder closes
// the connection), so every later write fails at once.
func (c *checker) afterWrite(write *ssa.Call, op wsssa.Op) {
	fail := op.Failure(write)
	conn := op.ConnID(&write.Call)
	if fail.Err == nil || !conn.Valid() || !op.ConnErr {
		// The error is not looked at, or it may be the encoder's or a
		// wrapper's own: not a detected failure of the connection.
		return
	}
	w := &errstate.Walk{
		Failure:  fail,
		Conn:     conn,
		NoReturn: c.res.NoReturn,
		Replaced: c.res.Replaces,
		Visit: func(instr ssa.Instruction, st errstate.State) bool {
			if c.failed[write] {
				return false // reported once
			}
			if waitsForMore(instr) {
				// A pump that waits for its next message: it does not spin,
				// and when the connection's reader ends it is pumpleak's.
				return false
			}
			call, ok := instr.(*ssa.Call)
			if !ok {
				return true
			}
			if rop, ok := c.res.Lookup(&call.Call, wsapi.Read); ok && rop.ConnID(&call.Call) == conn {
				return false // a read of the connection: its error, which a dead connection gives, takes over
			}
			wop, ok := c.res.Lookup(&call.Call, wsapi.Write)
			if !ok || wop.ConnID(&call.Call) != conn {
				return true
			}
			if st.Failed() {
				c.reportRetry(call, write, op)
			}
			return false // the next write: its own error matters from here
		},
	}
	w.From(write)
}

// waitsForMore reports whether instr blocks for something to arrive: a
// receive from a channel (a range over one included) or a select with no
// default.
func waitsForMore(instr ssa.Instruction) bool {
	switch in := instr.(type) {
	case *ssa.UnOp:
		return in.Op == token.ARROW
	case *ssa.Select:
		return in.Blocking
	}
	return false
}

// reportRetry reports a write after the failed write failed, with the
// fix that leaves (the loop, or the function) when failed fails.
func (c *checker) reportRetry(write, failed *ssa.Call, op wsssa.Op) {
	if c.seen[write] {
		return
	}
	s := errsite.Locate(c.pass, failed, op)
	ce := c.callSyntax(write)
	if s == nil || ce == nil {
		return
	}
	c.seen[write] = true
	c.failed[failed] = true
	leave := "return when the write fails"
	if s.Loop != nil {
		leave = "leave the loop when the write fails"
	}
	var msg string
	if write == failed {
		msg = fmt.Sprintf("%s is called again after it failed: a connection whose write failed is broken, so every later write fails at once (the loop spins on a dead connection); %s",
			types.ExprString(ce.Fun), leave)
	} else {
		msg = fmt.Sprintf("%s writes to %s after %s failed: a connection whose write failed is broken, so this write can only fail; %s",
			types.ExprString(ce.Fun), s.ConnName, s.CallName, leave)
	}
	d := analysis.Diagnostic{Pos: ce.Pos(), End: ce.End(), Message: msg}
	if write != failed {
		d.Related = c.related(failed, "the write failed here")
	}
	var fix *analysis.SuggestedFix
	switch {
	case len(s.Continues()) > 0:
		fix = s.FixContinues()
	case s.OpenBranch() != nil:
		fix = s.FixOpenBranch()
	}
	if fix != nil {
		d.SuggestedFixes = []analysis.SuggestedFix{*fix}
	}
	c.rep.Report(d)
}

// afterClose reports writes to the connection that its Close dominates.
func (c *checker) afterClose(closeCall *ssa.Call, conn connid.ID) {
	if !conn.Valid() {
		return
	}
	w := &errstate.Walk{
		Conn:     conn,
		NoReturn: c.res.NoReturn,
		Replaced: c.res.Replaces,
		Visit: func(instr ssa.Instruction, _ errstate.State) bool {
			call, ok := instr.(*ssa.Call)
			if !ok {
				return true
			}
			wop, ok := c.res.Lookup(&call.Call, wsapi.Write)
			if !ok || wop.ConnID(&call.Call) != conn {
				return true
			}
			if wsssa.Dominates(closeCall, call) {
				c.reportWrite(call, closeCall, fmt.Sprintf("after %s closed it", c.callName(closeCall)))
			}
			return false
		},
	}
	w.From(closeCall)
}

// laterRemoval returns a call that removes the failed connection from
// registry reg after the broadcast: deferred, or reached from it.
func (c *checker) laterRemoval(fn *ssa.Function, broadcast *ssa.Call, reg string, conn connid.ID) ssa.CallInstruction {
	root := conn.Root
	removes := func(call *ssa.CallCommon) bool {
		r, ok := c.res.Removal(call)
		if !ok || r != reg {
			return false
		}
		for _, a := range call.Args {
			if connid.Of(a).Root == root {
				return true
			}
		}
		return false
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if d, ok := instr.(*ssa.Defer); ok && removes(&d.Call) {
				return d
			}
		}
	}
	var found ssa.CallInstruction
	w := &errstate.Walk{
		Conn:     conn,
		NoReturn: c.res.NoReturn,
		Visit: func(instr ssa.Instruction, _ errstate.State) bool {
			if found != nil {
				return false
			}
			if call, ok := instr.(*ssa.Call); ok && removes(&call.Call) {
				found = call
				return false
			}
			return true
		},
	}
	w.From(broadcast)
	return found
}

func (c *checker) callName(call ssa.CallInstruction) string {
	if s := c.callSyntax(call); s != nil {
		return types.ExprString(s.Fun)
	}
	return "the call"
}

// callSyntax returns the call expression of an SSA call.
func (c *checker) callSyntax(call ssa.CallInstruction) *ast.CallExpr {
	return fixes.CallAt(c.pass, call.Common().Pos())
}

func (c *checker) reportWrite(write, evidence ssa.CallInstruction, when string) {
	wc, ok := write.(*ssa.Call)
	if !ok || c.seen[wc] {
		return
	}
	c.seen[wc] = true
	ce := c.callSyntax(write)
	if ce == nil {
		return
	}
	connName := "the connection"
	if op, ok := c.res.Lookup(write.Common(), wsapi.Write); ok {
		if e := fixes.OperandExpr(c.pass.TypesInfo, ce, op.Conn); e != nil {
			connName = types.ExprString(e)
		}
	}
	d := analysis.Diagnostic{
		Pos: ce.Pos(), End: ce.End(),
		Message: fmt.Sprintf("%s writes to %s %s: the connection is closed or broken and the write can only fail; remove it",
			types.ExprString(ce.Fun), connName, when),
		Related: c.related(evidence, "the connection failed or was closed here"),
	}
	if fix := removeWrite(c.pass, ce); fix != nil {
		d.SuggestedFixes = []analysis.SuggestedFix{*fix}
	}
	c.rep.Report(d)
}

func (c *checker) reportBroadcast(broadcast *ssa.Call, read ssa.CallInstruction, removal ssa.CallInstruction, reg string) {
	if c.seen[broadcast] {
		return
	}
	c.seen[broadcast] = true
	ce := c.callSyntax(broadcast)
	if ce == nil {
		return
	}
	d := analysis.Diagnostic{
		Pos: ce.Pos(), End: ce.End(),
		Message: fmt.Sprintf("%s broadcasts to %s while the connection whose %s failed is still in it: the broadcast writes to the dead connection; remove it first",
			types.ExprString(ce.Fun), shortRegistry(reg), c.callName(read)),
		Related: append(c.related(read, "the read failed here"), c.related(removal, "the connection is removed only here")...),
	}
	if fix := moveRemoval(c.pass, ce, removal); fix != nil {
		d.SuggestedFixes = []analysis.SuggestedFix{*fix}
	}
	c.rep.Report(d)
}

func (c *checker) related(call ssa.CallInstruction, msg string) []analysis.RelatedInformation {
	pos := call.Common().Pos()
	if ce := c.callSyntax(call); ce != nil {
		pos = ce.Pos()
	}
	if !pos.IsValid() {
		return nil
	}
	return []analysis.RelatedInformation{{Pos: pos, Message: msg}}
}

// shortRegistry turns "pkg/path.Hub.clients" into "Hub.clients".
func shortRegistry(reg string) string {
	slash := 0
	for i := range reg {
		if reg[i] == '/' {
			slash = i + 1
		}
	}
	short := reg[slash:]
	for i := range short {
		if short[i] == '.' {
			return short[i+1:]
		}
	}
	return short
}
