package main_test

// End-to-end tests of `wsvet -sarif`: the log is valid SARIF 2.1.0, it
// holds exactly the diagnostics the sample's "want:" comments expect,
// its positions agree with x/tools' own -json output, and its fixes,
// applied to the files, give what -fix writes.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/format"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	sarifv3 "github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"
	"github.com/xeipuuv/gojsonschema"

	"github.com/wsvet/wsvet"
)

// The parts of a SARIF log the tests read.
type (
	sarifLog struct {
		Version string
		Runs    []sarifRun
	}
	sarifRun struct {
		Tool struct {
			Driver struct {
				Name, Version, InformationURI string
				Rules                         []struct {
					ID                                string
					ShortDescription, FullDescription sarifText
					HelpURI                           string
				}
			}
		}
		ColumnKind         string
		OriginalURIBaseIDs map[string]sarifArtifact
		Results            []sarifResult
		Invocations        []struct {
			ExecutionSuccessful        bool
			ToolExecutionNotifications []struct{ Message sarifText }
			RuleConfigurationOverrides []struct {
				Descriptor    struct{ ID string }
				Configuration struct{ Enabled bool }
			}
		}
	}
	sarifResult struct {
		RuleID           string
		RuleIndex        int
		Level            string
		Message          sarifText
		Locations        []sarifLocation
		RelatedLocations []sarifLocation
		Fixes            []struct {
			Description     sarifText
			ArtifactChanges []struct {
				ArtifactLocation sarifArtifact
				Replacements     []struct {
					DeletedRegion   sarifRegion
					InsertedContent sarifText
				}
			}
		}
	}
	sarifLocation struct {
		ID               int
		Message          sarifText
		PhysicalLocation struct {
			ArtifactLocation sarifArtifact
			Region           sarifRegion
		}
	}
	sarifArtifact struct{ URI, URIBaseID string }
	sarifRegion   struct {
		StartLine, StartColumn, EndLine, EndColumn int
		ByteOffset, ByteLength                     *int
	}
	sarifText struct{ Text string }
)

// runSplit runs a command in dir and returns its standard output, its
// standard error and its exit code.
func runSplit(t *testing.T, dir, name string, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if err != nil {
		ee, ok := err.(*exec.ExitError)
		if !ok {
			t.Fatalf("%s %s: %v", name, strings.Join(args, " "), err)
		}
		code = ee.ExitCode()
	}
	return stdout.String(), stderr.String(), code
}

// readSARIF validates a log against the SARIF 2.1.0 JSON schema and
// decodes it.
//
// The schema is the one go-sarif v3 embeds (an unexported constant of
// its v210/sarif package, read from the module's source). v3's own
// Report.Validate is not used: it validates the report after decoding
// it into v3's types, which write absent optional fields back as empty
// strings ("language": "") that the schema rejects, so it fails any log
// that omits them. Validating the bytes with gojsonschema, the
// validator v3 uses, checks what wsvet wrote.
func readSARIF(t *testing.T, data string) *sarifLog {
	t.Helper()
	if _, err := sarifv3.FromString(data); err != nil {
		t.Fatalf("go-sarif cannot read the log: %v\n%s", err, data)
	}
	res, err := gojsonschema.Validate(gojsonschema.NewStringLoader(sarifSchema(t)), gojsonschema.NewStringLoader(data))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range res.Errors() {
		t.Errorf("the log does not validate against the SARIF 2.1.0 schema: %s", e)
	}
	if !res.Valid() {
		t.FailNow()
	}
	var log sarifLog
	if err := json.Unmarshal([]byte(data), &log); err != nil {
		t.Fatal(err)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("version %q with %d runs, want 2.1.0 with one run", log.Version, len(log.Runs))
	}
	return &log
}

