package pdf

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/thidua/thidua/pkg/campaign"
	"github.com/thidua/thidua/pkg/report"
	"github.com/thidua/thidua/pkg/score"
	"github.com/thidua/thidua/pkg/vntext"
)

// column is one column of an annex table.
type column struct {
	head  string  // header text ("\n" breaks it)
	align string  // "L", "C" or "R"
	w     float64 // width in mm
	text  bool    // a text column that wraps and takes the spare width
	min   float64 // smallest width of a text column
	cells []string
}

// table is an annex table laid out in one font size.
type table struct {
	cols []column
	size float64
	pad  float64
}

// annexTitle draws "Phụ lục …", the title and "(Kèm theo Báo cáo số …)".
func (d *doc) annexTitle(label, title string) {
	W := d.width()
	lh := lineH(14)
	y, _ := d.centered(label, "B", 14, d.left, W, d.y, lh)
	y, _ = d.centered(title, "B", 14, d.left, W, y, lh)
	y, _ = d.centered(d.annexOf(), "I", 14, d.left, W, y, lh)
	d.y = y + 5
}

// annexOf is the annex's line "(Kèm theo Báo cáo số … ngày … của …)".
func (d *doc) annexOf() string {
	of := ""
	if a := report.AgencyName(vntext.Clean(d.m.Org.Name)); a != "" {
		of = " của " + a
	}
	return fmt.Sprintf("(Kèm theo Báo cáo số %s ngày %s%s)", d.documentCode(), d.m.Date.Format("02/01/2006"), d.z.clean(of))
}

// annexTitleHeight is the height annexTitle takes on a page w wide.
func (d *doc) annexTitleHeight(label, title string, w float64) float64 {
	n := 0
	d.font("B", 14)
	n += len(d.wrap(label, w, 0)) + len(d.wrap(title, w, 0))
	d.font("I", 14)
	n += len(d.wrap(d.annexOf(), w, 0))
	return float64(n)*lineH(14) + 5
}

// rankingLabels are the label and the title of the ranking annex.
func (d *doc) rankingLabels() (label, title string) {
	label = "Phụ lục"
	if d.m.UnitSheets {
		label = "Phụ lục I"
	}
	title = "BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM THI ĐUA"
	if p := d.r.Period.Label(); p != "" {
		title += " " + upper(p)
	}
	return label, title
}

// annexRanking draws Phụ lục (I): the full ranking table.
func (d *doc) annexRanking() {
	t, landscape := d.rankingTable()
	d.startSection("I", landscape)
	d.annexTitle(d.rankingLabels())
	d.drawTable(t)
	d.rankingNotes(t)
}

