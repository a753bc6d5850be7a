package pdf

import (
	"strings"

	"github.com/thidua/thidua/pkg/report"
	"github.com/thidua/thidua/pkg/score"
)

// table is an annex table laid out in one font size (report.Table: the
// columns the PDF and the Word document share, with their widths).
type table = report.Table

// annexTitle draws "Phụ lục …", the title and "(Kèm theo Báo cáo số …)".
func (d *doc) annexTitle(label, title string) {
	W := d.width()
	lh := lineH(14)
	y, _ := d.centered(label, "B", 14, d.left, W, d.y, lh)
	y, _ = d.centered(title, "B", 14, d.left, W, y, lh)
	y, _ = d.centered(d.annexOf(), "I", 14, d.left, W, y, lh)
	d.y = y + 5
}

// annexOf is the annex's line "(Kèm theo Báo cáo số … ngày … của …)"
// (report.Meta.AnnexReference).
func (d *doc) annexOf() string { return d.m.AnnexReference(d.z.clean) }

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
	return d.m.RankingLabel(), report.RankingTitle(d.r)
}

// annexRanking draws Phụ lục (I): the full ranking table or, by group
// (report.annex: by-group), one table per group under its heading.
func (d *doc) annexRanking() {
	t, landscape := d.rankingTable()
	d.startSection("I", landscape)
	d.annexTitle(d.rankingLabels())
	if d.m.ByGroup(d.r) {
		for i, g := range report.RankingGroups(d.r, d.m.Groups, d.z.clean) {
			if i > 0 {
				d.y += 3
			}
			// the heading stays with the header row and a first row
			d.ensure(lineH(12) + 3*lineH(t.Size) + 4*t.Pad)
			d.paragraph(g.Heading, "B", 12, 0, "L", 1)
			d.drawTable(t.Subset(g.Rows))
		}
	} else {
		d.drawTable(t)
	}
	d.rankingNotes(t)
}

// rankingTable builds the columns of the ranking table (report.RankingColumns)
// and chooses the page orientation and font size that let it fit
// (report.RankingLayoutOnePage): a landscape table that fits the width but,
// with its title and notes, runs a little over one page is set up to 2 pt
// smaller (not below 8 pt) when that keeps the annex on one page.
func (d *doc) rankingTable() (*table, bool) {
	cols := report.RankingColumns(d.r, d.z.clean)
	if d.m.ByGroup(d.r) {
		cols = report.RankingColumnsByGroup(d.r, d.z.clean)
	}
	width, height := a4H-landscapeLeft-landscapeRight, a4W-landscapeTop-landscapeBottom
	return report.RankingLayoutOnePage(cols, a4W-portraitLeft-portraitRight, width, d.measure, func(t *table) bool {
		return d.annexHeight(t, width) <= height
	})
}

