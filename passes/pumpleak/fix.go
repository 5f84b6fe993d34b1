package pumpleak

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/wsvet/wsvet/passes/internal/connid"
	"github.com/wsvet/wsvet/passes/internal/fixes"
	"github.com/wsvet/wsvet/passes/internal/goroutines"
	"github.com/wsvet/wsvet/passes/internal/loops"
	"github.com/wsvet/wsvet/passes/internal/registry"
	"github.com/wsvet/wsvet/passes/internal/wsapi"
)

// pumpFix returns the fix for a pump that the end of the read loop
// does not let go, and the advice that names it: where one channel or
// one context is the pump's only way out, close it (when the owner is
// its only sender) or cancel it when the read loop ends; where the
// pump's only way out is a failed write, close the connection.
func (c *checker) pumpFix(g *group, p pumpStart, f *final, stmt ast.Stmt) (*analysis.SuggestedFix, string) {
	var chans, cancels, conns []trigger
	add := func(list *[]trigger, t trigger) {
		for _, x := range *list {
			if x.id == t.id {
				return
			}
		}
		*list = append(*list, t)
	}
	for _, r := range f.reqs {
		if len(r) != 1 {
			continue
		}
		switch t := r[0]; t.kind {
		case tClose, tSend:
			add(&chans, trigger{tClose, t.id})
		case tCancel:
			add(&cancels, t)
		case tConnDead:
			add(&conns, t)
		}
	}
	switch {
	case len(chans) == 1 && len(cancels) == 0:
		if hasSingle(f.reqs, chans[0]) {
			return c.closeFix(g, p, f, chans[0], stmt)
		}
	case len(chans) == 0 && len(cancels) == 1:
		return c.cancelFix(g, cancels[0], c.nameAt(cancels[0], f.where[cancels[0]]))
	case len(chans) == 0 && len(cancels) == 0 && len(conns) == 1:
		return c.connFix(g, conns[0], stmt)
	}
	return nil, ""
}

// closeFix defers the close of the channel the pump waits on, in the
// owner: after the go statement, or first thing in the goroutine that
// runs the read loop.
func (c *checker) closeFix(g *group, p pumpStart, f *final, t trigger, stmt ast.Stmt) (*analysis.SuggestedFix, string) {
	raw, ok := f.raw[t]
	if !ok || !c.onlySender(g, t.id, raw) {
		return nil, ""
	}
	edit, expr, ok := c.inOwner(g, stmt, raw, func(e string, _ types.Type) string { return "defer close(" + e + ")" })
	if !ok {
		return nil, ""
	}
	return &analysis.SuggestedFix{
		Message:   "Close " + expr + " when the read loop ends",
		TextEdits: []analysis.TextEdit{edit},
	}, fmt.Sprintf("close %s when the read loop ends (defer close(%s))", expr, expr)
}

// connFix defers the close of the connection in the owner.
func (c *checker) connFix(g *group, t trigger, stmt ast.Stmt) (*analysis.SuggestedFix, string) {
	o := g.owner
	for _, r := range o.reads {
		b, ok := o.bind(r.conn)
		if !ok || connid.Canon(b) != t.id {
			continue
		}
		raw := r.conn // the owner's terms
		if o.startIdx < 0 {
			raw = b
		}
		var call string
		edit, expr, ok := c.inOwner(g, stmt, raw, func(e string, typ types.Type) string {
			if m := closeMethod(typ, c.pass.Pkg); m != "" {
				call = e + "." + m + "()"
				return "defer " + call
			}
			return ""
		})
		if !ok {
			return nil, ""
		}
		return &analysis.SuggestedFix{
			Message:   "Close " + expr + " when the read loop ends",
			TextEdits: []analysis.TextEdit{edit},
		}, fmt.Sprintf("close %s when the read loop ends (defer %s)", expr, call)
	}
	return nil, ""
}

