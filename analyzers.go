// Package wsvet lists wsvet's analyzers, the one list that the wsvet
// command and the golangci-lint plugin both run.
package wsvet

import (
	"golang.org/x/tools/go/analysis"

	"github.com/wsvet/wsvet/passes/concurrentwrite"
	"github.com/wsvet/wsvet/passes/connleak"
	"github.com/wsvet/wsvet/passes/pumpleak"
	"github.com/wsvet/wsvet/passes/readloop"
	"github.com/wsvet/wsvet/passes/writeafterclose"
)

// Analyzers returns wsvet's analyzers, in a new slice.
func Analyzers() []*analysis.Analyzer {
	return []*analysis.Analyzer{
		readloop.Analyzer,
		writeafterclose.Analyzer,
		connleak.Analyzer,
		concurrentwrite.Analyzer,
		pumpleak.Analyzer,
	}
}
