package concurrentwrite

import (
	"go/types"
	"sort"

	"golang.org/x/tools/go/ssa"

	"github.com/wsvet/wsvet/passes/internal/connid"
	"github.com/wsvet/wsvet/passes/internal/goroutines"
	"github.com/wsvet/wsvet/passes/internal/loops"
)

// A conflict is two writes of one connection that may run at the same
// time in two goroutines without a common lock. a is the write that is
// reported; b the other one, in a goroutine started at b.start.
type conflict struct {
	a, b  write
	class string // one report per connection: the function and the connection, or the type and its field
}

// inFunc finds, in fn, the writes that run while a goroutine fn started
// writes the same connection: fn's own later writes, those of another
// goroutine it started, and those of the same goroutine started again
// in a loop.
func (c *checker) inFunc(fn *ssa.Function) {
	all := c.writesIn(fn)
	if len(all.async) == 0 {
		return
	}
	var forest *loops.Forest
	// perIteration returns the loop around the start whose iterations
	// each have their own connection (for _, c := range clients { go
	// c.writePump() }): only the same iteration's writes meet.
	perIteration := func(g write) *loops.Loop {
		def, ok := g.conn.Root.(ssa.Instruction)
		if !ok {
			return nil
		}
		if forest == nil {
			forest = loops.Find(fn)
		}
		for l := forest.Innermost(g.start.Block()); l != nil; l = l.Parent {
			if l.Contains(def.Block()) {
				return l
			}
		}
		return nil
	}
	// ordered reports whether one of two writes waits, in its goroutine,
	// for the goroutine of the other to end first.
	ordered := func(a, b write) bool { return intersects(a.after, b.ends) || intersects(b.after, a.ends) }
	class := "func " + fn.String() + " "
	for i, g := range all.async {
		var header *ssa.BasicBlock
		if l := perIteration(g); l != nil {
			header = l.Header
		}
		for _, w := range all.sync {
			if w.conn == g.conn && !ordered(w, g) && c.reaches(g, w.at, header) && !w.locks.Excludes(g.locks) {
				c.conflicts = append(c.conflicts, conflict{a: w, b: g, class: class + g.conn.String()})
			}
		}
		for j, h := range all.async {
			if h.conn != g.conn || h.locks.Excludes(g.locks) || ordered(g, h) {
				continue
			}
			switch {
			case j > i && h.start != g.start && (c.reaches(g, h.start, header) || c.reaches(h, g.start, nil)):
				c.conflicts = append(c.conflicts, conflict{a: h, b: g, class: class + g.conn.String()})
			case j == i && header == nil && c.reaches(g, g.start, nil):
				c.conflicts = append(c.conflicts, conflict{a: g, b: g, class: class + g.conn.String()})
			}
		}
	}
}

// A methodWrite is a write as a method of a type sees it.
type methodWrite struct {
	w    write
	from *ssa.Function
}

