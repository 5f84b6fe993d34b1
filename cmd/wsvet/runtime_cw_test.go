package main_test

// The run-time proof of concurrentwrite: testdata/runtime/pinger (a ping
// ticker beside the echo) and testdata/runtime/sdk (an SDK's Send beside
// its loop) write one gorilla connection from two goroutines.
// testdata/runtime/drivecw drives them with 30 real clients each,
// leaving with 1000, 1001 and an abrupt close, built with the race
// detector: before go vet -fix, the race detector reports the writes (and
// gorilla panics with "concurrent write to websocket connection"); after
// it, neither.

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

type cwResult struct {
	Clients, Messages, Panics int64
}

// driveRace runs the race-detector build of drivecw on one server and
// returns its result and the number of races reported.
func driveRace(t *testing.T, dir, bin, server string) (cwResult, int) {
	t.Helper()
	cmd := exec.Command(bin, "-server", server)
	cmd.Dir = dir
	cmd.Env = append(cmd.Environ(), "GORACE=halt_on_error=0")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if _, ok := err.(*exec.ExitError); !ok {
			t.Fatalf("drivecw: %v", err)
		}
	}
	var res map[string]cwResult
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("drivecw -server %s: %v\n%s\n%s", server, err, out, stderr.String())
	}
	return res[server], strings.Count(stderr.String(), "WARNING: DATA RACE")
}

func TestConcurrentWritesAtRunTime(t *testing.T) {
	if testing.Short() {
		t.Skip("runs real servers and clients under the race detector")
	}
	dir := t.TempDir()
	src, _ := filepath.Abs(filepath.Join("..", "..", "testdata", "runtime"))
	copyTree(t, src, dir)
	bin := filepath.Join(t.TempDir(), "drivecw")
	build := func() {
		if out, code := run(t, dir, "go", "build", "-race", "-o", bin, "./drivecw"); code != 0 {
			t.Fatalf("go build -race ./drivecw (%d):\n%s", code, out)
		}
	}

	build()
	for _, server := range []string{"pinger", "sdk"} {
		r, races := driveRace(t, dir, bin, server)
		t.Logf("before %-6s %d clients: %d messages, %d panics, %d races", server, r.Clients, r.Messages, r.Panics, races)
		if races == 0 && r.Panics == 0 {
			t.Errorf("%s: the original shows no concurrent write: %+v", server, r)
		}
	}

	if out, code := run(t, dir, "go", "vet", "-vettool="+wsvetBin, "-fix", "./pinger", "./sdk"); code != 0 {
		t.Fatalf("go vet -fix failed (%d):\n%s", code, out)
	}
	if out, code := run(t, dir, "go", "vet", "-vettool="+wsvetBin, "./pinger", "./sdk"); code != 0 {
		t.Fatalf("fixed code still draws diagnostics:\n%s", out)
	}
	build()
	for _, server := range []string{"pinger", "sdk"} {
		r, races := driveRace(t, dir, bin, server)
		t.Logf("after  %-6s %d clients: %d messages, %d panics, %d races", server, r.Clients, r.Messages, r.Panics, races)
		if races != 0 || r.Panics != 0 {
			t.Errorf("%s: the fixed code still writes concurrently: %d races, %+v", server, races, r)
		}
		if server == "pinger" && r.Messages != r.Clients*100 {
			t.Errorf("pinger: %d of %d messages echoed", r.Messages, r.Clients*100)
		}
	}
}
