package readloop_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/wsvet/wsvet/passes/internal/goldentest"
	"github.com/wsvet/wsvet/passes/readloop"
)

var testdata, _ = filepath.Abs(filepath.Join("..", "..", "testdata"))

var pkgs = []string{
	"readloop/gorilla",
	"readloop/fasthttp",
	"readloop/gofiber",
	"readloop/coder",
	"readloop/nhooyr",
	"readloop/gobwas",
	"readloop/xnet",
	"readloop/noreturn",
	"readloop/wrapper",
	"readloop/wrapperuse",
}

func TestReadloop(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata, readloop.Analyzer, pkgs...)
}

// TestFixedCodeIsClean checks that the fixed files are gofmt-clean,
// type-check and draw no diagnostic: the fixes are idempotent.
func TestFixedCodeIsClean(t *testing.T) {
	goldentest.Run(t, testdata, readloop.Analyzer, pkgs...)
}
