package pumpleak

import (
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"

	"github.com/wsvet/wsvet/passes/internal/connid"
	"github.com/wsvet/wsvet/passes/internal/goroutines"
	"github.com/wsvet/wsvet/passes/internal/wsapi"
	"github.com/wsvet/wsvet/passes/internal/wsssa"
)

// A pump leaves its loop only when something happens to what it waits
// on. The walk below follows the paths of the pump from its entry to
// its returns and records, for each way out, the triggers it needs:
// every blocking receive on the way is passed only when its channel is
// closed or sent on (a range ends only when it is closed; a
// `v, ok := <-ch` branch on ok tells which), a receive from ctx.Done()
// only when ctx is cancelled, a send on a channel only when someone
// receives, and the branch where a write to the connection failed only
// when the connection is closed. Timers fire by themselves; a call to a
// function of the package contributes that function's ways out; other
// calls are assumed to return.

// trigKind is what a pump waits for.
type trigKind uint8

const (
	tClose    trigKind = iota + 1 // the channel is closed
	tSend                         // a value is sent on the channel
	tRecv                         // a value is received from the channel
	tCancel                       // the context is cancelled (after finalize: the WithCancel call whose cancel func does it)
	tConnDead                     // the connection is closed, so that a write to it fails
)

type trigger struct {
	kind trigKind
	id   connid.ID
}

// exits are the ways out of a function: each requirement is a set of
// triggers that together let it return. free means some way out needs
// nothing; no requirement and not free means it never returns.
type exits struct {
	reqs [][]trigger
	free bool
	// where holds, for each trigger, where the function waits for it
	// (the range, the receive, the failed write), for messages.
	where map[trigger]token.Pos
}

var freeExits = &exits{free: true}

const (
	maxWalk  = 20000 // instructions one exit walk visits before giving up (free)
	maxDepth = 2     // calls followed into the package's functions
	maxTrigs = 64    // triggers one walk distinguishes (a bit mask)
)

// exitsOf returns the ways out of fn in its own terms, memoized; nil
// while fn is being computed (a recursive call is assumed to return).
func (c *checker) exitsOf(fn *ssa.Function, depth int) *exits {
	if ex, ok := c.exitMemo[fn]; ok {
		return ex
	}
	c.exitMemo[fn] = nil
	w := &exitWalk{c: c, fn: fn, depth: depth, found: make(map[uint64]bool), seen: make(map[walkKey]bool), where: make(map[trigger]token.Pos)}
	if len(fn.Blocks) > 0 {
		w.run(fn.Blocks[0], 0, 0, assumption{})
	}
	ex := &exits{free: w.free || w.giveUp || w.u.overflow, where: w.where}
	if !ex.free {
		masks := make([]uint64, 0, len(w.found))
		for mask := range w.found {
			masks = append(masks, mask)
		}
		slices.Sort(masks)
		for _, mask := range masks {
			var r []trigger
			for i, t := range w.u.trigs {
				if mask&(1<<i) != 0 {
					r = append(r, t)
				}
			}
			ex.reqs = append(ex.reqs, r)
		}
	}
	c.exitMemo[fn] = ex
	return ex
}

type exitWalk struct {
	c      *checker
	fn     *ssa.Function
	depth  int
	u      universe
	where  map[trigger]token.Pos
	found  map[uint64]bool
	free   bool
	giveUp bool
	seen   map[walkKey]bool
	steps  int
}

// An assumption is what a path knows about the ok result of its last
// receive: true after a value arrived, false once the channel closed.
type assumption struct {
	v  ssa.Value
	ok bool
}

type walkKey struct {
	b    *ssa.BasicBlock
	i    int
	mask uint64
	as   assumption
}

// bit returns the bit of trigger t, waited for at pos.
func (w *exitWalk) bit(t trigger, pos token.Pos) uint64 {
	if _, ok := w.where[t]; !ok {
		w.where[t] = pos
	}
	return w.u.bit(t)
}

func (w *exitWalk) exit(mask uint64) {
	if mask == 0 {
		w.free = true
		return
	}
	w.found[mask] = true
}

