//go:build floorfacts

package main

import "golang.org/x/tools/go/analysis"

// With -tags floorfacts the floor declares a fact type, as wsvet's wsssa
// does: the driver then runs it on dependencies too (VetxOnly) and
// encodes and decodes facts for every package. It still exports none.
// bench/README.md uses it to split wsvet's fixed cost per package.

type noopFact struct{}

func (*noopFact) AFact() {}

func init() { noop.FactTypes = []analysis.Fact{new(noopFact)} }