// sarifSchema returns the SARIF 2.1.0 schema embedded in go-sarif v3.
func sarifSchema(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/owenrumney/go-sarif/v3").Output()
	if err != nil {
		t.Fatalf("go list go-sarif/v3: %v", err)
	}
	src, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(out)), "pkg", "report", "v210", "sarif", "schema.go"))
	if err != nil {
		t.Fatal(err)
	}
	_, schema, ok := strings.Cut(string(src), "const schema = `")
	schema, _, ok2 := strings.Cut(schema, "`")
	if !ok || !ok2 || !strings.Contains(schema, `"Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"`) {
		t.Fatal("go-sarif/v3's schema.go no longer holds the SARIF 2.1.0 schema as `const schema`")
	}
	return schema
}

// jsonDiag is a diagnostic of `wsvet -json`, the reference for positions.
type jsonDiag struct {
	Posn, End, Message string
	SuggestedFixes     []struct {
		Message string
		Edits   []struct {
			Filename   string
			Start, End int
			New        string
		}
	} `json:"suggested_fixes"`
	Related []struct{ Posn, End, Message string }
}

// jsonDiags runs wsvet -json and returns its diagnostics by
// "analyzer posn message", dropping the repeats of test variants.
func jsonDiags(t *testing.T, dir string, args ...string) map[string]jsonDiag {
	t.Helper()
	out, stderr, _ := runSplit(t, dir, wsvetBin, append([]string{"-json"}, args...)...)
	var tree map[string]map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &tree); err != nil {
		t.Fatalf("wsvet -json: %v\n%s%s", err, out, stderr)
	}
	diags := make(map[string]jsonDiag)
	for _, byAnalyzer := range tree {
		for name, raw := range byAnalyzer {
			var ds []jsonDiag
			if err := json.Unmarshal(raw, &ds); err != nil {
				t.Fatalf("wsvet -json: %s: %s", name, raw) // an analysis error
			}
			for _, d := range ds {
				diags[name+" "+d.Posn+" "+d.Message] = d
			}
		}
	}
	return diags
}

// source reads files of the sample copy, indexed by absolute path.
type source map[string][]string

func (s source) line(t *testing.T, file string, n int) string {
	t.Helper()
	lines, ok := s[file]
	if !ok {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		lines = strings.SplitAfter(string(data), "\n")
		s[file] = lines
	}
	if n < 1 || n > len(lines) {
		t.Fatalf("%s has no line %d", file, n)
	}
	return lines[n-1]
}

// byteColumn converts a UTF-16 column of a line to a byte column.
func (s source) byteColumn(t *testing.T, file string, line, col int) int {
	t.Helper()
	text, units := s.line(t, file, line), 0
	for i, r := range text {
		if units == col-1 {
			return i + 1
		}
		units += len(utf16.Encode([]rune{r}))
	}
	if units == col-1 {
		return len(text) + 1
	}
	t.Fatalf("%s:%d has no UTF-16 column %d", file, line, col)
	return 0
}

// offset converts a UTF-16 line and column to a byte offset.
func (s source) offset(t *testing.T, file string, line, col int) int {
	t.Helper()
	off := 0
	for n := 1; n < line; n++ {
		off += len(s.line(t, file, n))
	}
	return off + s.byteColumn(t, file, line, col) - 1
}

// resolver turns artifact locations back into absolute paths.
type resolver map[string]string // base id -> directory

func newResolver(t *testing.T, sr *sarifRun) resolver {
	r := make(resolver)
	for id, base := range sr.OriginalURIBaseIDs {
		r[id] = filePath(t, base.URI)
	}
	return r
}

func filePath(t *testing.T, uri string) string {
	t.Helper()
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "file" {
		t.Fatalf("%q is not a file URI", uri)
	}
	return filepath.Clean(filepath.FromSlash(u.Path))
}

