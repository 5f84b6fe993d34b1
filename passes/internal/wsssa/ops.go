package wsssa

import (
	"fmt"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/wsvet/wsvet/passes/internal/connid"
	"github.com/wsvet/wsvet/passes/internal/errstate"
	"github.com/wsvet/wsvet/passes/internal/wsapi"
)

// wrapper is an object fact on a function that reads from or writes to
// the connection held by one of its operands (the receiver counts as
// operand 0): `func (c *Client) next() (*Event, error)` around
// c.conn.ReadMessage. Operands and results are stored plus one; zero
// means none.
//
// A read wrapper returns the read's error in result ErrRes, perhaps in
// a field of a struct at ErrPath below it (connid's notation), or hides
// it (ErrRes zero): it logs the error, sends it on a channel or stores it
// and returns nothing about it, so that a loop calling it cannot tell
// when the connection failed. Ind, when set, is a result that holds the
// constant IndFail (constant.Value.ExactString) on every path where the
// read failed: `leave, err := c.step()` with `return true, err`.
//
// A closure of the package may read a connection it captures
// (`next := func() ([]byte, error) { _, m, err := conn.ReadMessage();
// return m, err }`): ReadFree is then the index of that free variable
// plus one, and Read is zero. Closures have no object, so this part
// never becomes a fact.
type wrapper struct {
	Read, Write       int8
	ReadFree          int8
	ReadPath          string // the connection's path below the operand (connid)
	WritePath         string
	ReadVia, WriteVia string // the library call wrapped, for messages
	ErrRes            int8
	ErrPath           string
	Ind               int8
	IndFail           string
	// WriteErr marks a write wrapper whose error result, when not nil, is
	// the error of a write that fails only when the connection does: a
	// failed call means a broken connection.
	WriteErr bool
}

func (*wrapper) AFact() {}
func (w *wrapper) String() string {
	var parts []string
	read := "reads"
	if w.ErrRes == 0 {
		read = "hides"
	}
	if w.Read > 0 {
		parts = append(parts, fmt.Sprintf("%s(%d%s, %s)", read, w.Read-1, w.ReadPath, w.ReadVia))
	}
	if w.ReadFree > 0 {
		parts = append(parts, fmt.Sprintf("%s(free %d%s, %s)", read, w.ReadFree-1, w.ReadPath, w.ReadVia))
	}
	if (w.Read > 0 || w.ReadFree > 0) && w.ErrRes > 0 && (w.ErrPath != "" || w.Ind > 0) {
		parts = append(parts, fmt.Sprintf("err(%d%s)", w.ErrRes-1, w.ErrPath))
	}
	if w.Ind > 0 {
		parts = append(parts, fmt.Sprintf("fails(%d=%s)", w.Ind-1, w.IndFail))
	}
	if w.Write > 0 {
		parts = append(parts, fmt.Sprintf("writes(%d%s, %s)", w.Write-1, w.WritePath, w.WriteVia))
	}
	return strings.Join(parts, " ")
}

// Op is a call's effect on a connection: a library operation, or one
// of a wrapper function.
type Op struct {
	wsapi.Op
	Callee *types.Func // the function called; may be nil for a closure
	Via    string      // for a wrapper, the library call it wraps ("github.com/gorilla/websocket.ReadMessage")
	Path   string      // for a wrapper, where the connection is below its operand (c.ws below c)
	Free   int         // for a closure wrapper, the captured connection's free variable plus one; Conn is then -1

	// For reads: the result that holds the error (-1: the call hides
	// it), and where below it; a result that tells failure, and its value
	// then (nil: none).
	ErrRes  int
	ErrPath string
	Ind     int
	IndFail constant.Value
	// For writes: a non-nil error means the connection failed (not an
	// encoder's error, a precondition of a wrapper, or another write's).
	ConnErr bool
}

// Hides reports whether the read hides its error from the caller.
func (op Op) Hides() bool { return op.Kind == wsapi.Read && op.ErrRes < 0 }

