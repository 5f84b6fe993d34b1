package pumpleak

import (
	_ "embed"
	"go/token"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/wsvet/wsvet/passes/internal/analyzerdoc"
	"github.com/wsvet/wsvet/passes/internal/connid"
	"github.com/wsvet/wsvet/passes/internal/goroutines"
	"github.com/wsvet/wsvet/passes/internal/loops"
	"github.com/wsvet/wsvet/passes/internal/suppress"
	"github.com/wsvet/wsvet/passes/internal/wsapi"
	"github.com/wsvet/wsvet/passes/internal/wsssa"
)

//go:embed doc.go
var doc string

var Analyzer = &analysis.Analyzer{
	Name:      "pumpleak",
	Doc:       analyzerdoc.MustExtract(doc, "pumpleak"),
	URL:       "https://pkg.go.dev/github.com/wsvet/wsvet/passes/pumpleak",
	Requires:  []*analysis.Analyzer{wsssa.Analyzer},
	Run:       run,
	FactTypes: []analysis.Fact{new(stops), new(hubEnds)},
}

func run(pass *analysis.Pass) (any, error) {
	res := pass.ResultOf[wsssa.Analyzer].(*wsssa.Result)
	if res == nil {
		return nil, nil // the package cannot involve WebSockets
	}
	c := &checker{
		pass: pass, res: res, rep: suppress.New(pass),
		exitMemo:  make(map[*ssa.Function]*exits),
		summaries: make(map[*ssa.Function]*summary),
		reported:  make(map[token.Pos]bool),
		starts:    make(map[*ssa.Function][]goroutines.Start),
		readMemo:  make(map[readsKey][]readSite),
	}
	c.computeHubs()
	c.summaries = make(map[*ssa.Function]*summary) // computed before the hubs were known
	c.exportStops()
	for _, fn := range res.SrcFuncs {
		c.runFunc(fn)
	}
	return nil, nil
}

type checker struct {
	pass      *analysis.Pass
	res       *wsssa.Result
	rep       *suppress.Reporter
	exitMemo  map[*ssa.Function]*exits
	summaries map[*ssa.Function]*summary
	hubs      map[string][]factEnd // channel -> what its receiver closes below what it receives
	reported  map[token.Pos]bool
	callers   map[*ssa.Function][]*ssa.Call // the package's static call sites, by callee
	starts    map[*ssa.Function][]goroutines.Start
	readMemo  map[readsKey][]readSite
}

// A pumpStart is a goroutine that a function S starts, itself or in a
// helper it calls.
type pumpStart struct {
	goroutines.Start
	at   ssa.Instruction // the instruction of S that starts it: the go statement, or the call of the helper
	via  *ssa.Function   // the helper, or nil
	bind func(connid.ID) (connid.ID, bool)
}

// A group is the goroutines of one connection: the function S that
// starts them, the one among them (or S) that owns the read loop, and
// the others, the pumps.
type group struct {
	S      *ssa.Function
	starts []pumpStart
	owner  *owner
}

// The owner runs the connection's read loop: S itself (in its body or
// in a function it calls) or one of the goroutines S starts.
type owner struct {
	fn       *ssa.Function
	startIdx int // -1 when fn is S
	reads    []readSite
	conns    []connid.ID // the connections read, in S's terms
	bind     func(connid.ID) (connid.ID, bool)
}

// A readSite is a read of a connection, or a call that runs a read
// loop, in the owner.
type readSite struct {
	instr ssa.Instruction
	conn  connid.ID     // in the terms of the function of instr
	loop  *ssa.Function // the function whose body holds the read
	pos   token.Pos     // the read
}

func (c *checker) runFunc(S *ssa.Function) {
	if S.Pkg.Pkg.Name() == "main" && S.Name() == "main" && S.Parent() == nil {
		return // its goroutines end with the process when it returns
	}
	starts := c.startsIn(S)
	if len(starts) == 0 {
		return
	}
	own := c.ownerOf(S, starts)
	if own == nil {
		return // no read loop in sight: the connection lives elsewhere
	}
	g := &group{S: S, starts: starts, owner: own}
	for i := range starts {
		if i != own.startIdx && !c.reads(g, starts[i]) {
			c.checkPump(g, i)
		}
	}
}

