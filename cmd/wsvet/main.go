// Command wsvet finds WebSocket lifecycle bugs in Go code: read loops
// that spin on a failed connection, writes after a detected close, and
// connection managers that never forget dead connections.
//
// Run it standalone:
//
//	wsvet ./...
//	wsvet -fix ./...     apply suggested fixes
//	wsvet -diff ./...    print the fixes as a diff (with -fix)
//	wsvet -json ./...    diagnostics as JSON
//	wsvet help readloop  an analyzer's documentation
//
// or through the go command, which it speaks to as a vet tool:
//
//	go vet -vettool=$(which wsvet) ./...
//	go vet -vettool=$(which wsvet) -fix ./...
//	go fix -fixtool=$(which wsvet) ./...
//
// Each analyzer has an enable flag: -readloop=false turns one off.
package main

import (
	"golang.org/x/tools/go/analysis/multichecker"

	"github.com/wsvet/wsvet"
)

func main() { multichecker.Main(wsvet.Analyzers()...) }
