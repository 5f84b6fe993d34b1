package writeafterclose_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/wsvet/wsvet/passes/internal/goldentest"
	"github.com/wsvet/wsvet/passes/writeafterclose"
)

var testdata, _ = filepath.Abs(filepath.Join("..", "..", "testdata"))

var pkgs = []string{
	"writeafterclose/gorilla",
	"writeafterclose/coder",
	"writeafterclose/gobwas",
	"writeafterclose/xnet",
	"writeafterclose/fasthttp",
	"writeafterclose/crosspkg",
	"writeafterclose/crosspkguse",
}

func TestWriteAfterClose(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata, writeafterclose.Analyzer, pkgs...)
}

// TestFixedCodeIsClean checks that the fixed files are gofmt-clean,
// type-check and draw no diagnostic: the fixes are idempotent.
func TestFixedCodeIsClean(t *testing.T) {
	goldentest.Run(t, testdata, writeafterclose.Analyzer, pkgs...)
}