// rankingTable builds the columns of the ranking table and chooses the
// page orientation and font size that let it fit.
func (d *doc) rankingTable() (*table, bool) {
	r := d.r
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
	// (report.Decimals: "94,00" beside "99,25"); "–" where f has none
	scores := func(f func(u *score.UnitResult) (campaign.Points, bool)) []string {
		ps, oks := make([]campaign.Points, n), make([]bool, n)
		var present []campaign.Points
		for i := range r.Units {
			if ps[i], oks[i] = f(&r.Units[i]); oks[i] {
				present = append(present, ps[i])
			}
		}
		dec := report.Decimals(present)
		out := make([]string, n)
		for i := range ps {
			out[i] = "–"
			if oks[i] {
				out[i] = report.FixedVI(ps[i], dec)
			}
		}
		return out
	}
	cl := d.z.clean
	var cols []column
	cols = append(cols, column{head: "STT", align: "C", cells: num(func(u *score.UnitResult) string { return "" })})
	for i := range cols[0].cells {
		cols[0].cells[i] = strconv.Itoa(i + 1)
	}
	cols = append(cols, column{head: "Đơn vị", align: "L", text: true, min: 38, cells: num(func(u *score.UnitResult) string {
		return cl(vntext.Clean(u.Name))
	})})
	if hasGroup {
		cols = append(cols, column{head: "Khối thi đua", align: "L", text: true, min: 24, cells: num(func(u *score.UnitResult) string {
			return cl(vntext.Clean(u.Group))
		})})
	}
	for _, c := range contents {
		code := c.Code
		cols = append(cols, column{head: cl("ND" + c.Code + "\n(" + c.Max.VI() + ")"), align: "R", cells: scores(func(u *score.UnitResult) (campaign.Points, bool) {
			return report.ContentScore(u, code)
		})})
	}
	if r.Campaign != nil && len(r.Campaign.Bonus.Items) > 0 {
		cols = append(cols, column{head: "Điểm thưởng", align: "R", cells: scores(func(u *score.UnitResult) (campaign.Points, bool) { return u.Bonus, true })})
	}
	if r.Campaign != nil && len(r.Campaign.Deductions.Items) > 0 {
		cols = append(cols, column{head: "Điểm trừ", align: "R", cells: scores(func(u *score.UnitResult) (campaign.Points, bool) { return u.Deduction, true })})
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
		cols = append(cols, column{head: head, align: "R", cells: scores(func(u *score.UnitResult) (campaign.Points, bool) {
			if qi >= len(u.Quarters) || !u.Quarters[qi].Present {
				return 0, false
			}
			return u.Quarters[qi].Total, true
		})})
	}
	cols = append(cols, column{head: "Tổng điểm", align: "R", cells: scores(func(u *score.UnitResult) (campaign.Points, bool) { return u.Total, true })})
	if hasChange {
		var changes []campaign.Points
		for _, u := range r.Units {
			if u.Change != nil && u.Change.Known {
				changes = append(changes, u.Change.Points)
			}
		}
		dec := report.Decimals(changes)
		cols = append(cols, column{head: "Tăng, giảm", align: "R", cells: num(func(u *score.UnitResult) string {
			c := u.Change
			switch {
			case c == nil || !c.Known:
				return "mới"
			case c.Points > 0:
				return "▲ " + report.FixedVI(c.Points, dec)
			case c.Points < 0:
				return "▼ " + report.FixedVI(-c.Points, dec)
			}
			return "="
		})})
	}
	cols = append(cols, column{head: "Xếp hạng", align: "R", cells: num(func(u *score.UnitResult) string {
		if u.Rank <= 0 {
			return ""
		}
		return strconv.Itoa(u.Rank)
	})})
	cols = append(cols, column{head: "Xếp loại", align: "L", cells: num(func(u *score.UnitResult) string { return cl(u.Band) })})
	if hasNotes {
		cols = append(cols, column{head: "Ghi chú", align: "L", text: true, min: 24, cells: num(func(u *score.UnitResult) string {
			return cl(strings.Join(u.Flags, "; "))
		})})
	}

	// Portrait when it fits at 11 pt, else landscape from 11 pt down to 7 pt.
	// A landscape table that fits the width but, with its title and
	// notes, runs a little over one page is set up to 2 pt smaller (not
	// below 8 pt) when that keeps the annex on one page.
	tries := []struct {
		landscape bool
		size      float64
	}{{false, 11}, {true, 11}, {true, 10}, {true, 9}, {true, 8}, {true, 7}}
	var first *table
	for _, try := range tries {
		width, height := a4W-portraitLeft-portraitRight, a4H-portraitTop-portraitBottom
		if try.landscape {
			width, height = a4H-landscapeLeft-landscapeRight, a4W-landscapeTop-landscapeBottom
		}
		t := &table{cols: append([]column(nil), cols...), size: try.size, pad: 1.2}
		fits := d.fit(t, width)
		switch {
		case fits && first == nil && !try.landscape:
			return t, false
		case fits && first == nil:
			first = t
		case first == nil && try.size == 7:
			return t, true
		case first == nil || !fits || try.size < max(8, first.size-2):
			continue
		}
		if d.annexHeight(t, width) <= height {
			return t, true
		}
	}
	return first, true
}

// annexHeight is the height of the ranking annex with table t on a page w
// wide: title, table and notes.
func (d *doc) annexHeight(t *table, w float64) float64 {
	label, title := d.rankingLabels()
	h := d.annexTitleHeight(label, title, w) + d.tableHeight(t, make([]bool, len(t.cols[0].cells)))
	notes := d.rankingNoteTexts(t)
	if len(notes) == 0 {
		return h
	}
	h += 3 + lineH(10)
	d.font("I", 10)
	for _, n := range notes {
		h += float64(len(d.wrap(n, w, 0)))*lineH(10) + 0.3
	}
	return h
}

