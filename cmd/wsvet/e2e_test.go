package main_test

// End-to-end tests: build the real wsvet binary and run it the ways a
// user does (go vet -vettool, -fix, -diff, go fix -fixtool, standalone,
// -json, enable flags, help) on a sample module that imports the real
// gorilla/websocket, coder/websocket, gobwas/ws and fasthttp/websocket,
// fetched through the module proxy.
//
// Sample source lines that must draw a diagnostic end in a comment
// "want: ANALYZER"; every other line must stay silent. "(no fix" after
// it marks a diagnostic that comes without a fix (in a cgo file).

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

var wsvetBin string // built once by TestMain

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "wsvet-e2e")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	wsvetBin = filepath.Join(dir, "wsvet")
	if out, err := exec.Command("go", "build", "-o", wsvetBin, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building wsvet: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// sample copies testdata/e2e/sample to a temporary directory.
func sample(t *testing.T) string {
	t.Helper()
	src, err := filepath.Abs(filepath.Join("..", "..", "testdata", "e2e", "sample"))
	if err != nil {
		t.Fatal(err)
	}
	dst := t.TempDir()
	copyTree(t, src, dst)
	return dst
}

// copyTree copies the directory tree src into dst.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
}

// run runs a command in dir and returns its combined output and exit code.
func run(t *testing.T, dir string, name string, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
	out, err := cmd.CombinedOutput()
	code := 0
	if err != nil {
		ee, ok := err.(*exec.ExitError)
		if !ok {
			t.Fatalf("%s %s: %v", name, strings.Join(args, " "), err)
		}
		code = ee.ExitCode()
	}
	return string(out), code
}

var wantRE = regexp.MustCompile(`// want: (\w+)( \(no fix)?`)

// wanted returns "file:line" for each line of the Go files under dir
// that expects a diagnostic, with the analyzer named.
func wanted(t *testing.T, dir string) map[string]string {
	t.Helper()
	want := make(map[string]string)
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*.go"))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(bytes.NewReader(data))
		for line := 1; sc.Scan(); line++ {
			if m := wantRE.FindStringSubmatch(sc.Text()); m != nil {
				rel, _ := filepath.Rel(dir, f)
				want[fmt.Sprintf("%s:%d", rel, line)] = m[1] + m[2]
			}
		}
	}
	return want
}

// diagRE matches a diagnostic line; related information follows it on
// lines whose message starts with a tab.
var diagRE = regexp.MustCompile(`(?m)^(?:\./)?([\w/.-]+\.go):(\d+):\d+: ([^\t].*)$`)

// reported returns "file:line" of each diagnostic in vet output.
func reported(dir, out string) []string {
	var got []string
	for _, m := range diagRE.FindAllStringSubmatch(out, -1) {
		file := m[1]
		if rel, err := filepath.Rel(dir, file); err == nil && filepath.IsAbs(file) {
			file = rel
		}
		got = append(got, file+":"+m[2])
	}
	slices.Sort(got)
	return got
}

func sortedKeys(m map[string]string) []string {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// snapshot returns the Go files under dir and their contents.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*.go"))
	snap := make(map[string]string)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(dir, f)
		snap[rel] = string(data)
	}
	return snap
}

func TestGoVetReports(t *testing.T) {
	dir := sample(t)
	out, code := run(t, dir, "go", "vet", "-vettool="+wsvetBin, "./...")
	if code == 0 {
		t.Errorf("go vet exited 0 despite findings:\n%s", out)
	}
	if got, want := reported(dir, out), sortedKeys(wanted(t, dir)); !slices.Equal(got, want) {
		t.Errorf("go vet reported at\n\t%v\nwant\n\t%v\noutput:\n%s", got, want, out)
	}
}

func TestGoVetFix(t *testing.T) {
	dir := sample(t)
	before := snapshot(t, dir)

	// -fix -diff prints the change and writes nothing.
	out, _ := run(t, dir, "go", "vet", "-vettool="+wsvetBin, "-fix", "-diff", "./...")
	if !strings.Contains(out, "+++ ") || !strings.Contains(out, "-\t\t\tcontinue") {
		t.Errorf("go vet -fix -diff printed no diff:\n%s", out)
	}
	if !sameFiles(before, snapshot(t, dir)) {
		t.Fatal("go vet -fix -diff changed files")
	}

	if out, code := run(t, dir, "go", "vet", "-vettool="+wsvetBin, "-fix", "./..."); code != 0 {
		t.Fatalf("go vet -fix failed (%d):\n%s", code, out)
	}
	fixed := snapshot(t, dir)
	if sameFiles(before, fixed) {
		t.Fatal("go vet -fix changed nothing")
	}
	checkFixed(t, dir)

	// A second -fix run changes nothing.
	if out, code := run(t, dir, "go", "vet", "-vettool="+wsvetBin, "-fix", "./..."); code != 0 {
		t.Fatalf("second go vet -fix failed (%d):\n%s", code, out)
	}
	if !sameFiles(fixed, snapshot(t, dir)) {
		t.Error("a second go vet -fix changed the files again")
	}

	// go fix -fixtool and the standalone -fix make the same change.
	for _, args := range [][]string{
		{"go", "fix", "-fixtool=" + wsvetBin, "./..."},
		{wsvetBin, "-fix", "./..."},
	} {
		dir2 := sample(t)
		if out, code := run(t, dir2, args[0], args[1:]...); code != 0 {
			t.Fatalf("%v failed (%d):\n%s", args, code, out)
		}
		if !sameFiles(fixed, snapshot(t, dir2)) {
			t.Errorf("%v fixed differently from go vet -fix", args)
		}
	}
}