func (w *exitWalk) run(b *ssa.BasicBlock, i int, mask uint64, as assumption) {
	if w.free || w.giveUp || w.u.overflow {
		return
	}
	key := walkKey{b, i, mask, as}
	if w.seen[key] {
		return
	}
	w.seen[key] = true
	for ; i < len(b.Instrs); i++ {
		if w.steps++; w.steps > maxWalk {
			w.giveUp = true
			return
		}
		switch in := b.Instrs[i].(type) {
		case *ssa.Return, *ssa.Panic:
			w.exit(mask)
			return
		case *ssa.Call:
			if w.c.res.NoReturn(&in.Call) {
				w.exit(mask)
				return
			}
			sub := w.c.callExits(in, w.depth)
			if sub == nil || sub.free {
				continue
			}
			for _, r := range sub.reqs {
				m := mask
				for _, t := range r {
					m |= w.bit(t, sub.where[t])
				}
				w.run(b, i+1, m, as)
			}
			return // (no requirement: the callee never returns)
		case *ssa.UnOp:
			if in.Op != token.ARROW {
				continue
			}
			for _, o := range w.recvOptions(in.X, okOf(in, 1), in.Pos()) {
				w.run(b, i+1, mask|o.mask, o.as)
			}
			return
		case *ssa.Send:
			mask |= w.bit(trigger{tRecv, connid.Of(in.Chan)}, in.Pos())
		case *ssa.Select:
			if !w.selectCases(in, i, mask, as) {
				continue // an unfamiliar shape: no gate
			}
			return
		case *ssa.If:
			w.branch(in, mask, as)
			return
		}
	}
	for _, s := range b.Succs {
		w.run(s, 0, mask, as)
	}
}

type recvOption struct {
	mask uint64
	as   assumption
}

// recvOptions returns how a receive from ch, whose ok result is okv
// (or nil), is passed.
func (w *exitWalk) recvOptions(ch, okv ssa.Value, pos token.Pos) []recvOption {
	switch {
	case goroutines.IsTimeChan(ch):
		return []recvOption{{0, assumption{okv, true}}} // fires by itself, never closed
	case goroutines.DoneOf(ch) != nil:
		return []recvOption{{w.bit(trigger{tCancel, connid.Of(goroutines.DoneOf(ch))}, pos), assumption{okv, false}}}
	}
	id := connid.Of(ch)
	return []recvOption{
		{w.bit(trigger{tSend, id}, pos), assumption{okv, true}},
		{w.bit(trigger{tClose, id}, pos), assumption{okv, false}},
	}
}

// okOf returns the extract of result i of a tuple-valued instruction
// (the ok of a comma-ok receive, the ok of a select), or nil.
func okOf(v ssa.Value, i int) ssa.Value {
	if _, ok := v.Type().(*types.Tuple); !ok {
		return nil
	}
	for _, ref := range *v.Referrers() {
		if ex, ok := ref.(*ssa.Extract); ok && ex.Index == i {
			return ex
		}
	}
	return nil
}

// selectCases walks into each case of a select, gated by its channel,
// and reports whether it recognized go/ssa's dispatch on the select's
// index.
func (w *exitWalk) selectCases(sel *ssa.Select, i int, mask uint64, as assumption) bool {
	if len(sel.States) == 0 {
		if sel.Blocking {
			return true // select {}: blocks forever
		}
		w.run(sel.Block(), i+1, mask, as)
		return true
	}
	bodies, deflt, ok := selectBodies(sel)
	if !ok {
		return false
	}
	okv := okOf(sel, 1)
	for k, st := range sel.States {
		if st.Dir == types.SendOnly {
			w.run(bodies[k], 0, mask|w.bit(trigger{tRecv, connid.Of(st.Chan)}, st.Pos), as)
			continue
		}
		for _, o := range w.recvOptions(st.Chan, okv, st.Pos) {
			w.run(bodies[k], 0, mask|o.mask, o.as)
		}
	}
	if !sel.Blocking {
		w.run(deflt, 0, mask, as)
	}
	return true
}

// selectBodies returns the first block of each case of sel and of its
// default, following the chain `if idx == k` that go/ssa emits.
func selectBodies(sel *ssa.Select) ([]*ssa.BasicBlock, *ssa.BasicBlock, bool) {
	idx := okOf(sel, 0)
	if idx == nil {
		return nil, nil, false
	}
	b := sel.Block()
	var bodies []*ssa.BasicBlock
	for k := range sel.States {
		br, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
		if !ok {
			return nil, nil, false
		}
		cmp, ok := br.Cond.(*ssa.BinOp)
		if !ok || cmp.Op != token.EQL || cmp.X != idx {
			return nil, nil, false
		}
		if c, ok := cmp.Y.(*ssa.Const); !ok || c.Int64() != int64(k) {
			return nil, nil, false
		}
		bodies = append(bodies, b.Succs[0])
		b = b.Succs[1]
	}
	return bodies, b, true
}

