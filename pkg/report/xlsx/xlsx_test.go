package xlsx

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/thidua/thidua/internal/reporttest"
	"github.com/thidua/thidua/pkg/diag"
	"github.com/thidua/thidua/pkg/report"
	"github.com/thidua/thidua/pkg/score"
	"github.com/thidua/thidua/pkg/vntext"
)

var created = time.Date(2026, 10, 15, 0, 0, 0, 0, time.UTC)

func write(t testing.TB, r *score.Result, m report.Meta) []byte {
	t.Helper()
	var buf bytes.Buffer
	ds, err := Write(&buf, r, m)
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) > 0 {
		t.Errorf("diagnostics: %v", ds)
	}
	return buf.Bytes()
}

func open(t testing.TB, b []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// zipFiles returns the parts of an xlsx by name; a part that does not read
// back whole (archive/zip checks its CRC and size) fails the test.
func zipFiles(t testing.TB, b []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		out[f.Name] = string(data)
	}
	return out
}

// findRow returns the 1-based row whose cells start with the given texts.
func findRow(t testing.TB, rows [][]string, first ...string) int {
	t.Helper()
	for i, r := range rows {
		if len(r) >= len(first) && strings.Join(r[:len(first)], "|") == strings.Join(first, "|") {
			return i + 1
		}
	}
	t.Fatalf("no row starting with %q", first)
	return 0
}

