package connleak

import (
	_ "embed"
	"fmt"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/wsvet/wsvet/passes/internal/analyzerdoc"
	"github.com/wsvet/wsvet/passes/internal/connid"
	"github.com/wsvet/wsvet/passes/internal/fixes"
	"github.com/wsvet/wsvet/passes/internal/registry"
	"github.com/wsvet/wsvet/passes/internal/suppress"
	"github.com/wsvet/wsvet/passes/internal/wsapi"
	"github.com/wsvet/wsvet/passes/internal/wsssa"
)

//go:embed doc.go
var doc string

var Analyzer = &analysis.Analyzer{
	Name:     "connleak",
	Doc:      analyzerdoc.MustExtract(doc, "connleak"),
	URL:      "https://pkg.go.dev/github.com/wsvet/wsvet/passes/connleak",
	Requires: []*analysis.Analyzer{wsssa.Analyzer},
	Run:      run,
}

func run(pass *analysis.Pass) (any, error) {
	res := pass.ResultOf[wsssa.Analyzer].(*wsssa.Result)
	if res == nil {
		return nil, nil // the package cannot involve WebSockets
	}
	c := &checker{pass: pass, res: res, rep: suppress.New(pass), bodies: make(map[bodyKey]bool)}
	for _, fn := range res.SrcFuncs {
		c.runFunc(fn)
		c.broadcasts(fn)
		c.selfSends(fn)
	}
	return nil, nil
}

type checker struct {
	pass      *analysis.Pass
	res       *wsssa.Result
	rep       *suppress.Reporter
	removers  map[string]bool            // registries some function removes from
	bodies    map[bodyKey]bool           // memo of bodyRemoves
	receivers map[string][]*ssa.Function // channel -> the functions that receive from it (deadlock.go)
}

// A registration adds a value holding a connection to a registry.
type registration struct {
	fn    *ssa.Function
	instr ssa.Instruction
	reg   string
	val   ssa.Value
}

func (c *checker) runFunc(fn *ssa.Function) {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			reg, val, ok := c.res.Registration(instr)
			if !ok {
				continue
			}
			r := &registration{fn: fn, instr: instr, reg: reg, val: val}
			owner, read := c.owner(r)
			if owner == nil {
				continue // no read loop in sight: the lifecycle is elsewhere
			}
			if c.covered(r, owner) {
				continue
			}
			c.report(r, owner, read)
		}
	}
}

// owner returns the function whose read loop reads the registered
// connection, and that read: the registering function itself, or a
// function of the package it starts with go (or calls) passing the
// value. It returns nil when there is none.
func (c *checker) owner(r *registration) (*ssa.Function, ssa.CallInstruction) {
	root := connid.Of(r.val).Root
	roots := heldBy(root)
	for _, x := range roots {
		if read := c.readOf(r.fn, x); read != nil {
			return r.fn, read
		}
	}
	for _, b := range r.fn.Blocks {
		for _, instr := range b.Instrs {
			ci, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			g := ci.Common().StaticCallee()
			if g == nil || g.Pkg != r.fn.Pkg || len(g.Blocks) == 0 {
				continue
			}
			// go func() { for { read(conn) } }(): the closure's captures.
			if mc, ok := ci.Common().Value.(*ssa.MakeClosure); ok {
				for j, b := range mc.Bindings {
					if j < len(g.FreeVars) && slices.Contains(roots, connid.CapturedRoot(b)) {
						if read := c.readOf(g, g.FreeVars[j]); read != nil {
							return g, read
						}
					}
				}
			}
			for j, a := range ci.Common().Args {
				if j < len(g.Params) && slices.Contains(roots, connid.Of(a).Root) {
					if read := c.readOf(g, g.Params[j]); read != nil {
						return g, read
					}
				}
			}
		}
	}
	return nil, nil
}

