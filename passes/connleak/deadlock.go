package connleak

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ssa"

	"github.com/wsvet/wsvet/passes/internal/fixes"
	"github.com/wsvet/wsvet/passes/internal/registry"
)

// A hub goroutine that finds a dead client in its broadcast and sends
// it on its own unregister channel deadlocks when that channel is
// unbuffered and the hub is its only receiver: the send waits for a
// receive that only the sender itself could make.
//
//	case msg := <-h.broadcast:
//		for c := range h.clients {
//			if err := c.conn.WriteMessage(websocket.TextMessage, msg); err != nil {
//				h.unregister <- c // blocks run() forever
//			}
//		}
//
// The removal never runs, and neither does anything else the hub does.
// The check reports a send on a channel that the sending function (or
// the function that calls it, not in a new goroutine) receives from, when
// no other function of the package receives from it and every channel
// the package makes for it is unbuffered. A buffered channel (it may
// still fill up when many clients fail at once, which this check does
// not count), a send from another goroutine (`go func() { h.unregister
// <- c }()`) and a send in a select with other cases are silent.
//
// The fix does the removal in place: the body of the hub's unregister
// case, with the received variable renamed to the value sent, when that
// body declares nothing at its top level and neither returns nor breaks.

// selfSends reports the sends in fn on a channel whose only receiver is
// the goroutine running fn.
func (c *checker) selfSends(fn *ssa.Function) {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			send, ok := instr.(*ssa.Send)
			if !ok {
				continue
			}
			ch, ok := registry.Of(send.Chan)
			if !ok {
				continue
			}
			recv := c.receiver(ch)
			if recv == nil || !c.unbuffered(ch) || !c.sameGoroutine(fn, recv) {
				continue
			}
			c.reportSelfSend(send, ch, recv)
		}
	}
}

// receiver returns the one function of the package that receives from
// channel ch, or nil (none, or several).
func (c *checker) receiver(ch string) *ssa.Function {
	if c.receivers == nil {
		c.receivers = make(map[string][]*ssa.Function)
		for _, fn := range c.res.SrcFuncs {
			seen := make(map[string]bool)
			for _, b := range fn.Blocks {
				for _, instr := range b.Instrs {
					for _, v := range received(instr) {
						if key, ok := registry.Of(v); ok && !seen[key] {
							seen[key] = true
							c.receivers[key] = append(c.receivers[key], fn)
						}
					}
				}
			}
		}
	}
	if fns := c.receivers[ch]; len(fns) == 1 {
		return fns[0]
	}
	return nil
}

// received returns the channels instr receives from.
func received(instr ssa.Instruction) []ssa.Value {
	switch in := instr.(type) {
	case *ssa.UnOp:
		if in.Op == token.ARROW {
			return []ssa.Value{in.X}
		}
	case *ssa.Select:
		var out []ssa.Value
		for _, st := range in.States {
			if st.Dir == types.RecvOnly {
				out = append(out, st.Chan)
			}
		}
		return out
	case *ssa.Range:
		if _, ok := in.X.Type().Underlying().(*types.Chan); ok {
			return []ssa.Value{in.X}
		}
	}
	return nil
}

// unbuffered reports whether the package makes channel ch, and every
// channel it stores there has no buffer.
func (c *checker) unbuffered(ch string) bool {
	made := false
	for _, fn := range c.res.SrcFuncs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				st, ok := instr.(*ssa.Store)
				if !ok {
					continue
				}
				if key, ok := registry.Of(st.Addr); !ok || key != ch {
					continue
				}
				mc, ok := st.Val.(*ssa.MakeChan)
				if !ok {
					return false // a channel made elsewhere: its size is unknown
				}
				if k, ok := mc.Size.(*ssa.Const); !ok || k.Int64() != 0 {
					return false
				}
				made = true
			}
		}
	}
	return made
}

// sameGoroutine reports whether fn runs in the goroutine of recv: it is
// recv, or recv calls it (not with go).
func (c *checker) sameGoroutine(fn, recv *ssa.Function) bool {
	if fn == recv {
		return true
	}
	for _, b := range recv.Blocks {
		for _, instr := range b.Instrs {
			if call, ok := instr.(*ssa.Call); ok && call.Call.StaticCallee() == fn {
				return true
			}
		}
	}
	return false
}

func (c *checker) reportSelfSend(send *ssa.Send, ch string, recv *ssa.Function) {
	pos := send.Pos()
	path := fixes.Path(c.pass, pos, pos)
	stmt, ok := fixes.EnclosingStmt(path).(*ast.SendStmt)
	if !ok {
		return
	}
	d := analysis.Diagnostic{
		Pos: stmt.Pos(), End: stmt.End(),
		Message: fmt.Sprintf("%s blocks forever: %s is unbuffered and %s, which sends it, is its only receiver, so the hub deadlocks and the dead client is never removed; remove it here instead",
			types.ExprString(stmt.Chan)+" <- "+types.ExprString(stmt.Value), short(ch), recv.Name()),
	}
	if fix := c.inlineRemoval(stmt, ch, recv); fix != nil {
		d.SuggestedFixes = []analysis.SuggestedFix{*fix}
	}
	c.rep.Report(d)
}

