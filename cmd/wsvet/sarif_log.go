package main

// Building the SARIF log from the checker's results.
//
// The log is written with github.com/owenrumney/go-sarif/v2, not v3
// (the current major version). v3's sarif package imports
// github.com/xeipuuv/gojsonschema for its Validate method, and with it
// net/http, crypto/tls and forty more packages whose init functions run
// at every start of the binary. Under go vet the binary starts once per
// package of the build graph (1426 times for std): measured on this
// project's 2-core machine, v3 raised the start of `wsvet -flags` from
// 4.1 ms to 5.9 ms (init work from 1.2 ms to 2.3 ms, binary +2 MB),
// about 2.5 s of CPU on a go vet of std, against a budget of 1.05x the
// no-op floor (bench/). v2's sarif package imports only the standard
// library and costs nothing measurable. The tests validate the output
// with v3, which embeds the SARIF 2.1.0 schema.
//
// Positions. A result's location is where the user reads the
// diagnostic: the position after //line directives (as in the text
// output, so a cgo file's diagnostic names the .go file, not cgo's
// output). A fix's replacements edit the file that was parsed, at the
// raw offsets that -fix uses.
//
// Columns. x/tools columns count bytes; SARIF's columnKind has no byte
// unit, only "utf16CodeUnits" and "unicodeCodePoints". The log says
// utf16CodeUnits, the unit of LSP editors and of the JavaScript-based
// viewers (GitHub's, VS Code's SARIF viewer), and converts each column
// by reading its line; in ASCII text the numbers are the byte columns.
// A replacement's deletedRegion also carries byteOffset and byteLength,
// exact and independent of any column unit.
//
// URIs. A file inside a module is named relative to its module root
// (the directory of its go.mod) with uriBaseId "%SRCROOT%", which
// run.originalUriBaseIds maps to the root's absolute file:// URI; with
// several modules they are "%SRCROOT%", "%SRCROOT1%", ... Files outside
// every module get an absolute file:// URI.

import (
	"cmp"
	"fmt"
	"go/token"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/owenrumney/go-sarif/v2/sarif"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

const (
	toolName       = "wsvet"
	informationURI = "https://pkg.go.dev/github.com/wsvet/wsvet/cmd/wsvet"
	// schemaURI is the OASIS schema's own id (errata 01), the one go-sarif
	// v3 embeds and validates against.
	schemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	srcRootID = "%SRCROOT%"
)

// buildLog builds the log of one run: catalog are the rules, enabled
// the analyzers that ran, pkgErrs the errors of the loaded packages.
func buildLog(catalog, enabled []*analysis.Analyzer, initial []*packages.Package, graph *checker.Graph, pkgErrs []string) *sarif.Report {
	loc := newLocator(moduleRoots(initial))
	run := sarif.NewRunWithInformationURI(toolName, informationURI)
	run.Tool.Driver.WithVersion(version())
	for _, a := range catalog {
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, rule(a))
	}
	run.WithColumnKind("utf16CodeUnits")
	if bases := loc.baseIDs(); len(bases) > 0 {
		run.WithOriginalUriBaseIds(bases)
	}
	for _, f := range findings(graph) {
		run.AddResult(loc.result(f, slices.Index(catalog, f.analyzer)))
	}
	run.AddInvocations(invocation(catalog, enabled, graph, pkgErrs))
	return &sarif.Report{
		Version: string(sarif.Version210),
		Schema:  schemaURI,
		Runs:    []*sarif.Run{run},
	}
}

// writeLog writes the log as indented JSON ending in a newline.
func writeLog(w io.Writer, log *sarif.Report) error {
	if err := log.PrettyWrite(w); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// version is the main module's version, "(devel)" when built from a
// checkout.
func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}