func (r resolver) path(t *testing.T, a sarifArtifact) string {
	t.Helper()
	if a.URIBaseID == "" {
		return filePath(t, a.URI)
	}
	dir, ok := r[a.URIBaseID]
	if !ok {
		t.Fatalf("uriBaseId %q is not in originalUriBaseIds", a.URIBaseID)
	}
	u, err := url.Parse(a.URI)
	if err != nil || u.IsAbs() || strings.HasPrefix(u.Path, "/") || slices.Contains(strings.Split(u.Path, "/"), "..") {
		t.Fatalf("uri %q is not a relative path inside its base", a.URI)
	}
	return filepath.Join(dir, filepath.FromSlash(u.Path))
}

// posn is a region's start or end as x/tools prints it: file:line:col
// with a byte column.
func (r resolver) posn(t *testing.T, src source, a sarifArtifact, line, col int) string {
	t.Helper()
	file := r.path(t, a)
	return fmt.Sprintf("%s:%d:%d", file, line, src.byteColumn(t, file, line, col))
}

// checkRegion checks that a location's region is well formed and is
// where -json puts the diagnostic: the same start, and the same end, or
// no end when -json's end is its start (a position without an end).
func checkRegion(t *testing.T, what string, r resolver, src source, loc sarifLocation, posn, end string) {
	t.Helper()
	a, g := loc.PhysicalLocation.ArtifactLocation, loc.PhysicalLocation.Region
	if g.StartLine < 1 || g.StartColumn < 1 {
		t.Errorf("%s: region %+v does not start at a line and column", what, g)
		return
	}
	if got := r.posn(t, src, a, g.StartLine, g.StartColumn); got != posn {
		t.Errorf("%s starts at %s, want %s (as -json)", what, got, posn)
	}
	if g.EndLine == 0 {
		if end != posn {
			t.Errorf("%s: region has no end, -json ends it at %s", what, end)
		}
		return
	}
	if g.EndLine < g.StartLine || g.EndLine == g.StartLine && g.EndColumn < g.StartColumn {
		t.Errorf("%s: region %+v ends before it starts", what, g)
	}
	if got := r.posn(t, src, a, g.EndLine, g.EndColumn); got != end {
		t.Errorf("%s ends at %s, want %s (as -json)", what, got, end)
	}
}

func TestSARIF(t *testing.T) {
	dir := sample(t)
	out, stderr, code := runSplit(t, dir, wsvetBin, "-sarif", "./...")
	if code != 0 {
		t.Fatalf("wsvet -sarif ./... exited %d:\n%s", code, stderr)
	}
	sr := &readSARIF(t, out).Runs[0]
	checkDriver(t, sr)
	if sr.ColumnKind != "utf16CodeUnits" {
		t.Errorf("columnKind %q, want utf16CodeUnits", sr.ColumnKind)
	}
	if inv := sr.Invocations; len(inv) != 1 || !inv[0].ExecutionSuccessful || len(inv[0].RuleConfigurationOverrides) != 0 {
		t.Errorf("invocations %+v, want one, successful, with no rule turned off", inv)
	}

	// The module root is the base of every relative URI.
	realDir, err := filepath.EvalSymlinks(dir)
	if err != nil {
		t.Fatal(err)
	}
	r := newResolver(t, sr)
	if got := r["%SRCROOT%"]; got != realDir && got != dir {
		t.Fatalf("originalUriBaseIds[%%SRCROOT%%] is %q, want the module root %s", got, dir)
	}

	// Exactly the expected results, compared as file:line ruleId.
	for _, res := range sr.Results {
		if a := res.Locations[0].PhysicalLocation.ArtifactLocation; a.URIBaseID != "%SRCROOT%" {
			t.Errorf("%s: uriBaseId %q, want %%SRCROOT%%", a.URI, a.URIBaseID)
		}
	}
	if got, want := resultKeys(t, sr), wantedKeys(t, dir, nil); !slices.Equal(got, want) {
		t.Errorf("results\n\t%v\nwant\n\t%v", got, want)
	}

	checkResults(t, dir, sr, r)
	checkFixesApply(t, dir, sr, r)
}

