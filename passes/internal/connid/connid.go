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
func (id ID) Extend(path string) ID { return ID{Root: id.Root, Path: id.Path + path} }

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
	return ID{Root: v, Path: strings.Join(path, "")}
}

// StoredBy reports whether a store to addr replaces the connection id
// denotes (a reconnect): addr is a location that id's path loads from.
func (id ID) StoredBy(addr ssa.Value) bool {
	a := Of(addr)
	return a.Valid() && a.Root == id.Root && strings.HasPrefix(id.Path, a.Path+"*")
}
