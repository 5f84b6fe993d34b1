package wsvet_test

// What Bazel's rules_go nogo needs of wsvet's analyzers, checked without
// Bazel (see "Bazel (rules_go nogo)" in the README).
//
// nogo generates a main package that imports each analyzer package
// listed in the nogo target's deps and reads its package-level
// `Analyzer` variable; it follows Requires in Go, as the other drivers
// do, so required analyzers need no target of their own. It registers
// every fact type of the Requires graph with encoding/gob and
// serializes facts between compile actions with x/tools'
// internal/facts encoding (a gob stream of {PkgPath, Object, Fact}
// records, the fact an interface value), the same encoding unitchecker
// uses under go vet. Its configuration is keyed by Analyzer.Name.

import (
	"bytes"
	"encoding"
	"encoding/gob"
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/go/types/objectpath"

	"github.com/wsvet/wsvet"
)

// requiresClosure returns the analyzers and everything they require,
// each once, in depth-first order.
func requiresClosure(roots []*analysis.Analyzer) []*analysis.Analyzer {
	var all []*analysis.Analyzer
	var visit func([]*analysis.Analyzer)
	visit = func(as []*analysis.Analyzer) {
		for _, a := range as {
			if !slices.Contains(all, a) {
				all = append(all, a)
				visit(a.Requires)
			}
		}
	}
	visit(roots)
	return all
}

// TestNogoNames checks the names nogo's configuration is keyed by:
// Go identifiers, unique among the analyzers it links in.
func TestNogoNames(t *testing.T) {
	if err := analysis.Validate(wsvet.Analyzers()); err != nil {
		t.Fatal(err) // nogo's generated main validates them at start
	}
	seen := make(map[string]bool)
	for _, a := range requiresClosure(wsvet.Analyzers()) {
		if !token.IsIdentifier(a.Name) {
			t.Errorf("analyzer name %q is not a Go identifier", a.Name)
		}
		if seen[a.Name] {
			t.Errorf("two analyzers are named %q: nogo's configuration could not tell them apart", a.Name)
		}
		seen[a.Name] = true
	}
}

// analyzerPackage returns the path of the package that defines a's Run
// function, which is where its Analyzer variable lives.
func analyzerPackage(a *analysis.Analyzer) string {
	name := runtime.FuncForPC(reflect.ValueOf(a.Run).Pointer()).Name() // "github.com/x/y/pkg.run", "....(*T).run-fm"
	slash := strings.LastIndex(name, "/")
	dot := strings.Index(name[slash+1:], ".")
	if dot < 0 {
		return ""
	}
	return name[:slash+1+dot]
}

// TestNogoAnalyzerVariables checks that every analyzer, required ones
// included, is the package-level variable Analyzer of its package; that
// the packages listed in a nogo target (those of wsvet.Analyzers()) are
// not internal, so a BUILD file of another repository can depend on
// them; and that an internal package holding a required analyzer is
// imported only from inside its parent, which the Go internal rule
// allows (nogo never imports it itself).
func TestNogoAnalyzerVariables(t *testing.T) {
	all := requiresClosure(wsvet.Analyzers())
	var paths []string
	for _, a := range all {
		p := analyzerPackage(a)
		if p == "" {
			t.Fatalf("cannot find the package of analyzer %s", a.Name)
		}
		if !slices.Contains(paths, p) {
			paths = append(paths, p)
		}
	}
	pkgs, err := packages.Load(&packages.Config{Mode: packages.NeedName | packages.NeedTypes | packages.NeedSyntax | packages.NeedTypesInfo}, paths...)
	if err != nil {
		t.Fatal(err)
	}
	byPath := make(map[string]*packages.Package)
	for _, p := range pkgs {
		if len(p.Errors) > 0 {
			t.Fatalf("%s: %v", p.PkgPath, p.Errors)
		}
		byPath[p.PkgPath] = p
	}
	for _, a := range all {
		path := analyzerPackage(a)
		if name, err := analyzerVarName(byPath[path]); err != nil {
			t.Errorf("%s (%s): %v", a.Name, path, err)
		} else if name != a.Name {
			t.Errorf("%s.Analyzer is named %q, but the analyzer defined by %s is %q", path, name, path, a.Name)
		} else {
			t.Logf("%s is %s.Analyzer", a.Name, path)
		}
	}
	for _, a := range wsvet.Analyzers() {
		if path := analyzerPackage(a); isInternal(path) {
			t.Errorf("analyzer %s is in internal package %s: a nogo target outside this module cannot depend on it", a.Name, path)
		}
		for _, req := range requiresClosure(a.Requires) {
			if path, from := analyzerPackage(req), analyzerPackage(a); isInternal(path) && !internalVisible(path, from) {
				t.Errorf("%s requires %s from internal package %s, which %s may not import", a.Name, req.Name, path, from)
			}
		}
	}
}

