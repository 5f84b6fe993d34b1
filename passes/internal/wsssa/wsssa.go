// Package wsssa defines the analyzer that every wsvet pass requires: it
// decides whether a package can involve WebSockets at all and, only for
// those that can, builds their SSA form.
//
// Building SSA costs more than everything else the tool does, and under
// go vet an analyzer with facts runs on every dependency, the standard
// library included. buildssa builds SSA for all of them (and requires
// ctrlflow, which builds a CFG of every function in every package);
// this analyzer instead records a small package fact, "reaches a
// WebSocket library", and builds SSA only where that fact holds. For the
// rest of the build graph the cost is one look at the direct imports.
package wsssa

import (
	"go/ast"
	"go/types"
	"reflect"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/wsvet/wsvet/passes/internal/noreturn"
	"github.com/wsvet/wsvet/passes/internal/wsapi"
)

// Analyzer builds SSA for packages that import a WebSocket library
// directly or transitively. Its result is a *Result, nil for packages
// that cannot involve WebSockets.
var Analyzer = &analysis.Analyzer{
	Name:       "wsssa",
	Doc:        "build SSA form for packages that reach a WebSocket library",
	Run:        run,
	ResultType: reflect.TypeFor[*Result](),
	FactTypes:  []analysis.Fact{new(reachesWS), new(noReturn), new(wrapper), new(registryUse)},
}

// Result is the SSA form of a package that reaches a WebSocket library.
type Result struct {
	Pkg *ssa.Package
	// SrcFuncs are the package's source functions, anonymous ones
	// included, in source order.
	SrcFuncs []*ssa.Function

	pass        *analysis.Pass
	noReturn    map[*ssa.Function]bool // local functions that never return
	wrappers    map[*ssa.Function]*wrapper
	failing     map[*ssa.Function]map[*ssa.Return]bool // a read wrapper's returns on paths where its read failed
	registries  map[*ssa.Function]*registryUse
	chanInserts map[string]string // hub channel -> registry its receiver inserts into
	chanDeletes map[string]string // hub channel -> registry its receiver deletes from
	netConn     bool              // the package uses gobwas: plain net.Conn values are connections

	// Static call sites of the package's functions, those that escape,
	// and the method names called through interfaces (streams.go).
	sites   map[*ssa.Function][]ssa.CallInstruction
	escapes map[*ssa.Function]bool
	invoked map[string]bool
}

// reachesWS is a package fact: the package imports a WebSocket library,
// directly or through other packages.
type reachesWS struct{}

func (*reachesWS) AFact()         {}
func (*reachesWS) String() string { return "reachesWS" }

// noReturn is an object fact on a function none of whose paths return.
type noReturn struct{}

func (*noReturn) AFact()         {}
func (*noReturn) String() string { return "noReturn" }

func run(pass *analysis.Pass) (any, error) {
	if !reaches(pass) {
		return (*Result)(nil), nil
	}
	pass.ExportPackageFact(new(reachesWS))
	if wsapi.IsLibrary(pass.Pkg.Path()) {
		// The libraries are modelled by the wsapi table, not analyzed:
		// their internals are not user code, and stubs never return.
		return (*Result)(nil), nil
	}

	prog := ssa.NewProgram(pass.Fset, ssa.BuilderMode(0))
	prog.SetNoReturn(func(fn *types.Func) bool {
		return noreturn.Func(fn) || pass.ImportObjectFact(fn, new(noReturn))
	})
	for _, p := range pass.Pkg.Imports() {
		prog.CreatePackage(p, nil, nil, true)
	}
	pkg := prog.CreatePackage(pass.Pkg, pass.Files, pass.TypesInfo, false)
	pkg.Build()

	res := &Result{Pkg: pkg, pass: pass}
	for _, imp := range pass.Pkg.Imports() {
		if path := imp.Path(); path == wsapi.Gobwas || path == wsapi.Gobwas+"/wsutil" {
			res.netConn = true
		}
	}
	var addAnons func(f *ssa.Function)
	addAnons = func(f *ssa.Function) {
		res.SrcFuncs = append(res.SrcFuncs, f)
		for _, anon := range f.AnonFuncs {
			addAnons(anon)
		}
	}
	for _, file := range pass.Files {
		for _, decl := range file.Decls {
			decl, ok := decl.(*ast.FuncDecl)
			if !ok {
				continue
			}
			obj, ok := pass.TypesInfo.Defs[decl.Name].(*types.Func)
			if !ok {
				continue
			}
			if f := prog.FuncValue(obj); f != nil {
				addAnons(f)
			}
		}
	}
	// Closures in package-level initializers belong to init:
	// var h = websocket.Handler(func(ws *websocket.Conn) {...}).
	if init := pkg.Func("init"); init != nil {
		for _, anon := range init.AnonFuncs {
			addAnons(anon)
		}
	}
	res.computeNoReturn()
	res.computeWrappers()
	res.computeRegistries()
	return res, nil
}

