// Command rsswrap is the benchmark's -toolexec wrapper: it runs the tool
// command line it is given, passes its exit status on, and, when the
// command is a vet tool run on a package (its last argument ends in
// vet.cfg), appends "maxrss_kib wall_ms importpath" to the file named by
// $RSSWRAP_LOG.
//
// The go command starts one vet tool process per package; /usr/bin/time on
// go vet reports the largest of the go command itself and those processes,
// and the go command's own RSS can hide the tools'. rsswrap measures each
// tool process alone (getrusage of the waited child), so the benchmark can
// report the largest vet tool process.
package main

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"time"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: rsswrap tool args...")
		os.Exit(2)
	}
	cmd := exec.Command(os.Args[1], os.Args[2:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if cmd.ProcessState == nil {
		fmt.Fprintln(os.Stderr, "rsswrap:", err)
		os.Exit(1)
	}
	last := os.Args[len(os.Args)-1]
	if log := os.Getenv("RSSWRAP_LOG"); log != "" && strings.HasSuffix(last, "vet.cfg") {
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			pkg := os.Getenv("TOOLEXEC_IMPORTPATH")
			line := fmt.Sprintf("%d %d %s\n", ru.Maxrss, wall.Milliseconds(), pkg)
			if f, err := os.OpenFile(log, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644); err == nil {
				f.WriteString(line) // one small write: atomic with O_APPEND
				f.Close()
			}
		}
	}
	os.Exit(cmd.ProcessState.ExitCode())
}