// startsIn returns the goroutines S starts with a function of this
// package: its own, and those of the package's functions it calls.
func (c *checker) startsIn(S *ssa.Function) []pumpStart {
	var out []pumpStart
	for _, s := range c.startsOf(S) {
		if s.Fn != nil && s.Fn.Pkg == c.res.Pkg && len(s.Fn.Blocks) > 0 {
			out = append(out, pumpStart{Start: s, at: s.Instr, bind: s.Bind})
		}
	}
	for _, b := range S.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(*ssa.Call)
			if !ok {
				continue
			}
			h := call.Call.StaticCallee()
			if h == nil || h == S || h.Pkg != c.res.Pkg || len(h.Blocks) == 0 || len(c.startsOf(h)) == 0 {
				continue
			}
			if len(c.readsOf(h, false)) > 0 {
				continue // a helper with its own read loop is a group of its own
			}
			for _, s := range c.startsOf(h) {
				if s.Fn == nil || s.Fn.Pkg != c.res.Pkg || len(s.Fn.Blocks) == 0 {
					continue
				}
				bind := func(id connid.ID) (connid.ID, bool) {
					inner, ok := s.Bind(id)
					if !ok {
						return connid.ID{}, false
					}
					return bindCall(call, h, inner)
				}
				out = append(out, pumpStart{Start: s, at: call, via: h, bind: bind})
			}
		}
	}
	return out
}

// startsOf memoizes goroutines.Starts.
func (c *checker) startsOf(fn *ssa.Function) []goroutines.Start {
	if ss, ok := c.starts[fn]; ok {
		return ss
	}
	ss := goroutines.Starts(fn)
	c.starts[fn] = ss
	return ss
}

// ownerOf finds the read loop: in S (or a function it calls), else in a
// goroutine it starts; a read in a loop first, then any read.
func (c *checker) ownerOf(S *ssa.Function, starts []pumpStart) *owner {
	for _, loopOnly := range []bool{true, false} {
		if rs := c.readsOf(S, loopOnly); len(rs) > 0 {
			return c.newOwner(S, -1, rs, identity)
		}
		for i, p := range starts {
			if rs := c.readsOf(p.Fn, loopOnly); len(rs) > 0 {
				return c.newOwner(p.Fn, i, rs, p.bind)
			}
		}
	}
	return nil
}

func (c *checker) newOwner(fn *ssa.Function, idx int, rs []readSite, bind func(connid.ID) (connid.ID, bool)) *owner {
	o := &owner{fn: fn, startIdx: idx, reads: rs, bind: bind}
	for _, r := range rs {
		if id, ok := bind(r.conn); ok {
			o.conns = append(o.conns, connid.Canon(id))
		}
	}
	if len(o.conns) == 0 {
		return nil
	}
	return o
}

type readsKey struct {
	fn       *ssa.Function
	loopOnly bool
}

// readsOf memoizes readsIn from the top.
func (c *checker) readsOf(fn *ssa.Function, loopOnly bool) []readSite {
	k := readsKey{fn, loopOnly}
	if rs, ok := c.readMemo[k]; ok {
		return rs
	}
	rs := c.readsIn(fn, 0, loopOnly)
	c.readMemo[k] = rs
	return rs
}