// inTypes finds the SDK shape: a type whose method starts a goroutine
// that writes a connection it holds (go c.run()), and whose exported
// methods (Send) write that connection from the caller's goroutine
// while it runs; or two goroutines its methods start that write it.
func (c *checker) inTypes() {
	background := make(map[types.Type][]methodWrite)
	var foreground []methodWrite
	for _, fn := range c.res.SrcFuncs {
		recv := fn.Signature.Recv()
		if recv == nil || len(fn.Params) == 0 || fn.Parent() != nil {
			continue
		}
		t := recvNamed(recv.Type())
		if t == nil {
			continue
		}
		s := c.summarize(fn)
		startsOwn := false
		for _, w := range s.async {
			if w.conn.Root == fn.Params[0] {
				startsOwn = true
			}
		}
		if obj, ok := fn.Object().(*types.Func); ok && obj.Exported() && !startsOwn {
			for _, w := range s.sync {
				if w.conn.Root == fn.Params[0] {
					foreground = append(foreground, methodWrite{w, fn})
				}
			}
		}
	}
	// The goroutines that any function starts on a value of a type of
	// the package: a method on its receiver (go c.run()), a constructor
	// on the value it makes (c := &Client{}; go c.run(); return c).
	for _, fn := range c.res.SrcFuncs {
		for _, w := range c.writesIn(fn).async {
			if t := recvNamed(w.raw.Root.Type()); t != nil && isPkgType(t, c.pass.Pkg) && w.raw.Path != "" {
				background[t] = append(background[t], methodWrite{rerootedAt(w), fn})
			}
		}
	}
	for _, f := range foreground {
		t := recvNamed(f.from.Signature.Recv().Type())
		for _, g := range background[t] {
			if f.w.conn.Path == g.w.conn.Path && !excludes(f, g) {
				c.conflicts = append(c.conflicts, conflict{a: f.w, b: g.w, class: "type " + t.String() + " " + f.w.conn.Path})
			}
		}
	}
	for t, list := range background {
		for i, g := range list {
			for _, h := range list[i+1:] {
				// (Two goroutines of one function: inFunc saw them; the
				// writes of one go statement seen through two callers are
				// one goroutine's.)
				if g.from != h.from && g.w.start != h.w.start && (g.w.origin == nil || g.w.origin != h.w.origin) && g.w.conn.Path == h.w.conn.Path && !excludes(g, h) {
					c.conflicts = append(c.conflicts, conflict{a: h.w, b: g.w, class: "type " + t.String() + " " + g.w.conn.Path})
				}
			}
		}
	}
}

// excludes reports whether two writes of one type's values cannot run
// at once: they hold a common lock below the value, or the goroutine of
// one waits for the other's to end (both below the value).
func excludes(x, y methodWrite) bool {
	if belowValue(x).Excludes(belowValue(y)) {
		return true
	}
	return intersects(idsBelow(x, x.w.after), idsBelow(y, y.w.ends)) || intersects(idsBelow(y, y.w.after), idsBelow(x, x.w.ends))
}

// idsBelow restates identities rooted at the value a write is below as
// paths below any such value.
func idsBelow(m methodWrite, ids []connid.ID) []connid.ID {
	root := valueRoot(m)
	var out []connid.ID
	for _, id := range ids {
		if id.Root == root {
			id.Root = nil
		}
		out = append(out, id)
	}
	return out
}

// valueRoot returns the value of the type that a write is below: a
// method's receiver, or the raw root of a started goroutine's write.
func valueRoot(m methodWrite) ssa.Value {
	if m.from.Signature.Recv() != nil && len(m.from.Params) > 0 && m.w.conn.Root == m.from.Params[0] {
		return m.from.Params[0]
	}
	return m.w.raw.Root
}

// belowValue restates the locks of a write rooted at the value of the
// type (a method's receiver, or the raw root of a started goroutine's
// write) as paths below any such value, so that two writes compare.
func belowValue(m methodWrite) goroutines.LockSet {
	root := valueRoot(m)
	locks := goroutines.LockSet{}
	for id, excl := range m.w.locks {
		if id.Root == root {
			id.Root = nil
		}
		locks[id] = excl
	}
	return locks
}

// rerootedAt returns w with conn being its raw path below the value it
// was started on: the path is what compares across functions.
func rerootedAt(w write) write {
	w.conn = w.raw
	return w
}

// isPkgType reports whether t is declared in pkg.
func isPkgType(t types.Type, pkg *types.Package) bool {
	n, ok := t.(*types.Named)
	return ok && n.Obj().Pkg() == pkg
}

// recvNamed returns the named type of a receiver, or nil.
func recvNamed(t types.Type) types.Type {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	if n, ok := types.Unalias(t).(*types.Named); ok {
		return n.Origin()
	}
	return nil
}

// byClass groups the conflicts by connection, in a stable order.
func byClass(cs []conflict) [][]conflict {
	groups := make(map[string][]conflict)
	var keys []string
	for _, cf := range cs {
		if _, ok := groups[cf.class]; !ok {
			keys = append(keys, cf.class)
		}
		groups[cf.class] = append(groups[cf.class], cf)
	}
	sort.Strings(keys)
	var out [][]conflict
	for _, k := range keys {
		out = append(out, groups[k])
	}
	return out
}
