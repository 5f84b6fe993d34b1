package readloop

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/wsvet/wsvet/passes/internal/errsite"
	"github.com/wsvet/wsvet/passes/internal/fixes"
	"github.com/wsvet/wsvet/passes/internal/noreturn"
	"github.com/wsvet/wsvet/passes/internal/wsapi"
	"github.com/wsvet/wsvet/passes/internal/wsssa"
)

// A helper that reads and swallows the error is fixed by making it
// return the error and the loop leave on it:
//
//	func (c *Client) readOne() error {      // was: readOne()
//		_, msg, err := c.conn.ReadMessage()
//		if err != nil {
//			log.Println(err)
//			return err                        // was: return
//		}
//		handle(msg)
//		return err                            // added: err is nil here
//	}
//
//	for {
//		if err := c.readOne(); err != nil {  // was: c.readOne()
//			break
//		}
//	}
//
// Every return in the scope of the read's error variable returns it
// (it is assigned only by the read, so it is nil wherever the read
// succeeded) and every other return returns nil. The fix is offered only
// when that is sure to compile and to change nothing else: the helper
// is a function or method of this package with no results, unexported,
// never used as a value nor in the package's interfaces, its read names
// its error in a variable that nothing else assigns, and the loop's call
// is its only call in a loop (two fixes would edit the helper twice).

// hideFix returns the fix for a loop over a helper that swallows the
// read error, or nil.
func hideFix(pass *analysis.Pass, res *wsssa.Result, r *read, s *errsite.Site) *analysis.SuggestedFix {
	callee := r.op.Callee
	fn := r.call.Call.StaticCallee()
	if callee == nil || fn == nil || callee.Pkg() != pass.Pkg || callee.Exported() || callee.Signature().Results().Len() > 0 {
		return nil
	}
	stmt, ok := s.Stmt.(*ast.ExprStmt)
	if !ok || !s.Listed || s.Loop == nil {
		return nil
	}
	decl := funcDecl(pass, callee)
	if decl == nil || decl.Body == nil || decl.Type.Results != nil || !onlyCalled(pass, callee) || inInterface(pass, callee.Name()) {
		return nil
	}
	errVar, decls := readErrVar(pass, res, fn)
	if errVar == nil || decls != 1 || assignedElsewhere(pass, decl.Body, errVar) {
		return nil
	}
	if loopCalls(pass, callee) != 1 {
		return nil
	}
	scope := errVar.Parent()
	inScope := func(pos token.Pos) bool { return scope != nil && scope.Contains(pos) }
	var edits []analysis.TextEdit
	// Every return reached where the read failed must return the error.
	// One outside the variable's scope is reached by falling out of the
	// `if _, _, err := read(); err != nil {...}` that declares it: the
	// branch then ends with the return.
	for ret := range res.FailingReturns(fn) {
		pos := ret.Pos()
		if !pos.IsValid() {
			pos = decl.Body.Rbrace // the implicit return at the end
		}
		if inScope(pos) {
			continue
		}
		branch := declaringBranch(pass, errVar)
		if branch == nil {
			return nil
		}
		last := branch.List[len(branch.List)-1]
		text := "\n" + fixes.Indent(pass, last.Pos()) + "return " + errVar.Name()
		at := fixes.LineEnd(pass, last.End())
		edits = append(edits, analysis.TextEdit{Pos: at, End: at, NewText: []byte(text)})
		break
	}
	edits = append(edits, analysis.TextEdit{Pos: decl.Type.Params.End(), End: decl.Type.Params.End(), NewText: []byte(" error")})
	ret := func(pos token.Pos) string {
		if inScope(pos) {
			return "return " + errVar.Name()
		}
		return "return nil"
	}
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			edits = append(edits, analysis.TextEdit{Pos: n.Pos(), End: n.End(), NewText: []byte(ret(n.Pos()))})
		}
		return true
	})
	if list := decl.Body.List; len(list) == 0 || !terminal(pass.TypesInfo, list[len(list)-1]) {
		end := decl.Body.Rbrace
		in := fixes.Indent(pass, decl.Pos())
		edits = append(edits, analysis.TextEdit{Pos: end, End: end, NewText: []byte("\t" + ret(end) + "\n" + in)})
	}
	// if err := c.readOne(); err != nil {  (a comment after the call stays on this line)
	//	exit
	// }
	in := fixes.Indent(pass, stmt.Pos())
	end := fixes.LineEnd(pass, stmt.End())
	edits = append(edits,
		analysis.TextEdit{Pos: stmt.Pos(), End: stmt.Pos(), NewText: []byte("if err := ")},
		analysis.TextEdit{Pos: stmt.End(), End: stmt.End(), NewText: []byte("; err != nil {")},
		analysis.TextEdit{Pos: end, End: end, NewText: []byte("\n" + in + "\t" + s.Exit(stmt, "err") + "\n" + in + "}")})
	return &analysis.SuggestedFix{Message: "Return the read error from " + callee.Name() + " and leave the loop on it", TextEdits: edits}
}

// declaringBranch returns the body of the if statement that declares
// the error in its init and tests it: `if _, _, err := read(); err != nil
// {...}`, when the body falls through (no else, no terminating statement).
func declaringBranch(pass *analysis.Pass, errVar *types.Var) *ast.BlockStmt {
	path := fixes.Path(pass, errVar.Pos(), errVar.Pos())
	for i, n := range path {
		ifs, ok := n.(*ast.IfStmt)
		if !ok {
			continue
		}
		if i == 0 || ifs.Init != path[i-1] || ifs.Else != nil || len(ifs.Body.List) == 0 {
			return nil
		}
		s := errsite.ForVar(pass, errVar)
		if c, ok := astutil.Unparen(ifs.Cond).(*ast.BinaryExpr); !ok || c.Op != token.NEQ || !s.NilTest(c) || s.Terminates(ifs.Body) {
			return nil
		}
		return ifs.Body
	}
	return nil
}