// readsIn returns the reads of connections in fn (in a loop, when
// loopOnly): library reads and wrappers (a wrapper that hides the error
// runs the loop itself), coder's CloseRead, and calls of the package's
// functions that read.
func (c *checker) readsIn(fn *ssa.Function, depth int, loopOnly bool) []readSite {
	var forest *loops.Forest
	var out []readSite
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(*ssa.Call)
			if !ok {
				continue
			}
			if op, ok := c.res.Lookup(&call.Call, wsapi.Read); ok {
				loop := fn
				inLoop := op.Hides()
				if !inLoop {
					if forest == nil {
						forest = loops.Find(fn)
					}
					inLoop = forest.Innermost(b) != nil
				}
				if callee := call.Call.StaticCallee(); !inLoop && callee != nil && callee.Pkg == c.res.Pkg && depth < maxDepth {
					if len(c.readsIn(callee, depth+1, true)) > 0 {
						inLoop, loop = true, callee
					}
				}
				if op.Hides() {
					if callee := call.Call.StaticCallee(); callee != nil {
						loop = callee
					}
				}
				if !loopOnly || inLoop {
					out = append(out, readSite{call, op.ConnID(&call.Call), loop, call.Pos()})
				}
				continue
			}
			if op, ok := c.res.Lookup(&call.Call, wsapi.Watch); ok {
				out = append(out, readSite{call, op.ConnID(&call.Call), fn, call.Pos()})
				continue
			}
			callee := call.Call.StaticCallee()
			if callee == nil || callee == fn || callee.Pkg != c.res.Pkg || len(callee.Blocks) == 0 || depth >= maxDepth {
				continue
			}
			for _, r := range c.readsIn(callee, depth+1, loopOnly) {
				if id, ok := bindCall(call, callee, r.conn); ok {
					out = append(out, readSite{call, id, r.loop, r.pos})
				}
			}
		}
	}
	return out
}

// reads reports whether the goroutine p reads the owner's connection:
// it is another reader, not a pump.
func (c *checker) reads(g *group, p pumpStart) bool {
	for _, r := range c.readsOf(p.Fn, false) {
		if id, ok := p.bind(r.conn); ok && g.owner.isConn(connid.Canon(id)) {
			return true
		}
	}
	return false
}

func (o *owner) isConn(id connid.ID) bool {
	for _, c := range o.conns {
		if c == id {
			return true
		}
	}
	return false
}

// checkPump checks that the pump p of group g has a way out once the
// read loop ends, and that, as a writer, it does not end on a failed
// write without telling the reader.
func (c *checker) checkPump(g *group, i int) {
	p := g.starts[i]
	if !c.tied(g, p) {
		return // not one of this connection's goroutines
	}
	c.checkWriter(g, p)
	ex := c.exitsOf(p.Fn, 0)
	if ex == nil || ex.free {
		return
	}
	f := c.finalize(ex, p.bind, g, i)
	if f.free {
		return
	}
	if len(f.reqs) == 0 {
		c.reportNever(g, p)
		return
	}
	if !c.ownerLeaks(g, i, f.reqs) {
		return
	}
	c.reportLeak(g, p, f)
}

// tied reports whether p serves the connection of g: it is handed the
// connection, something that holds it, or something S made (a channel,
// a context, a client struct), rather than only long-lived values (a
// hub's channels, package variables).
func (c *checker) tied(g *group, p pumpStart) bool {
	var operands []connid.ID
	for _, v := range p.Fn.Params {
		operands = append(operands, connid.ID{Root: v})
	}
	for _, v := range p.Fn.FreeVars {
		operands = append(operands, connid.ID{Root: v})
	}
	for _, id := range operands {
		b, ok := p.bind(id)
		if !ok {
			continue
		}
		b = connid.Canon(b)
		for _, conn := range g.owner.conns {
			if b.Root == conn.Root {
				return true
			}
		}
		if in, ok := b.Root.(ssa.Instruction); ok && in.Parent() == g.S {
			return true
		}
	}
	return false
}

// final is a pump's ways out in S's terms.
type final struct {
	reqs  [][]trigger
	where map[trigger]token.Pos // where the pump waits for each trigger
	raw   map[trigger]connid.ID // each trigger's value in S's terms before canon, to name it
	free  bool
}

