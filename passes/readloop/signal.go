package readloop

import (
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/wsvet/wsvet/passes/internal/connid"
	"github.com/wsvet/wsvet/passes/internal/errstate"
	"github.com/wsvet/wsvet/passes/internal/loops"
	"github.com/wsvet/wsvet/passes/internal/wsssa"
)

// A read loop may leave through a signal rather than a branch: the
// error path closes a done channel or cancels a context, and the loop
// selects on it (or receives from it) before reading again. The
// analyzer cannot tell which channel the select waits on, so when the
// loop waits on any channel, an error path that closes one or cancels
// a context counts as leaving: a missed spin costs less than a false
// alarm.

// loopWaitsForSignal reports whether the read's loop contains a select
// or a channel receive.
func loopWaitsForSignal(r *read) bool {
	for b := range r.loop.Body {
		for _, instr := range b.Instrs {
			switch instr := instr.(type) {
			case *ssa.Select:
				return true
			case *ssa.UnOp:
				if instr.Op == token.ARROW {
					return true
				}
			}
		}
	}
	return false
}

// signalsStop reports whether instr closes a channel or cancels a
// context, directly or through a function of the package (one that
// calls close, perhaps inside a sync.Once closure).
func signalsStop(instr ssa.Instruction) bool {
	call, ok := instr.(*ssa.Call)
	return ok && closesChannel(&call.Call, 2)
}

func closesChannel(call *ssa.CallCommon, depth int) bool {
	if b, ok := call.Value.(*ssa.Builtin); ok {
		return b.Name() == "close"
	}
	if isCancelFunc(call.Value.Type()) {
		return true
	}
	fn := call.StaticCallee()
	if fn == nil || depth == 0 {
		return false
	}
	var visit func(f *ssa.Function) bool
	visit = func(f *ssa.Function) bool {
		for _, b := range f.Blocks {
			for _, in := range b.Instrs {
				if c, ok := in.(ssa.CallInstruction); ok && closesChannel(c.Common(), depth-1) {
					return true
				}
			}
		}
		for _, anon := range f.AnonFuncs {
			if visit(anon) {
				return true
			}
		}
		return false
	}
	return visit(fn)
}

func isCancelFunc(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil || n.Obj().Pkg().Path() != "context" {
		return false
	}
	switch n.Obj().Name() {
	case "CancelFunc", "CancelCauseFunc":
		return true
	}
	return false
}

// A loop may also leave through a flag that outlives one iteration: the
// error path sets a variable, a field or a package variable (plain, or a
// sync/atomic value), directly or through a function of the package
// (c.shutdown() setting c.closed, a closure setting a captured variable),
// and a condition of the loop (perhaps through a getter, c.isClosed())
// then leaves on the value set.
//
//	for !c.closed {
//		_, msg, err := c.conn.ReadMessage()
//		if err != nil {
//			c.closed = true
//			continue
//		}
//	}
//
// The walk marks a path that sets such a flag to a value on which its
// exit leaves (any value, when it is not a constant), and the path ends
// at that exit; setting the flag again to a value it stays on clears the
// mark. Flags are compared as connid identities: the same path below the
// same value, or the same package variable. A local flag whose address is
// never taken is a φ, which the error-state walk follows by value.

// A flagExit is a branch of a loop that leaves on a flag's value.
type flagExit struct {
	flag   connid.ID
	branch *ssa.If
	op     token.Token    // the condition: flag (ILLEGAL), flag == k or flag != k
	k      constant.Value // for == and !=
	onTrue bool           // the branch leaves when the condition is true
}

// leavesOn reports whether the branch leaves when the flag holds v (nil:
// not known, and taken to leave).
func (e flagExit) leavesOn(v constant.Value) bool {
	if v == nil {
		return true
	}
	var cond bool
	switch e.op {
	case token.ILLEGAL:
		if v.Kind() != constant.Bool {
			return true
		}
		cond = constant.BoolVal(v)
	default:
		if e.k == nil || !errstate.ComparableKinds(v, e.k) {
			return true
		}
		cond = constant.Compare(v, e.op, e.k)
	}
	return cond == e.onTrue
}

// flagExit returns the flag exit that ifInstr is, if it is one: a branch
// that leaves l and every loop around it on a flag.
func (x *exits) flagExit(ifInstr *ssa.If, l *loops.Loop) (flagExit, bool) {
	t, ok := x.fs.read(ifInstr.Cond, 2)
	if !ok {
		return flagExit{}, false
	}
	leavesOnTrue := leaves(l, ifInstr.Block().Succs[0])
	return flagExit{flag: t.flag, branch: ifInstr, op: t.op, k: t.k, onTrue: leavesOnTrue != t.neg}, true
}