// resultKeys returns "file:line ruleId" of each result, sorted.
func resultKeys(t *testing.T, sr *sarifRun) []string {
	t.Helper()
	var keys []string
	for _, res := range sr.Results {
		if len(res.Locations) != 1 {
			t.Fatalf("result %q has %d locations, want 1", res.Message.Text, len(res.Locations))
		}
		loc := res.Locations[0].PhysicalLocation
		keys = append(keys, fmt.Sprintf("%s:%d %s", loc.ArtifactLocation.URI, loc.Region.StartLine, res.RuleID))
	}
	slices.Sort(keys)
	return keys
}

// wantedKeys returns "file:line ANALYZER" of each line of the sample
// that wants a diagnostic from an analyzer that keep accepts (nil: all).
func wantedKeys(t *testing.T, dir string, keep func(name string) bool) []string {
	t.Helper()
	var keys []string
	for pos, name := range wanted(t, dir) {
		name = strings.TrimSuffix(name, " (no fix")
		if keep == nil || keep(name) {
			keys = append(keys, filepath.ToSlash(pos)+" "+name)
		}
	}
	slices.Sort(keys)
	return keys
}

// checkDriver checks the tool: its name, version and one rule per
// analyzer of the suite, in order, with the analyzer's documentation.
func checkDriver(t *testing.T, sr *sarifRun) {
	t.Helper()
	d := sr.Tool.Driver
	if d.Name != "wsvet" || d.Version == "" || !strings.HasPrefix(d.InformationURI, "https://") {
		t.Errorf("driver %q version %q informationUri %q", d.Name, d.Version, d.InformationURI)
	}
	as := wsvet.Analyzers()
	if len(d.Rules) != len(as) {
		t.Fatalf("%d rules for %d analyzers", len(d.Rules), len(as))
	}
	for i, a := range as {
		short, full, _ := strings.Cut(a.Doc, "\n")
		r := d.Rules[i]
		if r.ID != a.Name || r.ShortDescription.Text != short || r.FullDescription.Text != strings.TrimSpace(full) || r.HelpURI != a.URL {
			t.Errorf("rule %d is %q (%q, helpUri %q), want analyzer %s (%q, %q)", i, r.ID, r.ShortDescription.Text, r.HelpURI, a.Name, short, a.URL)
		}
	}
}

// checkResults compares each result with the same diagnostic of -json:
// its rule, level, message, region, related locations and fixes.
func checkResults(t *testing.T, dir string, sr *sarifRun, r resolver) {
	t.Helper()
	diags := jsonDiags(t, dir, "./...")
	if len(diags) != len(sr.Results) {
		t.Errorf("%d results, -json has %d diagnostics", len(sr.Results), len(diags))
	}
	src := make(source)
	var related, fixes int
	noFix := make(map[string]bool)
	for pos, name := range wanted(t, dir) {
		noFix[filepath.ToSlash(pos)] = strings.HasSuffix(name, "(no fix")
	}
	for _, res := range sr.Results {
		loc := res.Locations[0]
		g := loc.PhysicalLocation.Region
		posn := r.posn(t, src, loc.PhysicalLocation.ArtifactLocation, g.StartLine, g.StartColumn)
		d, ok := diags[res.RuleID+" "+posn+" "+res.Message.Text]
		if !ok {
			t.Errorf("result %s %s %q is not a diagnostic of -json", res.RuleID, posn, res.Message.Text)
			continue
		}
		if rules := sr.Tool.Driver.Rules; res.RuleIndex < 0 || res.RuleIndex >= len(rules) || rules[res.RuleIndex].ID != res.RuleID {
			t.Errorf("%s: ruleIndex %d does not name rule %s", posn, res.RuleIndex, res.RuleID)
		}
		if res.Level != "warning" {
			t.Errorf("%s: level %q, want warning", posn, res.Level)
		}
		checkRegion(t, posn, r, src, loc, d.Posn, d.End)

		if len(res.RelatedLocations) != len(d.Related) {
			t.Errorf("%s: %d related locations, -json has %d", posn, len(res.RelatedLocations), len(d.Related))
		} else {
			for i, rel := range res.RelatedLocations {
				if rel.Message.Text != d.Related[i].Message {
					t.Errorf("%s: related location %q, want %q", posn, rel.Message.Text, d.Related[i].Message)
				}
				checkRegion(t, posn+" related "+strconv.Itoa(i), r, src, rel, d.Related[i].Posn, d.Related[i].End)
			}
		}
		related += len(res.RelatedLocations)

		key := fmt.Sprintf("%s:%d", loc.PhysicalLocation.ArtifactLocation.URI, g.StartLine)
		if noFix[key] != (len(res.Fixes) == 0) {
			t.Errorf("%s: %d fixes; the sample says %q", key, len(res.Fixes), map[bool]string{true: "no fix", false: "a fix"}[noFix[key]])
		}
		checkFixes(t, posn, r, src, res, d)
		fixes += len(res.Fixes)
	}
	if related == 0 || fixes == 0 {
		t.Errorf("the sample's log has %d related locations and %d fixes; it is meant to show both", related, fixes)
	}
}

