package form

import (
	"bytes"
	"cmp"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/thidua/thidua/pkg/diag"
	"github.com/thidua/thidua/pkg/vntext"
)

// xlsxBook reads .xlsx and .xlsm forms: the workbook, its shared strings,
// the fonts of its stylesheet (for legacy encodings) and its sheets are
// parsed here from the package's parts, with every error checked and every
// limit counted (xmlpart.go). The cell values are those excelize gives
// with RawCellValue (TestReaderMatchesExcelize), except booleans, which read
// TRUE and FALSE so that they are never taken for a score of 1 or 0.
// excelize itself is opened only to look up or calculate formulas the
// reader's own evaluator (fastformula.go) cannot.
type xlsxBook struct {
	ctx    context.Context
	parts  *partStore
	budget *readBudget
	opts   ReadOptions

	sheets []sheetRef
	byName map[string]int // index in sheets

	sst     []string
	sstDone bool
	sstErr  error

	fonts  []string // font names of the stylesheet
	xfFont []int    // cell format → font (-1: none applied)
	legacy bool     // some font is a TCVN3 or VNI one
	xfPct  []bool   // cell format → shows its number as a percentage
	pct    bool     // some cell format is a percentage

	excel      *excelize.File
	excelTried bool
}

// sheetRef is a sheet of the workbook.
type sheetRef struct {
	name   string
	path   string // its part, "" when the workbook names none
	hidden bool
}

// openXLSX reads the workbook's structure: its sheets and, when the
// stylesheet was kept, its fonts.
func openXLSX(ctx context.Context, parts *partStore, budget *readBudget, opts ReadOptions) (*xlsxBook, error) {
	b := &xlsxBook{ctx: ctx, parts: parts, budget: budget, opts: opts}
	wbPath := "xl/workbook.xml"
	rels, err := b.rels("_rels/.rels")
	if err != nil {
		return nil, err
	}
	for _, r := range rels {
		if strings.HasSuffix(r.Type, "/officeDocument") {
			wbPath = strings.TrimPrefix(r.Target, "/")
			break
		}
	}
	if err := b.readWorkbook(wbPath); err != nil {
		return nil, err
	}
	if _, kept := parts.kept["xl/styles.xml"]; kept {
		if err := b.readStyles("xl/styles.xml"); err != nil {
			return nil, err
		}
	}
	return b, nil
}

// part opens a part that must be held in memory whole (the workbook, its
// relationships, the shared strings, the stylesheet). ok is false when
// the package has none.
func (b *xlsxBook) part(name string) (x *xmlPart, ok bool, err error) {
	lower := strings.ToLower(name)
	if data, found := b.parts.kept[lower]; found {
		return newXMLPart(b.ctx, name, bytes.NewReader(data), b.budget), true, nil
	}
	if f, found := b.parts.entries[lower]; found && !dropPart(lower) {
		return nil, true, &tooLarge{part: name, size: int64(f.UncompressedSize64)}
	}
	return nil, false, nil
}

type xmlRel struct{ ID, Type, Target string }

// rels reads a relationships part; none when the package has no such part.
func (b *xlsxBook) rels(name string) ([]xmlRel, error) {
	x, ok, err := b.part(name)
	if err != nil || !ok {
		return nil, err
	}
	var out []xmlRel
	for {
		t, err := x.next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		if e, ok := t.(xml.StartElement); ok && e.Name.Local == "Relationship" {
			var r xmlRel
			r.ID, _ = attr(e, "Id")
			r.Type, _ = attr(e, "Type")
			r.Target, _ = attr(e, "Target")
			out = append(out, r)
		}
	}
}

