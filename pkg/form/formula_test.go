package form

import (
	"strings"
	"testing"
)

// TestFormulaRisk: the formulas a form holds are calculated; those that
// could fetch, hang or fill the memory are not.
func TestFormulaRisk(t *testing.T) {
	sheet := map[string]string{
		"D10": "D11+D12", "D11": "4", "D12": "SUM(D13:D14)",
		"D20": "D21", "D21": "D20", // a loop
		"D30": "SUM(A1:XFD1048576)",
		"D40": "D41", "D41": "D42", "D42": "D43", "D43": "D40+1",
	}
	of := func(ref string) string { return sheet[ref] }
	for _, tc := range []struct{ f, risk string }{
		{"=4+3.5", ""},
		{"=4*2", ""},
		{"=C13", ""},
		{"=$C$13+1", ""},
		{"=SUM(D6:D9)", ""},
		{"=ROUND(AVERAGE(D6:D9),2)", ""},
		{`=IF(D6="",0,D6)`, ""},
		{"=D10", ""},
		{"=1E3/1000", ""},
		{"=[1]Sheet1!A1", "link to another workbook"},
		{"='[C:\\x.xlsx]A'!B2", "link to another workbook"},
		{"=Sheet2!A1", "reference to another sheet"},
		{"='Thông tin'!B4", "reference to another sheet"},
		{"=SUM(A1:XFD1048576)", "range too large"},
		{"=SUM(D:D)", "a whole column or row"},
		{"=SUM(5:5)", "a whole column or row"},
		{`=LEN(REPT("a",2000000000))`, "function LEN"},
		{`=REPT("a",9)`, "function REPT"},
		{`=INDIRECT("A1")`, "function INDIRECT"},
		{`=WEBSERVICE("http://127.0.0.1:9/")`, "function WEBSERVICE"},
		{"=Tong_diem", "name Tong_diem"},
		{"=D20", "circular reference to D20"},
		{"=E6+E6*E6", ""},
		{"=D30", "range too large"},
		{"=D40", "circular reference to D40"},
		{"=" + strings.Repeat("1+", 600) + "1", "formula too long"},
		{`="SUM(A1:XFD1048576)"`, ""}, // text, not a range
		{"=ZZZ99999999", "invalid cell ZZZ99999999"},
	} {
		got := formulaRisk("E5", tc.f, of)
		if got != tc.risk {
			t.Errorf("%s: %q, want %q", tc.f, got, tc.risk)
		}
	}
	// A formula referring to itself.
	if got := formulaRisk("E5", "=E5+1", of); !strings.HasPrefix(got, "circular") {
		t.Errorf("=E5+1 in E5: %q", got)
	}
}

// TestFormulaRiskBudget: a chain of formulas over many cells stops at the
// budget instead of walking on.
func TestFormulaRiskBudget(t *testing.T) {
	of := func(ref string) string {
		if strings.HasPrefix(ref, "A") {
			return "SUM(B1:B1000)"
		}
		return "C1+1"
	}
	if got := formulaRisk("Z1", "=SUM(A1:A1000)", of); got == "" {
		t.Error("a formula over thousands of formulas was accepted")
	}
	deep := func(ref string) string {
		n := 0
		for _, c := range ref[1:] {
			n = n*10 + int(c-'0')
		}
		return "A" + itoa(n+1)
	}
	if got := formulaRisk("Z1", "=A1", deep); got != "formulas nested too deep" {
		t.Errorf("deep chain: %q", got)
	}
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

// TestStripControls: controls and bidirectional overrides go, letters,
// tabs, line breaks and zero-width joiners stay.
func TestStripControls(t *testing.T) {
	for in, want := range map[string]string{
		"Văn phòng Sở":          "Văn phòng Sở",
		"Phòng\u202e Kế toán":   "Phòng Kế toán",
		"a\x00b\x07c\x1bd\x7fe": "abcde",
		"dòng 1\ndòng 2\tx\r":   "dòng 1\ndòng 2\tx\r",
		"\u2066ẩn\u2069":        "ẩn",
		"a\u0085b":              "ab",
		"क्\u200dष":             "क्\u200dष",
	} {
		if got := stripControls(in); got != want {
			t.Errorf("stripControls(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzFormulaRisk: the formula check never panics and always ends, and a
// formula it lets through never links out of the sheet or walks a huge
// range, whatever the text of the formula and of the cells it refers to.
func FuzzFormulaRisk(f *testing.F) {
	for _, s := range []string{"=4+3.5", "=SUM(D6:D9)", "=[1]Sheet1!A1", `=IF(D6="",0,D6)`, "=SUM(A1:XFD1048576)",
		"=D10", "='Thông tin'!B4", `=REPT("a",9)`, "=$A$1:$B$2", "=E5+1"} {
		f.Add(s, "SUM(D11:D12)")
	}
	f.Fuzz(func(t *testing.T, formula, other string) {
		of := func(ref string) string {
			if ref == "E5" {
				return formula
			}
			if len(ref) > 0 && ref[len(ref)-1]%2 == 0 {
				return other
			}
			return ""
		}
		if formulaRisk("E5", formula, of) != "" {
			return
		}
		body := reFormulaString.ReplaceAllString(formula, "")
		if strings.ContainsAny(body, "[]!'") {
			t.Fatalf("%q accepted with a link", formula)
		}
		for _, m := range reFormulaRange.FindAllStringSubmatch(body, -1) {
			c1, r1, ok1 := cellCoords(m[1], m[2])
			c2, r2, ok2 := cellCoords(m[3], m[4])
			if !ok1 || !ok2 || (max(c1, c2)-min(c1, c2)+1)*(max(r1, r2)-min(r1, r2)+1) > maxFormulaRange {
				t.Fatalf("%q accepted with the range %s", formula, m[0])
			}
		}
	})
}
