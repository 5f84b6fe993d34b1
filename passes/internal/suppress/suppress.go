// Package suppress implements the //wsvet:ignore directive:
//
//	//wsvet:ignore readloop the peer never closes in this test
//
// on the line of a diagnostic or the line above silences that analyzer's
// diagnostic there. The analyzer name is required (a bare
// //wsvet:ignore silences nothing, so that each exception is deliberate);
// "all" names every analyzer. The rest of the line is the reason.
package suppress

import (
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
	pass    *analysis.Pass
	ignored map[lineKey]bool
}

// New scans the pass's files for directives naming the pass's analyzer.
func New(pass *analysis.Pass) *Reporter {
	r := &Reporter{pass: pass, ignored: make(map[lineKey]bool)}
	name := pass.Analyzer.Name
	for _, f := range pass.Files {
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
	if len(r.ignored) == 0 || !pos.IsValid() {
		return false
	}
	p := r.pass.Fset.Position(pos)
	return r.ignored[lineKey{p.Filename, p.Line}] || r.ignored[lineKey{p.Filename, p.Line - 1}]
}

// Report reports d unless it is silenced or has no valid position.
func (r *Reporter) Report(d analysis.Diagnostic) {
	if !d.Pos.IsValid() || r.Ignored(d.Pos) {
		return
	}
	r.pass.Report(d)
}
