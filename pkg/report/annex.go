package report

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/thidua/thidua/pkg/campaign"
	"github.com/thidua/thidua/pkg/score"
	"github.com/thidua/thidua/pkg/vntext"
)

// Column is one column of an annex table of the documents (the PDF and the
// Word document show the same cells): its header, alignment and cells, and
// the width a writer lays it out at.
type Column struct {
	Head  string   // header text; "\n" breaks it
	Align string   // "L", "C" or "R"
	Text  bool     // a text column: it wraps and takes the spare width
	Min   float64  // smallest width of a text column at 11 pt, in mm
	W     float64  // the width FitColumns gave it, in mm
	Cells []string // one per row
}

// Table is an annex table laid out in one font size: Size in points, Pad
// the cell padding in mm.
type Table struct {
	Cols []Column
	Size float64
	Pad  float64
}

// Rows is the number of rows of t (the header not counted).
func (t *Table) Rows() int {
	if len(t.Cols) == 0 {
		return 0
	}
	return len(t.Cols[0].Cells)
}

// Column headers the notes under the ranking table explain.
const (
	headChange = "Tăng, giảm"
	// HeadGroupRank heads the column of a unit's rank within its group.
	HeadGroupRank = "Hạng trong khối"
)

// RankingTitle is the title of the ranking annex:
// "BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM THI ĐUA QUÝ III NĂM 2026".
func RankingTitle(r *score.Result) string {
	title := "BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM THI ĐUA"
	if p := r.Period.Label(); p != "" {
		title += " " + strings.ToUpper(p)
	}
	return title
}

// UnitSheetsTitle is the title of the annex of unit scoring sheets.
const UnitSheetsTitle = "PHIẾU CHẤM ĐIỂM THI ĐUA CỦA CÁC ĐƠN VỊ"

// RankingLabel is the label over the ranking annex: "Phụ lục", or
// "Phụ lục I" when the unit sheets follow as "Phụ lục II".
func (m Meta) RankingLabel() string {
	if m.UnitSheets {
		return "Phụ lục I"
	}
	return "Phụ lục"
}

// AnnexReference is the line under an annex's title:
// "(Kèm theo Báo cáo số 15/BC-SGTVT ngày 10/10/2026 của Sở Giao thông vận
// tải)". clean, when not nil, is applied to the document code and then to
// the agency part.
func (m Meta) AnnexReference(clean func(string) string) string {
	if clean == nil {
		clean = func(s string) string { return s }
	}
	of := ""
	if a := AgencyName(vntext.Clean(m.Org.Name)); a != "" {
		of = " của " + a
	}
	code := clean(m.DocumentCode())
	return fmt.Sprintf("(Kèm theo Báo cáo số %s ngày %s%s)", code, m.Date.Format("02/01/2006"), clean(of))
}

