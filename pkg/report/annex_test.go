package report

import (
	"strings"
	"testing"
	"time"

	"github.com/thidua/thidua/internal/reporttest"
)

func heads(cols []Column) string {
	var h []string
	for _, c := range cols {
		h = append(h, strings.ReplaceAll(c.Head, "\n", " "))
	}
	return strings.Join(h, "|")
}

func TestRankingColumns(t *testing.T) {
	r := reporttest.Result()
	cols := RankingColumns(r, nil)
	if got, want := heads(cols), "STT|Đơn vị|Khối thi đua|ND1 (20)|ND2 (80)|Điểm thưởng|Điểm trừ|Tổng điểm|Xếp hạng|Hạng trong khối|Xếp loại|Ghi chú"; got != want {
		t.Errorf("heads = %q, want %q", got, want)
	}
	for i, c := range cols {
		if len(c.Cells) != len(r.Units) {
			t.Fatalf("column %d has %d cells", i, len(c.Cells))
		}
	}
	if cols[0].Cells[5] != "6" || cols[1].Cells[0] != "Văn phòng Sở" || cols[len(cols)-1].Cells[3] != strings.Join(r.Units[3].Flags, "; ") {
		t.Errorf("cells: %q %q %q", cols[0].Cells[5], cols[1].Cells[0], cols[len(cols)-1].Cells[3])
	}

	// A year: one column per quarter ("–" for a quarter without a form), the change.
	y := reporttest.Year()
	cols = RankingColumns(y, nil)
	h := heads(cols)
	for _, w := range []string{"Quý I 2026", "Quý IV 2026", "Tăng, giảm"} {
		if !strings.Contains(h, w) {
			t.Errorf("year heads %q lack %q", h, w)
		}
	}
	var q1, change []string
	for _, c := range cols {
		switch c.Head {
		case "Quý I\n2026":
			q1 = c.Cells
		case "Tăng, giảm":
			change = c.Cells
		}
	}
	if q1[5] != "–" {
		t.Errorf("absent quarter shows %q", q1[5])
	}
	for _, c := range change {
		if c != "mới" && c != "=" && !strings.HasPrefix(c, "▲ ") && !strings.HasPrefix(c, "▼ ") {
			t.Errorf("change cell %q", c)
		}
	}
	notes := RankingNotes(y, cols, nil)
	if len(notes) != 4 || !strings.HasPrefix(notes[0], "ND1: ") || !strings.HasPrefix(notes[2], "“–” ở cột quý") || !strings.HasPrefix(notes[3], "Tăng, giảm:") {
		t.Errorf("notes = %q", notes)
	}

	// clean is applied to the texts taken from the result, in column order.
	var seen []string
	RankingColumns(r, func(s string) string { seen = append(seen, s); return s })
	if seen[0] != "Văn phòng Sở" || seen[len(r.Units)] != "Khối phòng chuyên môn" {
		t.Errorf("clean order: %q", seen[:len(r.Units)+1])
	}
}

func TestFitAndLayout(t *testing.T) {
	// a measure of 2 mm per rune at 10 pt, proportional to the size
	measure := func(c *Column, size float64) (head, cells float64) {
		for _, l := range strings.Split(c.Head, "\n") {
			for _, w := range strings.Fields(l) {
				head = max(head, float64(len([]rune(w)))*size/5)
			}
		}
		for _, s := range c.Cells {
			cells = max(cells, float64(len([]rune(s)))*size/5)
		}
		return head, cells
	}
	cols := RankingColumns(reporttest.Result(), nil)
	tb, land := RankingLayout(cols, 165, 252, measure)
	if !land || tb.Size > 11 || tb.Size < 7 {
		t.Errorf("layout: landscape=%v size=%v", land, tb.Size)
	}
	sum := 0.0
	for _, c := range tb.Cols {
		sum += c.W
		if c.W <= 0 {
			t.Errorf("column %q has width %v", c.Head, c.W)
		}
	}
	if sum < 251.99 || sum > 252.01 {
		t.Errorf("widths add up to %v, want 252", sum)
	}
	// the input columns are not changed
	if cols[0].W != 0 {
		t.Error("RankingLayout changed its input")
	}
	// a wide page at a small size fits portrait
	tb, land = RankingLayout(cols[:3], 165, 252, measure)
	if land || tb.Size != 11 {
		t.Errorf("three columns: landscape=%v size=%v", land, tb.Size)
	}
}