// analyzerVarName finds the package-level `var Analyzer = &analysis.Analyzer{Name: ...}`
// of pkg and returns the constant value of its Name field.
func analyzerVarName(pkg *packages.Package) (string, error) {
	if pkg == nil {
		return "", fmt.Errorf("package not loaded")
	}
	obj, ok := pkg.Types.Scope().Lookup("Analyzer").(*types.Var)
	if !ok {
		return "", fmt.Errorf("no package-level variable Analyzer")
	}
	if ptr, ok := obj.Type().(*types.Pointer); !ok || types.TypeString(ptr.Elem(), nil) != "golang.org/x/tools/go/analysis.Analyzer" {
		return "", fmt.Errorf("Analyzer has type %s, want *analysis.Analyzer", obj.Type())
	}
	for _, f := range pkg.Syntax {
		for _, decl := range f.Decls {
			gen, ok := decl.(*ast.GenDecl)
			if !ok || gen.Tok != token.VAR {
				continue
			}
			for _, spec := range gen.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, id := range vs.Names {
					if pkg.TypesInfo.Defs[id] == obj && i < len(vs.Values) {
						return literalName(pkg.TypesInfo, vs.Values[i])
					}
				}
			}
		}
	}
	return "", fmt.Errorf("Analyzer has no initializer")
}

// literalName returns the constant Name field of &analysis.Analyzer{...}.
func literalName(info *types.Info, e ast.Expr) (string, error) {
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		if lit, ok := u.X.(*ast.CompositeLit); ok {
			for _, elt := range lit.Elts {
				if kv, ok := elt.(*ast.KeyValueExpr); ok {
					if key, ok := kv.Key.(*ast.Ident); ok && key.Name == "Name" {
						if v := info.Types[kv.Value].Value; v != nil && v.Kind() == constant.String {
							return constant.StringVal(v), nil
						}
					}
				}
			}
		}
	}
	return "", fmt.Errorf("Analyzer is not initialized with &analysis.Analyzer{Name: <constant>, ...}")
}

func isInternal(path string) bool {
	return slices.Contains(strings.Split(path, "/"), "internal")
}

// internalVisible reports whether package from may import path under
// the Go rule: from must lie in the tree rooted at the parent of path's
// last "internal" element.
func internalVisible(path, from string) bool {
	i := strings.LastIndex("/"+path+"/", "/internal/")
	parent := strings.TrimSuffix(path[:max(i-1, 0)], "/")
	return parent == "" || from == parent || strings.HasPrefix(from, parent+"/")
}

// gobFact is the record of x/tools' internal/facts encoding.
type gobFact struct {
	PkgPath string
	Object  objectpath.Path
	Fact    analysis.Fact
}

// TestNogoFacts checks that every fact type survives the serialization
// nogo and unitchecker use: a pointer, registered with gob, encoded as
// the interface field of a gobFact, decoded to an equal value, and
// encoded again to the same bytes (facts must be deterministic). gob
// drops unexported fields, so a fact struct must have only exported
// ones, unless it encodes itself (GobEncoder, BinaryMarshaler). gob
// accepts a struct with no fields at all (struct{}, like wsssa's
// reachesWS) without special registration; it refuses one whose
// fields are all unexported.
func TestNogoFacts(t *testing.T) {
	names := make(map[string]string)
	for _, a := range requiresClosure(wsvet.Analyzers()) {
		for _, f := range a.FactTypes {
			typ := reflect.TypeOf(f)
			if typ.Kind() != reflect.Pointer {
				t.Errorf("%s: fact type %s is not a pointer", a.Name, typ)
				continue
			}
			// gob.Register names a pointer type by its string, which
			// uses the package name: two fact types that print alike
			// would make the binary panic at start.
			if prev, dup := names[typ.String()]; dup {
				t.Errorf("%s and %s both have a fact type %s: gob.Register would panic", prev, a.Name, typ)
			}
			names[typ.String()] = a.Name
			if err := exportedOnly(typ.Elem()); err != nil {
				t.Errorf("%s: fact %s: %v", a.Name, typ, err)
				continue
			}
			gob.Register(f)
			if err := roundTrip(populated(typ)); err != nil {
				t.Errorf("%s: fact %s: %v", a.Name, typ, err)
			}
		}
	}
	if len(names) == 0 {
		t.Log("no analyzer has facts")
	}
}

// exportedOnly reports an error if gob would drop part of a value of
// type t: an unexported struct field, at any depth.
func exportedOnly(t reflect.Type) error {
	return exportedOnlySeen(t, make(map[reflect.Type]bool))
}

func exportedOnlySeen(t reflect.Type, seen map[reflect.Type]bool) error {
	if seen[t] {
		return nil // a recursive type, checked further up
	}
	seen[t] = true
	for _, enc := range []reflect.Type{reflect.TypeFor[gob.GobEncoder](), reflect.TypeFor[encoding.BinaryMarshaler]()} {
		if t.Implements(enc) || reflect.PointerTo(t).Implements(enc) {
			return nil // it encodes itself
		}
	}
	switch t.Kind() {
	case reflect.Struct:
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() {
				return fmt.Errorf("field %s is unexported: gob would not encode it, so it would be lost between packages under go vet and nogo", f.Name)
			}
			if err := exportedOnlySeen(f.Type, seen); err != nil {
				return err
			}
		}
	case reflect.Pointer, reflect.Slice, reflect.Array:
		return exportedOnlySeen(t.Elem(), seen)
	case reflect.Map:
		if err := exportedOnlySeen(t.Key(), seen); err != nil {
			return err
		}
		return exportedOnlySeen(t.Elem(), seen)
	case reflect.Chan, reflect.Func, reflect.Interface, reflect.UnsafePointer:
		return fmt.Errorf("gob cannot encode a %s", t.Kind())
	}
	return nil
}

