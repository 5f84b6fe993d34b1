package pumpleak

import (
	"fmt"
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/wsvet/wsvet/passes/internal/connid"
	"github.com/wsvet/wsvet/passes/internal/fixes"
	"github.com/wsvet/wsvet/passes/internal/goroutines"
)

// A write pump fed by a channel that returns when a write fails,
// without closing the connection, cancelling anything or telling anyone,
// leaves the reader reading a connection nobody writes to any more: the
// reader, and whatever it registered, lives on as long as the peer
// does, and whoever sends to the pump blocks or fills its buffer. (A
// pinger that stops on its failed write harms nobody: nothing waits for
// it.) An errgroup's goroutine that returns the error cancels the
// group's context: it tells the others.

// checkWriter reports a write pump of g that returns on a failed write
// of the owner's connection without a signal on the way.
func (c *checker) checkWriter(g *group, p pumpStart) {
	if p.Kind == goroutines.GroupGo || !c.fed(p.Fn) {
		return
	}
	signals := func(instr ssa.Instruction) bool {
		for _, e := range c.eventsAt(instr, 0) {
			if e.kind != goroutines.RecvChan {
				return true
			}
		}
		return false
	}
	for _, b := range p.Fn.Blocks {
		for _, instr := range b.Instrs {
			if d, ok := instr.(*ssa.Defer); ok && signals(d) {
				return // a deferred close, cancel or signal covers every return
			}
		}
	}
	for _, b := range p.Fn.Blocks {
		br, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		conn, failed, ok := c.writeFails(br.Cond)
		if !ok {
			continue
		}
		if id, ok := p.bind(conn.id); !ok || !g.owner.isConn(connid.Canon(id)) {
			continue
		}
		if call, _, ok := c.writeOf(condErr(br.Cond)); ok && signals(call) {
			continue // a wrapper that closes the connection when its write fails
		}
		if c.returnsSilently(b.Succs[failed], b, signals) {
			c.reportWriter(g, p, conn)
			return
		}
	}
}

// condErr returns the operand of a comparison with nil that is not nil.
func condErr(cond ssa.Value) ssa.Value {
	cmp, ok := cond.(*ssa.BinOp)
	if !ok {
		return nil
	}
	if isNil(cmp.X) {
		return cmp.Y
	}
	return cmp.X
}

// fed reports whether fn takes values from a channel that is neither a
// timer nor a context's Done: it is a pump that something feeds (a
// done channel it only waits on does not count).
func (c *checker) fed(fn *ssa.Function) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			for v, ch := range receivedValues(instr) {
				if refs := v.Referrers(); refs != nil && len(*refs) > 0 && !goroutines.IsTimeChan(ch) && goroutines.DoneOf(ch) == nil {
					return true
				}
			}
		}
	}
	return false
}

// returnsSilently reports whether a path from b (the branch where a
// write failed, below the If in block from) reaches a return without
// passing a signal, and without going round a loop the write is in.
func (c *checker) returnsSilently(b, from *ssa.BasicBlock, signals func(ssa.Instruction) bool) bool {
	seen := make(map[*ssa.BasicBlock]bool)
	var visit func(b *ssa.BasicBlock) bool
	visit = func(b *ssa.BasicBlock) bool {
		if seen[b] || b.Dominates(from) {
			return false
		}
		seen[b] = true
		for _, instr := range b.Instrs {
			if signals(instr) {
				return false
			}
			switch in := instr.(type) {
			case *ssa.Return:
				return true
			case *ssa.Panic:
				return false
			case *ssa.Call:
				if c.res.NoReturn(&in.Call) {
					return false
				}
			}
		}
		for _, s := range b.Succs {
			if visit(s) {
				return true
			}
		}
		return false
	}
	return visit(b)
}

func (c *checker) reportWriter(g *group, p pumpStart, conn connAt) {
	call, ok := nodeAt(c, conn.pos, func(e *ast.CallExpr) bool { return e.Lparen == conn.pos })
	if !ok || c.reported[call.Pos()] {
		return
	}
	c.reported[call.Pos()] = true
	connName := "the connection"
	if s, _, ok := c.render(conn.id, call.Pos()); ok {
		connName = s
	} else if e := c.connExpr(call); e != nil {
		connName = types.ExprString(e)
	}
	name := "the goroutine that " + g.S.Name() + " starts"
	if p.via != nil {
		name = "the goroutine that " + p.via.Name() + " starts"
	}
	if p.Fn.Parent() == nil {
		name = p.Fn.Name()
	}
	then := "the reader and what it registered live on, and nothing writes to the peer any more"
	if ch := c.blockedSend(g, p); ch != "" {
		then = "the reader then blocks forever on its next send to " + ch
	}
	d := analysis.Diagnostic{
		Pos: call.Pos(), End: call.End(),
		Message: fmt.Sprintf("%s returns when this write to %s fails, without closing %s or telling the read loop in %s: %s; close %s when the goroutine returns",
			name, connName, connName, g.ownerName(), then, connName),
		Related: c.related(g, p.at.Pos(), "the goroutine starts here"),
	}
	if fix, text := c.writerFix(p, conn); fix != nil {
		d.Message += " (" + text + ")"
		d.SuggestedFixes = []analysis.SuggestedFix{*fix}
	}
	c.rep.Report(d)
}

// blockedSend returns the source of an unbuffered channel the pump
// receives from and the owner sends on, or "".
func (c *checker) blockedSend(g *group, p pumpStart) string {
	recv := make(map[connid.ID]bool)
	for _, b := range p.Fn.Blocks {
		for _, instr := range b.Instrs {
			for _, e := range goroutines.Ends(instr) {
				if id, ok := p.bind(e.ID); e.Kind == goroutines.RecvChan && ok {
					recv[connid.Canon(id)] = true
				}
			}
		}
	}
	for _, b := range g.owner.fn.Blocks {
		for _, instr := range b.Instrs {
			send, ok := instr.(*ssa.Send)
			if !ok {
				continue
			}
			if id, ok := g.owner.bind(connid.Of(send.Chan)); ok && recv[connid.Canon(id)] && unbuffered(connid.Canon(id)) {
				if s, ok := nodeAt(c, send.Pos(), func(s *ast.SendStmt) bool { return s.Arrow == send.Pos() }); ok {
					return types.ExprString(s.Chan)
				}
			}
		}
	}
	return ""
}

// writerFix inserts a deferred close of the connection first thing in
// the pump.
func (c *checker) writerFix(p pumpStart, conn connAt) (*analysis.SuggestedFix, string) {
	at, first, ok := c.top(p.Fn)
	if !ok {
		return nil, ""
	}
	expr, typ, ok := c.render(conn.id, first)
	if !ok {
		return nil, ""
	}
	m := closeMethod(typ, c.pass.Pkg)
	if m == "" {
		return nil, ""
	}
	text := "defer " + expr + "." + m + "()"
	return &analysis.SuggestedFix{
		Message:   "Close " + expr + " when the writer returns",
		TextEdits: []analysis.TextEdit{{Pos: at, End: at, NewText: []byte("\n" + fixes.Indent(c.pass, first) + text)}},
	}, text
}
