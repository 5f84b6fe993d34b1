package connleak

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ssa"

	"github.com/wsvet/wsvet/passes/internal/connid"
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

// fix inserts a deferred removal after the registration at [pos, end),
// or, when the read loop runs in another function (the owner), at the
// top of that function, with the registry and the value as it sees them.
func (c *checker) fix(r *registration, owner *ssa.Function, pos, end token.Pos) *analysis.SuggestedFix {
	path := fixes.Path(c.pass, pos, end)
	stmt := fixes.EnclosingStmt(path)
	if stmt == nil {
		return nil
	}
	list, _ := fixes.StmtList(fixes.Parent(c.pass, stmt))
	idx := slices.Index(list, stmt)
	val := valueExpr(c.pass, path, r)
	if idx < 0 || val == nil {
		return nil
	}
	lock := lockBefore(c.pass, list, idx)
	print := func(e ast.Expr) string { return types.ExprString(e) }
	var in string
	var at token.Pos
	if owner == r.fn {
		in = fixes.Indent(c.pass, stmt.Pos())
		after := stmt
		if lock != nil && idx+1 < len(list) && isCall(c.pass, list[idx+1], types.ExprString(lock), "Unlock") {
			after = list[idx+1] // insert after the unlock that ends the registration
		}
		at = fixes.LineEnd(c.pass, after.End())
		// A deferred removal later in the function, set up after a return
		// that it does not cover: move it here (adding a second one could
		// close a channel twice).
		if d := c.laterDefer(r, list[idx+1:]); d != nil {
			return c.moveDefer(d, at, in)
		}
	} else {
		body, ok := c.ownerBody(r, owner)
		if !ok {
			return nil
		}
		p, ok := c.ownerPrinter(r, owner, stmt, val, lock, body)
		if !ok {
			return nil
		}
		print = p
		in = fixes.Indent(c.pass, body.Pos()) + "\t"
		at = body.Lbrace + 1
	}
	base, removal, lockable := c.removalText(stmt, r.reg, val, print)
	var baseType types.Type
	if base != nil {
		baseType = c.pass.TypesInfo.TypeOf(base)
		if p, ok := baseType.(*types.Pointer); ok {
			baseType = p.Elem()
		}
	}
	if helper := c.res.RemovalHelper(baseType, r.reg); helper != nil {
		if call := c.helperCall(helper, base, c.helperArg(helper, stmt, val, print), print, stmt.Pos()); call != "" {
			removal, lockable = []string{call}, false
		}
	}
	if len(removal) == 0 {
		return nil
	}
	var lines []string
	switch {
	case lockable && lock != nil:
		lines = append(lines, "defer func() {", "\t"+print(lock)+".Lock()")
		for _, l := range removal {
			lines = append(lines, "\t"+l)
		}
		lines = append(lines, "\t"+print(lock)+".Unlock()", "}()")
	case len(removal) == 1:
		lines = []string{"defer " + removal[0]}
	default:
		lines = append(lines, "defer func() {")
		for _, l := range removal {
			lines = append(lines, "\t"+l)
		}
		lines = append(lines, "}()")
	}
	text := "\n" + in + strings.Join(lines, "\n"+in)
	msg := "Remove the connection from the registry when the function returns"
	if owner != r.fn {
		msg = "Remove the connection from the registry when " + owner.Name() + " returns"
	}
	return &analysis.SuggestedFix{Message: msg, TextEdits: []analysis.TextEdit{{Pos: at, End: at, NewText: []byte(text)}}}
}

// ownerBody returns the body of the owner, when the fix may go there:
// the package's only call or start of it is in the registering function,
// so that every goroutine running it serves that registration.
func (c *checker) ownerBody(r *registration, owner *ssa.Function) (*ast.BlockStmt, bool) {
	body := fixes.Body(owner.Syntax())
	if body == nil || len(c.callsOf(owner)) != 1 || c.callsOf(owner)[0].Parent() != r.fn {
		return nil, false
	}
	return body, true
}

// callsOf returns the calls and starts of fn in the package.
func (c *checker) callsOf(fn *ssa.Function) []ssa.CallInstruction {
	var out []ssa.CallInstruction
	for _, f := range c.res.SrcFuncs {
		for _, b := range f.Blocks {
			for _, instr := range b.Instrs {
				if ci, ok := instr.(ssa.CallInstruction); ok && ci.Common().StaticCallee() == fn {
					out = append(out, ci)
				}
			}
		}
	}
	return out
}

