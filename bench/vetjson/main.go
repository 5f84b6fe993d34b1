// Command vetjson reads the output of `go vet -json` (a stream of JSON
// objects, one per package, with any "# pkg" header lines between them)
// on its standard input and prints one tab-separated line per entry:
//
//	DIAG	posn	analyzer	message
//	ERROR	package	analyzer	error
//
// Related information is appended to the message as " [related: posn msg]",
// each suggested fix as " [fix: msg]".
// Lines that are neither JSON nor "# pkg" headers are printed as
// "OTHER	line": a vet tool that panicked or failed to type-check prints
// such lines. The benchmark's check.sh uses it to count diagnostics and
// analysis errors.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

type diag struct {
	Posn    string `json:"posn"`
	Message string `json:"message"`
	Related []struct {
		Posn    string `json:"posn"`
		Message string `json:"message"`
	} `json:"related"`
	Fixes []struct {
		Message string `json:"message"`
	} `json:"suggested_fixes"`
}

func main() {
	in, err := io.ReadAll(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, "vetjson:", err)
		os.Exit(1)
	}
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	var js bytes.Buffer
	depth := 0
	flush := func() {
		var tree map[string]map[string]json.RawMessage
		if err := json.Unmarshal(js.Bytes(), &tree); err != nil {
			fmt.Fprintf(w, "OTHER\tbad JSON: %v\n", err)
		}
		js.Reset()
		pkgs := keys(tree)
		for _, pkg := range pkgs {
			for _, an := range keys(tree[pkg]) {
				raw := tree[pkg][an]
				var e struct {
					Error string `json:"error"`
				}
				if bytes.HasPrefix(bytes.TrimSpace(raw), []byte("{")) {
					json.Unmarshal(raw, &e)
					fmt.Fprintf(w, "ERROR\t%s\t%s\t%s\n", pkg, an, oneLine(e.Error))
					continue
				}
				var ds []diag
				if err := json.Unmarshal(raw, &ds); err != nil {
					fmt.Fprintf(w, "OTHER\tbad diagnostics of %s %s: %v\n", pkg, an, err)
					continue
				}
				for _, d := range ds {
					msg := d.Message
					for _, r := range d.Related {
						msg += fmt.Sprintf(" [related: %s %s]", r.Posn, r.Message)
					}
					for _, f := range d.Fixes {
						msg += fmt.Sprintf(" [fix: %s]", f.Message)
					}
					fmt.Fprintf(w, "DIAG\t%s\t%s\t%s\n", d.Posn, an, oneLine(msg))
				}
			}
		}
	}
	for line := range strings.SplitSeq(string(in), "\n") {
		switch {
		case depth == 0 && strings.TrimSpace(line) == "":
		case depth == 0 && strings.HasPrefix(line, "# "):
		case depth > 0 || strings.HasPrefix(line, "{"):
			js.WriteString(line)
			js.WriteByte('\n')
			depth += strings.Count(line, "{") - strings.Count(line, "}")
			if depth == 0 {
				flush()
			}
		default:
			fmt.Fprintf(w, "OTHER\t%s\n", line)
		}
	}
	if js.Len() > 0 {
		fmt.Fprintln(w, "OTHER\ttruncated JSON")
	}
}

func keys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
