package pumpleak

import (
	"fmt"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/wsvet/wsvet/passes/internal/connid"
	"github.com/wsvet/wsvet/passes/internal/goroutines"
	"github.com/wsvet/wsvet/passes/internal/registry"
	"github.com/wsvet/wsvet/passes/internal/wsapi"
)

// What the end of the read loop's owner does that lets a pump go: the
// goroutines.Ends of its instructions, the effects of the helpers it
// calls (this package's, summarized; other packages', by facts), and
// the effects of a hub that receives what it sends (an unregister case
// that closes client.send). A call of code that cannot be seen (an
// interface method, a func value, a package that was not analyzed) may
// do anything.

// anything is an event of unknown code: it may end every pump.
const anything goroutines.EndKind = 0

type event struct {
	kind goroutines.EndKind
	id   connid.ID
}

// A summary is what a function may do, on some path, in its own terms
// (only what is rooted at its operands can matter to a caller).
type summary struct {
	events  []event
	unknown bool
}

// stops is an object fact on an exported function: the channels it may
// close or send on, the func values it may call (a context's cancel),
// the connections it may close, below its operands (the receiver is
// operand 0); Unknown when it calls code that cannot be seen. Guarded
// effects (if !c.closed { close(c.send) }) count: a helper that may
// stop a pump is assumed to.
type stops struct {
	Ends    []factEnd
	Unknown bool
}

// hubEnds is an object fact on a channel (a struct field or a package
// variable) whose receiver closes what it receives, or below it: the
// unregister channel of gorilla's chat hub, whose case closes
// client.send.
type hubEnds struct {
	Ends []factEnd
}

type factEnd struct {
	Kind    uint8
	Operand int8 // for stops
	Path    string
}

func (*stops) AFact()   {}
func (*hubEnds) AFact() {}

var kindNames = map[goroutines.EndKind]string{
	goroutines.CloseChan: "close", goroutines.SendChan: "send", goroutines.RecvChan: "recv",
	goroutines.CallFunc: "call", goroutines.CloseConn: "closeconn", anything: "unknown",
}

func (s *stops) String() string {
	var parts []string
	for _, e := range s.Ends {
		parts = append(parts, fmt.Sprintf("%s %d%s", kindNames[goroutines.EndKind(e.Kind)], e.Operand, e.Path))
	}
	if s.Unknown {
		parts = append(parts, "unknown")
	}
	return "stops(" + strings.Join(parts, ", ") + ")"
}

func (h *hubEnds) String() string {
	var parts []string
	for _, e := range h.Ends {
		parts = append(parts, strings.TrimSpace(kindNames[goroutines.EndKind(e.Kind)]+" "+e.Path))
	}
	return "hubEnds(" + strings.Join(parts, ", ") + ")"
}

// eventsAt returns what instr may do, in the terms of its function.
func (c *checker) eventsAt(instr ssa.Instruction, depth int) []event {
	var out []event
	for _, e := range goroutines.Ends(instr) {
		out = append(out, event{e.Kind, e.ID})
	}
	switch in := instr.(type) {
	case *ssa.Send:
		out = append(out, c.hubEvents(in.Chan, in.X)...)
	case *ssa.Select:
		for _, st := range in.States {
			if st.Dir == types.SendOnly {
				out = append(out, c.hubEvents(st.Chan, st.Send)...)
			}
		}
	}
	ci, ok := instr.(ssa.CallInstruction)
	if !ok {
		return out
	}
	call := ci.Common()
	// A closure handed to a call runs there or later (sync.Once.Do,
	// time.AfterFunc): what it does may happen.
	for _, a := range call.Args {
		if fn, mc := closureOf(a); fn != nil && fn.Pkg == c.res.Pkg && depth < maxDepth+1 {
			s := c.summaryOf(fn, depth+1)
			if s.unknown {
				out = append(out, event{anything, connid.ID{}})
			}
			for _, e := range s.events {
				if id, ok := connid.Bind(mc, fn, nil, e.id); ok {
					out = append(out, event{e.kind, id})
				}
			}
		}
	}
	if call.IsInvoke() {
		if goroutines.ClosedConn(call) == nil && c.mayStop(call.Method) {
			out = append(out, event{anything, connid.ID{}})
		}
		return out
	}
	callee := call.StaticCallee()
	if callee == nil {
		return out // a builtin, or a func value (goroutines.Ends)
	}
	if callee.Pkg == c.res.Pkg && len(callee.Blocks) > 0 {
		if depth > maxDepth+1 {
			return out
		}
		s := c.summaryOf(callee, depth+1)
		if s.unknown {
			out = append(out, event{anything, connid.ID{}})
		}
		for _, e := range s.events {
			if id, ok := bindCall(ci, callee, e.id); ok {
				out = append(out, event{e.kind, id})
			}
		}
		return out
	}
	obj, ok := callee.Object().(*types.Func)
	if !ok || wsapi.IsLibrary(obj.Pkg().Path()) || c.isStd(obj.Pkg()) {
		return out
	}
	if !c.res.Analyzed(obj.Pkg()) {
		if carries(call.Args) {
			out = append(out, event{anything, connid.ID{}})
		}
		return out
	}
	var f stops
	if !c.pass.ImportObjectFact(obj.Origin(), &f) {
		return out
	}
	if f.Unknown {
		out = append(out, event{anything, connid.ID{}})
	}
	for _, e := range f.Ends {
		if int(e.Operand) < len(call.Args) {
			out = append(out, event{goroutines.EndKind(e.Kind), connid.Of(call.Args[e.Operand]).Extend(e.Path)})
		}
	}
	return out
}