func TestSheetsAndCells(t *testing.T) {
	r := reporttest.Result()
	b := write(t, r, report.Meta{Date: created})
	f := open(t, b)
	want := []string{SheetSummary, SheetDetail, SheetReview, SheetChecks, SheetMissing, SheetChart, SheetSources, SheetMeta}
	if got := f.GetSheetList(); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("sheets = %q", got)
	}
	if visible, _ := f.GetSheetVisible(SheetMeta); visible {
		t.Errorf("%s is visible", SheetMeta)
	}
	if id := ReadIdentity(f); id.Format != FormatResult || id.Period != r.Period || id.Fingerprint != r.Campaign.Fingerprint() {
		t.Errorf("identity %+v", id)
	}

	// Tổng hợp: a header row, then one row per unit in rank order.
	rows, _ := f.GetRows(SheetSummary)
	h := findRow(t, rows, "Hạng", "Mã đơn vị", "Đơn vị", "Khối")
	h0 := h
	head := rows[h-1]
	total := indexOf(head, "Tổng điểm")
	band := indexOf(head, "Xếp loại")
	notes := indexOf(head, "Ghi chú")
	if total < 0 || band < 0 || notes != len(head)-1 {
		t.Fatalf("header = %q", head)
	}
	for i, u := range r.Units {
		row := h + 1 + i
		cell, _ := excelize.CoordinatesToCellName(total+1, row)
		v, _ := f.GetCellValue(SheetSummary, cell, excelize.Options{RawCellValue: true})
		if v != u.Total.String() {
			t.Errorf("%s total %s = %q, want %s", u.Code, cell, v, u.Total)
		}
		got := pad(rows[row-1], len(head))
		if got[1] != u.Code || got[2] != u.Name || got[band] != u.Band || got[notes] != strings.Join(u.Flags, "; ") {
			t.Errorf("row %d = %q", row, got)
		}
		wantGR := strconv.Itoa(u.GroupRank)
		if u.Group == "" {
			wantGR = "" // no group, no rank within it
		}
		if got[4] != wantGR {
			t.Errorf("row %d group rank = %q, want %q", row, got[4], wantGR)
		}
	}
	if head[4] != "Hạng trong khối" {
		t.Errorf("column 5 = %q, want the group rank", head[4])
	}
	if style, _ := f.GetCellStyle(SheetSummary, fmt.Sprintf("E%d", h+1)); style == 0 {
		t.Error("score cells are not styled")
	}
	if cf, _ := f.GetConditionalFormats(SheetSummary); len(cf) == 0 {
		t.Error("no band colours")
	}
	if panes, _ := f.GetPanes(SheetSummary); !panes.Freeze || panes.YSplit != h {
		t.Errorf("panes = %+v, want frozen under row %d", panes, h)
	}

	// Chi tiết: one row per unit × row.
	rows, _ = f.GetRows(SheetDetail)
	n := 0
	for _, u := range r.Units {
		n += len(u.Rows)
	}
	h = findRow(t, rows, "Mã đơn vị", "Đơn vị", "Mã", "Nội dung")
	if len(rows)-h != n {
		t.Errorf("Chi tiết has %d rows, want %d", len(rows)-h, n)
	}
	if r := pad(rows[h+2], 10); r[2] != "1.1.a" || r[9] != "Chấm điểm!D10" || r[8] != "forms/vp.xlsx" {
		t.Errorf("first detail row = %q", r)
	}

	// Thẩm định: the exact header, one row per unit × leaf plus a total row.
	rows, _ = f.GetRows(SheetReview)
	h = findRow(t, rows, ReviewHeader...)
	leaves := 0
	for _, u := range r.Units {
		for _, rs := range u.Rows {
			if rs.Leaf {
				leaves++
			}
		}
	}
	if len(rows)-h != leaves+len(r.Units) {
		t.Errorf("Thẩm định has %d rows, want %d", len(rows)-h, leaves+len(r.Units))
	}
	if len(rows[h-1]) != len(ReviewHeader) {
		t.Errorf("review header has %d cells", len(rows[h-1]))
	}
	// Only the Thẩm định and note cells are open, validated 0…max.
	first := h + 1
	for cell, open := range map[string]bool{fmt.Sprintf("G%d", first): true, fmt.Sprintf("H%d", first): true, fmt.Sprintf("F%d", first): false, fmt.Sprintf("A%d", first): false} {
		id, _ := f.GetCellStyle(SheetReview, cell)
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		locked := st.Protection == nil || st.Protection.Locked
		if locked == open {
			t.Errorf("%s locked = %v", cell, locked)
		}
	}
	dvs, _ := f.GetDataValidations(SheetReview)
	if len(dvs) != 1 || !strings.HasPrefix(dvs[0].Sqref, fmt.Sprintf("G%d:G", first)) || dvs[0].Type != "decimal" ||
		dvs[0].Formula1 != "0" || dvs[0].Formula2 != fmt.Sprintf("E%d", first) || dvs[0].Prompt == nil || !strings.Contains(*dvs[0].Prompt, "Nhập điểm") {
		t.Errorf("data validation = %+v", dvs)
	}
	if sheet := zipFiles(t, b)["xl/worksheets/sheet3.xml"]; !strings.Contains(sheet, `<sheetProtection sheet="true"`) || strings.Contains(sheet, "password") {
		t.Error("the review sheet is not protected without a password")
	}

	// Kiểm tra: every diagnostic and every change.
	rows, _ = f.GetRows(SheetChecks)
	flat := flatten(rows)
	for _, fr := range r.Files {
		for _, d := range fr.Diags {
			if !strings.Contains(flat, d.Code+"|"+d.Message("vi")) {
				t.Errorf("Kiểm tra lacks %s", d.Code)
			}
		}
	}
	for _, d := range r.Diags {
		if !strings.Contains(flat, d.Code) {
			t.Errorf("Kiểm tra lacks %s", d.Code)
		}
	}
	for _, ch := range r.Changes {
		if !strings.Contains(flat, ch.UnitCode+"|"+ch.UnitName+"|"+ch.Code) {
			t.Errorf("Kiểm tra lacks the change %s %s", ch.UnitCode, ch.Code)
		}
	}

	// Chưa nộp and Nguồn.
	rows, _ = f.GetRows(SheetMissing)
	flat = flatten(rows)
	for _, m := range r.Missing {
		if !strings.Contains(flat, m.Code+"|"+m.Name+"|"+m.Group) {
			t.Errorf("Chưa nộp lacks %s", m.Code)
		}
	}
	rows, _ = f.GetRows(SheetSources)
	flat = flatten(rows)
	for _, fr := range r.Files {
		if !strings.Contains(flat, fr.Path) || !strings.Contains(flat, fr.SHA256) {
			t.Errorf("Nguồn lacks %s", fr.Path)
		}
	}
	for _, want := range []string{"|forms/vp.xlsx|12,345|", "|đã chấm|VP", "|bị từ chối|TTr", "|bỏ qua", "|trùng lặp|KHTC"} {
		if !strings.Contains(flat, want) {
			t.Errorf("Nguồn lacks %q:\n%s", want, flat)
		}
	}

	// Print setup: print titles on the summary, A4 landscape fit to width.
	names := f.GetDefinedName()
	found := false
	for _, d := range names {
		if d.Name == "_xlnm.Print_Titles" && d.Scope == SheetSummary {
			found = d.RefersTo == fmt.Sprintf("'Tổng hợp'!$%d:$%d", h0, h0)
		}
	}
	if !found {
		t.Errorf("no print titles on %s: %+v", SheetSummary, names)
	}
	pl, _ := f.GetPageLayout(SheetSummary)
	if pl.Orientation == nil || *pl.Orientation != "landscape" || pl.Size == nil || *pl.Size != 9 || pl.FitToWidth == nil || *pl.FitToWidth != 1 {
		t.Errorf("page layout = %+v", pl)
	}
}