// checkFixes checks that a result's fixes are -json's, edit for edit:
// the same file, byte offsets, line and column (converted), and text.
func checkFixes(t *testing.T, posn string, r resolver, src source, res sarifResult, d jsonDiag) {
	t.Helper()
	if len(res.Fixes) != len(d.SuggestedFixes) {
		t.Errorf("%s: %d fixes, -json has %d", posn, len(res.Fixes), len(d.SuggestedFixes))
		return
	}
	for i, fix := range res.Fixes {
		jf := d.SuggestedFixes[i]
		if fix.Description.Text != jf.Message {
			t.Errorf("%s: fix %q, want %q", posn, fix.Description.Text, jf.Message)
		}
		var edits []string
		for _, ch := range fix.ArtifactChanges {
			file := r.path(t, ch.ArtifactLocation)
			for _, rep := range ch.Replacements {
				g := rep.DeletedRegion
				if g.ByteOffset == nil || g.ByteLength == nil {
					t.Fatalf("%s: deletedRegion %+v has no byteOffset and byteLength", posn, g)
				}
				start, end := src.offset(t, file, g.StartLine, g.StartColumn), src.offset(t, file, g.EndLine, g.EndColumn)
				if start != *g.ByteOffset || end-start != *g.ByteLength {
					t.Errorf("%s: deletedRegion lines and columns give bytes [%d, %d), byteOffset and byteLength [%d, %d)", posn, start, end, *g.ByteOffset, *g.ByteOffset+*g.ByteLength)
				}
				edits = append(edits, fmt.Sprintf("%s [%d,%d) %q", file, start, end, rep.InsertedContent.Text))
			}
		}
		var want []string
		for _, e := range jf.Edits {
			want = append(want, fmt.Sprintf("%s [%d,%d) %q", e.Filename, e.Start, e.End, e.New))
		}
		if !slices.Equal(edits, want) {
			t.Errorf("%s: fix edits\n\t%q\nwant (-json)\n\t%q", posn, edits, want)
		}
	}
}