// ownerPrinter returns a printer of the registering function's
// expressions (the registry, the value, the lock) as the owner sees them:
// a closure sees the variables it captures by their names; a function
// started with go c.readPump() or readLoop(h, conn) sees them through
// its parameters, or through a field of a struct the registering
// function filled (&Client{hub: h} makes h c.hub in readPump).
func (c *checker) ownerPrinter(r *registration, owner *ssa.Function, stmt ast.Stmt, val, lock ast.Expr, body *ast.BlockStmt) (func(ast.Expr) string, bool) {
	// The local variables the removal may name.
	vars := make(map[*types.Var]bool)
	for _, n := range []ast.Node{stmt, val, lock} {
		if n == nil {
			continue
		}
		ast.Inspect(n, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				if v, ok := c.pass.TypesInfo.Uses[id].(*types.Var); ok && !v.IsField() && v.Parent() != c.pass.Pkg.Scope() && v.Pkg() == c.pass.Pkg {
					vars[v] = true
				}
			}
			return true
		})
	}
	subst := make(map[types.Object]string)
	for v := range vars {
		if owner.Parent() != nil {
			// A closure: it sees what it captures, unless it shadows it.
			if sc := c.pass.Pkg.Scope().Innermost(body.Lbrace + 1); sc != nil {
				if _, o := sc.LookupParent(v.Name(), body.Lbrace+1); o == v {
					continue
				}
			}
			return nil, false
		}
		e, ok := c.throughParams(r, owner, v)
		if !ok {
			return nil, false
		}
		subst[v] = e
	}
	return func(e ast.Expr) string { return c.printWith(e, subst) }, true
}

// throughParams returns how the owner reaches the variable v of the
// registering function: a parameter it is passed in, or a field of a
// struct passed in that was filled with it.
func (c *checker) throughParams(r *registration, owner *ssa.Function, v *types.Var) (string, bool) {
	calls := c.callsOf(owner)
	if len(calls) != 1 {
		return "", false
	}
	call := calls[0].Common()
	for i, a := range call.Args {
		if i >= len(owner.Params) || owner.Params[i].Name() == "_" || owner.Params[i].Name() == "" {
			continue
		}
		root := connid.Of(a).Root
		if c.names(root, v) {
			return owner.Params[i].Name(), true
		}
		if alloc, ok := root.(*ssa.Alloc); ok {
			if f, ok := c.fieldHolding(alloc, v); ok {
				return owner.Params[i].Name() + "." + f, true
			}
		}
	}
	return "", false
}

// fieldHolding returns the name of the field of the struct alloc that a
// store fills with variable v.
func (c *checker) fieldHolding(alloc *ssa.Alloc, v *types.Var) (string, bool) {
	for _, ref := range *alloc.Referrers() {
		fa, ok := ref.(*ssa.FieldAddr)
		if !ok {
			continue
		}
		for _, r2 := range *fa.Referrers() {
			if st, ok := r2.(*ssa.Store); ok && st.Addr == fa && c.names(connid.Of(st.Val).Root, v) {
				if p, ok := fa.X.Type().Underlying().(*types.Pointer); ok {
					if sv, ok := p.Elem().Underlying().(*types.Struct); ok {
						return sv.Field(fa.Field).Name(), true
					}
				}
			}
		}
	}
	return "", false
}

// names reports whether the SSA value root is what variable v holds: v's
// parameter, the cell of a captured v, the struct literal or the call
// result that its one assignment stores.
func (c *checker) names(root ssa.Value, v *types.Var) bool {
	switch x := root.(type) {
	case *ssa.Parameter:
		return x.Object() == v
	case *ssa.Alloc:
		if x.Heap && x.Pos() == v.Pos() {
			return true // the cell of a captured variable
		}
	}
	rhs := c.assigned(v)
	if rhs == nil {
		return false
	}
	if u, ok := rhs.(*ast.UnaryExpr); ok && u.Op == token.AND {
		if cl, ok := u.X.(*ast.CompositeLit); ok {
			return root.Pos() == cl.Lbrace // &Client{...}
		}
	}
	if call, ok := rhs.(*ast.CallExpr); ok {
		switch x := root.(type) {
		case *ssa.Call:
			return x.Pos() == call.Lparen
		case *ssa.Extract:
			if t, ok := x.Tuple.(*ssa.Call); ok && t.Pos() == call.Lparen {
				return c.lhsIndex(v) == x.Index
			}
		}
	}
	return false
}

