package readloop

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/wsvet/wsvet/passes/internal/fixes"
	"github.com/wsvet/wsvet/passes/internal/noreturn"
	"github.com/wsvet/wsvet/passes/internal/wsapi"
)

// site is the syntax around a read: the call, its statement, the error
// variable and the loop.
type site struct {
	pass     *analysis.Pass
	callExpr *ast.CallExpr
	stmt     ast.Stmt // the statement holding the call
	listed   bool     // stmt is an element of a statement list
	errIdx   int      // index of the result that holds the error
	errIdent *ast.Ident
	errObj   types.Object // nil when the error is blank or unnamed
	errField *types.Var   // the error is this field of errObj (a wrapper's struct result), or nil
	loop     ast.Stmt     // innermost *ast.ForStmt or *ast.RangeStmt, or nil
	callName string       // conn.ReadMessage
	connName string       // conn
}

// locate finds the syntax of r.
func locate(pass *analysis.Pass, r *read) *site {
	lparen := r.call.Pos()
	path := fixes.Path(pass, lparen, lparen)
	s := &site{pass: pass, errIdx: -1}
	i := 0
	for ; i < len(path); i++ {
		if c, ok := path[i].(*ast.CallExpr); ok && c.Lparen == lparen {
			s.callExpr = c
			break
		}
	}
	if s.callExpr == nil {
		return nil
	}
	for ; i < len(path); i++ {
		if st, ok := path[i].(ast.Stmt); ok {
			s.stmt = st
			if i+1 < len(path) {
				switch path[i+1].(type) {
				case *ast.BlockStmt, *ast.CaseClause, *ast.CommClause:
					s.listed = true
				}
			}
			break
		}
	}
	for j := i; j < len(path); j++ {
		switch n := path[j].(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			if s.loop == nil {
				s.loop = n.(ast.Stmt)
			}
		case *ast.FuncLit, *ast.FuncDecl:
			j = len(path)
		}
	}
	s.callName = types.ExprString(s.callExpr.Fun)
	s.connName = exprString(fixes.OperandExpr(pass.TypesInfo, s.callExpr, r.op.Conn))

	s.errIdx = r.op.ErrRes
	if r.op.ErrPath != "" {
		if s.errField = errField(r.call.Call.Signature().Results(), r.op.ErrRes, r.op.ErrPath); s.errField == nil {
			s.errIdx = -1 // (a path that no field names)
		}
	}
	if as, ok := s.stmt.(*ast.AssignStmt); ok && len(as.Rhs) == 1 && astutil.Unparen(as.Rhs[0]) == s.callExpr &&
		s.errIdx >= 0 && s.errIdx < len(as.Lhs) {
		if id, ok := as.Lhs[s.errIdx].(*ast.Ident); ok {
			s.errIdent = id
			if id.Name != "_" {
				s.errObj = pass.TypesInfo.ObjectOf(id)
			}
		}
	}
	return s
}

