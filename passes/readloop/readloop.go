package readloop

import (
	_ "embed"
	"fmt"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/wsvet/wsvet/passes/internal/analyzerdoc"
	"github.com/wsvet/wsvet/passes/internal/connid"
	"github.com/wsvet/wsvet/passes/internal/errsite"
	"github.com/wsvet/wsvet/passes/internal/errstate"
	"github.com/wsvet/wsvet/passes/internal/loops"
	"github.com/wsvet/wsvet/passes/internal/suppress"
	"github.com/wsvet/wsvet/passes/internal/wsapi"
	"github.com/wsvet/wsvet/passes/internal/wsssa"
)

//go:embed doc.go
var doc string

var Analyzer = &analysis.Analyzer{
	Name:     "readloop",
	Doc:      analyzerdoc.MustExtract(doc, "readloop"),
	URL:      "https://pkg.go.dev/github.com/wsvet/wsvet/passes/readloop",
	Requires: []*analysis.Analyzer{wsssa.Analyzer},
	Run:      run,
}

func run(pass *analysis.Pass) (any, error) {
	res := pass.ResultOf[wsssa.Analyzer].(*wsssa.Result)
	if res == nil {
		return nil, nil // the package cannot involve WebSockets
	}
	rep := suppress.New(pass)
	fs := new(flagSetter)
	for _, fn := range res.SrcFuncs {
		runFunc(pass, res, fs, rep, fn)
	}
	return nil, nil
}

// A read is one read call inside a loop.
type read struct {
	call *ssa.Call
	op   wsssa.Op
	conn connid.ID
	fail errstate.Failure // what the call tells about its failure
	loop *loops.Loop
}

// verdict is how a read loop mishandles the read's error.
type verdict int

const (
	fine      verdict = iota
	discarded         // the error is never looked at
	hidden            // a helper reads and swallows the error
	spins             // a path with a possibly failed connection reads it again
)

func runFunc(pass *analysis.Pass, res *wsssa.Result, fs *flagSetter, rep *suppress.Reporter, fn *ssa.Function) {
	var forest *loops.Forest
	var x *exits
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(*ssa.Call)
			if !ok {
				continue
			}
			op, ok := res.Lookup(&call.Call, wsapi.Read)
			if !ok {
				continue
			}
			if forest == nil {
				forest, x = loops.Find(fn), newExits(fs)
			}
			loop := forest.Innermost(b)
			if loop == nil {
				continue // a read outside any loop happens once
			}
			r := &read{call: call, op: op, conn: op.ConnID(&call.Call), fail: op.Failure(call), loop: loop}
			if v := check(res, x, r); v != fine {
				report(pass, res, rep, r, v)
			}
		}
	}
}

// exits holds what the reads of one function learn about the ways their
// loops may end other than by a return or break (bound.go, signal.go).
type exits struct {
	fs       *flagSetter // of the package
	ofLoop   map[*loops.Loop]*loopExits
	stepped  map[locKey][]ssa.Instruction
	storesIn map[*loops.Loop][]*ssa.Store
}

// A locKey is a location in a loop.
type locKey struct {
	loop *loops.Loop
	id   connid.ID
}

func newExits(fs *flagSetter) *exits {
	return &exits{
		fs:       fs,
		ofLoop:   make(map[*loops.Loop]*loopExits),
		stepped:  make(map[locKey][]ssa.Instruction),
		storesIn: make(map[*loops.Loop][]*ssa.Store),
	}
}

// Marks a failing path carries (errstate.Walk.Mark): it stepped a
// counter; it passed a counted exit; it found the error changed; it set
// flag i (markFlag << i) to a value on which that flag's exit leaves.
const (
	markStepped errstate.Marks = 1 << iota
	markTested
	markChanged // took the branch where the error is not the one seen before
	markFlag
)

// maxFlags is how many flags of a loop the marks can follow.
const maxFlags = 6