// Failure returns what a read call tells its caller about its failure.
func (op Op) Failure(call *ssa.Call) errstate.Failure {
	var f errstate.Failure
	if op.ErrRes >= 0 {
		f.Err, f.ErrPath = result(call, op.ErrRes), op.ErrPath
	}
	if op.IndFail != nil {
		f.Ind, f.IndFail = result(call, op.Ind), op.IndFail
		if op.MsgType > 0 {
			for _, t := range wsapi.DataTypes {
				f.IndValid = append(f.IndValid, constant.MakeInt64(t))
			}
		}
	}
	return f
}

// libraryOp returns the Op of a library operation.
func libraryOp(call *ssa.CallCommon, op wsapi.Op, obj *types.Func) Op {
	o := Op{Op: op, Callee: obj, ErrRes: ErrResult(call), Ind: -1, ConnErr: op.Kind == wsapi.Write && !op.Encodes}
	if op.Kind == wsapi.Read && op.MsgType > 0 {
		o.Ind, o.IndFail = int(op.MsgType)-1, constant.MakeInt64(int64(op.FailType))
	}
	return o
}

// result returns the value of result i of call, or nil if nothing
// extracts it.
func result(call *ssa.Call, i int) ssa.Value {
	if i < 0 {
		return nil
	}
	if call.Call.Signature().Results().Len() == 1 {
		if i == 0 {
			return call
		}
		return nil
	}
	for _, ref := range *call.Referrers() {
		if ex, ok := ref.(*ssa.Extract); ok && ex.Index == i {
			return ex
		}
	}
	return nil
}

// ConnID returns the identity of the connection call operates on.
func (op Op) ConnID(call *ssa.CallCommon) connid.ID {
	v := op.ConnOf(call)
	if v == nil {
		return connid.ID{}
	}
	return connid.Of(v).Extend(op.Path)
}

// ConnOf returns the operand of call that holds the connection, or nil.
func (op Op) ConnOf(call *ssa.CallCommon) ssa.Value {
	if op.Free > 0 {
		if mc, ok := call.Value.(*ssa.MakeClosure); ok && op.Free <= len(mc.Bindings) {
			return mc.Bindings[op.Free-1]
		}
		return nil
	}
	i := op.Conn
	if call.IsInvoke() {
		if i == 0 {
			return call.Value
		}
		i--
	}
	if i < 0 || i >= len(call.Args) {
		return nil
	}
	return call.Args[i]
}

// ErrResult returns the index of the error among call's results, or -1.
func ErrResult(call *ssa.CallCommon) int {
	res := call.Signature().Results()
	if res.Len() == 0 {
		return -1
	}
	if last := res.At(res.Len() - 1).Type(); types.Identical(last, errorType) {
		return res.Len() - 1
	}
	return -1
}

var errorType = types.Universe.Lookup("error").Type()

// Lookup says what call does to a connection of kind k (wsapi.Read or
// wsapi.Write): a library operation or a wrapper's.
func (r *Result) Lookup(call *ssa.CallCommon, k wsapi.Kind) (Op, bool) {
	obj := wsapi.Callee(call)
	if op, ok := wsapi.Lookup(obj); ok {
		if op.Kind == wsapi.Write && controlFrame(call, op) {
			op.Kind = wsapi.Control
		}
		return libraryOp(call, op, obj), op.Kind == k
	}
	if k == wsapi.Read {
		if op, ok := r.streamRead(call); ok {
			return op, true
		}
	}
	var w *wrapper
	if fn := call.StaticCallee(); fn != nil && r.wrappers[fn] != nil {
		w = r.wrappers[fn]
	} else if obj != nil && !call.IsInvoke() {
		w = new(wrapper)
		if !r.pass.ImportObjectFact(obj.Origin(), w) {
			return Op{}, false
		}
	}
	if w == nil {
		return Op{}, false
	}
	switch {
	case k == wsapi.Read && (w.Read > 0 || w.ReadFree > 0):
		op := Op{Op: wsapi.Op{Kind: wsapi.Read, Conn: int(w.Read - 1)}, Callee: obj, Via: w.ReadVia, Path: w.ReadPath,
			ErrRes: int(w.ErrRes) - 1, ErrPath: w.ErrPath, Ind: int(w.Ind) - 1, IndFail: parseConst(w.IndFail)}
		if w.ReadFree > 0 {
			op.Conn, op.Callee, op.Free = -1, nil, int(w.ReadFree)
		}
		return op, true
	case k == wsapi.Write && w.Write > 0:
		return Op{Op: wsapi.Op{Kind: wsapi.Write, Conn: int(w.Write - 1)}, Callee: obj, Via: w.WriteVia, Path: w.WritePath, ErrRes: ErrResult(call), Ind: -1, ConnErr: w.WriteErr}, true
	}
	return Op{}, false
}

