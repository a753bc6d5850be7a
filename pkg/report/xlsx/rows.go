package xlsx

import (
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The rows of the two long sheets ("Chi tiết" and "Thẩm định": one row per
// unit and criterion, 29,000 rows at 1,000 units, 290,000 at 10,000) are
// written by rowWriter rather than by excelize's stream writer, whose
// SetRow allocates several objects per cell: at 10,000 units that garbage,
// collected under the run's memory limit beside a large live result, made
// writing the workbook take 15 times as long as at 1,000. excelize still
// writes everything else of these sheets (columns, panes, title and header
// rows, merged cells, filter, protection, validation, print setup); the
// rows are spliced in before its "</sheetData>" as the archive is written
// (sortedZip.splice). rowWriter writes a row byte for byte as excelize's
// stream writer does (TestRowWriterMatchesExcelize), so the workbook is the
// same file either way.

// cellKind is what a cell of rowWriter holds.
type cellKind uint8

const (
	cellEmpty   cellKind = iota // a styled cell without a value
	cellText                    // an inline string
	cellNum                     // a number
	cellFormula                 // a formula (text) with its cached value (num)
)

// cell is one cell of a row for rowWriter.
type cell struct {
	kind  cellKind
	style int
	text  string
	num   float64
}

func textCellOf(style int, s string) cell { return cell{kind: cellText, style: style, text: s} }
func numCell(style int, v float64) cell   { return cell{kind: cellNum, style: style, num: v} }
func emptyCell(style int) cell            { return cell{kind: cellEmpty, style: style} }

// rowWriter writes <row> elements of a worksheet's sheetData to w through
// a buffer, without allocating per cell.
type rowWriter struct {
	w   io.Writer
	buf []byte
	err error
}

func newRowWriter(w io.Writer) *rowWriter {
	return &rowWriter{w: w, buf: make([]byte, 0, 64<<10)}
}

// row writes row n (1-based) with the given height in points (0: the
// default) and the cells from column A on.
func (rw *rowWriter) row(n int, height float64, cells []cell) {
	if rw.err != nil {
		return
	}
	b := rw.buf
	b = append(b, `<row r="`...)
	b = strconv.AppendInt(b, int64(n), 10)
	b = append(b, '"')
	if height > 0 {
		b = append(b, ` ht="`...)
		b = strconv.AppendFloat(b, height, 'f', -1, 64)
		b = append(b, `" customHeight="1"`...)
	}
	b = append(b, '>')
	for i, c := range cells {
		b = append(b, `<c r="`...)
		b = appendColumn(b, i+1)
		b = strconv.AppendInt(b, int64(n), 10)
		b = append(b, '"')
		if c.style != 0 {
			b = append(b, ` s="`...)
			b = strconv.AppendInt(b, int64(c.style), 10)
			b = append(b, '"')
		}
		switch c.kind {
		case cellText:
			b = append(b, ` t="inlineStr"><is><t`...)
			s := truncateCellText(c.text)
			if s != "" && (isSpaceByte(s[0]) || isSpaceByte(s[len(s)-1])) {
				b = append(b, ` xml:space="preserve"`...)
			}
			b = append(b, '>')
			b = appendCellText(b, s)
			b = append(b, `</t></is></c>`...)
		case cellNum:
			b = appendNumber(b, c.num)
		case cellFormula:
			b = append(b, `><f>`...)
			b = appendEscaped(b, c.text, true)
			b = append(b, `</f><v>`...)
			b = appendFloat15(b, c.num)
			b = append(b, `</v></c>`...)
		default:
			b = append(b, `></c>`...)
		}
	}
	b = append(b, `</row>`...)
	rw.buf = b
	if len(b) >= 60<<10 {
		rw.flush()
	}
}

// flush writes the buffer out; it returns the first error of the writer.
func (rw *rowWriter) flush() error {
	if rw.err == nil && len(rw.buf) > 0 {
		_, rw.err = rw.w.Write(rw.buf)
	}
	rw.buf = rw.buf[:0]
	return rw.err
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// appendColumn appends the letters of column n (1-based).
func appendColumn(b []byte, n int) []byte {
	var tmp [4]byte
	i := len(tmp)
	for n > 0 {
		n--
		i--
		tmp[i] = byte('A' + n%26)
		n /= 26
	}
	return append(b, tmp[i:]...)
}

// appendNumber appends the rest of a number cell: as excelize does, a
// number that is not finite is written as its text.
func appendNumber(b []byte, v float64) []byte {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		b = append(b, ` t="inlineStr"><is><t>`...)
		b = append(b, strconv.FormatFloat(v, 'g', -1, 64)...) // "NaN", "+Inf", "-Inf" as fmt.Sprint gives
		return append(b, `</t></is></c>`...)
	}
	b = append(b, `><v>`...)
	b = appendFloat15(b, v)
	return append(b, `</v></c>`...)
}

// appendFloat15 appends v as excelize formats a number: the shortest
// decimal, cut to Excel's 15 significant digits.
func appendFloat15(b []byte, v float64) []byte {
	start := len(b)
	b = strconv.AppendFloat(b, v, 'f', -1, 64)
	if math.Abs(v) == math.MaxFloat64 {
		return b
	}
	s := b[start:]
	const maxPrec = 15
	decimal := -1
	for i, c := range s {
		if c == '.' {
			decimal = i
			break
		}
	}
	significant := 0
	for idx := 0; idx < len(s); idx++ {
		if s[idx] < '0' || s[idx] > '9' || significant == 0 && s[idx] == '0' {
			continue
		}
		significant++
		if significant <= maxPrec {
			continue
		}
		if decimal >= 0 && idx > decimal {
			out := s[:idx]
			if len(out) > 0 && out[len(out)-1] == '.' {
				out = out[:len(out)-1]
			}
			return b[:start+len(out)]
		}
		if decimal < 0 {
			decimal = len(s)
		}
		for ; idx < decimal; idx++ {
			s[idx] = '0'
		}
		return b[:start+decimal]
	}
	return b
}

// truncateCellText cuts s to the 32,767 UTF-16 units a cell holds.
func truncateCellText(s string) string {
	const totalCellChars = 32767
	if len(s) <= totalCellChars { // a UTF-16 unit takes at least a byte
		return s
	}
	cnt := 0
	for i, r := range s {
		if cnt += utf16.RuneLen(r); cnt > totalCellChars {
			return s[:i]
		}
	}
	return s
}

// appendCellText appends the (truncated) text of an inline string as
// excelize writes it: XML-escaped (line breaks kept), and a literal
// "_xHHHH_" escaped as "_x005F_xHHHH_" so that it is not read back as an
// escaped character.
func appendCellText(b []byte, s string) []byte {
	if strings.Contains(s, "_x") {
		return append(b, bstrMarshal(string(appendEscaped(nil, s, false)))...)
	}
	return appendEscaped(b, s, false)
}

// appendEscaped appends s escaped as encoding/xml.EscapeText does (a line
// break escaped only when newline is true; characters XML cannot hold
// become U+FFFD).
func appendEscaped(b []byte, s string, newline bool) []byte {
	last := 0
	for i := 0; i < len(s); {
		r, width := utf8.DecodeRuneInString(s[i:])
		i += width
		var esc string
		switch r {
		case '"':
			esc = "&#34;"
		case '\'':
			esc = "&#39;"
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '\t':
			esc = "&#x9;"
		case '\n':
			if !newline {
				continue
			}
			esc = "&#xA;"
		case '\r':
			esc = "&#xD;"
		default:
			if !isInCharacterRange(r) || (r == utf8.RuneError && width == 1) {
				esc = "\uFFFD"
				break
			}
			continue
		}
		b = append(b, s[last:i-width]...)
		b = append(b, esc...)
		last = i
	}
	return append(b, s[last:]...)
}

// isInCharacterRange is encoding/xml's test of a character XML may hold.
func isInCharacterRange(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}

var (
	bstrExp       = regexp.MustCompile(`_x[a-fA-F\d]{4}_`)
	bstrEscapeExp = regexp.MustCompile(`x[a-fA-F\d]{4}_`)
)

// bstrMarshal is excelize's escaping of "_xHHHH_" in cell text (lib.go),
// for the rare text that has one.
func bstrMarshal(s string) (result string) {
	matches, l, cursor := bstrExp.FindAllStringSubmatchIndex(s, -1), len(s), 0
	for _, match := range matches {
		result += s[cursor:match[0]]
		subStr := s[match[0]:match[1]]
		if subStr == "_x005F_" {
			cursor = match[1]
			if match[1]+6 <= l && bstrEscapeExp.MatchString(s[match[1]:match[1]+6]) {
				_, err := strconv.Unquote(`"\u` + s[match[1]+1:match[1]+5] + `"`)
				if err == nil {
					result += subStr + "x005F" + subStr
					continue
				}
			}
			result += subStr + "x005F_"
			continue
		}
		if bstrExp.MatchString(subStr) {
			cursor = match[1]
			if _, err := strconv.Unquote(`"\u` + s[match[0]+2:match[1]-1] + `"`); err == nil {
				result += "_x005F" + subStr
				continue
			}
		}
	}
	if cursor < l {
		result += s[cursor:]
	}
	return result
}

// fitCells returns the height in points that shows every text cell of a
// row in full (see fit).
func fitCells(cols []column, cells []cell) float64 {
	return rowHeight(cellLines(cols, cells, 0))
}

// cellLines is the most lines a text cell of the row takes, leaving out
// the cells whose bit is set in skip (measured once elsewhere).
func cellLines(cols []column, cells []cell, skip uint64) int {
	lines := 1
	for i, c := range cells {
		if c.kind != cellText || c.text == "" || i >= len(cols) || i < 64 && skip&(1<<i) != 0 {
			continue
		}
		lines = max(lines, textLines(cols[i].width, c.text, 0))
	}
	return lines
}

// lineCache keeps the lines of the texts of one column by their row of
// the criteria table: every unit has the same titles, so the long sheets
// (a row per unit and criterion) measure each title once, not once per
// unit. A text that differs from the one kept (same string, compared by
// its bytes, usually its pointer) is measured again.
type lineCache struct {
	width float64
	texts []string
	lines []int
}

// get returns textLines(c.width, s, indent) for the text of row i.
func (c *lineCache) get(i int, s string, indent int) int {
	for len(c.texts) <= i {
		c.texts = append(c.texts, "")
		c.lines = append(c.lines, -1)
	}
	if c.lines[i] < 0 || c.texts[i] != s {
		c.texts[i], c.lines[i] = s, textLines(c.width, s, indent)
	}
	return c.lines[i]
}

// How wide text prints in a column. A column's width counts the default
// font's widest digit (Times New Roman 11: at least 7 pixels at 96 dpi, as
// Calibri 11's; LibreOffice's Liberation Serif gives 7.33); the cells'
// text is Times New Roman 12, an em of 16 pixels. textLines wraps a text
// word by word in those metrics, the way a spreadsheet does, and reckons
// on the safe side: the narrowest column, the cell's margins and grid line,
// and text set 4% wider than its metrics (bold, hinting, the printer).
const (
	digitPx  = 7.0  // the default font's widest digit
	cellPad  = 8.0  // the cell's margins and grid line, in pixels
	indentPx = 12.0 // one level of a style's indent
	emPx     = 16.0 // 12 pt text at 96 dpi
	slack    = 1.04 // text prints up to 4% wider than reckoned
)

// textLines estimates the lines s takes, wrapped at its spaces, in a
// column of the given width (in characters, as column widths are given)
// with indent levels of indentation.
func textLines(width float64, s string, indent int) int {
	avail := (width*digitPx - cellPad - float64(indent)*indentPx) / (emPx * slack) // in ems
	if avail < 1 {
		avail = 1
	}
	// Most cells are short: no character is wider than an em.
	if float64(len(s)) <= avail && !strings.Contains(s, "\n") {
		return 1
	}
	n := 0
	for para := range strings.SplitSeq(s, "\n") {
		n += paraLines(para, avail)
	}
	return n
}

// paraLines is the number of lines a paragraph without line breaks takes
// in avail ems: words go on a line while they fit; a word longer than a
// line is broken between its characters.
func paraLines(p string, avail float64) int {
	lines, cur, word := 1, 0.0, 0.0
	space := runeEm(' ')
	flush := func() {
		switch {
		case word == 0:
		case cur == 0 && word <= avail:
			cur = word
		case cur+space+word <= avail:
			cur += space + word
		case word <= avail:
			lines++
			cur = word
		default: // a word wider than a line
			if cur > 0 {
				lines++
			}
			extra := int(word / avail)
			lines += extra
			cur = word - float64(extra)*avail
		}
		word = 0
	}
	for _, r := range p {
		if r == ' ' || r == '\t' {
			flush()
			continue
		}
		word += runeEm(r)
	}
	flush()
	return lines
}

// runeEm is the advance width of r in Times New Roman, in ems: the
// standard Times-Roman metrics for Latin letters, digits and punctuation,
// a Vietnamese letter as wide as its base letter (ơ and ư a little wider
// for their horn), 0.6 em for anything else.
func runeEm(r rune) float64 {
	if ws := emWidths(); r < rune(len(ws)) {
		if w := ws[r]; w > 0 {
			return float64(w) / 1000
		}
	}
	return 0.6
}

// emWidths returns the widths of the runes below U+1F00 in thousandths of
// an em (0: unknown), built on first use from timesASCII and the
// decompositions of the Latin letters with diacritics (not at start-up:
// `thidua --help` does not pay for it).
var emWidths = sync.OnceValue(func() []uint16 {
	w := make([]uint16, 0x1F00)
	for i, v := range timesASCII {
		w[32+i] = v
	}
	for r := rune(0xC0); r < 0x1F00; r++ {
		d := []rune(norm.NFD.String(string(r)))
		if len(d) < 2 || d[0] < 32 || d[0] > 126 || !unicode.IsLetter(d[0]) {
			continue
		}
		v := w[d[0]]
		for _, m := range d[1:] {
			if m == 0x031B { // horn
				v += 70
			}
		}
		w[r] = v
	}
	for r, v := range map[rune]uint16{'đ': 500, 'Đ': 722, 'ư': 570, 'Ư': 790, 'ơ': 570, 'Ơ': 790, '\u00a0': 250,
		'–': 500, '—': 1000, '‘': 333, '’': 333, '“': 444, '”': 444, '…': 1000, '•': 350, '▲': 1000, '▼': 1000, '→': 1000} {
		if r < 0x1F00 {
			w[r] = v
		}
	}
	return w
})

// timesASCII are the Times-Roman advance widths of ' ' to '~', in
// thousandths of an em.
var timesASCII = [...]uint16{
	250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, // space ! " # $ % & ' ( ) * + , - . /
	500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444, // 0-9 : ; < = > ?
	921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, // @ A-O
	556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500, // P-Z [ \ ] ^ _
	333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, // ` a-o
	500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541, // p-z { | } ~
}

// rowHeight is the height of a row of so many lines of 12 pt text. Excel's
// tallest row is 409 points: a unit's very long text must not make the
// workbook unwritable.
func rowHeight(lines int) float64 { return min(lineHeight*float64(lines)+1.5, 409) }