// flagLeaves reports whether instr is the exit of a flag that the path
// (with marks) has set to a value it leaves on.
func (le *loopExits) flagLeaves(instr ssa.Instruction, marks errstate.Marks) bool {
	ifInstr, ok := instr.(*ssa.If)
	if !ok {
		return false
	}
	for i, e := range le.flags {
		if e.branch == ifInstr && marks&(markFlag<<i) != 0 {
			return true
		}
	}
	return false
}

// A flagSet is a flag an instruction sets, and the value (nil: not a
// constant).
type flagSet struct {
	flag connid.ID
	val  constant.Value
}

// A flagSetter finds the flags that instructions set and read, and
// remembers what each function of the package sets and returns.
type flagSetter struct {
	sets  map[funcDepth][]flagSet
	reads map[funcDepth]*flagTest
}

type funcDepth struct {
	fn    *ssa.Function
	depth int
}

// A flagTest is a condition on a flag: its value (op ILLEGAL), or its
// comparison with a constant (== or != k); negated if neg.
type flagTest struct {
	flag connid.ID
	op   token.Token
	k    constant.Value
	neg  bool
}

// read returns the condition on a flag that v computes: a load of a
// location or an atomic load of one, its negation or comparison with a
// constant, or the result of a getter of the package that computes one
// (depth bounds the calls followed).
func (fs *flagSetter) read(v ssa.Value, depth int) (flagTest, bool) {
	switch v := v.(type) {
	case *ssa.UnOp:
		switch {
		case v.Op == token.MUL && isFlagAddr(v.X):
			return flagTest{flag: connid.Of(v.X), op: token.ILLEGAL}, true
		case v.Op == token.NOT:
			t, ok := fs.read(v.X, depth)
			t.neg = !t.neg
			return t, ok
		}
	case *ssa.BinOp:
		if v.Op != token.EQL && v.Op != token.NEQ {
			break
		}
		x, k := v.X, v.Y
		if _, ok := x.(*ssa.Const); ok {
			x, k = k, x
		}
		c, ok := k.(*ssa.Const)
		if !ok {
			break
		}
		if t, ok := fs.read(x, depth); ok && t.op == token.ILLEGAL && !t.neg {
			t.op, t.k = v.Op, c.Value
			return t, true
		}
	case *ssa.Call:
		if name, addr := atomicOp(&v.Call); addr != nil {
			return flagTest{flag: connid.Of(addr), op: token.ILLEGAL}, strings.HasPrefix(name, "Load")
		}
		fn := v.Call.StaticCallee()
		if fn == nil || fn.Blocks == nil || depth == 0 || fn.Signature.Results().Len() != 1 {
			break
		}
		key := funcDepth{fn, depth}
		t, done := fs.reads[key]
		if !done {
			if fs.reads == nil {
				fs.reads = make(map[funcDepth]*flagTest)
			}
			fs.reads[key] = nil // a recursive getter computes no flag
			t = fs.returned(fn, depth-1)
			fs.reads[key] = t
		}
		if t == nil {
			break
		}
		id, ok := connid.Bind(v.Call.Value, fn, v.Call.Args, t.flag)
		if !ok {
			break
		}
		bound := *t
		bound.flag = id
		return bound, true
	}
	return flagTest{}, false
}

// returned returns the condition on a flag that every return of fn
// computes, or nil.
func (fs *flagSetter) returned(fn *ssa.Function, depth int) *flagTest {
	var test *flagTest
	for _, b := range fn.Blocks {
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok || b == fn.Recover {
			continue // the recover block returns zero values after a panic
		}
		t, ok := fs.read(wsssa.ResultValue(ret.Results[0]), depth)
		if !ok || test != nil && !sameTest(*test, t) {
			return nil
		}
		test = &t
	}
	return test
}

func sameTest(a, b flagTest) bool {
	return a.flag == b.flag && a.op == b.op && a.neg == b.neg &&
		(a.k == nil) == (b.k == nil) && (a.k == nil || errstate.ComparableKinds(a.k, b.k) && constant.Compare(a.k, token.EQL, b.k))
}

