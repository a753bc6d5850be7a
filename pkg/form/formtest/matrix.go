package formtest

import (
	"bytes"
	"fmt"
	"sort"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/thidua/thidua/pkg/campaign"
	"github.com/thidua/thidua/pkg/form"
)

// Matrix is a filled Bảng điểm workbook: many units in one sheet, one row
// per unit, one column per leaf code (a figure row's column holds the
// figure, a levels row's the level's name or points, an optional row's
// "KAD" when it does not apply).
//
//	b, err := formtest.MatrixBytes(formtest.Matrix{
//		Campaign: c, Evaluator: "Sở Nội vụ", Period: "Năm 2026",
//		Units: []form.TemplateUnit{{Code: "QAP", Name: "UBND quận An Phú", Group: "Khối quận"}},
//		Rows:  map[string]formtest.Scores{"QAP": {"1.1": formtest.Num("105"), "1.3": formtest.Text("Khá")}},
//	})
type Matrix struct {
	Campaign *campaign.Campaign // required

	Period, CampaignCode, Evaluator string
	Preparer                        string
	Date                            time.Time // written as an Excel date when not zero

	// Template options: Units pre-fill the sheet (the roster), Group
	// restricts it to one group's units and rows.
	Units []form.TemplateUnit
	Group string
	// Rows are the cells of each unit row by the unit's code (or name, for
	// a unit without a code), by campaign code; a unit of Units left out
	// keeps a blank row.
	Rows map[string]Scores
	// Extra are unit rows typed below the pre-filled ones (hand-written
	// units), in order.
	Extra []MatrixRow
	// HandMade writes a plain sheet instead of the template: a "Thông tin"
	// sheet of labels and a "Bảng điểm" sheet whose header row (row 1)
	// holds "Mã đơn vị", "Đơn vị" and the codes of Codes (nil: every leaf),
	// then Units (with Rows) and Extra.
	HandMade bool
	Codes    []string
}

// MatrixRow is a unit row of a Bảng điểm sheet.
type MatrixRow struct {
	Code, Name string
	Cells      Scores
}

// MatrixBytes returns the filled Bảng điểm workbook as .xlsx.
func MatrixBytes(m Matrix) ([]byte, error) {
	if m.Campaign == nil {
		return nil, fmt.Errorf("formtest: no campaign")
	}
	var x *excelize.File
	var err error
	if m.HandMade {
		x, err = handMadeMatrix(m)
	} else {
		x, err = templateMatrix(m)
	}
	if err != nil {
		return nil, err
	}
	defer x.Close()
	var b bytes.Buffer
	if _, err := x.WriteTo(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// sortedCodes returns the codes of cells in a fixed order.
func sortedCodes(cells Scores) []string {
	codes := make([]string, 0, len(cells))
	for k := range cells {
		codes = append(codes, k)
	}
	sort.Strings(codes)
	return codes
}

func templateMatrix(m Matrix) (*excelize.File, error) {
	o := form.TemplateOptions{Campaign: m.Campaign, Matrix: true, Units: m.Units, Group: m.Group}
	b, err := form.TemplateBytes(o)
	if err != nil {
		return nil, err
	}
	x, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	w := &writer{x: x}
	l := form.TemplateLayoutFor(o)
	f := Form{Period: m.Period, CampaignCode: m.CampaignCode, Evaluator: m.Evaluator, Preparer: m.Preparer, Date: m.Date}
	if m.Evaluator != "" && l.InfoRows[form.FieldEvaluator] == 0 {
		w.chk(fmt.Errorf("formtest: the table is not scored by evaluators: the template has no %q", form.EvaluatorLabel))
	}
	w.info(form.SheetInfo, f, func(fld form.Field) (int, int) { return l.InfoValueCol, l.InfoRows[fld] })
	sh := form.SheetMatrix
	fill := func(r int, cells Scores) {
		for _, code := range sortedCodes(cells) {
			c, ok := l.MatrixCols[code]
			if !ok {
				w.chk(fmt.Errorf("formtest: the sheet has no column %s", code))
				continue
			}
			w.cell(sh, ref(c, r), cells[code])
		}
	}
	keys := make([]string, 0, len(m.Rows))
	for k := range m.Rows {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		r, ok := l.UnitRows[k]
		if !ok {
			w.chk(fmt.Errorf("formtest: the sheet lists no unit %s", k))
			continue
		}
		fill(r, m.Rows[k])
	}
	// Extra rows: below the listed units (the template's blank rows when
	// it lists none); the sheet is unprotected for them, as a secretary
	// would.
	if len(m.Extra) > 0 {
		w.chk(x.UnprotectSheet(sh))
	}
	next := l.FirstUnitRow + len(l.UnitRows)
	for _, e := range m.Extra {
		if e.Code != "" {
			w.str(sh, ref(l.UnitCodeCol, next), e.Code)
		}
		if e.Name != "" {
			w.str(sh, ref(l.UnitNameCol, next), e.Name)
		}
		fill(next, e.Cells)
		next++
	}
	if len(w.errs) > 0 {
		x.Close()
		return nil, w.errs[0]
	}
	return x, nil
}

func handMadeMatrix(m Matrix) (*excelize.File, error) {
	x := excelize.NewFile()
	w := &writer{x: x}
	w.chk(x.SetSheetName("Sheet1", form.SheetInfo))
	_, err := x.NewSheet(form.SheetMatrix)
	w.chk(err)
	f := Form{Period: m.Period, CampaignCode: m.CampaignCode, Evaluator: m.Evaluator, Preparer: m.Preparer, Date: m.Date}
	labels := []struct {
		field form.Field
		text  string
	}{{form.FieldEvaluator, form.EvaluatorLabel}, {form.FieldPeriod, "Kỳ báo cáo"}, {form.FieldCampaign, "Phong trào"},
		{form.FieldPreparer, "Người lập"}, {form.FieldDate, "Ngày lập"}}
	for i, lb := range labels {
		w.str(form.SheetInfo, ref(1, i+1), lb.text)
	}
	w.info(form.SheetInfo, f, func(fld form.Field) (int, int) {
		for i, lb := range labels {
			if lb.field == fld {
				return 2, i + 1
			}
		}
		return 2, 100
	})
	codes := m.Codes
	if codes == nil {
		for _, r := range m.Campaign.Rows() {
			if r.Leaf {
				codes = append(codes, r.Code)
			}
		}
	}
	sh := form.SheetMatrix
	w.str(sh, "A1", "Mã đơn vị")
	w.str(sh, "B1", "Đơn vị")
	col := map[string]int{}
	for i, c := range codes {
		w.str(sh, ref(3+i, 1), c)
		col[c] = 3 + i
	}
	r := 2
	put := func(code, name string, cells Scores) {
		if code != "" {
			w.str(sh, ref(1, r), code)
		}
		if name != "" {
			w.str(sh, ref(2, r), name)
		}
		for _, k := range sortedCodes(cells) {
			c, ok := col[k]
			if !ok {
				w.chk(fmt.Errorf("formtest: the sheet has no column %s", k))
				continue
			}
			w.cell(sh, ref(c, r), cells[k])
		}
		r++
	}
	for _, u := range m.Units {
		key := u.Code
		if key == "" {
			key = u.Name
		}
		put(u.Code, u.Name, m.Rows[key])
	}
	for _, e := range m.Extra {
		put(e.Code, e.Name, e.Cells)
	}
	if len(w.errs) > 0 {
		x.Close()
		return nil, w.errs[0]
	}
	return x, nil
}
