// Package formtest writes filled unit forms for tests, fixtures and the
// demo: either a form made by form.WriteTemplate with the unit's answers
// filled in (Layout.Template), or a hand-made form with the everyday
// quirks of real files — title rows, reordered and renamed columns, a
// merged two-row header, blank rows, trailing dots on codes, labels above
// the table instead of a "Thông tin" sheet, decomposed (NFD) text, text in
// legacy TCVN3 or VNI fonts, scores written as text with a decimal comma,
// formulas without cached values and explicit parent values.
//
//	b, err := formtest.Bytes(formtest.Form{
//		Campaign: c, Unit: "Văn phòng Sở", UnitCode: "VP", Period: "Quý III/2026",
//		Self: formtest.Scores{"1.1.a": formtest.Num("4"), "1.2": formtest.Text("7,5")},
//		Layout: formtest.Layout{Template: true},
//	})
package formtest

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"

	"github.com/thidua/thidua/pkg/campaign"
	"github.com/thidua/thidua/pkg/form"
	"github.com/thidua/thidua/pkg/vntext"
)

// Column re-exports form.Column so that layouts read naturally.
type Column = form.Column

// The columns of the scoring sheet.
const (
	ColCode     = form.ColCode
	ColTitle    = form.ColTitle
	ColMax      = form.ColMax
	ColSelf     = form.ColSelf
	ColReview   = form.ColReview
	ColEvidence = form.ColEvidence
	ColNote     = form.ColNote
	ColFigure   = form.ColFigure
)

// CellKind says how a value is stored in its cell.
type CellKind int

// Kinds of cell value.
const (
	Number  CellKind = iota // a number cell
	String                  // a text cell ("8,5" as typed)
	Formula                 // a formula, stored without a cached value
	Percent                 // a number cell formatted as a percentage ("0.95" shows 95%)
)

// Cell is what a unit typed into a cell.
type Cell struct {
	Kind CellKind
	V    string // the number in decimal ("8.5"), the text, or the formula ("=4+4")
}

// Num is a number cell; v is a decimal with a point ("8.5", "-2").
func Num(v string) Cell { return Cell{Number, v} }

// Text is a text cell.
func Text(v string) Cell { return Cell{String, v} }

// Calc is a formula cell without a cached value ("=4+3.5").
func Calc(f string) Cell { return Cell{Formula, strings.TrimPrefix(f, "=")} }

// Pct is a number cell formatted as a percentage: v is the fraction
// stored ("0.95" shows 95%), as a spreadsheet stores "95%" typed in.
func Pct(v string) Cell { return Cell{Percent, v} }

// Pts is a number cell holding p.
func Pts(p campaign.Points) Cell { return Num(p.String()) }

// Scores are score cells by campaign row code.
type Scores map[string]Cell

// Form is a filled form.
type Form struct {
	Campaign *campaign.Campaign // required

	Unit, UnitCode, Period, CampaignCode string
	Preparer, Phone, Email               string
	Date                                 time.Time // written as an Excel date when not zero
	DateText                             string    // written as text when Date is zero

	Self, Review     Scores
	Figures          Scores // the "Số liệu" cells of figure rows (a hand-made layout needs ColFigure among its Columns)
	Evaluator        string // "Đơn vị chấm" (a template has the label when the table is scored by evaluators or peers)
	Evidence, Notes  map[string]string
	ParentSelf       Scores // explicit values on parent rows (hand-made layouts; template parents keep their SUM)
	ExtraRows        []ExtraRow
	Layout           Layout
	TemplateOptions  *form.TemplateOptions // Template layout: options of WriteTemplate (Campaign, Unit, Period are set from the form when empty)
	OmitRows         []string              // codes left out of a hand-made form
	FingerprintValue string                // Template layout: overwrite the fingerprint in _thidua
}

// ExtraRow is a row a hand-made form adds (an unknown code, a heading).
type ExtraRow struct {
	Code, Title string
	Self        Cell
}