// fit sets the column widths for the page width; it reports whether the
// text columns got at least their minimum width.
func (d *doc) fit(t *table, width float64) bool {
	fixed, minText, wantText := 0.0, 0.0, 0.0
	want := make([]float64, len(t.cols))
	for i := range t.cols {
		c := &t.cols[i]
		d.font("B", t.size)
		hw := 0.0
		for _, line := range strings.Split(c.head, "\n") {
			for _, w := range strings.Fields(line) {
				hw = max(hw, d.p.GetStringWidth(w))
			}
		}
		d.font("", t.size)
		cw := 0.0
		for _, s := range c.cells {
			cw = max(cw, d.p.GetStringWidth(s))
		}
		if c.text {
			c.w = max(hw+2*t.pad, c.min*t.size/11)
			want[i] = max(c.w, cw+2*t.pad)
			minText += c.w
			wantText += want[i]
			continue
		}
		c.w = max(hw, cw) + 2*t.pad
		fixed += c.w
	}
	spare := width - fixed - minText
	if spare < 0 {
		return false
	}
	// share the spare width among text columns by how much they want more,
	// any rest to the first text column (the unit name)
	need := wantText - minText
	first := -1
	for i := range t.cols {
		c := &t.cols[i]
		if !c.text {
			continue
		}
		if first < 0 {
			first = i
		}
		if need > 0 {
			c.w += min(want[i]-c.w, spare*(want[i]-c.w)/need)
		}
	}
	used := 0.0
	for _, c := range t.cols {
		used += c.w
	}
	if first >= 0 {
		t.cols[first].w += width - used
	} else {
		// no text column: widen the last one
		t.cols[len(t.cols)-1].w += width - used
	}
	return true
}

// headerRow returns the function that draws t's header row, bold and
// centred, at the current position (again on every new page).
func (d *doc) headerRow(t *table, lh float64) func() {
	return func() {
		lines, nl := d.headerLines(t)
		h := float64(nl)*lh + 2*t.pad
		d.row(t, lines, "C", h, lh)
		d.y += h
	}
}

// headerLines selects the header font and wraps every column's heading;
// nl is the number of lines of the tallest.
func (d *doc) headerLines(t *table) (lines [][]string, nl int) {
	d.font("B", t.size)
	lines = make([][]string, len(t.cols))
	nl = 1
	for i, c := range t.cols {
		lines[i] = d.wrap(c.head, c.w-2*t.pad, 0)
		nl = max(nl, len(lines[i]))
	}
	return lines, nl
}

// styledRowLines selects row ri's font (bold where bold says) and wraps
// its cells into lines, keeping indents of text columns; it returns the
// number of lines of the tallest cell.
func (d *doc) styledRowLines(t *table, bold []bool, ri int, lines [][]string) (style string, nl int) {
	if bold[ri] {
		style = "B"
	}
	d.font(style, t.size)
	nl = 1
	for i, c := range t.cols {
		if c.text {
			lines[i] = d.wrapKeepIndent(c.cells[ri], c.w-2*t.pad)
		} else {
			lines[i] = []string{c.cells[ri]}
		}
		nl = max(nl, len(lines[i]))
	}
	return style, nl
}

// drawTable draws t from the current position: a bold centred header row,
// repeated on every page, and rows that are never split across pages.
func (d *doc) drawTable(t *table) {
	lh := lineH(t.size) * 0.92
	header := d.headerRow(t, lh)
	d.repeat = header
	header()
	rows := 0
	if len(t.cols) > 0 {
		rows = len(t.cols[0].cells)
	}
	d.font("", t.size)
	lines := make([][]string, len(t.cols))
	for ri := 0; ri < rows; ri++ {
		nl := 1
		for i, c := range t.cols {
			if c.text {
				lines[i] = d.wrap(c.cells[ri], c.w-2*t.pad, 0)
			} else {
				lines[i] = []string{c.cells[ri]}
			}
			nl = max(nl, len(lines[i]))
		}
		h := float64(nl)*lh + 2*t.pad
		if d.ensure(h) {
			d.font("", t.size)
		}
		d.row(t, lines, "", h, lh)
		d.y += h
	}
	d.repeat = nil
}

