package readloop

import (
	"go/ast"
	"go/token"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/wsvet/wsvet/passes/internal/fixes"
)

// exit returns the statement that leaves the read loop from node n.
func (s *site) exit(n ast.Node, errName string) string {
	return fixes.Exit(s.pass.TypesInfo, fixes.Path(s.pass, n.Pos(), n.End()), s.loop, errName)
}

// fixContinues replaces each continue of an error branch with an exit.
func (s *site) fixContinues() *analysis.SuggestedFix {
	var edits []analysis.TextEdit
	for _, br := range s.continues() {
		edits = append(edits, analysis.TextEdit{Pos: br.Pos(), End: br.End(), NewText: []byte(s.exit(br, s.errExpr()))})
	}
	return &analysis.SuggestedFix{Message: "Leave the loop on read error", TextEdits: edits}
}

// fixOpenBranch ends an error branch that falls through with an exit.
func (s *site) fixOpenBranch() *analysis.SuggestedFix {
	b := s.openBranch()
	if b == nil || s.loop == nil {
		return nil
	}
	var edit analysis.TextEdit
	if len(b.List) == 0 {
		in := fixes.Indent(s.pass, b.Lbrace)
		text := "{\n" + in + "\t" + s.exit(b, s.errExpr()) + "\n" + in + "}"
		edit = analysis.TextEdit{Pos: b.Lbrace, End: b.Rbrace + 1, NewText: []byte(text)}
	} else {
		last := b.List[len(b.List)-1]
		text := "\n" + fixes.Indent(s.pass, last.Pos()) + s.exit(last, s.errExpr())
		edit = analysis.TextEdit{Pos: last.End(), End: last.End(), NewText: []byte(text)}
	}
	return &analysis.SuggestedFix{Message: "Leave the loop at the end of the error branch", TextEdits: []analysis.TextEdit{edit}}
}

// fixAfter inserts `if err != nil { exit }` after stmt.
func (s *site) fixAfter(stmt ast.Stmt) *analysis.SuggestedFix {
	if stmt == nil || !s.listed || s.errObj == nil || s.loop == nil {
		return nil
	}
	return &analysis.SuggestedFix{
		Message:   "Leave the loop on read error",
		TextEdits: []analysis.TextEdit{fixes.IfErr(s.pass, stmt, s.errExpr(), s.exit(stmt, s.errExpr()))},
	}
}

// fixDiscarded names a discarded error and checks it after the read.
func (s *site) fixDiscarded() *analysis.SuggestedFix {
	if s.errObj != nil {
		return s.fixAfter(s.stmt) // assigned but never read
	}
	if !s.listed || s.loop == nil || s.errIdx < 0 {
		return nil
	}
	var edits []analysis.TextEdit
	var name string
	switch st := s.stmt.(type) {
	case *ast.AssignStmt:
		if s.errIdent == nil {
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
		edits = append(edits, analysis.TextEdit{Pos: s.errIdent.Pos(), End: s.errIdent.End(), NewText: []byte(name)})
	case *ast.ExprStmt:
		// `c.ReadJSON(&v)`: declare the results.
		name = s.freshName()
		lhs := make([]string, s.errIdx+1)
		for i := range lhs {
			lhs[i] = "_"
		}
		lhs[s.errIdx] = name
		edits = append(edits, analysis.TextEdit{Pos: st.Pos(), End: st.Pos(), NewText: []byte(strings.Join(lhs, ", ") + " := ")})
	default:
		return nil
	}
	edits = append(edits, fixes.IfErr(s.pass, s.stmt, name, s.exit(s.stmt, name)))
	return &analysis.SuggestedFix{Message: "Check the read error and leave the loop", TextEdits: edits}
}

// freshName returns a name for the error that is not declared in the
// scope of the read's statement, so that := declares it.
func (s *site) freshName() string {
	scope := s.pass.Pkg.Scope().Innermost(s.stmt.Pos())
	for _, name := range []string{"err", "readErr", "rerr"} {
		if scope == nil || scope.Lookup(name) == nil {
			return name
		}
	}
	return "wsErr"
}