// check decides whether the read's error is handled.
func check(res *wsssa.Result, x *exits, r *read) verdict {
	// Discarded or hidden: a bug only if the same connection is read
	// again (not when each iteration reads another connection).
	bad := spins
	switch {
	case r.op.Hides():
		bad = hidden
	case !r.fail.Used():
		bad = discarded
	}
	if res.Redials(&r.call.Call, r.conn) {
		return fine // a wrapper that reconnects when its read fails
	}
	signals := loopWaitsForSignal(r)
	le := x.of(r.loop)
	v := fine
	var w *errstate.Walk
	w = &errstate.Walk{
		Failure:  r.fail,
		Conn:     r.conn,
		NoReturn: res.NoReturn,
		Replaced: res.Replaces,
		Visit: func(instr ssa.Instruction, st errstate.State) bool {
			if v != fine {
				return false
			}
			if signals && st.MayFail() && signalsStop(instr) {
				return false // the error path tells the loop to stop
			}
			if st.MayFail() && le.flagLeaves(instr, w.Marks()) {
				return false // the error path set a flag this branch leaves on
			}
			if st.MayFail() && le.yieldExit(instr) {
				return false // the error goes to an iterator's consumer
			}
			call, ok := instr.(*ssa.Call)
			if !ok {
				return true
			}
			op, ok := res.Lookup(&call.Call, wsapi.Read)
			if !ok || op.ConnID(&call.Call) != r.conn {
				return true
			}
			// The next read of the connection: from here on it is that
			// read's error that matters.
			if st.MayFail() && !bounded(w.Marks()) {
				v = bad
			}
			return false
		},
		Mark:     func(instr ssa.Instruction, marks errstate.Marks) errstate.Marks { return le.mark(x.fs, instr, marks) },
		MarkEdge: le.markEdge,
	}
	w.From(r.call)
	return v
}

// bounded reports whether a failing path with marks comes back to the
// read a bounded number of times: it passed a counted exit, and stepped
// its counter or found the error changed (which a failed connection
// does once).
func bounded(marks errstate.Marks) bool {
	return marks&markTested != 0 && marks&(markStepped|markChanged) != 0
}

// report describes the read and the fix. The verdict comes from SSA;
// the wording and the fix come from the syntax around the read.
func report(pass *analysis.Pass, res *wsssa.Result, rep *suppress.Reporter, r *read, v verdict) {
	s := errsite.Locate(pass, r.call, r.op)
	if s == nil {
		return // no syntax for this read (generated code without positions)
	}
	note := ""
	switch r.op.Library() {
	case wsapi.Gorilla, wsapi.Fasthttp:
		note = " (" + r.op.Library() + " panics on repeated reads of a failed connection)"
	}
	var msg string
	var fix *analysis.SuggestedFix
	switch {
	case v == hidden:
		msg = fmt.Sprintf("%s reads %s and swallows its error, and the loop calls it again: once %s fails, every call fails at once and the loop spins%s; return the error from %s and leave the loop on it",
			s.CallName, s.ConnName, s.ConnName, note, s.CallName)
		fix = hideFix(pass, res, r, s)
	case v == discarded:
		msg = fmt.Sprintf("the error from %s is discarded: once %s fails the loop reads it again forever%s; check the error and leave the loop", s.CallName, s.ConnName, note)
		fix = s.FixDiscarded()
	case len(s.Continues()) > 0:
		msg = fmt.Sprintf("%s failed and the loop continues: a failed connection never recovers, so the loop spins%s; break or return on the error", s.CallName, note)
		fix = s.FixContinues()
	case s.OpenBranch() != nil:
		msg = fmt.Sprintf("the error branch of %s falls through and the loop reads %s again: a failed connection never recovers, so the loop spins%s; break or return at the end of the branch", s.CallName, s.ConnName, note)
		fix = s.FixOpenBranch()
	case s.LastErrorTest() != nil:
		msg = fmt.Sprintf("only some errors from %s end the loop: the others (other close codes, network errors, a dropped connection) make it spin%s; add a general err != nil exit", s.CallName, note)
		fix = s.FixAfter(s.LastErrorTest())
	default:
		msg = fmt.Sprintf("a failed %s is read again: the loop does not leave on its error and spins once %s is closed%s; break or return when err != nil", s.CallName, s.ConnName, note)
		fix = s.FixAfter(s.Stmt)
	}
	d := analysis.Diagnostic{Pos: s.CallExpr.Pos(), End: s.CallExpr.End(), Message: msg}
	if fix != nil {
		d.SuggestedFixes = []analysis.SuggestedFix{*fix}
	}
	rep.Report(d)
}
