package concurrentwrite

import (
	"fmt"
	"go/types"
	"slices"
	"sort"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/wsvet/wsvet/passes/internal/connid"
	"github.com/wsvet/wsvet/passes/internal/goroutines"
	"github.com/wsvet/wsvet/passes/internal/wsapi"
	"github.com/wsvet/wsvet/passes/internal/wsssa"
)

// A write is a write of a connection as one function sees it: the
// connection and the locks held around the write, in the function's
// terms, and where it comes from.
type write struct {
	conn  connid.ID
	raw   connid.ID // conn before canon: below the struct that holds it
	locks goroutines.LockSet
	via   string    // the library call, "(*websocket.Conn).WriteMessage"
	call  *ssa.Call // that call, when it is in this package (nil through a fact)
	// at is the instruction of the function that makes the write: the
	// library call itself, or the call or start that leads to it.
	at ssa.Instruction
	// start is the start (go statement, errgroup Go...) of the goroutine
	// the write runs in, for writes of goroutines the function starts.
	start ssa.Instruction
	// origin is the go statement (or Go, AfterFunc) that starts the
	// goroutine of an async write, wherever the write is seen from.
	origin ssa.Instruction
	// ends are what the goroutine of an async write closes or marks done
	// when it ends (its channels and WaitGroups); after are what its
	// goroutine waited for before the write (a receive, a Wait).
	ends, after []connid.ID
}

// A summary is what a function does to the connections it is handed:
// the writes it makes itself (in its goroutine: sync) and those of the
// goroutines it starts and does not wait for (async), rooted at its
// parameters, free variables or package variables.
type summary struct {
	sync, async []write
}

// serialOp reports whether call is a write of the single-writer side of
// a connection: a data write, a control frame written as a message, or a
// change to the writer's state of gorilla or fasthttp (whose Conn allows
// one concurrent writer), or a frame write of gobwas (whose header and
// payload can interleave with another's on the net.Conn). WriteControl
// and Close may run concurrently; coder, nhooyr and x/net lock inside.
func serialOp(call *ssa.CallCommon) (wsapi.Op, *types.Func, bool) {
	fn := wsapi.Callee(call)
	op, ok := wsapi.Lookup(fn)
	if !ok {
		return op, nil, false
	}
	switch wsapi.Unvendor(fn.Pkg().Path()) {
	case wsapi.Gorilla, wsapi.Fasthttp:
		return op, fn, op.Kind == wsapi.Write || op.Kind == wsapi.WriteConfig
	case wsapi.Gobwas, wsapi.Gobwas + "/wsutil":
		return op, fn, op.Kind == wsapi.Write || op.Kind == wsapi.Control
	}
	return op, fn, false
}

// viaName names a library function for messages: (*websocket.Conn).WriteMessage.
func viaName(fn *types.Func) string {
	name := fn.Name()
	if recv := fn.Signature().Recv(); recv != nil {
		t := recv.Type()
		star := ""
		if p, ok := t.(*types.Pointer); ok {
			t, star = p.Elem(), "*"
		}
		if n, ok := t.(*types.Named); ok {
			return "(" + star + n.Obj().Pkg().Name() + "." + n.Obj().Name() + ")." + name
		}
	}
	return fn.Pkg().Name() + "." + name
}

// summarize returns the summary of fn, computing it (and those of its
// callees in the package) on first use. A recursive call contributes
// nothing while its summary is being computed.
func (c *checker) summarize(fn *ssa.Function) *summary {
	if s, ok := c.summaries[fn]; ok {
		if s == nil {
			return &summary{} // in progress
		}
		return s
	}
	c.summaries[fn] = nil
	all := c.writesIn(fn)
	s := &summary{}
	for _, w := range all.sync {
		if operandRooted(w.conn) {
			s.sync = append(s.sync, w)
		}
	}
	for _, w := range all.async {
		// A goroutine that fn waits for before every return is over when
		// fn returns: its callers do not run beside it.
		if operandRooted(w.conn) && !c.endsBefore(fn, w) {
			s.async = append(s.async, w)
		}
	}
	c.summaries[fn] = s
	return s
}