// rule describes an analyzer: its Doc is "summary\n\ndescription", the
// summary being the "NAME: ..." line of its doc.go (analyzerdoc).
func rule(a *analysis.Analyzer) *sarif.ReportingDescriptor {
	short, full, _ := strings.Cut(a.Doc, "\n")
	r := sarif.NewRule(a.Name).WithShortDescription(sarif.NewMultiformatMessageString(strings.TrimSpace(short)))
	if full = strings.TrimSpace(full); full != "" {
		r.WithFullDescription(sarif.NewMultiformatMessageString(full))
	}
	if a.URL != "" {
		r.WithHelpURI(a.URL)
	}
	return r
}

// A finding is one diagnostic of a root action.
type finding struct {
	analyzer *analysis.Analyzer
	fset     *token.FileSet
	diag     analysis.Diagnostic
	pos      token.Position // adjusted, for order and deduplication
}

// findings returns the diagnostics of the root actions in a stable
// order, without duplicates: a file of package p is analyzed again in
// its test variant "p [p.test]", and the text output drops the repeat
// in the same way (by position, end, analyzer and message).
func findings(graph *checker.Graph) []finding {
	type key struct {
		pos, end token.Position
		name     string
		msg      string
	}
	seen := make(map[key]bool)
	var fs []finding
	for _, act := range graph.Roots {
		for _, d := range act.Diagnostics {
			fset := act.Package.Fset
			k := key{fset.Position(d.Pos), fset.Position(d.End), act.Analyzer.Name, d.Message}
			if seen[k] {
				continue
			}
			seen[k] = true
			fs = append(fs, finding{act.Analyzer, fset, d, k.pos})
		}
	}
	slices.SortStableFunc(fs, func(x, y finding) int {
		return cmp.Or(
			cmp.Compare(x.pos.Filename, y.pos.Filename),
			cmp.Compare(x.pos.Line, y.pos.Line),
			cmp.Compare(x.pos.Column, y.pos.Column),
			cmp.Compare(x.analyzer.Name, y.analyzer.Name),
			cmp.Compare(x.diag.Message, y.diag.Message))
	})
	return fs
}

// invocation records whether the run was complete: the package errors
// and the analyzer failures (only where they arise, not the "failed
// prerequisites" they cause downstream) become notifications, and the
// analyzers turned off by flags are rules disabled by configuration.
func invocation(catalog, enabled []*analysis.Analyzer, graph *checker.Graph, pkgErrs []string) *sarif.Invocation {
	var notes []*sarif.Notification
	for _, e := range pkgErrs {
		notes = append(notes, sarif.NewNotification().WithLevel("error").WithTextMessage(e))
	}
	for act := range graph.All() {
		if act.Err != nil && !slices.ContainsFunc(act.Deps, func(d *checker.Action) bool { return d.Err != nil }) {
			notes = append(notes, sarif.NewNotification().WithLevel("error").WithTextMessage(fmt.Sprintf("%s: %v", act, act.Err)))
		}
	}
	ok := len(notes) == 0
	inv := &sarif.Invocation{ExecutionSuccessful: &ok, ToolExecutionNotifications: notes}
	for i, a := range catalog {
		if !slices.Contains(enabled, a) {
			inv.RuleConfigurationOverrides = append(inv.RuleConfigurationOverrides, disabledRule(a, i))
		}
	}
	if wd, err := os.Getwd(); err == nil {
		inv.WorkingDirectory = sarif.NewSimpleArtifactLocation(dirURI(wd))
	}
	return inv
}

// disabledRule says that rule i (analyzer a) was turned off.
func disabledRule(a *analysis.Analyzer, i int) *sarif.ConfigurationOverride {
	off := false
	index := uint(i)
	return &sarif.ConfigurationOverride{
		Descriptor:    &sarif.ReportingDescriptorReference{Id: &a.Name, Index: &index},
		Configuration: &sarif.ReportingConfiguration{Enabled: &off},
	}
}

// A moduleRoot is the directory of a go.mod and its uriBaseId.
type moduleRoot struct {
	dir, id, path string
}