// checkFixesApply applies the first fix of each result, as -fix does,
// by the replacements' lines and columns, then gofmt (which -fix applies
// to the files it changes), and compares with what -fix writes.
func checkFixesApply(t *testing.T, dir string, sr *sarifRun, r resolver) {
	t.Helper()
	type edit struct {
		start, end int
		text       string
	}
	src := make(source)
	edits := make(map[string][]edit)
	for _, res := range sr.Results {
		if len(res.Fixes) == 0 {
			continue
		}
		for _, ch := range res.Fixes[0].ArtifactChanges {
			file := r.path(t, ch.ArtifactLocation)
			for _, rep := range ch.Replacements {
				g := rep.DeletedRegion
				e := edit{src.offset(t, file, g.StartLine, g.StartColumn), src.offset(t, file, g.EndLine, g.EndColumn), rep.InsertedContent.Text}
				if !slices.Contains(edits[file], e) {
					edits[file] = append(edits[file], e)
				}
			}
		}
	}
	applied := snapshot(t, dir)
	for file, es := range edits {
		slices.SortFunc(es, func(x, y edit) int { return y.start - x.start }) // from the end
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for i, e := range es {
			if i > 0 && e.end > es[i-1].start {
				t.Fatalf("%s: replacements [%d,%d) and [%d,%d) overlap", file, e.start, e.end, es[i-1].start, es[i-1].end)
			}
			data = slices.Concat(data[:e.start], []byte(e.text), data[e.end:])
		}
		if formatted, err := format.Source(data); err == nil {
			data = formatted
		}
		rel, err := filepath.Rel(r["%SRCROOT%"], file)
		if err != nil {
			t.Fatal(err)
		}
		applied[rel] = string(data)
	}

	fixed := sample(t)
	if out, code := run(t, fixed, wsvetBin, "-fix", "./..."); code != 0 {
		t.Fatalf("wsvet -fix failed (%d):\n%s", code, out)
	}
	want := snapshot(t, fixed)
	for file := range want {
		if applied[file] != want[file] {
			t.Errorf("%s: the SARIF fixes give\n%s\nwsvet -fix writes\n%s", file, applied[file], want[file])
		}
	}
	if len(edits) == 0 || sameFiles(applied, snapshot(t, dir)) {
		t.Error("the SARIF fixes change nothing")
	}
}

// TestSARIFExitCodes checks that -sarif exits as -json does, and with
// the codes the driver's comment gives.
func TestSARIFExitCodes(t *testing.T) {
	dir := sample(t)
	for _, tc := range []struct {
		args []string
		code int
	}{
		{[]string{"./..."}, 0}, // findings do not change the exit code
		{[]string{"./gen"}, 0}, // nothing to report
		{[]string{"./nope/..."}, 1},
		{[]string{"-nosuchflag", "./..."}, 2},
	} {
		out, stderr, code := runSplit(t, dir, wsvetBin, append([]string{"-sarif"}, tc.args...)...)
		_, _, jsonCode := runSplit(t, dir, wsvetBin, append([]string{"-json"}, tc.args...)...)
		if code != tc.code || code != jsonCode {
			t.Errorf("wsvet -sarif %v exited %d, -json %d; want %d:\n%s", tc.args, code, jsonCode, tc.code, stderr)
		}
		if code == 0 {
			if sr := readSARIF(t, out).Runs[0]; tc.args[0] == "./gen" && len(sr.Results) != 0 {
				t.Errorf("wsvet -sarif ./gen: %d results in generated code", len(sr.Results))
			}
		}
	}
	if _, stderr, code := runSplit(t, dir, wsvetBin, "-sarif", "-fix", "./..."); code != 2 || !strings.Contains(stderr, "cannot be combined") {
		t.Errorf("wsvet -sarif -fix exited %d:\n%s", code, stderr)
	}
}

