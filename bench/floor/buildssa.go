//go:build floorbuildssa

package main

import (
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/buildssa"
)

// With -tags floorbuildssa the floor requires buildssa, the usual way for
// an SSA-based analyzer to get its SSA (bodyclose and nilness do), and
// does nothing with it. buildssa requires ctrlflow, which has facts, so
// under go vet this variant runs on every dependency too and builds the
// SSA of every package it visits. bench/README.md compares it with wsvet,
// which builds SSA itself, only for packages that reach a WebSocket
// library.

func init() { noop.Requires = []*analysis.Analyzer{buildssa.Analyzer} }
