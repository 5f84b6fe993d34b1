package wsssa

import (
	"fmt"
	"go/constant"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/wsvet/wsvet/passes/internal/connid"
	"github.com/wsvet/wsvet/passes/internal/wsapi"
)

// wrapper is an object fact on a function that reads from or writes to
// the connection held by one of its operands (the receiver counts as
// operand 0): `func (c *Client) next() (*Event, error)` around
// c.conn.ReadMessage. A read wrapper returns the read's error in its
// last result. Operands are stored plus one; zero means none.
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
}

func (*wrapper) AFact() {}
func (w *wrapper) String() string {
	s := ""
	if w.Read > 0 {
		s += fmt.Sprintf("reads(%d%s, %s)", w.Read-1, w.ReadPath, w.ReadVia)
	}
	if w.ReadFree > 0 {
		s += fmt.Sprintf("reads(free %d%s, %s)", w.ReadFree-1, w.ReadPath, w.ReadVia)
	}
	if w.Write > 0 {
		if s != "" {
			s += " "
		}
		s += fmt.Sprintf("writes(%d%s, %s)", w.Write-1, w.WritePath, w.WriteVia)
	}
	return s
}

// Op is a call's effect on a connection: a library operation, or one
// of a wrapper function.
type Op struct {
	wsapi.Op
	Callee *types.Func // the function called; may be nil for a closure
	Via    string      // for a wrapper, the library call it wraps ("github.com/gorilla/websocket.ReadMessage")
	Path   string      // for a wrapper, where the connection is below its operand (c.ws below c)
	Free   int         // for a closure wrapper, the captured connection's free variable plus one; Conn is then -1
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
		return Op{Op: op, Callee: obj}, op.Kind == k
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
	case k == wsapi.Read && w.Read > 0:
		return Op{Op: wsapi.Op{Kind: wsapi.Read, Conn: int(w.Read - 1)}, Callee: obj, Via: w.ReadVia, Path: w.ReadPath}, true
	case k == wsapi.Read && w.ReadFree > 0:
		return Op{Op: wsapi.Op{Kind: wsapi.Read, Conn: -1}, Free: int(w.ReadFree), Via: w.ReadVia, Path: w.ReadPath}, true
	case k == wsapi.Write && w.Write > 0:
		return Op{Op: wsapi.Op{Kind: wsapi.Write, Conn: int(w.Write - 1)}, Callee: obj, Via: w.WriteVia, Path: w.WritePath}, true
	}
	return Op{}, false
}

// computeWrappers finds the package's read and write wrappers, to a
// fixed point so that wrappers of wrappers are found, and exports a
// fact for each named one.
func (r *Result) computeWrappers() {
	r.wrappers = make(map[*ssa.Function]*wrapper)
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
	errRes := -1
	if res := fn.Signature.Results(); res.Len() > 0 && types.Identical(res.At(res.Len()-1).Type(), errorType) {
		errRes = res.Len() - 1
	}
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
					}
				}
			}
			if w.Read == 0 && w.ReadFree == 0 && errRes >= 0 {
				if op, ok := r.Lookup(&call.Call, wsapi.Read); ok {
					id := op.ConnID(&call.Call)
					p, f := paramIndex(fn, id.Root), freeIndex(fn, id.Root)
					if (p >= 0 || f >= 0) && returnsErr(fn, errRes, errValue(call)) {
						w.Read, w.ReadFree, w.ReadVia, w.ReadPath = int8(p+1), int8(f+1), via(op), id.Path
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
func errValue(call *ssa.Call) ssa.Value {
	i := ErrResult(&call.Call)
	if i < 0 {
		return nil
	}
	if call.Call.Signature().Results().Len() == 1 {
		return call
	}
	for _, ref := range *call.Referrers() {
		if ex, ok := ref.(*ssa.Extract); ok && ex.Index == i {
			return ex
		}
	}
	return nil
}

// ErrValue returns the error result of a call to a read, or nil if no
// instruction extracts it.
func ErrValue(call *ssa.Call) ssa.Value { return errValue(call) }

// returnsErr reports whether the error value err reaches result i of
// fn's returns, directly, through phis, or wrapped by fmt.Errorf or
// errors.Join.
func returnsErr(fn *ssa.Function, i int, err ssa.Value) bool {
	if err == nil {
		return false
	}
	derived := map[ssa.Value]bool{err: true}
	work := []ssa.Value{err}
	for len(work) > 0 {
		v := work[0]
		work = work[1:]
		refs := v.Referrers()
		if refs == nil {
			continue
		}
		for _, ref := range *refs {
			var next ssa.Value
			switch ref := ref.(type) {
			case *ssa.Return:
				if i < len(ref.Results) && derived[ref.Results[i]] {
					return true
				}
			case *ssa.Phi, *ssa.MakeInterface, *ssa.ChangeInterface:
				next = ref.(ssa.Value)
			case *ssa.Store:
				// err stored into a variadic slice: follow to the call.
				if ia, ok := ref.Addr.(*ssa.IndexAddr); ok {
					if alloc, ok := ia.X.(*ssa.Alloc); ok {
						for _, ar := range *alloc.Referrers() {
							if sl, ok := ar.(*ssa.Slice); ok {
								next = sl
							}
						}
					}
				}
			case *ssa.Slice:
				next = ref
			case *ssa.Call:
				if f := wsapi.Callee(&ref.Call); f != nil && f.Pkg() != nil && wraps(f) {
					next = ref
				}
			}
			if next != nil && !derived[next] {
				derived[next] = true
				work = append(work, next)
			}
		}
	}
	return false
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
		if a == id.Root && j < len(fn.Params) {
			inners = append(inners, connid.ID{Root: fn.Params[j], Path: id.Path})
		}
	}
	if mc, ok := call.Value.(*ssa.MakeClosure); ok {
		for k, b := range mc.Bindings {
			if b == id.Root && k < len(fn.FreeVars) {
				inners = append(inners, connid.ID{Root: fn.FreeVars[k], Path: id.Path})
			}
		}
	}
	return inners
}

// ReconnectsAfterRead reports whether call, to a read wrapper of this
// package (a method or a closure), may store a new connection where id
// loads it from after its own read: a wrapper that reconnects when the
// read fails. A store before the read (dialing lazily) does not count.
func (r *Result) ReconnectsAfterRead(call *ssa.CallCommon, id connid.ID) bool {
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
				if op, ok := r.Lookup(&c.Call, wsapi.Read); ok && op.ConnID(&c.Call) == inner && storesAfter(b, i+1, inner) {
					return true
				}
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

// controlFrame reports whether a gobwas write sends a control frame: a
// constant control opcode, or a frame made by ws.NewCloseFrame and its
// kin.
func controlFrame(call *ssa.CallCommon, op wsapi.Op) bool {
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
