package wsssa

import (
	"fmt"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/wsvet/wsvet/passes/internal/connid"
	"github.com/wsvet/wsvet/passes/internal/registry"
	"github.com/wsvet/wsvet/passes/internal/wsapi"
)

// registryUse is an object fact on a function that writes to every
// member of a registry (a broadcast) or removes its argument from one
// (a cleanup helper such as h.remove(c)). Registries are named as
// package registry names them.
type registryUse struct {
	Broadcasts string
	Removes    string
	Adds       string // adds operand AddsArg (or something held by it) to this registry
	AddsArg    int
}

func (*registryUse) AFact() {}
func (u *registryUse) String() string {
	s := ""
	if u.Broadcasts != "" {
		s += "broadcasts(" + u.Broadcasts + ")"
	}
	if u.Removes != "" {
		if s != "" {
			s += " "
		}
		s += "removes(" + u.Removes + ")"
	}
	if u.Adds != "" {
		if s != "" {
			s += " "
		}
		s += fmt.Sprintf("adds(%d, %s)", u.AddsArg, u.Adds)
	}
	return s
}

// Broadcast returns the registry whose every member call writes to.
func (r *Result) Broadcast(call *ssa.CallCommon) (string, bool) {
	u := r.registryUseOf(call)
	return u.Broadcasts, u.Broadcasts != ""
}

// Removal returns the registry call removes an element from, directly
// (delete, sync.Map.Delete) or through a helper.
func (r *Result) Removal(call *ssa.CallCommon) (string, bool) {
	if reg, ok := registry.Removal(call); ok {
		return reg, true
	}
	u := r.registryUseOf(call)
	return u.Removes, u.Removes != ""
}

// RemovalAt returns the registry instr removes an element from: a
// removal call, a reassignment that filters a registry slice, or a send
// on a channel whose receiver deletes what it receives (a hub's
// unregister channel).
func (r *Result) RemovalAt(instr ssa.Instruction) (string, bool) {
	switch in := instr.(type) {
	case ssa.CallInstruction:
		return r.Removal(in.Common())
	case *ssa.Store:
		return registry.FilteredSlice(in)
	case *ssa.Send:
		if ch, ok := registry.Of(in.Chan); ok {
			reg, ok := r.chanDeletes[ch]
			return reg, ok
		}
	}
	return "", false
}

// Registration returns the registry instr adds a connection to and the
// value added: an insert, a send on a hub's register channel, or a call
// to a helper that adds its argument.
func (r *Result) Registration(instr ssa.Instruction) (string, ssa.Value, bool) {
	if reg, v, ok := registry.Insert(instr, r.holdsConn); ok {
		return reg, v, true
	}
	switch in := instr.(type) {
	case *ssa.Send:
		if ch, ok := registry.Of(in.Chan); ok && r.holdsConn(in.X) {
			if reg, ok := r.chanInserts[ch]; ok {
				return reg, in.X, true
			}
		}
	case *ssa.Call:
		if u := r.registryUseOf(&in.Call); u.Adds != "" && u.AddsArg < len(in.Call.Args) && r.holdsConn(in.Call.Args[u.AddsArg]) {
			return u.Adds, in.Call.Args[u.AddsArg], true
		}
	}
	return "", nil, false
}

// holdsConn reports whether v holds a connection: by its type (a plain
// net.Conn counts in packages that use gobwas), or because it is a
// struct made here whose fields hold closures that capture one (coder's
// chat subscriber with its closeSlow func).
func (r *Result) holdsConn(v ssa.Value) bool {
	if mi, ok := v.(*ssa.MakeInterface); ok {
		v = mi.X // a session stored as an interface: what it holds
	}
	return wsapi.HoldsConn(v.Type(), r.netConn) || len(CapturedConns(v, r.netConn)) > 0
}

// CapturedConns returns the connection variables captured by closures
// stored into the fields of the struct v allocates.
func CapturedConns(v ssa.Value, netConn bool) []ssa.Value {
	alloc, ok := connid.Of(v).Root.(*ssa.Alloc)
	if !ok {
		return nil
	}
	var out []ssa.Value
	for _, ref := range *alloc.Referrers() {
		fa, ok := ref.(*ssa.FieldAddr)
		if !ok {
			continue
		}
		for _, r2 := range *fa.Referrers() {
			st, ok := r2.(*ssa.Store)
			if !ok || st.Addr != fa {
				continue
			}
			mc, ok := st.Val.(*ssa.MakeClosure)
			if !ok {
				continue
			}
			for _, b := range mc.Bindings {
				t := b.Type()
				if p, ok := t.Underlying().(*types.Pointer); ok && !wsapi.IsConnType(t, netConn) {
					t = p.Elem() // captured by reference
				}
				if wsapi.IsConnType(t, netConn) {
					out = append(out, b)
				}
			}
		}
	}
	return out
}

