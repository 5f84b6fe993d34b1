package connleak

import (
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/wsvet/wsvet/passes/internal/fixes"
	"github.com/wsvet/wsvet/passes/internal/wsapi"
)

// broadcastFix deletes and closes the member when the write fails, in
// a range over a registry map: it wraps a bare write statement in
// `if err := write; err != nil {...}`, or adds the cleanup at the end of
// an existing error branch.
func broadcastFix(pass *analysis.Pass, write *ast.CallExpr, member ast.Expr) *analysis.SuggestedFix {
	path := fixes.Path(pass, write.Pos(), write.End())
	var rng *ast.RangeStmt
	for _, n := range path {
		if r, ok := n.(*ast.RangeStmt); ok {
			rng = r
			break
		}
	}
	if rng == nil || rng.Key == nil {
		return nil
	}
	if _, ok := pass.TypesInfo.TypeOf(rng.X).Underlying().(*types.Map); !ok {
		return nil // a slice or sync.Map: no one-line removal
	}
	key, ok := rng.Key.(*ast.Ident)
	if !ok || key.Name == "_" {
		return nil
	}
	if member == nil || !wsapi.HoldsConn(pass.TypesInfo.TypeOf(member), true) {
		return nil
	}
	closeCall := ".Close()"
	if wsapi.NeedsCloseNow(pass.TypesInfo.TypeOf(member)) {
		closeCall = ".CloseNow()" // coder's Close takes a status and a reason
	}
	// The write's results before its error: `_, err :=` for x/net's
	// Write (int, error).
	lhs := "err"
	if tup, ok := pass.TypesInfo.TypeOf(write).(*types.Tuple); ok {
		lhs = strings.Repeat("_, ", tup.Len()-1) + "err"
	}
	var stmt ast.Stmt
	for i, n := range path {
		if n == write && i+1 < len(path) {
			stmt, _ = path[i+1].(ast.Stmt)
			if as, ok := path[i+1].(*ast.AssignStmt); ok && i+2 < len(path) {
				if ifs, ok := path[i+2].(*ast.IfStmt); ok && ifs.Init == as {
					stmt = ifs
				}
			}
			break
		}
	}
	cleanup := func(in string) string {
		return in + "delete(" + types.ExprString(rng.X) + ", " + key.Name + ")\n" + in + types.ExprString(member) + closeCall
	}
	switch st := stmt.(type) {
	case *ast.AssignStmt:
		// err := c.WriteMessage(...): check err on the next line.
		id, ok := st.Lhs[len(st.Lhs)-1].(*ast.Ident)
		if !ok || id.Name == "_" || len(st.Rhs) != 1 {
			return nil
		}
		in := fixes.Indent(pass, st.Pos())
		return &analysis.SuggestedFix{
			Message:   "Delete and close the member when the write fails",
			TextEdits: []analysis.TextEdit{fixes.IfErr(pass, st, id.Name, strings.TrimPrefix(cleanup(in+"\t"), in+"\t"))},
		}
	case *ast.ExprStmt:
		in := fixes.Indent(pass, st.Pos())
		// A comment that ended the statement's line stays on its line.
		end := fixes.LineEnd(pass, st.End())
		comment := ""
		if tf := pass.Fset.File(st.Pos()); tf != nil && end > st.End() {
			if src, err := pass.ReadFile(tf.Name()); err == nil {
				comment = string(src[tf.Offset(st.End()):tf.Offset(end)])
			}
		}
		text := "if " + lhs + " := " + types.ExprString(write) + "; err != nil {" + comment + "\n" + cleanup(in+"\t") + "\n" + in + "}"
		return &analysis.SuggestedFix{
			Message:   "Delete and close the member when the write fails",
			TextEdits: []analysis.TextEdit{{Pos: st.Pos(), End: end, NewText: []byte(text)}},
		}
	case *ast.IfStmt:
		if st.Else != nil || len(st.Body.List) == 0 {
			return nil
		}
		last := st.Body.List[len(st.Body.List)-1]
		in := fixes.Indent(pass, last.Pos())
		if _, isBranch := last.(*ast.BranchStmt); isBranch {
			// Before the continue or break.
			return &analysis.SuggestedFix{
				Message:   "Delete and close the member when the write fails",
				TextEdits: []analysis.TextEdit{{Pos: last.Pos(), End: last.Pos(), NewText: []byte(strings.TrimPrefix(cleanup(in), in) + "\n" + in)}},
			}
		}
		at := fixes.LineEnd(pass, last.End())
		return &analysis.SuggestedFix{
			Message:   "Delete and close the member when the write fails",
			TextEdits: []analysis.TextEdit{{Pos: at, End: at, NewText: []byte("\n" + cleanup(in))}},
		}
	}
	return nil
}