// row draws one table row of height h at the current y; align "" uses each
// column's own alignment.
func (d *doc) row(t *table, lines [][]string, align string, h, lh float64) {
	x := d.left
	for i, c := range t.cols {
		d.p.Rect(x, d.y, c.w, h, "D")
		a := align
		if a == "" {
			a = c.align
		}
		ty := d.y + (h-float64(len(lines[i]))*lh)/2
		for _, l := range lines[i] {
			d.p.SetXY(x+t.pad, ty)
			d.p.CellFormat(c.w-2*t.pad, lh, l, "", 0, a, false, 0, "")
			ty += lh
		}
		x += c.w
	}
}

// rankingNotes explains the table's short headers under it.
func (d *doc) rankingNotes(t *table) {
	d.y += 3
	notes := d.rankingNoteTexts(t)
	if len(notes) == 0 {
		return
	}
	d.ensure(lineH(10) * 2)
	d.paragraph("Ghi chú:", "BI", 10, 0, "L", 0)
	for _, n := range notes {
		d.paragraph(n, "I", 10, 0, "J", 0.3)
	}
}

// rankingNoteTexts are the notes under the ranking table, each "- …".
func (d *doc) rankingNoteTexts(t *table) []string {
	var notes []string
	if d.r.Campaign != nil {
		for _, c := range d.r.Campaign.Contents {
			notes = append(notes, d.z.clean(fmt.Sprintf("ND%s: %s (tối đa %s điểm).", c.Code, vntext.Clean(c.Title), c.Max.VI())))
		}
	}
	for _, c := range t.cols {
		if c.head == "Tăng, giảm" {
			notes = append(notes, "Tăng, giảm: tổng điểm so với kỳ trước (▲ tăng, ▼ giảm, = không đổi; “mới”: kỳ trước chưa có).")
		}
		if strings.HasPrefix(c.head, "Quý") {
			notes = append(notes, "“–” ở cột quý: quý không có phiếu chấm điểm hợp lệ (tính 0 điểm).")
			break
		}
	}
	for i := range notes {
		notes[i] = "- " + notes[i]
	}
	return notes
}

// annexUnitSheets draws Phụ lục II: one scoring sheet per unit, each on its
// own page.
func (d *doc) annexUnitSheets() {
	d.startSection("II", false)
	d.annexTitle("Phụ lục II", "PHIẾU CHẤM ĐIỂM THI ĐUA CỦA CÁC ĐƠN VỊ")
	if len(d.r.Units) == 0 {
		d.paragraph("Không có đơn vị nào được chấm điểm.", "I", 14, 0, "L", 0)
		return
	}
	for i := range d.r.Units {
		if i > 0 {
			d.newPage(false)
		}
		d.unitSheet(&d.r.Units[i])
	}
}