// finalize translates a pump's ways out to S's terms: a trigger S
// cannot name is assumed to come; ctx.Done() is the context's cancel;
// a context is cancelled by the cancel func of its WithCancel or of an
// ancestor's (one not made here, r.Context() or a parameter, may be
// cancelled by anyone: assumed); Background is never; a send on a
// channel that is buffered, or that another goroutine of the group
// receives from, is assumed to go through.
func (c *checker) finalize(ex *exits, bind func(connid.ID) (connid.ID, bool), g *group, self int) *final {
	f := &final{where: make(map[trigger]token.Pos), raw: make(map[trigger]connid.ID)}
	for _, r := range ex.reqs {
		alts := [][]trigger{nil}
		dead := false
		for _, t := range r {
			raw, ok := bind(t.id)
			if !ok {
				continue
			}
			opts, sat := c.classify(t.kind, connid.Canon(raw), g, self)
			if sat {
				continue
			}
			if len(opts) == 0 {
				dead = true
				break
			}
			for _, o := range opts {
				if _, ok := f.where[o]; !ok {
					f.where[o], f.raw[o] = ex.where[t], raw
				}
			}
			var next [][]trigger
			for _, a := range alts {
				for _, o := range opts {
					next = append(next, append(append([]trigger(nil), a...), o))
				}
			}
			if len(next) > 16 {
				return &final{free: true} // too many ways: assume one is taken
			}
			alts = next
		}
		if dead {
			continue
		}
		for _, a := range alts {
			if len(a) == 0 {
				return &final{free: true}
			}
			f.reqs = append(f.reqs, a)
		}
	}
	return f
}

// classify returns the triggers, in S's terms, of which one satisfies
// what the pump waits for (none: it never comes), or sat when it is
// assumed to come.
func (c *checker) classify(k trigKind, id connid.ID, g *group, self int) (opts []trigger, sat bool) {
	switch k {
	case tClose, tSend:
		if id.Path == "" {
			if ctx := goroutines.DoneOf(id.Root); ctx != nil {
				if k == tSend {
					return nil, false // nobody sends on a Done channel
				}
				return c.cancelOptions(connid.Canon(connid.Of(ctx)), 0)
			}
		}
		if c.foreign(id, g.S) {
			return nil, true
		}
	case tRecv:
		if !unbuffered(id) || c.receivedByOther(g, self, id) {
			return nil, true
		}
	case tCancel:
		return c.cancelOptions(id, 0)
	case tConnDead:
		// A connection in a struct handed to S (the receiver's c.conn) is
		// the struct's owner's to close: client-go's heartbeat pings the
		// connection that the read loop's caller's caller closes with a
		// defer. A connection the library hands a handler (x/net's
		// Handler, fasthttp's and gofiber's) is closed by the library when
		// the handler returns.
		if p, ok := id.Root.(*ssa.Parameter); ok && p.Parent() == g.S && (id.Path != "" || wsapi.ClosedByLibrary(p.Type())) {
			return nil, true
		}
	}
	return []trigger{{k, id}}, false
}

// foreign reports whether the channel id belongs to code out of sight,
// which may well close it: a channel S is handed as a parameter (its
// caller's), or one that a function of another package (or an
// interface method) returns (a subscription's channel).
func (c *checker) foreign(id connid.ID, S *ssa.Function) bool {
	switch r := id.Root.(type) {
	case *ssa.Parameter:
		return id.Path == "" && r.Parent() == S
	case *ssa.Extract:
		if call, ok := r.Tuple.(*ssa.Call); ok {
			return c.foreignCall(call)
		}
	case *ssa.Call:
		return c.foreignCall(r)
	}
	return false
}

func (c *checker) foreignCall(call *ssa.Call) bool {
	fn := call.Call.StaticCallee()
	return fn == nil || fn.Pkg != c.res.Pkg
}

// cancelOptions returns the WithCancel calls whose cancel funcs cancel
// the context id, or sat when code out of sight may cancel it.
func (c *checker) cancelOptions(id connid.ID, depth int) ([]trigger, bool) {
	if id.Path != "" || depth > 4 {
		return nil, true
	}
	switch v := id.Root.(type) {
	case *ssa.Extract:
		call, ok := v.Tuple.(*ssa.Call)
		if !ok || v.Index != 0 {
			return nil, true
		}
		switch contextFunc(call) {
		case "WithCancel", "WithCancelCause":
			parent, sat := c.cancelOptions(connid.Canon(connid.Of(call.Call.Args[0])), depth+1)
			if sat {
				return nil, true
			}
			return append([]trigger{{tCancel, connid.ID{Root: call}}}, parent...), false
		}
	case *ssa.Call:
		switch contextFunc(v) {
		case "Background", "TODO", "WithoutCancel":
			return nil, false
		case "WithValue":
			return c.cancelOptions(connid.Canon(connid.Of(v.Call.Args[0])), depth+1)
		}
	}
	return nil, true // WithTimeout, WithDeadline, a parameter, r.Context(), CloseRead, errgroup
}

