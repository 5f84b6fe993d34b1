package connleak

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/wsvet/wsvet/passes/internal/fixes"
	"github.com/wsvet/wsvet/passes/internal/wsapi"
)

// valueExpr returns the expression of the registered value in the
// registration statement: the first expression, in source order, whose
// type holds a connection.
func valueExpr(pass *analysis.Pass, path []ast.Node, r *registration) (found ast.Expr) {
	stmt := fixes.EnclosingStmt(path)
	if stmt == nil {
		return nil
	}
	defer func() {
		if found != nil {
			return
		}
		// Held through a closure, not by type: the operand that is added.
		switch st := stmt.(type) {
		case *ast.ExprStmt:
			if call, ok := st.X.(*ast.CallExpr); ok && len(call.Args) > 0 {
				found = call.Args[0]
			}
		case *ast.AssignStmt:
			if ix, ok := st.Lhs[0].(*ast.IndexExpr); ok {
				found = ix.Index
			}
		case *ast.SendStmt:
			found = st.Value
		}
	}()
	ast.Inspect(stmt, func(n ast.Node) bool {
		if found != nil {
			return false
		}
		switch e := n.(type) {
		case *ast.Ident, *ast.SelectorExpr, *ast.UnaryExpr:
			if t := pass.TypesInfo.TypeOf(e.(ast.Expr)); t != nil && wsapi.HoldsConn(t, true) {
				found = e.(ast.Expr)
				return false
			}
		}
		return true
	})
	return found
}

// fix inserts a deferred removal after the registration at [pos, end).
func (c *checker) fix(r *registration, pos, end token.Pos) *analysis.SuggestedFix {
	path := fixes.Path(c.pass, pos, end)
	stmt := fixes.EnclosingStmt(path)
	if stmt == nil {
		return nil
	}
	var list []ast.Stmt
	switch p := fixes.Parent(c.pass, stmt).(type) {
	case *ast.BlockStmt:
		list = p.List
	case *ast.CaseClause:
		list = p.Body
	case *ast.CommClause:
		list = p.Body
	default:
		return nil
	}
	idx := -1
	for i, st := range list {
		if st == stmt {
			idx = i
		}
	}
	val := valueExpr(c.pass, path, r)
	if idx < 0 || val == nil {
		return nil
	}
	in := fixes.Indent(c.pass, stmt.Pos())
	after := stmt
	lock := lockBefore(c.pass, list, idx)
	if lock != "" && idx+1 < len(list) && isCall(c.pass, list[idx+1], lock, "Unlock") {
		after = list[idx+1] // insert after the unlock that ends the registration
	}
	at := fixes.LineEnd(c.pass, after.End())
	// A deferred removal later in the function, set up after a return
	// that it does not cover: move it here (adding a second one could
	// close a channel twice).
	if d := c.laterDefer(r, list[idx+1:]); d != nil {
		return c.moveDefer(d, at, in)
	}
	base, removal, lockable := c.removalText(stmt, r.reg, val)
	var baseType types.Type
	if base != nil {
		baseType = c.pass.TypesInfo.TypeOf(base)
		if p, ok := baseType.(*types.Pointer); ok {
			baseType = p.Elem()
		}
	}
	if helper := c.res.RemovalHelper(baseType, r.reg); helper != nil {
		if call := c.helperCall(helper, base, c.helperArg(helper, stmt, val)); call != "" {
			removal, lockable = call, false
		}
	}
	if removal == "" {
		return nil
	}
	text := "defer " + removal
	if lockable && lock != "" {
		text = "defer func() {\n" + in + "\t" + lock + ".Lock()\n" + in + "\t" + removal + "\n" + in + "\t" + lock + ".Unlock()\n" + in + "}()"
	}
	return &analysis.SuggestedFix{
		Message:   "Remove the connection from the registry when the function returns",
		TextEdits: []analysis.TextEdit{{Pos: at, End: at, NewText: []byte("\n" + in + text)}},
	}
}

// laterDefer returns the first of the statements that defers a removal
// from the registration's registry.
func (c *checker) laterDefer(r *registration, list []ast.Stmt) *ast.DeferStmt {
	for _, st := range list {
		ds, ok := st.(*ast.DeferStmt)
		if !ok {
			continue
		}
		for _, b := range r.fn.Blocks {
			for _, instr := range b.Instrs {
				if d, ok := instr.(*ssa.Defer); ok && d.Pos() == ds.Defer && c.removes(d, r.reg, 3) {
					return ds
				}
			}
		}
	}
	return nil
}

// moveDefer moves the defer statement d to at, or gives no fix when it
// uses a variable declared after at.
func (c *checker) moveDefer(d *ast.DeferStmt, at token.Pos, in string) *analysis.SuggestedFix {
	movable := true
	ast.Inspect(d, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			if v, ok := c.pass.TypesInfo.Uses[id].(*types.Var); ok && v.Pkg() == c.pass.Pkg && v.Parent() != c.pass.Pkg.Scope() && v.Pos() > at && !(d.Pos() <= v.Pos() && v.Pos() < d.End()) {
				movable = false
			}
		}
		return movable
	})
	del, ok := fixes.DeleteLines(c.pass, d)
	if !movable || !ok {
		return nil
	}
	tf := c.pass.Fset.File(d.Pos())
	src, err := c.pass.ReadFile(tf.Name())
	if err != nil {
		return nil
	}
	text := reindent(string(src[tf.Offset(d.Pos()):tf.Offset(d.End())]), fixes.Indent(c.pass, d.Pos()), in)
	return &analysis.SuggestedFix{
		Message:   "Defer the removal right after the registration",
		TextEdits: []analysis.TextEdit{{Pos: at, End: at, NewText: []byte("\n" + in + text)}, del},
	}
}

