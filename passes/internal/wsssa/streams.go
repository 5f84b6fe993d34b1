package wsssa

import (
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/wsvet/wsvet/passes/internal/wsapi"
)

// A library hands out readers over a connection: gorilla's NextReader
// returns an io.Reader over the message, coder's NetConn a net.Conn over
// the whole connection, and x/net's *websocket.Conn is an io.Reader
// itself. A Read of such a value, through the io.Reader or net.Conn
// interface, is a read of the connection: once the connection fails it
// returns the same error forever (gorilla's message reader returns
// io.ErrUnexpectedEOF, never io.EOF, when the connection ends mid-message).
//
// The value must provably come from the library: in the function, or
// through a parameter of an unexported function that every caller in
// the package passes such a value and that is never used as a value.
// An io.Reader of unknown origin is not a connection.

// streamRead returns the read operation of an interface call of Read on
// a library stream.
func (r *Result) streamRead(call *ssa.CallCommon) (Op, bool) {
	if !call.IsInvoke() || call.Method.Name() != "Read" || !isReadSig(call.Method.Signature()) {
		return Op{}, false
	}
	if !r.isStream(call.Value, 3) {
		return Op{}, false
	}
	return Op{Op: wsapi.Op{Kind: wsapi.Read, Conn: 0}, Callee: call.Method, Via: "io.Reader.Read", ErrRes: 1, Ind: -1}, true
}

// isReadSig reports whether sig is io.Reader's Read(p []byte) (n int, err error).
func isReadSig(sig *types.Signature) bool {
	return types.Identical(sig, readerRead.Type())
}

var readerRead = types.NewFunc(0, nil, "Read", types.NewSignatureType(nil, nil, nil,
	types.NewTuple(types.NewParam(0, nil, "p", types.NewSlice(types.Typ[types.Byte]))),
	types.NewTuple(types.NewParam(0, nil, "n", types.Typ[types.Int]), types.NewParam(0, nil, "err", errorType)),
	false))

// isStream reports whether v is a reader that a library made over a
// connection; depth bounds the parameters followed to their callers.
func (r *Result) isStream(v ssa.Value, depth int) bool {
	seen := make(map[ssa.Value]bool)
	var visit func(v ssa.Value, depth int) bool
	visit = func(v ssa.Value, depth int) bool {
		if seen[v] {
			return true // a cycle of phis adds nothing
		}
		seen[v] = true
		switch v := v.(type) {
		case *ssa.MakeInterface:
			if isXNetConn(v.X.Type()) {
				return true
			}
			return visit(v.X, depth)
		case *ssa.ChangeInterface:
			return visit(v.X, depth)
		case *ssa.ChangeType:
			return visit(v.X, depth)
		case *ssa.Extract:
			call, ok := v.Tuple.(*ssa.Call)
			if !ok {
				return false
			}
			op, ok := wsapi.LookupCall(&call.Call)
			return ok && int(op.Stream) == v.Index+1
		case *ssa.Call:
			op, ok := wsapi.LookupCall(&v.Call)
			return ok && op.Kind == wsapi.Wrap
		case *ssa.Phi:
			for _, e := range v.Edges {
				if !visit(e, depth) {
					return false
				}
			}
			return len(v.Edges) > 0
		case *ssa.Parameter:
			if depth == 0 {
				return false
			}
			fn := v.Parent()
			i := -1
			for j, p := range fn.Params {
				if p == v {
					i = j
				}
			}
			sites, ok := r.callSites(fn)
			if !ok || i < 0 {
				return false
			}
			for _, site := range sites {
				args := site.Common().Args
				if i >= len(args) || !visit(args[i], depth-1) {
					return false
				}
			}
			return true
		}
		return false
	}
	return visit(v, depth)
}

func isXNetConn(t types.Type) bool {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && wsapi.Unvendor(n.Obj().Pkg().Path()) == wsapi.XNet
}

// callSites returns the calls of fn in the package, and false when fn
// may be called from elsewhere: it is exported (outside package main),
// used as a value, never called, or shares its name with a method that
// the package calls through an interface.
func (r *Result) callSites(fn *ssa.Function) ([]ssa.CallInstruction, bool) {
	if r.sites == nil {
		r.findCallSites()
	}
	if r.escapes[fn] || len(r.sites[fn]) == 0 {
		return nil, false
	}
	if obj, ok := fn.Object().(*types.Func); ok {
		if obj.Exported() && r.Pkg.Pkg.Name() != "main" {
			return nil, false
		}
		if obj.Signature().Recv() != nil && r.invoked[obj.Name()] {
			return nil, false
		}
	}
	return r.sites[fn], true
}

// findCallSites records, for the package's functions, their static call
// sites and whether they escape (are used other than by being called).
func (r *Result) findCallSites() {
	r.sites = make(map[*ssa.Function][]ssa.CallInstruction)
	r.escapes = make(map[*ssa.Function]bool)
	r.invoked = make(map[string]bool)
	var ops []*ssa.Value
	for _, fn := range r.SrcFuncs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				var callee ssa.Value
				if ci, ok := instr.(ssa.CallInstruction); ok {
					c := ci.Common()
					if c.IsInvoke() {
						r.invoked[c.Method.Name()] = true
					} else if g := c.StaticCallee(); g != nil {
						r.sites[g] = append(r.sites[g], ci)
						callee = c.Value
					}
				}
				for _, op := range instr.Operands(ops[:0]) {
					if *op == nil || *op == callee {
						continue
					}
					// A function or closure stored or passed may be called by anyone.
					switch v := (*op).(type) {
					case *ssa.Function:
						r.escapes[v] = true
					case *ssa.MakeClosure:
						r.escapes[v.Fn.(*ssa.Function)] = true
					}
				}
			}
		}
	}
}
