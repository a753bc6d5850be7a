package pdf

import (
	"strings"

	"github.com/thidua/thidua/pkg/report"
)

// mainText draws the report itself: letterhead, title, narrative with the
// chart, signature and "Nơi nhận".
func (d *doc) mainText(nar *report.Narrative) {
	d.startSection("", false)
	d.letterhead()
	d.title(nar.Summary)
	charted := false
	last := nar.LastText() // the closing paragraph, kept on the page of the signature
	for i, b := range nar.Blocks {
		switch b.Kind {
		case report.Heading:
			d.ensure(lineH(14) * 3) // keep a heading with two lines of its text
			d.paragraph(b.Text, "B", 14, indent, "L", paraGap)
		case report.Dash, report.Paragraph:
			if i == last && charted {
				// A signature alone on the last page is not accepted
				// practice: keep the closing paragraph with it.
				d.font("", 14)
				h := float64(len(d.wrap(b.Text, d.width(), indent)))*lineH(14) + paraGap
				d.ensure(h + 2 + d.signatureHeight())
			}
			d.paragraph(b.Text, "", 14, indent, "J", paraGap)
		case report.Chart:
			if !charted {
				d.chart(nar.Data.PeriodLower)
				charted = true
			}
		}
	}
	if !charted {
		d.chart(nar.Data.PeriodLower)
	}
	d.signature()
}

// documentCode is "15/BC-SGTVT", or "      /BC-SGTVT" with a blank number.
func (d *doc) documentCode() string { return d.z.clean(d.m.DocumentCode()) }

// dateLine is "Hà Nam, ngày 05 tháng 01 năm 2026".
func (d *doc) dateLine() string { return d.z.clean(d.m.DateLine()) }

// letterhead draws the two-column header of page 1 (Nghị định 30/2020,
// Phụ lục I): agency on the left, national title and motto on the right,
// the number and the place and date on one line below.
func (d *doc) letterhead() {
	const nation = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
	const motto = "Độc lập - Tự do - Hạnh phúc"
	date := d.dateLine()
	W := d.width()

	// The right column is as wide as its widest line, the left takes the rest.
	d.font("B", 13)
	rw := d.p.GetStringWidth(nation)
	d.font("B", 14)
	mottoW := d.p.GetStringWidth(motto)
	rw = max(rw, mottoW)
	d.font("I", 14)
	rw = max(rw, d.p.GetStringWidth(date)) + 4
	rw = min(rw, W*0.62)
	lw := W - rw
	lx, rx := d.left, d.left+lw
	lh := lineH(13) * 0.95

	// left column
	y := d.top
	if p := strings.TrimSpace(d.m.Org.Parent); p != "" {
		y, _ = d.centered(d.z.clean(upper(p)), "", 13, lx, lw, y, lh)
	}
	var agencyW float64
	if a := strings.TrimSpace(d.m.Org.Name); a != "" {
		y, agencyW = d.centered(d.z.clean(upper(a)), "B", 13, lx, lw, y, lh)
		d.rule(lx, lw, y+1, agencyW*0.4)
	}
	leftEnd := y + 1

	// right column
	ry, _ := d.centered(nation, "B", 13, rx, rw, d.top, lh)
	ry, mw := d.centered(motto, "B", 14, rx, rw, ry, lineH(14)*0.95)
	d.rule(rx, rw, ry+1, mw)
	rightEnd := ry + 1

	// number and date on one line
	y = max(leftEnd, rightEnd) + 3.5
	lh14 := lineH(14)
	d.font("", 13)
	nl := d.wrap("Số: "+d.documentCode(), lw, 0)
	ny := y
	for _, l := range nl {
		d.p.SetXY(lx, ny)
		d.p.CellFormat(lw, lh14, l, "", 0, "C", false, 0, "")
		ny += lh14
	}
	dy, _ := d.centered(date, "I", 14, rx, rw, y, lh14)
	d.y = max(ny, dy) + 9
}