// readWorkbook reads the sheets of the workbook and where their parts are.
func (b *xlsxBook) readWorkbook(wbPath string) error {
	x, ok, err := b.part(wbPath)
	if err != nil {
		return err
	}
	if !ok {
		return &PartError{part: wbPath, err: errors.New("the package has no workbook")}
	}
	type sheet struct{ name, state, id string }
	var sheets []sheet
	inSheets := 0
	for {
		t, err := x.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		switch e := t.(type) {
		case xml.StartElement:
			switch {
			case e.Name.Local == "sheets":
				inSheets = x.depth
			case e.Name.Local == "sheet" && inSheets > 0 && x.depth == inSheets+1:
				if len(sheets) >= MaxSheets {
					return errTooManySheets
				}
				var s sheet
				s.name, _ = attr(e, "name")
				s.state, _ = attr(e, "state")
				for _, a := range e.Attr {
					if a.Name.Local == "id" && a.Name.Space != "" {
						s.id = a.Value
					}
				}
				sheets = append(sheets, s)
			}
		case xml.EndElement:
			if e.Name.Local == "sheets" && x.depth < inSheets {
				inSheets = 0
			}
		}
	}
	dir := path.Dir(wbPath)
	relsPath := strings.TrimPrefix(path.Join(dir, "_rels", path.Base(wbPath)+".rels"), "/")
	rels, err := b.rels(relsPath)
	if err != nil {
		return err
	}
	byID := make(map[string]string, len(rels))
	for _, r := range rels {
		if _, dup := byID[r.ID]; !dup {
			byID[r.ID] = r.Target
		}
	}
	b.byName = make(map[string]int, len(sheets))
	for _, s := range sheets {
		ref := sheetRef{name: s.name, hidden: s.state != "" && s.state != "visible"}
		if target, ok := byID[s.id]; ok && s.id != "" {
			target = strings.ReplaceAll(target, "\\", "/")
			if strings.HasPrefix(target, "/") {
				ref.path = strings.TrimPrefix(path.Clean(target), "/")
			} else {
				ref.path = strings.TrimPrefix(path.Clean(dir+"/"+target), "/")
			}
		}
		if _, dup := b.byName[s.name]; !dup {
			b.byName[s.name] = len(b.sheets)
		}
		b.sheets = append(b.sheets, ref)
	}
	return nil
}

// readStyles reads the fonts of the stylesheet and the font of each cell
// format, for the legacy-encoding lookups of textCell, and which cell
// formats show a percentage (a figure typed as 95 % is stored 0.95).
func (b *xlsxBook) readStyles(name string) error {
	x, ok, err := b.part(name)
	if err != nil || !ok {
		return err
	}
	var in string // "fonts", "numFmts" or "cellXfs" while inside one
	inDepth := 0
	pctFmt := map[int]bool{}
	for {
		t, err := x.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		switch e := t.(type) {
		case xml.StartElement:
			switch {
			case x.depth == 2 && (e.Name.Local == "fonts" || e.Name.Local == "cellXfs" || e.Name.Local == "numFmts"):
				in, inDepth = e.Name.Local, x.depth
			case in == "numFmts" && x.depth == inDepth+1 && e.Name.Local == "numFmt":
				code, _ := attr(e, "formatCode")
				if id := intAttr(e, "numFmtId"); isPercentFormat(code) {
					pctFmt[id] = true
				}
			case in == "fonts" && x.depth == inDepth+1 && e.Name.Local == "font":
				font := ""
				for fd := x.depth; ; {
					t, err := x.next()
					if err != nil {
						return unexpectedEOF(err)
					}
					if st, ok := t.(xml.StartElement); ok && st.Name.Local == "name" && x.depth == fd+1 {
						font, _ = attr(st, "val")
					} else if _, ok := t.(xml.EndElement); ok && x.depth < fd {
						break
					}
				}
				b.fonts = append(b.fonts, font)
				if enc, _ := vntext.FontEncoding(font); enc != vntext.Unicode {
					b.legacy = true
				}
			case in == "cellXfs" && x.depth == inDepth+1 && e.Name.Local == "xf":
				id := -1
				if v, ok := attr(e, "fontId"); ok {
					if n, err := strconv.Atoi(v); err == nil {
						id = n
					}
				}
				if v, ok := attr(e, "applyFont"); ok && (v == "0" || v == "false") {
					id = -1
				}
				b.xfFont = append(b.xfFont, id)
				nf := intAttr(e, "numFmtId")
				pct := builtinPercent(nf) || pctFmt[nf]
				b.xfPct = append(b.xfPct, pct)
				b.pct = b.pct || pct
			}
		case xml.EndElement:
			if in != "" && x.depth < inDepth {
				in = ""
			}
		}
	}
	return nil
}

