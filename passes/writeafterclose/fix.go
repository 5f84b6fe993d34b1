package writeafterclose

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ssa"

	"github.com/wsvet/wsvet/passes/internal/fixes"
)

// removeWrite deletes the statement that makes the write: the call
// statement, `_ = write`, or an `if err := write(); err != nil {...}`
// whose only job is that write. It gives no fix when the statement is
// part of something larger, or when deleting it would leave a local
// variable unused (a compile error).
func removeWrite(pass *analysis.Pass, call *ast.CallExpr) *analysis.SuggestedFix {
	path := fixes.Path(pass, call.Pos(), call.End())
	var stmt ast.Stmt
	for i, n := range path {
		if n == call && i+1 < len(path) {
			switch p := path[i+1].(type) {
			case *ast.ExprStmt:
				stmt = p
			case *ast.AssignStmt:
				if len(p.Rhs) == 1 && allBlank(p.Lhs) {
					stmt = p
				} else if i+2 < len(path) {
					if ifs, ok := path[i+2].(*ast.IfStmt); ok && ifs.Init == p && ifs.Else == nil && len(p.Rhs) == 1 {
						stmt = ifs
					}
				}
			}
			break
		}
	}
	if stmt == nil || !listed(path, stmt) || leavesUnused(pass, path, stmt) {
		return nil
	}
	edit, ok := fixes.DeleteLines(pass, stmt)
	if !ok {
		return nil
	}
	return &analysis.SuggestedFix{Message: "Remove the write to the closed connection", TextEdits: []analysis.TextEdit{edit}}
}

func allBlank(es []ast.Expr) bool {
	for _, e := range es {
		if id, ok := e.(*ast.Ident); !ok || id.Name != "_" {
			return false
		}
	}
	return true
}

// listed reports whether stmt is an element of a statement list in path.
func listed(path []ast.Node, stmt ast.Stmt) bool {
	for i, n := range path {
		if n == stmt && i+1 < len(path) {
			_, ok := fixes.StmtList(path[i+1])
			return ok
		}
	}
	return false
}

// leavesUnused reports whether some local variable used in stmt is used
// nowhere else in the enclosing function.
func leavesUnused(pass *analysis.Pass, path []ast.Node, stmt ast.Stmt) bool {
	var body ast.Node
	for _, n := range path {
		if f, ok := n.(*ast.FuncDecl); ok {
			body = f.Body
			break
		}
		if f, ok := n.(*ast.FuncLit); ok {
			body = f.Body
			break
		}
	}
	if body == nil {
		return true
	}
	inStmt := make(map[types.Object]bool)
	declared := make(map[types.Object]bool)
	ast.Inspect(stmt, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			// Only variables declared in the body: unused parameters and
			// package variables compile.
			if v, ok := pass.TypesInfo.Uses[id].(*types.Var); ok && body.Pos() <= v.Pos() && v.Pos() < body.End() {
				inStmt[v] = true
			}
			if obj := pass.TypesInfo.Defs[id]; obj != nil {
				declared[obj] = true
			}
		}
		return true
	})
	used := make(map[types.Object]bool)
	ast.Inspect(body, func(n ast.Node) bool {
		if n == stmt {
			return false
		}
		if id, ok := n.(*ast.Ident); ok && inStmt[pass.TypesInfo.Uses[id]] {
			used[pass.TypesInfo.Uses[id]] = true
		}
		return true
	})
	for v := range inStmt {
		if !used[v] && !declared[v] {
			return true
		}
	}
	return false
}

// moveRemoval moves the statement that removes the connection from the
// registry before the broadcast statement, when both are calls in the
// same statement list and the removal comes later.
func moveRemoval(pass *analysis.Pass, broadcast *ast.CallExpr, removal ssa.CallInstruction) *analysis.SuggestedFix {
	if _, ok := removal.(*ssa.Call); !ok {
		return nil // a deferred removal: moving it changes more than order
	}
	bstmt := exprStmt(pass, broadcast.Pos(), broadcast.End())
	lparen := removal.Common().Pos()
	rstmt := exprStmt(pass, lparen, lparen)
	if bstmt == nil || rstmt == nil || rstmt.Pos() < bstmt.End() {
		return nil
	}
	parent := fixes.Parent(pass, bstmt)
	if parent == nil || parent != fixes.Parent(pass, rstmt) {
		return nil
	}
	if _, ok := fixes.StmtList(parent); !ok {
		return nil
	}
	del, ok := fixes.DeleteLines(pass, rstmt)
	if !ok {
		return nil
	}
	text, err := pass.ReadFile(pass.Fset.File(rstmt.Pos()).Name())
	if err != nil {
		return nil
	}
	tf := pass.Fset.File(rstmt.Pos())
	stmtText := string(text[tf.Offset(rstmt.Pos()):tf.Offset(rstmt.End())])
	in := fixes.Indent(pass, bstmt.Pos())
	insert := analysis.TextEdit{Pos: bstmt.Pos(), End: bstmt.Pos(), NewText: []byte(stmtText + "\n" + in)}
	return &analysis.SuggestedFix{
		Message:   "Remove the connection from the registry before the broadcast",
		TextEdits: []analysis.TextEdit{insert, del},
	}
}

// exprStmt returns the expression statement around the call at [pos, end).
func exprStmt(pass *analysis.Pass, pos, end token.Pos) *ast.ExprStmt {
	for _, n := range fixes.Path(pass, pos, end) {
		if st, ok := n.(*ast.ExprStmt); ok {
			if _, ok := astutil.Unparen(st.X).(*ast.CallExpr); ok {
				return st
			}
		}
		if _, ok := n.(ast.Stmt); ok {
			return nil
		}
	}
	return nil
}