// FailingReturns returns the returns of a read wrapper of the package
// that are reached on a path where its read failed.
func (r *Result) FailingReturns(fn *ssa.Function) map[*ssa.Return]bool { return r.failing[fn] }

// computeWrappers finds the package's read and write wrappers, to a
// fixed point so that wrappers of wrappers are found, and exports a
// fact for each named one.
func (r *Result) computeWrappers() {
	r.wrappers = make(map[*ssa.Function]*wrapper)
	r.failing = make(map[*ssa.Function]map[*ssa.Return]bool)
	for changed := true; changed; {
		changed = false
		for _, fn := range r.SrcFuncs {
			w := r.wrapperOf(fn)
			if w == nil {
				continue
			}
			if old := r.wrappers[fn]; old == nil || *old != *w {
				r.wrappers[fn] = w
				changed = true
			}
		}
	}
	for fn, w := range r.wrappers {
		if obj, ok := fn.Object().(*types.Func); ok && obj.Pkg() == r.pass.Pkg {
			r.pass.ExportObjectFact(obj, w)
		}
	}
}

// wrapperOf returns what fn wraps, or nil.
func (r *Result) wrapperOf(fn *ssa.Function) *wrapper {
	var w wrapper
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(*ssa.Call)
			if !ok {
				continue
			}
			if w.Write == 0 {
				if op, ok := r.Lookup(&call.Call, wsapi.Write); ok {
					if id := op.ConnID(&call.Call); paramIndex(fn, id.Root) >= 0 {
						w.Write, w.WriteVia, w.WritePath = int8(paramIndex(fn, id.Root)+1), via(op), id.Path
						w.WriteErr = op.ConnErr && onlyErr(fn, errValue(call))
					}
				}
			}
			if w.Read == 0 && w.ReadFree == 0 {
				if op, ok := r.Lookup(&call.Call, wsapi.Read); ok {
					id := op.ConnID(&call.Call)
					p, f := paramIndex(fn, id.Root), freeIndex(fn, id.Root)
					if p >= 0 || f >= 0 {
						if r.readWrapper(fn, call, op, id, &w) {
							w.Read, w.ReadFree, w.ReadVia, w.ReadPath = int8(p+1), int8(f+1), via(op), id.Path
						}
					}
				}
			}
		}
	}
	if w.Read == 0 && w.ReadFree == 0 && w.Write == 0 {
		return nil
	}
	return &w
}

// readWrapper decides whether fn, reading a connection of one of its
// operands at call, is a read wrapper: it returns the read's error, or
// hides it and returns on some path where the read may have failed. It
// fills in where the error goes and the result that tells failure.
func (r *Result) readWrapper(fn *ssa.Function, call *ssa.Call, op Op, id connid.ID, w *wrapper) bool {
	fail := op.Failure(call)
	if res, path, ok := returnsErr(fn, fail.Aliases()); ok {
		w.ErrRes, w.ErrPath = int8(res+1), path
	} else if op.Hides() || fail.Err != nil || fail.Ind != nil {
		w.ErrRes, w.ErrPath = 0, "" // a candidate for hiding the error
	} else {
		return false
	}
	// Walk the paths after the read: what each return gives back where
	// the read may have failed.
	failing := make(map[*ssa.Return]bool)
	walk := &errstate.Walk{
		Failure:  fail,
		Conn:     id,
		NoReturn: r.NoReturn,
		Replaced: r.Replaces,
		Visit: func(instr ssa.Instruction, st errstate.State) bool {
			if c, ok := instr.(*ssa.Call); ok && c != call {
				if op, ok := r.Lookup(&c.Call, wsapi.Read); ok && op.ConnID(&c.Call) == id {
					return false // another read: its own error matters from here
				}
			}
			if ret, ok := instr.(*ssa.Return); ok && st.MayFail() {
				failing[ret] = true
			}
			return true
		},
	}
	walk.From(call)
	r.failing[fn] = failing
	if w.ErrRes == 0 && len(failing) == 0 {
		return false // every failure ends the goroutine, reconnects or reads again
	}
	w.Ind, w.IndFail = 0, ""
	if k, v, ok := indicator(fn, failing, fail); ok {
		w.Ind, w.IndFail = int8(k+1), v.ExactString()
	} else if w.ErrRes == 0 && fn.Signature.Results().Len() > 0 {
		return false // its results may well say that the read failed
	}
	return true
}