// assigned returns the expression the one assignment of v, its
// declaration, assigns (the matching right-hand side), or nil.
func (c *checker) assigned(v *types.Var) ast.Expr {
	as, ok := fixes.EnclosingStmt(fixes.Path(c.pass, v.Pos(), v.Pos())).(*ast.AssignStmt)
	if !ok || as.Tok != token.DEFINE {
		return nil
	}
	if len(as.Rhs) == 1 {
		return astutil.Unparen(as.Rhs[0])
	}
	if i := c.lhsIndex(v); i >= 0 && i < len(as.Rhs) {
		return astutil.Unparen(as.Rhs[i])
	}
	return nil
}

// lhsIndex returns the position of v among the left-hand sides of its
// declaring assignment.
func (c *checker) lhsIndex(v *types.Var) int {
	as, ok := fixes.EnclosingStmt(fixes.Path(c.pass, v.Pos(), v.Pos())).(*ast.AssignStmt)
	if !ok {
		return -1
	}
	for i, l := range as.Lhs {
		if id, ok := l.(*ast.Ident); ok && c.pass.TypesInfo.Defs[id] == v {
			return i
		}
	}
	return -1
}

// printWith returns the source text of e with the identifiers of subst
// replaced.
func (c *checker) printWith(e ast.Expr, subst map[types.Object]string) string {
	if e == nil {
		return ""
	}
	tf := c.pass.Fset.File(e.Pos())
	src, err := c.pass.ReadFile(tf.Name())
	if tf == nil || err != nil || len(subst) == 0 {
		return types.ExprString(e)
	}
	var out []byte
	at := e.Pos()
	ast.Inspect(e, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok {
			return true
		}
		if s, ok := subst[c.pass.TypesInfo.Uses[id]]; ok {
			out = append(out, src[tf.Offset(at):tf.Offset(id.Pos())]...)
			out = append(out, s...)
			at = id.End()
		}
		return true
	})
	out = append(out, src[tf.Offset(at):tf.Offset(e.End())]...)
	return string(out)
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
// registry (h in h.clients), the statements that undo it (printed by
// print), and whether they need the registry's mutex.
func (c *checker) removalText(stmt ast.Stmt, reg string, val ast.Expr, print func(ast.Expr) string) (base ast.Expr, removal []string, lockable bool) {
	switch st := stmt.(type) {
	case *ast.AssignStmt:
		if len(st.Lhs) != 1 || len(st.Rhs) != 1 {
			return nil, nil, false
		}
		if ix, ok := st.Lhs[0].(*ast.IndexExpr); ok {
			if sel, ok := ix.X.(*ast.SelectorExpr); ok {
				base = sel.X
			}
			return base, []string{"delete(" + print(ix.X) + ", " + print(ix.Index) + ")"}, true
		}
		// reg = append(reg, v): filter v out of the slice.
		if sel, ok := st.Lhs[0].(*ast.SelectorExpr); ok {
			base = sel.X
		}
		return base, c.sliceRemoval(st.Lhs[0], val, print), true
	case *ast.ExprStmt:
		call, ok := st.X.(*ast.CallExpr)
		if !ok {
			return nil, nil, false
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok {
			return nil, nil, false
		}
		switch sel.Sel.Name {
		case "Store", "LoadOrStore", "Swap":
			if t := c.pass.TypesInfo.TypeOf(sel.X); t != nil && isSyncMap(t) && len(call.Args) >= 1 {
				if inner, ok := sel.X.(*ast.SelectorExpr); ok {
					base = inner.X
				}
				return base, []string{print(sel.X) + ".Delete(" + print(call.Args[0]) + ")"}, false
			}
		}
		// A helper that adds: undone by the package's removal helper.
		return sel.X, nil, false
	case *ast.SendStmt:
		sel, ok := st.Chan.(*ast.SelectorExpr)
		if !ok {
			return nil, nil, false
		}
		if send := c.unregisterSend(sel, reg, val, print); send != "" {
			return sel.X, []string{send}, false
		}
		return sel.X, nil, false
	}
	return nil, nil, false
}

// sliceRemoval returns the loop that filters the element v out of the
// slice registry, or nil when elements cannot be compared with ==.
//
//	for i, x := range h.conns {
//		if x == conn {
//			h.conns = append(h.conns[:i], h.conns[i+1:]...)
//			break
//		}
//	}
func (c *checker) sliceRemoval(slice, v ast.Expr, print func(ast.Expr) string) []string {
	t, ok := c.pass.TypesInfo.TypeOf(slice).Underlying().(*types.Slice)
	if !ok || !types.Comparable(t.Elem()) {
		return nil
	}
	// Names the loop may declare: none the registry or the value uses.
	used := make(map[string]bool)
	for _, e := range []ast.Expr{slice, v} {
		ast.Inspect(e, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				used[id.Name] = true
			}
			return true
		})
	}
	fresh := func(cands ...string) string {
		for _, n := range cands {
			if !used[n] {
				used[n] = true
				return n
			}
		}
		return ""
	}
	i, x := fresh("i", "j", "k"), fresh("x", "el", "elem")
	if i == "" || x == "" {
		return nil
	}
	r, val := print(slice), print(v)
	return []string{
		"for " + i + ", " + x + " := range " + r + " {",
		"\tif " + x + " == " + val + " {",
		"\t\t" + r + " = append(" + r + "[:" + i + "], " + r + "[" + i + "+1:]...)",
		"\t\tbreak",
		"\t}",
		"}",
	}
}