// RankingColumns returns the columns of the ranking annex of r, one cell
// per unit in rank order: STT, unit, group, one per content ("ND1\n(20)"),
// bonus, deduction, one per quarter of a longer period, total, change
// ("▲ 2,5"), rank, rank within the group ("Hạng trong khối"), band and
// notes; a column with nothing to show (no group, no change, no notes, no
// bonus or deduction items, no bands in a rank-only table) is left out.
// clean, when not nil, is applied to every text taken from r, column by
// column.
func RankingColumns(r *score.Result, clean func(string) string) []Column {
	cl := clean
	if cl == nil {
		cl = func(s string) string { return s }
	}
	var contents []*campaign.Node
	if r.Campaign != nil {
		contents = r.Campaign.Contents
	}
	nq := 0
	hasGroup, hasChange, hasNotes := false, false, false
	for _, u := range r.Units {
		nq = max(nq, len(u.Quarters))
		hasGroup = hasGroup || strings.TrimSpace(u.Group) != ""
		hasChange = hasChange || u.Change != nil
		hasNotes = hasNotes || len(u.Flags) > 0
	}
	n := len(r.Units)
	num := func(f func(u *score.UnitResult) string) []string {
		out := make([]string, n)
		for i := range r.Units {
			out[i] = f(&r.Units[i])
		}
		return out
	}
	// scores is a column of figures, each with the column's decimals
	// (Decimals: "94,00" beside "99,25"); "–" where f has none
	scores := func(f func(u *score.UnitResult) (campaign.Points, bool)) []string {
		ps, oks := make([]campaign.Points, n), make([]bool, n)
		var present []campaign.Points
		for i := range r.Units {
			if ps[i], oks[i] = f(&r.Units[i]); oks[i] {
				present = append(present, ps[i])
			}
		}
		dec := Decimals(present)
		out := make([]string, n)
		for i := range ps {
			out[i] = "–"
			if oks[i] {
				out[i] = FixedVI(ps[i], dec)
			}
		}
		return out
	}
	var cols []Column
	cols = append(cols, Column{Head: "STT", Align: "C", Cells: num(func(u *score.UnitResult) string { return "" })})
	for i := range cols[0].Cells {
		cols[0].Cells[i] = strconv.Itoa(i + 1)
	}
	cols = append(cols, Column{Head: "Đơn vị", Align: "L", Text: true, Min: 38, Cells: num(func(u *score.UnitResult) string {
		return cl(shortText(vntext.Clean(u.Name), MaxNameRunes))
	})})
	if hasGroup {
		cols = append(cols, Column{Head: headGroup, Align: "L", Text: true, Min: 24, Cells: num(func(u *score.UnitResult) string {
			return cl(shortText(vntext.Clean(u.Group), MaxNameRunes))
		})})
	}
	for _, c := range contents {
		code := c.Code
		cols = append(cols, Column{Head: cl("ND" + c.Code + "\n(" + c.Max.VI() + ")"), Align: "R", Cells: scores(func(u *score.UnitResult) (campaign.Points, bool) {
			return ContentScore(u, code)
		})})
	}
	if r.Campaign != nil && len(r.Campaign.Bonus.Items) > 0 {
		cols = append(cols, Column{Head: "Điểm thưởng", Align: "R", Cells: scores(func(u *score.UnitResult) (campaign.Points, bool) { return u.Bonus, true })})
	}
	if r.Campaign != nil && len(r.Campaign.Deductions.Items) > 0 {
		cols = append(cols, Column{Head: "Điểm trừ", Align: "R", Cells: scores(func(u *score.UnitResult) (campaign.Points, bool) { return u.Deduction, true })})
	}
	for q := 0; q < nq; q++ {
		head := fmt.Sprintf("Quý %d", q+1)
		for _, u := range r.Units {
			if q < len(u.Quarters) && !u.Quarters[q].Period.IsZero() {
				head = strings.Replace(u.Quarters[q].Period.Label(), " năm ", "\n", 1)
				break
			}
		}
		qi := q
		cols = append(cols, Column{Head: head, Align: "R", Cells: scores(func(u *score.UnitResult) (campaign.Points, bool) {
			if qi >= len(u.Quarters) || !u.Quarters[qi].Present {
				return 0, false
			}
			return u.Quarters[qi].Total, true
		})})
	}
	cols = append(cols, Column{Head: "Tổng điểm", Align: "R", Cells: scores(func(u *score.UnitResult) (campaign.Points, bool) { return u.Total, true })})
	if hasChange {
		var changes []campaign.Points
		for _, u := range r.Units {
			if u.Change != nil && u.Change.Known {
				changes = append(changes, u.Change.Points)
			}
		}
		dec := Decimals(changes)
		cols = append(cols, Column{Head: headChange, Align: "R", Cells: num(func(u *score.UnitResult) string {
			c := u.Change
			switch {
			case c == nil || !c.Known:
				return "mới"
			case c.Points > 0:
				return "▲ " + FixedVI(c.Points, dec)
			case c.Points < 0:
				return "▼ " + FixedVI(-c.Points, dec)
			}
			return "="
		})})
	}
	cols = append(cols, Column{Head: "Xếp hạng", Align: "R", Cells: num(func(u *score.UnitResult) string {
		if u.Rank <= 0 {
			return ""
		}
		return strconv.Itoa(u.Rank)
	})})
	if hasGroup {
		cols = append(cols, Column{Head: HeadGroupRank, Align: "R", Cells: num(func(u *score.UnitResult) string {
			if u.GroupRank <= 0 || strings.TrimSpace(u.Group) == "" {
				return ""
			}
			return strconv.Itoa(u.GroupRank)
		})})
	}
	if HasBands(r) {
		cols = append(cols, Column{Head: "Xếp loại", Align: "L", Cells: num(func(u *score.UnitResult) string { return cl(u.Band) })})
	}
	if hasNotes {
		cols = append(cols, Column{Head: "Ghi chú", Align: "L", Text: true, Min: 24, Cells: num(func(u *score.UnitResult) string {
			return cl(strings.Join(u.Flags, "; "))
		})})
	}
	return cols
}