// indicator returns a result of fn that holds the same constant on every
// failing return (or a comparison of the error with nil, or the
// indicator of the read itself, whose values on failure are known): the
// caller's `leave` flag.
func indicator(fn *ssa.Function, failing map[*ssa.Return]bool, fail errstate.Failure) (int, constant.Value, bool) {
	errs := fail.Aliases()
	res := fn.Signature.Results()
	for k := range res.Len() {
		if _, ok := res.At(k).Type().Underlying().(*types.Basic); !ok {
			continue
		}
		var val constant.Value
		ok := true
		for ret := range failing {
			v := onFailure(ret.Results[k], errs, fail)
			if v == nil || val != nil && !constant.Compare(v, token.EQL, val) {
				ok = false
				break
			}
			val = v
		}
		if ok && val != nil && (val.Kind() == constant.Bool || val.Kind() == constant.Int) {
			return k, val, true
		}
	}
	return 0, nil, false
}

// onFailure returns the value of v when the read failed: a constant, a
// comparison of the error with nil, or the read's own indicator.
func onFailure(v ssa.Value, errs []ssa.Value, fail errstate.Failure) constant.Value {
	v = ResultValue(v)
	if fail.Ind != nil && v == fail.Ind {
		return fail.IndFail
	}
	switch v := v.(type) {
	case *ssa.Const:
		return v.Value
	case *ssa.BinOp:
		if v.Op != token.EQL && v.Op != token.NEQ {
			return nil
		}
		x, y := v.X, v.Y
		if c, ok := x.(*ssa.Const); ok && c.IsNil() {
			x, y = y, x
		}
		if c, ok := y.(*ssa.Const); ok && c.IsNil() && slices.Contains(errs, x) {
			return constant.MakeBool(v.Op == token.NEQ)
		}
	}
	return nil
}

// ResultValue looks through the result slot of a function with defers:
// go/ssa stores the result in a local and returns a load of it.
func ResultValue(v ssa.Value) ssa.Value {
	load, ok := v.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return v
	}
	slot, ok := load.X.(*ssa.Alloc)
	if !ok || slot.Heap {
		return v
	}
	var stored ssa.Value
	for _, ref := range *slot.Referrers() {
		if st, ok := ref.(*ssa.Store); ok && st.Addr == slot {
			if stored != nil {
				return v // more than one
			}
			stored = st.Val
		}
	}
	if stored == nil {
		return v
	}
	return stored
}

// parseConst reads back a constant written by constant.Value.ExactString:
// a bool or an integer; nil for "".
func parseConst(s string) constant.Value {
	switch s {
	case "":
		return nil
	case "true", "false":
		return constant.MakeBool(s == "true")
	}
	return constant.MakeFromLiteral(s, token.INT, 0)
}

// via names the library call an operation ends in, as "pkgpath.Name".
func via(op Op) string {
	if op.Via != "" {
		return op.Via
	}
	if op.Callee != nil && op.Callee.Pkg() != nil {
		return op.Callee.Pkg().Path() + "." + op.Callee.Name()
	}
	return "?"
}

// Library returns the import path of the library an operation ends in.
func (op Op) Library() string {
	v := via(op)
	if i := strings.LastIndex(v, "."); i >= 0 {
		return v[:i]
	}
	return v
}

// paramOf returns the index of the parameter of fn from which the
// connection v is loaded (p, p.conn, *p.conn...), or -1.
func paramOf(fn *ssa.Function, v ssa.Value) int {
	if v == nil {
		return -1
	}
	return paramIndex(fn, connid.Of(v).Root)
}