// cancelFix defers the cancel func of the context the pump waits for,
// right after the WithCancel, when the owner is the function that made
// it.
func (c *checker) cancelFix(g *group, t trigger, ctxName string) (*analysis.SuggestedFix, string) {
	call, ok := t.id.Root.(*ssa.Call)
	if !ok || g.owner.startIdx >= 0 || call.Parent() != g.S || inLoop(g.S, call) {
		return nil, ""
	}
	as, ok := nodeAt(c, call.Pos(), func(as *ast.AssignStmt) bool {
		if len(as.Lhs) != 2 || len(as.Rhs) != 1 {
			return false
		}
		rhs, ok := as.Rhs[0].(*ast.CallExpr)
		return ok && rhs.Lparen == call.Pos()
	})
	if !ok {
		return nil, ""
	}
	cancel, ok := as.Lhs[1].(*ast.Ident)
	if !ok || cancel.Name == "_" {
		return nil, "" // nothing names the cancel func
	}
	edit, ok := c.insertAfter(as, "defer "+cancel.Name+"()")
	if !ok {
		return nil, ""
	}
	return &analysis.SuggestedFix{
		Message:   "Cancel " + ctxName + " when the read loop ends",
		TextEdits: []analysis.TextEdit{edit},
	}, fmt.Sprintf("cancel %s when the read loop ends (defer %s())", ctxName, cancel.Name)
}

// inOwner builds the edit that inserts the statement text makes of the
// rendered value raw (in S's terms, or the owner's when the owner runs
// in a goroutine of its own): after the pump's start when S owns the
// read loop, at the top of the owner otherwise.
func (c *checker) inOwner(g *group, stmt ast.Stmt, raw connid.ID, text func(string, types.Type) string) (analysis.TextEdit, string, bool) {
	o := g.owner
	if o.startIdx < 0 {
		p := g.starts[0]
		for _, q := range g.starts {
			if q.at.Pos() == stmt.Pos() || fixes.EnclosingStmt(fixes.Path(c.pass, q.at.Pos(), q.at.Pos())) == stmt {
				p = q
			}
		}
		if inLoop(g.S, p.at) {
			return analysis.TextEdit{}, "", false // a defer per iteration
		}
		expr, typ, ok := c.render(raw, stmt.End())
		if !ok {
			return analysis.TextEdit{}, "", false
		}
		s := text(expr, typ)
		if s == "" {
			return analysis.TextEdit{}, "", false
		}
		edit, ok := c.insertAfter(stmt, s)
		return edit, expr, ok
	}
	inner := raw
	if parentOf(raw.Root) != o.fn {
		var ok bool
		if inner, ok = rebind(g.starts[o.startIdx], raw); !ok {
			return analysis.TextEdit{}, "", false
		}
	}
	at, first, ok := c.top(o.fn)
	if !ok {
		return analysis.TextEdit{}, "", false
	}
	expr, typ, ok := c.render(inner, first)
	if !ok {
		return analysis.TextEdit{}, "", false
	}
	s := text(expr, typ)
	if s == "" {
		return analysis.TextEdit{}, "", false
	}
	return analysis.TextEdit{Pos: at, End: at, NewText: []byte("\n" + fixes.Indent(c.pass, first) + s)}, expr, true
}

// rebind translates raw, in S's terms, to the terms of the goroutine q
// starts: the parameter or captured variable it is passed as.
func rebind(q pumpStart, raw connid.ID) (connid.ID, bool) {
	if q.via != nil {
		return connid.ID{}, false
	}
	for j, a := range q.Args {
		id := connid.Of(a)
		if j < len(q.Fn.Params) && id.Root == raw.Root && strings.HasPrefix(raw.Path, id.Path) {
			return connid.ID{Root: q.Fn.Params[j], Path: raw.Path[len(id.Path):]}, true
		}
	}
	if mc, ok := q.Callee.(*ssa.MakeClosure); ok {
		for j, b := range mc.Bindings {
			id := connid.Of(b)
			if j < len(q.Fn.FreeVars) && id.Root == raw.Root && strings.HasPrefix(raw.Path, id.Path) {
				return connid.ID{Root: q.Fn.FreeVars[j], Path: raw.Path[len(id.Path):]}, true
			}
		}
	}
	return connid.ID{}, false
}

