package connleak_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/wsvet/wsvet/passes/connleak"
	"github.com/wsvet/wsvet/passes/internal/goldentest"
)

var testdata, _ = filepath.Abs(filepath.Join("..", "..", "testdata"))

var pkgs = []string{
	"connleak/gorilla",
	"connleak/coder",
	"connleak/gobwas",
	"connleak/xnet",
	"connleak/crossuse",
	"connleak/deadlock",
	"connleak/fixall",
}

func TestConnleak(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata, connleak.Analyzer, pkgs...)
}

// TestFixedCodeIsClean checks that the fixed files are gofmt-clean,
// type-check and draw no diagnostic: the fixes are idempotent.
func TestFixedCodeIsClean(t *testing.T) {
	goldentest.Run(t, testdata, connleak.Analyzer, pkgs...)
}
