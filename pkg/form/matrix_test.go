package form_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/thidua/thidua/pkg/form"
	ft "github.com/thidua/thidua/pkg/form/formtest"
	"github.com/thidua/thidua/pkg/submission"
)

// matrixUnits are the units of the matrix tests: two of Khối A, one of
// Khối B (which alone has content 2 of rulesTable).
var matrixUnits = []form.TemplateUnit{
	{Code: "A1", Name: "Đơn vị A1", Group: "Khối A"},
	{Code: "A2", Name: "Đơn vị A2", Group: "Khối A"},
	{Code: "B1", Name: "Đơn vị B1", Group: "Khối B"},
}

// fullRow is a complete row of rulesTable on a Bảng điểm sheet (figure
// columns hold the figure).
func fullRow() ft.Scores {
	return ft.Scores{"1.1": ft.Num("6"), "1.2": ft.Text("Tốt"), "1.3": ft.Num("0"), "1.4": ft.Num("100"),
		"3.1": ft.Num("4"), "3.2": ft.Num("4"), "T1": ft.Num("0"), "T2": ft.Num("0"), "D1": ft.Num("0"), "D2": ft.Num("0"), "D3": ft.Num("0")}
}

// readMatrix writes m and reads it back.
func readMatrix(t *testing.T, m ft.Matrix) *submission.Submission {
	t.Helper()
	b, err := ft.MatrixBytes(m)
	if err != nil {
		t.Fatal(err)
	}
	return readBytes(t, m.Campaign, "bang-diem.xlsx", b)
}

// TestMatrixTemplate: the Bảng điểm workbook lists the units, one column
// per leaf code and optional node, grey cells where a unit's group does
// not have the row, and the validations of a unit's form per column.
func TestMatrixTemplate(t *testing.T) {
	src := strings.Replace(rulesTable, "scale: 40", "scale: 40\nevaluation: {by: evaluators}", 1)
	c := yamlCampaign(t, src, "Khối A", "Khối B")
	o := form.TemplateOptions{Campaign: c, Matrix: true, Units: matrixUnits, Evaluator: "Sở Nội vụ"}
	x := openTemplate(t, o)
	l := form.TemplateLayoutFor(o)
	if got := x.GetSheetList(); !slices.Equal(got, []string{form.SheetInfo, form.SheetMatrix, form.SheetGuide, form.SheetHidden}) {
		t.Errorf("sheets %v", got)
	}
	rows, _ := x.GetRows(form.SheetMatrix)
	header := rows[l.HeaderRow-1]
	want := []string{"Mã đơn vị", "Đơn vị", "1.1", "1.2", "1.3", "1.4", "2.1", "3", "3.1", "3.2", "T1", "T2", "D1", "D2", "D3"}
	if !slices.Equal(header, want) {
		t.Errorf("header %q", header)
	}
	if v := rows[l.HeaderRow+1][l.MatrixCols["1.3"]-1]; v != "Số liệu: Số lần" {
		t.Errorf("how to fill 1.3: %q", v)
	}
	for code, r := range map[string]int{"A1": 7, "A2": 8, "B1": 9} {
		if l.UnitRows[code] != r || rows[r-1][0] != code {
			t.Errorf("unit %s at row %d", code, l.UnitRows[code])
		}
	}
	col := func(code string) string { n, _ := excelize.ColumnNumberToName(l.MatrixCols[code]); return n }
	dvs := validations(t, x, form.SheetMatrix)
	// Content 2 is Khối B's: the validation of 2.1 covers B1's cell only.
	if dv := dvs[col("2.1")+"9"]; dv == nil || dv.Type != "decimal" {
		t.Errorf("2.1: %v", dvs)
	}
	if dv := dvs[col("1.1")+"7:"+col("1.1")+"9"]; dv == nil || dv.Formula1 != `"6,3,0"` {
		t.Errorf("1.1: %+v", dv)
	}
	if dv := dvs[col("1.2")+"7:"+col("1.2")+"9"]; dv == nil || dv.Formula1 != `"Tốt,Khá,Đạt,Chưa đạt,4,3,2,0"` {
		t.Errorf("1.2: %+v", dv)
	}
	if dv := dvs[col("3")+"7:"+col("3")+"9"]; dv == nil || dv.Formula1 != `"KAD,Không áp dụng"` {
		t.Errorf("3: %+v", dv)
	}
	if v, _ := x.GetCellValue(form.SheetInfo, "B"+itoa(l.InfoRows[form.FieldEvaluator])); v != "Sở Nội vụ" {
		t.Errorf("evaluator %q", v)
	}
	// --group: only that group's units and rows.
	o = form.TemplateOptions{Campaign: c, Matrix: true, Units: matrixUnits, Group: "Khối A"}
	l = form.TemplateLayoutFor(o)
	if _, ok := l.MatrixCols["2.1"]; ok || len(l.UnitRows) != 2 {
		t.Errorf("Khối A: columns %v units %v", l.MatrixCols, l.UnitRows)
	}
}