// carries reports whether a call of code that was not analyzed may be
// handed something that stops a pump: a channel, a func, a context, or
// a pointer to a struct (a client that holds them).
func carries(args []ssa.Value) bool {
	for _, a := range args {
		t := a.Type()
		if mi, ok := a.(*ssa.MakeInterface); ok {
			t = mi.X.Type()
		}
		switch u := t.Underlying().(type) {
		case *types.Chan, *types.Signature:
			return true
		case *types.Interface:
			return true // a context.Context, or anything
		case *types.Pointer:
			if _, ok := u.Elem().Underlying().(*types.Struct); ok {
				return true
			}
		}
	}
	return false
}

// closureOf returns the function a value is, and the closure made of
// it (nil for a plain function).
func closureOf(v ssa.Value) (*ssa.Function, *ssa.MakeClosure) {
	switch v := v.(type) {
	case *ssa.MakeClosure:
		fn, _ := v.Fn.(*ssa.Function)
		return fn, v
	case *ssa.Function:
		return v, nil
	}
	return nil, nil
}

// summaryOf returns what fn may do, memoized; a recursive call adds
// nothing.
func (c *checker) summaryOf(fn *ssa.Function, depth int) *summary {
	if s, ok := c.summaries[fn]; ok {
		if s == nil {
			return &summary{}
		}
		return s
	}
	c.summaries[fn] = nil
	s := &summary{}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if _, ok := instr.(*ssa.Go); ok {
				continue // another goroutine's business
			}
			for _, e := range c.eventsAt(instr, depth) {
				switch {
				case e.kind == anything:
					s.unknown = true
				case e.kind == goroutines.RecvChan:
				case rooted(fn, e.id) || isGlobal(e.id):
					s.events = append(s.events, e)
				}
			}
		}
	}
	c.summaries[fn] = s
	return s
}

func isGlobal(id connid.ID) bool {
	_, ok := id.Root.(*ssa.Global)
	return ok
}

// exportStops exports the stops fact of the package's exported
// functions and methods.
func (c *checker) exportStops() {
	for _, fn := range c.res.SrcFuncs {
		obj, ok := fn.Object().(*types.Func)
		if !ok || !obj.Exported() || obj.Pkg() != c.pass.Pkg || fn.Parent() != nil {
			continue
		}
		s := c.summaryOf(fn, 0)
		f := &stops{Unknown: s.unknown}
		seen := make(map[factEnd]bool)
		for _, e := range s.events {
			p, ok := e.id.Root.(*ssa.Parameter)
			if !ok {
				continue
			}
			for i, q := range fn.Params {
				fe := factEnd{uint8(e.kind), int8(i), e.id.Path}
				if q == p && i < 127 && !seen[fe] {
					seen[fe] = true
					f.Ends = append(f.Ends, fe)
				}
			}
		}
		if len(f.Ends) > 0 || f.Unknown {
			c.pass.ExportObjectFact(obj, f)
		}
	}
}