// RankingNotes are the notes under the ranking table that explain its
// short headers: what each content "NDx" is, the change column, the "–"
// of a quarter without a form. clean, when not nil, is applied to each
// content's note.
func RankingNotes(r *score.Result, cols []Column, clean func(string) string) []string {
	if clean == nil {
		clean = func(s string) string { return s }
	}
	var notes []string
	if r.Campaign != nil {
		for _, c := range r.Campaign.Contents {
			notes = append(notes, clean(fmt.Sprintf("ND%s: %s (tối đa %s điểm).", c.Code, vntext.Clean(c.Title), c.Max.VI())))
		}
	}
	quarters := false
	for _, c := range cols {
		if c.Head == headChange {
			notes = append(notes, "Tăng, giảm: tổng điểm so với kỳ trước (▲ tăng, ▼ giảm, = không đổi; “mới”: kỳ trước chưa có).")
		}
		if strings.HasPrefix(c.Head, "Quý") && !quarters {
			quarters = true
			notes = append(notes, "“–” ở cột quý: quý không có phiếu chấm điểm hợp lệ (tính 0 điểm).")
		}
	}
	return notes
}

// Measure returns, for a column in a font size, the width of the widest
// word of its header in bold and of its widest cell in the regular face,
// in mm. FitColumns calls it once per column, in order.
type Measure func(c *Column, size float64) (head, cells float64)

// FitColumns sets the widths of t's columns for a table width in mm:
// each fixed column as wide as its widest word of header or cell, each
// text column at least its minimum (scaled to the font size), the spare
// width shared among text columns by how much more they want, any rest to
// the first text column (the unit name) or, with none, to the last. It
// reports whether the text columns got at least their minimum width.
func (t *Table) FitColumns(width float64, measure Measure) bool {
	fixed, minText, wantText := 0.0, 0.0, 0.0
	want := make([]float64, len(t.Cols))
	for i := range t.Cols {
		c := &t.Cols[i]
		hw, cw := measure(c, t.Size)
		if c.Text {
			c.W = max(hw+2*t.Pad, c.Min*t.Size/11)
			want[i] = max(c.W, cw+2*t.Pad)
			minText += c.W
			wantText += want[i]
			continue
		}
		c.W = max(hw, cw) + 2*t.Pad
		fixed += c.W
	}
	spare := width - fixed - minText
	if spare < 0 {
		return false
	}
	need := wantText - minText
	first := -1
	for i := range t.Cols {
		c := &t.Cols[i]
		if !c.Text {
			continue
		}
		if first < 0 {
			first = i
		}
		if need > 0 {
			c.W += min(want[i]-c.W, spare*(want[i]-c.W)/need)
		}
	}
	used := 0.0
	for _, c := range t.Cols {
		used += c.W
	}
	if first >= 0 {
		t.Cols[first].W += width - used
	} else {
		t.Cols[len(t.Cols)-1].W += width - used
	}
	return true
}

// RankingLayout chooses the page and font size of the ranking table: portrait
// when it fits at 11 pt, else landscape from 11 pt down to 7 pt (at 7 pt it
// is taken whether it fits or not). portrait and landscape are the text
// widths of the two pages in mm.
func RankingLayout(cols []Column, portrait, landscape float64, measure Measure) (t *Table, isLandscape bool) {
	return RankingLayoutOnePage(cols, portrait, landscape, measure, nil)
}

// RankingLayoutOnePage is RankingLayout for a writer that can measure the
// height of the annex: onePage, when not nil, reports whether the annex
// with landscape table t (its widths set) fits on one page with its title
// and notes. A landscape table that fits the width but runs a little over
// one page is then set up to 2 pt smaller (not below 8 pt) when that keeps
// the annex on one page.
func RankingLayoutOnePage(cols []Column, portrait, landscape float64, measure Measure, onePage func(t *Table) bool) (t *Table, isLandscape bool) {
	tries := []struct {
		landscape bool
		size      float64
	}{{false, 11}, {true, 11}, {true, 10}, {true, 9}, {true, 8}, {true, 7}}
	var first *Table
	for _, try := range tries {
		width := portrait
		if try.landscape {
			width = landscape
		}
		t := &Table{Cols: append([]Column(nil), cols...), Size: try.size, Pad: 1.2}
		fits := t.FitColumns(width, measure)
		switch {
		case fits && first == nil && !try.landscape:
			return t, false
		case fits && first == nil:
			if onePage == nil {
				return t, true
			}
			first = t
		case first == nil && try.size == 7:
			return t, true
		case first == nil || !fits || try.size < max(8, first.Size-2):
			continue
		}
		if onePage(t) {
			return t, true
		}
	}
	return first, true
}