// checkFixed checks that the fixed module is gofmt-clean, builds and
// draws no diagnostic.
func checkFixed(t *testing.T, dir string) {
	t.Helper()
	if out, _ := run(t, dir, "gofmt", "-l", "."); strings.TrimSpace(out) != "" {
		t.Errorf("fixed files are not gofmt-clean: %s", out)
	}
	if out, code := run(t, dir, "go", "build", "./..."); code != 0 {
		t.Errorf("fixed module does not build:\n%s", out)
	}
	var unfixable []string
	for pos, name := range wanted(t, dir) {
		if strings.HasSuffix(name, "(no fix") {
			unfixable = append(unfixable, pos)
		}
	}
	slices.Sort(unfixable)
	if out, _ := run(t, dir, "go", "vet", "-vettool="+wsvetBin, "./..."); !slices.Equal(reported(dir, out), unfixable) {
		t.Errorf("fixed module draws diagnostics; want only %v:\n%s", unfixable, out)
	}
}

func sameFiles(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestStandalone(t *testing.T) {
	dir := sample(t)
	want := sortedKeys(wanted(t, dir))

	out, code := run(t, dir, wsvetBin, "./...")
	if code != 3 {
		t.Errorf("wsvet ./... exited %d, want 3 (findings)", code)
	}
	if got := reported(dir, out); !slices.Equal(got, want) {
		t.Errorf("wsvet reported at %v, want %v\n%s", got, want, out)
	}

	// -diff alone prints the fixes and writes nothing.
	before := snapshot(t, dir)
	out, _ = run(t, dir, wsvetBin, "-diff", "./...")
	if !strings.Contains(out, "+++ ") {
		t.Errorf("wsvet -diff printed no diff:\n%s", out)
	}
	if !sameFiles(before, snapshot(t, dir)) {
		t.Error("wsvet -diff changed files")
	}

	// -json names the analyzer of each diagnostic.
	out, _ = run(t, dir, wsvetBin, "-json", "./...")
	var tree map[string]map[string][]struct{ Posn, Message string }
	if err := json.Unmarshal([]byte(out), &tree); err != nil {
		t.Fatalf("wsvet -json: %v\n%s", err, out)
	}
	perAnalyzer := make(map[string]int)
	for _, byAnalyzer := range tree {
		for name, diags := range byAnalyzer {
			perAnalyzer[name] += len(diags)
		}
	}
	wantPer := make(map[string]int)
	for _, name := range wanted(t, dir) {
		wantPer[strings.TrimSuffix(name, " (no fix")]++
	}
	if fmt.Sprint(perAnalyzer) != fmt.Sprint(wantPer) {
		t.Errorf("wsvet -json: diagnostics per analyzer %v, want %v\n%s", perAnalyzer, wantPer, out)
	}

	// An analyzer's enable flag turns it off, and only it.
	out, _ = run(t, dir, wsvetBin, "-readloop=false", "./...")
	var others []string
	for pos, name := range wanted(t, dir) {
		if !strings.HasPrefix(name, "readloop") {
			others = append(others, pos)
		}
	}
	slices.Sort(others)
	if got := reported(dir, out); !slices.Equal(got, others) {
		t.Errorf("wsvet -readloop=false reported at %v, want %v:\n%s", got, others, out)
	}

	out, code = run(t, dir, wsvetBin, "help", "readloop")
	if code != 0 || !strings.Contains(out, "read loops that go on reading a failed WebSocket connection") {
		t.Errorf("wsvet help readloop (%d):\n%s", code, out)
	}
}

// TestBadInput runs wsvet on a package with type errors: a clear error,
// no panic.
func TestBadInput(t *testing.T) {
	dir := sample(t)
	bad := "package broken\n\nimport \"github.com/gorilla/websocket\"\n\nfunc f(c *websocket.Conn) { for { c.ReadMessage(undefined) } }\n"
	if err := os.MkdirAll(filepath.Join(dir, "broken"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "broken", "broken.go"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	out, code := run(t, dir, wsvetBin, "./broken")
	if code == 0 || !strings.Contains(out, "undefined") || strings.Contains(out, "panic") {
		t.Errorf("wsvet on a broken package exited %d:\n%s", code, out)
	}
	out, code = run(t, dir, "go", "vet", "-vettool="+wsvetBin, "./broken")
	if code == 0 || strings.Contains(out, "panic") {
		t.Errorf("go vet on a broken package exited %d:\n%s", code, out)
	}
}
