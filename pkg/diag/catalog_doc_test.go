package diag

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite docs/diagnostics.md from the catalog")

// diagnosticsDoc renders the one table of every diagnostic code.
func diagnosticsDoc() string {
	codes := Codes()
	keys := make([]string, 0, len(codes))
	for k := range codes {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	esc := func(s string) string {
		s = strings.ReplaceAll(s, "|", `\|`)
		return strings.ReplaceAll(s, "\n", " ")
	}
	var b strings.Builder
	b.WriteString("# Diagnostic codes\n\n")
	b.WriteString("Every problem thidua reports has a stable code. An **error** rejects the form (or the run);\n")
	b.WriteString("a **warning** or a **note** does not. `%s`, `%q`, `%d` stand for the file's own values.\n")
	b.WriteString("Ranges: TD0xx criteria table, TD1xx files and workbooks, TD2xx cells of a form, TD3xx roster,\n")
	b.WriteString("period and scoring, TD4xx council review, TD5xx outputs.\n\n")
	b.WriteString("This file is generated from the catalog (pkg/diag): `go test ./pkg/diag -run TestDiagnosticsDoc -update`.\n\n")
	b.WriteString("| code | severity | message (vi) | message (en) |\n| --- | --- | --- | --- |\n")
	for _, k := range keys {
		e := codes[k]
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", k, e[0], esc(e[1]), esc(e[2]))
	}
	return b.String()
}

// TestDiagnosticsDoc fails when docs/diagnostics.md does not list the
// catalog as it is; run with -update to regenerate it.
func TestDiagnosticsDoc(t *testing.T) {
	path := filepath.Join("..", "..", "docs", "diagnostics.md")
	want := diagnosticsDoc()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run: go test ./pkg/diag -run TestDiagnosticsDoc -update)", err)
	}
	if string(got) != want {
		t.Fatalf("%s is stale: run go test ./pkg/diag -run TestDiagnosticsDoc -update", path)
	}
}

// TestCatalogMessages checks every code has both languages and matching
// format verbs, and a severity.
func TestCatalogMessages(t *testing.T) {
	verbs := func(s string) string {
		var out []string
		for i := 0; i < len(s)-1; i++ {
			if s[i] == '%' {
				if s[i+1] == '%' {
					i++
					continue
				}
				out = append(out, string(s[i+1]))
			}
		}
		sort.Strings(out)
		return strings.Join(out, "")
	}
	for code, e := range Codes() {
		if e[1] == "" || e[2] == "" {
			t.Errorf("%s: a message is empty", code)
		}
		if verbs(e[1]) != verbs(e[2]) {
			t.Errorf("%s: vi and en take different arguments: %q vs %q", code, e[1], e[2])
		}
		if e[0] == "unknown" {
			t.Errorf("%s: no severity", code)
		}
	}
}
