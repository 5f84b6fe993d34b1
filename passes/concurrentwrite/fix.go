package concurrentwrite

import (
	"fmt"
	"go/ast"
	"go/format"
	"go/token"
	"go/types"
	"slices"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/wsvet/wsvet/passes/internal/connid"
	"github.com/wsvet/wsvet/passes/internal/fixes"
	"github.com/wsvet/wsvet/passes/internal/goroutines"
	"github.com/wsvet/wsvet/passes/internal/registry"
	"github.com/wsvet/wsvet/passes/internal/wsapi"
	"github.com/wsvet/wsvet/passes/internal/wsssa"
)

// The fix makes one mutex guard every write of the connection:
//
//   - a connection in a struct field (c.conn) whose struct has a mutex
//     that already guards some of its writes: the others take it too;
//   - one whose struct has none: a `writeMu sync.Mutex` field is added to
//     the struct and every write of the field in the package takes it;
//   - a local variable (a handler's conn, captured by the goroutines it
//     starts): a `var writeMu sync.Mutex` is declared after it and every
//     write of it in the function and its closures takes it, those of
//     a gobwas wsutil.Writer made once from it included.
//
// Each write statement is wrapped (`mu.Lock()` before, `mu.Unlock()`
// after; `defer mu.Unlock()` before a return of the write), and a write
// in an if statement's init becomes `func() error { mu.Lock(); defer
// mu.Unlock(); return write }()`. There is no fix when a write of the
// connection cannot be wrapped so (it is part of a larger expression, or
// a NextWriter, whose writer keeps writing after the call returns), when
// a write goes through a variable copied from the field or through a
// function of another package, or when the struct's mutex may already
// be held where a write would take it (a deadlock).

// fix returns the fix for a group of conflicts on one connection.
func (c *checker) fix(group []conflict) *analysis.SuggestedFix {
	var calls []*ssa.Call
	for _, cf := range group {
		for _, w := range []write{cf.a, cf.b} {
			if w.call == nil {
				return nil // a write in another package
			}
			calls = append(calls, w.call)
		}
	}
	if key, ok := fieldClass(calls); ok {
		if f := c.fixField(key, calls[0]); f != nil {
			return f
		}
	}
	// A local variable, or a parameter (a library's Conn embedding the
	// connection: c.WriteMessage on gofiber's *websocket.Conn).
	if v := c.localClass(calls); v != nil {
		return c.fixLocal(v)
	}
	return nil
}

// fieldClass returns the field (as registry names it) that every call
// writes the connection of, if they all write one.
func fieldClass(calls []*ssa.Call) (string, bool) {
	key := ""
	for _, call := range calls {
		k, ok := fieldOf(call)
		if !ok || key != "" && k != key {
			return "", false
		}
		key = k
	}
	return key, key != ""
}

// fieldOf returns the field a write loads its connection from.
func fieldOf(call *ssa.Call) (string, bool) {
	op, _, ok := serialOp(&call.Call)
	if !ok {
		return "", false
	}
	v := wsssa.Op{Op: op}.ConnOf(&call.Call)
	load, ok := v.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return "", false
	}
	if _, ok := load.X.(*ssa.FieldAddr); !ok {
		return "", false
	}
	return registry.Of(load.X)
}

// fieldWrites returns every write in the package of the connection in
// field key.
func (c *checker) fieldWrites(key string) []*ssa.Call {
	var out []*ssa.Call
	for _, fn := range c.res.SrcFuncs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if call, ok := instr.(*ssa.Call); ok {
					if k, ok := fieldOf(call); ok && k == key {
						out = append(out, call)
					}
				}
			}
		}
	}
	return out
}

