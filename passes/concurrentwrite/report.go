package concurrentwrite

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/wsvet/wsvet/passes/internal/fixes"
)

// report makes one diagnostic per connection written by two goroutines
// at once, at the first write that takes part, with the others as
// related information.
func (c *checker) report() {
	reported := make(map[token.Pos]bool)
	for _, group := range byClass(c.conflicts) {
		a, b := primary(group)
		if reported[pos(a)] {
			continue // the same write, seen from a function and from its type
		}
		reported[pos(a)] = true
		at := c.callSyntax(a)
		if at == nil {
			continue
		}
		what := types.ExprString(at.Fun)
		conn := "the connection"
		if sel, ok := at.Fun.(*ast.SelectorExpr); ok {
			conn = types.ExprString(sel.X)
		}
		if a.call == nil {
			conn = "its connection"
		} else if v := c.directVar(a.call); v != nil {
			conn = v.Name() // the connection under a writer: w := wsutil.NewWriter(conn, ...)
		}
		other := b.via
		if bs := c.callSyntax(b); bs != nil && b.call != nil {
			other = types.ExprString(bs.Fun)
		}
		var msg string
		switch {
		case a.start != nil && a.start == b.start:
			msg = fmt.Sprintf("%s, in a goroutine started in a loop, may run while another goroutine started there writes the same connection", what)
		case a.start == nil:
			msg = fmt.Sprintf("%s may run while the goroutine started %s writes the same connection (%s)", what, c.line(b.start), other)
		case b.start == nil:
			msg = fmt.Sprintf("%s, in the goroutine started %s, may run while %s in %s writes the same connection", what, c.line(a.start), other, b.at.Parent().Name())
		default:
			msg = fmt.Sprintf("%s, in the goroutine started %s, may run while the goroutine started %s writes the same connection (%s)", what, c.line(a.start), c.line(b.start), other)
		}
		d := analysis.Diagnostic{
			Pos: at.Pos(), End: at.End(),
			Message: fmt.Sprintf("%s: %s; guard every write of %s with one mutex", msg, consequence(a.via), conn),
		}
		if b.call != nil && b.call.Pos().IsValid() {
			d.Related = append(d.Related, analysis.RelatedInformation{Pos: c.exprPos(b), Message: "the other write"})
		}
		if b.start != nil && b.start.Pos().IsValid() {
			d.Related = append(d.Related, analysis.RelatedInformation{Pos: b.start.Pos(), Message: "the goroutine that makes it starts here"})
		}
		if fix := c.fix(group); fix != nil {
			d.SuggestedFixes = []analysis.SuggestedFix{*fix}
		}
		c.rep.Report(d)
	}
}

// primary picks the write to report from a group of conflicts on one
// connection, and the write it conflicts with: an unguarded write before
// a guarded one (it is the one to fix), then the first in the file.
func primary(group []conflict) (write, write) {
	a, b := group[0].a, group[0].b
	better := func(x, y write) bool {
		switch {
		case (x.call != nil) != (y.call != nil):
			return x.call != nil
		case len(x.locks) != len(y.locks):
			return len(x.locks) < len(y.locks)
		case (x.start == nil) != (y.start == nil):
			return x.start == nil
		}
		return pos(x) < pos(y)
	}
	for _, cf := range group {
		if better(cf.a, a) {
			a, b = cf.a, cf.b
		}
		if better(cf.b, a) {
			a, b = cf.b, cf.a
		}
	}
	return a, b
}

// consequence says what a concurrent write does in the library of via.
func consequence(via string) string {
	if strings.Contains(via, "wsutil") || strings.HasPrefix(via, "ws.") {
		return "gobwas writes a frame's header and payload separately, so frames written by two goroutines interleave and corrupt the stream"
	}
	return "the connection allows one writer at a time, and gorilla/websocket (and fasthttp/websocket) panics with \"concurrent write to websocket connection\""
}

// line says where a goroutine starts: "at line N".
func (c *checker) line(start ssa.Instruction) string {
	if start == nil || !start.Pos().IsValid() {
		return "elsewhere"
	}
	return fmt.Sprintf("at line %d", c.pass.Fset.Position(start.Pos()).Line)
}

// pos returns the position of the instruction that makes a write.
func pos(w write) token.Pos {
	if w.call != nil {
		return w.call.Pos()
	}
	return w.at.Pos()
}

// exprPos returns the start of a write's call expression.
func (c *checker) exprPos(w write) token.Pos {
	if ce := c.callSyntax(w); ce != nil {
		return ce.Pos()
	}
	return pos(w)
}

// callSyntax returns the call expression of a write: its library call,
// or the call that leads to it.
func (c *checker) callSyntax(w write) *ast.CallExpr {
	var lparen token.Pos
	switch {
	case w.call != nil:
		lparen = w.call.Call.Pos()
	case w.at != nil:
		if ci, ok := w.at.(ssa.CallInstruction); ok {
			lparen = ci.Common().Pos()
		}
	}
	return fixes.CallAt(c.pass, lparen)
}
