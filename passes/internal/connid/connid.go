// Package connid decides when two SSA values denote the same WebSocket
// connection: the same value, loads of the same field path from the
// same base (s.ws read twice in one method), or loads of the same
// variable captured by a closure or declared at package level.
package connid

import (
	"fmt"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/wsvet/wsvet/passes/internal/wsapi"
)

// ID identifies a connection within one function: a root value and the
// path of field selections and loads that leads from it.
type ID struct {
	Root ssa.Value
	Path string // e.g. ".2*" for *(&root.f2)
}

func (id ID) String() string {
	if id.Root == nil {
		return "<nil>"
	}
	return id.Root.Name() + id.Path
}

// Extend returns the identity of the connection at path below id (a
// wrapper's connection c.ws below its operand c).
func (id ID) Extend(path string) ID { return ID{Root: id.Root, Path: id.Path + path}.norm() }

// Valid reports whether id names anything.
func (id ID) Valid() bool { return id.Root != nil }

// Of returns the identity of v, looking through conversions, field
// selections and loads.
func Of(v ssa.Value) ID {
	var path []string
	for v != nil {
		switch x := v.(type) {
		case *ssa.ChangeType:
			v = x.X
			continue
		case *ssa.MakeInterface:
			v = x.X
			continue
		case *ssa.ChangeInterface:
			v = x.X
			continue
		case *ssa.UnOp:
			if x.Op.String() == "*" {
				path = append(path, "*")
				v = x.X
				continue
			}
		case *ssa.FieldAddr:
			path = append(path, fmt.Sprintf("&.%d", x.Field))
			v = x.X
			continue
		case *ssa.Field:
			path = append(path, fmt.Sprintf(".%d", x.Field))
			v = x.X
			continue
		case *ssa.Call:
			// A reader or writer made over a connection (wsutil.NewReader)
			// is that connection.
			if fn := x.Call.StaticCallee(); fn != nil {
				if obj, ok := fn.Object().(*types.Func); ok {
					if op, ok := wsapi.Lookup(obj); ok && op.Kind == wsapi.Wrap && op.Conn < len(x.Call.Args) {
						v = x.Call.Args[op.Conn]
						continue
					}
				}
			}
		}
		break
	}
	// path was collected outermost first; reverse it.
	for i, j := 0, len(path)-1; i < j; i, j = i+1, j-1 {
		path[i], path[j] = path[j], path[i]
	}
	return ID{Root: v, Path: strings.Join(path, "")}.norm()
}

// norm names a parameter captured by a closure by the parameter: it
// lives in a heap cell that holds it and nothing else, and the loads of
// the cell are the parameter.
func (id ID) norm() ID {
	if p := spilledParam(id.Root); p != nil && strings.HasPrefix(id.Path, "*") {
		return ID{Root: p, Path: id.Path[1:]}
	}
	return id
}

// spilledParam returns the parameter that v, a cell allocated for it
// (go/ssa's `new T (name)` for a captured parameter), holds: the one
// value ever stored in it, by the function or by the closures it is
// handed to.
func spilledParam(v ssa.Value) *ssa.Parameter {
	alloc, ok := v.(*ssa.Alloc)
	if !ok || !alloc.Heap {
		return nil
	}
	var param *ssa.Parameter
	for _, ref := range *alloc.Referrers() {
		switch ref := ref.(type) {
		case *ssa.Store:
			p, ok := ref.Val.(*ssa.Parameter)
			if !ok || param != nil || ref.Addr != alloc {
				return nil
			}
			param = p
		case *ssa.UnOp:
		case *ssa.MakeClosure:
			if storedIn(ref, alloc, 3) {
				return nil
			}
		default:
			return nil
		}
	}
	return param
}

// storedIn reports whether the closure mc may store to the cell it
// captures as binding b (or hand it on to one that does).
func storedIn(mc *ssa.MakeClosure, b ssa.Value, depth int) bool {
	fn, ok := mc.Fn.(*ssa.Function)
	if !ok || depth == 0 {
		return true
	}
	for i, x := range mc.Bindings {
		if x != b || i >= len(fn.FreeVars) {
			continue
		}
		fv := fn.FreeVars[i]
		for _, ref := range *fv.Referrers() {
			switch ref := ref.(type) {
			case *ssa.UnOp:
			case *ssa.MakeClosure:
				if storedIn(ref, fv, depth-1) {
					return true
				}
			default:
				return true // a store, or the address handed to a call
			}
		}
	}
	return false
}

// StoredBy reports whether a store to addr replaces the connection id
// denotes (a reconnect): addr is a location that id's path loads from.
func (id ID) StoredBy(addr ssa.Value) bool {
	a := Of(addr)
	return a.Valid() && a.Root == id.Root && strings.HasPrefix(id.Path, a.Path+"*")
}

// CapturedRoot returns the root of the variable that a closure binding
// captures: the parameter a cell was made for, or the binding itself.
func CapturedRoot(b ssa.Value) ssa.Value { return Of(b).Extend("*").Root }

// Bind translates id, rooted at a parameter or free variable of fn (or
// at a package variable), to the terms of a caller that calls fn through
// callee (fn itself, or the closure made of it) with args: the argument,
// or the closure's binding.
func Bind(callee ssa.Value, fn *ssa.Function, args []ssa.Value, id ID) (ID, bool) {
	switch root := id.Root.(type) {
	case *ssa.Global:
		return id, true
	case *ssa.Parameter:
		for i, p := range fn.Params {
			if p == root && i < len(args) {
				return Of(args[i]).Extend(id.Path), true
			}
		}
	case *ssa.FreeVar:
		mc, ok := callee.(*ssa.MakeClosure)
		if !ok {
			return ID{}, false
		}
		for i, fv := range fn.FreeVars {
			if fv == root && i < len(mc.Bindings) {
				return Of(mc.Bindings[i]).Extend(id.Path), true
			}
		}
	}
	return ID{}, false
}