// font returns the font name of cell format xf, "" when none.
func (b *xlsxBook) font(xf int) string {
	if xf < 0 || xf >= len(b.xfFont) {
		return ""
	}
	if f := b.xfFont[xf]; f >= 0 && f < len(b.fonts) {
		return b.fonts[f]
	}
	return ""
}

// sharedStrings reads the shared string table, once.
func (b *xlsxBook) sharedStrings() ([]string, error) {
	if b.sstDone {
		return b.sst, b.sstErr
	}
	b.sstDone = true
	x, ok, err := b.part("xl/sharedStrings.xml")
	if err != nil || !ok {
		b.sstErr = err
		return nil, err
	}
	for {
		t, err := x.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			b.sstErr = err
			return nil, err
		}
		if e, ok := t.(xml.StartElement); ok && e.Name.Local == "si" && x.depth == 2 {
			if len(b.sst) >= MaxSharedStrings {
				b.sstErr = errTooManyStrings
				return nil, b.sstErr
			}
			s, err := x.richText()
			if err != nil {
				b.sstErr = err
				return nil, err
			}
			b.sst = append(b.sst, s)
		}
	}
	return b.sst, nil
}

func (b *xlsxBook) sheetNames() []string {
	out := make([]string, len(b.sheets))
	for i, s := range b.sheets {
		out[i] = s.name
	}
	return out
}

func (b *xlsxBook) sheet(name string) *sheetRef {
	if i, ok := b.byName[name]; ok {
		return &b.sheets[i]
	}
	for i := range b.sheets {
		if strings.EqualFold(b.sheets[i].name, name) {
			return &b.sheets[i]
		}
	}
	return nil
}

func (b *xlsxBook) hidden(name string) bool {
	s := b.sheet(name)
	return s != nil && s.hidden
}

func (b *xlsxBook) close() {
	if b.excel != nil {
		_ = b.excel.Close()
	}
}

// cellIn is one cell of the row being read.
type cellIn struct {
	col   int
	v     string
	style int
	f     bool   // the cell has a formula
	ftext string // its text ("" for one that shares another's)
	num   bool   // the cell holds a number (no type, or type "n")
}

// percent reports whether cell format xf shows a percentage.
func (b *xlsxBook) percent(xf int) bool { return xf >= 0 && xf < len(b.xfPct) && b.xfPct[xf] }

