package form_test

import (
	"os"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"
	"gopkg.in/yaml.v3"

	"github.com/thidua/thidua/pkg/campaign"
	"github.com/thidua/thidua/pkg/diag"
	ft "github.com/thidua/thidua/pkg/form/formtest"
	"github.com/thidua/thidua/pkg/submission"
)

// rulesTable has a row of every rule (the table of pkg/score's rule tests):
//
//	content 1 (max 20) = 1.1 choices 6/3/0 + 1.2 levels + 1.3 late reports,
//	    −0,5 each, at least −5 (max 0) + 1.4 rate in steps (evidence required)
//	content 2 (max 5, weight 2), Khối B only
//	content 3 (max 10, optional: KAD) = 3.1 (4) + 3.2 classes, 1 + 1,25 each (6)
//	bonus: T1 choices, T2 figure 2 per; deductions: D1, D2, D3 figure 0,5 per
const rulesTable = `code: rules
scale: 40
contents:
  - code: "1"
    max: 20
    criteria:
      - {code: "1.1", max: 6, choices: [6, 3, 0]}
      - {code: "1.2", max: 4, levels: {"Tốt": 4, "Khá": 3, "Đạt": 2, "Chưa đạt": 0}}
      - {code: "1.3", max: 0, figure: {label: "Số lần", per: -0.5, min: -5}}
      - {code: "1.4", max: 10, evidence: required, figure: {label: "Tỷ lệ (%)", steps: [{from: 100, points: 10}, {from: 90, points: 8}, {from: 50, points: 4}]}}
  - code: "2"
    max: 5
    weight: 2
    applies_to: ["Khối B"]
    criteria: [{code: "2.1", max: 5}]
  - code: "3"
    max: 10
    optional: true
    criteria: [{code: "3.1", max: 4}, {code: "3.2", max: 6, figure: {label: "Số lớp", start: 1, per: 1.25}}]
bonus: {items: [{code: T1, max: 15, choices: [0, 10, 15]}, {code: T2, max: 10, figure: {per: 2}}]}
deductions: {cap: 10, items: [{code: D1, max: 10, sanction: "max-band:Khá"}, {code: D2, max: 10, sanction: exclude}, {code: D3, max: 10, figure: {per: 0.5}}]}
bands: [{label: Tốt, min: 35}, {label: Khá, min: 25}, {label: Đạt, min: 0}]
tie_break: [bonus]
`

// yamlCampaign decodes a table and fails the test when its checks find an
// error.
func yamlCampaign(tb testing.TB, src string, groups ...string) *campaign.Campaign {
	tb.Helper()
	var c campaign.Campaign
	if err := yaml.Unmarshal([]byte(src), &c); err != nil {
		tb.Fatal(err)
	}
	for _, d := range c.CheckWith(campaign.CheckOptions{Groups: groups, Roster: len(groups) > 0}) {
		if d.Severity == diag.Error {
			tb.Fatalf("table: %s", d.Line("en"))
		}
	}
	return &c
}

// fullRules is a complete form of rulesTable: 1.1 = 6, 1.2 "Tốt", no late
// report, 100 %, 2.1 = 5, 3.1 = 4, four classes; no bonus, no deduction.
func fullRules() (self, figures ft.Scores) {
	self = ft.Scores{"1.1": ft.Num("6"), "1.2": ft.Text("Tốt"), "2.1": ft.Num("5"), "3.1": ft.Num("4"),
		"T1": ft.Num("0"), "D1": ft.Num("0"), "D2": ft.Num("0")}
	figures = ft.Scores{"1.3": ft.Num("0"), "1.4": ft.Num("100"), "3.2": ft.Num("4"), "T2": ft.Num("0"), "D3": ft.Num("0")}
	return self, figures
}

// readForm writes f and reads it back against its campaign.
func readForm(t *testing.T, f ft.Form) *submission.Submission {
	t.Helper()
	b, err := ft.Bytes(f)
	if err != nil {
		t.Fatal(err)
	}
	return readBytes(t, f.Campaign, "form.xlsx", b)
}

// diagAt returns the diagnostic of code, or false.
func diagAt(l diag.List, code string) (diag.Diagnostic, bool) {
	for _, d := range l {
		if d.Code == code {
			return d, true
		}
	}
	return diag.Diagnostic{}, false
}

// excelizeRef is the A1 reference of a 1-based column and row.
func excelizeRef(c, r int) (string, error) { return excelize.CoordinatesToCellName(c, r) }

// itoa formats a row number.
func itoa(n int) string { return strconv.Itoa(n) }

func writeFile(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}