// TestReadMatrix reads Bảng điểm sheets: every unit row a submission with
// the file's period, date and evaluator; every cell named; blank rows not
// scored; a bad cell rejects the file.
func TestReadMatrix(t *testing.T) {
	src := strings.Replace(rulesTable, "scale: 40", "scale: 40\nevaluation: {by: evaluators}", 1)
	c := yamlCampaign(t, src, "Khối A", "Khối B")
	l := form.TemplateLayoutFor(form.TemplateOptions{Campaign: c, Matrix: true, Units: matrixUnits})
	cellOf := func(unit, code string) string {
		r, _ := excelize.CoordinatesToCellName(l.MatrixCols[code], l.UnitRows[unit])
		return r
	}
	base := func() ft.Matrix {
		b1 := fullRow()
		b1["2.1"] = ft.Num("5")
		return ft.Matrix{Campaign: c, Units: matrixUnits, Period: "Quý III/2026", Evaluator: "Sở Nội vụ",
			Rows: map[string]ft.Scores{"A1": fullRow(), "A2": fullRow(), "B1": b1}}
	}
	t.Run("ok", func(t *testing.T) {
		m := base()
		m.Rows["A2"]["1.2"] = ft.Text("kha")
		m.Rows["A2"]["1.4"] = ft.Pct("0.9")
		m.Rows["A2"]["3"] = ft.Text("KAD")
		delete(m.Rows["A2"], "3.1")
		delete(m.Rows["A2"], "3.2")
		s := readMatrix(t, m)
		if len(s.Diags) != 0 || !s.IsMatrix() {
			t.Fatalf("matrix %v:%s", s.IsMatrix(), dump(s.Diags))
		}
		forms := s.Forms()
		if len(forms) != 3 {
			t.Fatalf("%d forms", len(forms))
		}
		a2 := forms[1]
		if a2.UnitCode != "A2" || a2.Unit != "Đơn vị A2" || a2.MatrixRow != 8 || a2.Evaluator != "Sở Nội vụ" || a2.Period.Code() != "2026-Q3" || a2.Sheet != form.SheetMatrix {
			t.Errorf("row A2: %+v", a2)
		}
		ln, _ := a2.Line("1.2")
		fig, _ := a2.Line("1.4")
		kad, _ := a2.Line("3")
		if ln.Self.Level != "Khá" || ln.Self.Points != 300 || ln.Self.Cell != cellOf("A2", "1.2") ||
			fig.Figure.Points != 9000 || fig.Figure.Cell != cellOf("A2", "1.4") || !kad.KAD || kad.KADCell != cellOf("A2", "3") {
			t.Errorf("A2 lines: %+v %+v %+v", ln.Self, fig.Figure, kad)
		}
		if _, ok := forms[0].Line("2.1"); !ok {
			t.Error("A1 has no line 2.1 (blank cells are lines too)")
		}
	})
	t.Run("bad cell", func(t *testing.T) {
		m := base()
		m.Rows["A2"]["1.1"] = ft.Num("5")
		m.Rows["B1"]["1.4"] = ft.Num("-3")
		s := readMatrix(t, m)
		if !s.Rejected() || !slices.Equal(codes(s.Diags), []string{"TD226", "TD227"}) {
			t.Fatalf("%v%s", codes(s.Diags), dump(s.Diags))
		}
		for code, cell := range map[string]string{"TD227": cellOf("A2", "1.1"), "TD226": cellOf("B1", "1.4")} {
			if d, _ := diagAt(s.Diags, code); d.Sheet != form.SheetMatrix || d.Cell != cell {
				t.Errorf("%s at %s!%s, want %s", code, d.Sheet, d.Cell, cell)
			}
		}
		if line := s.Diags[0].In("bang-diem.xlsx").Line("vi"); !strings.Contains(line, "bang-diem.xlsx:Bảng điểm!"+cellOf("A2", "1.1")) &&
			!strings.Contains(line, "bang-diem.xlsx:Bảng điểm!"+cellOf("B1", "1.4")) {
			t.Errorf("named as %q", line)
		}
	})
	t.Run("blank row", func(t *testing.T) {
		m := base()
		delete(m.Rows, "A2")
		s := readMatrix(t, m)
		if s.Rejected() || len(s.Matrix) != 2 || !slices.Equal(codes(s.Diags), []string{"TD234"}) {
			t.Fatalf("%d rows %v%s", len(s.Matrix), codes(s.Diags), dump(s.Diags))
		}
		if !strings.Contains(s.Diags[0].Line("vi"), "A2") {
			t.Errorf("%s", s.Diags[0].Line("vi"))
		}
	})
	t.Run("no row scored", func(t *testing.T) {
		m := base()
		m.Rows = nil
		s := readMatrix(t, m)
		if !s.Rejected() || !slices.Contains(codes(s.Diags), "TD231") {
			t.Fatalf("%v%s", codes(s.Diags), dump(s.Diags))
		}
	})
	t.Run("rows typed below, a row without a unit", func(t *testing.T) {
		m := base()
		m.Units, m.Rows = nil, nil
		m.Extra = []ft.MatrixRow{{Code: "A1", Cells: fullRow()}, {Name: "Đơn vị A2", Cells: fullRow()}, {Cells: ft.Scores{"1.1": ft.Num("3")}},
			{Code: "TT", Name: "Ghi chú", Cells: fullRow()}} // a unit whose code or name reads like a header is a unit
		s := readMatrix(t, m)
		if s.Rejected() || len(s.Matrix) != 3 || !slices.Equal(codes(s.Diags), []string{"TD233"}) {
			t.Fatalf("%d rows %v%s", len(s.Matrix), codes(s.Diags), dump(s.Diags))
		}
		if s.Matrix[1].Unit != "Đơn vị A2" || s.Matrix[1].UnitCode != "" {
			t.Errorf("%+v", s.Matrix[1])
		}
	})
	t.Run("too many rows", func(t *testing.T) {
		m := base()
		m.Units, m.Rows = nil, nil
		for i := 0; i <= form.MaxMatrixUnits; i++ {
			m.Extra = append(m.Extra, ft.MatrixRow{Code: "U" + itoa(i), Cells: ft.Scores{"1.1": ft.Num("6")}})
		}
		s := readMatrix(t, m)
		if !s.Rejected() || !slices.Contains(codes(s.Diags), "TD237") || len(s.Matrix) != 0 {
			t.Fatalf("%d rows %v", len(s.Matrix), codes(s.Diags))
		}
	})
	t.Run("hand-made", func(t *testing.T) {
		m := base()
		m.HandMade = true
		m.Codes = []string{"1.1", "1.2", "1.3", "1.4", "2.1", "3", "3.1", "3.2", "T1", "T2", "D1", "D2", "D3", "9.9"}
		s := readMatrix(t, m)
		if s.Rejected() || len(s.Matrix) != 3 || !slices.Equal(codes(s.Diags), []string{"TD232"}) || s.Evaluator != "Sở Nội vụ" {
			t.Fatalf("%d rows %v %q%s", len(s.Matrix), codes(s.Diags), s.Evaluator, dump(s.Diags))
		}
		// A column missing: warned.
		m.Codes = []string{"1.1", "1.2", "1.3", "2.1", "3", "3.1", "3.2", "T1", "T2", "D1", "D2", "D3"}
		delete(m.Rows["A1"], "1.4")
		delete(m.Rows["A2"], "1.4")
		delete(m.Rows["B1"], "1.4")
		s = readMatrix(t, m)
		if d, ok := diagAt(s.Diags, "TD235"); !ok || !strings.Contains(d.Line("vi"), "1.4") {
			t.Errorf("%v%s", codes(s.Diags), dump(s.Diags))
		}
	})
}
