package plugin

import (
	"slices"
	"strings"
	"testing"

	"github.com/golangci/plugin-module-register/register"

	"github.com/wsvet/wsvet"
)

func names(t *testing.T, p register.LinterPlugin) []string {
	t.Helper()
	as, err := p.BuildAnalyzers()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, a := range as {
		out = append(out, a.Name)
	}
	return out
}

func TestRegistered(t *testing.T) {
	newPlugin, err := register.GetPlugin("wsvet")
	if err != nil {
		t.Fatal(err)
	}
	p, err := newPlugin(nil)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, a := range wsvet.Analyzers() {
		want = append(want, a.Name)
	}
	if got := names(t, p); !slices.Equal(got, want) {
		t.Errorf("analyzers = %v, want the command's %v", got, want)
	}
	if p.GetLoadMode() != register.LoadModeTypesInfo {
		t.Errorf("load mode = %q, want typesinfo", p.GetLoadMode())
	}
}

func TestDisable(t *testing.T) {
	p, err := New(map[string]any{"disable": []any{"connleak"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := names(t, p); slices.Contains(got, "connleak") || len(got) != len(wsvet.Analyzers())-1 {
		t.Errorf("with connleak disabled: %v", got)
	}
}

func TestBadSettings(t *testing.T) {
	for _, tc := range []struct {
		conf any
		want string
	}{
		{map[string]any{"disabled": []any{"connleak"}}, `unknown field "disabled"`},
		{map[string]any{"disable": []any{"readloops"}}, `unknown analyzer "readloops"`},
	} {
		_, err := New(tc.conf)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("New(%v) = %v, want an error containing %q", tc.conf, err, tc.want)
		}
	}
}