// moduleRoots returns the modules of the initial packages, the main
// modules first, and names their base ids.
func moduleRoots(initial []*packages.Package) []moduleRoot {
	var mods []*packages.Module
	for _, p := range initial {
		if m := p.Module; m != nil && m.Dir != "" && !slices.ContainsFunc(mods, func(o *packages.Module) bool { return o.Dir == m.Dir }) {
			mods = append(mods, m)
		}
	}
	slices.SortFunc(mods, func(x, y *packages.Module) int {
		if x.Main != y.Main {
			if x.Main {
				return -1
			}
			return 1
		}
		return cmp.Compare(x.Dir, y.Dir)
	})
	var roots []moduleRoot
	for i, m := range mods {
		id := srcRootID
		if i > 0 {
			id = fmt.Sprintf("%%SRCROOT%d%%", i)
		}
		roots = append(roots, moduleRoot{dir: m.Dir, id: id, path: m.Path})
	}
	return roots
}

// A locator turns token positions into SARIF locations, reading source
// files (once each) to count columns.
type locator struct {
	roots []moduleRoot // longest directory first, so nested modules win
	files map[string]*srcFile
}

// A srcFile is a file's content and the offsets at which its lines
// start; nil content if it could not be read.
type srcFile struct {
	data  []byte
	lines []int
}

func newLocator(roots []moduleRoot) *locator {
	byLen := slices.Clone(roots)
	slices.SortStableFunc(byLen, func(x, y moduleRoot) int { return cmp.Compare(len(y.dir), len(x.dir)) })
	return &locator{roots: byLen, files: make(map[string]*srcFile)}
}

// baseIDs maps each module root's base id to the root's URI.
func (l *locator) baseIDs() map[string]*sarif.ArtifactLocation {
	bases := make(map[string]*sarif.ArtifactLocation)
	for _, r := range l.roots {
		bases[r.id] = sarif.NewSimpleArtifactLocation(dirURI(r.dir)).WithDescriptionText("root of module " + r.path)
	}
	return bases
}

// result converts one finding of rule ruleIndex.
func (l *locator) result(f finding, ruleIndex int) *sarif.Result {
	d := f.diag
	r := sarif.NewRuleResult(f.analyzer.Name).
		WithRuleIndex(ruleIndex).
		WithLevel("warning").
		WithMessage(sarif.NewTextMessage(d.Message))
	if loc := l.location(f.fset, d.Pos, d.End); loc != nil {
		r.AddLocation(loc)
	}
	for i, rel := range d.Related {
		if loc := l.location(f.fset, rel.Pos, rel.End); loc != nil {
			r.AddRelatedLocation(loc.WithId(i + 1).WithMessage(sarif.NewTextMessage(rel.Message)))
		}
	}
	for _, sf := range d.SuggestedFixes {
		if fix := l.fix(f.fset, sf); fix != nil {
			r.AddFix(fix)
		}
	}
	return r
}

// location is the place [pos, end) as the user sees it (after //line
// directives); nil if pos is not valid. Without a valid end in the same
// file the region has no end, which SARIF reads as the rest of the line.
func (l *locator) location(fset *token.FileSet, pos, end token.Pos) *sarif.Location {
	start := fset.Position(pos)
	if !start.IsValid() {
		return nil
	}
	region := l.startRegion(start)
	if e := fset.Position(end); end.IsValid() && e.Filename == start.Filename && e.Offset >= start.Offset {
		l.endRegion(region, e)
	}
	return sarif.NewLocationWithPhysicalLocation(sarif.NewPhysicalLocation().
		WithArtifactLocation(l.artifact(start.Filename)).
		WithRegion(region))
}