// unitSheet draws one unit's scoring sheet: every row with its maximum,
// self-score, review score and final score.
func (d *doc) unitSheet(u *score.UnitResult) {
	cl := d.z.clean
	name := cl(vntext.Clean(u.Name))
	if u.Code != "" {
		name += " (" + cl(u.Code) + ")"
	}
	d.paragraph(name, "B", 13, 0, "L", 0.5)
	var info []string
	if g := strings.TrimSpace(u.Group); g != "" {
		info = append(info, "Khối: "+cl(vntext.Clean(g)))
	}
	info = append(info, "Tổng điểm: "+u.Total.VI())
	if u.Rank > 0 {
		info = append(info, fmt.Sprintf("Xếp hạng: %d/%d", u.Rank, len(d.r.Units)))
	}
	if u.Band != "" {
		info = append(info, "Xếp loại: "+cl(u.Band))
	}
	d.paragraph(strings.Join(info, "; ")+".", "", 12, 0, "L", 2)

	cols := []column{
		{head: "Mã", align: "L"},
		{head: "Nội dung", align: "L", text: true, min: 60},
		{head: "Điểm tối đa", align: "R"},
		{head: "Tự chấm", align: "R"},
		{head: "Thẩm định", align: "R"},
		{head: "Điểm", align: "R"},
	}
	// every figure of a column with the column's decimals (report.Decimals)
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
	dMax, dSelf, dRev, dFinal := report.Decimals(maxes), report.Decimals(selfs), report.Decimals(revs), report.Decimals(finals)
	var bold []bool
	for _, rs := range u.Rows {
		title := strings.Repeat("    ", rs.Depth) + cl(vntext.Clean(rs.Title))
		self, rev := "", ""
		if rs.SelfSet || !rs.Leaf {
			self = report.FixedVI(rs.Self, dSelf)
		}
		if rs.ReviewSet {
			rev = report.FixedVI(rs.Review, dRev)
		}
		final := report.FixedVI(rs.Final, dFinal)
		if rs.Kind == campaign.KindDeduction && rs.Final > 0 {
			final = "−" + final
		}
		for i, v := range []string{cl(rs.Code), title, report.FixedVI(rs.Max, dMax), self, rev, final} {
			cols[i].cells = append(cols[i].cells, v)
		}
		bold = append(bold, rs.Kind == campaign.KindContent)
	}
	sum := [][2]string{{"Cộng điểm các nội dung", report.FixedVI(u.Base, dFinal)}, {"Điểm thưởng", report.FixedVI(u.Bonus, dFinal)},
		{"Điểm trừ", report.FixedVI(u.Deduction, dFinal)}, {"TỔNG ĐIỂM", report.FixedVI(u.Total, dFinal)}}
	for _, s := range sum {
		for i, v := range []string{"", s[0], "", "", "", s[1]} {
			cols[i].cells = append(cols[i].cells, v)
		}
		bold = append(bold, true)
	}
	// one page per unit: the largest size from 10 pt down to 8 pt that fits
	// the rest of the page; a sheet longer than that runs on with its header
	var t *table
	for _, size := range []float64{10, 9.5, 9, 8.5, 8} {
		t = &table{cols: append([]column(nil), cols...), size: size, pad: size / 10}
		d.fit(t, d.width())
		if d.y+d.tableHeight(t, bold) <= d.limit() {
			break
		}
		if size == 8 {
			t = &table{cols: cols, size: 10, pad: 1}
			d.fit(t, d.width())
		}
	}
	d.drawTableStyled(t, bold, name+" (tiếp theo)")
}

// tableHeight measures the height drawTableStyled needs for t.
func (d *doc) tableHeight(t *table, bold []bool) float64 {
	lh := lineH(t.size) * 0.92
	_, nl := d.headerLines(t)
	h := float64(nl)*lh + 2*t.pad
	lines := make([][]string, len(t.cols))
	for ri := range t.cols[0].cells {
		_, nl := d.styledRowLines(t, bold, ri, lines)
		h += float64(nl)*lh + 2*t.pad
	}
	return h
}

// drawTableStyled is drawTable with some rows in bold and a caption over
// the header on continuation pages.
func (d *doc) drawTableStyled(t *table, bold []bool, caption string) {
	lh := lineH(t.size) * 0.92
	header := d.headerRow(t, lh)
	d.repeat = func() {
		d.paragraph(caption, "I", 11, 0, "L", 1)
		header()
	}
	header()
	lines := make([][]string, len(t.cols))
	for ri := range t.cols[0].cells {
		style, nl := d.styledRowLines(t, bold, ri, lines)
		h := float64(nl)*lh + 2*t.pad
		if d.ensure(h) {
			d.font(style, t.size)
		}
		d.row(t, lines, "", h, lh)
		d.y += h
	}
	d.repeat = nil
}

// wrapKeepIndent wraps s keeping its leading spaces as an indent of every
// line.
func (d *doc) wrapKeepIndent(s string, w float64) []string {
	trimmed := strings.TrimLeft(s, " ")
	pre := s[:len(s)-len(trimmed)]
	pw := d.p.GetStringWidth(pre)
	lines := d.wrap(trimmed, w-pw, 0)
	for i := range lines {
		lines[i] = pre + lines[i]
	}
	return lines
}
