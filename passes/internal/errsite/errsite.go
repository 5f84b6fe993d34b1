// Package errsite is the syntax around a WebSocket call whose error
// matters: the call, its statement, its error variable (or the field of
// a wrapper's struct result that holds the error), the loop around it,
// the branches that test the error, and the fixes that make those
// branches leave: a continue that becomes break or return, an exit at
// the end of a branch that falls through, a check after a call whose
// error is discarded.
//
// The verdict comes from SSA (errstate); the wording and the fix come
// from this syntax.
package errsite

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/wsvet/wsvet/passes/internal/fixes"
	"github.com/wsvet/wsvet/passes/internal/noreturn"
	"github.com/wsvet/wsvet/passes/internal/wsapi"
	"github.com/wsvet/wsvet/passes/internal/wsssa"
)

// Site is the syntax around a read or a write: the call, its statement, the error
// variable and the loop.
type Site struct {
	pass     *analysis.Pass
	CallExpr *ast.CallExpr
	Stmt     ast.Stmt // the statement holding the call
	Listed   bool     // stmt is an element of a statement list
	ErrIdx   int      // index of the result that holds the error
	ErrIdent *ast.Ident
	ErrObj   types.Object // nil when the error is blank or unnamed
	ErrField *types.Var   // the error is this field of errObj (a wrapper's struct result), or nil
	Loop     ast.Stmt     // innermost *ast.ForStmt or *ast.RangeStmt, or nil
	CallName string       // conn.ReadMessage
	ConnName string       // conn
	what     string       // "read" or "write", for fix messages
}