// removalText returns, for a registration statement, the base of the
// registry (h in h.clients), the statement that undoes it, and whether
// that statement needs the registry's mutex.
func (c *checker) removalText(stmt ast.Stmt, reg string, val ast.Expr) (base ast.Expr, removal string, lockable bool) {
	v := types.ExprString(val)
	switch st := stmt.(type) {
	case *ast.AssignStmt:
		if len(st.Lhs) != 1 {
			return nil, "", false
		}
		ix, ok := st.Lhs[0].(*ast.IndexExpr)
		if !ok {
			return nil, "", false // an append: filtering the slice is not a one-liner
		}
		if sel, ok := ix.X.(*ast.SelectorExpr); ok {
			base = sel.X
		}
		return base, "delete(" + types.ExprString(ix.X) + ", " + types.ExprString(ix.Index) + ")", true
	case *ast.ExprStmt:
		call, ok := st.X.(*ast.CallExpr)
		if !ok {
			return nil, "", false
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok {
			return nil, "", false
		}
		switch sel.Sel.Name {
		case "Store", "LoadOrStore", "Swap":
			if t := c.pass.TypesInfo.TypeOf(sel.X); t != nil && isSyncMap(t) && len(call.Args) >= 1 {
				if inner, ok := sel.X.(*ast.SelectorExpr); ok {
					base = inner.X
				}
				return base, types.ExprString(sel.X) + ".Delete(" + types.ExprString(call.Args[0]) + ")", false
			}
		}
		// A helper that adds: undone by the package's removal helper.
		return sel.X, "", false
	case *ast.SendStmt:
		sel, ok := st.Chan.(*ast.SelectorExpr)
		if !ok {
			return nil, "", false
		}
		return sel.X, c.unregisterSend(sel, reg, v), false
	}
	return nil, "", false
}

// unregisterSend returns `func() { h.unregister <- c }()` for a hub
// whose register channel is sel and whose unregister channel, a field
// of the same struct, deletes from reg; or "".
func (c *checker) unregisterSend(sel *ast.SelectorExpr, reg, v string) string {
	ch := c.res.UnregisterChan(reg)
	t := c.pass.TypesInfo.TypeOf(sel.X)
	if ch == "" || t == nil {
		return ""
	}
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return ""
	}
	field, ok := strings.CutPrefix(ch, n.Obj().Pkg().Path()+"."+n.Obj().Name()+".")
	if !ok || strings.Contains(field, ".") {
		return ""
	}
	return "func() { " + types.ExprString(sel.X) + "." + field + " <- " + v + " }()"
}

// helperArg returns what to pass to the removal helper: the registered
// value, or the map key when the helper takes the key's type
// (remove(name string) for conns[name] = conn); "" if neither fits.
func (c *checker) helperArg(helper *types.Func, stmt ast.Stmt, val ast.Expr) string {
	sig := helper.Signature()
	if sig.Params().Len() != 1 {
		return ""
	}
	want := sig.Params().At(0).Type()
	cands := []ast.Expr{val}
	if as, ok := stmt.(*ast.AssignStmt); ok && len(as.Lhs) == 1 {
		if ix, ok := as.Lhs[0].(*ast.IndexExpr); ok {
			cands = append(cands, ix.Index)
		}
	}
	for _, e := range cands {
		if t := c.pass.TypesInfo.TypeOf(e); t != nil && types.AssignableTo(t, want) {
			return types.ExprString(e)
		}
	}
	return ""
}

// helperCall renders a call of the removal helper on base with v, or "".
func (c *checker) helperCall(helper *types.Func, base ast.Expr, v string) string {
	sig := helper.Signature()
	if sig.Params().Len() != 1 || v == "" {
		return ""
	}
	if sig.Recv() == nil {
		if helper.Pkg() != c.pass.Pkg {
			return ""
		}
		return helper.Name() + "(" + v + ")"
	}
	if !helper.Exported() && helper.Pkg() != c.pass.Pkg {
		return ""
	}
	if base == nil {
		return ""
	}
	t := c.pass.TypesInfo.TypeOf(base)
	recv := sig.Recv().Type()
	if t == nil || !(types.Identical(t, recv) || types.Identical(types.NewPointer(t), recv)) {
		return ""
	}
	return types.ExprString(base) + "." + helper.Name() + "(" + v + ")"
}

// lockBefore returns the mutex expression of a `mu.Lock()` statement
// just before list[idx], or "".
func lockBefore(pass *analysis.Pass, list []ast.Stmt, idx int) string {
	if idx == 0 {
		return ""
	}
	es, ok := list[idx-1].(*ast.ExprStmt)
	if !ok {
		return ""
	}
	call, ok := es.X.(*ast.CallExpr)
	if !ok {
		return ""
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Lock" || !isMutex(pass.TypesInfo.TypeOf(sel.X)) {
		return ""
	}
	return types.ExprString(sel.X)
}

func isCall(pass *analysis.Pass, st ast.Stmt, recv, name string) bool {
	es, ok := st.(*ast.ExprStmt)
	if !ok {
		return false
	}
	call, ok := es.X.(*ast.CallExpr)
	if !ok {
		return false
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	return ok && sel.Sel.Name == name && types.ExprString(sel.X) == recv && isMutex(pass.TypesInfo.TypeOf(sel.X))
}

func isMutex(t types.Type) bool { return isSync(t, "Mutex") || isSync(t, "RWMutex") }

func isSyncMap(t types.Type) bool { return isSync(t, "Map") }

func isSync(t types.Type, name string) bool {
	if t == nil {
		return false
	}
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "sync" && n.Obj().Name() == name
}
