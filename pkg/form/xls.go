package form

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/richardlehane/mscfb"

	"github.com/thidua/thidua/pkg/diag"
)

// This file is a small reader of BIFF8 (.xls, Excel 97–2003) workbooks: the
// sheets, their visibility, the fonts of the cell formats, shared strings and
// the cell records that hold values (LABELSST, LABEL, RSTRING, NUMBER, RK,
// MULRK, FORMULA with its cached result, BOOLERR). Formulas are not
// evaluated: Excel and LibreOffice always store a formula's value in .xls.
//
// The two pure-Go .xls libraries were tried on files saved by LibreOffice and
// neither reads forms right: github.com/extrame/xls formats numbers in cells
// with a user-defined "General" format as dates (8.5 → 1902-04-29) and hides
// the cells' formats, github.com/shakinm/xlsReader returns 8-bit strings
// undecoded ("Mã" → "M\xe3"), drops formula cells and exposes no fonts. The
// OLE container is read with github.com/richardlehane/mscfb (which excelize
// already uses).

type xlsSheet struct {
	name      string
	hidden    bool
	pos       int                     // offset of its BOF record in the stream
	rows      map[int]map[int]xlsCell // nil until read
	stoppedAt int                     // 1-based row at which reading stopped at a limit
}

type xlsCell struct {
	v    string
	xf   int
	text bool
}

type xlsBook struct {
	stream []byte
	sst    []string
	sheets []*xlsSheet
	byName map[string]*xlsSheet
	fonts  []string
	xfFont []int
	xfFmt  []int        // cell format → number format id
	pctFmt map[int]bool // number formats (FORMAT records) that show a percentage
	budget *readBudget  // records read count against its xml bytes
}

var (
	errBIFF       = errors.New("not a BIFF8 workbook")
	errXLSStream  = errors.New("the Workbook stream is larger than a form holds")
	errBIFFBudget = errors.New("more BIFF records than a form holds")
)