// fixField guards the writes of the connection in a struct field.
func (c *checker) fixField(key string, sample *ssa.Call) *analysis.SuggestedFix {
	writes := c.fieldWrites(key)
	op, _, _ := serialOp(&sample.Call)
	load, _ := wsssa.Op{Op: op}.ConnOf(&sample.Call).(*ssa.UnOp)
	if load == nil {
		return nil
	}
	fa, _ := load.X.(*ssa.FieldAddr)
	if fa == nil {
		return nil
	}
	st, named := structOf(fa.X.Type())
	if st == nil {
		return nil
	}
	// The struct's mutex that guards most of the writes already, if any.
	guards := make(map[int]int)
	for _, w := range writes {
		held := c.held(w.Parent()).Must(w)
		for _, m := range mutexFields(st) {
			if held[lockID(c.connOf(w), fa.Field, m)] {
				guards[m]++
			}
		}
	}
	mu, add := -1, false
	for m, n := range guards {
		if mu < 0 || n > guards[mu] || n == guards[mu] && m < mu {
			mu = m
		}
	}
	name := ""
	if mu < 0 {
		name, add = freshField(st, named, "writeMu"), true
	} else {
		name = st.Field(mu).Name()
	}
	var edits []analysis.TextEdit
	for _, w := range writes {
		if !add {
			held := c.held(w.Parent())
			id := lockID(c.connOf(w), fa.Field, mu)
			if held.Must(w)[id] {
				continue // already guarded
			}
			if _, may := held.May(w)[id]; may || c.calledHolding(w.Parent(), fa.Field, mu, named) {
				return nil // taking it here could deadlock
			}
		}
		ce := c.syntaxOf(w)
		if ce == nil || !c.wrappable(w) {
			return nil
		}
		base, ok := fieldBase(c.pass, ce, op)
		if !ok {
			return nil // the connection went through a copy of the field
		}
		es, ok := c.wrap(ce, base+"."+name)
		if !ok {
			return nil
		}
		edits = append(edits, es...)
	}
	if add {
		es, ok := c.addField(named, fa.Field, name)
		if !ok {
			return nil
		}
		edits = append(edits, es...)
	}
	if len(edits) == 0 {
		return nil
	}
	msg := "Guard every write of the connection with " + name
	if add {
		msg = "Add a " + name + " mutex and guard every write of the connection with it"
	}
	return &analysis.SuggestedFix{Message: msg, TextEdits: sortEdits(edits)}
}

// connOf returns the identity of the connection a write writes.
func (c *checker) connOf(call *ssa.Call) connid.ID {
	op, _, _ := serialOp(&call.Call)
	return connid.Of(wsssa.Op{Op: op}.ConnOf(&call.Call))
}

// lockID is the identity of mutex field m beside the connection field k
// that conn loads: &x.m for x.conn.
func lockID(conn connid.ID, k, m int) connid.ID {
	return connid.ID{Root: conn.Root, Path: strings.TrimSuffix(conn.Path, fmt.Sprintf("&.%d*", k)) + fmt.Sprintf("&.%d", m)}
}

// calledHolding reports whether a call of fn in the package may hold
// mutex field m of the struct (named) at the call.
func (c *checker) calledHolding(fn *ssa.Function, k, m int, named *types.Named) bool {
	for _, caller := range c.res.SrcFuncs {
		var held *goroutines.Held
		for _, b := range caller.Blocks {
			for _, instr := range b.Instrs {
				ci, ok := instr.(ssa.CallInstruction)
				if !ok || ci.Common().StaticCallee() != fn {
					continue
				}
				if held == nil {
					held = c.held(caller)
				}
				for id := range held.May(instr) {
					if mutexOf(id, named, m) {
						return true
					}
				}
			}
		}
	}
	return false
}

// mutexOf reports whether a lock is field m of a struct of type named.
func mutexOf(id connid.ID, named *types.Named, m int) bool {
	if !strings.HasSuffix(id.Path, fmt.Sprintf("&.%d", m)) {
		return false
	}
	t := id.Root.Type()
	_, n := structOf(t)
	return n == named
}