// set returns the flags instr sets, as identities in its function: a
// store, an atomic store, swap, compare-and-swap or add, or a call to a
// function of the package that sets a flag below one of its parameters,
// free variables or a package variable (depth bounds the calls followed).
func (fs *flagSetter) set(instr ssa.Instruction, depth int) []flagSet {
	switch instr := instr.(type) {
	case *ssa.Store:
		if isFlagAddr(instr.Addr) {
			return []flagSet{{connid.Of(instr.Addr), constOf(instr.Val)}}
		}
	case *ssa.Call:
		if name, addr := atomicOp(&instr.Call); addr != nil {
			var val constant.Value
			if strings.HasPrefix(name, "Store") && len(instr.Call.Args) == 2 {
				val = constOf(instr.Call.Args[1])
			}
			for _, prefix := range []string{"Store", "Swap", "CompareAndSwap", "Add", "Or", "And"} {
				if strings.HasPrefix(name, prefix) {
					return []flagSet{{connid.Of(addr), val}}
				}
			}
			return nil
		}
		if depth == 0 {
			return nil
		}
		var sets []flagSet
		if fn := instr.Call.StaticCallee(); fn != nil && fn.Blocks != nil {
			for _, s := range fs.setBy(fn, depth-1) {
				if id, ok := connid.Bind(instr.Call.Value, fn, instr.Call.Args, s.flag); ok {
					sets = append(sets, flagSet{id, s.val})
				}
			}
		}
		// A closure handed to a call is taken to run there
		// (once.Do(func() { c.closed = true })).
		for _, arg := range instr.Call.Args {
			if mc, ok := arg.(*ssa.MakeClosure); ok {
				fn := mc.Fn.(*ssa.Function)
				for _, s := range fs.setBy(fn, depth-1) {
					if id, ok := connid.Bind(mc, fn, nil, s.flag); ok {
						sets = append(sets, flagSet{id, s.val})
					}
				}
			}
		}
		return sets
	}
	return nil
}

// setBy returns the flags that fn sets below its parameters, its free
// variables or in package variables.
func (fs *flagSetter) setBy(fn *ssa.Function, depth int) []flagSet {
	key := funcDepth{fn, depth}
	if sets, ok := fs.sets[key]; ok {
		return sets
	}
	if fs.sets == nil {
		fs.sets = make(map[funcDepth][]flagSet)
	}
	fs.sets[key] = nil // a recursive call sets nothing more
	var sets []flagSet
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			for _, s := range fs.set(instr, depth) {
				switch s.flag.Root.(type) {
				case *ssa.Global, *ssa.Parameter, *ssa.FreeVar:
					sets = append(sets, s)
				}
			}
		}
	}
	fs.sets[key] = sets
	return sets
}

func constOf(v ssa.Value) constant.Value {
	if c, ok := v.(*ssa.Const); ok {
		return c.Value
	}
	return nil
}

// atomicOp returns the name of a sync/atomic function or method called
// and the location it works on (the first argument or the receiver).
func atomicOp(call *ssa.CallCommon) (string, ssa.Value) {
	fn := call.StaticCallee()
	if fn == nil || fn.Pkg == nil || fn.Pkg.Pkg.Path() != "sync/atomic" || len(call.Args) == 0 {
		return "", nil
	}
	if !isFlagAddr(call.Args[0]) {
		return "", nil
	}
	return fn.Name(), call.Args[0]
}

// isFlagAddr reports whether v is a location a flag may live in: a
// field, a package variable, a variable whose address is taken or that a
// closure captures, or one that a pointer parameter points to.
func isFlagAddr(v ssa.Value) bool {
	switch v.(type) {
	case *ssa.FieldAddr, *ssa.Global, *ssa.Alloc, *ssa.FreeVar, *ssa.Parameter:
		return true
	}
	return false
}

// An iterator's read loop may hand the error to its consumer and leave
// when the consumer stops it:
//
//	for {
//		_, msg, err := conn.ReadMessage()
//		if !yield(msg, err) {
//			return
//		}
//	}
//
// Like returning the error, this leaves the decision to the caller, who
// ends the loop by breaking out of its range statement.

// yieldsError reports whether ifInstr, a branch that leaves the loop,
// branches on the result of a call of a function-valued parameter (or
// captured variable) that is handed an error.
func yieldsError(ifInstr *ssa.If) bool {
	call, ok := ifInstr.Cond.(*ssa.Call)
	if !ok || call.Call.IsInvoke() {
		return false
	}
	switch call.Call.Value.(type) {
	case *ssa.Parameter, *ssa.FreeVar:
	default:
		return false
	}
	for _, arg := range call.Call.Args {
		if _, isConst := arg.(*ssa.Const); !isConst && types.Identical(arg.Type(), errorType) {
			return true // (a nil constant hands over no error)
		}
	}
	return false
}

var errorType = types.Universe.Lookup("error").Type()