// writesIn returns every write fn makes or starts, in fn's terms.
func (c *checker) writesIn(fn *ssa.Function) *summary {
	if s, ok := c.local[fn]; ok {
		return s
	}
	out := &summary{}
	c.local[fn] = out
	if len(fn.Blocks) == 0 {
		return out
	}
	held := goroutines.Locks(fn)
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch in := instr.(type) {
			case *ssa.Call:
				c.callWrites(out, in, &in.Call, held.Must(in))
			case *ssa.Defer:
				// A deferred write runs at the return, with locks unknown.
				c.callWrites(out, in, &in.Call, goroutines.LockSet{})
			}
		}
	}
	for _, st := range goroutines.Starts(fn) {
		c.startWrites(out, st)
	}
	return out
}

// callWrites adds the writes of a call made in fn's goroutine.
func (c *checker) callWrites(out *summary, at ssa.CallInstruction, call *ssa.CallCommon, held goroutines.LockSet) {
	if op, lib, ok := serialOp(call); ok {
		if v := (wsssa.Op{Op: op}).ConnOf(call); v != nil {
			id := connid.Of(v)
			w := write{conn: connid.Canon(id), raw: id, locks: held, via: viaName(lib), at: at, after: c.waitedBefore(at)}
			if c2, ok := at.(*ssa.Call); ok {
				w.call = c2
			}
			out.sync = append(out.sync, w)
		}
		return
	}
	callee := call.StaticCallee()
	if callee == nil {
		return
	}
	if callee.Pkg != c.res.Pkg || len(callee.Blocks) == 0 {
		c.factWrites(out, at, call, callee, held, nil)
		return
	}
	s := c.summarize(callee)
	for _, w := range s.sync {
		if b, ok := bindWrite(w, call.Value, callee, call.Args); ok {
			b.locks = union(b.locks, held)
			b.at = at
			b.after = append(b.after, c.waitedBefore(at)...)
			out.sync = append(out.sync, b)
		}
	}
	for _, w := range s.async {
		if b, ok := bindWrite(w, call.Value, callee, call.Args); ok {
			b.at = at
			if b.start == nil || b.start.Parent() != at.Parent() {
				b.start = at // the goroutine starts inside this call
			}
			// What the caller waited for before the call, the goroutine
			// started after.
			b.after = append(b.after, c.waitedBefore(at)...)
			out.async = append(out.async, b)
		}
	}
}

// startWrites adds the writes of a goroutine fn starts.
func (c *checker) startWrites(out *summary, st goroutines.Start) {
	if st.Fn == nil {
		return // a func value or an interface method: unknown
	}
	// go conn.WriteMessage(...): the library call is the goroutine.
	if len(st.Fn.Blocks) == 0 {
		if op, lib, ok := serialOp(st.Instr.Common()); ok && st.Kind == goroutines.Go {
			if v := (wsssa.Op{Op: op}).ConnOf(st.Instr.Common()); v != nil {
				id := connid.Of(v)
				out.async = append(out.async, write{conn: connid.Canon(id), raw: id, locks: goroutines.LockSet{}, via: viaName(lib), at: st.Instr, start: st.Instr, origin: st.Instr, ends: st.EndIDs()})
			}
			return
		}
	}
	if st.Fn.Pkg != c.res.Pkg || len(st.Fn.Blocks) == 0 {
		c.factWrites(out, st.Instr, st.Instr.Common(), st.Fn, nil, st.Instr)
		return
	}
	s := c.summarize(st.Fn)
	for i, list := range [][]write{s.sync, s.async} {
		for _, w := range list {
			if b, ok := bindWrite(w, st.Callee, st.Fn, st.Args); ok {
				b.at = st.Instr
				if b.start == nil || b.start.Parent() != st.Instr.Parent() {
					b.start = st.Instr
				}
				if i == 0 {
					b.ends = st.EndIDs() // the goroutine that makes the write is st's
					b.origin = st.Instr
				}
				b.after = append(b.after, c.waitedBefore(st.Instr)...)
				out.async = append(out.async, b)
			}
		}
	}
}

// bindWrite translates a write of callee fn to the caller's terms; locks
// that do not translate are dropped.
func bindWrite(w write, value ssa.Value, fn *ssa.Function, args []ssa.Value) (write, bool) {
	conn, ok := connid.Bind(value, fn, args, w.conn)
	if !ok {
		return write{}, false
	}
	if raw, ok := connid.Bind(value, fn, args, w.raw); ok {
		w.raw = raw
	} else {
		w.raw = conn
	}
	locks := goroutines.LockSet{}
	for id, excl := range w.locks {
		if b, ok := connid.Bind(value, fn, args, id); ok {
			locks[b] = excl
		}
	}
	w.conn, w.locks = connid.Canon(conn), locks
	w.ends, w.after = bindIDs(w.ends, value, fn, args), bindIDs(w.after, value, fn, args)
	return w, true
}

