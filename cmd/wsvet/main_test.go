package main

import (
	"slices"
	"testing"
)

func TestDiffImpliesFix(t *testing.T) {
	for _, tc := range []struct{ in, want []string }{
		{[]string{"wsvet", "-diff", "./..."}, []string{"wsvet", "-fix", "-diff", "./..."}},
		{[]string{"wsvet", "-fix", "-diff", "./..."}, []string{"wsvet", "-fix", "-diff", "./..."}},
		{[]string{"wsvet", "./..."}, []string{"wsvet", "./..."}},
		{[]string{"wsvet", "x.cfg"}, []string{"wsvet", "x.cfg"}},
		{[]string{"wsvet", "./...", "-diff"}, []string{"wsvet", "./...", "-diff"}}, // a package pattern, not a flag
	} {
		if got := diffImpliesFix(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("diffImpliesFix(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