func (c *checker) held(fn *ssa.Function) *goroutines.Held {
	if h, ok := c.locks[fn]; ok {
		return h
	}
	h := goroutines.Locks(fn)
	c.locks[fn] = h
	return h
}

// structOf returns the struct that t is or points to, and its name.
func structOf(t types.Type) (*types.Struct, *types.Named) {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return nil, nil
	}
	st, ok := n.Underlying().(*types.Struct)
	if !ok {
		return nil, nil
	}
	return st, n
}

// mutexFields returns the indexes of the struct's mutex fields.
func mutexFields(st *types.Struct) []int {
	var out []int
	for i := range st.NumFields() {
		if f := st.Field(i); !f.Embedded() && goroutines.IsMutex(f.Type()) {
			if _, ptr := f.Type().(*types.Pointer); !ptr {
				out = append(out, i)
			}
		}
	}
	return out
}

// freshField returns name, or a variant, that is no field or method of
// the struct.
func freshField(st *types.Struct, named *types.Named, name string) string {
	for _, cand := range []string{name, "ws" + strings.ToUpper(name[:1]) + name[1:], "connWriteMu"} {
		obj, _, _ := types.LookupFieldOrMethod(named, true, named.Obj().Pkg(), cand)
		if obj == nil {
			return cand
		}
	}
	return ""
}

// fieldBase returns the expression of the struct whose field the write's
// connection is: x in x.conn.WriteMessage(...).
func fieldBase(pass *analysis.Pass, ce *ast.CallExpr, op wsapi.Op) (string, bool) {
	e := fixes.OperandExpr(pass.TypesInfo, ce, op.Conn)
	sel, ok := astutil.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return "", false
	}
	if s, ok := pass.TypesInfo.Selections[sel]; !ok || s.Kind() != types.FieldVal || len(s.Index()) != 1 {
		return "", false
	}
	return types.ExprString(sel.X), true
}

// syntaxOf returns the call expression of an SSA call.
func (c *checker) syntaxOf(call *ssa.Call) *ast.CallExpr {
	return c.callSyntax(write{call: call})
}

// wrap returns the edits that make the statement of the write ce hold
// mutex mu.
func (c *checker) wrap(ce *ast.CallExpr, mu string) ([]analysis.TextEdit, bool) {
	path := fixes.Path(c.pass, ce.Pos(), ce.End())
	var parent, grand ast.Node
	for i, n := range path {
		if n == ce && i+1 < len(path) {
			parent = path[i+1]
			if i+2 < len(path) {
				grand = path[i+2]
			}
			break
		}
	}
	stmt, ok := parent.(ast.Stmt)
	if !ok {
		return nil, false
	}
	_, listed := fixes.StmtList(fixes.Parent(c.pass, stmt))
	in := fixes.Indent(c.pass, stmt.Pos())
	around := func() []analysis.TextEdit {
		end := fixes.LineEnd(c.pass, stmt.End())
		return []analysis.TextEdit{
			{Pos: stmt.Pos(), End: stmt.Pos(), NewText: []byte(mu + ".Lock()\n" + in)},
			{Pos: end, End: end, NewText: []byte("\n" + in + mu + ".Unlock()")},
		}
	}
	switch s := stmt.(type) {
	case *ast.ExprStmt:
		if listed {
			return around(), true
		}
	case *ast.AssignStmt:
		if len(s.Rhs) != 1 {
			return nil, false
		}
		if ifs, ok := grand.(*ast.IfStmt); ok && ifs.Init == s {
			// if err := write(); err != nil {...}
			results, ok := predeclaredResults(c.pass.TypesInfo, ce)
			if !ok {
				return nil, false
			}
			text := "func() " + results + " { " + mu + ".Lock(); defer " + mu + ".Unlock(); return " + c.text(ce) + " }()"
			return []analysis.TextEdit{{Pos: ce.Pos(), End: ce.End(), NewText: []byte(text)}}, true
		}
		if listed {
			return around(), true
		}
	case *ast.ReturnStmt:
		if listed && len(s.Results) == 1 {
			return []analysis.TextEdit{{Pos: s.Pos(), End: s.Pos(), NewText: []byte(mu + ".Lock()\n" + in + "defer " + mu + ".Unlock()\n" + in)}}, true
		}
	}
	return nil, false
}

