package main_test

// The goroutine leak profile of Go 1.26 (GOEXPERIMENT=goroutineleakprofile)
// reports goroutines blocked on a channel that nothing still running can
// reach. Built into testdata/runtime/drive, it checks pumpleak's run-time
// proof from the runtime's side: the writers the pumpleak server leaves
// behind are leaked goroutines before go vet -fix, and there are none
// after.

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestLeakProfileAtRunTime(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the standard library with a GOEXPERIMENT and runs real servers")
	}
	dir := t.TempDir()
	src, _ := filepath.Abs(filepath.Join("..", "..", "testdata", "runtime"))
	copyTree(t, src, dir)

	before := leakDrive(t, dir)
	if before.Leaked < 0 {
		t.Skip("the goroutineleak profile is not in this build: runtime/pprof registers it only with GOEXPERIMENT=goroutineleakprofile (Go 1.26)")
	}
	t.Logf("before: %d clients left, %d writers live, %d goroutines above the baseline, %d in the goroutineleak profile",
		before.Clients, before.After.Members, before.Goroutines, before.Leaked)
	if before.Leaked < before.Clients {
		t.Errorf("the goroutineleak profile shows %d goroutines of the pumpleak server, want one per client (%d): %+v", before.Leaked, before.Clients, before)
	}

	if out, code := run(t, dir, "go", "vet", "-vettool="+wsvetBin, "-fix", "./pumpleak"); code != 0 {
		t.Fatalf("go vet -fix failed (%d):\n%s", code, out)
	}
	after := leakDrive(t, dir)
	t.Logf("after:  %d clients left, %d writers live, %d goroutines above the baseline, %d in the goroutineleak profile",
		after.Clients, after.After.Members, after.Goroutines, after.Leaked)
	if after.Leaked != 0 || after.Goroutines != 0 || after.After.Members != 0 {
		t.Errorf("the fixed pumpleak server still leaks: %+v", after)
	}
}

// leakDrive drives the pumpleak server with the driver built with the
// goroutine leak profile; it skips the test when the toolchain does not
// know the experiment.
func leakDrive(t *testing.T, dir string) driveResult {
	t.Helper()
	exp := "goroutineleakprofile"
	if cur := os.Getenv("GOEXPERIMENT"); cur != "" {
		exp = cur + "," + exp
	}
	cmd := exec.Command("go", "run", "./drive", "-servers", "pumpleak")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOEXPERIMENT="+exp)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if strings.Contains(stderr.String(), "goroutineleakprofile") {
			t.Skipf("this toolchain has no goroutineleakprofile experiment (it needs Go 1.26): %s", strings.TrimSpace(stderr.String()))
		}
		t.Fatalf("drive failed: %v\n%s%s", err, out, stderr.String())
	}
	var res map[string]driveResult
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("drive output: %v\n%s", err, out)
	}
	r, ok := res["pumpleak"]
	if !ok {
		t.Fatalf("drive reported no pumpleak:\n%s", out)
	}
	return r
}
