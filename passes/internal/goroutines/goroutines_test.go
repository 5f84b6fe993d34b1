package goroutines

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"testing"

	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/ssa/ssautil"

	"github.com/wsvet/wsvet/passes/internal/connid"
)

const src = `package p

import (
	"sync"
	"time"
)

type conn struct{}

func (*conn) write() {}

type client struct {
	mu   sync.Mutex
	rw   sync.RWMutex
	c    *conn
	done chan struct{}
}

func (cl *client) pump() { cl.c.write() }

func starts(cl *client, wg *sync.WaitGroup) {
	go cl.pump()
	go func() { cl.c.write() }()
	wg.Go(func() { cl.c.write() })
	time.AfterFunc(time.Second, cl.pump)
}

func waited(cl *client) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		cl.c.write()
	}()
	cl.c.write() // concurrent
	wg.Wait()
	cl.c.write() // after
}

func doneChan(cl *client) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		cl.c.write()
	}()
	cl.c.write() // concurrent
	<-done
	cl.c.write() // after
}

func inLoop(cl *client, n int) {
	for i := 0; i < n; i++ {
		cl.c.write() // concurrent: the goroutine of the last iteration runs
		go cl.pump()
	}
}

func locked(cl *client, b bool) {
	cl.mu.Lock()
	defer cl.mu.Unlock()
	if b {
		cl.rw.RLock()
		cl.c.write() // must {mu, rw}
		cl.rw.RUnlock()
	}
	cl.c.write() // must {mu}, may {mu}
}

func maybe(cl *client, b bool) {
	if b {
		cl.mu.Lock()
	}
	cl.c.write() // must {}, may {mu}
	if b {
		cl.mu.Unlock()
	}
}
`

func build(t *testing.T) *ssa.Package {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	pkg, _, err := ssautil.BuildPackage(&types.Config{Importer: importer.Default()}, fset, types.NewPackage("p", "p"), []*ast.File{f}, ssa.BuilderMode(0))
	if err != nil {
		t.Fatal(err)
	}
	return pkg
}

// writes returns the calls of (*conn).write in fn, closures excluded.
func writes(fn *ssa.Function) []*ssa.Call {
	var out []*ssa.Call
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if c, ok := instr.(*ssa.Call); ok {
				if callee := c.Call.StaticCallee(); callee != nil && callee.Name() == "write" {
					out = append(out, c)
				}
			}
		}
	}
	return out
}

func TestStarts(t *testing.T) {
	pkg := build(t)
	ss := Starts(pkg.Func("starts"))
	want := []Kind{Go, Go, WaitGroupGo, AfterFunc}
	if len(ss) != len(want) {
		t.Fatalf("got %d starts, want %d", len(ss), len(want))
	}
	for i, s := range ss {
		if s.Kind != want[i] || s.Fn == nil {
			t.Errorf("start %d: kind %v, fn %v; want kind %v", i, s.Kind, s.Fn, want[i])
		}
	}
	// The closure's cl.c is the caller's cl.c.
	cl := pkg.Func("starts").Params[0]
	w := writes(ss[1].Fn)[0]
	got, ok := ss[1].Bind(connid.Of(w.Call.Args[0]))
	if !ok || got.Root != cl {
		t.Errorf("Bind of the closure's cl.c = %v, %v; want rooted at the parameter cl", got, ok)
	}
	if ss[2].Group == nil {
		t.Error("wg.Go: no group")
	}
}

func TestConcurrent(t *testing.T) {
	pkg := build(t)
	for _, name := range []string{"waited", "doneChan"} {
		fn := pkg.Func(name)
		ss := Starts(fn)
		if len(ss) != 1 {
			t.Fatalf("%s: %d starts", name, len(ss))
		}
		conc := ss[0].Concurrent()
		ws := writes(fn)
		if len(ws) != 2 || !conc(ws[0]) || conc(ws[1]) {
			t.Errorf("%s: concurrent(write before wait) = %v, concurrent(write after wait) = %v; want true, false", name, conc(ws[0]), conc(ws[1]))
		}
	}
	fn := pkg.Func("inLoop")
	if conc := Starts(fn)[0].Concurrent(); !conc(writes(fn)[0]) {
		t.Error("inLoop: the write at the top of the loop does not run with the goroutine of the last iteration")
	}
}

func TestLocks(t *testing.T) {
	pkg := build(t)
	fn := pkg.Func("locked")
	h := Locks(fn)
	ws := writes(fn)
	if got := h.Must(ws[0]); len(got) != 2 {
		t.Errorf("locked: must at the first write = %v, want mu and rw", got)
	}
	if got := h.Must(ws[1]); len(got) != 1 {
		t.Errorf("locked: must at the second write = %v, want mu", got)
	}
	for id, w := range h.Must(ws[0]) {
		if w != (id.Path == "&.0") {
			t.Errorf("locked: %v held for writing = %v", id, w)
		}
	}
	fn = pkg.Func("maybe")
	h = Locks(fn)
	w := writes(fn)[0]
	if len(h.Must(w)) != 0 || len(h.May(w)) != 1 {
		t.Errorf("maybe: must %v, may %v; want none and mu", h.Must(w), h.May(w))
	}
	if !(LockSet{connid.ID{Root: fn.Params[0], Path: "&.0"}: true}).Excludes(LockSet{connid.ID{Root: fn.Params[0], Path: "&.0"}: false}) {
		t.Error("a Lock and an RLock of one mutex do not exclude each other")
	}
}