// reaches reports whether the package imports a WebSocket library or a
// package that does. Imports were analyzed first, so their facts are in.
func reaches(pass *analysis.Pass) bool {
	if wsapi.IsLibrary(pass.Pkg.Path()) {
		return true
	}
	for _, imp := range pass.Pkg.Imports() {
		if wsapi.IsLibrary(imp.Path()) || pass.ImportPackageFact(imp, new(reachesWS)) {
			return true
		}
	}
	return false
}

// NoReturn reports whether a call never returns: a function of the
// noreturn table (log.Fatal, t.Fatal also through testing.TB, a zerolog
// Fatal event), a function of this package none of whose paths return,
// or one of another package with the noReturn fact.
func (r *Result) NoReturn(call *ssa.CallCommon) bool {
	if noreturn.Call(call) {
		return true
	}
	fn := call.StaticCallee()
	if fn == nil {
		return false
	}
	if r.noReturn[fn] {
		return true
	}
	obj, ok := fn.Object().(*types.Func)
	return ok && r.pass.ImportObjectFact(obj.Origin(), new(noReturn))
}

// computeNoReturn finds the package's functions that cannot return and
// exports a fact for each named one; it iterates so that a helper that
// calls another such helper is found too.
func (r *Result) computeNoReturn() {
	r.noReturn = make(map[*ssa.Function]bool)
	for changed := true; changed; {
		changed = false
		for _, fn := range r.SrcFuncs {
			if r.noReturn[fn] || len(fn.Blocks) == 0 || returns(fn, r.NoReturn) {
				continue
			}
			r.noReturn[fn] = true
			changed = true
		}
	}
	for fn := range r.noReturn {
		if obj, ok := fn.Object().(*types.Func); ok && obj.Pkg() == r.pass.Pkg {
			r.pass.ExportObjectFact(obj, new(noReturn))
		}
	}
}

// returns reports whether some path from fn's entry reaches a Return
// without passing a call that never returns.
func returns(fn *ssa.Function, noret func(*ssa.CallCommon) bool) bool {
	seen := make([]bool, len(fn.Blocks))
	var visit func(b *ssa.BasicBlock) bool
	visit = func(b *ssa.BasicBlock) bool {
		if seen[b.Index] {
			return false
		}
		seen[b.Index] = true
		for _, instr := range b.Instrs {
			switch instr := instr.(type) {
			case *ssa.Call:
				if noret(&instr.Call) {
					return false
				}
			case *ssa.Return:
				return true
			}
		}
		for _, s := range b.Succs {
			if visit(s) {
				return true
			}
		}
		return false
	}
	return visit(fn.Blocks[0])
}

// Dominates reports whether a runs before b on every path to b.
func Dominates(a, b ssa.Instruction) bool {
	if a.Block() != b.Block() {
		return a.Block().Dominates(b.Block())
	}
	for _, in := range a.Block().Instrs {
		switch in {
		case a:
			return true
		case b:
			return false
		}
	}
	return false
}
