// Package pdf writes the official report (Báo cáo) of a scoring result as a
// PDF laid out after Nghị định 30/2020/NĐ-CP: the two-column letterhead,
// "BÁO CÁO" with its summary line, a narrative from a text/template, a bar
// chart of the units' totals coloured by band, the signature block beside
// "Nơi nhận", and the annex with the full ranking table (and, optionally,
// one scoring sheet per unit).
//
// Text is drawn with Liberation Serif (the metric twin of Times New Roman)
// embedded from github.com/go-fonts/liberation; characters the font lacks
// are replaced and reported as diagnostics. The same inputs and date give a
// byte-identical file.
package pdf

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/jung-kurt/gofpdf"

	"github.com/thidua/thidua/pkg/diag"
	"github.com/thidua/thidua/pkg/report"
	"github.com/thidua/thidua/pkg/score"
)

// Output describes the PDF file of a run.
var Output = report.Output{Kind: "pdf", Stem: "bao-cao", Document: true, About: "báo cáo theo thể thức Nghị định 30/2020/NĐ-CP"}

// Page geometry in millimetres (Nghị định 30/2020, Phụ lục I: top and
// bottom 20–25, left 30–35, right 15–20 on an A4 portrait page).
//
// The decree lays out portrait pages only. A landscape page (the annex when
// its table is wide) keeps the same margins on the page as it is seen: left
// 30, right 15, top and bottom 20 — as the Word file's landscape section
// does (pkg/report/docx, docs/outputs.md).
const (
	a4W, a4H = 210.0, 297.0
	ptMM     = 25.4 / 72 // one point in millimetres

	portraitTop, portraitBottom, portraitLeft, portraitRight     = 20.0, 20.0, 30.0, 15.0
	landscapeTop, landscapeBottom, landscapeLeft, landscapeRight = portraitTop, portraitBottom, portraitLeft, portraitRight
)

// doc is one document being drawn.
type doc struct {
	p *gofpdf.Fpdf
	z *sanitizer
	r *score.Result
	m report.Meta

	// current page geometry
	pageW, pageH             float64
	left, right, top, bottom float64
	y                        float64 // current vertical position

	section string // "" main text, "I", "II" annexes
	secPage int    // page number inside the section
	repeat  func() // draws a table header again after a page break
}

// Write draws the report of r on w, with the letterhead, signer and
// options of m (m.Lang is only the language of error texts: the report
// itself is always Vietnamese, an official document; a zero m.Date is
// now). The diagnostics are warnings about text the font cannot draw; the
// error is set when nothing usable was written (bad narrative template,
// font or output failure).
func Write(w io.Writer, r *score.Result, m report.Meta) (diag.List, error) {
	if r == nil {
		return nil, diag.Errorf("pdf.noresult")
	}
	z, err := newSanitizer()
	if err != nil {
		return nil, diag.Errorf("pdf.font", err)
	}
	if m.Date.IsZero() {
		m.Date = time.Now()
	}
	d := &doc{z: z, r: r, m: m}
	var out bytes.Buffer
	if err := d.render(&out); err != nil {
		return d.diags(), err
	}
	if _, err := w.Write(out.Bytes()); err != nil {
		return d.diags(), diag.Errorf("pdf.render", err)
	}
	return d.diags(), nil
}

// diags turns the sanitizer's replacements into warnings.
func (d *doc) diags() diag.List {
	var l diag.List
	for _, rep := range d.z.replaced() {
		var parts []string
		for _, r := range rep.runes {
			parts = append(parts, fmt.Sprintf("%c (U+%04X)", r, r))
		}
		l = append(l, diag.New("TD531", rep.place, strings.Join(parts, ", "), d.z.repl))
	}
	return l
}

