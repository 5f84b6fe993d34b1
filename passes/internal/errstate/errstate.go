// Package errstate walks the paths that follow a WebSocket read and
// tracks what each path knows about the read's error: unknown, nil,
// non-nil, a close error (a close-error test said so) or a decode error
// (errors.As to *json.SyntaxError: the connection is fine).
//
// Knowledge comes from If instructions on the error or its aliases
// (phis that carry it around a loop): comparisons with nil and with
// io.EOF, the libraries' close-error tests (wsapi.CloseTest), errors.Is,
// errors.As and type assertions to the close and decode error types.
// A path ends at a return, a panic, a call that never returns, when the
// visitor says so, or when the connection it is about is replaced (a
// store to the variable or field it was loaded from, or a phi that
// brings in a different value).
package errstate

import (
	"fmt"
	"go/constant"
	"go/token"
	"go/types"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/wsvet/wsvet/passes/internal/connid"
	"github.com/wsvet/wsvet/passes/internal/wsapi"
)

// State is what a path knows about an error value.
type State uint8

const (
	Unknown State = iota // nil or not: nothing tested yet
	Nil
	NonNil
	Close  // non-nil, and a close-error test said the peer is gone
	Decode // non-nil, but only the payload failed to decode
)

var stateNames = [...]string{"unknown", "nil", "non-nil", "close", "decode"}

func (s State) String() string { return stateNames[s] }

// MayFail reports whether the connection may have failed in state s.
func (s State) MayFail() bool { return s == Unknown || s == NonNil || s == Close }

// Failed reports whether the connection has certainly failed in state s.
func (s State) Failed() bool { return s == NonNil || s == Close }

// A fact is what one branch of a condition tells about the error.
type fact uint8

const (
	noFact fact = iota
	isNil
	isNonNil
	isClose
	isDecode
)

// refine returns the state after learning f, and false if the path is
// infeasible (the error cannot be both nil and non-nil).
func (s State) refine(f fact) (State, bool) {
	switch f {
	case isNil:
		return Nil, s == Unknown || s == Nil
	case isNonNil:
		if s == Unknown {
			return NonNil, true
		}
		return s, s != Nil
	case isClose:
		return Close, s != Nil && s != Decode
	case isDecode:
		return Decode, s != Nil && s != Close
	}
	return s, true
}

// Failure is what a call returns about its own failure.
type Failure struct {
	// Err is the call's error result; nil walks with the state Unknown
	// throughout (unless Ind says more). ErrPath, if set, is where the
	// error sits below Err, in connid's notation: a wrapper that returns
	// it in a struct (".1" for a field of a struct result, "&.1*" for one
	// of a pointer result); every load of it is then the error.
	Err     ssa.Value
	ErrPath string

	// Ind, if set, is a result that tells failure by its value: on every
	// path where the call failed it holds IndFail (gorilla's message type
	// -1, coder's 0, a wrapper's `leave` true). A branch on which it
	// cannot be IndFail knows the error is nil; one on which it can only
	// be IndFail (IndValid lists the values it takes on success, when
	// known) knows the error is not.
	Ind      ssa.Value
	IndFail  constant.Value
	IndValid []constant.Value
}

// Aliases returns the values that are the error at the start of a walk:
// Err, or the loads of the field at ErrPath below it, also where Err is
// first stored in a local variable (f := c.readFrame(); f.err).
func (f Failure) Aliases() []ssa.Value {
	if f.Err == nil {
		return nil
	}
	if f.ErrPath == "" {
		return []ssa.Value{f.Err}
	}
	want := map[ssa.Value]string{f.Err: f.ErrPath}
	for _, ref := range *f.Err.Referrers() {
		st, ok := ref.(*ssa.Store)
		if !ok || st.Val != f.Err {
			continue
		}
		if cell, ok := st.Addr.(*ssa.Alloc); ok {
			if strings.HasPrefix(f.ErrPath, "&") {
				want[cell] = "*" + f.ErrPath // a pointer in the variable
			} else {
				want[cell] = "&" + f.ErrPath + "*" // the struct in the variable
			}
		}
	}
	var out []ssa.Value
	seen := make(map[ssa.Value]bool)
	var visit func(v ssa.Value, root ssa.Value)
	visit = func(v, root ssa.Value) {
		id := connid.Of(v)
		if seen[v] || id.Root != root || len(id.Path) > len(want[root]) {
			return
		}
		seen[v] = true
		if id.Path == want[root] {
			out = append(out, v)
			return
		}
		for _, ref := range *v.Referrers() {
			switch ref := ref.(type) {
			case *ssa.Field, *ssa.FieldAddr, *ssa.UnOp:
				visit(ref.(ssa.Value), root)
			}
		}
	}
	for root := range want {
		visit(root, root)
	}
	return out
}