// hubEvents returns what the receiver of channel ch does with v when v
// is sent on it.
func (c *checker) hubEvents(ch, v ssa.Value) []event {
	key, ok := registry.Of(ch)
	if !ok {
		return nil
	}
	ends, ok := c.hubs[key]
	if !ok {
		if obj := registry.Object(ch); obj != nil && obj.Pkg() != c.pass.Pkg {
			var f hubEnds
			if c.pass.ImportObjectFact(obj, &f) {
				ends = f.Ends
			}
		}
	}
	var out []event
	for _, e := range ends {
		if goroutines.EndKind(e.Kind) == anything {
			out = append(out, event{anything, connid.ID{}})
			continue
		}
		out = append(out, event{goroutines.EndKind(e.Kind), connid.Of(v).Extend(e.Path)})
	}
	return out
}

// computeHubs finds the channels whose receivers close what they
// receive (a channel, or a connection), or something below it, and
// exports a fact for the exported ones.
func (c *checker) computeHubs() {
	c.hubs = make(map[string][]factEnd)
	objs := make(map[string]types.Object)
	for _, fn := range c.res.SrcFuncs {
		received := make(map[ssa.Value]string) // value received -> channel
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				for v, ch := range receivedValues(instr) {
					if key, ok := registry.Of(ch); ok {
						received[v] = key
						if objs[key] == nil {
							objs[key] = registry.Object(ch)
						}
					}
				}
			}
		}
		if len(received) == 0 {
			continue
		}
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if _, ok := instr.(*ssa.Go); ok {
					continue
				}
				for _, e := range c.eventsAt(instr, maxDepth) {
					var key string
					fe := factEnd{Kind: uint8(e.kind), Path: e.id.Path}
					switch e.kind {
					case goroutines.CloseChan, goroutines.CloseConn:
						key = received[e.id.Root]
					case anything:
						// Unknown code handed what was received may stop it.
						key, fe.Path = handedReceived(instr, received), ""
					}
					if key != "" && !containsEnd(c.hubs[key], fe) {
						c.hubs[key] = append(c.hubs[key], fe)
					}
				}
			}
		}
	}
	for key, ends := range c.hubs {
		if obj := objs[key]; obj != nil && obj.Pkg() == c.pass.Pkg && obj.Exported() {
			c.pass.ExportObjectFact(obj, &hubEnds{Ends: ends})
		}
	}
}

// handedReceived returns the channel of a received value that the call
// instr is handed, or "".
func handedReceived(instr ssa.Instruction, received map[ssa.Value]string) string {
	ci, ok := instr.(ssa.CallInstruction)
	if !ok {
		return ""
	}
	ops := ci.Common().Args
	if ci.Common().IsInvoke() {
		ops = append([]ssa.Value{ci.Common().Value}, ops...)
	}
	for _, a := range ops {
		if key, ok := received[connid.Of(a).Root]; ok {
			return key
		}
	}
	return ""
}

func containsEnd(es []factEnd, e factEnd) bool {
	for _, x := range es {
		if x == e {
			return true
		}
	}
	return false
}

// receivedValues returns the values instr receives, each with its
// channel: a receive, a select's cases, a range over a channel.
func receivedValues(instr ssa.Instruction) map[ssa.Value]ssa.Value {
	out := make(map[ssa.Value]ssa.Value)
	switch in := instr.(type) {
	case *ssa.UnOp:
		if in.Op != token.ARROW {
			break
		}
		if in.CommaOk {
			if v := okOf(in, 0); v != nil {
				out[v] = in.X
			}
		} else {
			out[in] = in.X
		}
	case *ssa.Select:
		k := 0
		for _, st := range in.States {
			if st.Dir != types.RecvOnly {
				continue
			}
			if v := okOf(in, 2+k); v != nil {
				out[v] = st.Chan
			}
			k++
		}
	}
	return out
}

// mayStop reports whether an interface method may stop a pump: any
// method of a user's interface; of the standard library's, only a Close
// (an io.Closer may be the client itself). The libraries' interfaces
// are modelled by wsapi.
func (c *checker) mayStop(m *types.Func) bool {
	if m == nil || m.Pkg() == nil || wsapi.IsLibrary(m.Pkg().Path()) {
		return false
	}
	if c.isStd(m.Pkg()) {
		return m.Name() == "Close"
	}
	return true
}

// isStd reports whether pkg is part of the standard library: not
// analyzed by wsvet (no package that reaches a WebSocket library is)
// and without a dot in its first path element.
func (c *checker) isStd(pkg *types.Package) bool {
	if pkg == nil {
		return true
	}
	first, _, _ := strings.Cut(pkg.Path(), "/")
	return !strings.Contains(first, ".") && !c.res.Analyzed(pkg)
}
