package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/pflag"

	"github.com/thidua/thidua/pkg/diag"
)

func writeFile(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "thidua.yaml")
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestEmbeddedDefault(t *testing.T) {
	cfg, err := Load(LoadOptions{NoConfig: true})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(cfg.Campaign.Contents); n != 6 {
		t.Errorf("contents = %d, want 6", n)
	}
	if cfg.Campaign.Scale != 10000 {
		t.Errorf("scale = %d, want 10000 hundredths", cfg.Campaign.Scale)
	}
	if l := cfg.Campaign.Check(); len(l) != 0 {
		t.Errorf("default campaign has findings: %v", l)
	}
	if len(cfg.Units) < 10 {
		t.Errorf("roster has %d units, want about a dozen", len(cfg.Units))
	}
	groups := map[string]bool{}
	for _, u := range cfg.Units {
		groups[u.Group] = true
	}
	if len(groups) < 2 {
		t.Errorf("roster groups = %v, want several", groups)
	}
	var sanctions int
	for _, it := range cfg.Campaign.Deductions.Items {
		if it.Sanction != "" {
			sanctions++
		}
	}
	if sanctions == 0 || len(cfg.Campaign.Bonus.Items) == 0 {
		t.Error("default needs bonus items and a deduction with a sanction")
	}
	if cfg.Lang != "vi" || cfg.LogFormat != "text" {
		t.Errorf("defaults lang=%q log_format=%q", cfg.Lang, cfg.LogFormat)
	}
}

// TestLayering checks flag > THIDUA_* env > file > embedded default.
func TestLayering(t *testing.T) {
	file := writeFile(t, "lang: en\nperiod: 2026-Q1\noutput: from-file\nformat: json\ndeadline_days: 9\norganization: {name: \"SỞ Y TẾ\"}\n")
	tests := []struct {
		name                  string
		env                   map[string]string
		flags                 []string
		wantOut, wantPeriod   string
		wantFormat, wantOrgNm string
		wantDeadline          int
	}{
		{"file over default", nil, nil, "from-file", "2026-Q1", "json", "SỞ Y TẾ", 9},
		{"env over file", map[string]string{"THIDUA_OUTPUT": "from-env", "THIDUA_PERIOD": "2026-Q2", "THIDUA_DEADLINE_DAYS": "3", "THIDUA_ORGANIZATION_NAME": "SỞ XÂY DỰNG"}, nil, "from-env", "2026-Q2", "json", "SỞ XÂY DỰNG", 3},
		{"flag over env", map[string]string{"THIDUA_OUTPUT": "from-env", "THIDUA_FORMAT": "csv"}, []string{"--output", "from-flag"}, "from-flag", "2026-Q1", "csv", "SỞ Y TẾ", 9},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			fs := pflag.NewFlagSet("t", pflag.ContinueOnError)
			fs.String("output", "", "")
			fs.String("period", "", "")
			fs.String("format", "xlsx", "")
			if err := fs.Parse(tt.flags); err != nil {
				t.Fatal(err)
			}
			cfg, err := Load(LoadOptions{File: file, Flags: fs, Formats: []string{"xlsx", "pdf", "json", "csv"}})
			if err != nil {
				t.Fatal(err)
			}
			if cfg.Output != tt.wantOut || cfg.Period.Code() != tt.wantPeriod || strings.Join(cfg.Formats, ",") != tt.wantFormat || cfg.Organization.Name != tt.wantOrgNm || cfg.DeadlineDays != tt.wantDeadline {
				t.Errorf("got output=%q period=%q format=%q org=%q deadline=%d", cfg.Output, cfg.Period.Code(), cfg.Formats, cfg.Organization.Name, cfg.DeadlineDays)
			}
			// The file did not set the campaign: the embedded one is used whole.
			if len(cfg.Campaign.Contents) != 6 {
				t.Errorf("campaign not taken from the default")
			}
			// The file set organization.name only: the file replaces the
			// whole organization (top-level keys are not merged).
			if cfg.Organization.Parent != "" {
				t.Errorf("organization merged with the default: parent=%q", cfg.Organization.Parent)
			}
		})
	}
}