// predeclaredResults spells the results of the call for a function
// literal's signature ("error", "(int, error)") when each is a
// predeclared type, which needs no import or qualifier in the file.
func predeclaredResults(info *types.Info, ce *ast.CallExpr) (string, bool) {
	var ts []types.Type
	switch t := info.TypeOf(ce).(type) {
	case nil:
		return "", false
	case *types.Tuple:
		for v := range t.Variables() {
			ts = append(ts, v.Type())
		}
	default:
		ts = []types.Type{t}
	}
	var names []string
	for _, t := range ts {
		name := types.TypeString(t, nil)
		if obj := types.Universe.Lookup(name); obj == nil || !types.Identical(obj.Type(), t) {
			return "", false
		}
		names = append(names, name)
	}
	switch len(names) {
	case 0:
		return "", false // no result to return
	case 1:
		return names[0], true
	}
	return "(" + strings.Join(names, ", ") + ")", true
}

// text returns the source text of n.
func (c *checker) text(n ast.Node) string {
	tf := c.pass.Fset.File(n.Pos())
	src, err := c.pass.ReadFile(tf.Name())
	if err != nil {
		return types.ExprString(n.(ast.Expr))
	}
	return string(src[tf.Offset(n.Pos()):tf.Offset(n.End())])
}

// addField adds field name, a sync.Mutex, to the struct declaration of
// named, after the connection field k, and imports sync if the file
// does not. The struct is formatted again (gofmt aligns the fields).
func (c *checker) addField(named *types.Named, k int, name string) ([]analysis.TextEdit, bool) {
	pos := named.Obj().Pos()
	path := fixes.Path(c.pass, pos, pos)
	var st *ast.StructType
	var file *ast.File
	for _, n := range path {
		switch n := n.(type) {
		case *ast.TypeSpec:
			st, _ = n.Type.(*ast.StructType)
		case *ast.File:
			file = n
		}
	}
	if st == nil || file == nil || st.Fields == nil || !st.Fields.Closing.IsValid() {
		return nil, false
	}
	// The field list entry that declares field k.
	var connField *ast.Field
	n := 0
	for _, f := range st.Fields.List {
		n += max(len(f.Names), 1)
		if n > k {
			connField = f
			break
		}
	}
	if connField == nil {
		return nil, false
	}
	line := name + " sync.Mutex // guards the writes of " + fieldName(connField) + ": one writer at a time"
	var text string
	if c.lineOf(st.Fields.Opening) == c.lineOf(st.Fields.Closing) {
		// struct{ conn *websocket.Conn }: one field a line.
		text = "struct {\n"
		for _, f := range st.Fields.List {
			text += c.text(f) + "\n"
			if f == connField {
				text += line + "\n"
			}
		}
		text += "}"
	} else {
		src := c.text(st)
		at := int(fixes.LineEnd(c.pass, connField.End()) - st.Pos())
		text = src[:at] + "\n" + line + src[at:]
	}
	formatted, err := format.Source([]byte("package p\n\ntype _ " + text))
	if err != nil {
		return nil, false
	}
	text = strings.TrimPrefix(string(formatted), "package p\n\ntype _ ")
	text = strings.TrimSuffix(text, "\n")
	if in := fixes.Indent(c.pass, st.Pos()); in != "" {
		text = strings.ReplaceAll(text, "\n", "\n"+in)
	}
	edits := []analysis.TextEdit{{Pos: st.Pos(), End: st.End(), NewText: []byte(text)}}
	imp, ok := c.importSync(file)
	if !ok {
		return nil, false
	}
	return append(edits, imp...), true
}