// contextFunc returns the name of the function of package context that
// call calls, or "".
func contextFunc(call *ssa.Call) string {
	fn := call.Call.StaticCallee()
	if fn == nil || fn.Pkg == nil || fn.Pkg.Pkg.Path() != "context" || fn.Signature.Recv() != nil {
		return ""
	}
	return fn.Name()
}

// cancelled returns the WithCancel call whose cancel func f is, or nil.
func cancelled(f connid.ID) *ssa.Call {
	ex, ok := f.Root.(*ssa.Extract)
	if !ok || f.Path != "" || ex.Index != 1 {
		return nil
	}
	call, ok := ex.Tuple.(*ssa.Call)
	if !ok || contextFunc(call) == "" {
		return nil
	}
	return call
}

// unbuffered reports whether id is a channel made here without a
// buffer.
func unbuffered(id connid.ID) bool {
	mc, ok := id.Root.(*ssa.MakeChan)
	if !ok || id.Path != "" {
		return false
	}
	k, ok := mc.Size.(*ssa.Const)
	return ok && k.Value != nil && k.Int64() == 0
}

// receivedByOther reports whether a goroutine of g other than the pump
// and the owner receives from channel id.
func (c *checker) receivedByOther(g *group, self int, id connid.ID) bool {
	for j, q := range g.starts {
		if j == self || j == g.owner.startIdx {
			continue
		}
		for _, b := range q.Fn.Blocks {
			for _, instr := range b.Instrs {
				for _, e := range goroutines.Ends(instr) {
					if e.Kind != goroutines.RecvChan {
						continue
					}
					if b, ok := q.bind(e.ID); ok && connid.Canon(b) == id {
						return true
					}
				}
			}
		}
	}
	return false
}