// findHubs records the channels whose receivers insert what they
// receive into a registry (register) or delete it from one
// (unregister): case c := <-h.register: h.clients[c] = true.
func (r *Result) findHubs() {
	r.chanInserts = make(map[string]string)
	r.chanDeletes = make(map[string]string)
	for _, fn := range r.SrcFuncs {
		received := make(map[ssa.Value]string) // value received -> channel
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				switch in := instr.(type) {
				case *ssa.UnOp:
					if in.Op == token.ARROW {
						if ch, ok := registry.Of(in.X); ok {
							received[in] = ch
						}
					}
				case *ssa.Select:
					k := 0
					for _, st := range in.States {
						if st.Dir != types.RecvOnly {
							continue
						}
						ch, ok := registry.Of(st.Chan)
						for _, ref := range *in.Referrers() {
							if ex, isEx := ref.(*ssa.Extract); ok && isEx && ex.Index == 2+k {
								received[ex] = ch
							}
						}
						k++
					}
				}
			}
		}
		if len(received) == 0 {
			continue
		}
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if reg, v, ok := registry.Insert(instr, r.holdsConn); ok {
					if ch, ok := received[connid.Of(v).Root]; ok {
						r.chanInserts[ch] = reg
					}
				}
				if call, ok := instr.(*ssa.Call); ok {
					if reg, ok := registry.Removal(&call.Call); ok && len(call.Call.Args) > 1 {
						if ch, ok := received[connid.Of(call.Call.Args[1]).Root]; ok {
							r.chanDeletes[ch] = reg
						}
					}
				}
			}
		}
	}
}

func (r *Result) registryUseOf(call *ssa.CallCommon) registryUse {
	if fn := call.StaticCallee(); fn != nil {
		if u, ok := r.registries[fn]; ok {
			return *u
		}
		if obj, ok := fn.Object().(*types.Func); ok && obj.Pkg() != r.pass.Pkg {
			var u registryUse
			if r.pass.ImportObjectFact(obj.Origin(), &u) {
				return u
			}
		}
	}
	return registryUse{}
}

// computeRegistries finds broadcasts and cleanup helpers, to a fixed
// point, and exports a fact for each named one.
func (r *Result) computeRegistries() {
	r.findHubs()
	r.registries = make(map[*ssa.Function]*registryUse)
	for changed := true; changed; {
		changed = false
		for _, fn := range r.SrcFuncs {
			u := r.registryUseIn(fn)
			if u == (registryUse{}) {
				continue
			}
			if old := r.registries[fn]; old == nil || *old != u {
				r.registries[fn] = &u
				changed = true
			}
		}
	}
	for fn, u := range r.registries {
		if obj, ok := fn.Object().(*types.Func); ok && obj.Pkg() == r.pass.Pkg {
			r.pass.ExportObjectFact(obj, u)
		}
	}
}

// registryUseIn says whether fn writes to the members of a registry it
// ranges over, or removes from a registry a key or value derived from
// one of its parameters.
func (r *Result) registryUseIn(fn *ssa.Function) registryUse {
	var u registryUse
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if u.Removes == "" {
				if reg, ok := registry.FilteredSlice(instr); ok {
					u.Removes = reg
				}
			}
			call, ok := instr.(*ssa.Call)
			if !ok {
				continue
			}
			if u.Broadcasts == "" {
				if op, ok := r.Lookup(&call.Call, wsapi.Write); ok {
					if reg, ok := registry.Member(op.ConnID(&call.Call).Root); ok {
						u.Broadcasts = reg
					}
				} else if reg, ok := r.Broadcast(&call.Call); ok {
					u.Broadcasts = reg // a wrapper of a broadcast
				}
			}
			if u.Removes == "" {
				if reg, ok := r.Removal(&call.Call); ok && removesParam(fn, &call.Call) {
					u.Removes = reg
				}
			}
		}
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if u.Adds != "" {
				break
			}
			// Any insert of a parameter: whether what is added holds a
			// connection is decided at the call site, which sees the value.
			reg, v, ok := registry.Insert(instr, func(ssa.Value) bool { return true })
			if !ok {
				reg, v, ok = r.Registration(instr)
			}
			if ok {
				if p := paramOf(fn, v); p > 0 || (p == 0 && fn.Signature.Recv() == nil) {
					u.Adds, u.AddsArg = reg, p
				}
			}
			if u.Removes == "" {
				if send, ok := instr.(*ssa.Send); ok {
					if reg, ok := r.RemovalAt(send); ok && paramOf(fn, send.X) > 0 {
						u.Removes = reg
					}
				}
			}
		}
	}
	return u
}