// Used reports whether anything looks at the error (the indicator
// aside).
func (f Failure) Used() bool {
	for _, v := range f.Aliases() {
		if refs := v.Referrers(); refs != nil && len(*refs) > 0 {
			return true
		}
	}
	return false
}

// Walk describes one walk from a read.
type Walk struct {
	Failure
	Conn connid.ID // the connection read from; paths end where it is replaced (may be invalid)

	// NoReturn reports calls after which a path ends.
	NoReturn func(*ssa.CallCommon) bool
	// Visit is called for every instruction on every path after the
	// start, with the error's state there; returning false ends the path.
	Visit func(instr ssa.Instruction, st State) bool
	// Replaced, if set, reports whether a call may replace the
	// connection (a reconnect helper); the path then ends.
	Replaced func(call *ssa.CallCommon, conn connid.ID) bool
	// Mark, if set, is called after Visit for every instruction on every
	// path with the marks the path carries so far, and returns them with
	// any the instruction adds (a counter stepped, a flag set). Marks are
	// part of a path's state: Marks() tells Visit those of its path.
	Mark func(instr ssa.Instruction, marks Marks) Marks
	// MarkEdge, if set, is called when a path takes successor taken of a
	// branch, and returns its marks with any the edge adds (a branch
	// taken where the error changed).
	MarkEdge func(branch *ssa.If, taken int, marks Marks) Marks

	marks Marks // of the path being visited

	steps int
	seen  map[string]bool
}

// MaxSteps bounds the instructions one walk visits.
const MaxSteps = 20000

type pathState struct {
	state   State
	aliases []ssa.Value // values equal to the error on this path
	consts  map[ssa.Value]bool
	marks   Marks
}

// Marks are what an analyzer records on a path (Walk.Mark): a set of bits.
type Marks uint16

// Marks returns the marks of the path whose instruction Visit is looking
// at (see Walk.Mark).
func (w *Walk) Marks() Marks { return w.marks }

func (p pathState) key(b *ssa.BasicBlock) string {
	var sb strings.Builder
	sb.WriteString(string(rune('0' + p.state)))
	sb.WriteString(strconv.Itoa(int(p.marks)))
	sb.WriteByte(' ')
	sb.WriteString(b.String())
	for _, a := range p.aliases {
		sb.WriteByte(' ')
		sb.WriteString(a.Name())
	}
	var consts []string
	for v, c := range p.consts {
		consts = append(consts, fmt.Sprintf(" %s=%t", v.Name(), c))
	}
	sort.Strings(consts)
	sb.WriteString(strings.Join(consts, ""))
	return sb.String()
}

func (p pathState) isAlias(v ssa.Value) bool {
	for {
		switch x := v.(type) {
		case *ssa.ChangeInterface:
			v = x.X
			continue
		case *ssa.MakeInterface:
			v = x.X
			continue
		}
		break
	}
	for _, a := range p.aliases {
		if a == v {
			return true
		}
	}
	return false
}

// From walks every path that starts just after instr.
func (w *Walk) From(instr ssa.Instruction) {
	b := instr.Block()
	if b == nil {
		return
	}
	w.seen = make(map[string]bool)
	w.steps = 0
	start := pathState{state: Unknown, aliases: w.Aliases()}
	if w.Mark != nil {
		// What the call does itself: a helper that reads may set a flag
		// when its read fails.
		start.marks = w.Mark(instr, 0)
	}
	for i, in := range b.Instrs {
		if in == instr {
			w.block(b, i+1, start)
			return
		}
	}
}

