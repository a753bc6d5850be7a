package form

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// Looking a formula up with excelize (GetCellFormula, CalcCellValue) means
// opening the workbook with it and parsing the whole worksheet into memory,
// after the streaming read: for a template form, whose parent rows are SUM
// formulas saved without a cached value and whose Thẩm định cells are
// blank, that was a third of the reading time. A sheet's formulas are
// therefore found by one byte scan of its XML (kept in memory from the zip
// check), and the formulas a form is made of — SUM of cells holding plain
// numbers — are added up in hundredths here. Whatever the scan cannot vouch
// for goes to excelize, so the values read are the same.

// scanCell is what the byte scan found about one cell.
type scanCell struct {
	t       string // the cell's type attribute ("" for a number)
	hasF    bool   // the cell has an <f> element
	special bool   // the formula is shared, an array, or has attributes: ask excelize
	f       string // the formula text of a plain <f>…</f>
}

// sheetScan is the byte scan of one worksheet; nil when the scan could not
// be made or does not agree with the streamed rows.
type sheetScan struct {
	cells map[string]scanCell
}

// scanSheet scans the <sheetData> of a worksheet's XML for its cells. It
// gives up (nil) on anything it does not expect: namespace prefixes, cells
// without a reference, unterminated elements.
func scanSheet(data []byte) *sheetScan {
	start := bytes.Index(data, []byte("<sheetData"))
	if start < 0 {
		return nil
	}
	end := bytes.LastIndex(data, []byte("</sheetData>"))
	if end < 0 {
		if bytes.Contains(data[start:], []byte("<c")) {
			return nil // <sheetData/> holds no cells; anything else is odd
		}
		return &sheetScan{cells: map[string]scanCell{}}
	}
	s := data[start:end]
	out := &sheetScan{cells: make(map[string]scanCell, 256)}
	for i := 0; ; {
		j := bytes.Index(s[i:], []byte("<c"))
		if j < 0 {
			break
		}
		j += i
		if j+2 >= len(s) {
			return nil
		}
		if ch := s[j+2]; ch != ' ' && ch != '>' && ch != '/' && ch != '\t' && ch != '\n' && ch != '\r' {
			i = j + 2 // <col…, not a cell
			continue
		}
		k := bytes.IndexByte(s[j:], '>')
		if k < 0 {
			return nil
		}
		tag := s[j : j+k+1]
		ref, ok1 := xmlAttr(tag, "r")
		typ, _ := xmlAttr(tag, "t")
		if !ok1 || ref == "" {
			return nil
		}
		c := scanCell{t: typ}
		i = j + k + 1
		if len(out.cells) >= MaxSheetCells {
			return nil // the memory of a map of every cell: left to excelize, which is bounded by MaxCalcPackage
		}
		if !bytes.HasSuffix(tag, []byte("/>")) {
			e := bytes.Index(s[i:], []byte("</c>"))
			if e < 0 {
				return nil
			}
			body := s[i : i+e]
			i += e + 4
			if bytes.Contains(body, []byte("<![CDATA[")) || bytes.Contains(body, []byte("<c")) {
				return nil
			}
			if fi := formulaTag(body); fi >= 0 {
				c.hasF = true
				rest := body[fi+2:]
				switch {
				case bytes.HasPrefix(rest, []byte(">")):
					fe := bytes.Index(rest, []byte("</f>"))
					if fe < 0 {
						return nil
					}
					c.f = xmlUnescape(string(rest[1:fe]))
				default: // attributes (shared, array, …) or <f/>
					c.special = true
				}
			}
		}
		out.cells[ref] = c
	}
	return out
}

// formulaTag returns the index of the <f> element in a cell's body, or -1.
func formulaTag(body []byte) int {
	for i := 0; ; {
		j := bytes.Index(body[i:], []byte("<f"))
		if j < 0 {
			return -1
		}
		j += i
		if j+2 < len(body) {
			switch body[j+2] {
			case '>', ' ', '/', '\t', '\n', '\r':
				return j
			}
		}
		i = j + 2
	}
}