// heldBy returns root and the connections stored into the fields of
// the struct it allocates (&Client{conn: conn}), directly or captured by
// a closure in a field.
func heldBy(root ssa.Value) []ssa.Value {
	out := []ssa.Value{root}
	for _, b := range wsssa.CapturedConns(root, true) {
		out = append(out, connid.CapturedRoot(b))
	}
	alloc, ok := root.(*ssa.Alloc)
	if !ok {
		return out
	}
	for _, ref := range *alloc.Referrers() {
		fa, ok := ref.(*ssa.FieldAddr)
		if !ok {
			continue
		}
		for _, r2 := range *fa.Referrers() {
			if st, ok := r2.(*ssa.Store); ok && st.Addr == fa {
				out = append(out, connid.Of(st.Val).Root)
			}
		}
	}
	return out
}

// readOf returns a read in fn of a connection rooted at root, or nil.
func (c *checker) readOf(fn *ssa.Function, root ssa.Value) ssa.CallInstruction {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(*ssa.Call)
			if !ok {
				continue
			}
			// (A helper that reads and swallows the error, s.readPump(),
			// runs the read loop in itself: owner finds it as a callee.)
			if op, ok := c.res.Lookup(&call.Call, wsapi.Read); ok && !op.Hides() && op.ConnID(&call.Call).Root == root {
				return call
			}
			// ctx = c.CloseRead(ctx): the function lives until the
			// connection ends, as a read loop does.
			if op, ok := c.res.Lookup(&call.Call, wsapi.Watch); ok && op.ConnID(&call.Call).Root == root {
				return call
			}
		}
	}
	return nil
}

// covered reports whether the registration is undone when the owner
// ends: a removal, deferred or not, on every path from the registration
// to a return (a defer registered after an early return covers nothing
// on that return), a deferred removal registered before it, or, when
// the read loop runs in another function, any removal in the
// registering one.
func (c *checker) covered(r *registration, owner *ssa.Function) bool {
	removes := func(instr ssa.Instruction) bool { return c.removes(instr, r.reg, 3) }
	for _, b := range r.fn.Blocks {
		for _, instr := range b.Instrs {
			if owner != r.fn && removes(instr) {
				return true
			}
			if d, ok := instr.(*ssa.Defer); ok && removes(d) && wsssa.Dominates(d, r.instr) {
				return true
			}
		}
	}
	var start ssa.Instruction = r.instr
	if owner != r.fn {
		start = nil // from the owner's entry
	}
	return everyReturnPasses(owner, start, removes, c.res.NoReturn)
}

// removes reports whether instr removes an element of registry reg, or
// may: a call the analyzer cannot see into (an interface method, a
// func value, a function of an unanalyzed package) or a function of
// this package that does either.
func (c *checker) removes(instr ssa.Instruction, reg string, depth int) bool {
	if r, ok := c.res.RemovalAt(instr); ok && r == reg {
		return true
	}
	ci, ok := instr.(ssa.CallInstruction)
	if !ok || depth == 0 {
		return false
	}
	call := ci.Common()
	if call.IsInvoke() {
		return !isLibraryOrStd(call.Method)
	}
	fn := call.StaticCallee()
	if fn == nil {
		_, builtin := call.Value.(*ssa.Builtin)
		return !builtin // a func value: it may remove
	}
	if len(fn.Blocks) == 0 || fn.Pkg != c.res.Pkg {
		obj, _ := fn.Object().(*types.Func)
		if obj == nil || isLibraryOrStd(obj) || c.res.Analyzed(obj.Pkg()) {
			return false // facts, if any, were consulted by RemovalAt
		}
		for _, a := range call.Args {
			if r, ok := registry.Of(a); ok && r == reg {
				return true // the registry itself goes to unknown code
			}
		}
		return true
	}
	return c.bodyRemoves(fn, reg, depth-1)
}

type bodyKey struct {
	fn    *ssa.Function
	reg   string
	depth int
}

// bodyRemoves reports whether fn or a closure in it may remove from
// reg, memoized: every path of every registration asks about the same
// callees.
func (c *checker) bodyRemoves(fn *ssa.Function, reg string, depth int) bool {
	key := bodyKey{fn, reg, depth}
	if v, ok := c.bodies[key]; ok {
		return v
	}
	c.bodies[key] = false // a recursive call does not remove by itself
	found := false
	for _, b := range fn.Blocks {
		for _, in := range b.Instrs {
			if !found && c.removes(in, reg, depth) {
				found = true
			}
		}
	}
	for _, anon := range fn.AnonFuncs {
		if !found && c.bodyRemoves(anon, reg, depth) {
			found = true
		}
	}
	c.bodies[key] = found
	return found
}