// pad extends a row read by GetRows (which drops trailing blanks) to n cells.
func pad(r []string, n int) []string {
	for len(r) < n {
		r = append(r, "")
	}
	return r
}

func indexOf(ss []string, s string) int {
	for i, x := range ss {
		if x == s {
			return i
		}
	}
	return -1
}

func flatten(rows [][]string) string {
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(strings.Join(r, "|"))
		b.WriteByte('\n')
	}
	return b.String()
}

// TestChart checks the native chart: the part exists and holds one series
// per band, with its colour, those no unit reached too (the legend lists
// every band); its categories are the units' short names, not their codes.
func TestChart(t *testing.T) {
	r := reporttest.Result()
	for i := range r.Units {
		if r.Units[i].Band == "Khá" {
			r.Units[i].Band = "Tốt" // no unit is Khá
		}
	}
	r.Units[1].Short = "Tên ngắn"
	b := write(t, r, report.Meta{})
	parts := zipFiles(t, b)
	chart, ok := parts["xl/charts/chart1.xml"]
	if !ok {
		t.Fatal("no xl/charts/chart1.xml")
	}
	if n := strings.Count(chart, "<ser>"); n != len(r.Campaign.Bands) {
		t.Errorf("%d series, want %d (one per band, empty ones too)", n, len(r.Campaign.Bands))
	}
	for _, color := range bandColor[:5] {
		if !strings.Contains(chart, color) {
			t.Errorf("colour %s missing", color)
		}
	}
	if !strings.Contains(chart, "&#39;Biểu đồ&#39;!$A$2:$A$7") {
		t.Error("categories do not reference the units")
	}
	rows, err := open(t, b).GetRows(SheetChart)
	if err != nil {
		t.Fatal(err)
	}
	names := report.ShortNames(r.Units)
	if names[1] != "Tên ngắn" {
		t.Fatalf("ShortNames = %q", names)
	}
	for i := range r.Units {
		if got := rows[1+i][0]; got != names[i] {
			t.Errorf("category %d = %q, want the short name %q", i, got, names[i])
		}
	}
}

// TestFormulaInjection: a unit named like a formula stays text in every
// sheet (no <f> element holds it) and reads back as the same text.
func TestFormulaInjection(t *testing.T) {
	r := reporttest.Result()
	evil := `=HYPERLINK("http://x","y")`
	r.Units[0].Name = evil
	r.Units[0].Flags = []string{"+cmd|' /C calc'!A0"}
	r.Missing[0].Name = "@SUM(1+1)*cmd"
	r.Files[1].Path = "-2+3.xlsx"
	b := write(t, r, report.Meta{})
	for name, part := range zipFiles(t, b) {
		if !strings.HasPrefix(name, "xl/worksheets/sheet") {
			continue
		}
		for _, m := range regexp.MustCompile(`<f>[^<]*</f>`).FindAllString(part, -1) {
			if strings.Contains(m, "HYPERLINK") || strings.Contains(m, "cmd") || strings.Contains(m, "-2+3") {
				t.Errorf("%s: unit text became a formula: %s", name, m)
			}
		}
	}
	f := open(t, b)
	rows, _ := f.GetRows(SheetSummary)
	if !strings.Contains(flatten(rows), "|"+evil+"|") {
		t.Error("the name did not stay as text")
	}
	for _, sheet := range []string{SheetSummary, SheetDetail, SheetReview, SheetMissing, SheetSources, SheetChart} {
		cells, _ := f.GetRows(sheet)
		for y, row := range cells {
			for x := range row {
				cell, _ := excelize.CoordinatesToCellName(x+1, y+1)
				if fm, _ := f.GetCellFormula(sheet, cell); fm != "" && !strings.HasPrefix(fm, "MAX(0,MIN(") {
					t.Errorf("%s!%s holds formula %q", sheet, cell, fm)
				}
			}
		}
	}
}