// paramIndex returns the index of root among fn's parameters, or -1.
func paramIndex(fn *ssa.Function, root ssa.Value) int { return operandIndex(fn.Params, root) }

// freeIndex returns the index of root among fn's free variables, or -1.
func freeIndex(fn *ssa.Function, root ssa.Value) int { return operandIndex(fn.FreeVars, root) }

// operandIndex returns the index of root in vs, or -1; and -1 past the
// 127 operands a wrapper fact can name.
func operandIndex[V ssa.Value](vs []V, root ssa.Value) int {
	if len(vs) > 127 {
		return -1
	}
	for i, v := range vs {
		if ssa.Value(v) == root {
			return i
		}
	}
	return -1
}

// errValue returns the error result of a call, or nil if it is unused.
func errValue(call *ssa.Call) ssa.Value { return result(call, ErrResult(&call.Call)) }

// ErrValue returns the error result of a call, or nil if no instruction
// extracts it.
func ErrValue(call *ssa.Call) ssa.Value { return errValue(call) }

// returnsErr reports whether one of the error values errs reaches a
// result of fn's returns, and which: directly, through phis and local
// variables (the result slots of a function with defers), wrapped by
// fmt.Errorf or errors.Join, or stored in a field of a struct that fn
// returns (by value or by pointer), whose path below the result it gives.
func returnsErr(fn *ssa.Function, errs []ssa.Value) (res int, path string, ok bool) {
	derived := make(map[ssa.Value]string) // value -> path of the error below it
	var work []ssa.Value
	add := func(v ssa.Value, path string) {
		if _, seen := derived[v]; !seen {
			derived[v] = path
			work = append(work, v)
		}
	}
	for _, e := range errs {
		add(e, "")
	}
	for len(work) > 0 {
		v := work[0]
		work = work[1:]
		refs := v.Referrers()
		if refs == nil {
			continue
		}
		p := derived[v]
		for _, ref := range *refs {
			switch ref := ref.(type) {
			case *ssa.Return:
				for i, x := range ref.Results {
					if x == v && i < fn.Signature.Results().Len() {
						return i, p, true
					}
				}
			case *ssa.Phi, *ssa.MakeInterface, *ssa.ChangeInterface:
				if p == "" {
					add(ref.(ssa.Value), "")
				}
			case *ssa.Store:
				if addr, ok := ref.Addr.(*ssa.Alloc); ok && ref.Val == v {
					// A local variable: its loads hold what v holds.
					for _, load := range loads(addr) {
						add(load, p)
					}
					continue
				}
				if ref.Val != v || p != "" {
					continue
				}
				switch addr := ref.Addr.(type) {
				case *ssa.FieldAddr:
					// A field of a struct literal: &T{err: err} holds it at
					// &.k*, and a load of that, T{err: err}, at .k.
					if alloc, ok := addr.X.(*ssa.Alloc); ok {
						add(alloc, fmt.Sprintf("&.%d*", addr.Field))
						for _, load := range loads(alloc) {
							add(load, fmt.Sprintf(".%d", addr.Field))
						}
					}
				case *ssa.IndexAddr:
					// err stored into a variadic slice: follow to the call.
					if alloc, ok := addr.X.(*ssa.Alloc); ok {
						for _, ar := range *alloc.Referrers() {
							if sl, ok := ar.(*ssa.Slice); ok {
								add(sl, "")
							}
						}
					}
				}
			case *ssa.Slice:
				if p == "" {
					add(ref, "")
				}
			case *ssa.Call:
				if f := wsapi.Callee(&ref.Call); p == "" && f != nil && f.Pkg() != nil && wraps(f) {
					add(ref, "")
				}
			}
		}
	}
	return 0, "", false
}

// loads returns the loads of a local variable.
func loads(alloc *ssa.Alloc) []ssa.Value {
	var out []ssa.Value
	for _, ref := range *alloc.Referrers() {
		if load, ok := ref.(*ssa.UnOp); ok && load.Op == token.MUL && load.X == alloc {
			out = append(out, load)
		}
	}
	return out
}

