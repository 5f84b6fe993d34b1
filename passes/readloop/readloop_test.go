package readloop_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/wsvet/wsvet/passes/readloop"
)

var testdata, _ = filepath.Abs(filepath.Join("..", "..", "testdata"))

func TestReadloop(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata, readloop.Analyzer,
		"readloop/gorilla",
	)
}
