package docx

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/thidua/thidua/pkg/vntext"
)

// Units: Word measures lengths in twips (1/20 pt), font sizes in half
// points and pictures in EMU.
const (
	ptMM = 25.4 / 72 // one point in millimetres
)

// tw converts millimetres to twips.
func tw(mm float64) int { return int(math.Round(mm * 1440 / 25.4)) }

// emu converts millimetres to English Metric Units.
func emu(mm float64) int64 { return int64(math.Round(mm * 36000)) }

// clean makes text safe for the document: valid UTF-8 in NFC, control
// characters (which XML cannot carry) turned into spaces, a newline kept
// (it becomes a line break), zero-width characters dropped. Every other
// character is kept: Word and LibreOffice draw what Times New Roman lacks
// (emoji, CJK) from another font, so nothing is replaced or reported.
func clean(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	s = vntext.NFC(s)
	ok := true
	for _, r := range s {
		if r < 0x20 || (r >= 0x7f && r < 0xa0) || r == '\u00a0' || r == '\ufffe' || r == '\uffff' || isInvisible(r) {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteRune(r)
		case r == '\t' || unicode.IsControl(r) || r == '\u00a0' || r == '\ufffe' || r == '\uffff':
			b.WriteByte(' ')
		case isInvisible(r):
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isInvisible reports the zero-width characters and variation selectors
// the PDF drops too.
func isInvisible(r rune) bool {
	return r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\ufeff' || r == '\ufe0f' || r == '\ufe0e'
}

// escape writes s as XML character data (also safe inside attribute
// values in double quotes).
func escape(b *strings.Builder, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var rep string
		switch s[i] {
		case '&':
			rep = "&amp;"
		case '<':
			rep = "&lt;"
		case '>':
			rep = "&gt;"
		case '"':
			rep = "&quot;"
		default:
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(rep)
		last = i + 1
	}
	b.WriteString(s[last:])
}

// esc returns s escaped as XML character data.
func esc(s string) string {
	var b strings.Builder
	escape(&b, s)
	return b.String()
}

// run is a run of text with its character formatting; sz is in points (0:
// the paragraph style's size).
type run struct {
	text         string
	bold, italic bool
	sz           float64
	raw          string // ready-made run content (a field, a picture) instead of text
}

// para is a paragraph's formatting. Lengths are in millimetres.
type para struct {
	style           string
	keepNext        bool
	keepLines       bool
	pageBreakBefore bool
	rule            bool    // a bottom border: the short rules of the letterhead and title
	before, after   float64 // spacing in points; <0 leaves the style's
	exact           float64 // an exact line height in points (0: the style's)
	left, right     float64 // indents in mm
	first           float64 // first-line indent in mm (<0 leaves the style's)
	jc              string  // "left", "center", "right", "both" ("" = the style's)
	sect            string  // a section's properties, ending the section here
}

// keep is the default: every optional length left to the style.
func keep(style string) para { return para{style: style, before: -1, after: -1, first: -1} }

// writer builds the body of document.xml.
type writer struct {
	b strings.Builder
}

// p writes a paragraph of runs.
func (x *writer) p(pp para, runs ...run) {
	b := &x.b
	b.WriteString("<w:p>")
	x.pPr(pp)
	for _, r := range runs {
		x.run(r)
	}
	b.WriteString("</w:p>")
}

func (x *writer) pPr(pp para) {
	b := &x.b
	b.WriteString("<w:pPr>")
	if pp.style != "" {
		b.WriteString(`<w:pStyle w:val="` + pp.style + `"/>`)
	}
	if pp.keepNext {
		b.WriteString("<w:keepNext/>")
	}
	if pp.keepLines {
		b.WriteString("<w:keepLines/>")
	}
	if pp.pageBreakBefore {
		b.WriteString("<w:pageBreakBefore/>")
	}
	if pp.rule {
		b.WriteString(`<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>`)
	}
	if pp.before >= 0 || pp.after >= 0 || pp.exact > 0 {
		b.WriteString("<w:spacing")
		if pp.before >= 0 {
			b.WriteString(` w:before="` + strconv.Itoa(int(math.Round(pp.before*20))) + `"`)
		}
		if pp.after >= 0 {
			b.WriteString(` w:after="` + strconv.Itoa(int(math.Round(pp.after*20))) + `"`)
		}
		if pp.exact > 0 {
			b.WriteString(` w:line="` + strconv.Itoa(int(math.Round(pp.exact*20))) + `" w:lineRule="exact"`)
		}
		b.WriteString("/>")
	}
	if pp.left != 0 || pp.right != 0 || pp.first >= 0 {
		b.WriteString("<w:ind")
		if pp.left != 0 {
			b.WriteString(` w:left="` + strconv.Itoa(tw(pp.left)) + `"`)
		}
		if pp.right != 0 {
			b.WriteString(` w:right="` + strconv.Itoa(tw(pp.right)) + `"`)
		}
		if pp.first >= 0 {
			b.WriteString(` w:firstLine="` + strconv.Itoa(tw(pp.first)) + `"`)
		}
		b.WriteString("/>")
	}
	if pp.jc != "" {
		b.WriteString(`<w:jc w:val="` + pp.jc + `"/>`)
	}
	b.WriteString(pp.sect)
	b.WriteString("</w:pPr>")
}

// run writes a run: its properties, then its text, a newline as a line
// break.
func (x *writer) run(r run) {
	b := &x.b
	b.WriteString("<w:r>")
	if r.bold || r.italic || r.sz > 0 {
		b.WriteString("<w:rPr>")
		if r.bold {
			b.WriteString("<w:b/><w:bCs/>")
		}
		if r.italic {
			b.WriteString("<w:i/><w:iCs/>")
		}
		if r.sz > 0 {
			hp := strconv.Itoa(int(math.Round(r.sz * 2)))
			b.WriteString(`<w:sz w:val="` + hp + `"/><w:szCs w:val="` + hp + `"/>`)
		}
		b.WriteString("</w:rPr>")
	}
	if r.raw != "" {
		b.WriteString(r.raw)
	} else {
		for i, line := range strings.Split(r.text, "\n") {
			if i > 0 {
				b.WriteString("<w:br/>")
			}
			if line == "" {
				continue
			}
			b.WriteString(`<w:t xml:space="preserve">`)
			escape(b, line)
			b.WriteString("</w:t>")
		}
	}
	b.WriteString("</w:r>")
}

// text is a run of plain text.
func text(s string) run { return run{text: s} }

// cell is a table cell: its paragraphs, written by fill.
type cell struct {
	w      float64 // width in mm
	valign string  // "top", "center", "bottom" ("" = top)
	fill   func(x *writer)
}

// tableOpts are a table's properties.
type tableOpts struct {
	style   string    // table style ("" = none, borderless)
	widths  []float64 // column widths in mm
	marLR   float64   // left and right cell margins in mm
	marTB   float64   // top and bottom cell margins in mm
	borders bool      // single borders around every cell
}

// table writes a table of rows; header rows (the first nHead) repeat on
// every page. No row is split across pages.
func (x *writer) table(o tableOpts, nHead int, rows [][]cell) {
	b := &x.b
	total := 0.0
	for _, w := range o.widths {
		total += w
	}
	b.WriteString("<w:tbl><w:tblPr>")
	if o.style != "" {
		b.WriteString(`<w:tblStyle w:val="` + o.style + `"/>`)
	}
	b.WriteString(`<w:tblW w:w="` + strconv.Itoa(tw(total)) + `" w:type="dxa"/>`)
	b.WriteString(`<w:tblInd w:w="0" w:type="dxa"/>`)
	if o.borders {
		b.WriteString(`<w:tblBorders>`)
		for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
			b.WriteString(`<w:` + side + ` w:val="single" w:sz="4" w:space="0" w:color="000000"/>`)
		}
		b.WriteString(`</w:tblBorders>`)
	} else {
		b.WriteString(`<w:tblBorders>`)
		for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
			b.WriteString(`<w:` + side + ` w:val="nil"/>`)
		}
		b.WriteString(`</w:tblBorders>`)
	}
	b.WriteString(`<w:tblLayout w:type="fixed"/>`)
	lr, tb := strconv.Itoa(tw(o.marLR)), strconv.Itoa(tw(o.marTB))
	b.WriteString(`<w:tblCellMar><w:top w:w="` + tb + `" w:type="dxa"/><w:left w:w="` + lr + `" w:type="dxa"/><w:bottom w:w="` + tb + `" w:type="dxa"/><w:right w:w="` + lr + `" w:type="dxa"/></w:tblCellMar>`)
	b.WriteString(`<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>`)
	b.WriteString("</w:tblPr><w:tblGrid>")
	for _, w := range o.widths {
		b.WriteString(`<w:gridCol w:w="` + strconv.Itoa(tw(w)) + `"/>`)
	}
	b.WriteString("</w:tblGrid>")
	for ri, row := range rows {
		b.WriteString("<w:tr><w:trPr><w:cantSplit/>")
		if ri < nHead {
			b.WriteString("<w:tblHeader/>")
		}
		b.WriteString("</w:trPr>")
		for _, c := range row {
			b.WriteString(`<w:tc><w:tcPr><w:tcW w:w="` + strconv.Itoa(tw(c.w)) + `" w:type="dxa"/>`)
			if c.valign != "" {
				b.WriteString(`<w:vAlign w:val="` + c.valign + `"/>`)
			}
			b.WriteString("</w:tcPr>")
			n := x.b.Len()
			c.fill(x)
			if x.b.Len() == n {
				x.p(keep("")) // a cell holds at least one paragraph
			}
			b.WriteString("</w:tc>")
		}
		b.WriteString("</w:tr>")
	}
	b.WriteString("</w:tbl>")
}
