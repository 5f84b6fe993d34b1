package wsapi

import (
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// Callee returns the function an SSA call calls: the static callee's
// object, or the abstract method of an interface call; nil for a call
// of a closure or func value.
func Callee(call *ssa.CallCommon) *types.Func {
	if call.IsInvoke() {
		return call.Method
	}
	if fn := call.StaticCallee(); fn != nil {
		if obj, ok := fn.Object().(*types.Func); ok {
			return obj
		}
	}
	return nil
}

// LookupCall is Lookup for the callee of an SSA call.
func LookupCall(call *ssa.CallCommon) (Op, bool) { return Lookup(Callee(call)) }