// errField returns the field of result i that ErrPath (".k", or "&.k*"
// below a pointer) names.
func errField(res *types.Tuple, i int, path string) *types.Var {
	if i < 0 || i >= res.Len() {
		return nil
	}
	var k int
	if _, err := fmt.Sscanf(strings.TrimPrefix(path, "&"), ".%d", &k); err != nil {
		return nil
	}
	t := res.At(i).Type()
	if p, ok := t.Underlying().(*types.Pointer); ok && strings.HasPrefix(path, "&") {
		t = p.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok || k >= st.NumFields() {
		return nil
	}
	return st.Field(k)
}

// isErr reports whether e is the read's error: its variable, or the
// field of it that holds the error.
func (s *site) isErr(e ast.Expr) bool {
	if s.errObj == nil {
		return false
	}
	e = astutil.Unparen(e)
	if s.errField != nil {
		sel, ok := e.(*ast.SelectorExpr)
		if !ok || s.pass.TypesInfo.ObjectOf(sel.Sel) != s.errField {
			return false
		}
		e = astutil.Unparen(sel.X)
	}
	id, ok := e.(*ast.Ident)
	return ok && s.pass.TypesInfo.ObjectOf(id) == s.errObj
}

// errExpr returns the read's error as an expression, or "".
func (s *site) errExpr() string {
	switch {
	case s.errObj == nil:
		return ""
	case s.errField != nil:
		return s.errObj.Name() + "." + s.errField.Name()
	}
	return s.errObj.Name()
}

func isNil(pass *analysis.Pass, e ast.Expr) bool {
	id, ok := astutil.Unparen(e).(*ast.Ident)
	if !ok {
		return false
	}
	_, isNil := pass.TypesInfo.Uses[id].(*types.Nil)
	return isNil
}

// errorBranch returns the branch of ifs that runs when the read's error
// is non-nil: the body of `if err != nil`, `if err != nil && ...`, or a
// close test on err, or the else of `if err == nil`. A test for a decode
// error is not an error branch: continuing there is right.
func (s *site) errorBranch(ifs *ast.IfStmt) *ast.BlockStmt {
	switch cond := astutil.Unparen(ifs.Cond).(type) {
	case *ast.BinaryExpr:
		switch cond.Op {
		case token.NEQ:
			if s.nilTest(cond) {
				return ifs.Body
			}
		case token.EQL:
			if s.nilTest(cond) {
				if els, ok := ifs.Else.(*ast.BlockStmt); ok {
					return els
				}
				return nil
			}
			if s.isErr(cond.X) || s.isErr(cond.Y) {
				return ifs.Body // err == io.EOF
			}
		case token.LAND:
			if x, ok := astutil.Unparen(cond.X).(*ast.BinaryExpr); ok && x.Op == token.NEQ && s.nilTest(x) {
				return ifs.Body
			}
		}
	case *ast.CallExpr:
		if s.closeTest(cond) {
			return ifs.Body
		}
	}
	return nil
}

// nilTest reports whether b compares the error with nil.
func (s *site) nilTest(b *ast.BinaryExpr) bool {
	return (s.isErr(b.X) && isNil(s.pass, b.Y)) || (s.isErr(b.Y) && isNil(s.pass, b.X))
}

// nilTestCond reports whether cond is err == nil or err != nil.
func (s *site) nilTestCond(cond ast.Expr) bool {
	b, ok := astutil.Unparen(cond).(*ast.BinaryExpr)
	return ok && (b.Op == token.EQL || b.Op == token.NEQ) && s.nilTest(b)
}

// closeTest reports whether call tests the error for a close error:
// a library close test, errors.Is, or errors.As to a close error type.
func (s *site) closeTest(call *ast.CallExpr) bool {
	if len(call.Args) == 0 || !s.isErr(call.Args[0]) {
		return false
	}
	fn, _ := typeutil.Callee(s.pass.TypesInfo, call).(*types.Func)
	if op, ok := wsapi.Lookup(fn); ok {
		return op.Kind == wsapi.CloseTest
	}
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != "errors" || len(call.Args) != 2 {
		return false
	}
	switch fn.Name() {
	case "Is":
		return true
	case "As":
		t := s.pass.TypesInfo.TypeOf(call.Args[1])
		if p, ok := t.(*types.Pointer); ok {
			return wsapi.ClassifyType(p.Elem()) == wsapi.CloseErr
		}
	}
	return false
}

// mentionsErr reports whether the error variable occurs in n.
func (s *site) mentionsErr(n ast.Node) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Ident, *ast.SelectorExpr:
			if s.isErr(n.(ast.Expr)) {
				found = true
			}
		}
		return !found
	})
	return found
}

// continues returns the continue statements of the read's loop that
// run in an error branch.
func (s *site) continues() []*ast.BranchStmt {
	if s.loop == nil || s.errObj == nil {
		return nil
	}
	var out []*ast.BranchStmt
	inspectStack(loopBody(s.loop), func(n ast.Node, stack []ast.Node) bool {
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		br, ok := n.(*ast.BranchStmt)
		if !ok || br.Tok != token.CONTINUE || s.target(br, stack) != s.loop {
			return true
		}
		for i := len(stack) - 1; i > 0; i-- {
			if ifs, ok := stack[i-1].(*ast.IfStmt); ok && stack[i] == s.errorBranch(ifs) {
				out = append(out, br)
				break
			}
		}
		return true
	})
	return out
}

// target returns the loop a continue statement in the read loop's body
// continues; stack holds the nodes from that body down to br.
func (s *site) target(br *ast.BranchStmt, stack []ast.Node) ast.Stmt {
	if br.Label == nil {
		for i := len(stack) - 1; i >= 0; i-- {
			switch n := stack[i].(type) {
			case *ast.ForStmt, *ast.RangeStmt:
				return n.(ast.Stmt)
			}
		}
		return s.loop
	}
	if br.Label != nil {
		if l, ok := s.pass.TypesInfo.Uses[br.Label].(*types.Label); ok {
			// The labeled statement is our loop if its label is declared
			// just before it.
			if lbl := labelOf(s); lbl != nil && s.pass.TypesInfo.Defs[lbl] == l {
				return s.loop
			}
		}
	}
	return nil
}