// insertAfter returns an edit that inserts text on a line of its own
// after stmt, indented like it.
func (c *checker) insertAfter(stmt ast.Stmt, text string) (analysis.TextEdit, bool) {
	if _, ok := fixes.StmtList(fixes.Parent(c.pass, stmt)); !ok {
		return analysis.TextEdit{}, false
	}
	at := fixes.LineEnd(c.pass, stmt.End())
	return analysis.TextEdit{Pos: at, End: at, NewText: []byte("\n" + fixes.Indent(c.pass, stmt.Pos()) + text)}, true
}

// top returns where a statement goes first in fn's body (the end of the
// line of its opening brace) and the position of its first statement.
func (c *checker) top(fn *ssa.Function) (at, first token.Pos, ok bool) {
	body := fixes.Body(fn.Syntax())
	if body == nil || len(body.List) == 0 {
		return token.NoPos, token.NoPos, false
	}
	first = body.List[0].Pos()
	tf := c.pass.Fset.File(first)
	if tf == nil || tf.Line(first) == tf.Line(body.Lbrace) {
		return token.NoPos, token.NoPos, false
	}
	return fixes.LineEnd(c.pass, body.Lbrace+1), first, true
}

// inLoop reports whether instr runs in a loop of fn.
func inLoop(fn *ssa.Function, instr ssa.Instruction) bool {
	return loops.Find(fn).Innermost(instr.Block()) != nil
}

// closeMethod returns the method that closes a connection of type t
// without arguments: CloseNow where the library has it (coder's Close
// takes a status), else Close; "" if there is none.
func closeMethod(t types.Type, pkg *types.Package) string {
	for _, name := range []string{"CloseNow", "Close"} {
		obj, _, _ := types.LookupFieldOrMethod(t, true, pkg, name)
		fn, ok := obj.(*types.Func)
		if !ok || fn.Signature().Params().Len() != 0 {
			continue
		}
		if op, ok := wsapi.Lookup(fn); ok && op.Kind == wsapi.Close {
			return name
		}
	}
	return ""
}

// onlySender reports whether closing the channel id (raw before canon)
// when the read loop ends is safe: the owner is the only function that
// sends on it, nothing closes it already, and it does not escape to
// code that could.
func (c *checker) onlySender(g *group, id, raw connid.ID) bool {
	key, pkg := c.fieldKey(raw)
	if key == "" {
		key, pkg = c.fieldKey(id)
	}
	if key == "" && !local(id, g.S) {
		return false // a channel of unknown origin
	}
	if key != "" && pkg != c.pass.Pkg {
		return false // a field of another package's type: it may close it too
	}
	if local(id, g.S) && escapes(id.Root, g.S, make(map[ssa.Value]bool)) {
		return false
	}
	owners := map[*ssa.Function]bool{g.owner.fn: true}
	for _, fn := range c.res.SrcFuncs {
		bind := c.bindInGroup(g, fn)
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				for _, e := range goroutines.Ends(instr) {
					if e.Kind != goroutines.SendChan && e.Kind != goroutines.CloseChan {
						continue
					}
					if !c.sameChan(instr, e, key, id, bind) {
						continue
					}
					if e.Kind == goroutines.CloseChan || !owners[fn] {
						return false
					}
				}
			}
		}
	}
	return true
}

// sameChan reports whether the end e at instr is on channel id (by
// identity in the group) or on a channel in the same field (key).
func (c *checker) sameChan(instr ssa.Instruction, e goroutines.End, key string, id connid.ID, bind func(connid.ID) (connid.ID, bool)) bool {
	var ch ssa.Value
	switch in := instr.(type) {
	case *ssa.Send:
		ch = in.Chan
	case ssa.CallInstruction:
		if len(in.Common().Args) == 1 {
			ch = in.Common().Args[0]
		}
	case *ssa.Select:
		for _, st := range in.States {
			if connid.Of(st.Chan) == e.ID {
				ch = st.Chan
			}
		}
	}
	if ch != nil && key != "" {
		if k, ok := registry.Of(ch); ok && k == key {
			return true
		}
	}
	if bind != nil {
		if b, ok := bind(e.ID); ok && connid.Canon(b) == id {
			return true
		}
	}
	return false
}

