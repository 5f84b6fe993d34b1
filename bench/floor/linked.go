//go:build floorlinked

package main

import "github.com/wsvet/wsvet"

// With -tags floorlinked the floor links in all of wsvet's code (the
// binary grows from about 8.1 to 9.5 MB, and wsvet's package
// initializers run) without running it. bench/README.md uses it to split
// wsvet's fixed cost per package.
var _ = wsvet.Analyzers
