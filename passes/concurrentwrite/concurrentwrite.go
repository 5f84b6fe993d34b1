package concurrentwrite

import (
	_ "embed"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/wsvet/wsvet/passes/internal/analyzerdoc"
	"github.com/wsvet/wsvet/passes/internal/connid"
	"github.com/wsvet/wsvet/passes/internal/goroutines"
	"github.com/wsvet/wsvet/passes/internal/suppress"
	"github.com/wsvet/wsvet/passes/internal/wsssa"
)

//go:embed doc.go
var doc string

var Analyzer = &analysis.Analyzer{
	Name:      "concurrentwrite",
	Doc:       analyzerdoc.MustExtract(doc, "concurrentwrite"),
	URL:       "https://pkg.go.dev/github.com/wsvet/wsvet/passes/concurrentwrite",
	Requires:  []*analysis.Analyzer{wsssa.Analyzer},
	Run:       run,
	FactTypes: []analysis.Fact{new(writesFact)},
}

type checker struct {
	pass      *analysis.Pass
	res       *wsssa.Result
	rep       *suppress.Reporter
	summaries map[*ssa.Function]*summary // rooted at operands; nil while computed
	local     map[*ssa.Function]*summary // every write, in the function's terms
	locks     map[*ssa.Function]*goroutines.Held
	waited    map[*ssa.Function][]connid.ID // what a function waits for on every path (WaitedOnReturn)
	conflicts []conflict
}

func run(pass *analysis.Pass) (any, error) {
	res := pass.ResultOf[wsssa.Analyzer].(*wsssa.Result)
	if res == nil {
		return nil, nil // the package cannot involve WebSockets
	}
	c := &checker{
		pass:      pass,
		res:       res,
		rep:       suppress.New(pass),
		summaries: make(map[*ssa.Function]*summary),
		local:     make(map[*ssa.Function]*summary),
		locks:     make(map[*ssa.Function]*goroutines.Held),
		waited:    make(map[*ssa.Function][]connid.ID),
	}
	for _, fn := range res.SrcFuncs {
		c.inFunc(fn)
	}
	c.inTypes()
	c.report()
	c.exportFacts()
	return nil, nil
}
