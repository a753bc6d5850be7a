// Package docx writes the official report (Báo cáo) of a scoring result as
// an editable Word document (.docx, WordprocessingML), the same document as
// the PDF of pkg/report/pdf: the two-column letterhead, "BÁO CÁO" with its
// summary line, the narrative from the same template, the bar chart as a
// picture, the signature block beside "Nơi nhận", and the annex with the
// ranking table in a landscape section whose header row repeats on every
// page (and, optionally, one scoring sheet per unit). It is laid out after
// Nghị định 30/2020/NĐ-CP: A4, the decree's margins, Times New Roman 13–14
// in real styles, page numbers centred in the header from page 2 of each
// section. Everything is real paragraphs and tables (no text boxes, no
// absolute positions), so the office can edit, number and sign it.
//
// The package is written on archive/zip with a small embedded skeleton
// (styles, settings, header parts); the chart picture is a PNG drawn with
// the embedded Liberation Serif (the metric twin of Times New Roman). With
// the same inputs and date the file is byte-identical: zip entries in a
// fixed order with the report date as their time, and the report date as
// the document's created and modified dates.
package docx

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"embed"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/thidua/thidua/pkg/diag"
	"github.com/thidua/thidua/pkg/report"
	"github.com/thidua/thidua/pkg/score"
)

// Output describes the Word file of a run.
var Output = report.Output{Kind: "docx", Stem: "bao-cao", Document: true, About: "báo cáo dạng Word để sửa, vào số và ký"}

// Page geometry in millimetres (Nghị định 30/2020, Phụ lục I). The
// landscape annex keeps the same margins on the page as it is seen: left
// 30 mm, right 15 mm, top and bottom 20 mm (docs/outputs.md).
const (
	a4W, a4H = 210.0, 297.0

	marginTop, marginBottom, marginLeft, marginRight = 20.0, 20.0, 30.0, 15.0
	headerDist                                       = 9.0 // the page number's distance from the top edge

	portraitW  = a4W - marginLeft - marginRight // text width, portrait
	landscapeW = a4H - marginLeft - marginRight // text width, landscape

	indent  = 12.7 // the body's first-line indent, mm
	paraGap = 6.0  // the space after a body paragraph, pt
	signGap = 30.0 // the room for the signature and the seal, mm
)

// Relationship ids of document.xml.
const (
	relHeader      = "rIdHeader"
	relHeaderFirst = "rIdHeaderFirst"
	relChart       = "rIdChart"
)

//go:embed all:skeleton
var skeleton embed.FS

// doc is one document being written.
type doc struct {
	r  *score.Result
	m  report.Meta
	fs *fonts
	x  writer

	chartPNG    []byte // the chart picture, if any
	lastSection string // the last section's properties, closing the body
}

// Write writes the report of r as a Word document on w, with the
// letterhead, signer and options of m (a zero m.Date is now). It reports
// no diagnostics: every character is kept (see clean). The error is set
// when nothing usable was written (bad narrative template, output
// failure).
func Write(w io.Writer, r *score.Result, m report.Meta) (diag.List, error) {
	if r == nil {
		return nil, diag.Errorf("docx.noresult")
	}
	fs, err := loadFonts()
	if err != nil {
		return nil, diag.Errorf("pdf.font", err)
	}
	if m.Date.IsZero() {
		m.Date = time.Now()
	}
	d := &doc{r: r, m: m, fs: fs}
	// about 3 KB per unit: a row of the annex, more with the unit sheets
	per := 3000
	if m.UnitSheets {
		per = 12000
	}
	d.x.b.Grow(32768 + per*len(r.Units))
	nar, err := d.narrative()
	if err != nil {
		return nil, err
	}
	if err := d.body(nar); err != nil {
		return nil, diag.Errorf("docx.render", err)
	}
	var out bytes.Buffer
	if err := d.pack(&out, nar); err != nil {
		return nil, diag.Errorf("docx.render", err)
	}
	if _, err := w.Write(out.Bytes()); err != nil {
		return nil, diag.Errorf("docx.render", err)
	}
	return nil, nil
}