// ownerLeaks reports whether some path of the owner from the pump's
// start (or from its entry, when it runs in a goroutine of its own) to
// a return does nothing that satisfies a way out of the pump, counting
// what the group's other goroutines do once they are let go.
func (c *checker) ownerLeaks(g *group, self int, reqs [][]trigger) bool {
	u := &universe{}
	var reqMasks []uint64
	for _, r := range reqs {
		reqMasks = append(reqMasks, u.mask(r))
	}
	type sibling struct {
		reqs   []uint64
		free   bool
		events uint64
	}
	var sibs []*sibling
	for j, q := range g.starts {
		if j == self || j == g.owner.startIdx {
			continue
		}
		s := &sibling{}
		if ex := c.exitsOf(q.Fn, 0); ex == nil || ex.free {
			s.free = true
		} else {
			f := c.finalize(ex, q.bind, g, j)
			s.free = f.free
			for _, r := range f.reqs {
				s.reqs = append(s.reqs, u.mask(r))
			}
		}
		sum := c.summaryOf(q.Fn, 0)
		if sum.unknown {
			s.events = ^uint64(0)
		}
		for _, e := range sum.events {
			s.events |= c.bitsOf(u, e, true, q.bind)
		}
		sibs = append(sibs, s)
	}
	if u.overflow {
		return false
	}
	satisfied := func(m uint64) bool {
		done := make([]bool, len(sibs))
		for changed := true; changed; {
			changed = false
			for k, s := range sibs {
				if done[k] {
					continue
				}
				ok := s.free
				for _, r := range s.reqs {
					if r&^m == 0 {
						ok = true
					}
				}
				if ok {
					done[k], changed = true, true
					m |= s.events
				}
			}
		}
		for _, r := range reqMasks {
			if r&^m == 0 {
				return true
			}
		}
		return false
	}

	o := g.owner
	p := g.starts[self]
	skip := make(map[ssa.Instruction]bool) // the group's go statements: siblings count above
	for _, q := range g.starts {
		skip[q.Instr] = true
	}
	early := earlyBlocks(o)
	var start ssa.Instruction
	var initial uint64
	if o.startIdx < 0 {
		start = p.at
		for _, b := range g.S.Blocks {
			for _, instr := range b.Instrs {
				if d, ok := instr.(*ssa.Defer); ok && wsssa.Dominates(d, start) {
					initial |= c.bitsAt(u, d, true, o.bind)
				}
			}
		}
	} else {
		// Whatever S itself may do counts too, on any path: S may end
		// the pump as well (precision first).
		for _, b := range g.S.Blocks {
			for _, instr := range b.Instrs {
				if !skip[instr] {
					initial |= c.bitsAt(u, instr, true, identity)
				}
			}
		}
	}
	initial |= c.callerBits(u, g.S)
	if u.overflow {
		return false
	}
	leak, giveUp, steps := false, false, 0
	type key struct {
		b    *ssa.BasicBlock
		mask uint64
	}
	seen := make(map[key]bool)
	bits := make(map[ssa.Instruction]uint64)
	var visit func(b *ssa.BasicBlock, from int, mask uint64)
	visit = func(b *ssa.BasicBlock, from int, mask uint64) {
		for _, instr := range b.Instrs[from:] {
			if steps++; steps > maxWalk {
				giveUp = true
			}
			if leak || giveUp {
				return
			}
			switch in := instr.(type) {
			case *ssa.Return:
				if !satisfied(mask) {
					leak = true
				}
				return
			case *ssa.Panic:
				return
			case *ssa.Call:
				if c.res.NoReturn(&in.Call) {
					return
				}
			}
			if !skip[instr] {
				m, ok := bits[instr]
				if !ok {
					_, deferred := instr.(*ssa.Defer)
					m = c.bitsAt(u, instr, deferred || !early[instr.Block()], o.bind)
					bits[instr] = m
				}
				mask |= m
			}
		}
		for _, s := range b.Succs {
			if k := (key{s, mask}); !seen[k] {
				seen[k] = true
				visit(s, 0, mask)
			}
		}
	}
	if start == nil {
		if len(o.fn.Blocks) > 0 {
			visit(o.fn.Blocks[0], 0, initial)
		}
	} else {
		b := start.Block()
		for i, instr := range b.Instrs {
			if instr == start {
				visit(b, i+1, initial)
			}
		}
	}
	return leak && !giveUp && !u.overflow
}

func identity(id connid.ID) (connid.ID, bool) { return id, true }

// earlyBlocks returns the owner's blocks from which a read of its read
// loop is reachable: a send or receive there is not yet the end.
func earlyBlocks(o *owner) map[*ssa.BasicBlock]bool {
	early := make(map[*ssa.BasicBlock]bool)
	var stack []*ssa.BasicBlock
	for _, r := range o.reads {
		if r.instr.Parent() == o.fn {
			stack = append(stack, r.instr.Block())
		}
	}
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if early[b] {
			continue
		}
		early[b] = true
		stack = append(stack, b.Preds...)
	}
	return early
}

// A universe numbers the triggers of one check.
type universe struct {
	trigs    []trigger
	overflow bool
}

func (u *universe) bit(t trigger) uint64 {
	for i, x := range u.trigs {
		if x == t {
			return 1 << i
		}
	}
	if len(u.trigs) == maxTrigs {
		u.overflow = true
		return 0
	}
	u.trigs = append(u.trigs, t)
	return 1 << (len(u.trigs) - 1)
}

func (u *universe) mask(r []trigger) uint64 {
	var m uint64
	for _, t := range r {
		m |= u.bit(t)
	}
	return m
}

// find returns the bits of the triggers already numbered that match.
func (u *universe) find(match func(trigger) bool) uint64 {
	var m uint64
	for i, t := range u.trigs {
		if match(t) {
			m |= 1 << i
		}
	}
	return m
}