// Layout describes how a hand-made form is laid out; the zero Layout is a
// plain hand-made form with the template's headers and no title row.
type Layout struct {
	// Template fills a form made by form.WriteTemplate; the other layout
	// fields except Font, NFD and Sheet names are ignored.
	Template bool

	TitleRows      int                    // title rows above the header
	Columns        []form.Column          // column order; nil = the template's order
	HeaderText     map[form.Column]string // header text per column (synonyms)
	MergedHeader   bool                   // "Điểm" merged over "Tự chấm" and "Thẩm định" on a second header row
	BlankRowsEvery int                    // a blank row after every N rows
	TrailingDots   bool                   // codes written "1.1."
	NoInfoSheet    bool                   // labels "Đơn vị: …" above the table instead of a "Thông tin" sheet
	InfoSheet      string                 // name of the info sheet ("" = "Thông tin")
	ScoreSheet     string                 // name of the scoring sheet ("" = "Chấm điểm")
	ExtraSheets    []string               // further sheets before the form's sheets
	Font           string                 // font of every text cell; a TCVN3 (.VnTime) or VNI (VNI-Times) font writes the text in that encoding
	NFD            bool                   // text written decomposed (Unicode tổ hợp)
}

// Bytes returns the filled form as .xlsx.
func Bytes(f Form) ([]byte, error) {
	var b bytes.Buffer
	if err := Write(&b, f); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// WriteFile writes the filled form to path.
func WriteFile(path string, f Form) error {
	b, err := Bytes(f)
	if err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}

// Write writes the filled form as .xlsx to w.
func Write(w io.Writer, f Form) error {
	if f.Campaign == nil {
		return fmt.Errorf("formtest: no campaign")
	}
	var x *excelize.File
	var err error
	if f.Layout.Template {
		x, err = fillTemplate(f)
	} else {
		x, err = handMade(f)
	}
	if err != nil {
		return err
	}
	defer x.Close()
	_, err = x.WriteTo(w)
	return err
}

// text encodes s as the layout asks (legacy font, NFD).
func (l Layout) text(s string) string {
	enc, _ := vntext.FontEncoding(l.Font)
	switch enc {
	case vntext.TCVN3:
		s = vntext.ToTCVN3(s)
	case vntext.VNI:
		s = vntext.ToVNI(s)
	default:
		if l.NFD {
			s = norm.NFD.String(s)
		}
	}
	return s
}

type writer struct {
	x     *excelize.File
	l     Layout
	style int
	errs  []error
}

func (w *writer) chk(err error) {
	if err != nil {
		w.errs = append(w.errs, err)
	}
}

func (w *writer) str(sheet, ref, s string) {
	w.chk(w.x.SetCellStr(sheet, ref, w.l.text(s)))
	if w.style != 0 {
		w.chk(w.x.SetCellStyle(sheet, ref, ref, w.style))
	}
}

func (w *writer) cell(sheet, ref string, c Cell) {
	switch c.Kind {
	case Number:
		if c.V == "" {
			return
		}
		w.num(sheet, ref, c.V)
	case String:
		w.str(sheet, ref, c.V)
	case Formula:
		w.chk(w.x.SetCellFormula(sheet, ref, c.V))
	case Percent:
		w.num(sheet, ref, c.V)
		id, err := w.x.NewStyle(&excelize.Style{NumFmt: 9, Protection: &excelize.Protection{Locked: false}})
		w.chk(err)
		w.chk(w.x.SetCellStyle(sheet, ref, ref, id))
	}
}

func (w *writer) num(sheet, ref, v string) {
	w.chk(w.x.SetCellDefault(sheet, ref, v))
}

func ref(c, r int) string {
	s, _ := excelize.CoordinatesToCellName(c, r)
	return s
}

func (w *writer) info(sheet string, f Form, value func(field form.Field) (int, int)) {
	vals := map[form.Field]string{
		form.FieldUnit: f.Unit, form.FieldUnitCode: f.UnitCode, form.FieldPeriod: f.Period,
		form.FieldCampaign: f.CampaignCode, form.FieldPreparer: f.Preparer, form.FieldPhone: f.Phone,
		form.FieldEmail: f.Email, form.FieldEvaluator: f.Evaluator,
	}
	for _, fld := range []form.Field{form.FieldUnit, form.FieldUnitCode, form.FieldPeriod, form.FieldCampaign,
		form.FieldPreparer, form.FieldPhone, form.FieldEmail, form.FieldEvaluator} {
		v := vals[fld]
		if v == "" {
			continue
		}
		c, r := value(fld)
		w.str(sheet, ref(c, r), v)
	}
	c, r := value(form.FieldDate)
	switch {
	case !f.Date.IsZero():
		w.chk(w.x.SetCellValue(sheet, ref(c, r), f.Date))
	case f.DateText != "":
		w.str(sheet, ref(c, r), f.DateText)
	}
}

func fillTemplate(f Form) (*excelize.File, error) {
	o := form.TemplateOptions{Campaign: f.Campaign}
	if f.TemplateOptions != nil {
		o = *f.TemplateOptions
		if o.Campaign == nil {
			o.Campaign = f.Campaign
		}
	}
	b, err := form.TemplateBytes(o)
	if err != nil {
		return nil, err
	}
	x, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	w := &writer{x: x, l: f.Layout}
	if f.Layout.Font != "" {
		id, err := x.NewStyle(&excelize.Style{Font: &excelize.Font{Family: f.Layout.Font, Size: 12}, Protection: &excelize.Protection{Locked: false}})
		w.chk(err)
		w.style = id
	}
	l := form.TemplateLayoutFor(o)
	if f.Evaluator != "" && l.InfoRows[form.FieldEvaluator] == 0 {
		w.chk(fmt.Errorf("formtest: the table is not scored by evaluators: the template has no %q", form.EvaluatorLabel))
	}
	w.info(form.SheetInfo, f, func(fld form.Field) (int, int) { return l.InfoValueCol, l.InfoRows[fld] })
	sh := form.SheetScore
	put := func(sc Scores, col form.Column) {
		for code, c := range sc {
			r, ok := l.Rows[code]
			if !ok {
				w.chk(fmt.Errorf("formtest: code %s not in the campaign", code))
				continue
			}
			w.cell(sh, ref(l.Cols[col], r), c)
		}
	}
	put(f.Self, form.ColSelf)
	put(f.Review, form.ColReview)
	if len(f.Figures) > 0 && l.Cols[form.ColFigure] == 0 {
		w.chk(fmt.Errorf("formtest: figures given for a table without figure rows"))
	}
	put(f.Figures, form.ColFigure)
	for code, t := range f.Evidence {
		w.str(sh, ref(l.Cols[form.ColEvidence], l.Rows[code]), t)
	}
	for code, t := range f.Notes {
		w.str(sh, ref(l.Cols[form.ColNote], l.Rows[code]), t)
	}
	if f.FingerprintValue != "" {
		w.chk(x.SetCellStr(form.SheetHidden, "B3", f.FingerprintValue))
	}
	if len(w.errs) > 0 {
		x.Close()
		return nil, w.errs[0]
	}
	return x, nil
}

func handMade(f Form) (*excelize.File, error) {
	x := excelize.NewFile()
	l := f.Layout
	w := &writer{x: x, l: l}
	if l.Font != "" {
		id, err := x.NewStyle(&excelize.Style{Font: &excelize.Font{Family: l.Font, Size: 12}})
		w.chk(err)
		w.style = id
	}
	infoName, scoreName := l.InfoSheet, l.ScoreSheet
	if infoName == "" {
		infoName = form.SheetInfo
	}
	if scoreName == "" {
		scoreName = form.SheetScore
	}
	sheets := append([]string{}, l.ExtraSheets...)
	if !l.NoInfoSheet {
		sheets = append(sheets, infoName)
	}
	sheets = append(sheets, scoreName)
	w.chk(x.SetSheetName("Sheet1", sheets[0]))
	for _, s := range sheets[1:] {
		_, err := x.NewSheet(s)
		w.chk(err)
	}
	for _, s := range l.ExtraSheets {
		w.str(s, "A1", "Trang phụ của đơn vị")
	}
	r := 1
	for i := 0; i < l.TitleRows; i++ {
		w.str(scoreName, ref(2, r), fmt.Sprintf("TIÊU ĐỀ %d: PHIẾU CHẤM ĐIỂM THI ĐUA", i+1))
		r++
	}
	if l.NoInfoSheet {
		labels := map[form.Field]int{}
		for _, lb := range form.Labels {
			labels[lb.Field] = r
			w.str(scoreName, ref(1, r), lb.Text)
			r++
		}
		w.info(scoreName, f, func(fld form.Field) (int, int) { return 3, labels[fld] })
		r++
	} else {
		for i, lb := range form.Labels {
			w.str(infoName, ref(1, i+2), lb.Text+":")
		}
		if f.Evaluator != "" {
			w.str(infoName, ref(1, len(form.Labels)+2), form.EvaluatorLabel+":")
		}
		w.str(infoName, "A1", "THÔNG TIN ĐƠN VỊ")
		w.info(infoName, f, func(fld form.Field) (int, int) {
			for i, lb := range form.Labels {
				if lb.Field == fld {
					return 2, i + 2
				}
			}
			if fld == form.FieldEvaluator {
				return 2, len(form.Labels) + 2
			}
			return 2, 100
		})
	}
	cols := l.Columns
	if cols == nil {
		for _, h := range form.Headers {
			cols = append(cols, h.Column)
		}
	}
	colOf := map[form.Column]int{}
	for i, c := range cols {
		colOf[c] = i + 1
	}
	headerText := func(c form.Column) string {
		if t, ok := l.HeaderText[c]; ok {
			return t
		}
		if c == form.ColFigure {
			return form.FigureHeader
		}
		for _, h := range form.Headers {
			if h.Column == c {
				return h.Text
			}
		}
		return ""
	}
	if l.MergedHeader {
		for _, c := range cols {
			if c == form.ColSelf || c == form.ColReview {
				w.str(scoreName, ref(colOf[c], r+1), headerText(c))
				continue
			}
			w.str(scoreName, ref(colOf[c], r), headerText(c))
			w.chk(x.MergeCell(scoreName, ref(colOf[c], r), ref(colOf[c], r+1)))
		}
		if a, b := colOf[form.ColSelf], colOf[form.ColReview]; a > 0 && b > 0 {
			w.str(scoreName, ref(min(a, b), r), "Điểm")
			w.chk(x.MergeCell(scoreName, ref(min(a, b), r), ref(max(a, b), r)))
		}
		r += 2
	} else {
		for _, c := range cols {
			w.str(scoreName, ref(colOf[c], r), headerText(c))
		}
		r++
	}
	omit := map[string]bool{}
	for _, c := range f.OmitRows {
		omit[campaign.NormCode(c)] = true
	}
	n := 0
	put := func(code, title string, max campaign.Points, self, review Cell, hasReview bool) {
		cc := code
		if l.TrailingDots {
			cc += "."
		}
		if c := colOf[form.ColCode]; c > 0 {
			w.str(scoreName, ref(c, r), cc)
		}
		if c := colOf[form.ColTitle]; c > 0 && title != "" {
			w.str(scoreName, ref(c, r), title)
		}
		if c := colOf[form.ColMax]; c > 0 && max > 0 {
			w.num(scoreName, ref(c, r), max.String())
		}
		if c := colOf[form.ColSelf]; c > 0 {
			w.cell(scoreName, ref(c, r), self)
		}
		if c := colOf[form.ColFigure]; c > 0 {
			if fig, ok := f.Figures[code]; ok {
				w.cell(scoreName, ref(c, r), fig)
			}
		}
		if c := colOf[form.ColReview]; c > 0 && hasReview {
			w.cell(scoreName, ref(c, r), review)
		}
		if c := colOf[form.ColEvidence]; c > 0 && f.Evidence[code] != "" {
			w.str(scoreName, ref(c, r), f.Evidence[code])
		}
		if c := colOf[form.ColNote]; c > 0 && f.Notes[code] != "" {
			w.str(scoreName, ref(c, r), f.Notes[code])
		}
		r++
		n++
		if l.BlankRowsEvery > 0 && n%l.BlankRowsEvery == 0 {
			r++
		}
	}
	for _, row := range f.Campaign.Rows() {
		if omit[campaign.NormCode(row.Code)] {
			continue
		}
		self := f.Self[row.Code]
		if !row.Leaf {
			self = f.ParentSelf[row.Code]
		}
		rv, hasRv := f.Review[row.Code]
		put(row.Code, row.Title, row.Max, self, rv, hasRv)
	}
	for _, e := range f.ExtraRows {
		put(e.Code, e.Title, 0, e.Self, Cell{}, false)
	}
	if len(w.errs) > 0 {
		x.Close()
		return nil, w.errs[0]
	}
	return x, nil
}

// Full returns self-scores for every leaf of c: the maximum on the leaves of
// the contents, 0 on bonus and deduction items. Callers change entries to
// make the form they need.
func Full(c *campaign.Campaign) Scores {
	out := Scores{}
	for _, r := range c.Rows() {
		if !r.Leaf {
			continue
		}
		v := r.Max
		if r.Kind == campaign.KindDeduction || r.Kind == campaign.KindBonus {
			v = 0
		}
		out[r.Code] = Pts(v)
	}
	return out
}

// With returns a copy of s with the given cells set.
func (s Scores) With(kv ...any) Scores {
	out := Scores{}
	for k, v := range s {
		out[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		k, _ := kv[i].(string)
		switch v := kv[i+1].(type) {
		case Cell:
			out[k] = v
		case string:
			out[k] = Num(v)
		}
	}
	return out
}

// Codes returns the codes of s, sorted, for messages.
func (s Scores) Codes() []string {
	out := make([]string, 0, len(s))
	for k := range s {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