// labelOf returns the label of the read's loop, if any.
func labelOf(s *site) *ast.Ident {
	path := fixes.Path(s.pass, s.loop.Pos(), s.loop.End())
	for i, n := range path {
		if n == s.loop && i+1 < len(path) {
			if ls, ok := path[i+1].(*ast.LabeledStmt); ok {
				return ls.Label
			}
		}
	}
	return nil
}

// openBranch returns the first error branch in the loop that does not
// end in a terminating statement.
func (s *site) openBranch() *ast.BlockStmt {
	if s.loop == nil || s.errObj == nil {
		return nil
	}
	var open *ast.BlockStmt
	ast.Inspect(loopBody(s.loop), func(n ast.Node) bool {
		if open != nil {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.IfStmt:
			if b := s.errorBranch(n); b != nil && !s.terminates(b) {
				if c, ok := astutil.Unparen(n.Cond).(*ast.BinaryExpr); ok && c.Op != token.LAND {
					open = b
				}
			}
		}
		return true
	})
	return open
}

// lastErrorTest returns the last statement after the read, in the same
// statement list, that tests the error for something other than nil: an
// if on a close code or io.EOF (in its condition or its init, as in
// `if _, ok := err.(wsutil.ClosedError); ok`), or a switch on the error
// or on its close status.
func (s *site) lastErrorTest() ast.Stmt {
	if !s.listed || s.errObj == nil {
		return nil
	}
	var last ast.Stmt
	after := false
	for _, st := range listOf(s) {
		if st == s.stmt {
			after = true
			continue
		}
		if after && s.testsErr(st) {
			last = st
		}
	}
	return last
}

// testsErr reports whether st branches on the error other than by
// comparing it with nil.
func (s *site) testsErr(st ast.Stmt) bool {
	switch st := st.(type) {
	case *ast.IfStmt:
		if s.nilTestCond(st.Cond) {
			return false
		}
		return s.mentionsErr(st.Cond) || (st.Init != nil && s.mentionsErr(st.Init))
	case *ast.SwitchStmt:
		if st.Tag != nil {
			return s.mentionsErr(st.Tag)
		}
		for _, c := range st.Body.List {
			for _, e := range c.(*ast.CaseClause).List {
				if s.mentionsErr(e) {
					return true
				}
			}
		}
	case *ast.TypeSwitchStmt:
		return s.mentionsErr(st.Assign)
	}
	return false
}

// listOf returns the statement list that holds the read's statement.
func listOf(s *site) []ast.Stmt {
	path := fixes.Path(s.pass, s.stmt.Pos(), s.stmt.End())
	for i, n := range path {
		if n == s.stmt && i+1 < len(path) {
			switch p := path[i+1].(type) {
			case *ast.BlockStmt:
				return p.List
			case *ast.CaseClause:
				return p.Body
			case *ast.CommClause:
				return p.Body
			}
		}
	}
	return nil
}

// terminates reports whether a block ends in a statement that leaves it
// for good: return, break, continue, goto, panic or a call that never
// returns, or an if/else whose branches all do.
func (s *site) terminates(b *ast.BlockStmt) bool {
	if len(b.List) == 0 {
		return false
	}
	switch last := b.List[len(b.List)-1].(type) {
	case *ast.ReturnStmt, *ast.BranchStmt:
		return true
	case *ast.BlockStmt:
		return s.terminates(last)
	case *ast.IfStmt:
		els, ok := last.Else.(*ast.BlockStmt)
		if elif, ok2 := last.Else.(*ast.IfStmt); ok2 {
			els, ok = &ast.BlockStmt{List: []ast.Stmt{elif}}, true
		}
		return ok && s.terminates(last.Body) && s.terminates(els)
	case *ast.ExprStmt:
		call, ok := astutil.Unparen(last.X).(*ast.CallExpr)
		if !ok {
			return false
		}
		if id, ok := astutil.Unparen(call.Fun).(*ast.Ident); ok {
			if _, ok := s.pass.TypesInfo.Uses[id].(*types.Builtin); ok && id.Name == "panic" {
				return true
			}
		}
		return noreturn.Expr(s.pass.TypesInfo, call)
	}
	return false
}

func loopBody(loop ast.Stmt) *ast.BlockStmt {
	switch l := loop.(type) {
	case *ast.ForStmt:
		return l.Body
	case *ast.RangeStmt:
		return l.Body
	}
	return nil
}

// inspectStack is ast.Inspect with the stack of enclosing nodes.
func inspectStack(root ast.Node, f func(n ast.Node, stack []ast.Node) bool) {
	var stack []ast.Node
	ast.Inspect(root, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return false
		}
		if !f(n, stack) {
			return false
		}
		stack = append(stack, n)
		return true
	})
}
