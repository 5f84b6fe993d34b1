// Package noreturn is wsvet's one table of functions that never return
// to their caller: os.Exit, log.Fatal, a test's t.Fatal (also through
// testing.TB), testify's require failures, and the Fatal and Panic of
// the common loggers (zap, logrus, zerolog, klog, glog).
//
// A read loop whose error path ends in one of them does not spin, and a
// branch that ends in one terminates. Functions of the program none of
// whose paths return are found by wsssa, which asks this table first.
package noreturn

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/wsvet/wsvet/passes/internal/wsapi"
)

// table holds functions and methods by types.Func.FullName, with the
// package path unvendored. Interface methods are listed by the
// interface (testing.TB): a call through the interface ends the
// goroutine whatever the dynamic type.
var table = func() map[string]bool {
	m := make(map[string]bool)
	add := func(prefix string, names ...string) {
		for _, n := range names {
			m[prefix+n] = true
		}
	}
	fatal := []string{"Fatal", "Fatalf", "Fatalln", "Panic", "Panicf", "Panicln"}
	add("os.", "Exit")
	add("runtime.", "Goexit")
	add("log.", fatal...)
	add("(*log.Logger).", fatal...)

	// The methods of *testing.T, B and F are promoted from testing.common.
	test := []string{"FailNow", "Fatal", "Fatalf", "SkipNow", "Skip", "Skipf"}
	add("(*testing.common).", test...)
	add("(testing.TB).", test...)

	// testify's require: its assertions call t.FailNow through an interface.
	require := []string{"Fail", "Failf", "FailNow", "FailNowf"}
	add("github.com/stretchr/testify/require.", require...)
	add("(*github.com/stretchr/testify/require.Assertions).", require...)

	add("(*go.uber.org/zap.Logger).", "Fatal", "Panic")
	add("(*go.uber.org/zap.SugaredLogger).", "Fatal", "Fatalf", "Fatalw", "Fatalln", "Panic", "Panicf", "Panicw", "Panicln")

	logrus := "github.com/sirupsen/logrus"
	add(logrus+".", append(fatal, "Exit")...)
	add("(*"+logrus+".Logger).", append(fatal, "Exit")...)
	add("(*"+logrus+".Entry).", fatal...)
	add("("+logrus+".FieldLogger).", fatal...)
	add("("+logrus+".StdLogger).", fatal...)

	klog := []string{"Fatal", "Fatalf", "Fatalln", "FatalDepth", "Exit", "Exitf", "Exitln", "ExitDepth"}
	add("k8s.io/klog/v2.", klog...)
	add("k8s.io/klog.", klog...)
	add("github.com/golang/glog.", klog...)
	return m
}()

// zerolog ends the program or panics when an event made by Fatal() or
// Panic() is sent: log.Fatal().Err(err).Msg("read").
const (
	zerolog    = "github.com/rs/zerolog"
	zerologLog = "github.com/rs/zerolog/log"
)

// Func reports whether a call of fn never returns.
func Func(fn *types.Func) bool {
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	return table[wsapi.FullName(fn)]
}

// Call reports whether an SSA call never returns: a static or interface
// call of a function of the table, or the sending of a zerolog event
// made by Fatal() or Panic().
func Call(call *ssa.CallCommon) bool {
	if call.IsInvoke() {
		return Func(call.Method)
	}
	fn := call.StaticCallee()
	if fn == nil {
		return false
	}
	obj, _ := fn.Object().(*types.Func)
	if Func(obj) {
		return true
	}
	if !isEventSend(obj) || len(call.Args) == 0 {
		return false
	}
	// Follow the receiver back through the *Event methods that return it.
	for v := call.Args[0]; ; {
		c, ok := v.(*ssa.Call)
		if !ok || c.Call.IsInvoke() {
			return false
		}
		f := c.Call.StaticCallee()
		if f == nil {
			return false
		}
		obj, _ := f.Object().(*types.Func)
		switch {
		case isFatalEvent(obj):
			return true
		case isEventMethod(obj) && len(c.Call.Args) > 0:
			v = c.Call.Args[0]
		default:
			return false
		}
	}
}

// Expr reports whether a call expression never returns: the syntax
// twin of Call, for fixes that decide whether a branch terminates.
func Expr(info *types.Info, call *ast.CallExpr) bool {
	fn, _ := typeutil.Callee(info, call).(*types.Func)
	if Func(fn) {
		return true
	}
	if !isEventSend(fn) {
		return false
	}
	// Follow the receiver back through the *Event methods that return it.
	for c := call; ; {
		sel, ok := astutil.Unparen(c.Fun).(*ast.SelectorExpr)
		if !ok {
			return false
		}
		if c, ok = astutil.Unparen(sel.X).(*ast.CallExpr); !ok {
			return false
		}
		f, _ := typeutil.Callee(info, c).(*types.Func)
		switch {
		case isFatalEvent(f):
			return true
		case !isEventMethod(f):
			return false
		}
	}
}

// isEventSend reports whether fn sends a zerolog event.
func isEventSend(fn *types.Func) bool {
	if !isEventMethod(fn) {
		return false
	}
	switch fn.Name() {
	case "Msg", "Msgf", "MsgFunc", "Send":
		return true
	}
	return false
}

// isEventMethod reports whether fn is a method of *zerolog.Event that
// returns the event (Err, Str, Int...) or sends it.
func isEventMethod(fn *types.Func) bool {
	if fn == nil || fn.Pkg() == nil || wsapi.Unvendor(fn.Pkg().Path()) != zerolog {
		return false
	}
	recv := fn.Signature().Recv()
	return recv != nil && isEventPtr(recv.Type())
}

// isFatalEvent reports whether fn makes a fatal or panic event:
// (*zerolog.Logger).Fatal and Panic, or the zerolog/log functions.
func isFatalEvent(fn *types.Func) bool {
	if fn == nil || fn.Pkg() == nil || (fn.Name() != "Fatal" && fn.Name() != "Panic") {
		return false
	}
	res := fn.Signature().Results()
	if res.Len() != 1 || !isEventPtr(res.At(0).Type()) {
		return false
	}
	switch wsapi.Unvendor(fn.Pkg().Path()) {
	case zerolog:
		return fn.Signature().Recv() != nil
	case zerologLog:
		return fn.Signature().Recv() == nil
	}
	return false
}

func isEventPtr(t types.Type) bool {
	p, ok := types.Unalias(t).(*types.Pointer)
	if !ok {
		return false
	}
	n, ok := types.Unalias(p.Elem()).(*types.Named)
	return ok && n.Obj().Pkg() != nil && wsapi.Unvendor(n.Obj().Pkg().Path()) == zerolog && n.Obj().Name() == "Event"
}