func TestAnnexTexts(t *testing.T) {
	r := reporttest.Result()
	if got := RankingTitle(r); got != "BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM THI ĐUA QUÝ III NĂM 2026" {
		t.Errorf("title %q", got)
	}
	m := Meta{Number: "15", Date: time.Date(2026, 10, 10, 0, 0, 0, 0, time.UTC), Org: Organization{Name: "SỞ GIAO THÔNG VẬN TẢI", Abbreviation: "SGTVT"}}
	if got := m.AnnexReference(nil); got != "(Kèm theo Báo cáo số 15/BC-SGTVT ngày 10/10/2026 của Sở Giao thông vận tải)" {
		t.Errorf("reference %q", got)
	}
	if m.RankingLabel() != "Phụ lục" {
		t.Error(m.RankingLabel())
	}
	m.UnitSheets = true
	if m.RankingLabel() != "Phụ lục I" {
		t.Error(m.RankingLabel())
	}
}

func TestUnitSheetOf(t *testing.T) {
	r := reporttest.Result()
	u := &r.Units[3]
	s := UnitSheetOf(u, len(r.Units), nil)
	if s.Name != "Trung tâm Đăng kiểm xe cơ giới (TTDK)" {
		t.Errorf("name %q", s.Name)
	}
	if !strings.HasPrefix(s.Info, "Khối: Khối đơn vị sự nghiệp; Tổng điểm: ") || !strings.HasSuffix(s.Info, "; Xếp hạng: 4/6; Xếp loại: Khá.") {
		t.Errorf("info %q", s.Info)
	}
	n := len(u.Rows) + 4
	if len(s.Bold) != n || len(s.Cols) != 6 {
		t.Fatalf("rows %d, cols %d", len(s.Bold), len(s.Cols))
	}
	for _, c := range s.Cols {
		if len(c.Cells) != n {
			t.Fatalf("column %q has %d cells, want %d", c.Head, len(c.Cells), n)
		}
	}
	last := n - 1
	if s.Cols[1].Cells[last] != "TỔNG ĐIỂM" || s.Cols[5].Cells[last] != u.Total.VI() || !s.Bold[last] {
		t.Errorf("last row: %q %q", s.Cols[1].Cells[last], s.Cols[5].Cells[last])
	}
	// a deduction taken shows as "−"
	found := false
	for i, code := range s.Cols[0].Cells {
		if code == "D1" {
			found = strings.HasPrefix(s.Cols[5].Cells[i], "−")
		}
	}
	if !found {
		t.Error("deduction D1 not shown with a minus")
	}
}

// column returns the cells of the column headed head, or nil.
func column(cols []Column, head string) []string {
	for _, c := range cols {
		if c.Head == head {
			return c.Cells
		}
	}
	return nil
}

func TestRankingColumnsGroupRankAndBands(t *testing.T) {
	r := reporttest.Result()
	got := strings.Join(column(RankingColumns(r, nil), HeadGroupRank), ",")
	if want := "1,2,2,1,,1"; got != want { // the unit with no group has no group rank
		t.Errorf("group ranks = %q, want %q", got, want)
	}

	// No groups, rank only (bands: []): neither the group columns nor the band.
	c := *r.Campaign
	c.Bands = nil
	r.Campaign = &c
	for i := range r.Units {
		r.Units[i].Group, r.Units[i].Band = "", ""
	}
	h := heads(RankingColumns(r, nil))
	for _, bad := range []string{"Khối thi đua", HeadGroupRank, "Xếp loại"} {
		if strings.Contains(h, bad) {
			t.Errorf("heads %q have %q", h, bad)
		}
	}
	if !strings.Contains(h, "Xếp hạng") {
		t.Errorf("heads %q lack the rank", h)
	}
}

// TestRankingColumnsDecimals: every figure of a column has the column's
// decimals (Decimals), for the PDF and the Word annex alike.
func TestRankingColumnsDecimals(t *testing.T) {
	r := reporttest.Result()
	r.Units[0].Total, r.Units[1].Total = 9925, 9400
	cols := RankingColumns(r, nil)
	for _, c := range cols {
		if c.Head != "Tổng điểm" {
			continue
		}
		if c.Cells[0] != "99,25" || c.Cells[1] != "94,00" {
			t.Errorf("totals %q", c.Cells[:2])
		}
		for i, s := range c.Cells {
			if want := FixedVI(r.Units[i].Total, 2); s != want {
				t.Errorf("total %d = %q, want %q", i, s, want)
			}
		}
		return
	}
	t.Fatal("no total column")
}
