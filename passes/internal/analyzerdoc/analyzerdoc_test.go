package analyzerdoc

import "testing"

func TestExtract(t *testing.T) {
	const src = `// Package halting is about halting.
//
// # Analyzer halting
//
// halting: reports whether execution will halt
//
// More text.
//
// # Other
//
// Unrelated.
package halting
`
	got, err := Extract(src, "halting")
	if err != nil {
		t.Fatal(err)
	}
	if want := "reports whether execution will halt\n\nMore text."; got != want {
		t.Errorf("Extract = %q, want %q", got, want)
	}
	for _, bad := range []string{"", "package p", "// Package p.\npackage p", "// # Analyzer x\n//\n// nope\npackage p"} {
		if _, err := Extract(bad, "x"); err == nil {
			t.Errorf("Extract(%q) succeeded, want error", bad)
		}
	}
}