// annexHeight is the height of the ranking annex with table t on a page w
// wide: title, table and notes.
func (d *doc) annexHeight(t *table, w float64) float64 {
	label, title := d.rankingLabels()
	h := d.annexTitleHeight(label, title, w) + d.tableHeight(t, make([]bool, t.Rows()))
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

// fit sets the column widths of t for the page width (report.FitColumns);
// it reports whether the text columns got at least their minimum width.
func (d *doc) fit(t *table, width float64) bool { return t.FitColumns(width, d.measure) }

// measure is report.Measure in the embedded font: the widest word of c's
// header in bold, the widest of its cells in the regular face.
func (d *doc) measure(c *report.Column, size float64) (head, cells float64) {
	d.font("B", size)
	for _, line := range strings.Split(c.Head, "\n") {
		for _, w := range strings.Fields(line) {
			head = max(head, d.p.GetStringWidth(w))
		}
	}
	d.font("", size)
	for _, s := range c.Cells {
		cells = max(cells, d.p.GetStringWidth(s))
	}
	return head, cells
}

// headerRow returns the function that draws t's header row, bold and
// centred, at the current position (again on every new page).
func (d *doc) headerRow(t *table, lh float64) func() {
	return func() {
		lines, nl := d.headerLines(t)
		h := float64(nl)*lh + 2*t.Pad
		d.row(t, lines, "C", h, lh)
		d.y += h
	}
}

// headerLines selects the header font and wraps every column's heading;
// nl is the number of lines of the tallest.
func (d *doc) headerLines(t *table) (lines [][]string, nl int) {
	d.font("B", t.Size)
	lines = make([][]string, len(t.Cols))
	nl = 1
	for i, c := range t.Cols {
		lines[i] = d.wrap(c.Head, c.W-2*t.Pad, 0)
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
	d.font(style, t.Size)
	nl = 1
	for i, c := range t.Cols {
		if c.Text {
			lines[i] = d.wrapKeepIndent(c.Cells[ri], c.W-2*t.Pad)
		} else {
			lines[i] = []string{c.Cells[ri]}
		}
		nl = max(nl, len(lines[i]))
	}
	return style, nl
}

// drawTable draws t from the current position: a bold centred header row,
// repeated on every page, and rows that are never split across pages.
func (d *doc) drawTable(t *table) {
	lh := lineH(t.Size) * 0.92
	header := d.headerRow(t, lh)
	d.repeat = header
	header()
	rows := 0
	if len(t.Cols) > 0 {
		rows = len(t.Cols[0].Cells)
	}
	d.font("", t.Size)
	lines := make([][]string, len(t.Cols))
	for ri := 0; ri < rows; ri++ {
		nl := 1
		for i, c := range t.Cols {
			if c.Text {
				lines[i] = d.wrap(c.Cells[ri], c.W-2*t.Pad, 0)
			} else {
				lines[i] = []string{c.Cells[ri]}
			}
			nl = max(nl, len(lines[i]))
		}
		h := float64(nl)*lh + 2*t.Pad
		if d.ensure(h) {
			d.font("", t.Size)
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
	for i, c := range t.Cols {
		d.p.Rect(x, d.y, c.W, h, "D")
		a := align
		if a == "" {
			a = c.Align
		}
		ty := d.y + (h-float64(len(lines[i]))*lh)/2
		for _, l := range lines[i] {
			d.p.SetXY(x+t.Pad, ty)
			d.p.CellFormat(c.W-2*t.Pad, lh, l, "", 0, a, false, 0, "")
			ty += lh
		}
		x += c.W
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

// rankingNoteTexts are the notes under the ranking table
// (report.RankingNotes), each "- …".
func (d *doc) rankingNoteTexts(t *table) []string {
	notes := report.RankingNotes(d.r, t.Cols, d.z.clean)
	for i := range notes {
		notes[i] = "- " + notes[i]
	}
	return notes
}

// annexUnitSheets draws Phụ lục II: one scoring sheet per unit, each on its
// own page.
func (d *doc) annexUnitSheets() {
	d.startSection("II", false)
	d.annexTitle("Phụ lục II", report.UnitSheetsTitle)
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
	us := report.UnitSheetOf(u, len(d.r.Units), d.z.clean)
	name, cols, bold := us.Name, us.Cols, us.Bold
	d.paragraph(name, "B", 13, 0, "L", 0.5)
	d.paragraph(us.Info, "", 12, 0, "L", 2)
	// one page per unit: the largest size from 10 pt down to 8 pt that fits
	// the rest of the page; a sheet longer than that runs on with its header
	var t *table
	for _, size := range []float64{10, 9.5, 9, 8.5, 8} {
		t = &table{Cols: append([]report.Column(nil), cols...), Size: size, Pad: size / 10}
		d.fit(t, d.width())
		if d.y+d.tableHeight(t, bold) <= d.limit() {
			break
		}
		if size == 8 {
			t = &table{Cols: cols, Size: 10, Pad: 1}
			d.fit(t, d.width())
		}
	}
	d.drawTableStyled(t, bold, name+" (tiếp theo)")
}

// tableHeight measures the height drawTableStyled needs for t.
func (d *doc) tableHeight(t *table, bold []bool) float64 {
	lh := lineH(t.Size) * 0.92
	_, nl := d.headerLines(t)
	h := float64(nl)*lh + 2*t.Pad
	lines := make([][]string, len(t.Cols))
	for ri := range t.Cols[0].Cells {
		_, nl := d.styledRowLines(t, bold, ri, lines)
		h += float64(nl)*lh + 2*t.Pad
	}
	return h
}

// drawTableStyled is drawTable with some rows in bold and a caption over
// the header on continuation pages.
func (d *doc) drawTableStyled(t *table, bold []bool, caption string) {
	lh := lineH(t.Size) * 0.92
	header := d.headerRow(t, lh)
	d.repeat = func() {
		d.paragraph(caption, "I", 11, 0, "L", 1)
		header()
	}
	header()
	lines := make([][]string, len(t.Cols))
	for ri := range t.Cols[0].Cells {
		style, nl := d.styledRowLines(t, bold, ri, lines)
		h := float64(nl)*lh + 2*t.Pad
		if d.ensure(h) {
			d.font(style, t.Size)
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
