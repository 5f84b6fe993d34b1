package pumpleak

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/wsvet/wsvet/passes/internal/fixes"
	"github.com/wsvet/wsvet/passes/internal/wsapi"
)

// startSyntax returns the statement of S that starts the pump: the go
// statement, or the call of the helper that starts it.
func (c *checker) startSyntax(p pumpStart) ast.Stmt {
	pos := p.at.Pos()
	if !pos.IsValid() {
		return nil
	}
	return fixes.EnclosingStmt(fixes.Path(c.pass, pos, pos))
}

// who names the pump in a message.
func who(p pumpStart) string {
	if p.via != nil {
		return "the goroutine that " + p.via.Name() + " starts"
	}
	return "the goroutine started here"
}

// ownerName names where the read loop runs.
func (g *group) ownerName() string {
	if len(g.owner.reads) > 0 {
		return funcName(g.owner.reads[0].loop)
	}
	return funcName(g.owner.fn)
}

// reportLeak reports a pump that the end of the read loop does not let
// go.
func (c *checker) reportLeak(g *group, p pumpStart, f *final) {
	stmt := c.startSyntax(p)
	if stmt == nil || c.reported[stmt.Pos()] {
		return
	}
	c.reported[stmt.Pos()] = true
	pick := headline(f.reqs)
	name := c.nameAt(pick, f.where[pick])
	if raw, ok := f.raw[pick]; ok {
		if s, _, ok := c.render(raw, stmt.Pos()); ok {
			name = s // in the terms of the go statement
		}
	}
	waits := c.waits(pick, f, name)
	fix, advice := c.pumpFix(g, p, f, stmt)
	if advice == "" {
		advice = genericAdvice(pick, name)
	}
	d := analysis.Diagnostic{
		Pos: stmt.Pos(), End: stmt.End(),
		Message: fmt.Sprintf("%s %s when the read loop in %s ends: it leaks once per client; %s",
			who(p), waits, g.ownerName(), advice),
		Related: c.related(g, f.where[pick], "where the goroutine waits"),
	}
	if fix != nil {
		d.SuggestedFixes = []analysis.SuggestedFix{*fix}
	}
	c.rep.Report(d)
}

// reportNever reports a pump without a way out.
func (c *checker) reportNever(g *group, p pumpStart) {
	stmt := c.startSyntax(p)
	if stmt == nil || c.reported[stmt.Pos()] {
		return
	}
	c.reported[stmt.Pos()] = true
	c.rep.Report(analysis.Diagnostic{
		Pos: stmt.Pos(), End: stmt.End(),
		Message: fmt.Sprintf("%s never returns, and so outlives the read loop in %s: it leaks once per client; return when its write fails, or select on a channel that the read loop closes",
			who(p), g.ownerName()),
		Related: c.related(g, token.NoPos, ""),
	})
}

func (c *checker) related(g *group, wait token.Pos, msg string) []analysis.RelatedInformation {
	var out []analysis.RelatedInformation
	if len(g.owner.reads) > 0 && g.owner.reads[0].pos.IsValid() {
		out = append(out, analysis.RelatedInformation{Pos: g.owner.reads[0].pos, Message: "the read loop"})
	}
	if wait.IsValid() {
		out = append(out, analysis.RelatedInformation{Pos: wait, Message: msg})
	}
	return out
}

// headline picks the way out a message names: a single trigger, by
// preference a channel's close, a context's cancel, a receive, the
// connection's close, a send.
func headline(reqs [][]trigger) trigger {
	rank := map[trigKind]int{tClose: 0, tCancel: 1, tRecv: 2, tConnDead: 3, tSend: 4}
	var best trigger
	found := false
	for _, r := range reqs {
		if len(r) != 1 {
			continue
		}
		if !found || rank[r[0].kind] < rank[best.kind] {
			best, found = r[0], true
		}
	}
	if !found {
		best = reqs[0][0]
		for _, r := range reqs {
			for _, t := range r {
				if rank[t.kind] < rank[best.kind] {
					best = t
				}
			}
		}
	}
	return best
}

// waits says what the pump waits for (named name) and that nothing
// does it.
func (c *checker) waits(t trigger, f *final, name string) string {
	pos := f.where[t]
	switch t.kind {
	case tClose, tSend:
		verb := "waits on"
		if _, ok := nodeAt(c, pos, func(r *ast.RangeStmt) bool { return r.For == pos }); ok {
			verb = "ranges over"
		}
		what := "closes"
		if t.kind == tSend {
			what = "sends on"
		} else if hasSingle(f.reqs, trigger{tSend, t.id}) {
			what = "closes or sends on"
		}
		return fmt.Sprintf("%s %s, which nothing %s", verb, name, what)
	case tCancel:
		return fmt.Sprintf("waits for %s to be cancelled, which nothing cancels", name)
	case tRecv:
		return fmt.Sprintf("blocks sending on %s, which nothing receives from", name)
	case tConnDead:
		return fmt.Sprintf("returns only when a write to %s fails, and nothing closes %s", name, name)
	}
	return "waits"
}

func hasSingle(reqs [][]trigger, t trigger) bool {
	for _, r := range reqs {
		if len(r) == 1 && r[0] == t {
			return true
		}
	}
	return false
}

// nameAt returns the source of what the pump waits on at pos: the
// channel of a range, receive or send, the context of ctx.Done(), the
// connection of a write.
func (c *checker) nameAt(t trigger, pos token.Pos) string {
	if !pos.IsValid() {
		return "its channel"
	}
	if r, ok := nodeAt(c, pos, func(r *ast.RangeStmt) bool { return r.For == pos }); ok {
		return types.ExprString(r.X)
	}
	if u, ok := nodeAt(c, pos, func(u *ast.UnaryExpr) bool { return u.OpPos == pos && u.Op == token.ARROW }); ok {
		if t.kind == tCancel {
			if call, ok := u.X.(*ast.CallExpr); ok {
				if sel, ok := call.Fun.(*ast.SelectorExpr); ok {
					return types.ExprString(sel.X)
				}
			}
		}
		return types.ExprString(u.X)
	}
	if s, ok := nodeAt(c, pos, func(s *ast.SendStmt) bool { return s.Arrow == pos }); ok {
		return types.ExprString(s.Chan)
	}
	if call, ok := nodeAt(c, pos, func(e *ast.CallExpr) bool { return e.Lparen == pos }); ok {
		if e := c.connExpr(call); e != nil {
			return types.ExprString(e)
		}
	}
	return "its channel"
}

// connExpr returns the operand of a library call (or a wrapper's
// receiver) that is the connection.
func (c *checker) connExpr(call *ast.CallExpr) ast.Expr {
	fn, _ := typeutil.Callee(c.pass.TypesInfo, call).(*types.Func)
	if fn == nil {
		return nil
	}
	i := 0
	if op, ok := wsapi.Lookup(fn); ok && op.Conn >= 0 {
		i = op.Conn
	}
	return fixes.OperandExpr(c.pass.TypesInfo, call, i)
}

func genericAdvice(t trigger, name string) string {
	switch t.kind {
	case tClose, tSend:
		return "close " + name + " (or a done channel it selects on) when the read loop ends"
	case tCancel:
		return "cancel " + name + " when the read loop ends"
	case tRecv:
		return "give the send a way out (select on a done channel that the read loop closes) or buffer " + name
	case tConnDead:
		return "close " + name + " when the read loop ends"
	}
	return "tell it to stop when the read loop ends"
}