// TestSARIFBadInput runs -sarif on a package with type errors: the
// errors on stderr, a non-zero exit (as -json), no panic, and a log that
// says the run was incomplete.
func TestSARIFBadInput(t *testing.T) {
	dir := sample(t)
	bad := "package broken\n\nimport \"github.com/gorilla/websocket\"\n\nfunc f(c *websocket.Conn) { for { c.ReadMessage(undefined) } }\n"
	if err := os.MkdirAll(filepath.Join(dir, "broken"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "broken", "broken.go"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	out, stderr, code := runSplit(t, dir, wsvetBin, "-sarif", "./broken")
	_, _, jsonCode := runSplit(t, dir, wsvetBin, "-json", "./broken")
	if code == 0 || code != jsonCode || !strings.Contains(stderr, "undefined") || strings.Contains(stderr, "panic") {
		t.Fatalf("wsvet -sarif on a broken package exited %d (-json: %d):\n%s", code, jsonCode, stderr)
	}
	inv := readSARIF(t, out).Runs[0].Invocations
	if len(inv) != 1 || inv[0].ExecutionSuccessful || !slices.ContainsFunc(inv[0].ToolExecutionNotifications, func(n struct{ Message sarifText }) bool {
		return strings.Contains(n.Message.Text, "undefined")
	}) {
		t.Errorf("the log of a broken package: invocations %+v, want one, not successful, naming the error", inv)
	}
}

// TestSARIFFlags checks the flags -sarif shares with the standalone
// mode: tests are analyzed (without repeating the results of the test
// variant), -tags selects files, -NAME=false turns an analyzer off.
func TestSARIFFlags(t *testing.T) {
	dir := sample(t)
	test := "package gorillaserver\n\nimport \"testing\"\n\nfunc TestNothing(t *testing.T) {}\n"
	if err := os.WriteFile(filepath.Join(dir, "gorillaserver", "nothing_test.go"), []byte(test), 0o644); err != nil {
		t.Fatal(err)
	}
	out, stderr, _ := runSplit(t, dir, wsvetBin, "-sarif", "./...")
	if got, want := resultKeys(t, &readSARIF(t, out).Runs[0]), wantedKeys(t, dir, nil); !slices.Equal(got, want) {
		t.Errorf("with a test file: results\n\t%v\nwant\n\t%v\n%s", got, want, stderr)
	}

	// tagged_never.go's loop is reported only under -tags=never.
	var never string
	data, err := os.ReadFile(filepath.Join(dir, "tagged", "tagged_never.go"))
	if err != nil {
		t.Fatal(err)
	}
	for i, line := range strings.Split(string(data), "\n") {
		if strings.Contains(line, ".ReadMessage()") {
			never = fmt.Sprintf("tagged/tagged_never.go:%d", i+1)
		}
	}
	for _, tags := range []string{"", "-tags=never"} {
		args := []string{"-sarif", "./tagged"}
		if tags != "" {
			args = []string{"-sarif", tags, "./tagged"}
		}
		out, _, _ := runSplit(t, dir, wsvetBin, args...)
		found := slices.ContainsFunc(resultKeys(t, &readSARIF(t, out).Runs[0]), func(k string) bool { return strings.HasPrefix(k, never+" ") })
		if found != (tags != "") {
			t.Errorf("wsvet %v: a result at %s is %v", args, never, found)
		}
	}

	// Turning an analyzer off drops its results and says so in the log.
	off := wsvet.Analyzers()[0].Name
	out, _, _ = runSplit(t, dir, wsvetBin, "-sarif", "-"+off+"=false", "./...")
	sr := readSARIF(t, out).Runs[0]
	if got, want := resultKeys(t, &sr), wantedKeys(t, dir, func(name string) bool { return name != off }); !slices.Equal(got, want) {
		t.Errorf("-%s=false: results\n\t%v\nwant\n\t%v", off, got, want)
	}
	if o := sr.Invocations[0].RuleConfigurationOverrides; len(o) != 1 || o[0].Descriptor.ID != off || o[0].Configuration.Enabled {
		t.Errorf("-%s=false: ruleConfigurationOverrides %+v, want %s disabled", off, o, off)
	}
	if len(sr.Tool.Driver.Rules) != len(wsvet.Analyzers()) {
		t.Errorf("-%s=false: %d rules, want all %d analyzers", off, len(sr.Tool.Driver.Rules), len(wsvet.Analyzers()))
	}
}
