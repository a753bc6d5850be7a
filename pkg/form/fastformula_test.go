package form_test

import (
	"testing"

	"github.com/thidua/thidua/pkg/form"
	"github.com/thidua/thidua/pkg/form/formtest"
)

// TestFastFormulasMatchExcelize: the formulas and values the reader takes
// from its byte scan are excelize's own, on the sample set (templates with
// SUM parents, hand-made layouts, legacy fonts, text scores, formulas
// without cached values) and on forms made to trip the fast path.
func TestFastFormulasMatchExcelize(t *testing.T) {
	c := defaultCampaign(t)
	forms := map[string]formtest.Form{}
	n := 120
	if raceEnabled {
		n = 12
	}
	for _, f := range formtest.Sample(formtest.SampleOptions{Campaign: c, N: n, Seed: 7}) {
		forms[f.Name] = f.Form
	}
	tpl := formtest.Layout{Template: true}
	full := formtest.Full(c)
	forms["decimals.xlsx"] = formtest.Form{Campaign: c, Unit: "A", Layout: tpl,
		Self: full.With("1.1.a", "0.1", "1.1.b", "0.2", "1.2", "7.25", "1.3", "0.05")}
	forms["text-child.xlsx"] = formtest.Form{Campaign: c, Unit: "B", Layout: tpl,
		Self: full.With("1.1.a", formtest.Text("3,5"), "2.1", formtest.Text("7"))}
	forms["formula-child.xlsx"] = formtest.Form{Campaign: c, Unit: "C", Layout: tpl,
		Self: full.With("1.1.a", formtest.Calc("=1+2"), "1.1.b", formtest.Calc("=SUM(D20:D21)"))}
	forms["fine.xlsx"] = formtest.Form{Campaign: c, Unit: "D", Layout: tpl,
		Self: full.With("1.1.a", "3.333", "1.1.b", "-1.5")}
	totalFast, totalSlow := 0, 0
	for name, f := range forms {
		data, err := formtest.Bytes(f)
		if err != nil {
			t.Fatal(name, err)
		}
		fast, slow, diffs, err := form.CompareFastFormulas(data)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		for _, d := range diffs {
			t.Errorf("%s: %s", name, d)
		}
		totalFast += fast
		totalSlow += slow
	}
	// The template's parent rows are the fast path's reason to be.
	if totalFast < n*8 || totalSlow == 0 {
		t.Errorf("fast path computed %d values and left %d to excelize; want most of them fast and some slow", totalFast, totalSlow)
	}
}

// TestScanSheetRefuses: XML the byte scan does not expect is left to
// excelize.
func TestScanSheetRefuses(t *testing.T) {
	for _, tc := range []struct {
		name string
		xml  string
		ok   bool
	}{
		{"plain", `<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><f>SUM(C1:C2)</f></c></row></sheetData></worksheet>`, true},
		{"empty", `<worksheet><sheetData/></worksheet>`, true},
		{"prefixed", `<x:worksheet><x:sheetData><x:row><x:c r="A1"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>`, false},
		{"no ref", `<worksheet><sheetData><row r="1"><c><v>1</v></c></row></sheetData></worksheet>`, false},
		{"unterminated", `<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></row></sheetData></worksheet>`, false},
		{"cdata", `<worksheet><sheetData><row r="1"><c r="A1"><f><![CDATA[SUM(A2)]]></f></c></row></sheetData></worksheet>`, false},
		{"cols", `<worksheet><cols><col min="1" max="2"/></cols><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>`, true},
	} {
		if got := form.ScanSheetOK([]byte(tc.xml)); got != tc.ok {
			t.Errorf("%s: scan accepted = %v, want %v", tc.name, got, tc.ok)
		}
	}
}
