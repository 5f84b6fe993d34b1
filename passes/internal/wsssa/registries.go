package wsssa

import (
	"go/types"

	"golang.org/x/tools/go/ssa"

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
	return u
}

// removesParam reports whether the element a removal call removes
// derives from a parameter of fn other than its receiver: the key of
// delete(h.clients, c) or m.Delete(c) in h.remove(c), or an argument of
// a cleanup helper it calls.
func removesParam(fn *ssa.Function, call *ssa.CallCommon) bool {
	args := call.Args
	if _, ok := registry.Removal(call); ok {
		args = args[1:] // the registry itself
	}
	for _, a := range args {
		if p := paramOf(fn, a); p > 0 || (p == 0 && fn.Signature.Recv() == nil) {
			return true
		}
	}
	return false
}
