// Command floor is the benchmark's floor: a vet tool built on
// golang.org/x/tools/go/analysis/unitchecker, the driver wsvet uses under
// go vet, that runs one analyzer doing nothing. Under go vet it pays
// everything a unitchecker-based tool pays and nothing more: one process
// per package (dependencies included), parsing, type-checking, reading
// its imports' vetx files and writing its own. It analyzes nothing.
//
// Build it with: go build -o floor ./bench/floor
package main

import (
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/unitchecker"
)

var noop = &analysis.Analyzer{
	Name: "noop",
	Doc:  "noop does nothing: the benchmark's floor",
	Run:  func(*analysis.Pass) (any, error) { return nil, nil },
}

func main() { unitchecker.Main(noop) }
