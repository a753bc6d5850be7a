package jsonout_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/thidua/thidua/internal/reporttest"
	"github.com/thidua/thidua/pkg/cli"
	"github.com/thidua/thidua/pkg/report"
	"github.com/thidua/thidua/pkg/report/jsonout"
	"github.com/thidua/thidua/pkg/score"
)

// The JSON Schemas of docs/outputs.md, checked here against what thidua
// really writes: every golden JSON, and the JSON of a real run of the demo
// (report --json and validate --json). The validator is
// github.com/santhosh-tekuri/jsonschema/v6 (draft 2020-12), used by tests
// only.

var schemaDir = filepath.Join("..", "..", "..", "docs", "schema")

func compileSchema(t *testing.T, name string) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	sch, err := c.Compile(filepath.Join(schemaDir, name))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return sch
}

// decode reads a JSON document as the validator wants it: numbers as
// json.Number, so that they keep their exact text.
func decode(t *testing.T, name string, data []byte) any {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: not JSON: %v", name, err)
	}
	return doc
}

// reDecimal is how thidua writes a number: exact decimal text with at most
// two decimals and no trailing zero in them (89.5, 18, 86.25, -3).
var reDecimal = regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]?[1-9])?$`)

// checkNumbers reports every number of doc that is not written as
// reDecimal says, with its JSON path. (The schema cannot say it:
// multipleOf 0.01 is decided in binary floating point by many validators.)
func checkNumbers(doc any, path string) []string {
	var bad []string
	switch v := doc.(type) {
	case json.Number:
		if !reDecimal.MatchString(string(v)) {
			bad = append(bad, fmt.Sprintf("%s: %s", path, v))
		}
	case map[string]any:
		for k, x := range v {
			bad = append(bad, checkNumbers(x, path+"/"+k)...)
		}
	case []any:
		for i, x := range v {
			bad = append(bad, checkNumbers(x, fmt.Sprintf("%s/%d", path, i))...)
		}
	}
	return bad
}

// validate checks one document against sch and its numbers' text.
func validate(t *testing.T, sch *jsonschema.Schema, name string, data []byte) {
	t.Helper()
	doc := decode(t, name, data)
	if err := sch.Validate(doc); err != nil {
		t.Errorf("%s does not match the schema:\n%v", name, err)
	}
	for _, b := range checkNumbers(doc, "") {
		t.Errorf("%s: number not written as exact decimal text with at most two decimals: %s", name, b)
	}
}

func TestSchemaGoldenJSON(t *testing.T) {
	sch := compileSchema(t, "thidua.report.v1.json")
	files, err := filepath.Glob(filepath.Join("..", "..", "..", "testdata", "golden", "jsonout", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden JSON found (%v)", err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		validate(t, sch, filepath.Base(f), data)
	}
}

// TestSchemaDemoRun runs the demo (every file status, diagnostics, a late
// unit, missing units) through the real command line and validates what
// `report --json` and `validate --json` print.
func TestSchemaDemoRun(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the demo")
	}
	report := compileSchema(t, "thidua.report.v1.json")
	validateSch := compileSchema(t, "thidua.validate.v1.json")
	t.Chdir(t.TempDir())
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(".", ".config")) // keep the user's own config out

	s, out, errb := cli.Test()
	if code := cli.Main([]string{"report", "--demo", "--date", "2026-10-10", "--format", "json", "--json", "-q"}, s); code != cli.ExitOK {
		t.Fatalf("report --demo: exit %d\n%s", code, errb)
	}
	validate(t, report, "report --demo --json", out.Bytes())
	var rep struct{ Files []struct{ Status string } }
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, f := range rep.Files {
		seen[f.Status] = true
	}
	for _, st := range []string{"scored", "rejected", "skipped", "duplicate"} {
		if !seen[st] {
			t.Errorf("the demo has no %s file: the run no longer covers that status", st)
		}
	}

	s, out, errb = cli.Test()
	code := cli.Main([]string{"validate", "--no-config", "--json", "-q", filepath.Join("thidua-demo", "phieu")}, s)
	if code != cli.ExitOK && code != cli.ExitProblems {
		t.Fatalf("validate --json: exit %d\n%s", code, errb)
	}
	validate(t, validateSch, "validate --json", out.Bytes())
	var val struct{ Files []any }
	if err := json.Unmarshal(out.Bytes(), &val); err != nil || len(val.Files) == 0 {
		t.Errorf("validate --json lists no file (%v)", err)
	}
}

// TestSchemaRejects makes sure the schema test can fail: documents with a
// wrong type, an unknown status, a missing or an unknown field, and
// numbers written otherwise than jsonout writes them.
func TestSchemaRejects(t *testing.T) {
	sch := compileSchema(t, "thidua.report.v1.json")
	data, err := os.ReadFile(filepath.Join("..", "..", "..", "testdata", "golden", "jsonout", "quarter-vi.json"))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		edit func(doc map[string]any)
	}{
		{"rank as a string", func(d map[string]any) { unit0(d)["rank"] = "1" }},
		{"total as a string", func(d map[string]any) { unit0(d)["total"] = "89,5" }},
		{"negative total", func(d map[string]any) { unit0(d)["total"] = json.Number("-1") }},
		{"flags null", func(d map[string]any) { unit0(d)["flags"] = nil }},
		{"unknown flag", func(d map[string]any) { unit0(d)["flags"] = []any{"xuất sắc"} }},
		{"unknown status", func(d map[string]any) { d["files"].([]any)[0].(map[string]any)["status"] = "ok" }},
		{"unknown severity", func(d map[string]any) { d["diagnostics"].([]any)[0].(map[string]any)["severity"] = "info" }},
		{"missing average", func(d map[string]any) { delete(d["summary"].(map[string]any), "average") }},
		{"unknown field", func(d map[string]any) { unit0(d)["score"] = json.Number("1") }},
		{"other schema", func(d map[string]any) { d["schema"] = "thidua.report/v2" }},
		{"period code", func(d map[string]any) { d["period"].(map[string]any)["code"] = "Q3/2026" }},
		{"change with both shapes", func(d map[string]any) {
			unit0(d)["change"] = map[string]any{"points": json.Number("1"), "rank": json.Number("0"), "new": true}
		}},
	}
	for _, tc := range cases {
		doc := decode(t, tc.name, data).(map[string]any)
		tc.edit(doc)
		if err := sch.Validate(doc); err == nil {
			t.Errorf("%s: the schema accepts it", tc.name)
		}
	}
	for _, n := range []string{"89.50", "1e2", "8.125", "007"} {
		if bad := checkNumbers(json.Number(n), ""); len(bad) == 0 {
			t.Errorf("checkNumbers accepts %s", n)
		}
	}
}

func unit0(d map[string]any) map[string]any {
	return d["units"].([]any)[0].(map[string]any)
}

// TestSchemaSharedDefs keeps the file entries of the two schemas the same:
// validate's "files" have the shape of report's.
func TestSchemaSharedDefs(t *testing.T) {
	defs := func(name string) map[string]any {
		data, err := os.ReadFile(filepath.Join(schemaDir, name))
		if err != nil {
			t.Fatal(err)
		}
		var s struct {
			Defs map[string]any `json:"$defs"`
		}
		if err := json.Unmarshal(data, &s); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return s.Defs
	}
	rep, val := defs("thidua.report.v1.json"), defs("thidua.validate.v1.json")
	for _, k := range []string{"file", "fileDiagnostic", "severity", "diagCode"} {
		if !reflect.DeepEqual(rep[k], val[k]) {
			t.Errorf("$defs/%s differs between the report and the validate schema", k)
		}
	}
	// Every schema file in docs/schema is one of the two.
	entries, err := os.ReadDir(schemaDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if n := e.Name(); strings.HasSuffix(n, ".json") && n != "thidua.report.v1.json" && n != "thidua.validate.v1.json" {
			t.Errorf("docs/schema/%s is not checked by any test", n)
		}
	}
}

// TestSchemaEvaluatorsAndMax: the fields of real criteria tables (the
// unit's own maximum, không xét, the evaluators counted and missing) are
// written and valid.
func TestSchemaEvaluatorsAndMax(t *testing.T) {
	r := reporttest.Result()
	u := &r.Units[0]
	u.MaxApplicable = r.Campaign.Scale - 2000 // a content of 20 does not apply
	u.Excluded, u.Band = true, ""
	u.Flags = append(u.Flags, score.FlagExcluded)
	u.Evaluations = []score.Evaluation{{Evaluator: score.EvaluatorRef{Code: "STC", Name: "Sở Tài chính"}}, {Evaluator: score.EvaluatorRef{Code: "SXD"}}}
	r.Units[1].MaxApplicable = r.Campaign.Scale // the same as the scale: no max
	r.Evaluators = []score.EvaluatorStatus{
		{EvaluatorRef: score.EvaluatorRef{Code: "STC", Name: "Sở Tài chính"}, Expected: true, Units: 6},
		{EvaluatorRef: score.EvaluatorRef{Code: "SNV", Name: "Sở Nội vụ"}, Expected: true, Missing: true},
	}
	var buf bytes.Buffer
	if _, err := jsonout.Write(&buf, r, report.Meta{}); err != nil {
		t.Fatal(err)
	}
	validate(t, compileSchema(t, "thidua.report.v1.json"), "evaluators", buf.Bytes())
	var doc struct {
		Units []struct {
			Code       string              `json:"code"`
			Band       *string             `json:"band"`
			Max        json.RawMessage     `json:"max"`
			Excluded   bool                `json:"excluded"`
			Evaluators []jsonout.Evaluator `json:"evaluators"`
		} `json:"units"`
		MissingEvaluators []jsonout.Evaluator `json:"missing_evaluators"`
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	u0, u1 := doc.Units[0], doc.Units[1]
	if string(u0.Max) != "80" || !u0.Excluded || u0.Band == nil || *u0.Band != "" {
		t.Errorf("unit 0: max %s, excluded %v, band %v", u0.Max, u0.Excluded, u0.Band)
	}
	if fmt.Sprint(u0.Evaluators) != "[{STC Sở Tài chính} {SXD SXD}]" {
		t.Errorf("unit 0 evaluators %v", u0.Evaluators)
	}
	if u1.Max != nil || u1.Excluded || u1.Evaluators != nil {
		t.Errorf("unit 1: max %s, excluded %v, evaluators %v", u1.Max, u1.Excluded, u1.Evaluators)
	}
	if fmt.Sprint(doc.MissingEvaluators) != "[{SNV Sở Nội vụ}]" {
		t.Errorf("missing evaluators %v", doc.MissingEvaluators)
	}
}