// TestByteIdentical: the same result and date give the same bytes; the
// date is the only time in the file.
func TestByteIdentical(t *testing.T) {
	for _, r := range []func() *score.Result{reporttest.Result, reporttest.Year} {
		a := write(t, r(), report.Meta{Date: created})
		b := write(t, r(), report.Meta{Date: created})
		if !bytes.Equal(a, b) {
			t.Error("two writes differ")
		}
		c := write(t, r(), report.Meta{Date: created.AddDate(0, 0, 1)})
		if bytes.Equal(a, c) {
			t.Error("the date does not reach the file")
		}
		if core := zipFiles(t, a)["docProps/core.xml"]; !strings.Contains(core, "2026-10-15T00:00:00Z") {
			t.Errorf("core.xml = %s", core)
		}
	}
}

// TestReviewFormulas evaluates the live total formulas of the review sheet
// with excelize's calculator: untouched they give every unit's total, and
// they follow an edit.
func TestReviewFormulas(t *testing.T) {
	r := reporttest.Result()
	f := open(t, write(t, r, report.Meta{}))
	rows, _ := f.GetRows(SheetReview)
	totals := map[string]int{}
	for i, row := range rows {
		if len(row) > 3 && strings.HasPrefix(row[3], "Tổng điểm ") {
			totals[strings.TrimPrefix(row[3], "Tổng điểm ")] = i + 1
		}
	}
	for _, u := range r.Units {
		row, ok := totals[u.Code]
		if !ok {
			t.Fatalf("no total row for %s", u.Code)
		}
		v, err := f.CalcCellValue(SheetReview, fmt.Sprintf("G%d", row), excelize.Options{RawCellValue: true})
		if err != nil || v != u.Total.String() {
			t.Errorf("%s: formula total = %q, %v; want %s", u.Code, v, err, u.Total)
		}
	}
	// KHTC: review 2.1 down from 40 to 30 → total 86 − 10.
	row := reviewRow(t, rows, "KHTC", "2.1")
	if err := f.SetCellValue(SheetReview, fmt.Sprintf("G%d", row), 30); err != nil {
		t.Fatal(err)
	}
	v, _ := f.CalcCellValue(SheetReview, fmt.Sprintf("G%d", totals["KHTC"]), excelize.Options{RawCellValue: true})
	if v != "76" {
		t.Errorf("after the edit the KHTC total = %q, want 76", v)
	}
}

func reviewRow(t testing.TB, rows [][]string, unit, code string) int {
	t.Helper()
	for i, row := range rows {
		if len(row) > 2 && row[0] == unit && row[2] == code {
			return i + 1
		}
	}
	t.Fatalf("no review row %s %s", unit, code)
	return 0
}