// title draws "BÁO CÁO" and the summary line with its short rule.
func (d *doc) title(summary string) {
	lh := lineH(14)
	y, _ := d.centered("BÁO CÁO", "B", 14, d.left, d.width(), d.y, lh)
	// balanced lines: the narrowest column that needs no more lines
	x, w := d.left+d.width()*0.08, d.width()*0.84
	d.font("B", 14)
	n := len(d.wrap(summary, w, 0))
	lo, hi := w*0.4, w
	for i := 0; i < 14 && n > 1; i++ {
		mid := (lo + hi) / 2
		if len(d.wrap(summary, mid, 0)) > n {
			lo = mid
		} else {
			hi = mid
		}
	}
	x, w = x+(w-hi)/2, hi
	y, widest := d.centered(summary, "B", 14, x, w, y, lh)
	d.rule(x, w, y+1.2, widest*0.4)
	d.y = y + 8
}

// recipients returns the "Nơi nhận" lines: "- X;" … and a last "- Lưu: …."
func (d *doc) recipients() []string { return d.m.RecipientLines(d.z.clean) }

// signatureHeight is the height signature will take.
func (d *doc) signatureHeight() float64 {
	W := d.width()
	lw := W * 0.46
	rw := W - lw
	d.font("", 11)
	n := 0
	for _, r := range d.recipients() {
		n += len(d.wrap(r, lw-2, 0))
	}
	leftH := lineH(12) + float64(n)*lineH(11)
	d.font("B", 14)
	nHead := 0
	for _, h := range []string{d.m.Signer.Authority, d.m.Signer.Title} {
		if h = strings.TrimSpace(h); h != "" {
			nHead += len(d.wrap(d.z.clean(upper(h)), rw, 0))
		}
	}
	rightH := float64(nHead)*lineH(14) + signSpace + lineH(14)
	return max(leftH, rightH)
}

// signSpace is the room left for the signature and the seal, in mm.
const signSpace = 30

// signature draws "Nơi nhận" on the left and the signer on the right, level
// with each other, kept together on one page.
func (d *doc) signature() {
	W := d.width()
	lw := W * 0.46
	rx, rw := d.left+lw, W-lw
	rec := d.recipients()

	// measure both columns
	d.font("", 11)
	lh11 := lineH(11)
	var recLines []string
	for _, r := range rec {
		recLines = append(recLines, d.wrap(r, lw-2, 0)...)
	}
	leftH := lineH(12) + float64(len(recLines))*lh11
	lh14 := lineH(14)
	var head []string
	if a := strings.TrimSpace(d.m.Signer.Authority); a != "" {
		head = append(head, upper(a))
	}
	if t := strings.TrimSpace(d.m.Signer.Title); t != "" {
		head = append(head, upper(t))
	}
	d.font("B", 14)
	nHead := 0
	for _, h := range head {
		nHead += len(d.wrap(d.z.clean(h), rw, 0))
	}
	rightH := float64(nHead)*lh14 + signSpace + lh14
	d.y += 2
	d.ensure(max(leftH, rightH))
	y0 := d.y

	// left: Nơi nhận
	d.font("BI", 12)
	d.p.SetXY(d.left, y0)
	d.p.CellFormat(lw, lineH(12), "Nơi nhận:", "", 0, "L", false, 0, "")
	y := y0 + lineH(12)
	d.font("", 11)
	for _, l := range recLines {
		d.p.SetXY(d.left, y)
		d.p.CellFormat(lw, lh11, l, "", 0, "L", false, 0, "")
		y += lh11
	}

	// right: authority, title, space, name
	ry := y0
	for _, h := range head {
		ry, _ = d.centered(d.z.clean(h), "B", 14, rx, rw, ry, lh14)
	}
	ry += signSpace
	if n := strings.TrimSpace(d.m.Signer.Name); n != "" {
		ry, _ = d.centered(d.z.clean(n), "B", 14, rx, rw, ry, lh14)
	}
	d.y = max(y, ry)
}
