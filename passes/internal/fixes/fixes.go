// Package fixes builds the text of wsvet's suggested fixes on the
// original syntax: exit statements that leave a read loop, return
// statements with the zero values a signature needs, and insertions
// indented the way gofmt would indent them.
package fixes

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/types/typeutil"
)

// Path returns the chain of nodes enclosing [pos, end) in the file of
// pass that contains pos, innermost first, or nil.
func Path(pass *analysis.Pass, pos, end token.Pos) []ast.Node {
	for _, f := range pass.Files {
		if f.FileStart <= pos && pos <= f.FileEnd {
			path, _ := astutil.PathEnclosingInterval(f, pos, end)
			return path
		}
	}
	return nil
}

// CallAt returns the call expression whose left parenthesis is at lparen
// (the position of an SSA call), or nil.
func CallAt(pass *analysis.Pass, lparen token.Pos) *ast.CallExpr {
	if !lparen.IsValid() {
		return nil
	}
	for _, n := range Path(pass, lparen, lparen) {
		if ce, ok := n.(*ast.CallExpr); ok && ce.Lparen == lparen {
			return ce
		}
	}
	return nil
}

// Parent returns the node that immediately encloses n.
func Parent(pass *analysis.Pass, n ast.Node) ast.Node {
	path := Path(pass, n.Pos(), n.End())
	for i, p := range path {
		if p == n && i+1 < len(path) {
			return path[i+1]
		}
	}
	return nil
}

// Body returns the body of a function's syntax (a declaration or a
// literal, as ssa.Function.Syntax gives it), or nil.
func Body(syntax ast.Node) *ast.BlockStmt {
	switch f := syntax.(type) {
	case *ast.FuncDecl:
		return f.Body
	case *ast.FuncLit:
		return f.Body
	}
	return nil
}

// StmtList returns the statement list of parent, the node that
// immediately encloses a statement, when it is one (a block, a switch
// case or a select case): the statements a fix can insert beside.
func StmtList(parent ast.Node) ([]ast.Stmt, bool) {
	switch p := parent.(type) {
	case *ast.BlockStmt:
		return p.List, true
	case *ast.CaseClause:
		return p.Body, true
	case *ast.CommClause:
		return p.Body, true
	}
	return nil, false
}

// EnclosingStmt returns the innermost statement in path, or nil.
func EnclosingStmt(path []ast.Node) ast.Stmt {
	for _, n := range path {
		if st, ok := n.(ast.Stmt); ok {
			return st
		}
	}
	return nil
}

// EnclosingFunc returns the type of the innermost function in path.
func EnclosingFunc(path []ast.Node) *ast.FuncType {
	for _, n := range path {
		switch n := n.(type) {
		case *ast.FuncLit:
			return n.Type
		case *ast.FuncDecl:
			return n.Type
		}
	}
	return nil
}

// Exit returns a statement that leaves loop from the innermost node of
// path: "break" (or "break L") when that leaves the loop, the function
// does not loop around it and has no results (a break could make a
// function that ends in the loop miss its return), otherwise a return
// statement whose error result is errExpr.
func Exit(info *types.Info, path []ast.Node, loop ast.Stmt, errExpr string) string {
	if ft := EnclosingFunc(path); ft == nil || (ft.Results != nil && len(ft.Results.List) > 0) {
		return Return(info, ft, errExpr)
	}
	inner := true // an unlabeled break beside path[0] would leave loop
	// path[0] is the statement the exit replaces or follows: a switch
	// there does not capture the break, only its enclosing statements do.
	i := 1
	for ; i < len(path) && path[i] != loop; i++ {
		switch path[i].(type) {
		case *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
			inner = false
		case *ast.FuncLit, *ast.FuncDecl:
			return Return(info, EnclosingFunc(path), errExpr)
		}
	}
	var label *ast.Ident
	for j := i + 1; j < len(path); j++ {
		switch n := path[j].(type) {
		case *ast.LabeledStmt:
			if n.Stmt == loop {
				label = n.Label
			}
		case *ast.ForStmt, *ast.RangeStmt:
			// An enclosing loop would start the read loop again.
			return Return(info, EnclosingFunc(path), errExpr)
		case *ast.FuncLit, *ast.FuncDecl:
			j = len(path)
		}
	}
	switch {
	case inner:
		return "break"
	case label != nil:
		return "break " + label.Name
	}
	return Return(info, EnclosingFunc(path), errExpr)
}

// Return returns a return statement for a function of type ft: zero
// values, except errExpr (if not empty) for the last result when its
// type is error.
func Return(info *types.Info, ft *ast.FuncType, errExpr string) string {
	if ft == nil || ft.Results == nil || len(ft.Results.List) == 0 {
		return "return"
	}
	var vals []string
	for _, field := range ft.Results.List {
		n := max(len(field.Names), 1)
		for range n {
			vals = append(vals, Zero(info, field.Type))
		}
	}
	last := ft.Results.List[len(ft.Results.List)-1]
	if t := info.TypeOf(last.Type); errExpr != "" && t != nil && types.Identical(t, types.Universe.Lookup("error").Type()) {
		vals[len(vals)-1] = errExpr
	}
	return "return " + strings.Join(vals, ", ")
}

