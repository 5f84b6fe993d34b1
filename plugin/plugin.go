// Package plugin plugs wsvet into golangci-lint v2 as a module plugin.
//
// Build a custom golangci-lint that includes it with `golangci-lint
// custom` (see .custom-gcl.yml in the README) or with go build (a main
// package of golangci-lint's own cmd/golangci-lint/main.go plus a blank
// import of this package), then enable it in .golangci.yml:
//
//	linters:
//	  enable: [wsvet]
//	  settings:
//	    custom:
//	      wsvet:
//	        type: module
//	        settings:
//	          disable: [connleak]
//
// The plugin runs exactly the analyzers of the wsvet command
// (wsvet.Analyzers), less the disabled ones.
package plugin

import (
	"fmt"
	"slices"
	"strings"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/wsvet/wsvet"
)

func init() {
	register.Plugin("wsvet", New)
}

// Settings are the plugin's settings in .golangci.yml.
type Settings struct {
	// Disable names analyzers not to run: readloop, writeafterclose,
	// connleak.
	Disable []string `json:"disable"`
}

type plugin struct {
	analyzers []*analysis.Analyzer
}

// New decodes the settings and selects the analyzers. An unknown
// setting or analyzer name is an error that names it.
func New(conf any) (register.LinterPlugin, error) {
	s, err := register.DecodeSettings[Settings](conf)
	if err != nil {
		return nil, fmt.Errorf("wsvet: invalid settings (known: disable): %w", err)
	}
	all := wsvet.Analyzers()
	var names []string
	for _, a := range all {
		names = append(names, a.Name)
	}
	for _, d := range s.Disable {
		if !slices.Contains(names, d) {
			return nil, fmt.Errorf("wsvet: unknown analyzer %q in disable (known: %s)", d, strings.Join(names, ", "))
		}
	}
	p := &plugin{}
	for _, a := range all {
		if !slices.Contains(s.Disable, a.Name) {
			p.analyzers = append(p.analyzers, a)
		}
	}
	return p, nil
}

// BuildAnalyzers returns the selected analyzers.
func (p *plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	return p.analyzers, nil
}

// GetLoadMode asks for type information: the analyzers build SSA.
func (p *plugin) GetLoadMode() string { return register.LoadModeTypesInfo }