// isLibraryOrStd reports whether fn belongs to a WebSocket library or
// the standard library, which never remove from a user's registry.
func isLibraryOrStd(fn *types.Func) bool {
	if fn == nil || fn.Pkg() == nil {
		return true
	}
	path := fn.Pkg().Path()
	first, _, _ := strings.Cut(path, "/")
	return wsapi.IsLibrary(path) || !strings.Contains(first, ".")
}

// everyReturnPasses reports whether every path from start (or fn's
// entry, if start is nil) to a return passes an instruction for which
// pass holds. Paths that panic or call a function that never returns
// do not count.
func everyReturnPasses(fn *ssa.Function, start ssa.Instruction, pass func(ssa.Instruction) bool, noReturn func(*ssa.CallCommon) bool) bool {
	if len(fn.Blocks) == 0 {
		return true
	}
	seen := make(map[*ssa.BasicBlock]bool)
	var leaks func(b *ssa.BasicBlock, from int) bool
	leaks = func(b *ssa.BasicBlock, from int) bool {
		for _, instr := range b.Instrs[from:] {
			if pass(instr) {
				return false
			}
			switch instr := instr.(type) {
			case *ssa.Return:
				return true
			case *ssa.Panic:
				return false
			case *ssa.Call:
				if noReturn(&instr.Call) {
					return false
				}
			}
		}
		for _, s := range b.Succs {
			if !seen[s] {
				seen[s] = true
				if leaks(s, 0) {
					return true
				}
			}
		}
		return false
	}
	if start == nil {
		return !leaks(fn.Blocks[0], 0)
	}
	b := start.Block()
	for i, instr := range b.Instrs {
		if instr == start {
			return !leaks(b, i+1)
		}
	}
	return true
}

func (c *checker) report(r *registration, owner *ssa.Function, read ssa.CallInstruction) {
	pos, end := c.syntaxOf(r.instr)
	if !pos.IsValid() {
		return
	}
	what := "the connection"
	if path := fixes.Path(c.pass, pos, end); len(path) > 0 {
		if e := valueExpr(c.pass, path, r); e != nil {
			what = types.ExprString(e)
		}
	}
	where := "the read loop"
	if owner != r.fn {
		where = "the read loop in " + owner.Name()
		if outer := owner.Parent(); outer != nil {
			for outer.Parent() != nil {
				outer = outer.Parent()
			}
			where = "the read loop in a func literal of " + outer.Name()
		}
	}
	d := analysis.Diagnostic{
		Pos: pos, End: end,
		Message: fmt.Sprintf("%s is added to %s but not removed when %s ends: dead connections pile up and broadcasts keep writing to them; remove it on exit (defer)",
			what, short(r.reg), where),
	}
	if read != nil && read.Pos().IsValid() {
		d.Related = []analysis.RelatedInformation{{Pos: read.Pos(), Message: "the read loop that owns the connection"}}
	}
	if fix := c.fix(r, owner, pos, end); fix != nil {
		d.SuggestedFixes = []analysis.SuggestedFix{*fix}
	}
	c.rep.Report(d)
}

// syntaxOf returns the extent of the statement that makes a
// registration.
func (c *checker) syntaxOf(instr ssa.Instruction) (pos, end token.Pos) {
	p := instr.Pos()
	if ci, ok := instr.(ssa.CallInstruction); ok {
		p = ci.Common().Pos()
	}
	if !p.IsValid() {
		return token.NoPos, token.NoPos
	}
	if st := fixes.EnclosingStmt(fixes.Path(c.pass, p, p)); st != nil {
		return st.Pos(), st.End()
	}
	return token.NoPos, token.NoPos
}

// short turns "pkg/path.Hub.clients" into "Hub.clients".
func short(reg string) string {
	if i := strings.LastIndex(reg, "/"); i >= 0 {
		reg = reg[i+1:]
	}
	if _, rest, ok := strings.Cut(reg, "."); ok {
		return rest
	}
	return reg
}