// branch follows an If: only its known side when the condition is the
// ok of a receive whose outcome the path assumes; the side where a
// write to the connection failed only once the connection is closed.
func (w *exitWalk) branch(br *ssa.If, mask uint64, as assumption) {
	b := br.Block()
	if as.v != nil {
		cond, neg := br.Cond, false
		if not, ok := cond.(*ssa.UnOp); ok && not.Op == token.NOT {
			cond, neg = not.X, true
		}
		if cond == as.v {
			if as.ok != neg {
				w.run(b.Succs[0], 0, mask, as)
			} else {
				w.run(b.Succs[1], 0, mask, as)
			}
			return
		}
	}
	if conn, failed, ok := w.c.writeFails(br.Cond); ok {
		w.run(b.Succs[failed], 0, mask|w.bit(trigger{tConnDead, conn.id}, conn.pos), as)
		w.run(b.Succs[1-failed], 0, mask, as)
		return
	}
	w.run(b.Succs[0], 0, mask, as)
	w.run(b.Succs[1], 0, mask, as)
}

type connAt struct {
	id  connid.ID
	pos token.Pos
}

// writeFails reports whether cond compares the error of a write (or a
// control frame: a ping) to a connection with nil, which connection,
// and which successor of the If is taken when the write failed.
func (c *checker) writeFails(cond ssa.Value) (connAt, int, bool) {
	cmp, ok := cond.(*ssa.BinOp)
	if !ok || cmp.Op != token.NEQ && cmp.Op != token.EQL {
		return connAt{}, 0, false
	}
	x, y := cmp.X, cmp.Y
	if isNil(x) {
		x, y = y, x
	}
	if !isNil(y) {
		return connAt{}, 0, false
	}
	call, op, ok := c.writeOf(x)
	if !ok {
		return connAt{}, 0, false
	}
	failed := 0
	if cmp.Op == token.EQL {
		failed = 1
	}
	return connAt{op.ConnID(&call.Call), call.Pos()}, failed, true
}

// writeOf returns the write whose error v is.
func (c *checker) writeOf(v ssa.Value) (*ssa.Call, wsssa.Op, bool) {
	var call *ssa.Call
	idx := 0
	switch x := v.(type) {
	case *ssa.Extract:
		call, _ = x.Tuple.(*ssa.Call)
		idx = x.Index
	case *ssa.Call:
		if x.Call.Signature().Results().Len() == 1 {
			call = x
		}
	}
	if call == nil || wsssa.ErrResult(&call.Call) != idx {
		return nil, wsssa.Op{}, false
	}
	for _, k := range []wsapi.Kind{wsapi.Write, wsapi.Control} {
		if op, ok := c.res.Lookup(&call.Call, k); ok {
			return call, op, true
		}
	}
	return nil, wsssa.Op{}, false
}

func isNil(v ssa.Value) bool {
	k, ok := v.(*ssa.Const)
	return ok && k.IsNil()
}

// callExits returns the ways out of the function call calls, in the
// caller's terms, or nil when the call is assumed to return: not a
// function of this package, too deep, or being computed. A trigger the
// caller cannot name (the callee's own channel) is assumed to come.
func (c *checker) callExits(call *ssa.Call, depth int) *exits {
	callee := call.Call.StaticCallee()
	if callee == nil || callee.Pkg != c.res.Pkg || len(callee.Blocks) == 0 || depth >= maxDepth {
		return nil
	}
	ex := c.exitsOf(callee, depth+1)
	if ex == nil || ex.free {
		return ex
	}
	out := &exits{where: make(map[trigger]token.Pos)}
	for _, r := range ex.reqs {
		var bound []trigger
		for _, t := range r {
			if id, ok := bindCall(call, callee, t.id); ok {
				b := trigger{t.kind, id}
				bound = append(bound, b)
				out.where[b] = ex.where[t]
			}
		}
		if len(bound) == 0 {
			return freeExits
		}
		out.reqs = append(out.reqs, bound)
	}
	return out
}
