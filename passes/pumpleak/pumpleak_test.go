package pumpleak_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/wsvet/wsvet/passes/internal/goldentest"
	"github.com/wsvet/wsvet/passes/pumpleak"
)

var testdata, _ = filepath.Abs(filepath.Join("..", "..", "testdata"))

var pkgs = []string{
	"pumpleak/gorilla",
}

func TestPumpleak(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata, pumpleak.Analyzer, pkgs...)
}

// TestFixedCodeIsClean checks that the fixed files are gofmt-clean,
// type-check and draw no diagnostic: the fixes are idempotent.
func TestFixedCodeIsClean(t *testing.T) {
	goldentest.Run(t, testdata, pumpleak.Analyzer, pkgs...)
}