// UnitSheet is one unit's scoring sheet in the annex of unit sheets: its
// caption, a line of figures and a table of every row of the criteria
// table with its maximum, self-score, review score and final score, then
// the sums; Bold marks the rows set in bold (contents and sums).
type UnitSheet struct {
	Name string // "Văn phòng Sở (VP)"
	Info string // "Khối: …; Tổng điểm: 94,25; Xếp hạng: 3/10; Xếp loại: Xuất sắc."
	Cols []Column
	Bold []bool
}

// UnitSheetOf returns u's scoring sheet; n is the number of units ranked.
// clean, when not nil, is applied to every text taken from u, in order.
func UnitSheetOf(u *score.UnitResult, n int, clean func(string) string) UnitSheet {
	cl := clean
	if cl == nil {
		cl = func(s string) string { return s }
	}
	var s UnitSheet
	s.Name = cl(shortText(vntext.Clean(u.Name), MaxNameRunes))
	if u.Code != "" {
		s.Name += " (" + cl(u.Code) + ")"
	}
	var info []string
	if g := strings.TrimSpace(u.Group); g != "" {
		info = append(info, "Khối: "+cl(vntext.Clean(g)))
	}
	info = append(info, "Tổng điểm: "+u.Total.VI())
	if u.Rank > 0 {
		info = append(info, fmt.Sprintf("Xếp hạng: %d/%d", u.Rank, n))
	}
	if u.Band != "" {
		info = append(info, "Xếp loại: "+cl(u.Band))
	}
	s.Info = strings.Join(info, "; ") + "."

	s.Cols = []Column{
		{Head: "Mã", Align: "L"},
		{Head: "Nội dung", Align: "L", Text: true, Min: 60},
		{Head: "Điểm tối đa", Align: "R"},
		{Head: "Tự chấm", Align: "R"},
		{Head: "Thẩm định", Align: "R"},
		{Head: "Điểm", Align: "R"},
	}
	// every figure of a column with the column's decimals (Decimals)
	var maxes, selfs, revs, finals []campaign.Points
	for _, rs := range u.Rows {
		maxes = append(maxes, rs.Max)
		if rs.SelfSet || !rs.Leaf {
			selfs = append(selfs, rs.Self)
		}
		if rs.ReviewSet {
			revs = append(revs, rs.Review)
		}
		finals = append(finals, rs.Final)
	}
	finals = append(finals, u.Base, u.Bonus, u.Deduction, u.Total)
	dMax, dSelf, dRev, dFinal := Decimals(maxes), Decimals(selfs), Decimals(revs), Decimals(finals)
	for _, rs := range u.Rows {
		title := strings.Repeat("    ", rs.Depth) + cl(vntext.Clean(rs.Title))
		self, rev := "", ""
		if rs.SelfSet || !rs.Leaf {
			self = FixedVI(rs.Self, dSelf)
		}
		if rs.ReviewSet {
			rev = FixedVI(rs.Review, dRev)
		}
		final := FixedVI(rs.Final, dFinal)
		if rs.Kind == campaign.KindDeduction && rs.Final > 0 {
			final = "−" + final
		}
		for i, v := range []string{cl(rs.Code), title, FixedVI(rs.Max, dMax), self, rev, final} {
			s.Cols[i].Cells = append(s.Cols[i].Cells, v)
		}
		s.Bold = append(s.Bold, rs.Kind == campaign.KindContent)
	}
	sum := [][2]string{{"Cộng điểm các nội dung", FixedVI(u.Base, dFinal)}, {"Điểm thưởng", FixedVI(u.Bonus, dFinal)},
		{"Điểm trừ", FixedVI(u.Deduction, dFinal)}, {"TỔNG ĐIỂM", FixedVI(u.Total, dFinal)}}
	for _, row := range sum {
		for i, v := range []string{"", row[0], "", "", "", row[1]} {
			s.Cols[i].Cells = append(s.Cols[i].Cells, v)
		}
		s.Bold = append(s.Bold, true)
	}
	return s
}
