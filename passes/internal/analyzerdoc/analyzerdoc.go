// Package analyzerdoc extracts an analyzer's documentation from the
// package comment of its doc.go file, so that the comment is the one
// source of both pkg.go.dev pages and `wsvet help NAME`.
//
// It follows the convention of x/tools' internal analyzerutil (which
// cannot be imported): a heading "# Analyzer NAME", then a line
// "NAME: summary", then the full description up to the next heading.
package analyzerdoc

import (
	"fmt"
	"strings"
)

// MustExtract is like Extract but panics on error; use it to
// initialize an analyzer's Doc field from an embedded doc.go.
func MustExtract(content, name string) string {
	doc, err := Extract(content, name)
	if err != nil {
		panic(err)
	}
	return doc
}

// Extract returns the section of the package doc comment in content that
// documents the analyzer name, without the "name:" prefix.
//
// It reads the // comment block right above the package clause as text
// rather than with go/parser: it runs at every start of the tool, and
// under go vet the tool starts once per package of the build graph.
func Extract(content, name string) (string, error) {
	if content == "" {
		return "", fmt.Errorf("empty Go source file")
	}
	lines := strings.Split(content, "\n")
	pkg := -1
	for i, line := range lines {
		if strings.HasPrefix(line, "package ") {
			pkg = i
			break
		}
	}
	if pkg < 0 {
		return "", fmt.Errorf("not a Go source file: no package clause")
	}
	start := pkg
	for start > 0 && strings.HasPrefix(lines[start-1], "//") {
		start--
	}
	if start == pkg {
		return "", fmt.Errorf("no package doc comment")
	}
	var text []string
	for _, line := range lines[start:pkg] {
		line = strings.TrimPrefix(line, "//")
		line = strings.TrimPrefix(line, " ")
		text = append(text, strings.TrimRight(line, " \t\r"))
	}
	doc := strings.Join(text, "\n") + "\n"
	for section := range strings.SplitSeq(doc, "\n# ") {
		body, ok := strings.CutPrefix(section, "Analyzer "+name)
		if !ok || body == "" || (body[0] != '\n' && body[0] != '\r') {
			continue
		}
		body = strings.TrimSpace(body)
		rest, ok := strings.CutPrefix(body, name+":")
		if !ok {
			return "", fmt.Errorf("'Analyzer %s' heading not followed by '%s: summary...' line", name, name)
		}
		return strings.TrimSpace(rest), nil
	}
	return "", fmt.Errorf("package doc comment contains no 'Analyzer %s' heading", name)
}
