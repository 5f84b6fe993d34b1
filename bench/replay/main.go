// Command replay measures the CPU time that vet tools spend per package,
// robustly against a machine whose speed drifts: it reruns the vet.cfg
// files that the go command left in a `go vet -work` directory with each
// tool in turn, package by package (the order rotating from one package
// to the next), so that a slow minute slows every tool alike.
//
//	go vet -work -vettool=$(pwd)/floor std   # prints WORK=/tmp/go-build...
//	replay /tmp/go-build... ./floor ./wsvet > per-package.txt
//
// Each output line is "importpath vetxonly" and then, per tool, the CPU
// time (user+sys, ms) and peak RSS (KiB) of its process. Each tool reads
// the vetx files of the work directory (written by the tool given to go
// vet) and writes its own to a temporary directory, so the replays do not
// disturb one another. The last line is "TOTAL" with each tool's summed
// CPU seconds.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"syscall"
)

func main() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: replay WORKDIR TOOL...")
		os.Exit(2)
	}
	work, tools := os.Args[1], os.Args[2:]
	cfgs, err := filepath.Glob(filepath.Join(work, "*", "vet.cfg"))
	if err != nil || len(cfgs) == 0 {
		fmt.Fprintln(os.Stderr, "replay: no vet.cfg under", work)
		os.Exit(1)
	}
	sort.Strings(cfgs)
	tmp, err := os.MkdirTemp("", "replay")
	if err != nil {
		fmt.Fprintln(os.Stderr, "replay:", err)
		os.Exit(1)
	}
	defer os.RemoveAll(tmp)
	total := make([]float64, len(tools))
	for i, c := range cfgs {
		data, err := os.ReadFile(c)
		if err != nil {
			fmt.Fprintln(os.Stderr, "replay:", err)
			os.Exit(1)
		}
		var m map[string]any
		if err := json.Unmarshal(data, &m); err != nil {
			fmt.Fprintln(os.Stderr, "replay:", c, err)
			os.Exit(1)
		}
		m["VetxOutput"] = filepath.Join(tmp, "vetx")
		m["Stdout"] = filepath.Join(tmp, "stdout")
		delete(m, "FixArchive")
		out, _ := json.Marshal(m)
		cfg := filepath.Join(tmp, "vet.cfg")
		if err := os.WriteFile(cfg, out, 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "replay:", err)
			os.Exit(1)
		}
		cpu := make([]float64, len(tools))
		rss := make([]int64, len(tools))
		for k := range tools {
			j := (k + i) % len(tools)
			cmd := exec.Command(tools[j], cfg)
			cmd.Run() // a tool reporting diagnostics exits non-zero
			if cmd.ProcessState == nil {
				fmt.Fprintln(os.Stderr, "replay: cannot run", tools[j])
				os.Exit(1)
			}
			ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
			cpu[j] = float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e6
			rss[j] = ru.Maxrss
			total[j] += cpu[j] / 1000
		}
		fmt.Printf("%s %v", m["ImportPath"], m["VetxOnly"])
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
}
