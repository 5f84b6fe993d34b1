// Package suppress implements the //wsvet:ignore directive:
//
//	//wsvet:ignore readloop the peer never closes in this test
//
// on the line of a diagnostic or the line above silences that analyzer's
// diagnostic there. Diagnostics in generated files are never reported.
// The analyzer name is required (a bare
// //wsvet:ignore silences nothing, so that each exception is deliberate);
// "all" names every analyzer. The rest of the line is the reason.
package suppress

import (
	"go/ast"
	"go/token"
	"strings"

	"golang.org/x/tools/go/analysis"
)

const directive = "//wsvet:ignore"

type lineKey struct {
	file string
	line int
}

// Reporter reports diagnostics of one analyzer, dropping the ones an
// ignore directive covers.
type Reporter struct {
	pass      *analysis.Pass
	ignored   map[lineKey]bool
	generated map[string]bool // files marked "Code generated ... DO NOT EDIT."
	cgo       map[string]bool // cmd/cgo's translations of user files
}

// New scans the pass's files for directives naming the pass's analyzer.
func New(pass *analysis.Pass) *Reporter {
	r := &Reporter{pass: pass, ignored: make(map[lineKey]bool), generated: make(map[string]bool), cgo: make(map[string]bool)}
	name := pass.Analyzer.Name
	for _, f := range pass.Files {
		if ast.IsGenerated(f) {
			name := pass.Fset.File(f.FileStart).Name()
			if cgoTranslated(pass, f) {
				r.cgo[name] = true
			} else {
				r.generated[name] = true
			}
		}
		for _, group := range f.Comments {
			for _, c := range group.List {
				rest, ok := strings.CutPrefix(c.Text, directive)
				if !ok {
					continue
				}
				fields := strings.Fields(rest)
				if len(fields) == 0 || (fields[0] != name && fields[0] != "all") {
					continue
				}
				pos := pass.Fset.Position(c.Slash)
				r.ignored[lineKey{pos.Filename, pos.Line}] = true
			}
		}
	}
	return r
}

// Ignored reports whether a diagnostic at pos is silenced.
func (r *Reporter) Ignored(pos token.Pos) bool {
	if !pos.IsValid() {
		return false
	}
	p := r.pass.Fset.Position(pos)
	if r.generated[r.pass.Fset.File(pos).Name()] {
		return true // fixes to generated code would be overwritten
	}
	return r.ignored[lineKey{p.Filename, p.Line}] || r.ignored[lineKey{p.Filename, p.Line - 1}]
}

// Report reports d unless it is silenced or has no valid position. In
// a cgo file it drops the fixes: their offsets are in cmd/cgo's
// translation, not in the file the user edits.
func (r *Reporter) Report(d analysis.Diagnostic) {
	if !d.Pos.IsValid() || r.Ignored(d.Pos) {
		return
	}
	if r.cgo[r.pass.Fset.File(d.Pos).Name()] {
		d.SuggestedFixes = nil
	}
	r.pass.Report(d)
}

// cgoTranslated reports whether f is cmd/cgo's translation of a user's
// file: marked generated, but its //line directives lead back to the
// user's source, which is where diagnostics belong.
func cgoTranslated(pass *analysis.Pass, f *ast.File) bool {
	return pass.Fset.Position(f.Package).Filename != pass.Fset.File(f.Package).Name()
}