// fieldName names a struct field for a comment.
func fieldName(f *ast.Field) string {
	if len(f.Names) > 0 {
		return f.Names[0].Name
	}
	return types.ExprString(f.Type)
}

// line returns the line of pos.
func (c *checker) lineOf(pos token.Pos) int { return c.pass.Fset.Position(pos).Line }

// importSync returns the edit that imports sync into file, if needed:
// in order in the group of the first standard library import, or in a
// group of its own before the others.
func (c *checker) importSync(file *ast.File) ([]analysis.TextEdit, bool) {
	for _, is := range file.Imports {
		if is.Path.Value == `"sync"` {
			return nil, is.Name == nil || is.Name.Name == "sync" // (renamed: rare, leave it to a person)
		}
	}
	var gd *ast.GenDecl
	for _, d := range file.Decls {
		if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.IMPORT {
			gd = g
			break
		}
	}
	if gd == nil {
		return []analysis.TextEdit{{Pos: file.Name.End(), End: file.Name.End(), NewText: []byte("\n\nimport \"sync\"")}}, true
	}
	if !gd.Lparen.IsValid() {
		// import "x": make it a block, in order.
		spec := gd.Specs[0].(*ast.ImportSpec)
		if stdSpec(spec) && spec.Path.Value < `"sync"` {
			return []analysis.TextEdit{{Pos: spec.Pos(), End: spec.Pos(), NewText: []byte("(\n\t")}, {Pos: spec.End(), End: spec.End(), NewText: []byte("\n\t\"sync\"\n)")}}, true
		}
		sep := "\n\t"
		if !stdSpec(spec) {
			sep = "\n\n\t"
		}
		return []analysis.TextEdit{{Pos: spec.Pos(), End: spec.Pos(), NewText: []byte("(\n\t\"sync\"" + sep)}, {Pos: spec.End(), End: spec.End(), NewText: []byte("\n)")}}, true
	}
	line := func(n ast.Node) int { return c.pass.Fset.Position(n.Pos()).Line }
	first := -1
	for i, s := range gd.Specs {
		if stdSpec(s.(*ast.ImportSpec)) {
			first = i
			break
		}
	}
	if first < 0 {
		at := gd.Specs[0].Pos()
		return []analysis.TextEdit{{Pos: at, End: at, NewText: []byte("\"sync\"\n\n\t")}}, true
	}
	i := first
	for ; i < len(gd.Specs); i++ {
		if i > first && line(gd.Specs[i]) != line(gd.Specs[i-1])+1 {
			break // the next group
		}
		if gd.Specs[i].(*ast.ImportSpec).Path.Value > `"sync"` {
			at := gd.Specs[i].Pos()
			return []analysis.TextEdit{{Pos: at, End: at, NewText: []byte("\"sync\"\n\t")}}, true
		}
	}
	end := fixes.LineEnd(c.pass, gd.Specs[i-1].End())
	return []analysis.TextEdit{{Pos: end, End: end, NewText: []byte("\n\t\"sync\"")}}, true
}

func stdSpec(is *ast.ImportSpec) bool {
	p := strings.Trim(is.Path.Value, `"`)
	first, _, _ := strings.Cut(p, "/")
	return !strings.Contains(first, ".")
}

// localClass returns the local variable that every call writes the
// connection of, named directly in the call.
func (c *checker) localClass(calls []*ssa.Call) *types.Var {
	var v *types.Var
	for _, call := range calls {
		x := c.directVar(call)
		if x == nil || v != nil && x != v {
			return nil
		}
		v = x
	}
	if v == nil || v.Parent() == c.pass.Pkg.Scope() {
		return nil
	}
	return v
}