// unregisterSend returns `func() { h.unregister <- c }()` for a hub
// whose register channel is sel and whose unregister channel, a field
// of the same struct, deletes from reg; or "".
func (c *checker) unregisterSend(sel *ast.SelectorExpr, reg string, v ast.Expr, print func(ast.Expr) string) string {
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
	return "func() { " + print(sel.X) + "." + field + " <- " + print(v) + " }()"
}

// helperArg returns what to pass to the removal helper: the registered
// value, or the map key when the helper takes the key's type
// (remove(name string) for conns[name] = conn); "" if neither fits.
func (c *checker) helperArg(helper *types.Func, stmt ast.Stmt, val ast.Expr, print func(ast.Expr) string) string {
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
			return print(e)
		}
	}
	return ""
}

// helperCall renders a call of the removal helper on base with v, or "":
// a method of the registry's owner, a function of this package, or an
// exported function of another package, by the name its import has in
// the file at pos.
func (c *checker) helperCall(helper *types.Func, base ast.Expr, v string, print func(ast.Expr) string, pos token.Pos) string {
	sig := helper.Signature()
	if sig.Params().Len() != 1 || v == "" {
		return ""
	}
	if sig.Recv() == nil {
		if helper.Pkg() == c.pass.Pkg {
			return helper.Name() + "(" + v + ")"
		}
		if name := c.importName(pos, helper.Pkg()); name != "" && helper.Exported() {
			return name + "." + helper.Name() + "(" + v + ")"
		}
		return ""
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
	return print(base) + "." + helper.Name() + "(" + v + ")"
}

// importName returns the name under which the file holding pos imports
// pkg, or "".
func (c *checker) importName(pos token.Pos, pkg *types.Package) string {
	for _, f := range c.pass.Files {
		if f.FileStart > pos || pos > f.FileEnd {
			continue
		}
		for _, is := range f.Imports {
			if strings.Trim(is.Path.Value, `"`) != pkg.Path() {
				continue
			}
			switch {
			case is.Name == nil:
				return pkg.Name()
			case is.Name.Name == "_" || is.Name.Name == ".":
				return ""
			}
			return is.Name.Name
		}
	}
	return ""
}

// lockBefore returns the mutex expression of a `mu.Lock()` statement
// just before list[idx], or nil.
func lockBefore(pass *analysis.Pass, list []ast.Stmt, idx int) ast.Expr {
	if idx == 0 {
		return nil
	}
	es, ok := list[idx-1].(*ast.ExprStmt)
	if !ok {
		return nil
	}
	call, ok := es.X.(*ast.CallExpr)
	if !ok {
		return nil
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Lock" || !isMutex(pass.TypesInfo.TypeOf(sel.X)) {
		return nil
	}
	return sel.X
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