// narrative computes the narrative's figures and executes its template, as
// the PDF does, with every text made safe for XML.
func (d *doc) narrative() (*report.Narrative, error) {
	data := report.NarrativeOf(d.r, d.m, clean)
	n, err := report.ExecuteNarrative(d.m.Narrative, data)
	if err != nil {
		return nil, err
	}
	for i := range n.Blocks {
		n.Blocks[i].Text = clean(n.Blocks[i].Text)
	}
	n.Summary = clean(n.Summary)
	return n, nil
}

// body writes the paragraphs and tables of document.xml: the main text,
// then each annex in its own section.
func (d *doc) body(nar *report.Narrative) error {
	if err := d.mainText(nar); err != nil {
		return err
	}
	cols := report.RankingColumns(d.r, clean)
	if d.m.ByGroup(d.r) {
		cols = report.RankingColumnsByGroup(d.r, clean)
	}
	rank, landscape := report.RankingLayout(cols, portraitW, landscapeW, d.measure)
	// The ranking annex starts a section; the main text's section ends
	// with the paragraph before it.
	d.endSection(false, false)
	d.annexRanking(rank)
	if d.m.UnitSheets {
		d.endSection(landscape, true)
		d.annexUnitSheets()
		landscape = false
	}
	d.lastSection = sectPr(landscape, true)
	return nil
}

// sectPr is a section's properties: A4 in the orientation, the decree's
// margins, the page-number header from the second page (titlePg: the first
// page has its own, empty header), numbering restarted when restart.
func sectPr(landscape, restart bool) string {
	var b strings.Builder
	b.WriteString(`<w:sectPr>`)
	b.WriteString(`<w:headerReference w:type="default" r:id="` + relHeader + `"/>`)
	b.WriteString(`<w:headerReference w:type="first" r:id="` + relHeaderFirst + `"/>`)
	if landscape {
		fmt.Fprintf(&b, `<w:pgSz w:w="%d" w:h="%d" w:orient="landscape"/>`, tw(a4H), tw(a4W))
	} else {
		fmt.Fprintf(&b, `<w:pgSz w:w="%d" w:h="%d"/>`, tw(a4W), tw(a4H))
	}
	fmt.Fprintf(&b, `<w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="%d" w:footer="%d" w:gutter="0"/>`,
		tw(marginTop), tw(marginRight), tw(marginBottom), tw(marginLeft), tw(headerDist), tw(headerDist))
	if restart {
		b.WriteString(`<w:pgNumType w:start="1"/>`)
	} else {
		b.WriteString(`<w:pgNumType/>`)
	}
	b.WriteString(`<w:titlePg/>`)
	b.WriteString(`</w:sectPr>`)
	return b.String()
}

// endSection ends the section written so far with a paragraph holding its
// properties: one line of 1 pt, so that it never pushes anything to a new
// page.
func (d *doc) endSection(landscape, restart bool) {
	d.x.p(para{before: 0, after: 0, exact: 1, first: -1, sect: sectPr(landscape, restart)}, run{sz: 1})
}

// measure is report.Measure in the embedded fonts: the widest word of c's
// header in bold, the widest of its cells in the regular face, each with
// cellSlack to spare, so that Word and LibreOffice (which round widths
// their own way and draw the cell borders inside the cell) never break a
// number or a word the PDF keeps on one line.
func (d *doc) measure(c *report.Column, size float64) (head, cells float64) {
	for _, line := range strings.Split(c.Head, "\n") {
		for _, w := range strings.Fields(line) {
			head = max(head, d.fs.width(bold, size, w))
		}
	}
	for _, s := range c.Cells {
		cells = max(cells, d.fs.width(regular, size, s))
	}
	return head + cellSlack, cells + cellSlack
}

// cellSlack is the room a table cell keeps beyond its widest text, in mm.
const cellSlack = 1.0

