// Command wsvet finds WebSocket lifecycle bugs in Go code: read loops
// that spin on a failed connection, writes after a detected close,
// connection managers that never forget dead connections, and
// goroutines that outlive their connection.
//
// Run it standalone:
//
//	wsvet ./...          report
//	wsvet -fix ./...     apply the suggested fixes
//	wsvet -diff ./...    print the fixes as a unified diff (implies -fix, writes nothing)
//	wsvet -json ./...    diagnostics and fixes as JSON
//	wsvet -sarif ./...   diagnostics and fixes as one SARIF 2.1.0 log (code scanning)
//	wsvet help readloop  an analyzer's documentation
//
// or through the go command, which it speaks to as a vet tool:
//
//	go vet -vettool=$(which wsvet) ./...
//	go vet -vettool=$(which wsvet) -fix ./...
//	go vet -vettool=$(which wsvet) -fix -diff ./...
//	go fix -fixtool=$(which wsvet) ./...
//
// Each analyzer (readloop, writeafterclose, connleak, pumpleak) has an enable
// flag: -readloop=false turns one off.
package main

import (
	"os"
	"strings"

	"golang.org/x/tools/go/analysis/multichecker"

	"github.com/wsvet/wsvet"
)

func main() {
	sarif, args := sarifRequested(os.Args, wsvet.Analyzers())
	if sarif {
		os.Exit(sarifMain(args[1:], wsvet.Analyzers(), os.Stdout, os.Stderr))
	}
	os.Args = diffImpliesFix(args)
	multichecker.Main(wsvet.Analyzers()...)
}

// diffImpliesFix adds -fix to a standalone command line that asks for
// -diff alone: the checker would otherwise print nothing and succeed,
// which reads as "no findings". The go command always passes both.
func diffImpliesFix(args []string) []string {
	diff, fix := false, false
	for _, a := range args[1:] {
		if a == "--" || !strings.HasPrefix(a, "-") {
			break // flags end here
		}
		switch a {
		case "-diff", "--diff", "-diff=true", "--diff=true":
			diff = true
		case "-fix", "--fix", "-fix=true", "--fix=true":
			fix = true
		}
	}
	if !diff || fix {
		return args
	}
	return append([]string{args[0], "-fix"}, args[1:]...)
}