// block walks b from instruction index i.
func (w *Walk) block(b *ssa.BasicBlock, i int, p pathState) {
	conn := w.Conn
	for ; i < len(b.Instrs); i++ {
		if w.steps++; w.steps > MaxSteps {
			return
		}
		instr := b.Instrs[i]
		if v, ok := instr.(ssa.Value); ok && conn.Valid() && v == conn.Root {
			return // the connection is made anew here (dialed in the loop)
		}
		w.marks = p.marks
		if !w.Visit(instr, p.state) {
			return
		}
		if w.Mark != nil {
			p.marks = w.Mark(instr, p.marks)
		}
		switch instr := instr.(type) {
		case *ssa.Return, *ssa.Panic:
			return
		case *ssa.Call:
			if w.NoReturn != nil && w.NoReturn(&instr.Call) {
				return
			}
			if assertsNil(&instr.Call, p) {
				// require.NoError(t, err): past it, err is nil, or the
				// goroutine has stopped.
				s, ok := p.state.refine(isNil)
				if !ok {
					return
				}
				p.state = s
			}
			if conn.Valid() && w.Replaced != nil && w.Replaced(&instr.Call, conn) {
				return
			}
		case *ssa.Store:
			if conn.Valid() && conn.StoredBy(instr.Addr) {
				return // reconnect: the connection variable or field is reassigned
			}
		case *ssa.If:
			t, f := w.facts(instr.Cond, p)
			if c, ok := p.constant(instr.Cond); ok {
				// A flag known on this path (done := true; for !done {...}).
				succ, fa := b.Succs[1], f
				if c {
					succ, fa = b.Succs[0], t
				}
				if s, ok := p.state.refine(fa); ok {
					taken := 1
					if c {
						taken = 0
					}
					w.edge(b, succ, pathState{s, p.aliases, nil, w.markEdge(instr, taken, p.marks)})
				}
				return
			}
			if s, ok := p.state.refine(t); ok {
				w.edge(b, b.Succs[0], pathState{s, p.aliases, nil, w.markEdge(instr, 0, p.marks)})
			}
			if s, ok := p.state.refine(f); ok {
				w.edge(b, b.Succs[1], pathState{s, p.aliases, nil, w.markEdge(instr, 1, p.marks)})
			}
			return
		}
	}
	for _, s := range b.Succs {
		w.edge(b, s, pathState{p.state, p.aliases, nil, p.marks})
	}
}

func (w *Walk) markEdge(branch *ssa.If, taken int, marks Marks) Marks {
	if w.MarkEdge == nil {
		return marks
	}
	return w.MarkEdge(branch, taken, marks)
}

// edge follows the control-flow edge from b to succ: phis in succ that
// receive an alias of the error become aliases, those that receive
// something else stop being aliases, and a phi that replaces the
// connection ends the path.
func (w *Walk) edge(b, succ *ssa.BasicBlock, p pathState) {
	pred := -1
	for i, x := range succ.Preds {
		if x == b {
			pred = i
			break
		}
	}
	if pred < 0 {
		return
	}
	connRoot := w.Conn.Root
	aliases := p.aliases
	var consts map[ssa.Value]bool
	for _, instr := range succ.Instrs {
		phi, ok := instr.(*ssa.Phi)
		if !ok {
			break
		}
		in := phi.Edges[pred]
		if phi == connRoot && in != phi {
			return // the connection variable now holds another connection
		}
		if c, ok := in.(*ssa.Const); ok && c.Value != nil && c.Value.Kind() == constant.Bool {
			if consts == nil {
				consts = make(map[ssa.Value]bool)
			}
			consts[phi] = constant.BoolVal(c.Value)
		}
		switch was, now := p.isAlias(phi), p.isAlias(in); {
		case now && !was:
			aliases = append(append([]ssa.Value(nil), aliases...), phi)
		case was && !now && in != phi:
			aliases = remove(aliases, phi)
		}
	}
	sort.Slice(aliases, func(i, j int) bool { return aliases[i].Name() < aliases[j].Name() })
	np := pathState{p.state, aliases, consts, p.marks}
	k := np.key(succ)
	if w.seen[k] {
		return
	}
	w.seen[k] = true
	w.block(succ, 0, np)
}