// directVar returns the variable a write names as its connection
// (conn.WriteMessage(...)), or nil.
func (c *checker) directVar(call *ssa.Call) *types.Var {
	ce := c.syntaxOf(call)
	op, _, ok := serialOp(&call.Call)
	if ce == nil || !ok {
		return nil
	}
	id, ok := astutil.Unparen(fixes.OperandExpr(c.pass.TypesInfo, ce, op.Conn)).(*ast.Ident)
	if !ok {
		return nil
	}
	v, _ := c.pass.TypesInfo.Uses[id].(*types.Var)
	if under := c.wrappedVar(v); under != nil {
		return under // w.Flush() writes conn: w := wsutil.NewWriter(conn, ...)
	}
	return v
}

// wrappedVar returns the connection variable that v wraps when v is
// declared once, and never assigned again, as a library writer made
// from it (w := wsutil.NewWriter(conn, ws.StateServerSide, ws.OpText)):
// a lock around w's writes guards conn's frames.
func (c *checker) wrappedVar(v *types.Var) *types.Var {
	if v == nil {
		return nil
	}
	_, body, _ := c.declOf(v)
	if body == nil {
		return nil
	}
	var under *types.Var
	assigned := 0
	ast.Inspect(body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok {
			return true
		}
		for i, lhs := range as.Lhs {
			id, ok := astutil.Unparen(lhs).(*ast.Ident)
			if !ok || c.pass.TypesInfo.ObjectOf(id) != v {
				continue
			}
			assigned++
			if as.Tok != token.DEFINE || len(as.Lhs) != len(as.Rhs) {
				continue
			}
			ce, ok := astutil.Unparen(as.Rhs[i]).(*ast.CallExpr)
			if !ok {
				continue
			}
			fn, _ := typeutil.Callee(c.pass.TypesInfo, ce).(*types.Func)
			if op, ok := wsapi.Lookup(fn); ok && op.Kind == wsapi.Wrap {
				if x, ok := astutil.Unparen(fixes.OperandExpr(c.pass.TypesInfo, ce, op.Conn)).(*ast.Ident); ok {
					under, _ = c.pass.TypesInfo.Uses[x].(*types.Var)
				}
			}
		}
		return true
	})
	if assigned != 1 {
		return nil
	}
	return under
}

// fixLocal declares a mutex after the local connection variable v and
// guards every write of it with it.
func (c *checker) fixLocal(v *types.Var) *analysis.SuggestedFix {
	decl, body, file := c.declOf(v)
	if body == nil || file == nil {
		return nil
	}
	name := "writeMu"
	if sc := c.pass.Pkg.Scope().Innermost(body.Lbrace + 1); sc != nil {
		for _, cand := range []string{"writeMu", v.Name() + "WriteMu", "wsWriteMu"} {
			if _, obj := sc.LookupParent(cand, body.Rbrace); obj == nil && !declaredIn(c.pass, body, cand) {
				name = cand
				break
			}
		}
	}
	var edits []analysis.TextEdit
	for _, fn := range c.res.SrcFuncs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(*ssa.Call)
				if !ok || c.directVar(call) != v {
					continue
				}
				ce := c.syntaxOf(call)
				if ce == nil || !c.wrappable(call) {
					return nil
				}
				es, ok := c.wrap(ce, name)
				if !ok {
					return nil
				}
				edits = append(edits, es...)
			}
		}
	}
	text := "var " + name + " sync.Mutex // guards " + v.Name() + "'s writes: one writer at a time"
	if decl == nil {
		at := body.Lbrace + 1
		edits = append(edits, analysis.TextEdit{Pos: at, End: at, NewText: []byte("\n" + fixes.Indent(c.pass, body.Pos()) + "\t" + text)})
	} else {
		after := ast.Node(decl)
		if check := c.errCheckAfter(decl); check != nil && !editsWithin(edits, check) {
			after = check // conn, err := upgrade(...); if err != nil { return }: the mutex goes after the check
		}
		at := fixes.LineEnd(c.pass, after.End())
		edits = append(edits, analysis.TextEdit{Pos: at, End: at, NewText: []byte("\n" + fixes.Indent(c.pass, decl.Pos()) + text)})
	}
	imp, ok := c.importSync(file)
	if !ok {
		return nil
	}
	edits = append(edits, imp...)
	return &analysis.SuggestedFix{Message: "Guard every write of " + v.Name() + " with a new mutex", TextEdits: sortEdits(edits)}
}

