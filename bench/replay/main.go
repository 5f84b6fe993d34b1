// Command replay measures the CPU time that vet tools spend per package,
// robustly against a machine whose speed drifts: it reruns the vet.cfg
// files that the go command left in a `go vet -work` directory with each
// tool in turn, package by package (the order rotating from one package
// to the next), so that a slow minute slows every tool alike.
//
//	go vet -work -vettool=$(pwd)/floor std   # prints WORK=/tmp/go-build...
//	replay /tmp/go-build... ./floor ./wsvet > per-package.txt
//
// Each tool reads the vetx files (types and facts) of the dependencies from
// a work directory and writes its own to a temporary directory, so the
// replays do not disturb one another. By default that is WORKDIR, written
// by the tool given to go vet; that is exact for tools whose facts do not
// matter on the workload (std, where wsvet exports none), but a tool with
// facts that decide its work needs vetx files of its own. TOOL=DIR gives
// it the work directory of a `go vet -work -vettool=TOOL` run of the same
// patterns. The go command numbers its actions (b001, b002, ...) alike in
// two runs of the same patterns; replay matches the packages by that name
// and checks that their vet IDs agree. (The ID alone is not a key: a
// package is vetted once more as a dependency of each test variant that
// recompiles it, with the same ID.)
//
// Each output line is "importpath vetxonly" and then, per tool, the CPU
// time (user+sys, ms) and peak RSS (KiB) of its process. The last line is
// "TOTAL" with each tool's summed CPU seconds. A tool run that exits
// non-zero is reported on stderr with the first line it printed, and
// replay then exits 1 at the end: unitchecker's status is 1 for an error
// and for diagnostics alike, and a run that failed early would look
// cheap. (The tools compared here report nothing on the workloads.)
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
)

// A tool is a vet tool and the vet.cfg files it replays, by action.
type tool struct {
	path string
	cfgs map[string]cfg
}

// A cfg is one vet.cfg file and the vet ID in it.
type cfg struct{ file, id string }

func main() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: replay WORKDIR TOOL[=WORKDIR]...")
		os.Exit(2)
	}
	actions, cfgs, err := readWork(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "replay:", err)
		os.Exit(1)
	}
	var tools []tool
	for _, arg := range os.Args[2:] {
		t := tool{path: arg, cfgs: cfgs}
		if path, dir, ok := strings.Cut(arg, "="); ok {
			t.path = path
			if _, t.cfgs, err = readWork(dir); err != nil || len(t.cfgs) != len(cfgs) {
				if err == nil {
					err = fmt.Errorf("%s has %d vet.cfg files, %s %d: not the same go vet patterns", dir, len(t.cfgs), os.Args[1], len(cfgs))
				}
				fmt.Fprintln(os.Stderr, "replay:", err)
				os.Exit(1)
			}
		}
		tools = append(tools, t)
	}
	tmp, err := os.MkdirTemp("", "replay")
	if err != nil {
		fmt.Fprintln(os.Stderr, "replay:", err)
		os.Exit(1)
	}
	defer os.RemoveAll(tmp)

	total := make([]float64, len(tools))
	failed := 0
	for i, action := range actions {
		var path string
		var vetxOnly any
		cpu := make([]float64, len(tools))
		rss := make([]int64, len(tools))
		for k := range tools {
			j := (k + i) % len(tools)
			t := tools[j]
			c, ok := t.cfgs[action]
			if !ok {
				fmt.Fprintf(os.Stderr, "replay: %s: no %s/vet.cfg\n", t.path, action)
				os.Exit(1)
			}
			m, err := rewrite(c.file, tmp)
			if err != nil {
				fmt.Fprintln(os.Stderr, "replay:", err)
				os.Exit(1)
			}
			if c.id != cfgs[action].id {
				fmt.Fprintf(os.Stderr, "replay: %s is %s in one work directory, %s in another: not the same go vet patterns\n", action, cfgs[action].id, c.id)
				os.Exit(1)
			}
			path, vetxOnly = fmt.Sprint(m["ImportPath"]), m["VetxOnly"]
			var stderr bytes.Buffer
			cmd := exec.Command(t.path, filepath.Join(tmp, "vet.cfg"))
			cmd.Stderr = &stderr
			err = cmd.Run()
			if cmd.ProcessState == nil {
				fmt.Fprintln(os.Stderr, "replay: cannot run", t.path, err)
				os.Exit(1)
			}
			if !cmd.ProcessState.Success() {
				failed++
				first, _, _ := strings.Cut(stderr.String(), "\n")
				fmt.Fprintf(os.Stderr, "replay: %s on %s (%s) failed (%v): %s\n", t.path, c.id, action, cmd.ProcessState, first)
			}
			ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
			cpu[j] = float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e6
			rss[j] = ru.Maxrss
			total[j] += cpu[j] / 1000
		}
		fmt.Printf("%s %v", path, vetxOnly)
		for j := range tools {
			fmt.Printf(" %.1f %d", cpu[j], rss[j])
		}
		fmt.Println()
	}
	fmt.Print("TOTAL")
	for j := range tools {
		fmt.Printf(" %.1f", total[j])
	}
	fmt.Println()
	if failed > 0 {
		fmt.Fprintf(os.Stderr, "replay: %d tool runs failed\n", failed)
		os.Exit(1)
	}
}

// readWork returns the actions of a go vet -work directory (its
// subdirectories with a vet.cfg), sorted, and the vet.cfg of each.
func readWork(dir string) ([]string, map[string]cfg, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*", "vet.cfg"))
	if err != nil || len(files) == 0 {
		return nil, nil, fmt.Errorf("no vet.cfg under %s", dir)
	}
	cfgs := make(map[string]cfg)
	var actions []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, nil, err
		}
		var c struct{ ID string }
		if err := json.Unmarshal(data, &c); err != nil {
			return nil, nil, fmt.Errorf("%s: %v", f, err)
		}
		action := filepath.Base(filepath.Dir(f))
		cfgs[action] = cfg{file: f, id: c.ID}
		actions = append(actions, action)
	}
	sort.Strings(actions)
	return actions, cfgs, nil
}

// rewrite writes tmp/vet.cfg: the configuration in file, with its outputs
// (vetx, stdout) sent to tmp and no -fix archive.
func rewrite(file, tmp string) (map[string]any, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("%s: %v", file, err)
	}
	m["VetxOutput"] = filepath.Join(tmp, "vetx")
	m["Stdout"] = filepath.Join(tmp, "stdout")
	delete(m, "FixArchive")
	out, err := json.Marshal(m)
	if err != nil {
		return nil, err
	}
	return m, os.WriteFile(filepath.Join(tmp, "vet.cfg"), out, 0o644)
}
