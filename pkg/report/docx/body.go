package docx

import (
	"strings"

	"github.com/thidua/thidua/pkg/report"
)

// mainText writes the report itself: letterhead, title, narrative with the
// chart, signature and "Nơi nhận".
func (d *doc) mainText(nar *report.Narrative) error {
	d.letterhead()
	d.title(nar.Summary)
	charted := false
	last := nar.LastText() // the closing paragraph, kept on the page of the signature
	for i, b := range nar.Blocks {
		switch b.Kind {
		case report.Heading:
			d.x.p(keep("Heading1"), text(b.Text))
		case report.Dash, report.Paragraph:
			pp := keep("BodyText")
			pp.keepNext = i == last
			pp.keepLines = i == last
			d.x.p(pp, text(b.Text))
		case report.Chart:
			if !charted {
				if err := d.chart(nar.Data.PeriodLower); err != nil {
					return err
				}
				charted = true
			}
		}
	}
	if !charted {
		if err := d.chart(nar.Data.PeriodLower); err != nil {
			return err
		}
	}
	d.signature()
	return nil
}

// letterhead writes the two-column header of page 1 (Nghị định 30/2020,
// Phụ lục I) as a borderless table: the parent agency and the agency with
// its short rule on the left, the national title and the motto with its
// rule on the right; below them, on one row, the number and the place and
// date.
func (d *doc) letterhead() {
	const nation = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
	const motto = "Độc lập - Tự do - Hạnh phúc"
	date := clean(d.m.DateLine())
	W := portraitW
	fs := d.fs

	// The right column is as wide as its widest line, the left takes the
	// rest (as the PDF lays it out).
	rw := max(fs.width(bold, 13, nation), fs.width(bold, 14, motto), fs.width(italic, 14, date)) + 4
	rw = min(rw, W*0.62)
	lw := W - rw

	parent := clean(strings.ToUpper(strings.TrimSpace(d.m.Org.Parent)))
	agency := clean(strings.ToUpper(strings.TrimSpace(d.m.Org.Name)))
	left := func(x *writer) {
		if parent != "" {
			x.p(keep("Letterhead"), text(parent))
		}
		if agency != "" {
			x.p(keep("Letterhead"), run{text: agency, bold: true})
			l := fs.widest(bold, 13, fs.lines(bold, 13, agency, lw))
			d.rule(lw, l*0.4)
		}
	}
	right := func(x *writer) {
		x.p(keep("Letterhead"), run{text: nation, bold: true})
		x.p(keep("Letterhead"), run{text: motto, bold: true, sz: 14})
		d.rule(rw, fs.width(bold, 14, motto))
	}
	number := func(x *writer) {
		pp := keep("Letterhead")
		pp.before = 8
		x.p(pp, text("Số: "+clean(d.m.DocumentCode())))
	}
	place := func(x *writer) {
		pp := keep("Letterhead")
		pp.before = 8
		x.p(pp, run{text: date, italic: true, sz: 14})
	}
	d.x.table(tableOpts{widths: []float64{lw, rw}}, 0, [][]cell{
		{{w: lw, fill: left}, {w: rw, fill: right}},
		{{w: lw, fill: number}, {w: rw, fill: place}},
	})
}

// rule writes a short horizontal rule of length l mm centred in a column
// of width w mm: an empty paragraph of one point with a bottom border, so
// that it stays editable (and deletable) text.
func (d *doc) rule(w, l float64) {
	side := max(0, (w-l)/2)
	d.x.p(para{style: "Rule", before: 2, after: 0, exact: 2, left: side, right: side, first: -1, rule: true})
}

// title writes "BÁO CÁO" and the summary line (trích yếu) with its short
// rule. The summary's lines are balanced as in the PDF: the paragraph is
// made as narrow as it can be without taking another line.
func (d *doc) title(summary string) {
	pp := keep("Title")
	pp.before = 9 / ptMM
	d.x.p(pp, text("BÁO CÁO"))

	W := portraitW
	w := W * 0.84
	fs := d.fs
	n := len(fs.lines(bold, 14, summary, w))
	lo, hi := w*0.4, w
	for i := 0; i < 14 && n > 1; i++ {
		mid := (lo + hi) / 2
		if len(fs.lines(bold, 14, summary, mid)) > n {
			lo = mid
		} else {
			hi = mid
		}
	}
	// a little slack: Word's line breaking must not need one line more
	hi = min(w, hi+2)
	side := (W - hi) / 2
	sp := keep("Subtitle")
	sp.left, sp.right = side, side
	d.x.p(sp, text(summary))
	widest := fs.widest(bold, 14, fs.lines(bold, 14, summary, hi))
	d.rule(W, widest*0.4)
	// the space before the narrative
	d.x.p(para{before: 0, after: 0, exact: 12, first: -1}, run{sz: 1})
}