func remove(vs []ssa.Value, v ssa.Value) []ssa.Value {
	out := make([]ssa.Value, 0, len(vs))
	for _, x := range vs {
		if x != v {
			out = append(out, x)
		}
	}
	return out
}

// constant reports the value of a boolean condition known on this path.
func (p pathState) constant(cond ssa.Value) (bool, bool) {
	switch c := cond.(type) {
	case *ssa.Const:
		if c.Value != nil && c.Value.Kind() == constant.Bool {
			return constant.BoolVal(c.Value), true
		}
	case *ssa.UnOp:
		if c.Op == token.NOT {
			v, ok := p.constant(c.X)
			return !v, ok
		}
	case *ssa.Phi:
		v, ok := p.consts[c]
		return v, ok
	}
	return false, false
}

// facts returns what the true and the false branch of cond tell about
// the error.
func (w *Walk) facts(cond ssa.Value, p pathState) (onTrue, onFalse fact) {
	switch c := cond.(type) {
	case *ssa.UnOp:
		if c.Op == token.NOT {
			t, f := w.facts(c.X, p)
			return f, t
		}
	case *ssa.BinOp:
		if t, f, ok := w.indicator(c); ok {
			return t, f
		}
		if c.Op != token.EQL && c.Op != token.NEQ {
			return
		}
		t, f := compare(c.X, c.Y, p)
		if t == noFact && f == noFact {
			t, f = compare(c.Y, c.X, p)
		}
		if c.Op == token.NEQ {
			t, f = f, t
		}
		return t, f
	case *ssa.Call:
		if t, f, ok := w.indicator(c); ok {
			return t, f
		}
		return callFacts(&c.Call, p), noFact
	case *ssa.Extract:
		if t, f, ok := w.indicator(c); ok {
			return t, f
		}
		// v, ok := err.(T); if ok {...}
		if ta, ok := c.Tuple.(*ssa.TypeAssert); ok && c.Index == 1 && p.isAlias(ta.X) {
			return classFact(wsapi.ClassifyType(ta.AssertedType)), noFact
		}
	}
	return
}

// indicator returns the facts of cond when it is the indicator result
// itself (a bool) or compares it with a constant: a branch on which the
// indicator cannot hold its failure value has no error, and one on which
// no value it takes on success satisfies the condition has one.
func (w *Walk) indicator(cond ssa.Value) (onTrue, onFalse fact, ok bool) {
	if w.Ind == nil || w.IndFail == nil {
		return noFact, noFact, false
	}
	var holds func(v constant.Value) bool // the condition with the indicator at v
	switch c := cond.(type) {
	case *ssa.BinOp:
		x, y, op := c.X, c.Y, c.Op
		if x != w.Ind {
			x, y, op = y, x, swap(op)
		}
		k, isConst := y.(*ssa.Const)
		if x != w.Ind || !isConst || k.Value == nil || !ComparableKinds(w.IndFail, k.Value) {
			return noFact, noFact, false
		}
		switch op {
		case token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ:
		default:
			return noFact, noFact, false
		}
		holds = func(v constant.Value) bool { return constant.Compare(v, op, k.Value) }
	default:
		if cond != w.Ind || w.IndFail.Kind() != constant.Bool {
			return noFact, noFact, false
		}
		holds = constant.BoolVal
	}
	branch := func(holds func(constant.Value) bool) fact {
		if !holds(w.IndFail) {
			return isNil
		}
		if len(w.IndValid) == 0 {
			return noFact
		}
		for _, v := range w.IndValid {
			if holds(v) {
				return noFact
			}
		}
		return isNonNil
	}
	return branch(holds), branch(func(v constant.Value) bool { return !holds(v) }), true
}