// bindInGroup returns how fn's values translate to S's terms: S
// itself, a goroutine of the group, or a closure made in S; nil for
// other functions.
func (c *checker) bindInGroup(g *group, fn *ssa.Function) func(connid.ID) (connid.ID, bool) {
	if fn == g.S {
		return identity
	}
	for _, q := range g.starts {
		if q.Fn == fn {
			return q.bind
		}
	}
	for _, b := range g.S.Blocks {
		for _, instr := range b.Instrs {
			if mc, ok := instr.(*ssa.MakeClosure); ok && mc.Fn == fn {
				return func(id connid.ID) (connid.ID, bool) { return connid.Bind(mc, fn, nil, id) }
			}
		}
	}
	return nil
}

// fieldKey returns the registry key of the struct field id ends in
// (pkg.Client.send for c.send), or "", and the package of the struct.
func (c *checker) fieldKey(id connid.ID) (string, *types.Package) {
	t := id.Root.Type()
	path := id.Path
	key := ""
	var pkg *types.Package
	for path != "" {
		k, rest, ok := connid.FieldStep(path)
		if !ok {
			if rest, ok := strings.CutPrefix(path, "*"); ok {
				if p, ok := t.Underlying().(*types.Pointer); ok {
					t, path = p.Elem(), rest
					continue
				}
			}
			return "", nil
		}
		key, _ = registry.FieldKey(t, k)
		st, ok := derefStruct(t)
		if !ok || k >= st.NumFields() {
			return "", nil
		}
		pkg = st.Field(k).Pkg()
		t, path = st.Field(k).Type(), rest
	}
	return key, pkg
}

func derefStruct(t types.Type) (*types.Struct, bool) {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	return st, ok
}

// local reports whether id is a channel S makes.
func local(id connid.ID, S *ssa.Function) bool {
	mc, ok := id.Root.(*ssa.MakeChan)
	return ok && id.Path == "" && mc.Parent() == S
}

// escapes reports whether the channel v (or a cell or struct holding
// it) may reach code out of sight: a call, an interface, a store
// outside S's own variables and structs.
func escapes(v ssa.Value, S *ssa.Function, seen map[ssa.Value]bool) bool {
	if seen[v] {
		return false
	}
	seen[v] = true
	refs := v.Referrers()
	if refs == nil {
		return false
	}
	for _, ref := range *refs {
		switch ref := ref.(type) {
		case *ssa.Send:
			if ref.X == v {
				return true // the channel itself is sent away
			}
		case *ssa.UnOp, *ssa.Select:
			if u, ok := ref.(*ssa.UnOp); ok && u.Op == token.MUL && escapes(u, S, seen) {
				return true
			}
		case *ssa.Store:
			if ref.Val != v {
				continue
			}
			switch addr := ref.Addr.(type) {
			case *ssa.Alloc:
				if escapes(addr, S, seen) {
					return true
				}
			case *ssa.FieldAddr:
				if _, ok := addr.X.(*ssa.Alloc); !ok {
					return true // into a struct made elsewhere
				}
			default:
				return true
			}
		case *ssa.FieldAddr:
			if escapes(ref, S, seen) {
				return true
			}
		case *ssa.MakeClosure:
			fn, ok := ref.Fn.(*ssa.Function)
			if !ok {
				return true
			}
			for i, b := range ref.Bindings {
				if b == v && i < len(fn.FreeVars) && escapes(fn.FreeVars[i], S, seen) {
					return true
				}
			}
		case *ssa.Go:
			// handed to the pump: its own sends are checked by identity
		case *ssa.Call:
			if _, ok := ref.Call.Value.(*ssa.Builtin); !ok {
				return true
			}
		case *ssa.Phi:
			if escapes(ref, S, seen) {
				return true
			}
		case *ssa.DebugRef:
		default:
			return true
		}
	}
	return false
}

// parentOf returns the function a value belongs to, or nil.
func parentOf(v ssa.Value) *ssa.Function {
	switch v := v.(type) {
	case ssa.Instruction:
		return v.Parent()
	case *ssa.Parameter:
		return v.Parent()
	case *ssa.FreeVar:
		return v.Parent()
	}
	return nil
}
