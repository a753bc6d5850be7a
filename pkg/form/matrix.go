package form

import (
	"fmt"
	"strings"

	"github.com/thidua/thidua/pkg/campaign"
	"github.com/thidua/thidua/pkg/diag"
	"github.com/thidua/thidua/pkg/submission"
	"github.com/thidua/thidua/pkg/vntext"
)

// A "Bảng điểm" sheet holds many units in one table (docs/forms.md#bảng-điểm-sheets):
// a header row with "Mã đơn vị" (or "Đơn vị") and one column per leaf code
// (bonus and deduction codes too, and an optional node's code for its KAD
// mark), then one row per unit. Each cell is read with the rules of its
// row as on a unit's form: a figure row's column holds the figure, a levels
// row's column a level's name or its points. The file is one submission
// whose Matrix holds one submission per unit row; a unit row left entirely
// blank is "not scored" and left out.

// matrixCol is a code column of a Bảng điểm sheet.
type matrixCol struct {
	c    int // 1-based column
	row  campaign.Row
	text string // the header as written
}

// matrixHeader is the header row of a Bảng điểm sheet.
type matrixHeader struct {
	idx      int // index of the header row in grid.rows
	codeCol  int // "Mã đơn vị"; 0 when absent
	nameCol  int // "Đơn vị"; 0 when absent
	cols     []matrixCol
	ignored  []string // code-shaped headers that are no scored row of the table
	codeText string
}

// matrixHeaderCode returns the row code a header cell names: its first
// line without text in brackets ("1.1 (tối đa 6)" is 1.1).
func matrixHeaderCode(t string) string {
	t, _, _ = strings.Cut(t, "\n")
	if strings.Contains(t, "(") {
		t = reParen.ReplaceAllString(t, " ")
	}
	return strings.TrimSpace(vntext.Clean(t))
}

// findMatrixHeader finds the header row of a Bảng điểm sheet within the
// first 20 non-empty rows: a row naming the unit ("Mã đơn vị" or "Đơn vị")
// and at least one column of a row the table scores (a leaf, or an
// optional node).
func (p *parser) findMatrixHeader(g *grid) (matrixHeader, bool) {
	for i := 0; i < len(g.rows) && i < 20; i++ {
		r := g.rows[i]
		h := matrixHeader{idx: i}
		seen := map[string]bool{}
		for c := 1; c <= len(r.cells); c++ {
			t := r.cells[c-1]
			if strings.TrimSpace(t) == "" {
				continue
			}
			switch labelSynonyms[headerKey(t)] {
			case FieldUnitCode:
				if h.codeCol == 0 {
					h.codeCol, h.codeText = c, vntext.Clean(t)
				}
				continue
			case FieldUnit:
				if h.nameCol == 0 {
					h.nameCol = c
				}
				continue
			}
			code := matrixHeaderCode(t)
			row, ok := p.ix.Lookup(code)
			switch {
			case ok && (row.Leaf || row.Optional) && !seen[campaign.NormCode(row.Code)]:
				seen[campaign.NormCode(row.Code)] = true
				h.cols = append(h.cols, matrixCol{c: c, row: row, text: vntext.Clean(t)})
			case ok || reCode.MatchString(code):
				h.ignored = append(h.ignored, vntext.Clean(t))
			}
		}
		if (h.codeCol > 0 || h.nameCol > 0) && len(h.cols) > 0 {
			return h, true
		}
	}
	return matrixHeader{}, false
}

// readMatrixForm reads a workbook whose scoring sheet g is a Bảng điểm
// sheet: its "Thông tin" values (period, date, evaluator …), its hidden
// sheet, then its unit rows.
func (p *parser) readMatrixForm(info string, g *grid, mh matrixHeader, meta, metaRef map[string]string, hidden string) {
	p.matrix = true
	p.s.Sheet = g.name
	p.readInfo(info, g, header{idx: mh.idx}, true, meta)
	if p.failed {
		return
	}
	p.checkMeta(meta, metaRef, hidden)
	p.readMatrix(g, mh)
}

// headerLine reports whether the unit cell of a row between the header
// and the first unit holds a header's text (the template's lines under
// the header: "Nội dung", "Cách ghi"), so that the row is part of the
// header, not a unit.
func headerLine(t string) bool { return matrixLineWords[headerKey(t)] }

// matrixLineWords are the texts of the lines under a Bảng điểm sheet's
// header (WriteTemplate's, and their usual variants), folded.
var matrixLineWords = foldSet("Nội dung", "Tiêu chí", "Nội dung tiêu chí", "Cách ghi", "Cách chấm", "Điểm tối đa",
	"Tối đa", "Thang điểm", "Điểm chuẩn", "Mức điểm", "Ghi chú")

