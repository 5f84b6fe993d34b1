package pumpleak_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/wsvet/wsvet/passes/internal/goldentest"
	"github.com/wsvet/wsvet/passes/pumpleak"
)

var testdata, _ = filepath.Abs(filepath.Join("..", "..", "testdata"))

// withFixes are the packages with golden files; crosshub, a helper
// package of crossuse, has facts to check and nothing to fix.
var withFixes = []string{
	"pumpleak/gorilla",
	"pumpleak/coder",
	"pumpleak/gobwas",
	"pumpleak/xnet",
	"pumpleak/gofiber",
	"pumpleak/crossuse",
}

func TestPumpleak(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata, pumpleak.Analyzer, append(withFixes, "pumpleak/crosshub", "pumpleak/client")...)
}

// TestFixedCodeIsClean checks that the fixed files are gofmt-clean,
// type-check and draw no diagnostic: the fixes are idempotent.
func TestFixedCodeIsClean(t *testing.T) {
	goldentest.Run(t, testdata, pumpleak.Analyzer, withFixes...)
}