// onlyErr reports whether every error that fn returns (its last result)
// is nil or err, perhaps wrapped (fmt.Errorf): err is then what a
// failed call of fn means.
func onlyErr(fn *ssa.Function, err ssa.Value) bool {
	res := fn.Signature.Results()
	if err == nil || res.Len() == 0 || !types.Identical(res.At(res.Len()-1).Type(), errorType) {
		return false
	}
	seen := make(map[ssa.Value]bool)
	var pure func(v ssa.Value) bool
	pure = func(v ssa.Value) bool {
		if seen[v] {
			return true // a cycle of phis adds nothing
		}
		seen[v] = true
		switch x := v.(type) {
		case *ssa.Const:
			return x.IsNil()
		case *ssa.MakeInterface:
			return pure(x.X)
		case *ssa.ChangeInterface:
			return pure(x.X)
		case *ssa.Phi:
			for _, e := range x.Edges {
				if !pure(e) {
					return false
				}
			}
			return true
		case *ssa.Call:
			if f := wsapi.Callee(&x.Call); f != nil && f.Pkg() != nil && wraps(f) {
				_, _, ok := returnsErrOf(x, err)
				return ok
			}
		}
		return v == err
	}
	for _, b := range fn.Blocks {
		if ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok && b != fn.Recover {
			if !pure(ResultValue(ret.Results[len(ret.Results)-1])) {
				return false
			}
		}
	}
	return true
}

// returnsErrOf reports whether a wrapping call (fmt.Errorf) wraps err.
func returnsErrOf(call *ssa.Call, err ssa.Value) (int, string, bool) {
	for _, a := range call.Call.Args {
		if a == err {
			return 0, "", true
		}
		if sl, ok := a.(*ssa.Slice); ok {
			if alloc, ok := sl.X.(*ssa.Alloc); ok {
				for _, ref := range *alloc.Referrers() {
					if ia, ok := ref.(*ssa.IndexAddr); ok {
						for _, r2 := range *ia.Referrers() {
							if st, ok := r2.(*ssa.Store); ok && connid.Of(st.Val).Root == err {
								return 0, "", true
							}
						}
					}
				}
			}
		}
	}
	return 0, "", false
}

// wraps reports whether f returns an error that wraps its arguments.
func wraps(f *types.Func) bool {
	switch f.Pkg().Path() + "." + f.Name() {
	case "fmt.Errorf", "errors.Join",
		"github.com/pkg/errors.Wrap", "github.com/pkg/errors.Wrapf",
		"github.com/pkg/errors.WithMessage", "github.com/pkg/errors.WithStack":
		return true
	}
	return false
}

// Replaces reports whether call may store a new connection where id
// loads it from: a reconnect helper (s.reconnect()) of this package, or
// a closure, that assigns the field or the captured variable, directly or
// through one more call.
func (r *Result) Replaces(call *ssa.CallCommon, id connid.ID) bool {
	return replaces(call, id, 2)
}

func replaces(call *ssa.CallCommon, id connid.ID, depth int) bool {
	fn := call.StaticCallee()
	if fn == nil || len(fn.Blocks) == 0 || depth == 0 {
		return false
	}
	for _, inner := range calleeIDs(call, fn, id) {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if storesConn(instr, inner, depth-1) {
					return true
				}
			}
		}
	}
	return false
}

// storesConn reports whether instr stores a new connection where id loads
// it from, itself or through a call (depth bounds the calls followed).
func storesConn(instr ssa.Instruction, id connid.ID, depth int) bool {
	switch instr := instr.(type) {
	case *ssa.Store:
		return id.StoredBy(instr.Addr)
	case *ssa.Call:
		return replaces(&instr.Call, id, depth)
	}
	return false
}

