// Command floor is the benchmark's floor: a vet tool built on
// golang.org/x/tools/go/analysis/unitchecker, the driver wsvet uses under
// go vet, that runs one analyzer doing nothing. Under go vet it pays
// everything a unitchecker-based tool pays and nothing more: one process
// per package (dependencies included), parsing, type-checking, reading
// its imports' vetx files and writing its own. It analyzes nothing.
//
// Build it with: go build -o floor ./bench/floor
//
// run.sh also builds a second copy with -ldflags=-X=main.role=primer: a
// different binary, so a different vet tool ID to the go command. It primes
// the build cache with everything go vet compiles (test variants and cgo
// included) without leaving vet results that a measured tool could reuse.
package main

import (
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/unitchecker"
)

// role is "floor", or "primer" in the copy that primes the build cache.
var role = "floor"

var noop = &analysis.Analyzer{
	Name: "noop",
	Doc:  "noop does nothing: the benchmark's " + role,
	Run:  func(*analysis.Pass) (any, error) { return nil, nil },
}

func main() { unitchecker.Main(noop) }