// inlineRemoval replaces the send with the body of the receiver's case
// for the channel, the received variable renamed to the value sent.
func (c *checker) inlineRemoval(send *ast.SendStmt, ch string, recv *ssa.Function) *analysis.SuggestedFix {
	if _, ok := fixes.Parent(c.pass, send).(*ast.BlockStmt); !ok {
		return nil
	}
	clause, rv := c.recvClause(recv, ch)
	if clause == nil || len(clause.Body) == 0 || !inlinable(clause.Body) {
		return nil
	}
	tf := c.pass.Fset.File(clause.Pos())
	src, err := c.pass.ReadFile(tf.Name())
	if err != nil {
		return nil
	}
	start, end := clause.Body[0].Pos(), clause.Body[len(clause.Body)-1].End()
	// The body's text, with every use of the received variable replaced
	// by the value sent.
	var renames []*ast.Ident
	for _, st := range clause.Body {
		ast.Inspect(st, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && rv != nil && c.pass.TypesInfo.Uses[id] == rv {
				renames = append(renames, id)
			}
			return true
		})
	}
	value := types.ExprString(send.Value)
	var text []byte
	at := start
	for _, id := range renames {
		text = append(text, src[tf.Offset(at):tf.Offset(id.Pos())]...)
		text = append(text, value...)
		at = id.End()
	}
	text = append(text, src[tf.Offset(at):tf.Offset(end)]...)
	body := reindent(string(text), fixes.Indent(c.pass, clause.Body[0].Pos()), fixes.Indent(c.pass, send.Pos()))
	return &analysis.SuggestedFix{
		Message:   "Remove the client here instead of sending it to the hub itself",
		TextEdits: []analysis.TextEdit{{Pos: send.Pos(), End: send.End(), NewText: []byte(body)}},
	}
}

// recvClause returns the select case of fn that receives from ch, and
// the variable it receives into.
func (c *checker) recvClause(fn *ssa.Function, ch string) (*ast.CommClause, types.Object) {
	syntax := fn.Syntax()
	if syntax == nil {
		return nil, nil
	}
	var clause *ast.CommClause
	var rv types.Object
	ast.Inspect(syntax, func(n ast.Node) bool {
		cc, ok := n.(*ast.CommClause)
		if !ok || clause != nil {
			return clause == nil
		}
		var lhs, rhs ast.Expr
		switch comm := cc.Comm.(type) {
		case *ast.AssignStmt:
			if len(comm.Rhs) == 1 && len(comm.Lhs) >= 1 {
				lhs, rhs = comm.Lhs[0], comm.Rhs[0]
			}
		case *ast.ExprStmt:
			rhs = comm.X
		}
		u, ok := astutil.Unparen(rhs).(*ast.UnaryExpr)
		if !ok || u.Op != token.ARROW || !c.isChan(u.X, ch) {
			return true
		}
		clause = cc
		if id, ok := lhs.(*ast.Ident); ok {
			rv = c.pass.TypesInfo.ObjectOf(id)
		}
		return false
	})
	return clause, rv
}

// isChan reports whether e is channel ch (h.unregister).
func (c *checker) isChan(e ast.Expr, ch string) bool {
	sel, ok := astutil.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	s, ok := c.pass.TypesInfo.Selections[sel]
	if !ok || s.Kind() != types.FieldVal || len(s.Index()) != 1 {
		return false // (a promoted field: rare for a hub's channel)
	}
	key, ok := registry.FieldKey(s.Recv(), s.Index()[0])
	return ok && key == ch
}

// inlinable reports whether statements can move into another block and
// mean the same: they declare nothing at their top level and do not
// return, break, continue or goto.
func inlinable(list []ast.Stmt) bool {
	for _, st := range list {
		switch st := st.(type) {
		case *ast.DeclStmt, *ast.LabeledStmt:
			return false
		case *ast.AssignStmt:
			if st.Tok == token.DEFINE {
				return false
			}
		}
		ok := true
		ast.Inspect(st, func(n ast.Node) bool {
			switch n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ReturnStmt, *ast.BranchStmt:
				ok = false
			}
			return ok
		})
		if !ok {
			return false
		}
	}
	return true
}

// reindent moves text from indentation from to indentation to: its
// first line starts at the insertion point, the others are re-indented.
func reindent(text, from, to string) string {
	lines := strings.Split(text, "\n")
	for i := 1; i < len(lines); i++ {
		if rest, ok := strings.CutPrefix(lines[i], from); ok {
			lines[i] = to + rest
		}
	}
	return strings.Join(lines, "\n")
}