// calleeIDs returns the connection id as the callee fn of call sees it:
// below a parameter, or below a variable the closure captures.
func calleeIDs(call *ssa.CallCommon, fn *ssa.Function, id connid.ID) []connid.ID {
	var inners []connid.ID
	for j, a := range call.Args {
		// The argument is id, or a value id is loaded from (c for c.conn).
		if ai := connid.Of(a); ai.Root == id.Root && strings.HasPrefix(id.Path, ai.Path) && j < len(fn.Params) {
			inners = append(inners, connid.ID{Root: fn.Params[j], Path: id.Path[len(ai.Path):]})
		}
	}
	if mc, ok := call.Value.(*ssa.MakeClosure); ok {
		for k, b := range mc.Bindings {
			// The closure loads the variable it captures from its cell:
			// what the caller loads from the cell (or the parameter the
			// cell holds) the closure loads from *fv.
			if bi := connid.Of(b).Extend("*"); bi.Root == id.Root && strings.HasPrefix(id.Path, bi.Path) && k < len(fn.FreeVars) {
				inners = append(inners, connid.ID{Root: fn.FreeVars[k], Path: "*" + id.Path[len(bi.Path):]})
			}
		}
	}
	return inners
}

// Redials reports whether call, to a read wrapper of this package (a
// method or a closure), reads a new connection each time where id loads
// it from: it stores one on every path to its read (discordgo's Open
// dials, then reads the hello), or after its read fails (a wrapper that
// reconnects). A store on some paths before the read (dialing lazily,
// when the connection is nil) does not count.
func (r *Result) Redials(call *ssa.CallCommon, id connid.ID) bool {
	fn := call.StaticCallee()
	if fn == nil || len(fn.Blocks) == 0 {
		return false
	}
	for _, inner := range calleeIDs(call, fn, id) {
		for _, b := range fn.Blocks {
			for i, instr := range b.Instrs {
				c, ok := instr.(*ssa.Call)
				if !ok {
					continue
				}
				if op, ok := r.Lookup(&c.Call, wsapi.Read); ok && op.ConnID(&c.Call) == inner && (storesAfter(b, i+1, inner) || storedBefore(fn, c, inner)) {
					return true
				}
			}
		}
	}
	return false
}

// storedBefore reports whether an instruction that stores a new
// connection where id loads it from runs on every path to instr.
func storedBefore(fn *ssa.Function, instr ssa.Instruction, id connid.ID) bool {
	for _, b := range fn.Blocks {
		for _, in := range b.Instrs {
			if in != instr && storesConn(in, id, 1) && Dominates(in, instr) {
				return true
			}
		}
	}
	return false
}

// storesAfter reports whether a path from instruction i of block b on
// stores a new connection where id loads it from.
func storesAfter(b *ssa.BasicBlock, i int, id connid.ID) bool {
	seen := make(map[*ssa.BasicBlock]bool)
	for work := []*ssa.BasicBlock{b}; len(work) > 0; i = 0 {
		b, work = work[len(work)-1], work[:len(work)-1]
		for _, instr := range b.Instrs[i:] {
			if storesConn(instr, id, 1) {
				return true
			}
		}
		for _, s := range b.Succs {
			if !seen[s] {
				seen[s] = true
				work = append(work, s)
			}
		}
	}
	return false
}

// controlFrame reports whether a write sends a control frame: a gobwas
// write of a constant control opcode, or of a frame made by
// ws.NewCloseFrame and its kin; a close handshake written with gorilla's
// WriteMessage(CloseMessage, ...).
func controlFrame(call *ssa.CallCommon, op wsapi.Op) bool {
	if i := int(op.CloseType) - 1; i >= 0 && i < len(call.Args) {
		if c, ok := call.Args[i].(*ssa.Const); ok && c.Value != nil {
			if v, exact := constant.Int64Val(constant.ToInt(c.Value)); exact && wsapi.CloseMessageType(v) {
				return true
			}
		}
	}
	if i := int(op.OpCode) - 1; i >= 0 && i < len(call.Args) {
		if c, ok := call.Args[i].(*ssa.Const); ok && c.Value != nil {
			if v, exact := constant.Int64Val(constant.ToInt(c.Value)); exact && wsapi.ControlOpCode(v) {
				return true
			}
		}
	}
	if i := int(op.Frame) - 1; i >= 0 && i < len(call.Args) {
		if mk, ok := call.Args[i].(*ssa.Call); ok && wsapi.ControlFrame(wsapi.Callee(&mk.Call)) {
			return true
		}
	}
	return false
}