// bindIDs translates identities of fn to the caller's terms, dropping
// those that do not translate.
func bindIDs(ids []connid.ID, value ssa.Value, fn *ssa.Function, args []ssa.Value) []connid.ID {
	var out []connid.ID
	for _, id := range ids {
		if b, ok := connid.Bind(value, fn, args, id); ok {
			out = append(out, b)
		}
	}
	return out
}

// waits returns the channels and groups instr waits for: its own
// receive or Wait, or those a function of the package it calls waits
// for on every path (its WaitToStop).
func (c *checker) waits(instr ssa.Instruction) []connid.ID {
	out := goroutines.Waits(instr)
	if call, ok := instr.(*ssa.Call); ok {
		if fn := call.Call.StaticCallee(); fn != nil && fn.Pkg == c.res.Pkg && len(fn.Blocks) > 0 {
			if _, ok := c.waited[fn]; !ok {
				c.waited[fn] = goroutines.WaitedOnReturn(fn)
			}
			out = append(out, bindIDs(c.waited[fn], call.Call.Value, fn, call.Call.Args)...)
		}
	}
	return out
}

// waitedBefore returns what the function of at waits for on every path
// to at.
func (c *checker) waitedBefore(at ssa.Instruction) []connid.ID {
	var out []connid.ID
	for _, b := range at.Parent().Blocks {
		for _, instr := range b.Instrs {
			if ids := c.waits(instr); len(ids) > 0 && instr != at && wsssa.Dominates(instr, at) {
				out = append(out, ids...)
			}
		}
	}
	return out
}

// ends reports whether instr waits for the goroutine of the async write
// w to end.
func (c *checker) ends(instr ssa.Instruction, w write) bool {
	if len(w.ends) == 0 {
		return false
	}
	return intersects(c.waits(instr), w.ends)
}

func intersects(a, b []connid.ID) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}

// reaches reports whether to (or, with to nil, a return) is reachable in
// fn from the start of the async write w without passing an instruction
// that waits for w's goroutine to end, nor the block header (when set: a
// loop's header, for values of one iteration).
func (c *checker) reaches(w write, to ssa.Instruction, header *ssa.BasicBlock) bool {
	from := w.start
	seen := make(map[*ssa.BasicBlock]bool)
	var visit func(b *ssa.BasicBlock, i int) bool
	visit = func(b *ssa.BasicBlock, i int) bool {
		for _, instr := range b.Instrs[i:] {
			if instr == to {
				return true
			}
			if _, ok := instr.(*ssa.Return); ok && to == nil {
				return true
			}
			if c.ends(instr, w) {
				return false
			}
		}
		for _, s := range b.Succs {
			if !seen[s] && s != header {
				seen[s] = true
				if visit(s, 0) {
					return true
				}
			}
		}
		return false
	}
	b := from.Block()
	for i, instr := range b.Instrs {
		if instr == from {
			return visit(b, i+1)
		}
	}
	return false
}

// endsBefore reports whether fn waits for the goroutine of the async
// write w before every return.
func (c *checker) endsBefore(fn *ssa.Function, w write) bool {
	return len(w.ends) > 0 && w.start != nil && w.start.Parent() == fn && !c.reaches(w, nil, nil)
}

// operandRooted reports whether id is rooted where a caller can see it.
func operandRooted(id connid.ID) bool {
	switch id.Root.(type) {
	case *ssa.Parameter, *ssa.FreeVar, *ssa.Global:
		return true
	}
	return false
}

func union(a, b goroutines.LockSet) goroutines.LockSet {
	out := goroutines.LockSet{}
	for id, w := range a {
		out[id] = w
	}
	for id, w := range b {
		out[id] = out[id] || w
	}
	return out
}

// lockKeys renders locks for a fact: operand index and path, sorted.
func lockKeys(fn *ssa.Function, locks goroutines.LockSet) []lockRef {
	var out []lockRef
	for id, excl := range locks {
		if op, ok := operandOf(fn, id.Root); ok {
			out = append(out, lockRef{Operand: op, Path: id.Path, Exclusive: excl})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Operand != out[j].Operand {
			return out[i].Operand < out[j].Operand
		}
		return out[i].Path < out[j].Path
	})
	return out
}