// TestReviewRoundTrip writes a workbook, edits its review sheet as the
// council would, and reads the overrides back.
func TestReviewRoundTrip(t *testing.T) {
	r := reporttest.Result()
	dir := t.TempDir()
	path := filepath.Join(dir, "tong-hop.xlsx")
	if err := os.WriteFile(path, write(t, r, report.Meta{}), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows(SheetReview)
	set := func(unit, code string, v any) string {
		cell := fmt.Sprintf("G%d", reviewRow(t, rows, unit, code))
		if err := f.SetCellValue(SheetReview, cell, v); err != nil {
			t.Fatal(err)
		}
		return cell
	}
	c1 := set("VP", "1.2", "8,5")
	c2 := set("KHTC", "2.2", 22.75)
	c3 := set("QLGT", "T1", "năm")
	c4 := set("CD", "2.1", "7.125")
	set("VP", "2.1", nil) // the council clears a pre-filled review
	// … and gives its reason beside a change.
	if err := f.SetCellValue(SheetReview, fmt.Sprintf("H%d", reviewRow(t, rows, "VP", "1.2")), "thiếu minh chứng"); err != nil {
		t.Fatal(err)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()

	rv, err := ReadReview(path, r.Campaign)
	if err != nil {
		t.Fatal(err)
	}
	ov, ds := rv.Overrides, rv.Diags
	// The workbook says which campaign, table and period it was made for.
	if id := rv.Identity; id.Format != FormatResult || id.Period != r.Period || id.Fingerprint != r.Campaign.Fingerprint() || id.Campaign != r.Campaign.Code {
		t.Errorf("identity %+v", id)
	}
	want := []score.ReviewOverride{
		{UnitCode: "VP", Code: "1.2", Points: 850, Reason: "thiếu minh chứng", Period: r.Period, Cell: SheetReview + "!" + c1, File: path},
		{UnitCode: "KHTC", Code: "2.2", Points: 2275, Period: r.Period, Cell: SheetReview + "!" + c2, File: path},
	}
	if fmt.Sprint(ov) != fmt.Sprint(want) {
		t.Errorf("overrides = %+v\nwant %+v", ov, want)
	}
	if len(ds) != 2 || ds[0].Code != "TD501" || ds[0].Cell != c3 || ds[1].Code != "TD502" || ds[1].Cell != c4 || ds[0].File != path || ds[0].Sheet != SheetReview {
		t.Errorf("diagnostics = %+v", ds)
	}

	// Untouched, the pre-filled review comes back as an override.
	path2 := filepath.Join(dir, "b.xlsx")
	if err := os.WriteFile(path2, write(t, r, report.Meta{}), 0o644); err != nil {
		t.Fatal(err)
	}
	rv, err = ReadReview(path2, r.Campaign)
	if err != nil {
		t.Fatal(err)
	}
	ov, ds = rv.Overrides, rv.Diags
	if len(ds) != 0 || len(ov) != 1 || ov[0].UnitCode != "VP" || ov[0].Code != "2.1" || ov[0].Points != 4500 {
		t.Errorf("untouched: %+v %+v %v", ov, ds, err)
	}
}

// TestReadReviewLayouts reads hand-made review sheets: title rows, moved
// columns, header synonyms, codes in another spelling, missing codes.
func TestReadReviewLayouts(t *testing.T) {
	c := reporttest.Campaign()
	for _, tc := range []struct {
		name  string
		sheet string
		rows  [][]any
		want  string // overrides as "unit code points cell;"
		diags string // codes and cells
		err   bool
	}{
		{name: "title rows and moved columns", sheet: "Thẩm định",
			rows: [][]any{{"PHIẾU THẨM ĐỊNH"}, {}, {"Ghi chú thẩm định", "Điểm thẩm định", "Mã", "mã đơn vị:"},
				{"", 4, "1.1.A.", "VP"}, {"ok", "3,25", "t1", "KHTC"}, {"", "", "1.2", "VP"}, {"", 10, "", ""}},
			want: "VP 1.1.a 400 Thẩm định!B4;KHTC T1 325 Thẩm định!B5;"},
		{name: "sheet found by header under another name", sheet: "Sheet1",
			rows: [][]any{{"Mã đơn vị", "Đơn vị", "Mã", "Nội dung", "Điểm tối đa", "Tự chấm", "Thẩm định"}, {"CD", "Công đoàn", "2.2", "x", 30, 20, 25.5}},
			want: "CD 2.2 2550 Sheet1!G2;"},
		{name: "codes missing", sheet: "Thẩm định",
			rows:  [][]any{{"Mã đơn vị", "Mã", "Thẩm định"}, {"", "1.2", 3}, {"VP", "", "4"}},
			diags: "TD503 C2;TD503 C3;"},
		{name: "unknown code kept for the scorer", sheet: "Thẩm định",
			rows: [][]any{{"Mã đơn vị", "Mã", "Thẩm định"}, {"VP", "9.9", 3}},
			want: "VP 9.9 300 Thẩm định!C2;"},
		{name: "header below row 20", sheet: "Thẩm định",
			rows: append(make([][]any, 20), []any{"Mã đơn vị", "Mã", "Thẩm định"}), err: true},
		{name: "no header", sheet: "Thẩm định", rows: [][]any{{"Đơn vị", "Điểm"}}, err: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := excelize.NewFile()
			if tc.sheet != "Sheet1" {
				if err := f.SetSheetName("Sheet1", tc.sheet); err != nil {
					t.Fatal(err)
				}
			}
			for y, row := range tc.rows {
				for x, v := range row {
					cell, _ := excelize.CoordinatesToCellName(x+1, y+1)
					if err := f.SetCellValue(tc.sheet, cell, v); err != nil {
						t.Fatal(err)
					}
				}
			}
			path := filepath.Join(t.TempDir(), "r.xlsx")
			if err := f.SaveAs(path); err != nil {
				t.Fatal(err)
			}
			rv, err := ReadReview(path, c)
			if (err != nil) != tc.err {
				t.Fatalf("err = %v", err)
			}
			var ov []score.ReviewOverride
			var ds diag.List
			if rv != nil {
				ov, ds = rv.Overrides, rv.Diags
				if rv.Identity.Format != "" {
					t.Errorf("a hand-made sheet has identity %+v", rv.Identity)
				}
			}
			var got, gotD string
			for _, o := range ov {
				got += fmt.Sprintf("%s %s %d %s;", o.UnitCode, o.Code, o.Points, o.Cell)
			}
			for _, d := range ds {
				gotD += d.Code + " " + d.Cell + ";"
			}
			if got != tc.want || gotD != tc.diags {
				t.Errorf("got %q %q, want %q %q", got, gotD, tc.want, tc.diags)
			}
		})
	}
	if _, err := ReadReview(filepath.Join(t.TempDir(), "none.xlsx"), c); err == nil {
		t.Error("a missing file gave no error")
	}
}

func TestNilResult(t *testing.T) {
	if _, err := Write(io.Discard, nil, report.Meta{}); err == nil {
		t.Error("a nil result gave no error")
	}
	// A result without a campaign (nothing configured yet) still writes.
	f := open(t, write(t, &score.Result{}, report.Meta{}))
	if len(f.GetSheetList()) != 8 {
		t.Errorf("sheets = %q", f.GetSheetList())
	}
}

// TestEmptyAndEnglish writes a result with nothing in it, and one in
// English.
func TestEmptyAndEnglish(t *testing.T) {
	f := open(t, write(t, &score.Result{Campaign: reporttest.Campaign(), Period: vntext.Period{Year: 2026, Kind: vntext.Year}}, report.Meta{}))
	rows, _ := f.GetRows(SheetMissing)
	if !strings.Contains(flatten(rows), "Tất cả đơn vị") {
		t.Errorf("Chưa nộp = %q", rows)
	}
	f = open(t, write(t, reporttest.Year(), report.Meta{Lang: "en"}))
	rows, _ = f.GetRows(SheetSummary)
	h := findRow(t, rows, "Rank", "Unit code", "Unit", "Group")
	head := strings.Join(rows[h-1], "|")
	for _, want := range []string{"Q1 2026", "Q4 2026", "Change (points)", "Change (rank)"} {
		if !strings.Contains(head, want) {
			t.Errorf("header %q lacks %q", head, want)
		}
	}
	if !strings.Contains(flatten(rows), "▲2") || !strings.Contains(flatten(rows), "|new|") {
		t.Errorf("change columns missing:\n%s", flatten(rows))
	}
	// The review sheet keeps its Vietnamese header in every language.
	rows, _ = f.GetRows(SheetReview)
	findRow(t, rows, ReviewHeader...)
}

// recalcProfile is a LibreOffice user profile that recalculates every
// formula when it loads an xlsx (the default keeps the cached values).
const recalcProfile = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`

// soffice converts path to CSV with LibreOffice: sheet 0 is the active
// sheet, n > 0 the n-th sheet. It returns the rows.
func soffice(t *testing.T, bin, path string, sheet int) [][]string {
	t.Helper()
	dir := filepath.Dir(path)
	profile := filepath.Join(dir, "profile")
	if err := os.MkdirAll(filepath.Join(profile, "user"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(profile, "user", "registrymodifications.xcu"), []byte(recalcProfile), 0o644); err != nil {
		t.Fatal(err)
	}
	filter := "csv:Text - txt - csv (StarCalc):44,34,76,1"
	if sheet > 0 {
		filter += fmt.Sprintf(",,0,false,true,false,false,false,%d", sheet)
	}
	out := filepath.Join(dir, "csv")
	cmd := exec.Command(bin, "-env:UserInstallation=file://"+profile, "--headless", "--convert-to", filter, "--outdir", out, path)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	files, _ := filepath.Glob(filepath.Join(out, "*.csv"))
	if len(files) != 1 {
		t.Fatalf("soffice wrote %q", files)
	}
	defer os.RemoveAll(out)
	data, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	rows, err := cr.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestLibreOffice opens the workbook with LibreOffice, when installed: the
// summary sheet shows every unit's total, names stay text, and the review
// sheet's formulas, recalculated by LibreOffice after an edit, give the
// new total.
func TestLibreOffice(t *testing.T) {
	bin, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice not installed")
	}
	if testing.Short() {
		t.Skip("short")
	}
	r := reporttest.Result()
	dir := t.TempDir()
	path := filepath.Join(dir, "tong-hop.xlsx")
	b := write(t, r, report.Meta{Date: created})
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	rows := soffice(t, bin, path, 0)
	h := findRow(t, rows, "Hạng", "Mã đơn vị", "Đơn vị")
	total := indexOf(rows[h-1], "Tổng điểm")
	for i, u := range r.Units {
		row := pad(rows[h+i], total+1)
		if want := fmt.Sprintf("%.2f", u.Total.Float()); row[1] != u.Code || row[2] != u.Name || row[total] != want {
			t.Errorf("LibreOffice shows %q, want %s %q total %s", row, u.Code, u.Name, want)
		}
	}

	// Edit KHTC 2.1 from 40 to 30 without recalculating (excelize keeps
	// the cached totals); LibreOffice must compute 76.
	f := open(t, b)
	rev, _ := f.GetRows(SheetReview)
	if err := f.SetCellValue(SheetReview, fmt.Sprintf("G%d", reviewRow(t, rev, "KHTC", "2.1")), 30); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	rows = soffice(t, bin, path, 3)
	want := map[string]string{}
	for _, u := range r.Units {
		want["Tổng điểm "+u.Code] = u.Total.String()
	}
	want["Tổng điểm KHTC"] = "76"
	seen := 0
	for _, row := range rows {
		if len(row) > 6 && want[row[3]] != "" {
			seen++
			if row[6] != want[row[3]] {
				t.Errorf("%s = %s, want %s", row[3], row[6], want[row[3]])
			}
		}
	}
	if seen != len(r.Units) {
		t.Errorf("%d total rows, want %d:\n%q", seen, len(r.Units), rows)
	}
}

// bigResult makes n units over the default-sized sample table.
func bigResult(n int) *score.Result {
	r := reporttest.Result()
	base := r.Units
	r.Units = nil
	for i := 0; i < n; i++ {
		u := base[i%len(base)]
		u.Code = fmt.Sprintf("U%04d", i)
		u.Name = fmt.Sprintf("Đơn vị số %d", i)
		u.Rank = i + 1
		r.Units = append(r.Units, u)
	}
	return r
}

func TestManyUnits(t *testing.T) {
	r := bigResult(300)
	f := open(t, write(t, r, report.Meta{}))
	rows, _ := f.GetRows(SheetSummary)
	if len(rows) != 3+300 {
		t.Errorf("%d rows", len(rows))
	}
}

// BenchmarkWrite writes the workbook of 1,000 units.
func BenchmarkWrite(b *testing.B) { benchmarkWrite(b, 1000) }

// BenchmarkWrite10000 writes the workbook of 10,000 units: the time per
// unit should be that of BenchmarkWrite.
func BenchmarkWrite10000(b *testing.B) { benchmarkWrite(b, 10000) }

func benchmarkWrite(b *testing.B, units int) {
	r := bigResult(units)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Write(io.Discard, r, report.Meta{Date: created}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestRankOnly: with bands: [] the summary has no band column and no band
// colours, the chart one series and no legend; without groups, no group
// rank.
func TestRankOnly(t *testing.T) {
	r := reporttest.Result()
	c := *r.Campaign
	c.Bands = nil
	r.Campaign = &c
	for i := range r.Units {
		r.Units[i].Band, r.Units[i].Group = "", ""
	}
	b := write(t, r, report.Meta{Date: created})
	f := open(t, b)
	rows, _ := f.GetRows(SheetSummary)
	h := findRow(t, rows, "Hạng", "Mã đơn vị", "Đơn vị", "Khối")
	head := rows[h-1]
	if indexOf(head, "Xếp loại") >= 0 || indexOf(head, "Hạng trong khối") >= 0 {
		t.Errorf("header = %q", head)
	}
	if cf, _ := f.GetConditionalFormats(SheetSummary); len(cf) != 0 {
		t.Errorf("band colours without bands: %v", cf)
	}
	files := zipFiles(t, b)
	for name, x := range files {
		if strings.HasPrefix(name, "xl/charts/chart") && (strings.Contains(x, "<legend>") || strings.Count(x, "<ser>") != 1) {
			t.Errorf("%s: a legend or more than one series", name)
		}
	}
}

// TestEvaluatorsAndMax: under evaluators the summary names those counted
// per unit and Kiểm tra those who sent nothing; a unit's own maximum is
// noted when it differs from the scale.
func TestEvaluatorsAndMax(t *testing.T) {
	r := reporttest.Result()
	r.Units[0].Evaluations = []score.Evaluation{{Evaluator: score.EvaluatorRef{Code: "STC", Name: "Sở Tài chính"}}, {Evaluator: score.EvaluatorRef{Code: "SXD"}}}
	r.Units[0].MaxApplicable = r.Campaign.Scale - 2000
	r.Units[1].MaxApplicable = r.Campaign.Scale
	r.Evaluators = []score.EvaluatorStatus{
		{EvaluatorRef: score.EvaluatorRef{Code: "STC", Name: "Sở Tài chính"}, Expected: true, Units: 6},
		{EvaluatorRef: score.EvaluatorRef{Code: "SNV", Name: "Sở Nội vụ"}, Expected: true, Missing: true},
	}
	f := open(t, write(t, r, report.Meta{Date: created}))
	rows, _ := f.GetRows(SheetSummary)
	h := findRow(t, rows, "Hạng", "Mã đơn vị", "Đơn vị", "Khối")
	head := rows[h-1]
	ev, notes := indexOf(head, "Đơn vị chấm"), indexOf(head, "Ghi chú")
	if ev < 0 || notes != len(head)-1 {
		t.Fatalf("header = %q", head)
	}
	r0, r1 := pad(rows[h], len(head)), pad(rows[h+1], len(head))
	if r0[ev] != "Sở Tài chính; SXD" || r1[ev] != "" {
		t.Errorf("evaluators %q, %q", r0[ev], r1[ev])
	}
	if r0[notes] != "điểm tối đa áp dụng: 80" || r1[notes] != strings.Join(r.Units[1].Flags, "; ") {
		t.Errorf("notes %q, %q", r0[notes], r1[notes])
	}
	rows, _ = f.GetRows(SheetChecks)
	all := flatten(rows)
	if !strings.Contains(all, "ĐƠN VỊ CHẤM CHƯA GỬI KẾT QUẢ CHẤM ĐIỂM") || !strings.Contains(all, "SNV|Sở Nội vụ") {
		t.Errorf("Kiểm tra lacks the missing evaluator:\n%s", all)
	}

	// Self-evaluation: neither the column nor the section.
	f = open(t, write(t, reporttest.Result(), report.Meta{Date: created}))
	rows, _ = f.GetRows(SheetSummary)
	if strings.Contains(flatten(rows), "Đơn vị chấm") {
		t.Error("an evaluators column under self-evaluation")
	}
	rows, _ = f.GetRows(SheetChecks)
	if strings.Contains(flatten(rows), "ĐƠN VỊ CHẤM") {
		t.Error("an evaluators section under self-evaluation")
	}
}