// load streams a sheet into a grid, up to the limits.
func (b *xlsxBook) load(name string, note func(diag.Diagnostic)) (*grid, error) {
	ref := b.sheet(name)
	if ref == nil || ref.path == "" {
		return nil, &PartError{part: "xl/workbook.xml", err: fmt.Errorf("sheet %q has no part", name)}
	}
	r, closer, ok, err := b.parts.open(ref.path)
	if err != nil {
		return nil, &PartError{part: ref.path, err: err}
	}
	if !ok {
		return nil, &PartError{part: ref.path, err: errors.New("no such part in the package")}
	}
	defer closer()
	x := newXMLPart(b.ctx, ref.path, r, b.budget)
	g := &grid{name: name}
	var (
		cols    []colStyle // <cols> styles, for legacy fonts
		rowN    int        // number of the row being read
		prev    int        // number of the row before
		rowS    int        // style of the row being read
		cells   []cellIn
		fcells  map[string]string
		empty   int
		sheetCl int
		rows    int
		inData  int // depth of <sheetData>, 0 outside it
	)
	stop := func(row int) { g.stoppedAt = row }
	endRow := func() (bool, error) {
		last, lastF := 0, 0
		for _, c := range cells {
			if c.col > MaxCols {
				continue
			}
			if c.col > last && strings.TrimSpace(c.v) != "" {
				last = c.col
			}
			if c.f && c.col > lastF {
				lastF = c.col
			}
		}
		if last == 0 {
			if empty++; empty > MaxEmptyRun {
				g.cut = true
				return false, nil
			}
			return true, nil
		}
		empty = 0
		width := max(last, lastF)
		text := int64(0)
		for _, c := range cells {
			if c.col <= last {
				text += int64(len(c.v))
			}
		}
		if rows+1 > MaxSheetRows || sheetCl+width > MaxSheetCells || width > b.budget.cells || text > b.budget.text {
			stop(rowN)
			return false, nil
		}
		rows++
		sheetCl += width
		b.budget.cells -= width
		b.budget.text -= text
		out := make([]string, last)
		for _, c := range cells {
			if c.col > MaxCols {
				continue
			}
			if c.f {
				if fcells == nil {
					fcells = map[string]string{}
				}
				fcells[cellRef(c.col, rowN)] = cmp.Or(strings.TrimSpace(c.ftext), "…")
			}
			if c.col > last || c.v == "" {
				continue
			}
			ref := cellRef(c.col, rowN)
			if b.pct && c.num {
				style := c.style
				if style == 0 {
					style = rowS
				}
				if b.percent(style) {
					if g.pct == nil {
						g.pct = map[string]bool{}
					}
					g.pct[ref] = true
				}
			}
			var fontOf func() string
			if b.legacy {
				style := c.style
				if style == 0 {
					style = rowS
				}
				if style == 0 {
					style = colStyleOf(cols, c.col)
				}
				fontOf = func() string { return b.font(style) }
			}
			out[c.col-1] = textCell(c.v, fontOf, name, ref, note)
		}
		g.rows = append(g.rows, gridRow{n: rowN, cells: out})
		return true, nil
	}
	for {
		t, err := x.next()
		if err == io.EOF {
			if inData > 0 {
				return nil, &PartError{part: ref.path, err: io.ErrUnexpectedEOF}
			}
			break
		}
		if err != nil {
			return nil, err
		}
		e, ok := t.(xml.StartElement)
		if !ok {
			if _, ok := t.(xml.EndElement); ok && inData > 0 && x.depth < inData {
				break // </sheetData>: the rest of the sheet holds no cells
			}
			continue
		}
		switch {
		case inData == 0 && e.Name.Local == "sheetData":
			inData = x.depth
		case inData == 0 && e.Name.Local == "col" && b.legacy:
			cols = append(cols, colStyle{min: intAttr(e, "min"), max: intAttr(e, "max"), style: intAttr(e, "style")})
		case inData > 0 && e.Name.Local == "row" && x.depth == inData+1:
			rowN = prev + 1
			if v, ok := attr(e, "r"); ok {
				if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && n != 0 {
					rowN = n
				}
			}
			if rowN <= prev || rowN > excelize.TotalRows {
				return nil, &PartError{part: ref.path, err: fmt.Errorf("row %d after row %d", rowN, prev)}
			}
			if gap := rowN - prev - 1; gap > 0 {
				if empty += gap; empty > MaxEmptyRun {
					g.cut = true
					return b.finish(g, fcells, ref.path), nil
				}
			}
			rowS = intAttr(e, "s")
			cells = cells[:0]
			if err := b.readRow(x, ref.path, rowN, &cells); err != nil {
				return nil, err
			}
			prev = rowN
			more, err := endRow()
			if err != nil {
				return nil, err
			}
			if !more {
				return b.finish(g, fcells, ref.path), nil
			}
		default:
			if inData > 0 || e.Name.Local != "worksheet" && e.Name.Local != "cols" && e.Name.Local != "chartsheet" && e.Name.Local != "dialogsheet" {
				if err := x.skip(); err != nil {
					return nil, err
				}
			}
		}
	}
	return b.finish(g, fcells, ref.path), nil
}