func TestStrictDecoding(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"top-level typo", "organisation: {name: x}\n", `thidua.yaml:1: khóa cấu hình không hợp lệ "organisation"`},
		{"nested typo", "signer:\n  name: A\n  titel: B\n", `thidua.yaml:3: khóa cấu hình không hợp lệ "titel"`},
		{"deep in the tree", "campaign:\n  code: c\n  contents:\n    - code: \"1\"\n      criteria:\n        - {code: \"1.1\", mx: 3}\n", `thidua.yaml:6: khóa cấu hình không hợp lệ "mx"`},
		{"bad number", "campaign:\n  code: c\n  scale: abc\n", "giá trị không hợp lệ cho YAML: dòng 3"},
		{"bad lang", "lang: fr\n", "thidua.yaml:1: giá trị \"fr\" không hợp lệ cho lang"},
		{"repeated unit code", "units:\n  - {code: A, name: X}\n  - {code: a, name: Y}\n", `mã đơn vị "a" trùng`},
		{"bad period", "period: Quý 5/2026\n", "thidua.yaml:1: giá trị \"Quý 5/2026\" không hợp lệ cho period"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := writeFile(t, tt.body)
			_, err := Load(LoadOptions{File: p})
			if err == nil {
				t.Fatalf("no error")
			}
			var msg string
			if de, ok := err.(*diag.Err); ok {
				msg = de.Text("vi")
			} else {
				msg = err.Error()
			}
			if !strings.Contains(msg, tt.want) {
				t.Errorf("error %q does not contain %q", msg, tt.want)
			}
		})
	}
}

func TestDecimalMaxima(t *testing.T) {
	p := writeFile(t, "campaign:\n  code: c\n  scale: 10\n  contents:\n    - {code: \"1\", max: 2.5}\n    - {code: \"2\", max: \"7,5\"}\n  bands: [{label: A, min: 0}]\n")
	cfg, err := Load(LoadOptions{File: p})
	if err != nil {
		t.Fatal(err)
	}
	if got := cfg.Campaign.Contents[0].Max; got != 250 {
		t.Errorf("2.5 → %d", got)
	}
	if got := cfg.Campaign.Contents[1].Max; got != 750 {
		t.Errorf("\"7,5\" → %d", got)
	}
}

// TestUnitShort: a roster unit's `short:` (its name on a chart's axis) is
// read and cleaned; left out, it is empty (the outputs shorten the name).
func TestUnitShort(t *testing.T) {
	p := writeFile(t, "units:\n  - {code: QLVT, name: \"Phòng Quản lý vận tải\", short: \" QL  vận tải \"}\n  - {code: VP, name: \"Văn phòng Sở\"}\n")
	cfg, err := Load(LoadOptions{File: p})
	if err != nil {
		t.Fatal(err)
	}
	if got := cfg.Units[0].Short; got != "QL vận tải" {
		t.Errorf("short = %q", got)
	}
	if got := cfg.Units[1].Short; got != "" {
		t.Errorf("short left out = %q", got)
	}
}

func TestMissingFile(t *testing.T) {
	_, err := Load(LoadOptions{File: filepath.Join(t.TempDir(), "nope.yaml")})
	if err == nil || !strings.Contains(err.Error(), "không tìm thấy") {
		t.Fatalf("err = %v", err)
	}
}

func TestEnvName(t *testing.T) {
	if got := EnvName("organization.name"); got != "THIDUA_ORGANIZATION_NAME" {
		t.Error(got)
	}
}

func TestCampaignRulesFromFile(t *testing.T) {
	body := `units:
  - {code: A, name: "Đơn vị A", group: "Khối 1"}
  - {code: B, name: "Đơn vị B", group: "Khối 2"}
campaign:
  code: c
  scale: 10
  contents:
    - code: "1"
      max: 10
      criteria:
        - {code: "1.1", max: 4, levels: {"Tốt": 4, "Khá": 3, "Đạt": 2, "Chưa đạt": 0}}
        - {code: "1.2", max: 6, applies_to: ["Khối 3"]}
  bands: []
report: {annex: by-group}
`
	cfg, err := Load(LoadOptions{File: writeFile(t, body)})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, l := range cfg.Campaign.Contents[0].Criteria[0].Levels {
		names = append(names, l.Name)
	}
	if strings.Join(names, ",") != "Tốt,Khá,Đạt,Chưa đạt" {
		t.Errorf("levels lost the file's order: %v", names)
	}
	if cfg.Report.Annex != AnnexByGroup {
		t.Errorf("report.annex = %q", cfg.Report.Annex)
	}
	if l := cfg.Campaign.Check(); len(l) != 0 {
		t.Errorf("without the roster: %v", l)
	}
	l := cfg.CheckCampaign()
	if len(l) != 1 || l[0].Code != "TD025" || l[0].LineNo != 12 {
		t.Errorf("applies_to checked against the roster, with the file's line: %+v", l)
	}
	// A file without campaign: the default's table, without lines of
	// another text.
	cfg, err = Load(LoadOptions{File: writeFile(t, "deadline_days: 3\n")})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Campaign.Contents[0].Pos.Line != 0 {
		t.Errorf("default table laid under a file keeps lines: %d", cfg.Campaign.Contents[0].Pos.Line)
	}
	if _, err := Load(LoadOptions{File: writeFile(t, "report: {annex: chapters}\n")}); err == nil || !strings.Contains(err.Error(), "report.annex") {
		t.Errorf("bad annex: %v", err)
	}
	if _, err := Load(LoadOptions{File: writeFile(t, "report: {anex: by-group}\n")}); err == nil {
		t.Error("unknown report key accepted")
	}
}