// populated returns a new value of the pointer type t with every field
// set to something other than its zero value, so that the round trip
// carries data (gob omits zero fields).
func populated(t reflect.Type) analysis.Fact {
	v := reflect.New(t.Elem())
	fill(v.Elem(), 3)
	return v.Interface().(analysis.Fact)
}

func fill(v reflect.Value, depth int) {
	if depth == 0 || !v.CanSet() {
		return
	}
	switch v.Kind() {
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(7)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		v.SetUint(7)
	case reflect.Float32, reflect.Float64:
		v.SetFloat(1.5)
	case reflect.String:
		v.SetString("x")
	case reflect.Struct:
		for i := range v.NumField() {
			fill(v.Field(i), depth)
		}
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem(), depth-1)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		fill(v.Index(0), depth-1)
	case reflect.Array:
		for i := range v.Len() {
			fill(v.Index(i), depth-1)
		}
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
		fill(k, depth-1)
		fill(e, depth-1)
		m.SetMapIndex(k, e)
		v.Set(m)
	}
}

// roundTrip encodes a fact as x/tools' facts encoding does, decodes it,
// and checks the value and the determinism of the encoding.
func roundTrip(f analysis.Fact) error {
	in := []gobFact{{PkgPath: "example.com/p", Object: "T", Fact: f}}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(in); err != nil {
		return fmt.Errorf("gob cannot encode it: %v", err)
	}
	enc := bytes.Clone(buf.Bytes())
	var out []gobFact
	if err := gob.NewDecoder(&buf).Decode(&out); err != nil {
		return fmt.Errorf("gob cannot decode it: %v", err)
	}
	if len(out) != 1 || reflect.TypeOf(out[0].Fact) != reflect.TypeOf(f) || !reflect.DeepEqual(out[0].Fact, f) {
		return fmt.Errorf("decoded as %#v, want %#v", out, in)
	}
	var again bytes.Buffer
	if err := gob.NewEncoder(&again).Encode(out); err != nil || !bytes.Equal(again.Bytes(), enc) {
		return fmt.Errorf("encoding is not deterministic")
	}
	return nil
}

type (
	emptyFact    struct{}
	hiddenFact   struct{ n int }
	mixedFact    struct{ N, m int }
	exportedFact struct {
		N    int
		S    []string
		M    map[string]int
		Next *exportedFact
	}
)

func (*emptyFact) AFact()    {}
func (*hiddenFact) AFact()   {}
func (*mixedFact) AFact()    {}
func (*exportedFact) AFact() {}

// TestNogoChecks checks the checks above on facts of known shape.
func TestNogoChecks(t *testing.T) {
	for _, tc := range []struct {
		fact analysis.Fact
		ok   bool
	}{
		{new(emptyFact), true},          // struct{}: gob encodes it as is
		{&hiddenFact{n: 1}, false},      // gob: "has no exported fields"
		{&mixedFact{N: 1, m: 2}, false}, // gob would silently drop m
		{new(exportedFact), true},
	} {
		typ := reflect.TypeOf(tc.fact)
		err := exportedOnly(typ.Elem())
		if err == nil {
			gob.Register(tc.fact)
			err = roundTrip(populated(typ))
		}
		if (err == nil) != tc.ok {
			t.Errorf("%s: err = %v, want ok %v", typ, err, tc.ok)
		}
	}
	gob.Register(new(hiddenFact))
	if err := roundTrip(new(hiddenFact)); err == nil {
		t.Error("gob encoded a struct with only unexported fields; the check above would be needless")
	}

	for _, tc := range []struct {
		path, from string
		ok         bool
	}{
		{"github.com/wsvet/wsvet/passes/internal/wsssa", "github.com/wsvet/wsvet/passes/readloop", true},
		{"github.com/wsvet/wsvet/passes/internal/wsssa", "github.com/wsvet/wsvet/passes", true},
		{"github.com/wsvet/wsvet/passes/internal/wsssa", "github.com/wsvet/wsvet/cmd/wsvet", false},
		{"github.com/wsvet/wsvet/passes/internal/wsssa", "github.com/wsvet/wsvet/passesx", false},
		{"a/internal/b/internal/c", "a/internal/b/x", true},
		{"a/internal/b/internal/c", "a/x", false},
	} {
		if got := internalVisible(tc.path, tc.from); got != tc.ok {
			t.Errorf("internalVisible(%s, %s) = %v, want %v", tc.path, tc.from, got, tc.ok)
		}
	}
	if got := analyzerPackage(wsvet.Analyzers()[0]); !strings.HasPrefix(got, "github.com/wsvet/wsvet/") {
		t.Errorf("analyzerPackage = %q", got)
	}
}