// bitsAt returns the triggers that instr, in the terms that bind
// translates to S's, satisfies; late tells whether sends and receives
// there come after the read loop.
func (c *checker) bitsAt(u *universe, instr ssa.Instruction, late bool, bind func(connid.ID) (connid.ID, bool)) uint64 {
	var m uint64
	for _, e := range c.eventsAt(instr, 0) {
		if e.kind == goroutines.RecvChan {
			if _, blocking := instr.(*ssa.UnOp); !blocking {
				continue // a select's case: not known to happen
			}
		}
		m |= c.bitsOf(u, e, late, bind)
	}
	return m
}

func (c *checker) bitsOf(u *universe, e event, late bool, bind func(connid.ID) (connid.ID, bool)) uint64 {
	if e.kind == anything {
		return ^uint64(0)
	}
	id, ok := bind(e.id)
	if !ok {
		return 0
	}
	id = connid.Canon(id)
	switch e.kind {
	case goroutines.CloseChan:
		return u.find(func(t trigger) bool { return t.kind == tClose && t.id == id })
	case goroutines.SendChan:
		if late {
			return u.find(func(t trigger) bool { return t.kind == tSend && t.id == id })
		}
	case goroutines.RecvChan:
		// The owner waits for the channel at its end: someone sends on it
		// or, as likely, closes it (the group's other goroutine on its
		// way out), and then it is closed for the pump too.
		if late {
			return u.find(func(t trigger) bool { return (t.kind == tRecv || t.kind == tClose) && t.id == id })
		}
	case goroutines.CallFunc:
		if call := cancelled(id); call != nil {
			return u.find(func(t trigger) bool { return t.kind == tCancel && t.id.Root == ssa.Value(call) })
		}
		return ^uint64(0) // a func value: it may do anything
	case goroutines.CloseConn:
		return u.find(func(t trigger) bool { return t.kind == tConnDead && t.id == id })
	}
	return 0
}

// callerBits returns the triggers that S's callers in the package may
// satisfy once S has returned (c.serve(); close(c.send)), in S's terms.
func (c *checker) callerBits(u *universe, S *ssa.Function) uint64 {
	if c.callers == nil {
		c.callers = make(map[*ssa.Function][]*ssa.Call)
		for _, fn := range c.res.SrcFuncs {
			for _, b := range fn.Blocks {
				for _, instr := range b.Instrs {
					if call, ok := instr.(*ssa.Call); ok {
						if callee := call.Call.StaticCallee(); callee != nil {
							c.callers[callee] = append(c.callers[callee], call)
						}
					}
				}
			}
		}
	}
	var m uint64
	for _, site := range c.callers[S] {
		back := func(id connid.ID) (connid.ID, bool) { return unbind(site, S, id) }
		for _, instr := range after(site) {
			for _, e := range c.eventsAt(instr, 0) {
				m |= c.bitsOf(u, e, true, back)
			}
		}
	}
	return m
}

// unbind translates id, in the terms of the caller of S at site, to S's
// terms: below the argument passed for one of S's parameters.
func unbind(site *ssa.Call, S *ssa.Function, id connid.ID) (connid.ID, bool) {
	for j, a := range site.Call.Args {
		ai := connid.Of(a)
		if j < len(S.Params) && ai.Root == id.Root && strings.HasPrefix(id.Path, ai.Path) {
			return connid.ID{Root: S.Params[j], Path: id.Path[len(ai.Path):]}, true
		}
	}
	return connid.ID{}, false
}

// after returns the instructions that may run after instr in its
// function.
func after(instr ssa.Instruction) []ssa.Instruction {
	var out []ssa.Instruction
	seen := make(map[*ssa.BasicBlock]bool)
	b := instr.Block()
	for i, in := range b.Instrs {
		if in == instr {
			out = append(out, b.Instrs[i+1:]...)
		}
	}
	stack := append([]*ssa.BasicBlock(nil), b.Succs...)
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[b] {
			continue
		}
		seen[b] = true
		out = append(out, b.Instrs...)
		stack = append(stack, b.Succs...)
	}
	return out
}