// readMatrix reads the unit rows of a Bảng điểm sheet into p.s.Matrix.
func (p *parser) readMatrix(g *grid, mh matrixHeader) {
	for _, t := range mh.ignored {
		p.add(diag.New("TD232", t, g.name).At(g.name, ""))
	}
	present := map[string]bool{}
	for _, mc := range mh.cols {
		present[campaign.NormCode(mc.row.Code)] = true
	}
	for _, row := range p.ix.Rows {
		if row.Leaf && !present[campaign.NormCode(row.Code)] && p.expectedRow(row) {
			p.add(diag.New("TD235", g.name, row.Code).At(g.name, ""))
		}
	}
	var blankUnits []string
	units := 0
	for _, r := range g.rows[mh.idx+1:] {
		code := vntext.Clean(r.cell(mh.codeCol))
		name := vntext.Clean(r.cell(mh.nameCol))
		if mh.codeCol == 0 {
			code = ""
		}
		if mh.nameCol == 0 {
			name = ""
		}
		key := code
		if key == "" {
			key = name
		}
		if key != "" && units == 0 && len(blankUnits) == 0 && headerLine(key) {
			continue
		}
		if key == "" {
			for _, mc := range mh.cols {
				if strings.TrimSpace(r.cell(mc.c)) != "" {
					p.add(diag.New("TD233", r.n, g.name).At(g.name, cellRef(mc.c, r.n)))
					break
				}
			}
			continue
		}
		if units++; units > MaxMatrixUnits {
			p.add(diag.New("TD237", g.name, MaxMatrixUnits).At(g.name, cellRef(1, r.n)))
			p.s.Matrix = nil
			return
		}
		if m := p.matrixRow(g, r, mh, code, name); m != nil {
			p.s.Matrix = append(p.s.Matrix, m)
		} else {
			blankUnits = append(blankUnits, key)
		}
	}
	if g.stoppedAt > 0 {
		p.add(diag.New("TD220", g.stoppedAt, MaxSheetRows, MaxSheetCells).At(g.name, ""))
	}
	if len(blankUnits) > 0 {
		shown := blankUnits
		if len(shown) > 20 {
			shown = append(shown[:20:20], fmt.Sprintf("… (%d)", len(blankUnits)))
		}
		p.add(diag.New("TD234", len(blankUnits), strings.Join(shown, ", ")).At(g.name, ""))
	}
	if len(p.s.Matrix) == 0 {
		p.add(diag.New("TD231", g.name).At(g.name, ""))
	}
}

// matrixRow reads one unit row of a Bảng điểm sheet: nil when every cell of
// its code columns is blank (the unit is not scored by this sheet).
func (p *parser) matrixRow(g *grid, r gridRow, mh matrixHeader, code, name string) *submission.Submission {
	blank := true
	for _, mc := range mh.cols {
		if strings.TrimSpace(r.cell(mc.c)) != "" || g.fcells[cellRef(mc.c, r.n)] != "" {
			blank = false
			break
		}
	}
	if blank {
		return nil
	}
	m := &submission.Submission{Unit: name, UnitCode: code, MatrixRow: r.n, Sheet: g.name,
		Lines: make([]submission.Line, 0, len(mh.cols))}
	var marks kadMarks
	var blanks []int // lines left blank, warned under self-evaluation
	for _, mc := range mh.cols {
		row := mc.row
		ln := submission.Line{Code: row.Code, Title: row.Title, Row: r.n}
		raw, ref := p.cellRaw(g, r, mc.c, row)
		switch {
		case row.Figure != nil && row.Leaf && isKAD(raw):
			p.kad(g.name, ref, raw, row, &ln, &marks)
			ln.Self.Cell = ref
		case row.Figure != nil && row.Leaf:
			ln.Figure, _ = p.figure(g, ref, raw, mc.text, row)
		default:
			ln.Self.Cell = ref
			switch {
			case raw == "":
				if row.Leaf && (row.Kind == campaign.KindContent || row.Kind == campaign.KindCriterion) {
					blanks = append(blanks, len(m.Lines))
				}
			case isKAD(raw):
				p.kad(g.name, ref, raw, row, &ln, &marks)
			case !row.Leaf:
				// An optional node's column holds its KAD mark only.
				p.add(diag.New("TD203", mc.text, row.Code, raw).At(g.name, ref))
			case p.rules.ruled(row):
				ln.Self, _ = p.ruledCell(g.name, ref, raw, mc.text, false, row, ln.Self)
			default:
				ln.Self, _ = p.points(g.name, ref, raw, mc.text, false, row, ln.Self)
			}
		}
		m.Lines = append(m.Lines, ln)
	}
	if p.rules.any {
		marks.flush(p, g.name)
	}
	if !p.rules.evaluated {
		for _, i := range blanks {
			ln := m.Lines[i]
			if !marks.under(p.ix, ln.Code) {
				p.add(diag.New("TD202", ln.Code).At(g.name, ln.Self.Cell))
			}
		}
	}
	return m
}
