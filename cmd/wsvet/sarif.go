package main

// The -sarif mode: load the packages, run the analyzers and write one
// SARIF 2.1.0 log to standard output.
//
// multichecker.Main prints its results and exits; it hands none of them
// back. So -sarif takes the command line before multichecker sees it and
// drives golang.org/x/tools/go/analysis/checker itself, loading packages
// with go/packages the way multichecker's standalone mode does (its
// internal/checker.load): LoadAllSyntax when an analyzer in the graph
// has facts, plus NeedModule, test variants included unless -test=false.
// Every other mode stays with multichecker.
//
// Exit codes match `wsvet -json`. In x/tools v0.52.0 standalone mode
// (go/analysis/internal/checker.Run and printDiagnostics), -json
//
//   - exits 1 without output when packages.Load fails or the patterns
//     match no packages;
//   - prints package errors (list, parse and type errors) to stderr,
//     still runs the analyzers and prints the JSON, and exits 1;
//   - exits 1 when checker.Analyze fails or the output cannot be written;
//   - otherwise exits 0, findings or not, and also when an analyzer
//     failed: the failure is recorded in the JSON, not in the exit code;
//   - exits 2 on a bad flag (the flag package's ExitOnError).
//
// -sarif does the same; package errors and analyzer failures are
// recorded in the log as tool execution notifications, with
// executionSuccessful false.

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// sarifRequested reports whether the flags at the front of args (args[0]
// is the program) ask for -sarif. It also returns args without a
// "-sarif=false", which multichecker, knowing no -sarif flag, would
// reject.
//
// -sarif is deliberately not registered with multichecker: its -flags
// output tells go vet which flags the tool accepts, and under go vet
// (unitchecker) -sarif would be accepted and silently do nothing.
func sarifRequested(args []string, analyzers []*analysis.Analyzer) (bool, []string) {
	on := false
	out := []string{args[0]}
	for i := 1; i < len(args); i++ {
		a := args[i]
		if a == "--" || !strings.HasPrefix(a, "-") || a == "-" {
			return on, append(out, args[i:]...) // flags end here
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if name == "sarif" {
			v, err := strconv.ParseBool(value)
			if hasValue && err == nil && !v {
				on = false
				continue // -sarif=false: drop it
			}
			on = true // -sarif, or a bad value for the flag set to reject
		}
		out = append(out, a)
		if !hasValue && takesValue(name, analyzers) && i+1 < len(args) {
			i++
			out = append(out, args[i])
		}
	}
	return on, out
}

// takesValue reports whether the flag name is one that reads the next
// argument as its value: one of the checker's own non-boolean flags, or
// a non-boolean flag of an analyzer (-NAME.FLAG).
func takesValue(name string, analyzers []*analysis.Analyzer) bool {
	switch name {
	case "c", "tags", "debug", "cpuprofile", "memprofile", "trace":
		return true
	}
	for _, a := range analyzers {
		if fname, ok := strings.CutPrefix(name, a.Name+"."); ok {
			if f := a.Flags.Lookup(fname); f != nil {
				b, ok := f.Value.(interface{ IsBoolFlag() bool })
				return !ok || !b.IsBoolFlag()
			}
		}
	}
	return false
}

// sarifConfig is what the -sarif command line selects.
type sarifConfig struct {
	analyzers []*analysis.Analyzer // the enabled ones, in catalog order
	patterns  []string
	tests     bool
	tags      string
}

// errBadFlags is a command line error already reported on stderr.
var errBadFlags = errors.New("bad flags")

// parseSARIFFlags parses the command line of -sarif mode (without the
// program name). It knows the flags of multichecker's standalone mode
// that mean something here: the analyzers' enable flags (-NAME, with
// multichecker's rule: if any is true, run only those; else run all but
// those set false), their own flags (-NAME.FLAG), -test and -tags (which
// multichecker accepts but ignores; here it sets the build tags).
func parseSARIFFlags(args []string, catalog []*analysis.Analyzer, stderr io.Writer) (*sarifConfig, error) {
	fs := flag.NewFlagSet("wsvet -sarif", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg := &sarifConfig{}
	fs.Bool("sarif", true, "write a SARIF 2.1.0 log to standard output")
	fs.BoolVar(&cfg.tests, "test", true, "analyze test files too")
	fs.StringVar(&cfg.tags, "tags", "", "comma-separated build tags")
	var fix, diff, json bool
	fs.BoolVar(&fix, "fix", false, "not with -sarif")
	fs.BoolVar(&diff, "diff", false, "not with -sarif")
	fs.BoolVar(&json, "json", false, "not with -sarif")
	enabled := make(map[*analysis.Analyzer]*triState)
	for _, a := range catalog {
		enabled[a] = new(triState)
		fs.Var(enabled[a], a.Name, fmt.Sprintf("enable %q analysis", a.Name))
		a.Flags.VisitAll(func(f *flag.Flag) {
			fs.Var(f.Value, a.Name+"."+f.Name, f.Usage)
		})
	}
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fix || diff || json {
		fmt.Fprintln(stderr, "wsvet: -sarif cannot be combined with -fix, -diff or -json")
		return nil, errBadFlags
	}
	cfg.analyzers = selectAnalyzers(catalog, enabled)
	cfg.patterns = fs.Args()
	return cfg, nil
}

// selectAnalyzers applies the enable flags as multichecker does.
func selectAnalyzers(catalog []*analysis.Analyzer, enabled map[*analysis.Analyzer]*triState) []*analysis.Analyzer {
	anyTrue := false
	for _, a := range catalog {
		anyTrue = anyTrue || *enabled[a] == setTrue
	}
	var keep []*analysis.Analyzer
	for _, a := range catalog {
		if anyTrue && *enabled[a] == setTrue || !anyTrue && *enabled[a] != setFalse {
			keep = append(keep, a)
		}
	}
	return keep
}

// triState is an enable flag: unset, or set true or false.
type triState int

const (
	unset triState = iota
	setTrue
	setFalse
)

func (t *triState) IsBoolFlag() bool { return true }

func (t *triState) String() string {
	switch *t {
	case setTrue:
		return "true"
	case setFalse:
		return "false"
	}
	return "unset"
}

func (t *triState) Set(s string) error {
	v, err := strconv.ParseBool(s)
	if err != nil {
		return err
	}
	*t = setFalse
	if v {
		*t = setTrue
	}
	return nil
}

// sarifMain runs -sarif mode for the command line args (without the
// program name) and returns the exit code; see the top of this file.
// catalog is the whole suite: every analyzer is a rule of the log, the
// disabled ones marked so.
func sarifMain(args []string, catalog []*analysis.Analyzer, stdout, stderr io.Writer) int {
	cfg, err := parseSARIFFlags(args, catalog, stderr)
	if err == flag.ErrHelp {
		return 0 // as with flag.ExitOnError
	}
	if err != nil {
		return 2 // the flag set has said why
	}
	if len(cfg.patterns) == 0 {
		fmt.Fprintln(stderr, "usage: wsvet -sarif [-test=false] [-tags=TAGS] [-NAME=false] packages")
		return 1
	}
	if len(cfg.patterns) == 1 && strings.HasSuffix(cfg.patterns[0], ".cfg") {
		fmt.Fprintln(stderr, "wsvet: -sarif is a standalone mode (wsvet -sarif ./...), not a go vet flag")
		return 1
	}
	initial, err := loadPackages(cfg)
	if err != nil {
		fmt.Fprintf(stderr, "wsvet: %v\n", err)
		return 1
	}
	code := 0
	pkgErrs := packageErrors(initial)
	for _, e := range pkgErrs {
		fmt.Fprintln(stderr, e)
		code = 1
	}
	graph, err := checker.Analyze(cfg.analyzers, initial, nil)
	if err != nil {
		fmt.Fprintf(stderr, "wsvet: %v\n", err)
		return 1
	}
	log := buildLog(catalog, cfg.analyzers, initial, graph, pkgErrs)
	if err := writeLog(stdout, log); err != nil {
		fmt.Fprintf(stderr, "wsvet: writing the SARIF log: %v\n", err)
		return 1
	}
	return code
}

// loadPackages loads the packages the way multichecker's standalone
// mode does.
func loadPackages(cfg *sarifConfig) ([]*packages.Package, error) {
	mode := packages.LoadSyntax
	if needFacts(cfg.analyzers) {
		mode = packages.LoadAllSyntax // facts need every dependency analyzed from source
	}
	conf := &packages.Config{
		Mode:  mode | packages.NeedModule,
		Tests: cfg.tests,
	}
	if cfg.tags != "" {
		conf.BuildFlags = []string{"-tags=" + cfg.tags}
	}
	initial, err := packages.Load(conf, cfg.patterns...)
	if err == nil && len(initial) == 0 {
		err = fmt.Errorf("%s matched no packages", strings.Join(cfg.patterns, " "))
	}
	return initial, err
}

// needFacts reports whether an analyzer of the Requires graph uses facts.
func needFacts(analyzers []*analysis.Analyzer) bool {
	seen := make(map[*analysis.Analyzer]bool)
	var visit func([]*analysis.Analyzer) bool
	visit = func(as []*analysis.Analyzer) bool {
		for _, a := range as {
			if seen[a] {
				continue
			}
			seen[a] = true
			if len(a.FactTypes) > 0 || visit(a.Requires) {
				return true
			}
		}
		return false
	}
	return visit(analyzers)
}

// packageErrors returns the errors packages.PrintErrors would print, in
// its order: each package's errors, dependencies first, and each
// module's error once.
func packageErrors(pkgs []*packages.Package) []string {
	var errs []string
	seenMod := make(map[*packages.Module]bool)
	for pkg := range packages.Postorder(pkgs) {
		for _, err := range pkg.Errors {
			errs = append(errs, err.Error())
		}
		if mod := pkg.Module; mod != nil && mod.Error != nil && !seenMod[mod] {
			seenMod[mod] = true
			errs = append(errs, mod.Error.Err)
		}
	}
	return errs
}