// xmlAttr returns the value of attribute name in a start tag.
func xmlAttr(tag []byte, name string) (string, bool) {
	for i := 0; i < len(tag); {
		j := bytes.Index(tag[i:], []byte(name+"="))
		if j < 0 {
			return "", false
		}
		j += i
		if j == 0 || (tag[j-1] != ' ' && tag[j-1] != '\t' && tag[j-1] != '\n' && tag[j-1] != '\r') {
			i = j + len(name) + 1
			continue
		}
		v := j + len(name) + 1
		if v >= len(tag) || (tag[v] != '"' && tag[v] != '\'') {
			return "", false
		}
		q := tag[v]
		e := bytes.IndexByte(tag[v+1:], q)
		if e < 0 {
			return "", false
		}
		return xmlUnescape(string(tag[v+1 : v+1+e])), true
	}
	return "", false
}

var xmlUnescaper = strings.NewReplacer("&lt;", "<", "&gt;", ">", "&quot;", `"`, "&apos;", "'", "&amp;", "&")

func xmlUnescape(s string) string {
	if strings.IndexByte(s, '&') < 0 {
		return s
	}
	if !strings.Contains(s, "&#") {
		return xmlUnescaper.Replace(s)
	}
	// Character references (&#34;, &#x22;) as well, as an XML decoder reads
	// them.
	var b strings.Builder
	for i := 0; i < len(s); {
		if s[i] == '&' {
			if j := strings.IndexByte(s[i:], ';'); j > 2 && s[i+1] == '#' {
				ref := s[i+2 : i+j]
				base := 10
				if ref[0] == 'x' || ref[0] == 'X' {
					ref, base = ref[1:], 16
				}
				if n, err := strconv.ParseUint(ref, base, 32); err == nil && utf8.ValidRune(rune(n)) {
					b.WriteRune(rune(n))
					i += j + 1
					continue
				}
			}
			if j := strings.IndexByte(s[i:], ';'); j > 0 {
				if r := xmlUnescaper.Replace(s[i : i+j+1]); r != s[i:i+j+1] {
					b.WriteString(r)
					i += j + 1
					continue
				}
			}
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

// agrees reports whether every non-empty cell the streaming read found is
// a cell of the scan: then the scan read the same sheet, whole.
func (sc *sheetScan) agrees(g *grid) bool {
	for _, r := range g.rows {
		for i, v := range r.cells {
			if v == "" {
				continue
			}
			if _, ok := sc.cells[cellRef(i+1, r.n)]; !ok {
				return false
			}
		}
	}
	return true
}

// fastFormulas sets the grid's formula and calc functions: from the scan
// of the sheet's XML (data; nil when it was not kept) where it vouches for
// the answer, else from excelize (slow but general).
func (b *xlsxBook) fastFormulas(g *grid, data []byte, formula func(string) string, calc func(string) (string, error)) {
	var scan *sheetScan
	scanned := false
	get := func() *sheetScan {
		if !scanned {
			scanned = true
			if data != nil {
				if s := scanSheet(data); s != nil && s.agrees(g) {
					scan = s
				}
			}
		}
		return scan
	}
	g.formula = func(ref string) string {
		sc := get()
		if sc == nil {
			return formula(ref)
		}
		c, ok := sc.cells[ref]
		switch {
		case !ok || !c.hasF:
			return ""
		case !c.special && c.f != "":
			return c.f
		}
		return formula(ref)
	}
	g.calc = func(ref string) (string, error) {
		if sc := get(); sc != nil {
			e := &sumEval{g: g, scan: sc}
			if v, ok := e.cell(ref, 0); ok {
				return formatHundredths(v), nil
			}
		}
		return calc(ref)
	}
}

// sumEval adds up SUM formulas over cells of plain numbers, in hundredths.
type sumEval struct {
	g     *grid
	scan  *sheetScan
	rowOf map[int]int // sheet row → index in g.rows
	cells int
}

// Limits of the fast path; beyond them excelize calculates.
const (
	fastMaxCells = 2000
	fastMaxDepth = 8
	fastMaxAbs   = 1e12 * 100 // hundredths
)

// cell returns the value of the formula of cell ref (which has one and no
// cached value), or false when the fast path does not apply.
func (e *sumEval) cell(ref string, depth int) (int64, bool) {
	if depth > fastMaxDepth {
		return 0, false
	}
	c, ok := e.scan.cells[ref]
	if !ok || !c.hasF || c.special || c.f == "" {
		return 0, false
	}
	f := strings.TrimSpace(strings.TrimPrefix(c.f, "="))
	if len(f) < 6 || !strings.EqualFold(f[:4], "SUM(") || f[len(f)-1] != ')' {
		return 0, false
	}
	var total int64
	for _, arg := range strings.Split(f[4:len(f)-1], ",") {
		arg = strings.ReplaceAll(strings.TrimSpace(arg), "$", "")
		from, to, found := strings.Cut(arg, ":")
		if !found {
			to = from
		}
		c1, r1, err1 := excelize.CellNameToCoordinates(from)
		c2, r2, err2 := excelize.CellNameToCoordinates(to)
		if err1 != nil || err2 != nil || c1 > c2 || r1 > r2 || c2 > MaxCols {
			return 0, false
		}
		if (c2-c1+1)*(r2-r1+1) > fastMaxCells-e.cells {
			return 0, false
		}
		for r := r1; r <= r2; r++ {
			for cc := c1; cc <= c2; cc++ {
				e.cells++
				v, ok := e.value(cc, r, depth)
				if !ok {
					return 0, false
				}
				total += v
				if total > fastMaxAbs || total < -fastMaxAbs {
					return 0, false
				}
			}
		}
	}
	return total, true
}

// value is what a referenced cell adds to a SUM: its number, 0 when blank,
// the value of its own SUM formula; false for text, booleans, errors,
// cached formula values and numbers finer than hundredths.
func (e *sumEval) value(col, row, depth int) (int64, bool) {
	ref := cellRef(col, row)
	c, ok := e.scan.cells[ref]
	if !ok {
		return 0, true // no such cell: blank
	}
	v := e.grid(col, row)
	if c.hasF {
		if v != "" {
			return 0, false
		}
		return e.cell(ref, depth+1)
	}
	if c.t != "" && c.t != "n" {
		return 0, false
	}
	if v == "" {
		return 0, true
	}
	return parseHundredthsExact(v)
}

// grid returns the streamed value of a cell.
func (e *sumEval) grid(col, row int) string {
	if e.rowOf == nil {
		e.rowOf = make(map[int]int, len(e.g.rows))
		for i, r := range e.g.rows {
			e.rowOf[r.n] = i
		}
	}
	i, ok := e.rowOf[row]
	if !ok {
		return ""
	}
	return e.g.rows[i].cell(col)
}

// parseHundredthsExact parses a plain decimal number ("8", "-2", "7.25")
// with at most two decimals and 13 digits.
func parseHundredthsExact(s string) (int64, bool) {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(s, ".")
	if whole == "" || len(whole) > 13 || len(frac) > 2 {
		return 0, false
	}
	for _, p := range []string{whole, frac} {
		for i := 0; i < len(p); i++ {
			if p[i] < '0' || p[i] > '9' {
				return 0, false
			}
		}
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil {
		return 0, false
	}
	fr := int64(0)
	if frac != "" {
		fr, _ = strconv.ParseInt((frac + "0")[:2], 10, 64)
	}
	v := w*100 + fr
	if neg {
		v = -v
	}
	return v, true
}

// formatHundredths writes v/100 as excelize writes a calculated number:
// no trailing zeros, no decimal point for a whole number.
func formatHundredths(v int64) string {
	neg := v < 0
	if neg {
		v = -v
	}
	s := strconv.FormatInt(v/100, 10)
	if f := v % 100; f != 0 {
		d := strconv.Itoa(int(f) + 100)[1:]
		s += "." + strings.TrimRight(d, "0")
	}
	if neg && v != 0 {
		s = "-" + s
	}
	return s
}
