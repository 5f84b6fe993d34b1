package pumpleak

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ssa"

	"github.com/wsvet/wsvet/passes/internal/connid"
	"github.com/wsvet/wsvet/passes/internal/fixes"
)

// render writes id, in the terms of its function, as Go source valid at
// pos: a variable (parameter, captured or local variable) followed by
// field selections. It fails when the variable has no name or another
// one shadows it at pos.
func (c *checker) render(id connid.ID, pos token.Pos) (string, types.Type, bool) {
	name, obj, path := c.rootName(id)
	if name == "" || obj == nil {
		return "", nil, false
	}
	scope := c.pass.Pkg.Scope().Innermost(pos)
	if scope == nil {
		return "", nil, false
	}
	if _, found := scope.LookupParent(name, pos); found != obj {
		return "", nil, false
	}
	t := obj.Type()
	expr := name
	for path != "" {
		k, rest, ok := connid.FieldStep(path)
		if !ok {
			return "", nil, false
		}
		st, ok := derefStruct(t)
		if !ok || k >= st.NumFields() {
			return "", nil, false
		}
		f := st.Field(k)
		expr += "." + f.Name()
		t = f.Type()
		path = rest
	}
	return expr, t, true
}

// rootName returns the name of the variable id's root denotes, its
// object when known, and the path below the variable.
func (c *checker) rootName(id connid.ID) (string, types.Object, string) {
	switch r := id.Root.(type) {
	case *ssa.Parameter:
		return r.Name(), r.Object(), id.Path
	case *ssa.FreeVar:
		// A captured variable: the free variable is its cell.
		if rest, ok := strings.CutPrefix(id.Path, "*"); ok {
			return r.Name(), c.varAt(r.Name(), r.Parent().Pos()), rest
		}
		return r.Name(), c.varAt(r.Name(), r.Parent().Pos()), id.Path
	case *ssa.Alloc:
		if rest, ok := strings.CutPrefix(id.Path, "*"); ok && r.Comment != "" && r.Comment != "complit" {
			return r.Comment, c.declared(r.Comment, r.Pos()), rest
		}
	}
	if v := id.Root; v != nil && (v.Pos().IsValid() || isExtract(v)) {
		if lhs := c.assignedTo(v); lhs != nil {
			return lhs.Name, c.pass.TypesInfo.ObjectOf(lhs), id.Path
		}
	}
	return "", nil, ""
}

func isExtract(v ssa.Value) bool {
	_, ok := v.(*ssa.Extract)
	return ok
}

// varAt returns the variable named name in scope at pos, or nil.
func (c *checker) varAt(name string, pos token.Pos) types.Object {
	scope := c.pass.Pkg.Scope().Innermost(pos)
	if scope == nil {
		return nil
	}
	_, obj := scope.LookupParent(name, pos)
	if _, ok := obj.(*types.Var); !ok {
		return nil
	}
	return obj
}

// declared returns the variable named name declared at pos, or nil.
func (c *checker) declared(name string, pos token.Pos) types.Object {
	for _, n := range fixes.Path(c.pass, pos, pos) {
		if id, ok := n.(*ast.Ident); ok && id.Name == name {
			return c.pass.TypesInfo.ObjectOf(id)
		}
	}
	return nil
}

// assignedTo returns the variable that the value v, made by an
// expression on the right of an assignment (x := make(chan T),
// c := &Client{...}, c := newClient(conn), ctx, cancel := ...), is
// assigned to.
func (c *checker) assignedTo(v ssa.Value) *ast.Ident {
	index := 0
	if ex, ok := v.(*ssa.Extract); ok {
		v, index = ex.Tuple, ex.Index
	}
	path := fixes.Path(c.pass, v.Pos(), v.Pos())
	for i, n := range path {
		as, ok := n.(*ast.AssignStmt)
		if !ok {
			continue
		}
		if i == 0 {
			return nil
		}
		rhs, ok := path[i-1].(ast.Expr)
		if !ok {
			return nil
		}
		if !sameValue(rhs, v) {
			return nil
		}
		var lhs ast.Expr
		switch {
		case len(as.Lhs) == len(as.Rhs):
			for k, r := range as.Rhs {
				if r == rhs && index == 0 {
					lhs = as.Lhs[k]
				}
			}
		case len(as.Rhs) == 1 && index < len(as.Lhs):
			lhs = as.Lhs[index]
		}
		if id, ok := lhs.(*ast.Ident); ok && id.Name != "_" {
			return id
		}
		return nil
	}
	return nil
}

// sameValue reports whether expression e is what makes v (the value
// SSA assigns, not a part of it).
func sameValue(e ast.Expr, v ssa.Value) bool {
	e = astutil.Unparen(e)
	switch e := e.(type) {
	case *ast.CallExpr:
		return e.Lparen == v.Pos()
	case *ast.UnaryExpr:
		if cl, ok := e.X.(*ast.CompositeLit); ok && e.Op == token.AND {
			return cl.Lbrace == v.Pos()
		}
	case *ast.CompositeLit:
		return e.Lbrace == v.Pos()
	}
	return false
}

// funcName names fn in a message: its name, or "a func literal in F".
func funcName(fn *ssa.Function) string {
	if fn.Parent() == nil {
		return fn.Name()
	}
	outer := fn
	for outer.Parent() != nil {
		outer = outer.Parent()
	}
	return "a func literal in " + outer.Name()
}

// nodeAt returns the innermost node of type T enclosing pos for which
// match holds.
func nodeAt[T ast.Node](c *checker, pos token.Pos, match func(T) bool) (T, bool) {
	var zero T
	for _, n := range fixes.Path(c.pass, pos, pos) {
		if t, ok := n.(T); ok && match(t) {
			return t, true
		}
	}
	return zero, false
}
