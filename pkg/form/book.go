package form

import (
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/thidua/thidua/pkg/diag"
	"github.com/thidua/thidua/pkg/vntext"
)

// book is a workbook as the reader sees it, whatever its file format:
// sheets of rows of raw cell values (numbers as stored, text in NFC and
// converted from legacy fonts).
type book interface {
	// sheetNames returns the sheets in workbook order.
	sheetNames() []string
	// hidden reports whether a sheet is hidden.
	hidden(name string) bool
	// load reads a sheet into a grid; conversions of legacy text are
	// reported through note.
	load(name string, note func(diag.Diagnostic)) (*grid, error)
	close()
}

// grid is one sheet: its non-empty rows in order.
type grid struct {
	name string
	rows []gridRow
	// formula returns the formula of a cell ("" if none); calc computes it.
	// Both are nil for formats that always store a formula's value, and
	// for a sheet not read to its end (cut or stoppedAt).
	formula func(ref string) string
	calc    func(ref string) (string, error)
	// fcells are the cells of rows the grid holds that have a formula,
	// with its text ("…" for a formula shared with another cell).
	fcells map[string]string
	// cut is true when the sheet ended in MaxEmptyRun empty rows and was
	// not read further.
	cut bool
	// stoppedAt is the row at which reading stopped because a limit was
	// reached (MaxSheetRows, MaxSheetCells, MaxFormCells, MaxFormText); 0
	// when the sheet was read to its end.
	stoppedAt int
	// pct holds the cells of the grid's rows that hold a number formatted
	// as a percentage (95 % is stored 0.95); nil when there is none.
	pct map[string]bool
}

// isPercentFormat reports whether a number format code shows its number
// as a percentage: a "%" outside quoted text, escapes and [bracketed]
// sections ("0%", "0.00%", "#,##0.0%").
func isPercentFormat(code string) bool {
	for i := 0; i < len(code); i++ {
		switch code[i] {
		case '"':
			if j := strings.IndexByte(code[i+1:], '"'); j >= 0 {
				i += j + 1
			} else {
				return false
			}
		case '\\':
			i++
		case '[':
			if j := strings.IndexByte(code[i+1:], ']'); j >= 0 {
				i += j + 1
			}
		case '%':
			return true
		}
	}
	return false
}

// builtinPercent reports whether a built-in number format id is a
// percentage (9 "0%", 10 "0.00%").
func builtinPercent(id int) bool { return id == 9 || id == 10 }

// gridRow is a sheet row: n is 1-based, cells[i] is column i+1.
type gridRow struct {
	n     int
	cells []string
}

// cell returns the value of column c (1-based) of the row.
func (r gridRow) cell(c int) string {
	if c < 1 || c > len(r.cells) {
		return ""
	}
	return r.cells[c-1]
}

// cellRef returns the A1 reference of column c, row r (1-based). The
// references of a form's usual area come from a table made once, so that
// reading a form does not allocate one string per cell and the forms kept
// in memory share them.
func cellRef(c, r int) string {
	if c >= 1 && c <= refCols && r >= 1 && r <= refRows {
		return refTable()[(r-1)*refCols+c-1]
	}
	s, err := excelize.CoordinatesToCellName(c, r)
	if err != nil {
		return fmt.Sprintf("R%dC%d", r, c)
	}
	return s
}

// The area of refTable: columns A…P, rows 1…300.
const refCols, refRows = 16, 300

var refTable = sync.OnceValue(func() []string {
	t := make([]string, refCols*refRows)
	for r := 1; r <= refRows; r++ {
		for c := 1; c <= refCols; c++ {
			t[(r-1)*refCols+c-1], _ = excelize.CoordinatesToCellName(c, r)
		}
	}
	return t
})

// textCell cleans a text value: NFC, and converted from a legacy encoding
// when fontOf names a TCVN3 or VNI font. The font is looked up only for text
// that could be legacy-encoded (see legacyCandidate), so style lookups stay
// rare: text in ASCII is the same in every encoding, and text with a letter
// such as ư, ơ, đ or ạ is Unicode already.
func textCell(v string, fontOf func() string, sheet, ref string, note func(diag.Diagnostic)) string {
	if isASCII(v) {
		return stripControls(v)
	}
	if !utf8.ValidString(v) {
		v = strings.ToValidUTF8(v, "\uFFFD")
	}
	if fontOf != nil && legacyCandidate(v) {
		if font := fontOf(); font != "" {
			if out, enc, changed := vntext.ConvertLegacy(font, v); changed {
				if note != nil {
					note(diag.New("TD212", font, enc.String(), clip(out, 60)).At(sheet, ref))
				}
				return stripControls(out)
			}
		}
	}
	return stripControls(vntext.NFC(v))
}

// cp1252 holds the characters Windows-1252 puts at bytes 0x80–0x9F, which
// legacy-encoded text read through that code page contains.
const cp1252 = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"

// legacyCandidate reports whether s could be text typed in an 8-bit legacy
// font: every character is a byte-sized one (Latin-1 or Windows-1252).
func legacyCandidate(s string) bool {
	for _, r := range s {
		if r > 0xFF && !strings.ContainsRune(cp1252, r) {
			return false
		}
	}
	return true
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// clip shortens s to n runes for messages.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}