// swap returns the comparison that holds for y op' x when x op y does.
func swap(op token.Token) token.Token {
	switch op {
	case token.LSS:
		return token.GTR
	case token.LEQ:
		return token.GEQ
	case token.GTR:
		return token.LSS
	case token.GEQ:
		return token.LEQ
	}
	return op
}

// ComparableKinds reports whether constant.Compare may compare a and b.
func ComparableKinds(a, b constant.Value) bool {
	numeric := func(k constant.Kind) bool { return k == constant.Int || k == constant.Float }
	return a.Kind() == b.Kind() || numeric(a.Kind()) && numeric(b.Kind())
}

// compare returns the facts of x == y on its true and false branches.
func compare(x, y ssa.Value, p pathState) (onTrue, onFalse fact) {
	if p.isAlias(x) {
		if isNilConst(y) {
			return isNil, isNonNil
		}
		if isCloseSentinel(y) {
			return isClose, noFact
		}
		return
	}
	// CloseStatus(err) == code: a close error with that code, unless
	// code is -1 ("not a close error").
	if call, ok := x.(*ssa.Call); ok && len(call.Call.Args) == 1 && p.isAlias(call.Call.Args[0]) {
		if op, ok := wsapi.LookupCall(&call.Call); ok && op.Kind == wsapi.CloseTest && op.Status {
			k, ok := y.(*ssa.Const)
			if !ok || k.Value == nil {
				return
			}
			if v, exact := constant.Int64Val(constant.ToInt(k.Value)); exact && v == -1 {
				return noFact, isClose
			}
			return isClose, noFact
		}
	}
	return
}

// callFacts returns what a true result of a boolean call tells.
func callFacts(call *ssa.CallCommon, p pathState) fact {
	if len(call.Args) == 0 || !p.isAlias(call.Args[0]) {
		return noFact
	}
	fn := wsapi.Callee(call)
	if op, ok := wsapi.Lookup(fn); ok && op.Kind == wsapi.CloseTest && !op.Status {
		return isClose // IsCloseError, IsUnexpectedCloseError: true only for close errors
	}
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != "errors" || len(call.Args) != 2 {
		return noFact
	}
	switch fn.Name() {
	case "Is":
		if isCloseSentinel(call.Args[1]) {
			return isClose
		}
	case "As":
		target := call.Args[1]
		if mi, ok := target.(*ssa.MakeInterface); ok {
			target = mi.X
		}
		if ptr, ok := target.Type().Underlying().(*types.Pointer); ok {
			return classFact(wsapi.ClassifyType(ptr.Elem()))
		}
	}
	return noFact
}

func classFact(c wsapi.ErrorClass) fact {
	switch c {
	case wsapi.CloseErr:
		return isClose
	case wsapi.DecodeErr:
		return isDecode
	}
	return noFact
}

func isNilConst(v ssa.Value) bool {
	c, ok := v.(*ssa.Const)
	return ok && c.IsNil()
}

// isCloseSentinel reports whether v loads io.EOF, net.ErrClosed or a
// similar package-level error.
func isCloseSentinel(v ssa.Value) bool {
	load, ok := v.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return false
	}
	g, ok := load.X.(*ssa.Global)
	if !ok {
		return false
	}
	obj, _ := g.Object().(*types.Var)
	return wsapi.IsCloseSentinel(obj)
}

// assertsNil reports whether call is a test assertion that stops the
// goroutine (t.FailNow) unless an alias of the error is nil: testify's
// require.NoError and require.Nil, as functions or as methods of
// *require.Assertions.
func assertsNil(call *ssa.CallCommon, p pathState) bool {
	fn := wsapi.Callee(call)
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != "github.com/stretchr/testify/require" {
		return false
	}
	switch fn.Name() {
	case "NoError", "NoErrorf", "Nil", "Nilf":
	default:
		return false
	}
	for _, a := range call.Args {
		if p.isAlias(a) {
			return true
		}
	}
	return false
}
