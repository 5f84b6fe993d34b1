// Package loops finds the natural loops of an SSA function: a back edge
// from a block to a header that dominates it, and every block that
// reaches the back edge's tail without passing the header.
package loops

import "golang.org/x/tools/go/ssa"

// Loop is a natural loop. Loops with the same header are merged, as the
// Go compiler does for a for statement with several continue edges.
type Loop struct {
	Header *ssa.BasicBlock
	Body   map[*ssa.BasicBlock]bool // includes Header
	Parent *Loop                    // the innermost enclosing loop, or nil
}

// Contains reports whether b is in the loop.
func (l *Loop) Contains(b *ssa.BasicBlock) bool { return l != nil && l.Body[b] }

// Forest holds the loops of one function.
type Forest struct {
	loops     []*Loop
	innermost map[*ssa.BasicBlock]*Loop
}

// Find computes the natural loops of fn.
func Find(fn *ssa.Function) *Forest {
	f := &Forest{innermost: make(map[*ssa.BasicBlock]*Loop)}
	byHeader := make(map[*ssa.BasicBlock]*Loop)
	for _, b := range fn.Blocks {
		for _, h := range b.Succs {
			if !h.Dominates(b) {
				continue // not a back edge
			}
			l := byHeader[h]
			if l == nil {
				l = &Loop{Header: h, Body: map[*ssa.BasicBlock]bool{h: true}}
				byHeader[h] = l
				f.loops = append(f.loops, l)
			}
			// Blocks that reach the tail without passing the header.
			stack := []*ssa.BasicBlock{b}
			for len(stack) > 0 {
				n := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				if l.Body[n] {
					continue
				}
				l.Body[n] = true
				stack = append(stack, n.Preds...)
			}
		}
	}
	// A loop's parent is the smallest other loop containing its header.
	for _, l := range f.loops {
		for _, o := range f.loops {
			if o != l && o.Body[l.Header] && len(o.Body) > len(l.Body) &&
				(l.Parent == nil || len(o.Body) < len(l.Parent.Body)) {
				l.Parent = o
			}
		}
		for b := range l.Body {
			if in := f.innermost[b]; in == nil || len(l.Body) < len(in.Body) {
				f.innermost[b] = l
			}
		}
	}
	return f
}

// Innermost returns the innermost loop that contains b, or nil.
func (f *Forest) Innermost(b *ssa.BasicBlock) *Loop { return f.innermost[b] }