// pack writes the zip: the skeleton's parts, document.xml, the core
// properties and the chart picture, in a fixed order, every entry dated
// with the report date.
func (d *doc) pack(out *bytes.Buffer, nar *report.Narrative) error {
	zw := zip.NewWriter(out)
	// the fastest deflate: the document of a thousand units is a few
	// megabytes of repetitive XML
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestSpeed) })
	mod := d.m.Date
	add := func(name string, data []byte, method uint16) error {
		f, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: method, Modified: mod})
		if err != nil {
			return err
		}
		_, err = f.Write(data)
		return err
	}
	static := func(name string) error {
		b, err := skeleton.ReadFile("skeleton/" + name)
		if err != nil {
			return err
		}
		return add(name, b, zip.Deflate)
	}
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels"} {
		if err := static(name); err != nil {
			return err
		}
	}
	if err := add("docProps/core.xml", d.core(nar), zip.Deflate); err != nil {
		return err
	}
	for _, name := range []string{"docProps/app.xml"} {
		if err := static(name); err != nil {
			return err
		}
	}
	f, err := zw.CreateHeader(&zip.FileHeader{Name: "word/document.xml", Method: zip.Deflate, Modified: mod})
	if err != nil {
		return err
	}
	if err := d.document(f); err != nil {
		return err
	}
	for _, name := range []string{"word/styles.xml", "word/settings.xml", "word/fontTable.xml", "word/header1.xml", "word/header2.xml"} {
		if err := static(name); err != nil {
			return err
		}
	}
	if d.chartPNG != nil {
		if err := add("word/media/bieu-do.png", d.chartPNG, zip.Store); err != nil {
			return err
		}
	}
	if err := add("word/_rels/document.xml.rels", d.rels(), zip.Deflate); err != nil {
		return err
	}
	return zw.Close()
}

// core is docProps/core.xml: title, author (the agency) and the report
// date as created and modified.
func (d *doc) core(nar *report.Narrative) []byte {
	date := d.m.Date.UTC().Format("2006-01-02T15:04:05Z")
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	b.WriteString(`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	b.WriteString(`<dc:title>`)
	escape(&b, "Báo cáo "+nar.Summary)
	b.WriteString(`</dc:title><dc:creator>`)
	escape(&b, clean(strings.ToUpper(d.m.Org.Name)))
	b.WriteString(`</dc:creator><dc:language>vi-VN</dc:language>`)
	b.WriteString(`<dcterms:created xsi:type="dcterms:W3CDTF">` + date + `</dcterms:created>`)
	b.WriteString(`<dcterms:modified xsi:type="dcterms:W3CDTF">` + date + `</dcterms:modified>`)
	b.WriteString(`</cp:coreProperties>`)
	return []byte(b.String())
}

// rels is word/_rels/document.xml.rels.
func (d *doc) rels() []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	b.WriteString(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	const t = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
	b.WriteString(`<Relationship Id="rIdStyles" Type="` + t + `styles" Target="styles.xml"/>`)
	b.WriteString(`<Relationship Id="rIdSettings" Type="` + t + `settings" Target="settings.xml"/>`)
	b.WriteString(`<Relationship Id="rIdFonts" Type="` + t + `fontTable" Target="fontTable.xml"/>`)
	b.WriteString(`<Relationship Id="` + relHeader + `" Type="` + t + `header" Target="header1.xml"/>`)
	b.WriteString(`<Relationship Id="` + relHeaderFirst + `" Type="` + t + `header" Target="header2.xml"/>`)
	if d.chartPNG != nil {
		b.WriteString(`<Relationship Id="` + relChart + `" Type="` + t + `image" Target="media/bieu-do.png"/>`)
	}
	b.WriteString(`</Relationships>`)
	return []byte(b.String())
}

// document writes word/document.xml: the body written by body, closed by
// the last section's properties.
func (d *doc) document(w io.Writer) error {
	head := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"` +
		` xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"` +
		` xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"` +
		` xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"` +
		` xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><w:body>`
	for _, s := range []string{head, d.x.b.String(), d.lastSection, `</w:body></w:document>`} {
		if _, err := io.WriteString(w, s); err != nil {
			return err
		}
	}
	return nil
}