// operandOf returns the index of root among fn's parameters.
func operandOf(fn *ssa.Function, root ssa.Value) (int8, bool) {
	for i, p := range fn.Params {
		if p == root && i < 127 {
			return int8(i), true
		}
	}
	return 0, false
}

// writesFact is an object fact on a function of another package: the
// writes it makes and starts, below its parameters (the receiver is
// operand 0), with the locks held (also below its parameters).
type writesFact struct {
	Sync, Async []factWrite
}

type factWrite struct {
	Operand int8
	Path    string
	Locks   []lockRef
	Via     string
}

type lockRef struct {
	Operand   int8
	Path      string
	Exclusive bool
}

func (*writesFact) AFact() {}
func (f *writesFact) String() string {
	var parts []string
	for _, w := range f.Sync {
		parts = append(parts, "writes("+w.String()+")")
	}
	for _, w := range f.Async {
		parts = append(parts, "starts("+w.String()+")")
	}
	return strings.Join(parts, " ")
}

func (w factWrite) String() string {
	s := fmt.Sprintf("%d%s, %s", w.Operand, w.Path, w.Via)
	for _, l := range w.Locks {
		s += fmt.Sprintf(", lock %d%s", l.Operand, l.Path)
	}
	return s
}

// exportFacts records the summaries of the package's named functions.
func (c *checker) exportFacts() {
	for _, fn := range c.res.SrcFuncs {
		obj, ok := fn.Object().(*types.Func)
		if !ok || obj.Pkg() != c.pass.Pkg || !obj.Exported() {
			continue // (other packages call only exported functions and methods)
		}
		s := c.summarize(fn)
		var f writesFact
		for _, list := range []struct {
			ws  []write
			dst *[]factWrite
		}{{s.sync, &f.Sync}, {s.async, &f.Async}} {
			for _, w := range list.ws {
				if op, ok := operandOf(fn, w.conn.Root); ok {
					*list.dst = append(*list.dst, factWrite{Operand: op, Path: w.conn.Path, Locks: lockKeys(fn, w.locks), Via: w.via})
				}
			}
		}
		if len(f.Sync)+len(f.Async) > 0 {
			dedupFact(&f)
			c.pass.ExportObjectFact(obj, &f)
		}
	}
}

// dedupFact sorts the entries of f and drops repeats.
func dedupFact(f *writesFact) {
	for _, list := range []*[]factWrite{&f.Sync, &f.Async} {
		sort.Slice(*list, func(i, j int) bool { return (*list)[i].String() < (*list)[j].String() })
		*list = slices.CompactFunc(*list, func(a, b factWrite) bool { return a.String() == b.String() })
	}
}

// factWrites adds the writes of a call of (or a goroutine running) a
// function of another package, from its fact, in the caller's terms.
// held are the locks at a call (nil for a goroutine); start, if set, is
// the start of the goroutine.
func (c *checker) factWrites(out *summary, at ssa.Instruction, call *ssa.CallCommon, fn *ssa.Function, held goroutines.LockSet, start ssa.Instruction) {
	obj, ok := fn.Object().(*types.Func)
	if !ok {
		return
	}
	var f writesFact
	if !c.pass.ImportObjectFact(obj.Origin(), &f) {
		return
	}
	args := call.Args
	if call.IsInvoke() {
		return
	}
	bind := func(w factWrite) (write, bool) {
		if int(w.Operand) >= len(args) {
			return write{}, false
		}
		locks := goroutines.LockSet{}
		for _, l := range w.Locks {
			if int(l.Operand) < len(args) {
				locks[connid.Of(args[l.Operand]).Extend(l.Path)] = l.Exclusive
			}
		}
		id := connid.Of(args[w.Operand]).Extend(w.Path)
		return write{conn: connid.Canon(id), raw: id, locks: locks, via: w.Via, at: at, start: start}, true
	}
	for _, w := range f.Sync {
		if b, ok := bind(w); ok {
			if start == nil {
				b.locks = union(b.locks, held)
				out.sync = append(out.sync, b)
			} else {
				b.origin = start
				out.async = append(out.async, b)
			}
		}
	}
	for _, w := range f.Async {
		if b, ok := bind(w); ok {
			if b.start == nil {
				b.start = at
			}
			// The go statement is in the other package: the call that
			// leads to it stands for it, wherever the write is seen from
			// (opamp-go's sender.Start, through runOneCycle).
			b.origin = at
			out.async = append(out.async, b)
		}
	}
}
