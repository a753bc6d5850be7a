package xlsx

import (
	"strings"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/cases"
	"golang.org/x/text/language"
)

// font is the workbook's font: Times New Roman is what Vietnamese offices
// print with (LibreOffice substitutes its metric twin Liberation Serif).
const font = "Times New Roman"

// Band colours, highest band first; more bands reuse the last colours.
var (
	bandFill  = []string{"C6EFCE", "DDEBF7", "FFF2CC", "FCE4D6", "FFC7CE", "EDEDED"}
	bandColor = []string{"00B050", "2E75B6", "FFC000", "ED7D31", "C00000", "7F7F7F"}
)

func bandIndex(i int) int { return min(i, len(bandFill)-1) }

// styles are the cell style ids of the workbook.
type styles struct {
	title, subtitle, header                int
	text, textBold, center, num, numBold   int
	num0                                   int   // integers with thousands separators
	plain                                  int   // text on one line (chart data)
	indent                                 []int // text indented by depth (detail)
	open                                   int   // the review input cells: unlocked
	totalText, totalNum                    int
	sevError, sevWarning, sevNote, section int
	bandCF                                 []int // conditional formats per band
}

func border() []excelize.Border {
	return []excelize.Border{
		{Type: "left", Color: "808080", Style: 1},
		{Type: "right", Color: "808080", Style: 1},
		{Type: "top", Color: "808080", Style: 1},
		{Type: "bottom", Color: "808080", Style: 1},
	}
}

func (b *book) makeStyles() error {
	f := b.f
	// The default font measures the column widths: Excel counts them in
	// its widest digit, and so does LibreOffice, which lacks Calibri
	// (excelize's default) on most machines and measures them in a wider
	// substitute. Times New Roman 11 (Liberation Serif) gives both the
	// same widths, the widths the row heights are reckoned for (textLines).
	if err := f.SetDefaultFont(font); err != nil {
		return err
	}
	var err error
	add := func(s *excelize.Style) int {
		if err != nil {
			return 0
		}
		if s.Font == nil {
			s.Font = &excelize.Font{Family: font, Size: 12}
		} else {
			s.Font.Family = font
			if s.Font.Size == 0 {
				s.Font.Size = 12
			}
		}
		var id int
		id, err = f.NewStyle(s)
		return id
	}
	twoDec := 2 // built-in number format "0.00"
	mid := &excelize.Alignment{Vertical: "center", WrapText: true}
	st := &b.st
	st.title = add(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	st.subtitle = add(&excelize.Style{Font: &excelize.Font{Italic: true}, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	st.section = add(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 13}})
	st.header = add(&excelize.Style{Font: &excelize.Font{Bold: true}, Border: border(),
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	st.text = add(&excelize.Style{Border: border(), Alignment: mid})
	st.textBold = add(&excelize.Style{Font: &excelize.Font{Bold: true}, Border: border(), Alignment: mid})
	st.center = add(&excelize.Style{Border: border(), Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	st.num = add(&excelize.Style{Border: border(), NumFmt: twoDec, Alignment: &excelize.Alignment{Vertical: "center"}})
	st.plain = add(&excelize.Style{Border: border()})
	st.plain = add(&excelize.Style{Border: border()})
	st.num0 = add(&excelize.Style{Border: border(), NumFmt: 3, Alignment: &excelize.Alignment{Vertical: "center"}})
	st.numBold = add(&excelize.Style{Font: &excelize.Font{Bold: true}, Border: border(), NumFmt: twoDec, Alignment: &excelize.Alignment{Vertical: "center"}})
	for d := 0; d < 4; d++ {
		s := &excelize.Style{Border: border(), Alignment: &excelize.Alignment{Vertical: "center", WrapText: true, Indent: 2 * d}}
		if d == 0 {
			s.Font = &excelize.Font{Bold: true}
		}
		st.indent = append(st.indent, add(s))
	}
	st.open = add(&excelize.Style{Border: border(), NumFmt: twoDec,
		Fill:       excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFFFE0"}},
		Protection: &excelize.Protection{Locked: false}, Alignment: &excelize.Alignment{Vertical: "center"}})
	grey := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"EDEDED"}}
	st.totalText = add(&excelize.Style{Font: &excelize.Font{Bold: true}, Border: border(), Fill: grey, Alignment: mid})
	st.totalNum = add(&excelize.Style{Font: &excelize.Font{Bold: true}, Border: border(), Fill: grey, NumFmt: twoDec})
	st.sevError = add(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "C00000"}, Border: border(), Alignment: mid})
	st.sevWarning = add(&excelize.Style{Font: &excelize.Font{Color: "9C5700"}, Border: border(), Alignment: mid})
	st.sevNote = add(&excelize.Style{Font: &excelize.Font{Color: "595959"}, Border: border(), Alignment: mid})
	if err != nil {
		return err
	}
	if b.r.Campaign != nil {
		for i := range b.r.Campaign.Bands {
			id, err := f.NewConditionalStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{bandFill[bandIndex(i)]}}})
			if err != nil {
				return err
			}
			st.bandCF = append(st.bandCF, id)
		}
	}
	return nil
}

var upperCaser = cases.Upper(language.Vietnamese)

// upper returns s in capitals with Vietnamese rules.
func upper(s string) string { return upperCaser.String(s) }

// quoteFormula quotes s as a string literal inside a formula.
func quoteFormula(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// pathText is a file's path (or a message naming one) as a cell shows it:
// a control character other than a line break or tab, a bidirectional
// control (U+202E RIGHT-TO-LEFT OVERRIDE makes "hoso\u202Excod.exe" read
// "hosoexe.docx") or an invisible character in it becomes U+FFFD, so the
// name reads in its real order and shows that something odd is in it.
// Other text is kept.
func pathText(s string) string {
	odd := func(r rune) bool {
		switch {
		case r == '\n' || r == '\t':
			return false
		case r < 0x20 || r >= 0x7F && r < 0xA0:
			return true
		case r == 0x061C || r >= 0x200B && r <= 0x200F || r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 || r == 0xFEFF:
			return true
		}
		return false
	}
	if strings.IndexFunc(s, odd) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if odd(r) {
			return '\uFFFD'
		}
		return r
	}, s)
}
