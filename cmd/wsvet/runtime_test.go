package main_test

// Prove the fixes at run time: the sample servers of testdata/runtime (a
// module importing the real gorilla/websocket and coder/websocket) have
// the bugs real servers have. testdata/runtime/drive starts each on
// 127.0.0.1, connects dozens of real clients of the server's library and
// makes them leave with 1000, 1001 and an abrupt TCP close (1006), and
// reports what the server observes about itself. This test runs wsvet on
// the servers, drives the originals, applies go vet -fix to a copy,
// checks it builds and is clean, and drives the fixed servers.

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"testing"
)

type stats struct {
	Handlers, Panics, ReadErrors, Members, WritesAfterFailure, Messages int64
}

type driveResult struct {
	Clients           int
	Peak, After       stats
	Converged         bool
	Millis            int64
	LateWriteFailures int64
	// Goroutines above the baseline once the clients left; Leaked: the
	// server's goroutines in the goroutineleak profile (-1: not built in).
	Goroutines, Leaked int
}

func drive(t *testing.T, dir string) map[string]driveResult {
	t.Helper()
	out, code := run(t, dir, "go", "run", "./drive")
	if code != 0 {
		t.Fatalf("drive failed (%d):\n%s", code, out)
	}
	var res map[string]driveResult
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("drive output: %v\n%s", err, out)
	}
	for _, name := range []string{"echospin", "hub", "slicehub", "gohub", "goodbye", "coderecho", "pumpleak"} {
		if _, ok := res[name]; !ok {
			t.Fatalf("drive reported no %s:\n%s", name, out)
		}
	}
	return res
}

func TestFixesAtRunTime(t *testing.T) {
	if testing.Short() {
		t.Skip("runs real servers and clients")
	}
	dir := t.TempDir()
	src, _ := filepath.Abs(filepath.Join("..", "..", "testdata", "runtime"))
	copyTree(t, src, dir)

	// 1. wsvet finds the bugs.
	out, _ := run(t, dir, "go", "vet", "-vettool="+wsvetBin, "./...")
	if got, want := reported(dir, out), sortedKeys(wanted(t, dir)); !slices.Equal(got, want) {
		t.Fatalf("go vet reported at %v, want %v:\n%s", got, want, out)
	}

	// 2. The original servers misbehave.
	before := drive(t, dir)
	for name, r := range before {
		t.Logf("before %-9s %d clients: handlers %d -> %d, members %d -> %d, panics %d, read errors %d, writes after failure %d, late broadcast failures %d, goroutines left %d, settled %v",
			name, r.Clients, r.Peak.Handlers, r.After.Handlers, r.Peak.Members, r.After.Members, r.After.Panics, r.After.ReadErrors, r.After.WritesAfterFailure, r.LateWriteFailures, r.Goroutines, r.Converged)
	}
	pl := before["pumpleak"]
	symptoms := map[string]bool{
		"echospin":  before["echospin"].After.Panics > 0,                                           // gorilla's repeated-read panic
		"coderecho": !before["coderecho"].Converged && before["coderecho"].After.ReadErrors > 1000, // spins
		"goodbye":   before["goodbye"].After.WritesAfterFailure > 0,                                // writes to dead connections
		"hub":       before["hub"].After.Members > 0 && before["hub"].LateWriteFailures > 0,        // keeps and writes to the dead
		"slicehub":  before["slicehub"].After.Members > 0 && before["slicehub"].LateWriteFailures > 0,
		"gohub":     before["gohub"].After.Members > 0 && before["gohub"].LateWriteFailures > 0,
		"pumpleak":  pl.After.Members == int64(pl.Clients) && pl.Goroutines >= pl.Clients, // a writer left per client
	}
	for name, shown := range symptoms {
		if !shown {
			t.Errorf("%s: the original server did not show its bug: %+v", name, before[name])
		}
	}

	// 3. Fix, build, and check the fixed code is clean.
	if out, code := run(t, dir, "go", "vet", "-vettool="+wsvetBin, "-fix", "./..."); code != 0 {
		t.Fatalf("go vet -fix failed (%d):\n%s", code, out)
	}
	if out, code := run(t, dir, "go", "build", "./..."); code != 0 {
		t.Fatalf("fixed servers do not build:\n%s", out)
	}
	if out, code := run(t, dir, "go", "vet", "-vettool="+wsvetBin, "./..."); code != 0 || len(reported(dir, out)) > 0 {
		t.Fatalf("fixed servers still draw diagnostics:\n%s", out)
	}

	// 4. The fixed servers let every client go.
	after := drive(t, dir)
	for name, r := range after {
		t.Logf("after  %-9s %d clients: handlers %d -> %d, members %d -> %d, panics %d, read errors %d, writes after failure %d, late broadcast failures %d, goroutines left %d, settled in %d ms",
			name, r.Clients, r.Peak.Handlers, r.After.Handlers, r.Peak.Members, r.After.Members, r.After.Panics, r.After.ReadErrors, r.After.WritesAfterFailure, r.LateWriteFailures, r.Goroutines, r.Millis)
		if !r.Converged || r.After.Handlers != 0 || r.After.Members != 0 {
			t.Errorf("%s: fixed server did not settle: %+v", name, r)
		}
		if r.After.Panics != 0 || r.After.WritesAfterFailure != 0 || r.LateWriteFailures != 0 {
			t.Errorf("%s: fixed server panicked or wrote to a dead connection: %+v", name, r)
		}
		if name == "pumpleak" && r.Goroutines > 0 {
			t.Errorf("pumpleak: fixed server left %d goroutines behind", r.Goroutines)
		}
		if r.After.ReadErrors > int64(r.Clients) {
			t.Errorf("%s: fixed server read %d times after failures of %d clients: it still spins", name, r.After.ReadErrors, r.Clients)
		}
	}
}