// Locate finds the syntax of a call of op, a read or a write, or nil
// when it has none (generated code without positions).
func Locate(pass *analysis.Pass, call *ssa.Call, op wsssa.Op) *Site {
	lparen := call.Pos()
	path := fixes.Path(pass, lparen, lparen)
	s := &Site{pass: pass, ErrIdx: -1}
	i := 0
	for ; i < len(path); i++ {
		if c, ok := path[i].(*ast.CallExpr); ok && c.Lparen == lparen {
			s.CallExpr = c
			break
		}
	}
	if s.CallExpr == nil {
		return nil
	}
	for ; i < len(path); i++ {
		if st, ok := path[i].(ast.Stmt); ok {
			s.Stmt = st
			if i+1 < len(path) {
				_, s.Listed = fixes.StmtList(path[i+1])
			}
			break
		}
	}
	for j := i; j < len(path); j++ {
		switch n := path[j].(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			if s.Loop == nil {
				s.Loop = n.(ast.Stmt)
			}
		case *ast.FuncLit, *ast.FuncDecl:
			j = len(path)
		}
	}
	s.CallName = types.ExprString(s.CallExpr.Fun)
	s.what = "read"
	if op.Kind == wsapi.Write {
		s.what = "write"
	}
	s.ConnName = exprString(fixes.OperandExpr(pass.TypesInfo, s.CallExpr, op.Conn))

	s.ErrIdx = op.ErrRes
	if op.ErrPath != "" {
		if s.ErrField = errField(call.Call.Signature().Results(), op.ErrRes, op.ErrPath); s.ErrField == nil {
			s.ErrIdx = -1 // (a path that no field names)
		}
	}
	if as, ok := s.Stmt.(*ast.AssignStmt); ok && len(as.Rhs) == 1 && astutil.Unparen(as.Rhs[0]) == s.CallExpr &&
		s.ErrIdx >= 0 && s.ErrIdx < len(as.Lhs) {
		if id, ok := as.Lhs[s.ErrIdx].(*ast.Ident); ok {
			s.ErrIdent = id
			if id.Name != "_" {
				s.ErrObj = pass.TypesInfo.ObjectOf(id)
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

// IsErr reports whether e is the call's error: its variable, or the
// field of it that holds the error.
func (s *Site) IsErr(e ast.Expr) bool {
	if s.ErrObj == nil {
		return false
	}
	e = astutil.Unparen(e)
	if s.ErrField != nil {
		sel, ok := e.(*ast.SelectorExpr)
		if !ok || s.pass.TypesInfo.ObjectOf(sel.Sel) != s.ErrField {
			return false
		}
		e = astutil.Unparen(sel.X)
	}
	id, ok := e.(*ast.Ident)
	return ok && s.pass.TypesInfo.ObjectOf(id) == s.ErrObj
}

// ErrExpr returns the call's error as an expression, or "".
func (s *Site) ErrExpr() string {
	switch {
	case s.ErrObj == nil:
		return ""
	case s.ErrField != nil:
		return s.ErrObj.Name() + "." + s.ErrField.Name()
	}
	return s.ErrObj.Name()
}

func isNil(pass *analysis.Pass, e ast.Expr) bool {
	id, ok := astutil.Unparen(e).(*ast.Ident)
	if !ok {
		return false
	}
	_, isNil := pass.TypesInfo.Uses[id].(*types.Nil)
	return isNil
}

// ErrorBranch returns the branch of ifs that runs when the call's error
// is non-nil: the body of `if err != nil`, `if err != nil && ...`, or a
// close test on err, or the else of `if err == nil`. A test for a decode
// error is not an error branch: continuing there is right.
func (s *Site) ErrorBranch(ifs *ast.IfStmt) *ast.BlockStmt {
	switch cond := astutil.Unparen(ifs.Cond).(type) {
	case *ast.BinaryExpr:
		switch cond.Op {
		case token.NEQ:
			if s.NilTest(cond) {
				return ifs.Body
			}
		case token.EQL:
			if s.NilTest(cond) {
				if els, ok := ifs.Else.(*ast.BlockStmt); ok {
					return els
				}
				return nil
			}
			if s.IsErr(cond.X) || s.IsErr(cond.Y) {
				return ifs.Body // err == io.EOF
			}
		case token.LAND:
			if x, ok := astutil.Unparen(cond.X).(*ast.BinaryExpr); ok && x.Op == token.NEQ && s.NilTest(x) {
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

// NilTest reports whether b compares the error with nil.
func (s *Site) NilTest(b *ast.BinaryExpr) bool {
	return (s.IsErr(b.X) && isNil(s.pass, b.Y)) || (s.IsErr(b.Y) && isNil(s.pass, b.X))
}

// nilTestCond reports whether cond is err == nil or err != nil.
func (s *Site) nilTestCond(cond ast.Expr) bool {
	b, ok := astutil.Unparen(cond).(*ast.BinaryExpr)
	return ok && (b.Op == token.EQL || b.Op == token.NEQ) && s.NilTest(b)
}

// closeTest reports whether call tests the error for a close error:
// a library close test, errors.Is, or errors.As to a close error type.
func (s *Site) closeTest(call *ast.CallExpr) bool {
	if len(call.Args) == 0 || !s.IsErr(call.Args[0]) {
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

// MentionsErr reports whether the error variable occurs in n.
func (s *Site) MentionsErr(n ast.Node) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Ident, *ast.SelectorExpr:
			if s.IsErr(n.(ast.Expr)) {
				found = true
			}
		}
		return !found
	})
	return found
}

// Continues returns the continue statements of the call's loop that
// run in an error branch.
func (s *Site) Continues() []*ast.BranchStmt {
	if s.Loop == nil || s.ErrObj == nil {
		return nil
	}
	var out []*ast.BranchStmt
	InspectStack(loopBody(s.Loop), func(n ast.Node, stack []ast.Node) bool {
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		br, ok := n.(*ast.BranchStmt)
		if !ok || br.Tok != token.CONTINUE || s.target(br, stack) != s.Loop {
			return true
		}
		for i := len(stack) - 1; i > 0; i-- {
			if ifs, ok := stack[i-1].(*ast.IfStmt); ok && stack[i] == s.ErrorBranch(ifs) {
				out = append(out, br)
				break
			}
		}
		return true
	})
	return out
}

// target returns the loop a continue statement in the loop's body
// continues; stack holds the nodes from that body down to br.
func (s *Site) target(br *ast.BranchStmt, stack []ast.Node) ast.Stmt {
	if br.Label == nil {
		for i := len(stack) - 1; i >= 0; i-- {
			switch n := stack[i].(type) {
			case *ast.ForStmt, *ast.RangeStmt:
				return n.(ast.Stmt)
			}
		}
		return s.Loop
	}
	if br.Label != nil {
		if l, ok := s.pass.TypesInfo.Uses[br.Label].(*types.Label); ok {
			// The labeled statement is our loop if its label is declared
			// just before it.
			if lbl := labelOf(s); lbl != nil && s.pass.TypesInfo.Defs[lbl] == l {
				return s.Loop
			}
		}
	}
	return nil
}

// labelOf returns the label of the call's loop, if any.
func labelOf(s *Site) *ast.Ident {
	path := fixes.Path(s.pass, s.Loop.Pos(), s.Loop.End())
	for i, n := range path {
		if n == s.Loop && i+1 < len(path) {
			if ls, ok := path[i+1].(*ast.LabeledStmt); ok {
				return ls.Label
			}
		}
	}
	return nil
}

// OpenBranch returns the first error branch in the loop (or, outside a
// loop, in the function) that does not end in a terminating statement.
func (s *Site) OpenBranch() *ast.BlockStmt {
	if s.ErrObj == nil {
		return nil
	}
	region := loopBody(s.Loop)
	if s.Loop == nil {
		region = s.funcBody()
	}
	if region == nil {
		return nil
	}
	var open *ast.BlockStmt
	ast.Inspect(region, func(n ast.Node) bool {
		if open != nil {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.IfStmt:
			if n.End() < s.Stmt.Pos() {
				return true // a test of an earlier value of the variable
			}
			if b := s.ErrorBranch(n); b != nil && !s.Terminates(b) {
				if c, ok := astutil.Unparen(n.Cond).(*ast.BinaryExpr); ok && c.Op != token.LAND {
					open = b
				}
			}
		}
		return true
	})
	return open
}

// LastErrorTest returns the last statement after the call, in the same
// statement list, that tests the error for something other than nil: an
// if on a close code or io.EOF (in its condition or its init, as in
// `if _, ok := err.(wsutil.ClosedError); ok`), or a switch on the error
// or on its close status.
func (s *Site) LastErrorTest() ast.Stmt {
	if !s.Listed || s.ErrObj == nil {
		return nil
	}
	var last ast.Stmt
	after := false
	for _, st := range listOf(s) {
		if st == s.Stmt {
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
func (s *Site) testsErr(st ast.Stmt) bool {
	switch st := st.(type) {
	case *ast.IfStmt:
		if s.nilTestCond(st.Cond) {
			return false
		}
		return s.MentionsErr(st.Cond) || (st.Init != nil && s.MentionsErr(st.Init))
	case *ast.SwitchStmt:
		if st.Tag != nil {
			return s.MentionsErr(st.Tag)
		}
		for _, c := range st.Body.List {
			for _, e := range c.(*ast.CaseClause).List {
				if s.MentionsErr(e) {
					return true
				}
			}
		}
	case *ast.TypeSwitchStmt:
		return s.MentionsErr(st.Assign)
	}
	return false
}

// listOf returns the statement list that holds the call's statement.
func listOf(s *Site) []ast.Stmt {
	path := fixes.Path(s.pass, s.Stmt.Pos(), s.Stmt.End())
	for i, n := range path {
		if n == s.Stmt && i+1 < len(path) {
			list, _ := fixes.StmtList(path[i+1])
			return list
		}
	}
	return nil
}

// Terminates reports whether a block ends in a statement that leaves it
// for good: return, break, continue, goto, panic or a call that never
// returns, or an if/else whose branches all do.
func (s *Site) Terminates(b *ast.BlockStmt) bool {
	if len(b.List) == 0 {
		return false
	}
	switch last := b.List[len(b.List)-1].(type) {
	case *ast.ReturnStmt, *ast.BranchStmt:
		return true
	case *ast.BlockStmt:
		return s.Terminates(last)
	case *ast.IfStmt:
		els, ok := last.Else.(*ast.BlockStmt)
		if elif, ok2 := last.Else.(*ast.IfStmt); ok2 {
			els, ok = &ast.BlockStmt{List: []ast.Stmt{elif}}, true
		}
		return ok && s.Terminates(last.Body) && s.Terminates(els)
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

// InspectStack is ast.Inspect with the stack of enclosing nodes.
func InspectStack(root ast.Node, f func(n ast.Node, stack []ast.Node) bool) {
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

// Exit returns the statement that leaves the call's loop from node n (or, outside a loop, returns).
func (s *Site) Exit(n ast.Node, errName string) string {
	path := fixes.Path(s.pass, n.Pos(), n.End())
	if s.Loop == nil {
		return fixes.Return(s.pass.TypesInfo, fixes.EnclosingFunc(path), errName)
	}
	return fixes.Exit(s.pass.TypesInfo, path, s.Loop, errName)
}

// funcBody returns the body of the function around the call.
func (s *Site) funcBody() *ast.BlockStmt {
	for _, n := range fixes.Path(s.pass, s.CallExpr.Pos(), s.CallExpr.End()) {
		switch f := n.(type) {
		case *ast.FuncLit:
			return f.Body
		case *ast.FuncDecl:
			return f.Body
		}
	}
	return nil
}

// FixContinues replaces each continue of an error branch with an exit.
func (s *Site) FixContinues() *analysis.SuggestedFix {
	var edits []analysis.TextEdit
	for _, br := range s.Continues() {
		edits = append(edits, analysis.TextEdit{Pos: br.Pos(), End: br.End(), NewText: []byte(s.Exit(br, s.ErrExpr()))})
	}
	return &analysis.SuggestedFix{Message: "Leave the loop on " + s.what + " error", TextEdits: edits}
}

// FixOpenBranch ends an error branch that falls through with an exit.
func (s *Site) FixOpenBranch() *analysis.SuggestedFix {
	b := s.OpenBranch()
	if b == nil {
		return nil
	}
	var edit analysis.TextEdit
	if len(b.List) == 0 {
		in := fixes.Indent(s.pass, b.Lbrace)
		text := "{\n" + in + "\t" + s.Exit(b, s.ErrExpr()) + "\n" + in + "}"
		edit = analysis.TextEdit{Pos: b.Lbrace, End: b.Rbrace + 1, NewText: []byte(text)}
	} else {
		last := b.List[len(b.List)-1]
		text := "\n" + fixes.Indent(s.pass, last.Pos()) + s.Exit(last, s.ErrExpr())
		edit = analysis.TextEdit{Pos: last.End(), End: last.End(), NewText: []byte(text)}
	}
	msg := "Leave the loop at the end of the error branch"
	if s.Loop == nil {
		msg = "Return at the end of the error branch"
	}
	return &analysis.SuggestedFix{Message: msg, TextEdits: []analysis.TextEdit{edit}}
}

// FixAfter inserts `if err != nil { exit }` after stmt.
func (s *Site) FixAfter(stmt ast.Stmt) *analysis.SuggestedFix {
	if stmt == nil || !s.Listed || s.ErrObj == nil || s.Loop == nil {
		return nil
	}
	return &analysis.SuggestedFix{
		Message:   "Leave the loop on " + s.what + " error",
		TextEdits: []analysis.TextEdit{fixes.IfErr(s.pass, stmt, s.ErrExpr(), s.Exit(stmt, s.ErrExpr()))},
	}
}

// FixDiscarded names a discarded error and checks it after the call.
func (s *Site) FixDiscarded() *analysis.SuggestedFix {
	if s.ErrObj != nil {
		return s.FixAfter(s.Stmt) // assigned but never read
	}
	if !s.Listed || s.Loop == nil || s.ErrIdx < 0 {
		return nil
	}
	var edits []analysis.TextEdit
	var name string
	switch st := s.Stmt.(type) {
	case *ast.AssignStmt:
		if s.ErrIdent == nil {
			return nil
		}
		name = s.freshName()
		if st.Tok == token.ASSIGN {
			// `_, msg, _ = c.ReadMessage()`: declaring the error needs
			// :=, which is only right when every other operand is blank.
			for _, l := range st.Lhs {
				if id, ok := l.(*ast.Ident); !ok || id.Name != "_" {
					return nil
				}
			}
			edits = append(edits, analysis.TextEdit{Pos: st.TokPos, End: st.TokPos + 1, NewText: []byte(":=")})
		}
		edits = append(edits, analysis.TextEdit{Pos: s.ErrIdent.Pos(), End: s.ErrIdent.End(), NewText: []byte(name)})
	case *ast.ExprStmt:
		// `c.ReadJSON(&v)`: declare the results.
		name = s.freshName()
		lhs := make([]string, s.ErrIdx+1)
		for i := range lhs {
			lhs[i] = "_"
		}
		lhs[s.ErrIdx] = name
		edits = append(edits, analysis.TextEdit{Pos: st.Pos(), End: st.Pos(), NewText: []byte(strings.Join(lhs, ", ") + " := ")})
	default:
		return nil
	}
	edits = append(edits, fixes.IfErr(s.pass, s.Stmt, name, s.Exit(s.Stmt, name)))
	return &analysis.SuggestedFix{Message: "Check the " + s.what + " error and leave the loop", TextEdits: edits}
}

// freshName returns a name for the error that is not declared in the
// scope of the call's statement, so that := declares it.
func (s *Site) freshName() string {
	scope := s.pass.Pkg.Scope().Innermost(s.Stmt.Pos())
	for _, name := range []string{"err", "readErr", "rerr"} {
		if scope == nil || scope.Lookup(name) == nil {
			return name
		}
	}
	return "wsErr"
}

// exprString renders an expression for a message.
func exprString(e ast.Expr) string {
	if e == nil {
		return "the connection"
	}
	return types.ExprString(e)
}

// ForVar returns a site that knows only its error variable, to test
// conditions on it.
func ForVar(pass *analysis.Pass, v types.Object) *Site { return &Site{pass: pass, ErrObj: v} }