// render builds the whole document into out.
func (d *doc) render(out *bytes.Buffer) (err error) {
	defer func() {
		// gofpdf reports most failures through Err, but a few inputs make
		// it panic; never let that reach the caller.
		if v := recover(); v != nil {
			err = diag.Errorf("pdf.render", fmt.Sprint(v))
		}
	}()
	nar, err := d.narrative()
	if err != nil {
		return err
	}

	p := gofpdf.NewCustom(&gofpdf.InitType{OrientationStr: "P", UnitStr: "mm", Size: gofpdf.SizeType{Wd: a4W, Ht: a4H}})
	d.p = p
	for _, f := range fontFiles {
		p.AddUTF8FontFromBytes(family, f.style, f.ttf)
	}
	if err := p.Error(); err != nil {
		return diag.Errorf("pdf.font", err)
	}
	p.SetCatalogSort(true)
	p.SetCreationDate(d.m.Date)
	p.SetModificationDate(d.m.Date)
	p.SetTitle("Báo cáo "+nar.Summary, true)
	p.SetAuthor(d.z.clean(upper(d.m.Org.Name)), true)
	p.SetCreator("thidua", true)
	p.SetProducer("thidua (gofpdf)", true)
	p.SetAutoPageBreak(false, 0)
	p.SetCellMargin(0)
	p.SetLineWidth(0.25)
	p.SetDrawColor(0, 0, 0)
	p.SetTextColor(0, 0, 0)
	p.SetHeaderFunc(d.header)

	d.mainText(nar)
	d.annexRanking()
	if d.m.UnitSheets {
		d.annexUnitSheets()
	}
	if err := p.Error(); err != nil {
		return diag.Errorf("pdf.render", err)
	}
	var raw bytes.Buffer
	if err := p.Output(&raw); err != nil {
		return diag.Errorf("pdf.render", err)
	}
	named, err := nameFonts(raw.Bytes())
	if err != nil {
		return diag.Errorf("pdf.render", err)
	}
	out.Write(named)
	return nil
}

// newPage starts a page; a new section restarts the page numbers.
func (d *doc) newPage(landscape bool) {
	if landscape {
		d.pageW, d.pageH = a4H, a4W
		d.left, d.right, d.top, d.bottom = landscapeLeft, landscapeRight, landscapeTop, landscapeBottom
	} else {
		d.pageW, d.pageH = a4W, a4H
		d.left, d.right, d.top, d.bottom = portraitLeft, portraitRight, portraitTop, portraitBottom
	}
	d.p.SetMargins(d.left, d.top, d.right)
	orient := "P"
	if landscape {
		orient = "L"
	}
	d.p.AddPageFormat(orient, gofpdf.SizeType{Wd: a4W, Ht: a4H})
	d.y = d.top
}

// startSection restarts page numbering and opens its first page.
func (d *doc) startSection(name string, landscape bool) {
	d.section = name
	d.secPage = 0
	d.repeat = nil
	d.newPage(landscape)
}

// header is gofpdf's page-header hook: the page number, centred in the top
// margin, from the second page of each section on.
func (d *doc) header() {
	d.secPage++
	if d.secPage < 2 {
		return
	}
	d.font("", 13)
	// 9 mm from the top of a portrait page, as far into a wider top margin
	d.p.SetXY(d.left, 9+(d.top-portraitTop)/2)
	d.p.CellFormat(d.width(), 13*ptMM*1.2, fmt.Sprint(d.secPage), "", 0, "C", false, 0, "")
}

// width is the text width of the current page.
func (d *doc) width() float64 { return d.pageW - d.left - d.right }

// limit is the lowest y that text may reach on the current page.
func (d *doc) limit() float64 { return d.pageH - d.bottom }

// ensure starts a new page (same orientation) unless h millimetres fit
// below the current position; it reports whether it broke the page.
func (d *doc) ensure(h float64) bool {
	if d.y+h <= d.limit()+0.01 {
		return false
	}
	d.newPage(d.pageW > d.pageH)
	if d.repeat != nil {
		d.repeat()
	}
	return true
}

// font selects the embedded family in a style ("", "B", "I", "BI").
func (d *doc) font(style string, size float64) { d.p.SetFont(family, style, size) }

// lineH is the line height for a font size at spacing 1.2.
func lineH(size float64) float64 { return size * ptMM * 1.2 }

// upper upper-cases Vietnamese text (Go's Unicode mapping handles đ, ư, ơ).
func upper(s string) string { return strings.ToUpper(s) }