// openXLS parses a .xls file held in memory.
func openXLS(data []byte) (b *xlsBook, err error) {
	defer func() {
		if r := recover(); r != nil {
			b, err = nil, errBIFF
		}
	}()
	r, err := mscfb.New(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	var stream []byte
	for {
		f, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if strings.EqualFold(f.Name, "Workbook") && len(f.Path) == 0 {
			if f.Size < 0 || f.Size > int64(len(data))*4+1<<20 {
				return nil, errBIFF
			}
			if f.Size > MaxXLSStream {
				return nil, errXLSStream
			}
			stream = make([]byte, f.Size)
			if _, err := io.ReadFull(f, stream); err != nil {
				return nil, err
			}
			break
		}
	}
	if stream == nil {
		return nil, errBIFF
	}
	return parseBIFF(stream)
}

type biffRec struct {
	typ  uint16
	data []byte
	off  int
}

// recIter walks the records of the stream from an offset up to (and
// including) the next EOF record, without holding them all.
type recIter struct {
	s    []byte
	off  int
	done bool
}

// next returns the next record; false at the end.
func (it *recIter) next() (biffRec, bool) {
	r, ok := it.peek()
	if !ok {
		return r, false
	}
	it.off += 4 + len(r.data)
	if r.typ == 0x000A { // EOF
		it.done = true
	}
	return r, true
}

// peek returns the next record without moving past it.
func (it *recIter) peek() (biffRec, bool) {
	if it.done || it.off < 0 || it.off+4 > len(it.s) {
		return biffRec{}, false
	}
	typ := binary.LittleEndian.Uint16(it.s[it.off:])
	n := int(binary.LittleEndian.Uint16(it.s[it.off+2:]))
	if it.off+4+n > len(it.s) {
		return biffRec{}, false
	}
	return biffRec{typ, it.s[it.off+4 : it.off+4+n], it.off}, true
}

func parseBIFF(s []byte) (*xlsBook, error) {
	it := &recIter{s: s}
	first, ok := it.peek()
	if !ok || first.typ != 0x0809 {
		return nil, errBIFF
	}
	b := &xlsBook{stream: s, byName: map[string]*xlsSheet{}, budget: newReadBudget()}
	for {
		rec, ok := it.next()
		if !ok {
			break
		}
		d := rec.data
		switch rec.typ {
		case 0x0031: // FONT
			if len(d) >= 16 {
				name, _ := readUniString(d[14:], int(d[14]), 1)
				b.fonts = append(b.fonts, name)
				if len(b.fonts) == 4 {
					b.fonts = append(b.fonts, "") // font index 4 does not exist
				}
			}
		case 0x00E0: // XF
			if len(d) >= 2 {
				b.xfFont = append(b.xfFont, int(binary.LittleEndian.Uint16(d)))
				fmtID := -1
				if len(d) >= 4 {
					fmtID = int(binary.LittleEndian.Uint16(d[2:]))
				}
				b.xfFmt = append(b.xfFmt, fmtID)
			}
		case 0x041E: // FORMAT
			if len(d) >= 5 {
				code, _ := readUniString(d[2:], int(binary.LittleEndian.Uint16(d[2:])), 2)
				if isPercentFormat(code) {
					if b.pctFmt == nil {
						b.pctFmt = map[int]bool{}
					}
					b.pctFmt[int(binary.LittleEndian.Uint16(d))] = true
				}
			}
		case 0x0085: // BOUNDSHEET
			if len(d) >= 8 && d[5] == 0 {
				if len(b.sheets) >= MaxSheets {
					return nil, errTooManySheets
				}
				name, _ := readUniString(d[6:], int(d[6]), 1)
				sh := &xlsSheet{name: name, hidden: d[4] != 0, pos: int(binary.LittleEndian.Uint32(d))}
				b.sheets = append(b.sheets, sh)
				if _, dup := b.byName[name]; !dup {
					b.byName[name] = sh
				}
			}
		case 0x00FC: // SST (+ CONTINUE)
			segs := [][]byte{d}
			for {
				next, ok := it.peek()
				if !ok || next.typ != 0x003C {
					break
				}
				it.next()
				segs = append(segs, next.data)
			}
			sst, err := parseSST(segs)
			if err != nil {
				return nil, err
			}
			b.sst = sst
		}
	}
	return b, nil
}

// readUniString reads an XLUnicodeString body at d: flags byte then cch
// characters; skip is how many length bytes precede the flags. It returns
// the string and the bytes consumed.
func readUniString(d []byte, cch, skip int) (string, int) {
	if len(d) < skip+1 {
		return "", len(d)
	}
	flags := d[skip]
	p := skip + 1
	if flags&0x08 != 0 {
		p += 2
	}
	if flags&0x04 != 0 {
		p += 4
	}
	if p > len(d) {
		return "", len(d)
	}
	if flags&1 != 0 {
		n := min(cch*2, len(d)-p)
		u := make([]uint16, n/2)
		for i := range u {
			u[i] = binary.LittleEndian.Uint16(d[p+2*i:])
		}
		return string(utf16.Decode(u)), p + n
	}
	n := min(cch, len(d)-p)
	r := make([]rune, n)
	for i := 0; i < n; i++ {
		r[i] = rune(d[p+i])
	}
	return string(r), p + n
}

// sstReader reads across the SST record and its CONTINUE records.
type sstReader struct {
	segs [][]byte
	seg  int
	pos  int
}

func (r *sstReader) avail() int {
	for r.seg < len(r.segs) && r.pos >= len(r.segs[r.seg]) {
		r.seg++
		r.pos = 0
	}
	if r.seg >= len(r.segs) {
		return 0
	}
	return len(r.segs[r.seg]) - r.pos
}

func (r *sstReader) bytes(n int) []byte {
	out := make([]byte, 0, min(n, 1<<16))
	for len(out) < n && r.avail() > 0 {
		k := min(n-len(out), r.avail())
		out = append(out, r.segs[r.seg][r.pos:r.pos+k]...)
		r.pos += k
	}
	return out
}

// skip moves past n bytes (rich-text runs and phonetic data).
func (r *sstReader) skip(n int) {
	for n > 0 && r.avail() > 0 {
		k := min(n, r.avail())
		r.pos += k
		n -= k
	}
}

func (r *sstReader) u8() int {
	b := r.bytes(1)
	if len(b) < 1 {
		return 0
	}
	return int(b[0])
}

func (r *sstReader) u16() int {
	b := r.bytes(2)
	if len(b) < 2 {
		return 0
	}
	return int(binary.LittleEndian.Uint16(b))
}

func (r *sstReader) u32() int {
	b := r.bytes(4)
	if len(b) < 4 {
		return 0
	}
	return int(binary.LittleEndian.Uint32(b))
}

func parseSST(segs [][]byte) ([]string, error) {
	r := &sstReader{segs: segs}
	r.u32() // total
	unique := r.u32()
	out := make([]string, 0, min(unique, 1<<16))
	for i := 0; i < unique && r.avail() > 0; i++ {
		if i >= MaxSharedStrings {
			return nil, errTooManyStrings
		}
		cch := r.u16()
		flags := r.u8()
		runs, ext := 0, 0
		if flags&0x08 != 0 {
			runs = r.u16()
		}
		if flags&0x04 != 0 {
			ext = r.u32()
		}
		high := flags&1 != 0
		cur := r.seg
		var u []uint16
		for len(u) < cch && r.avail() > 0 {
			if r.seg != cur {
				// A CONTINUE inside the characters restates their width.
				cur = r.seg
				high = r.u8()&1 != 0
				if r.avail() == 0 || r.seg != cur {
					break
				}
			}
			if high {
				k := min(cch-len(u), r.avail()/2)
				if k == 0 {
					r.bytes(r.avail())
					continue
				}
				b := r.bytes(2 * k)
				for j := 0; j+1 < len(b); j += 2 {
					u = append(u, binary.LittleEndian.Uint16(b[j:]))
				}
			} else {
				k := min(cch-len(u), r.avail())
				for _, c := range r.bytes(k) {
					u = append(u, uint16(c))
				}
			}
		}
		r.skip(4*runs + ext)
		out = append(out, string(utf16.Decode(u)))
	}
	return out, nil
}

func rkValue(rk uint32) float64 {
	var v float64
	if rk&2 != 0 {
		v = float64(int32(rk) >> 2)
	} else {
		v = math.Float64frombits(uint64(rk&0xFFFFFFFC) << 32)
	}
	if rk&1 != 0 {
		v /= 100
	}
	return v
}

func numText(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return ""
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// readSheet reads the cells of a sheet, up to MaxSheetCells; the records
// it walks count against the form's budget.
func (b *xlsBook) readSheet(sh *xlsSheet) error {
	sh.rows = map[int]map[int]xlsCell{}
	if sh.pos < 0 || sh.pos >= len(b.stream) {
		return nil
	}
	it := &recIter{s: b.stream, off: sh.pos}
	cells := 0
	set := func(r, c, xf int, v string, text bool) bool {
		if v == "" {
			return true
		}
		if cells++; cells > MaxSheetCells {
			sh.stoppedAt = r + 1
			return false
		}
		row := sh.rows[r]
		if row == nil {
			row = map[int]xlsCell{}
			sh.rows[r] = row
		}
		row[c] = xlsCell{v, xf, text}
		return true
	}
	boolText := func(v byte) string {
		if v != 0 {
			return "TRUE"
		}
		return "FALSE"
	}
	u16 := func(d []byte, o int) int { return int(binary.LittleEndian.Uint16(d[o:])) }
	for {
		rec, ok := it.next()
		if !ok {
			return nil
		}
		if b.budget.xml -= int64(4 + len(rec.data)); b.budget.xml < 0 {
			return errBIFFBudget
		}
		d := rec.data
		more := true
		switch rec.typ {
		case 0x00FD: // LABELSST
			if len(d) >= 10 {
				k := int(binary.LittleEndian.Uint32(d[6:]))
				if k < len(b.sst) {
					more = set(u16(d, 0), u16(d, 2), u16(d, 4), b.sst[k], true)
				}
			}
		case 0x0204, 0x00D6: // LABEL, RSTRING
			if len(d) >= 9 {
				v, _ := readUniString(d[6:], u16(d, 6), 2)
				more = set(u16(d, 0), u16(d, 2), u16(d, 4), v, true)
			}
		case 0x0203: // NUMBER
			if len(d) >= 14 {
				more = set(u16(d, 0), u16(d, 2), u16(d, 4), numText(math.Float64frombits(binary.LittleEndian.Uint64(d[6:]))), false)
			}
		case 0x027E: // RK
			if len(d) >= 10 {
				more = set(u16(d, 0), u16(d, 2), u16(d, 4), numText(rkValue(binary.LittleEndian.Uint32(d[6:]))), false)
			}
		case 0x00BD: // MULRK
			if len(d) >= 6 {
				r, c := u16(d, 0), u16(d, 2)
				for o := 4; o+6 <= len(d)-2 && more; o += 6 {
					more = set(r, c, u16(d, o), numText(rkValue(binary.LittleEndian.Uint32(d[o+2:]))), false)
					c++
				}
			}
		case 0x0205: // BOOLERR: a boolean is not a number (TRUE, FALSE)
			if len(d) >= 8 && d[7] == 0 {
				more = set(u16(d, 0), u16(d, 2), u16(d, 4), boolText(d[6]), false)
			}
		case 0x0006: // FORMULA
			if len(d) >= 14 {
				r, c, xf := u16(d, 0), u16(d, 2), u16(d, 4)
				if d[12] == 0xFF && d[13] == 0xFF {
					switch d[6] {
					case 0: // string: in the next STRING record
						if next, ok := it.peek(); ok && next.typ == 0x0207 && len(next.data) >= 3 {
							v, _ := readUniString(next.data, u16(next.data, 0), 2)
							more = set(r, c, xf, v, true)
						}
					case 1:
						more = set(r, c, xf, boolText(d[8]), false)
					}
				} else {
					more = set(r, c, xf, numText(math.Float64frombits(binary.LittleEndian.Uint64(d[6:]))), false)
				}
			}
		}
		if !more {
			return nil
		}
	}
}

func (b *xlsBook) sheetNames() []string {
	out := make([]string, len(b.sheets))
	for i, s := range b.sheets {
		out[i] = s.name
	}
	return out
}

func (b *xlsBook) sheet(name string) *xlsSheet {
	return b.byName[name]
}

func (b *xlsBook) hidden(name string) bool {
	s := b.sheet(name)
	return s != nil && s.hidden
}

func (b *xlsBook) close() {}

func (b *xlsBook) font(xf int) string {
	if xf < 0 || xf >= len(b.xfFont) {
		return ""
	}
	f := b.xfFont[xf]
	if f < 0 || f >= len(b.fonts) {
		return ""
	}
	return b.fonts[f]
}

// percent reports whether cell format xf shows its number as a percentage.
func (b *xlsBook) percent(xf int) bool {
	if xf < 0 || xf >= len(b.xfFmt) {
		return false
	}
	id := b.xfFmt[xf]
	return builtinPercent(id) || b.pctFmt[id]
}

// load reads a sheet (once) and gives its grid, up to the limits.
func (b *xlsBook) load(name string, note func(diag.Diagnostic)) (*grid, error) {
	sh := b.sheet(name)
	if sh == nil {
		return nil, errors.New("no sheet " + name)
	}
	if sh.rows == nil {
		if err := b.readSheet(sh); err != nil {
			return nil, err
		}
	}
	rowNums := make([]int, 0, len(sh.rows))
	for r := range sh.rows {
		if sh.stoppedAt == 0 || r+1 < sh.stoppedAt {
			rowNums = append(rowNums, r)
		}
	}
	sort.Ints(rowNums)
	g := &grid{name: name, stoppedAt: sh.stoppedAt}
	sheetCells := 0
	for _, r := range rowNums {
		cells := sh.rows[r]
		width := 0
		text := int64(0)
		for c, v := range cells {
			if c < MaxCols && c+1 > width && strings.TrimSpace(v.v) != "" {
				width = c + 1
			}
		}
		if width == 0 {
			continue
		}
		for c, v := range cells {
			if c < width {
				text += int64(len(v.v))
			}
		}
		if len(g.rows)+1 > MaxSheetRows || sheetCells+width > MaxSheetCells || width > b.budget.cells || text > b.budget.text {
			g.stoppedAt = r + 1
			break
		}
		sheetCells += width
		b.budget.cells -= width
		b.budget.text -= text
		out := make([]string, width)
		for c, v := range cells {
			if c >= width {
				continue
			}
			if v.text {
				xf := v.xf
				out[c] = textCell(v.v, func() string { return b.font(xf) }, name, cellRef(c+1, r+1), note)
			} else {
				out[c] = v.v
				if b.percent(v.xf) {
					if g.pct == nil {
						g.pct = map[string]bool{}
					}
					g.pct[cellRef(c+1, r+1)] = true
				}
			}
		}
		g.rows = append(g.rows, gridRow{n: r + 1, cells: out})
	}
	return g, nil
}