// funcDecl returns the declaration of fn in the package's files.
func funcDecl(pass *analysis.Pass, fn *types.Func) *ast.FuncDecl {
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && pass.TypesInfo.Defs[fd.Name] == fn {
				return fd
			}
		}
	}
	return nil
}

// onlyCalled reports whether every use of fn in the package calls it in
// a statement of its own (f(), go f(), defer f()), so that adding a
// result breaks no expression.
func onlyCalled(pass *analysis.Pass, fn *types.Func) bool {
	ok := true
	for _, f := range pass.Files {
		errsite.InspectStack(f, func(n ast.Node, stack []ast.Node) bool {
			id, isID := n.(*ast.Ident)
			if !isID || pass.TypesInfo.Uses[id] != fn {
				return true
			}
			var fun ast.Node = id
			i := len(stack) - 1
			if i >= 0 {
				if sel, isSel := stack[i].(*ast.SelectorExpr); isSel && sel.Sel == id {
					fun = sel
					i--
				}
			}
			if i < 1 {
				ok = false
				return false
			}
			if call, isCall := stack[i].(*ast.CallExpr); !isCall || call.Fun != fun {
				ok = false
				return false
			}
			switch stack[i-1].(type) {
			case *ast.ExprStmt, *ast.GoStmt, *ast.DeferStmt:
			default:
				ok = false
			}
			return ok
		})
	}
	return ok
}

// inInterface reports whether an interface type of the package has a
// method named name: the helper may satisfy it.
func inInterface(pass *analysis.Pass, name string) bool {
	for _, tv := range pass.TypesInfo.Types {
		if it, ok := tv.Type.Underlying().(*types.Interface); ok {
			for i := range it.NumMethods() {
				if it.Method(i).Name() == name {
					return true
				}
			}
		}
	}
	return false
}

// readErrVar returns the variable that the helper's read assigns its
// error to, and how many reads the helper makes.
func readErrVar(pass *analysis.Pass, res *wsssa.Result, fn *ssa.Function) (*types.Var, int) {
	var v *types.Var
	n := 0
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
			n++
			s := errsite.Locate(pass, call, op)
			if s != nil && s.ErrField == nil {
				v, _ = s.ErrObj.(*types.Var)
			}
		}
	}
	return v, n
}

// assignedElsewhere reports whether v is assigned in body other than
// where it is declared, or has its address taken.
func assignedElsewhere(pass *analysis.Pass, body *ast.BlockStmt, v *types.Var) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				if id, ok := l.(*ast.Ident); ok && pass.TypesInfo.Uses[id] == v {
					found = true // (a := that declares it puts it in Defs)
				}
			}
		case *ast.UnaryExpr:
			if id, ok := n.X.(*ast.Ident); ok && n.Op == token.AND && pass.TypesInfo.Uses[id] == v {
				found = true
			}
		}
		return !found
	})
	return found
}

// loopCalls counts the calls of fn in statements inside loops.
func loopCalls(pass *analysis.Pass, fn *types.Func) int {
	n := 0
	for _, f := range pass.Files {
		errsite.InspectStack(f, func(node ast.Node, stack []ast.Node) bool {
			es, ok := node.(*ast.ExprStmt)
			if !ok {
				return true
			}
			call, ok := astutil.Unparen(es.X).(*ast.CallExpr)
			if !ok {
				return true
			}
			callee, _ := typeutil.Callee(pass.TypesInfo, call).(*types.Func)
			if callee != fn {
				return true
			}
			for i := len(stack) - 1; i >= 0; i-- {
				switch stack[i].(type) {
				case *ast.ForStmt, *ast.RangeStmt:
					n++
					return true
				case *ast.FuncLit, *ast.FuncDecl:
					return true
				}
			}
			return true
		})
	}
	return n
}

// terminal reports whether a function body that ends in st needs no
// return after it: a return, a panic or a call that never returns, or
// an endless for statement with no break.
func terminal(info *types.Info, st ast.Stmt) bool {
	switch st := st.(type) {
	case *ast.ReturnStmt:
		return true
	case *ast.ExprStmt:
		call, ok := astutil.Unparen(st.X).(*ast.CallExpr)
		if !ok {
			return false
		}
		if id, ok := astutil.Unparen(call.Fun).(*ast.Ident); ok {
			if _, ok := info.Uses[id].(*types.Builtin); ok && id.Name == "panic" {
				return true
			}
		}
		return noreturn.Expr(info, call)
	case *ast.ForStmt:
		if st.Cond != nil {
			return false
		}
		// A break that may leave it: unlabeled and not inside an inner
		// loop, switch or select, or labeled anywhere.
		breaks := false
		var visit func(n ast.Node, inner bool)
		visit = func(n ast.Node, inner bool) {
			ast.Inspect(n, func(m ast.Node) bool {
				switch m := m.(type) {
				case *ast.FuncLit:
					return false
				case *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
					if m != n {
						visit(m, true)
						return false
					}
				case *ast.BranchStmt:
					if m.Tok == token.BREAK && (m.Label != nil || !inner) {
						breaks = true
					}
				}
				return !breaks
			})
		}
		visit(st.Body, false)
		return !breaks
	}
	return false
}
