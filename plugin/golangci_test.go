package plugin_test

// End to end through golangci-lint: build golangci-lint v2 with the
// plugin compiled in from this checkout, the way the README says to do it
// without a git host (golangci-lint's own cmd/golangci-lint/main.go plus a
// blank import of the plugin, built with go build through the module
// proxy), then run it with .golangci.example.yml on testdata/golangci/sample,
// apply --fix and compare with testdata/golangci/golden.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
)

// golangciVersion is the golangci-lint release the test builds.
const golangciVersion = "v2.15.0"

var (
	buildOnce sync.Once
	gclBin    string
	gclErr    error
)

func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	return root
}

func goCmd(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
	return cmd.CombinedOutput()
}

// buildGolangci builds the custom golangci-lint once per test run.
func buildGolangci(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "wsvet-gcl")
		if err != nil {
			gclErr = err
			return
		}
		out, err := goCmd(dir, "mod", "download", "-json", "github.com/golangci/golangci-lint/v2@"+golangciVersion)
		if err != nil {
			gclErr = fmt.Errorf("go mod download: %v\n%s", err, out)
			return
		}
		var mod struct{ Dir string }
		if err := json.Unmarshal(out, &mod); err != nil || mod.Dir == "" {
			gclErr = fmt.Errorf("go mod download: no module directory in %s", out)
			return
		}
		mainGo, err := os.ReadFile(filepath.Join(mod.Dir, "cmd", "golangci-lint", "main.go"))
		if err != nil {
			gclErr = err
			return
		}
		gomod := fmt.Sprintf("module wsvet-golangci\n\ngo 1.26\n\nrequire (\n\tgithub.com/golangci/golangci-lint/v2 %s\n\tgithub.com/wsvet/wsvet v0.0.0\n)\n\nreplace github.com/wsvet/wsvet => %s\n",
			golangciVersion, repoRoot(t))
		files := map[string]string{
			"go.mod":     gomod,
			"main.go":    string(mainGo),
			"plugins.go": "package main\n\nimport _ \"github.com/wsvet/wsvet/plugin\"\n",
		}
		for name, text := range files {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
				gclErr = err
				return
			}
		}
		if out, err := goCmd(dir, "mod", "tidy"); err != nil {
			gclErr = fmt.Errorf("go mod tidy: %v\n%s", err, out)
			return
		}
		gclBin = filepath.Join(dir, "golangci-lint")
		if out, err := goCmd(dir, "build", "-o", gclBin, "."); err != nil {
			gclErr = fmt.Errorf("go build golangci-lint: %v\n%s", err, out)
		}
	})
	if gclErr != nil {
		t.Fatal(gclErr)
	}
	return gclBin
}

var (
	wantRE = regexp.MustCompile(`// want: (\w+)`)
	// issueRE matches an issue: golangci-lint prefixes the message with
	// the analyzer's name. Related information comes as extra issues
	// named "ANALYZER(related information)", which it does not match.
	issueRE = regexp.MustCompile(`(?m)^(\S*?)(server/\w+\.go):(\d+):\d+: (\w+): (.*) \(wsvet\)$`)
)

func runGolangci(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command(buildGolangci(t), append([]string{"run", "--config", filepath.Join(repoRoot(t), ".golangci.example.yml")}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOLANGCI_LINT_CACHE="+t.TempDir())
	out, _ := cmd.CombinedOutput() // exit 1 means issues: the output says which
	return string(out)
}

func TestGolangciLint(t *testing.T) {
	if testing.Short() {
		t.Skip("builds golangci-lint (about two minutes cold)")
	}
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(filepath.Join(repoRoot(t), "testdata", "golangci", "sample"))); err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(filepath.Join(dir, "server", "server.go"))
	if err != nil {
		t.Fatal(err)
	}
	want := make(map[string]string)
	for i, line := range strings.Split(string(src), "\n") {
		if m := wantRE.FindStringSubmatch(line); m != nil {
			want[fmt.Sprintf("server/server.go:%d", i+1)] = m[1]
		}
	}

	out := runGolangci(t, dir, "./...")
	got := make(map[string]string) // file:line -> analyzer
	for _, m := range issueRE.FindAllStringSubmatch(out, -1) {
		got[m[2]+":"+m[3]] = m[4]
	}
	if len(got) != len(want) {
		t.Errorf("golangci-lint reported %d issues, want %d:\n%s", len(got), len(want), out)
	}
	for pos, analyzer := range want {
		if got[pos] != analyzer {
			t.Errorf("%s: got issue from %q, want %s\n%s", pos, got[pos], analyzer, out)
		}
	}
	for i, line := range strings.Split(string(src), "\n") {
		if strings.Contains(line, "//nolint:wsvet") {
			if _, ok := got[fmt.Sprintf("server/server.go:%d", i+1)]; ok {
				t.Errorf("//nolint:wsvet did not silence line %d", i+1)
			}
		}
	}

	// --fix applies one fix per issue; the result builds, equals the
	// golden copy and draws no issue.
	runGolangci(t, dir, "--fix", "./...")
	fixed, err := os.ReadFile(filepath.Join(dir, "server", "server.go"))
	if err != nil {
		t.Fatal(err)
	}
	golden, err := os.ReadFile(filepath.Join(repoRoot(t), "testdata", "golangci", "golden", "server", "server.go"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(fixed, golden) {
		t.Errorf("golangci-lint --fix result differs from testdata/golangci/golden/server/server.go:\n%s", fixed)
	}
	if out, err := goCmd(dir, "build", "./..."); err != nil {
		t.Errorf("fixed sample does not build: %v\n%s", err, out)
	}
	if out := runGolangci(t, dir, "./..."); len(issueRE.FindAllString(out, -1)) > 0 {
		t.Errorf("fixed sample still has issues:\n%s", out)
	}
}