// errCheckAfter returns the statement after decl when it is the check
// of an error that decl declares (if err != nil { ... }, no init, no
// else), or nil.
func (c *checker) errCheckAfter(decl ast.Stmt) ast.Stmt {
	as, ok := decl.(*ast.AssignStmt)
	if !ok || as.Tok != token.DEFINE {
		return nil
	}
	list, _ := fixes.StmtList(fixes.Parent(c.pass, decl))
	i := slices.Index(list, decl)
	if i < 0 || i+1 >= len(list) {
		return nil
	}
	ifs, ok := list[i+1].(*ast.IfStmt)
	if !ok || ifs.Init != nil || ifs.Else != nil {
		return nil
	}
	cond, ok := astutil.Unparen(ifs.Cond).(*ast.BinaryExpr)
	if !ok || cond.Op != token.NEQ || !c.pass.TypesInfo.Types[cond.Y].IsNil() {
		return nil
	}
	x, ok := astutil.Unparen(cond.X).(*ast.Ident)
	if !ok {
		return nil
	}
	for _, lhs := range as.Lhs {
		if id, ok := lhs.(*ast.Ident); ok && c.pass.TypesInfo.Defs[id] != nil && c.pass.TypesInfo.Defs[id] == c.pass.TypesInfo.Uses[x] {
			return ifs
		}
	}
	return nil
}

// editsWithin reports whether an edit falls inside n.
func editsWithin(edits []analysis.TextEdit, n ast.Node) bool {
	for _, e := range edits {
		if e.Pos >= n.Pos() && e.Pos < n.End() {
			return true
		}
	}
	return false
}

// declOf returns the statement that declares v (nil for a parameter),
// the body of the function it belongs to, and its file.
func (c *checker) declOf(v *types.Var) (ast.Stmt, *ast.BlockStmt, *ast.File) {
	path := fixes.Path(c.pass, v.Pos(), v.Pos())
	var decl ast.Stmt
	for _, n := range path {
		switch n := n.(type) {
		case ast.Stmt:
			if _, listed := fixes.StmtList(fixes.Parent(c.pass, n)); decl == nil && listed {
				decl = n
			}
		case *ast.FuncDecl:
			return decl, n.Body, fileOf(path)
		case *ast.FuncLit:
			return decl, n.Body, fileOf(path)
		}
	}
	return nil, nil, nil
}

func fileOf(path []ast.Node) *ast.File {
	if f, ok := path[len(path)-1].(*ast.File); ok {
		return f
	}
	return nil
}

// declaredIn reports whether name is declared anywhere in body (a later
// declaration would clash with, or shadow, the new mutex).
func declaredIn(pass *analysis.Pass, body *ast.BlockStmt, name string) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && id.Name == name && pass.TypesInfo.Defs[id] != nil {
			found = true
		}
		return !found
	})
	return found
}

// wrappable reports whether a write can take a lock around its
// statement: not a NextWriter, whose writer writes after it returns.
func (c *checker) wrappable(call *ssa.Call) bool {
	_, fn, ok := serialOp(&call.Call)
	return ok && fn.Name() != "NextWriter"
}

// sortEdits orders edits by position, as a fix's edits should be.
func sortEdits(es []analysis.TextEdit) []analysis.TextEdit {
	sort.SliceStable(es, func(i, j int) bool { return es[i].Pos < es[j].Pos })
	return es
}