// readRow reads the cells of the row whose start was just read.
func (b *xlsxBook) readRow(x *xmlPart, part string, rowN int, cells *[]cellIn) error {
	col := 0
	for d := x.depth; ; {
		t, err := x.next()
		if err != nil {
			return unexpectedEOF(err)
		}
		switch e := t.(type) {
		case xml.EndElement:
			if x.depth < d {
				return nil
			}
		case xml.StartElement:
			if e.Name.Local != "c" || x.depth != d+1 {
				if err := x.skip(); err != nil {
					return err
				}
				continue
			}
			col++
			if r, ok := attr(e, "r"); ok && r != "" {
				c, _, err := excelize.CellNameToCoordinates(r)
				if err != nil {
					return &PartError{part: part, err: fmt.Errorf("row %d: cell %q: %v", rowN, r, err)}
				}
				col = c
			}
			typ, _ := attr(e, "t")
			c := cellIn{col: col, style: intAttr(e, "s"), num: typ == "" || typ == "n"}
			var v, is string
			hasIS := false
			for cd := x.depth; ; {
				t, err := x.next()
				if err != nil {
					return unexpectedEOF(err)
				}
				if _, ok := t.(xml.EndElement); ok {
					if x.depth < cd {
						break
					}
					continue
				}
				st, ok := t.(xml.StartElement)
				if !ok {
					continue
				}
				switch {
				case x.depth != cd+1:
					err = x.skip()
				case st.Name.Local == "v":
					v, err = x.text()
				case st.Name.Local == "f":
					c.f = true
					c.ftext, err = x.text()
				case st.Name.Local == "is":
					hasIS = true
					is, err = x.richText()
				default:
					err = x.skip()
				}
				if err != nil {
					return err
				}
			}
			if col > MaxCols {
				continue // read to its end, never kept
			}
			switch typ {
			case "s":
				if strings.TrimSpace(v) != "" {
					i, err := strconv.Atoi(strings.TrimSpace(v))
					sst, serr := b.sharedStrings()
					if serr != nil {
						return serr
					}
					if err != nil || i < 0 || i >= len(sst) {
						return &PartError{part: part, err: fmt.Errorf("cell %s refers to shared string %q, the table has %d", cellRef(col, rowN), v, len(sst))}
					}
					v = sst[i]
				}
			case "inlineStr":
				if hasIS {
					v = is
				}
			case "b":
				switch strings.TrimSpace(v) {
				case "":
				case "0", "false":
					v = "FALSE"
				default:
					v = "TRUE"
				}
			}
			c.v = v
			*cells = append(*cells, c)
		}
	}
}

// errNoCalc: a formula the fast path cannot answer in a workbook too large
// for excelize to calculate (MaxCalcPackage).
var errNoCalc = errors.New("the workbook is too large to calculate its formulas")

// colStyle is the style of a range of columns.
type colStyle struct{ min, max, style int }

func colStyleOf(cols []colStyle, col int) int {
	for _, c := range cols {
		if c.min <= col && col <= c.max && c.style != 0 {
			return c.style
		}
	}
	return 0
}

// finish gives the grid its formulas: looked up and calculated unless
// reading stopped before the end of the sheet (the formulas of the rows not
// read are unknown), from the sheet's XML where the fast path vouches for
// the answer, else by excelize. A cell of a row the grid holds has a
// formula only if the streaming read saw one there, so excelize is never
// opened to learn that a blank cell is just blank.
func (b *xlsxBook) finish(g *grid, fcells map[string]string, part string) *grid {
	g.fcells = fcells
	if g.cut || g.stoppedAt > 0 {
		return g
	}
	name := g.name
	inGrid := map[int]bool{}
	for _, r := range g.rows {
		inGrid[r.n] = true
	}
	slow := func(ref string) string {
		x := b.excelFile()
		if x == nil {
			return ""
		}
		s, _ := x.GetCellFormula(name, ref)
		return s
	}
	calc := func(ref string) (v string, err error) {
		x := b.excelFile()
		if x == nil {
			return "", errNoCalc
		}
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("%v", r)
			}
		}()
		return x.CalcCellValue(name, ref, excelize.Options{RawCellValue: true})
	}
	b.fastFormulas(g, b.parts.bytesOf(part), slow, calc)
	scan := g.formula
	g.formula = func(ref string) string {
		if c, r, err := excelize.CellNameToCoordinates(ref); err == nil && c <= MaxCols && inGrid[r] && fcells[ref] == "" {
			return ""
		}
		return scan(ref)
	}
	return g
}

// excelFile opens the kept package with excelize, once, for the formulas
// the fast path cannot answer; nil when the package is too large for it
// (MaxCalcPackage) or parts were not kept.
func (b *xlsxBook) excelFile() *excelize.File {
	if b.excelTried {
		return b.excel
	}
	b.excelTried = true
	pkg := b.parts.pkg()
	if pkg == nil {
		return nil
	}
	_, unzip, xmlLimit := b.opts.limits()
	f, err := excelize.OpenReader(bytes.NewReader(pkg), excelize.Options{
		RawCellValue: true, UnzipSizeLimit: unzip, UnzipXMLSizeLimit: xmlLimit, TmpDir: b.opts.TmpDir,
	})
	if err != nil {
		if f != nil {
			_ = f.Close()
		}
		return nil
	}
	b.excel = f
	return f
}