// fix converts a suggested fix; its edits are in raw (unadjusted)
// positions, the ones -fix applies. nil if no edit has a valid position.
func (l *locator) fix(fset *token.FileSet, sf analysis.SuggestedFix) *sarif.Fix {
	var changes []*sarif.ArtifactChange
	var files []string
	for _, e := range sf.TextEdits {
		start, end := fset.PositionFor(e.Pos, false), fset.PositionFor(cmp.Or(e.End, e.Pos), false)
		if !start.IsValid() || end.Filename != start.Filename || end.Offset < start.Offset {
			continue // checker validates fixes; this would be an analyzer bug
		}
		region := l.startRegion(start)
		l.endRegion(region, end)
		region.WithByteOffset(start.Offset).WithByteLength(end.Offset - start.Offset)
		rep := sarif.NewReplacement(region).WithInsertedContent(sarif.NewArtifactContent().WithText(string(e.NewText)))
		i := slices.Index(files, start.Filename)
		if i < 0 {
			i = len(files)
			files = append(files, start.Filename)
			changes = append(changes, sarif.NewArtifactChange(l.artifact(start.Filename)))
		}
		changes[i].WithReplacement(rep)
	}
	if len(changes) == 0 {
		return nil
	}
	return sarif.NewFix().WithDescriptionText(sf.Message).WithArtifactChanges(changes)
}

// startRegion is a region starting at p.
func (l *locator) startRegion(p token.Position) *sarif.Region {
	r := sarif.NewRegion().WithStartLine(p.Line)
	if p.Column > 0 {
		r.WithStartColumn(l.column(p))
	}
	return r
}

// endRegion ends r at p.
func (l *locator) endRegion(r *sarif.Region, p token.Position) {
	r.WithEndLine(p.Line)
	if p.Column > 0 {
		r.WithEndColumn(l.column(p))
	}
}

// column converts p's byte column to UTF-16 code units, counted on the
// line as the file holds it; if the file or line cannot be read, it
// keeps the byte column.
func (l *locator) column(p token.Position) int {
	line, ok := l.line(p.Filename, p.Line)
	if !ok || p.Column-1 > len(line) {
		return p.Column
	}
	return utf16Len(line[:p.Column-1]) + 1
}

// line returns line n (1-based) of the file, without its newline.
func (l *locator) line(filename string, n int) ([]byte, bool) {
	f, ok := l.files[filename]
	if !ok {
		f = readSrcFile(filename)
		l.files[filename] = f
	}
	if f.data == nil || n < 1 || n > len(f.lines) {
		return nil, false
	}
	start, end := f.lines[n-1], len(f.data)
	if n < len(f.lines) {
		end = f.lines[n] - 1 // before the '\n'
	}
	return f.data[start:end], true
}

// readSrcFile reads a file and indexes its lines.
func readSrcFile(filename string) *srcFile {
	data, err := os.ReadFile(filename)
	if err != nil {
		return &srcFile{}
	}
	f := &srcFile{data: data, lines: []int{0}}
	for i, b := range data {
		if b == '\n' {
			f.lines = append(f.lines, i+1)
		}
	}
	return f
}

// utf16Len is the length of b in UTF-16 code units; an invalid byte
// counts as one (it stands for U+FFFD).
func utf16Len(b []byte) int {
	n := 0
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		n += max(utf16.RuneLen(r), 1)
		b = b[size:]
	}
	return n
}

// artifact names a file: relative to the module root that contains it,
// or by an absolute file URI.
func (l *locator) artifact(filename string) *sarif.ArtifactLocation {
	if abs, err := filepath.Abs(filename); err == nil {
		filename = abs
	}
	for _, r := range l.roots {
		if rel, ok := within(r.dir, filename); ok {
			return sarif.NewSimpleArtifactLocation(relURI(rel)).WithUriBaseId(r.id)
		}
	}
	return sarif.NewSimpleArtifactLocation(fileURI(filename))
}

// within returns path relative to dir if it lies inside dir.
func within(dir, path string) (string, bool) {
	rel, err := filepath.Rel(dir, path)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		return "", false
	}
	return rel, true
}

// relURI is a relative path as a URI reference: slashes, percent
// escapes, and "./" before a first segment with a colon.
func relURI(rel string) string {
	return (&url.URL{Path: filepath.ToSlash(rel)}).String()
}

// fileURI is the file:// URI of an absolute path (file:///C:/... on
// Windows).
func fileURI(abs string) string {
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

// dirURI is the file:// URI of a directory, ending in a slash as SARIF
// requires of a base URI.
func dirURI(dir string) string {
	u := fileURI(dir)
	if !strings.HasSuffix(u, "/") {
		u += "/"
	}
	return u
}