// removesParam reports whether the element a removal call removes
// derives from a parameter of fn other than its receiver: the key of
// delete(h.clients, c) or m.Delete(c) in h.remove(c), or an argument of
// a cleanup helper it calls.
func removesParam(fn *ssa.Function, call *ssa.CallCommon) bool {
	args := call.Args
	if reg, ok := registry.Removal(call); ok {
		args = args[1:] // the registry itself
		// for name, c := range l.conns { if c == conn { delete(l.conns, name) } }:
		// the key comes from a range over the registry, found by a
		// parameter that holds a connection.
		if len(args) > 0 {
			if r, ok := registry.Member(connid.Of(args[0]).Root); ok && r == reg && connParam(fn) {
				return true
			}
		}
	}
	for _, a := range args {
		if p := paramOf(fn, a); p > 0 || (p == 0 && fn.Signature.Recv() == nil) {
			return true
		}
	}
	return false
}

// Analyzed reports whether pkg reaches a WebSocket library, so that its
// functions carry wsvet's facts: the absence of a fact then means the
// function does not do what the fact would say.
func (r *Result) Analyzed(pkg *types.Package) bool {
	return pkg != nil && (pkg == r.pass.Pkg || r.pass.ImportPackageFact(pkg, new(reachesWS)))
}

// RemovalHelper returns a function that removes its argument from
// registry reg and does nothing else of note (no reads, no
// registration): a method of t (the registry's owner, h in h.clients;
// from this package or another, through its fact) or else a function
// of this package. It prefers the smallest; nil if there is none.
func (r *Result) RemovalHelper(t types.Type, reg string) *types.Func {
	if t != nil {
		for _, typ := range []types.Type{t, types.NewPointer(t)} {
			ms := types.NewMethodSet(typ)
			for i := range ms.Len() {
				m, ok := ms.At(i).Obj().(*types.Func)
				if !ok {
					continue
				}
				if fn := r.Pkg.Prog.FuncValue(m); fn != nil && len(fn.Blocks) > 0 {
					if u := r.registries[fn]; u != nil && u.Removes == reg && u.Adds == "" && !r.reads(fn) {
						return m
					}
					continue
				}
				var u registryUse
				if r.pass.ImportObjectFact(m, &u) && u.Removes == reg && u.Adds == "" {
					return m
				}
			}
		}
	}
	// A package variable of another package: its removal function, from
	// its fact.
	for _, imp := range r.pass.Pkg.Imports() {
		if !strings.HasPrefix(reg, imp.Path()+".") {
			continue
		}
		for _, name := range imp.Scope().Names() {
			fn, ok := imp.Scope().Lookup(name).(*types.Func)
			var u registryUse
			if ok && fn.Exported() && r.pass.ImportObjectFact(fn, &u) && u.Removes == reg && u.Adds == "" {
				return fn
			}
		}
	}
	var best *ssa.Function
	for _, fn := range r.SrcFuncs {
		u := r.registries[fn]
		if u == nil || u.Removes != reg || u.Adds != "" || fn.Object() == nil || r.reads(fn) {
			continue
		}
		if best == nil || len(fn.Blocks) < len(best.Blocks) {
			best = fn
		}
	}
	if best == nil {
		return nil
	}
	obj, _ := best.Object().(*types.Func)
	return obj
}

// reads reports whether fn reads a connection.
func (r *Result) reads(fn *ssa.Function) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if call, ok := instr.(*ssa.Call); ok {
				if _, ok := r.Lookup(&call.Call, wsapi.Read); ok {
					return true
				}
			}
		}
	}
	return false
}

// UnregisterChan returns the channel (as package registry names it)
// whose receiver deletes from reg, or "".
func (r *Result) UnregisterChan(reg string) string {
	best := ""
	for ch, re := range r.chanDeletes {
		if re == reg && (best == "" || ch < best) {
			best = ch
		}
	}
	return best
}

// connParam reports whether fn has a parameter, other than its
// receiver, that holds a connection.
func connParam(fn *ssa.Function) bool {
	for i, p := range fn.Params {
		if i == 0 && fn.Signature.Recv() != nil {
			continue
		}
		if wsapi.HoldsConn(p.Type(), true) {
			return true
		}
	}
	return false
}
