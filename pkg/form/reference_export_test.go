package form

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/thidua/thidua/pkg/diag"
	"github.com/thidua/thidua/pkg/submission"
	"github.com/thidua/thidua/pkg/vntext"
)

// The reader parses .xlsx parts itself (xlsxbook.go). The reference below
// (for TestReaderMatchesExcelize) is the reader as it was, on excelize's row iterator, style lookups and
// formula calculation: both must read every ordinary workbook alike.

// ReadReference reads data as the reader did with excelize alone.
func ReadReference(name string, data []byte, opts ReadOptions) (*submission.Submission, error) {
	s := &submission.Submission{Path: name, Size: int64(len(data))}
	sum := sha256.Sum256(data)
	s.SHA256 = hex.EncodeToString(sum[:])
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{RawCellValue: true, TmpDir: opts.TmpDir})
	if err != nil {
		return nil, err
	}
	b := newRefBook(f)
	defer b.close()
	sink := &diagSink{s: s}
	p := &parser{s: s, b: b, opts: opts, ix: opts.Campaign.NewIndex(), sink: sink}
	p.parse()
	sink.flush()
	return finish(s), nil
}

// refBook reads .xlsx/.xlsm with excelize.
type refBook struct {
	f      *excelize.File
	fonts  map[int]string // style ID → font family
	sheets []string
	legacy bool // the stylesheet has a TCVN3 or VNI font
}

func newRefBook(f *excelize.File) *refBook {
	b := &refBook{f: f, fonts: map[int]string{}, sheets: f.GetSheetList()}
	// Cell styles are looked up (which parses the whole sheet a second
	// time) only when some font of the workbook is a legacy one.
	if f.Styles != nil && f.Styles.Fonts != nil {
		for _, ft := range f.Styles.Fonts.Font {
			if ft != nil && ft.Name != nil && ft.Name.Val != nil {
				if enc, _ := vntext.FontEncoding(*ft.Name.Val); enc != vntext.Unicode {
					b.legacy = true
				}
			}
		}
	}
	return b
}

func (b *refBook) sheetNames() []string { return b.sheets }

func (b *refBook) hidden(name string) bool {
	v, err := b.f.GetSheetVisible(name)
	return err == nil && !v
}

func (b *refBook) close() { _ = b.f.Close() }

func (b *refBook) fontOf(sheet, ref string) string {
	id, err := b.f.GetCellStyle(sheet, ref)
	if err != nil {
		return ""
	}
	if f, ok := b.fonts[id]; ok {
		return f
	}
	name := ""
	if st, err := b.f.GetStyle(id); err == nil && st != nil && st.Font != nil {
		name = st.Font.Family
	}
	b.fonts[id] = name
	return name
}

func (b *refBook) load(name string, note func(diag.Diagnostic)) (*grid, error) {
	rows, err := b.f.Rows(name)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	g := &grid{name: name}
	n, empty := 0, 0
	cut := false // the sheet goes on with thousands of empty rows
	for rows.Next() {
		n++
		cols, err := rows.Columns()
		if err != nil {
			return nil, err
		}
		last := min(len(cols), MaxCols)
		for last > 0 && strings.TrimSpace(cols[last-1]) == "" {
			last--
		}
		if last == 0 {
			empty++
			if empty > MaxEmptyRun {
				cut = true
				break
			}
			continue
		}
		empty = 0
		cells := make([]string, last)
		for i, v := range cols[:last] {
			if v == "" {
				continue
			}
			ref := cellRef(i+1, n)
			var fontOf func() string
			if b.legacy {
				fontOf = func() string { return b.fontOf(name, ref) }
			}
			cells[i] = textCell(v, fontOf, name, ref, note)
		}
		g.rows = append(g.rows, gridRow{n: n, cells: cells})
	}
	if err := rows.Error(); err != nil {
		return nil, err
	}
	if cut {
		// Looking a formula up would parse the whole sheet into memory
		// (hundreds of MB for a million styled rows): formulas of such a
		// sheet are not calculated and their cells count as blank.
		return g, nil
	}
	g.formula = func(ref string) string {
		s, _ := b.f.GetCellFormula(name, ref)
		return s
	}
	g.calc = func(ref string) (v string, err error) {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("%v", r)
			}
		}()
		return b.f.CalcCellValue(name, ref, excelize.Options{RawCellValue: true})
	}
	return g, nil
}