// signature writes "Nơi nhận" on the left and the signer on the right,
// level with each other, as a borderless table of one row that is never
// split across pages.
func (d *doc) signature() {
	W := portraitW
	lw := W * 0.46
	rw := W - lw
	rec := d.m.RecipientLines(clean)
	left := func(x *writer) {
		pp := keep("Recipients")
		pp.keepNext = true
		x.p(pp, run{text: "Nơi nhận:", bold: true, italic: true, sz: 12})
		for _, r := range rec {
			x.p(keep("Recipients"), text(r))
		}
	}
	right := func(x *writer) {
		for _, h := range []string{d.m.Signer.Authority, d.m.Signer.Title} {
			if h = strings.TrimSpace(h); h != "" {
				pp := keep("Signature")
				pp.keepNext = true
				x.p(pp, text(clean(strings.ToUpper(h))))
			}
		}
		pp := keep("Signature")
		pp.before = signGap / ptMM
		x.p(pp, text(clean(strings.TrimSpace(d.m.Signer.Name))))
	}
	d.x.p(para{before: 0, after: 0, exact: 6, first: -1, keepNext: true}, run{sz: 1})
	d.x.table(tableOpts{widths: []float64{lw, rw}}, 0, [][]cell{{{w: lw, fill: left}, {w: rw, fill: right}}})
}

// annexTitle writes "Phụ lục …", the title and "(Kèm theo Báo cáo số …)".
func (d *doc) annexTitle(label, title string, pageBreak bool) {
	pp := keep("AnnexTitle")
	pp.pageBreakBefore = pageBreak
	d.x.p(pp, text(label))
	d.x.p(keep("AnnexTitle"), text(title))
	sub := keep("AnnexTitle")
	sub.after = 5 / ptMM
	d.x.p(sub, run{text: d.m.AnnexReference(clean), bold: false, italic: true})
}

// annexRanking writes Phụ lục (I): the full ranking table (or, by group,
// one table per group under its heading), its header row repeated on
// every page, and the notes under it.
func (d *doc) annexRanking(t *report.Table) {
	d.annexTitle(d.m.RankingLabel(), report.RankingTitle(d.r), false)
	if d.m.ByGroup(d.r) {
		for i, g := range report.RankingGroups(d.r, d.m.Groups, clean) {
			pp := keep("Normal")
			pp.keepNext = true
			pp.jc = "left"
			pp.after = 3
			if i > 0 {
				pp.before = 9
			}
			d.x.p(pp, run{text: g.Heading, bold: true, sz: 12})
			d.dataTable(t.Subset(g.Rows), nil)
		}
	} else {
		d.dataTable(t, nil)
	}
	notes := report.RankingNotes(d.r, t.Cols, clean)
	if len(notes) == 0 {
		return
	}
	pp := keep("AnnexNote")
	pp.before = 3 / ptMM
	pp.keepNext = true
	pp.jc = "left"
	d.x.p(pp, run{text: "Ghi chú:", bold: true})
	for _, n := range notes {
		d.x.p(keep("AnnexNote"), text("- "+n))
	}
}

// dataTable writes an annex table: a bold centred header row that repeats
// on every page, then one row per cell line, each cell aligned as its
// column says; bold, when set, marks rows in bold.
func (d *doc) dataTable(t *report.Table, boldRows []bool) {
	widths := make([]float64, len(t.Cols))
	for i, c := range t.Cols {
		widths[i] = c.W
	}
	rows := make([][]cell, 0, t.Rows()+1)
	head := make([]cell, len(t.Cols))
	for i, c := range t.Cols {
		h := c.Head
		head[i] = cell{w: c.W, valign: "center", fill: func(x *writer) {
			pp := keep("TableText")
			pp.jc = "center"
			x.p(pp, run{text: h, bold: true, sz: t.Size})
		}}
	}
	rows = append(rows, head)
	for ri := 0; ri < t.Rows(); ri++ {
		row := make([]cell, len(t.Cols))
		b := boldRows != nil && boldRows[ri]
		for i, c := range t.Cols {
			s := c.Cells[ri]
			pp := keep("TableText")
			switch c.Align {
			case "C":
				pp.jc = "center"
			case "R":
				pp.jc = "right"
			default:
				pp.jc = "left"
			}
			if c.Text {
				// keep a sheet's indent of sub-rows as an indent
				trimmed := strings.TrimLeft(s, " ")
				if n := len(s) - len(trimmed); n > 0 {
					pp.left = float64(n) * 0.9
					s = trimmed
				}
			}
			row[i] = cell{w: c.W, valign: "center", fill: func(x *writer) {
				x.p(pp, run{text: s, bold: b, sz: t.Size})
			}}
		}
		rows = append(rows, row)
	}
	d.x.table(tableOpts{style: "TableGrid", widths: widths, marLR: t.Pad, marTB: t.Pad * 0.6, borders: true}, 1, rows)
}

// annexUnitSheets writes Phụ lục II: one scoring sheet per unit, each from
// a new page.
func (d *doc) annexUnitSheets() {
	d.annexTitle("Phụ lục II", report.UnitSheetsTitle, false)
	if len(d.r.Units) == 0 {
		pp := keep("BodyText")
		pp.first = 0
		d.x.p(pp, run{text: "Không có đơn vị nào được chấm điểm.", italic: true})
		return
	}
	for i := range d.r.Units {
		us := report.UnitSheetOf(&d.r.Units[i], len(d.r.Units), clean)
		pp := keep("Normal")
		pp.pageBreakBefore = i > 0
		pp.keepNext = true
		pp.after = 1.5
		d.x.p(pp, run{text: us.Name, bold: true, sz: 13})
		info := keep("Normal")
		info.keepNext = true
		info.after = 6
		d.x.p(info, run{text: us.Info, sz: 12})
		t := &report.Table{Cols: us.Cols, Size: 10, Pad: 1}
		t.FitColumns(portraitW, d.measure)
		d.dataTable(t, us.Bold)
	}
}
