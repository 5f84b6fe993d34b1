package concurrentwrite_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/wsvet/wsvet/passes/concurrentwrite"
	"github.com/wsvet/wsvet/passes/internal/goldentest"
)

var testdata, _ = filepath.Abs(filepath.Join("..", "..", "testdata"))

var pkgs = []string{
	"concurrentwrite/gorilla",
	"concurrentwrite/fasthttp",
	"concurrentwrite/gobwas",
	"concurrentwrite/coder",
	"concurrentwrite/xnet",
	"concurrentwrite/sdk",
	"concurrentwrite/sdkuse",
}

// fixed are the packages with fixes, and golden files.
var fixed = []string{
	"concurrentwrite/gorilla",
	"concurrentwrite/fasthttp",
	"concurrentwrite/gobwas",
}

func TestConcurrentWrite(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata, concurrentwrite.Analyzer, pkgs...)
}

// TestFixedCodeIsClean checks that the fixed files are gofmt-clean,
// type-check and draw no diagnostic: the fixes are idempotent.
func TestFixedCodeIsClean(t *testing.T) {
	goldentest.Run(t, testdata, concurrentwrite.Analyzer, fixed...)
}