// Zero returns the zero value of the type written as expr.
func Zero(info *types.Info, expr ast.Expr) string {
	t := info.TypeOf(expr)
	if t == nil {
		return "*new(" + types.ExprString(expr) + ")"
	}
	if _, ok := types.Unalias(t).(*types.TypeParam); ok {
		return "*new(" + types.ExprString(expr) + ")"
	}
	switch u := t.Underlying().(type) {
	case *types.Basic:
		switch {
		case u.Info()&types.IsBoolean != 0:
			return "false"
		case u.Info()&types.IsString != 0:
			return `""`
		case u.Info()&types.IsNumeric != 0:
			return "0"
		case u.Kind() == types.UnsafePointer:
			return "nil"
		}
	case *types.Pointer, *types.Slice, *types.Map, *types.Chan, *types.Signature, *types.Interface:
		return "nil"
	case *types.Struct, *types.Array:
		return types.ExprString(expr) + "{}"
	}
	return "*new(" + types.ExprString(expr) + ")"
}

// Indent returns the leading white space of the line holding pos.
func Indent(pass *analysis.Pass, pos token.Pos) string {
	tf := pass.Fset.File(pos)
	if tf == nil {
		return ""
	}
	src, err := pass.ReadFile(tf.Name())
	if err != nil {
		return ""
	}
	start := tf.Offset(tf.LineStart(tf.Line(pos)))
	line := src[start:]
	return string(line[:len(line)-len(bytes.TrimLeft(line, " \t"))])
}

// IfErr returns an edit that inserts `if errName != nil { exit }` on
// the lines after stmt, indented like it. The insertion goes after a
// comment that ends stmt's line, so the comment stays with stmt.
func IfErr(pass *analysis.Pass, stmt ast.Node, errName, exit string) analysis.TextEdit {
	in := Indent(pass, stmt.Pos())
	text := fmt.Sprintf("\n%sif %s != nil {\n%s\t%s\n%s}", in, errName, in, exit, in)
	at := LineEnd(pass, stmt.End())
	return analysis.TextEdit{Pos: at, End: at, NewText: []byte(text)}
}

// LineEnd returns the end of the line holding end when the rest of that
// line is blank or a // comment, and end otherwise.
func LineEnd(pass *analysis.Pass, end token.Pos) token.Pos {
	tf := pass.Fset.File(end)
	if tf == nil {
		return end
	}
	src, err := pass.ReadFile(tf.Name())
	if err != nil {
		return end
	}
	off := tf.Offset(end)
	rest := src[off:]
	if i := bytes.IndexByte(rest, '\n'); i >= 0 {
		rest = rest[:i]
	}
	trimmed := bytes.TrimSpace(rest)
	if len(trimmed) == 0 || (bytes.HasPrefix(trimmed, []byte("//")) && !bytes.Contains(trimmed, []byte("*/"))) {
		return end + token.Pos(len(bytes.TrimRight(rest, " \t\r")))
	}
	return end
}

// DeleteLines returns an edit that deletes stmt with the lines it
// occupies, when nothing else is on them but white space and a trailing
// // comment.
func DeleteLines(pass *analysis.Pass, stmt ast.Node) (analysis.TextEdit, bool) {
	tf := pass.Fset.File(stmt.Pos())
	if tf == nil {
		return analysis.TextEdit{}, false
	}
	src, err := pass.ReadFile(tf.Name())
	if err != nil {
		return analysis.TextEdit{}, false
	}
	start := tf.LineStart(tf.Line(stmt.Pos()))
	if len(bytes.TrimSpace(src[tf.Offset(start):tf.Offset(stmt.Pos())])) > 0 {
		return analysis.TextEdit{}, false // something precedes it on its line
	}
	end := LineEnd(pass, stmt.End())
	if end == stmt.End() && tf.Offset(end) < len(src) && src[tf.Offset(end)] != '\n' {
		return analysis.TextEdit{}, false // something follows it on its line
	}
	if off := tf.Offset(end); off < len(src) && src[off] == '\n' {
		end++
	}
	return analysis.TextEdit{Pos: start, End: end}, true
}

// OperandExpr returns the expression of operand i of call, counting the
// receiver of a method call as operand 0 (the layout of wsapi.Op.Conn),
// or nil.
func OperandExpr(info *types.Info, call *ast.CallExpr, i int) ast.Expr {
	if f, ok := typeutil.Callee(info, call).(*types.Func); ok && f.Signature().Recv() != nil {
		if i == 0 {
			if sel, ok := astutil.Unparen(call.Fun).(*ast.SelectorExpr); ok {
				return sel.X
			}
			return nil
		}
		i--
	}
	if i >= 0 && i < len(call.Args) {
		return call.Args[i]
	}
	return nil
}
