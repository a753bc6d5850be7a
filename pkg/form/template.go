package form

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"

	"github.com/thidua/thidua/pkg/campaign"
	"github.com/thidua/thidua/pkg/vntext"
)

// TemplateOptions say what goes into a form made by WriteTemplate.
type TemplateOptions struct {
	Campaign *campaign.Campaign // required
	Period   vntext.Period      // pre-fills "Kỳ báo cáo" when not zero
	UnitName string             // pre-fills "Đơn vị" (a per-unit form)
	UnitCode string             // pre-fills "Mã đơn vị"
	Org      string             // the organisation handing the form out, printed in the title
	// Date is written as the workbook's creation and modification time; zero
	// means 2000-01-01, so that the same options give the same bytes.
	Date time.Time

	// Group is the roster group (units: … group) the form is for. A unit's
	// form leaves out the rows whose applies_to does not name the group,
	// and its parents' maxima and sums do without them; a Bảng điểm sheet
	// lists only the units of Units in the group and leaves out those rows'
	// columns. "" (a blank form, a unit without a group): every row, every
	// unit. `thidua template --per-unit` sets it to each unit's group,
	// `--matrix --group G` to G.
	Group string
	// Evaluator pre-fills "Đơn vị chấm" on the forms of a table scored by
	// evaluators or peers (campaign.evaluation.by): the department, council
	// or (peers) roster unit who scores with the form (`--evaluator`).
	// Such forms have the "Đơn vị chấm" label and their score column is
	// "Điểm chấm" whether or not it is pre-filled.
	Evaluator string
	// Matrix writes a Bảng điểm workbook (`--matrix`) instead of a unit's
	// form: a "Thông tin" sheet (period, evaluator, date …) and the sheet
	// "Bảng điểm", one row per unit of Units, one column per leaf code.
	// UnitName and UnitCode are not used.
	Matrix bool
	// Units are the units a Bảng điểm sheet lists, in order (the roster);
	// with Group, only those of that group. None: blank rows to fill in.
	Units []TemplateUnit
}

// TemplateUnit is a roster unit listed on a Bảng điểm sheet.
type TemplateUnit struct {
	Code, Name, Group string
}

// evaluated reports whether the form is filled by an evaluator (the table
// is scored by evaluators or peers).
func (o TemplateOptions) evaluated() bool {
	return o.Campaign != nil && o.Campaign.EvaluatedBy() != campaign.EvalSelf
}

// Layout says where WriteTemplate puts things, for code that fills a form
// made by it (formtest) and for tests.
type Layout struct {
	InfoValueCol int           // column of the values on "Thông tin" (1-based)
	InfoRows     map[Field]int // row of each label on "Thông tin"
	HeaderRow    int           // header row of "Chấm điểm" (of "Bảng điểm" for a Matrix layout)
	Cols         map[Column]int
	Rows         map[string]int // campaign row code → sheet row on "Chấm điểm"
	TotalRow     int            // the "Tổng điểm" row (no code)

	// A Bảng điểm workbook (TemplateOptions.Matrix): the column of each
	// scored code, the units' code and name columns and the row of each
	// unit listed (by code, else by name); FirstUnitRow is the first unit
	// row, UnitRows how many there are.
	MatrixCols   map[string]int
	UnitCodeCol  int
	UnitNameCol  int
	UnitRows     map[string]int
	FirstUnitRow int
	NUnitRows    int
}

// TemplateLayout returns the layout of the blank form WriteTemplate makes
// for c (no group, no evaluator): TemplateLayoutFor with only the campaign.
func TemplateLayout(c *campaign.Campaign) Layout {
	return TemplateLayoutFor(TemplateOptions{Campaign: c})
}

// infoLabel is a label of the "Thông tin" sheet as a form writes it.
type infoLabel struct {
	Field Field
	Text  string
}

// infoLabels are the labels of the form's "Thông tin" sheet, in order:
// Labels, with "Đơn vị chấm" first and "Đơn vị được chấm" for the unit on
// an evaluator's form; a Bảng điểm workbook names no unit.
func (o TemplateOptions) infoLabels() []infoLabel {
	var out []infoLabel
	if o.evaluated() {
		out = append(out, infoLabel{FieldEvaluator, EvaluatorLabel})
	}
	for _, lb := range Labels {
		switch {
		case o.Matrix && (lb.Field == FieldUnit || lb.Field == FieldUnitCode):
			continue
		case lb.Field == FieldUnit && o.evaluated():
			out = append(out, infoLabel{lb.Field, "Đơn vị được chấm"})
		default:
			out = append(out, infoLabel{lb.Field, lb.Text})
		}
	}
	return out
}

// scoreHeader is a column of the "Chấm điểm" sheet as a form writes it.
type scoreHeader struct {
	Column Column
	Text   string
}

// scoreHeaders are the columns of the form's "Chấm điểm" sheet, in order:
// Headers, with "Số liệu" before the score column when the table has
// figure rows, "Điểm chấm" for "Tự chấm" on an evaluator's form and
// "Minh chứng (*)" when some row requires evidence.
func (o TemplateOptions) scoreHeaders() []scoreHeader {
	figures, evidence := false, false
	for _, r := range o.Campaign.Rows() {
		figures = figures || r.Figure != nil
		evidence = evidence || r.Evidence && r.Leaf
	}
	var out []scoreHeader
	for _, h := range Headers {
		text := h.Text
		switch h.Column {
		case ColSelf:
			if figures {
				out = append(out, scoreHeader{ColFigure, FigureHeader})
			}
			if o.evaluated() {
				text = ScoredHeader
			}
		case ColEvidence:
			if evidence {
				text += " (*)"
			}
		}
		out = append(out, scoreHeader{h.Column, text})
	}
	return out
}

// TemplateLayoutFor returns the layout of the form WriteTemplate makes
// with o.
func TemplateLayoutFor(o TemplateOptions) Layout {
	l := Layout{InfoValueCol: 2, InfoRows: map[Field]int{}, HeaderRow: 4, Cols: map[Column]int{}, Rows: map[string]int{}}
	for i, lb := range o.infoLabels() {
		l.InfoRows[lb.Field] = 4 + i
	}
	if o.Matrix {
		matrixLayout(o, &l)
		return l
	}
	for i, h := range o.scoreHeaders() {
		l.Cols[h.Column] = i + 1
	}
	r := l.HeaderRow + 1
	prevKind := campaign.Kind(0)
	for _, fr := range newFormRows(o.Campaign, o.Group).rows {
		row := fr.Row
		if row.Kind != prevKind && (row.Kind == campaign.KindBonus || row.Kind == campaign.KindDeduction) {
			r++ // the group's heading row
		}
		prevKind = row.Kind
		l.Rows[row.Code] = r
		r++
	}
	l.TotalRow = r
	return l
}

// WriteTemplate writes the blank (or, with a unit, pre-filled) form of the
// campaign as .xlsx to w: the "Thông tin" sheet (labels and input cells),
// the "Chấm điểm" sheet (one row per code of the criteria tree with its max,
// parent rows as live SUM formulas, input cells with data validation — a
// drop-down for choices and levels, a live formula computing a figure
// row's points from its "Số liệu" — the rest locked under a sheet
// protection without password, A4 print setup), a "Hướng dẫn" sheet that
// explains the rules the table has, and the hidden "_thidua" sheet with
// the campaign's fingerprint. With o.Matrix it writes a Bảng điểm workbook
// instead (docs/forms.md#the-bảng-điểm-workbook---matrix).
func WriteTemplate(w io.Writer, o TemplateOptions) error {
	f, err := newTemplate(o)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = f.WriteTo(w)
	return err
}

// TemplateBytes returns the form WriteTemplate writes.
func TemplateBytes(o TemplateOptions) ([]byte, error) {
	var b bytes.Buffer
	if err := WriteTemplate(&b, o); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

type styles struct {
	title, subtitle, header, label, input, inputDate, code, codeBold, text, textBold, max, maxBold, formula, formulaBold, group, guide, guideHead int
	indent                                                                                                                                        []int
	// extra are the styles only some forms need (lazy), made when first
	// used so that a form without them keeps its stylesheet.
	extra map[string]int
}

// lazy returns the style name (one of the switch below), made on first
// use: "none" a grey locked cell with nothing to fill, "kadParent" an
// input cell holding a formula (an optional node's sum, which KAD may
// overwrite), "unit" a locked unit cell of a Bảng điểm sheet, "matrixHead"
// and "matrixNote" the lines under its header, "codeHead" a code header.
func (s *styles) lazy(f *excelize.File, name string) int {
	if id, ok := s.extra[name]; ok {
		return id
	}
	font := func(bold, italic bool, size float64) *excelize.Font {
		return &excelize.Font{Family: "Times New Roman", Size: size, Bold: bold, Italic: italic}
	}
	border := []excelize.Border{
		{Type: "left", Color: "808080", Style: 1}, {Type: "right", Color: "808080", Style: 1},
		{Type: "top", Color: "808080", Style: 1}, {Type: "bottom", Color: "808080", Style: 1},
	}
	grey := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E7E6E6"}}
	yellow := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF2CC"}}
	twoDec := "0.##"
	var st excelize.Style
	switch name {
	case "none":
		st = excelize.Style{Font: font(false, false, 12), Fill: grey, Border: border, Protection: &excelize.Protection{Locked: true}}
	case "kadParent":
		st = excelize.Style{Font: font(true, false, 12), Fill: yellow, Border: border, CustomNumFmt: &twoDec,
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}, Protection: &excelize.Protection{Locked: false}}
	case "unit":
		st = excelize.Style{Font: font(false, false, 12), Border: border, Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}, Protection: &excelize.Protection{Locked: true}}
	case "matrixHead":
		st = excelize.Style{Font: font(false, true, 10), Fill: grey, Border: border,
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top", WrapText: true}, Protection: &excelize.Protection{Locked: true}}
	case "matrixNote":
		st = excelize.Style{Font: font(true, false, 10), Fill: grey, Border: border,
			Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}, Protection: &excelize.Protection{Locked: true}}
	}
	id, err := f.NewStyle(&st)
	if err != nil {
		return s.text
	}
	if s.extra == nil {
		s.extra = map[string]int{}
	}
	s.extra[name] = id
	return id
}

func newStyles(f *excelize.File) (*styles, error) {
	var err error
	mk := func(s *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(s)
		return id
	}
	font := func(bold, italic bool, size float64) *excelize.Font {
		return &excelize.Font{Family: "Times New Roman", Size: size, Bold: bold, Italic: italic}
	}
	border := []excelize.Border{
		{Type: "left", Color: "808080", Style: 1}, {Type: "right", Color: "808080", Style: 1},
		{Type: "top", Color: "808080", Style: 1}, {Type: "bottom", Color: "808080", Style: 1},
	}
	locked := &excelize.Protection{Locked: true}
	unlocked := &excelize.Protection{Locked: false}
	yellow := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF2CC"}}
	grey := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E7E6E6"}}
	twoDec := "0.##"
	s := &styles{}
	s.title = mk(&excelize.Style{Font: font(true, false, 14), Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}, Protection: locked})
	s.subtitle = mk(&excelize.Style{Font: font(false, true, 12), Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}, Protection: locked})
	s.header = mk(&excelize.Style{Font: font(true, false, 12), Fill: grey, Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}, Protection: locked})
	s.label = mk(&excelize.Style{Font: font(true, false, 12), Border: border, Alignment: &excelize.Alignment{Vertical: "center"}, Protection: locked})
	s.input = mk(&excelize.Style{Font: font(false, false, 12), Fill: yellow, Border: border, Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}, Protection: unlocked})
	s.inputDate = mk(&excelize.Style{Font: font(false, false, 12), Fill: yellow, Border: border, CustomNumFmt: strPtr("dd/mm/yyyy"), Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center"}, Protection: unlocked})
	s.code = mk(&excelize.Style{Font: font(false, false, 12), Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}, Protection: locked})
	s.codeBold = mk(&excelize.Style{Font: font(true, false, 12), Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}, Protection: locked})
	s.textBold = mk(&excelize.Style{Font: font(true, false, 12), Border: border, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}, Protection: locked})
	for i := 0; i < 6; i++ {
		s.indent = append(s.indent, mk(&excelize.Style{Font: font(false, i >= 2, 12), Border: border, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true, Indent: i}, Protection: locked}))
	}
	s.max = mk(&excelize.Style{Font: font(false, false, 12), Border: border, CustomNumFmt: &twoDec, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}, Protection: locked})
	s.maxBold = mk(&excelize.Style{Font: font(true, false, 12), Border: border, CustomNumFmt: &twoDec, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}, Protection: locked})
	s.formula = mk(&excelize.Style{Font: font(false, false, 12), Fill: grey, Border: border, CustomNumFmt: &twoDec, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}, Protection: locked})
	s.formulaBold = mk(&excelize.Style{Font: font(true, false, 12), Fill: grey, Border: border, CustomNumFmt: &twoDec, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}, Protection: locked})
	s.text = mk(&excelize.Style{Font: font(false, false, 12), Fill: yellow, Border: border, CustomNumFmt: &twoDec, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}, Protection: unlocked})
	s.group = mk(&excelize.Style{Font: font(true, false, 12), Fill: grey, Border: border, Alignment: &excelize.Alignment{Vertical: "center"}, Protection: locked})
	s.guide = mk(&excelize.Style{Font: font(false, false, 12), Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	s.guideHead = mk(&excelize.Style{Font: font(true, false, 14)})
	return s, err
}

func strPtr(s string) *string { return &s }

// newTemplate builds the form workbook.
func newTemplate(o TemplateOptions) (*excelize.File, error) {
	c := o.Campaign
	if c == nil {
		return nil, fmt.Errorf("form: no campaign")
	}
	f := excelize.NewFile()
	ok := false
	defer func() {
		if !ok {
			_ = f.Close()
		}
	}()
	st, err := newStyles(f)
	if err != nil {
		return nil, err
	}
	if err := f.SetSheetName("Sheet1", SheetInfo); err != nil {
		return nil, err
	}
	main := SheetScore
	if o.Matrix {
		main = SheetMatrix
	}
	for _, n := range []string{main, SheetGuide, SheetHidden} {
		if _, err := f.NewSheet(n); err != nil {
			return nil, err
		}
	}
	l := TemplateLayoutFor(o)
	lists := &listSource{f: f}
	steps := []func() error{
		func() error { return writeInfo(f, st, l, o) },
		func() error {
			if o.Matrix {
				return writeMatrix(f, st, l, o, lists)
			}
			return writeScore(f, st, l, o, lists)
		},
		func() error { return writeGuide(f, st, o) },
		func() error { return writeHidden(f, o) },
		func() error {
			d := o.Date
			if d.IsZero() {
				d = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
			}
			ts := d.UTC().Format(time.RFC3339)
			title := "Phiếu chấm điểm thi đua"
			if o.Matrix {
				title = "Bảng điểm thi đua"
			}
			return f.SetDocProps(&excelize.DocProperties{
				Title: title, Subject: c.Name, Creator: "thidua", LastModifiedBy: "thidua",
				Created: ts, Modified: ts, Language: "vi-VN",
			})
		},
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, err
		}
	}
	f.SetActiveSheet(0)
	ok = true
	return f, nil
}

func writeInfo(f *excelize.File, st *styles, l Layout, o TemplateOptions) error {
	sh := SheetInfo
	var errs []error
	chk := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	chk(f.SetColWidth(sh, "A", "A", 24))
	chk(f.SetColWidth(sh, "B", "B", 60))
	chk(f.MergeCell(sh, "A1", "B1"))
	title := "THÔNG TIN ĐƠN VỊ GỬI PHIẾU CHẤM ĐIỂM THI ĐUA"
	switch {
	case o.Matrix:
		title = "THÔNG TIN BẢNG ĐIỂM THI ĐUA"
	case o.evaluated():
		title = "THÔNG TIN PHIẾU CHẤM ĐIỂM THI ĐUA"
	}
	chk(f.SetCellStr(sh, "A1", title))
	chk(f.SetCellStyle(sh, "A1", "B1", st.title))
	chk(f.SetRowHeight(sh, 1, 36))
	if o.Org != "" {
		chk(f.MergeCell(sh, "A2", "B2"))
		chk(f.SetCellStr(sh, "A2", o.Org))
		chk(f.SetCellStyle(sh, "A2", "B2", st.subtitle))
	}
	values := map[Field]string{
		FieldUnit: o.UnitName, FieldUnitCode: o.UnitCode, FieldCampaign: o.Campaign.Name, FieldEvaluator: o.Evaluator,
	}
	if !o.Period.IsZero() {
		values[FieldPeriod] = o.Period.Label()
	}
	for _, lb := range o.infoLabels() {
		r := l.InfoRows[lb.Field]
		chk(f.SetCellStr(sh, cellRef(1, r), lb.Text))
		chk(f.SetCellStyle(sh, cellRef(1, r), cellRef(1, r), st.label))
		ref := cellRef(l.InfoValueCol, r)
		if v := values[lb.Field]; v != "" {
			chk(f.SetCellStr(sh, ref, v))
		}
		style := st.input
		switch lb.Field {
		case FieldDate:
			style = st.inputDate
			dv := excelize.NewDataValidation(true)
			dv.Sqref = ref
			chk(dv.SetRange("1/1/2000", "12/31/2199", excelize.DataValidationTypeDate, excelize.DataValidationOperatorBetween))
			dv.SetInput("Ngày lập", "Nhập ngày lập phiếu theo dạng ngày/tháng/năm, ví dụ 05/10/2026.")
			chk(f.AddDataValidation(sh, dv))
		case FieldEvaluator:
			dv := excelize.NewDataValidation(true)
			dv.Sqref = ref
			who := "tên đơn vị (sở, ngành, thành viên hội đồng) chấm điểm"
			if o.Campaign.EvaluatedBy() == campaign.EvalPeers {
				who = "mã hoặc tên đơn vị chấm chéo (một đơn vị trong danh sách)"
			}
			dv.SetInput(EvaluatorLabel, "Ghi "+who+". Bắt buộc: phiếu không ghi đơn vị chấm không được tính.")
			chk(f.AddDataValidation(sh, dv))
		}
		chk(f.SetCellStyle(sh, ref, ref, style))
		chk(f.SetRowHeight(sh, r, 20))
	}
	chk(f.ProtectSheet(sh, &excelize.SheetProtectionOptions{SelectLockedCells: true, SelectUnlockedCells: true, FormatColumns: true, FormatRows: true}))
	chk(setA4(f, sh, "portrait"))
	return joinErrs(errs)
}

func writeScore(f *excelize.File, st *styles, l Layout, o TemplateOptions, lists *listSource) error {
	sh := SheetScore
	c := o.Campaign
	var errs []error
	chk := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	headers := o.scoreHeaders()
	ncols := len(headers)
	widths := map[Column]float64{ColCode: 8, ColTitle: 58, ColMax: 10, ColFigure: 11, ColSelf: 10, ColReview: 11, ColEvidence: 30, ColNote: 18}
	for _, h := range headers {
		name, _ := excelize.ColumnNumberToName(l.Cols[h.Column])
		chk(f.SetColWidth(sh, name, name, widths[h.Column]))
	}
	last := cellRef(ncols, 1)
	lastCol := strings.TrimRight(last, "0123456789")
	chk(f.MergeCell(sh, "A1", lastCol+"1"))
	title := "PHIẾU TỰ CHẤM ĐIỂM THI ĐUA"
	if o.evaluated() {
		title = "PHIẾU CHẤM ĐIỂM THI ĐUA"
	}
	chk(f.SetCellStr(sh, "A1", title))
	chk(f.SetCellStyle(sh, "A1", lastCol+"1", st.title))
	chk(f.SetRowHeight(sh, 1, 24))
	sub := "Phong trào: " + c.Name
	if !o.Period.IsZero() {
		sub += " — " + o.Period.Label()
	}
	chk(f.MergeCell(sh, "A2", lastCol+"2"))
	chk(f.SetCellStr(sh, "A2", sub))
	chk(f.SetCellStyle(sh, "A2", lastCol+"2", st.subtitle))
	chk(f.SetRowHeight(sh, 2, 48))
	for _, h := range headers {
		ref := cellRef(l.Cols[h.Column], l.HeaderRow)
		chk(f.SetCellStr(sh, ref, h.Text))
		chk(f.SetCellStyle(sh, ref, ref, st.header))
	}
	chk(f.SetRowHeight(sh, l.HeaderRow, 32))

	col := func(k Column) string { n, _ := excelize.ColumnNumberToName(l.Cols[k]); return n }
	fr := newFormRows(c, o.Group)
	var contentRows, bonusRows, dedRows []campaign.Row
	prevKind := campaign.Kind(0)
	for _, frow := range fr.rows {
		row, rowMax := frow.Row, frow.max
		r := l.Rows[row.Code]
		if row.Kind != prevKind && (row.Kind == campaign.KindBonus || row.Kind == campaign.KindDeduction) {
			g := "ĐIỂM THƯỞNG (cộng thêm, tối đa " + c.Bonus.EffectiveCap().VI() + " điểm)"
			if row.Kind == campaign.KindDeduction {
				g = "ĐIỂM TRỪ (ghi số điểm bị trừ, tối đa " + c.Deductions.EffectiveCap().VI() + " điểm)"
			}
			chk(f.MergeCell(sh, cellRef(1, r-1), cellRef(ncols, r-1)))
			chk(f.SetCellStr(sh, cellRef(1, r-1), g))
			chk(f.SetCellStyle(sh, cellRef(1, r-1), cellRef(ncols, r-1), st.group))
		}
		prevKind = row.Kind
		switch row.Kind {
		case campaign.KindContent:
			contentRows = append(contentRows, row)
		case campaign.KindBonus:
			bonusRows = append(bonusRows, row)
		case campaign.KindDeduction:
			dedRows = append(dedRows, row)
		}
		bold := row.Kind == campaign.KindContent
		codeRef := cellRef(l.Cols[ColCode], r)
		chk(f.SetCellStr(sh, codeRef, row.Code))
		titleRef := cellRef(l.Cols[ColTitle], r)
		rule := ruleLine(row)
		if rule == "" {
			chk(f.SetCellStr(sh, titleRef, row.Title))
			chk(f.SetRowHeight(sh, r, rowHeight(row.Title, widths[ColTitle]-2*float64(row.Depth), bold)))
		} else {
			runs := []excelize.RichTextRun{{Text: rule, Font: &excelize.Font{Family: "Times New Roman", Size: 11, Italic: true, Color: "595959"}}}
			if row.Title != "" {
				runs[0].Text = "\n" + rule
				runs = append([]excelize.RichTextRun{{Text: row.Title, Font: &excelize.Font{Family: "Times New Roman", Size: 12, Bold: bold, Italic: !bold && row.Depth >= 2}}}, runs...)
			}
			chk(f.SetCellRichText(sh, titleRef, runs))
			chk(f.SetRowHeight(sh, r, rowHeight(row.Title, widths[ColTitle]-2*float64(row.Depth), bold)+rowHeight(rule, widths[ColTitle]-2*float64(row.Depth), false)-3))
		}
		maxRef := cellRef(l.Cols[ColMax], r)
		chk(f.SetCellFloat(sh, maxRef, rowMax.Float(), -1, 64))
		if bold {
			chk(f.SetCellStyle(sh, codeRef, codeRef, st.codeBold))
			chk(f.SetCellStyle(sh, titleRef, titleRef, st.textBold))
			chk(f.SetCellStyle(sh, maxRef, maxRef, st.maxBold))
		} else {
			chk(f.SetCellStyle(sh, codeRef, codeRef, st.code))
			chk(f.SetCellStyle(sh, titleRef, titleRef, st.indent[min(row.Depth, len(st.indent)-1)]))
			chk(f.SetCellStyle(sh, maxRef, maxRef, st.max))
		}
		if row.Figure != nil && row.Leaf {
			ref := cellRef(l.Cols[ColFigure], r)
			chk(f.SetCellStyle(sh, ref, ref, st.text))
			chk(f.AddDataValidation(sh, figureValidation(ref, row)))
		} else if l.Cols[ColFigure] > 0 {
			ref := cellRef(l.Cols[ColFigure], r)
			chk(f.SetCellStyle(sh, ref, ref, st.lazy(f, "none")))
		}
		for _, k := range []Column{ColSelf, ColReview} {
			ref := cellRef(l.Cols[k], r)
			if !row.Leaf {
				var parts []string
				for _, ch := range fr.children(row) {
					parts = append(parts, pointsTerm(ch, col(k), l.Rows[ch.Code]))
				}
				chk(f.SetCellFormula(sh, ref, "SUM("+strings.Join(parts, ",")+")"))
				s := st.formula
				if bold {
					s = st.formulaBold
				}
				if k == ColSelf && row.Optional {
					// The unit overwrites the sum with KAD when the node does
					// not apply to it.
					s = st.lazy(f, "kadParent")
					chk(f.AddDataValidation(sh, kadValidation(ref, row, lists)))
				}
				chk(f.SetCellStyle(sh, ref, ref, s))
				continue
			}
			if k == ColSelf && row.Figure != nil {
				chk(f.SetCellFormula(sh, ref, figureFormula(row, cellRef(l.Cols[ColFigure], r))))
				if row.Optional {
					chk(f.SetCellStyle(sh, ref, ref, st.lazy(f, "kadParent")))
					chk(f.AddDataValidation(sh, kadValidation(ref, row, lists)))
				} else {
					chk(f.SetCellStyle(sh, ref, ref, st.formula))
				}
				continue
			}
			chk(f.SetCellStyle(sh, ref, ref, st.text))
			dv, err := leafValidation(ref, row, k == ColReview, o.evaluated(), false, lists)
			chk(err)
			chk(f.AddDataValidation(sh, dv))
		}
		for _, k := range []Column{ColEvidence, ColNote} {
			ref := cellRef(l.Cols[k], r)
			chk(f.SetCellStyle(sh, ref, ref, st.input))
			if k == ColEvidence && row.Evidence && row.Leaf {
				dv := excelize.NewDataValidation(true)
				dv.Sqref = ref
				dv.SetInput(clipUTF16("Minh chứng mục "+row.Code, 32), "Bắt buộc: ghi số, ngày văn bản hoặc tài liệu minh chứng cho điểm của mục "+row.Code+".")
				chk(f.AddDataValidation(sh, dv))
			}
		}
	}
	// The total, for the unit to see (no code: the reader ignores it).
	tr := l.TotalRow
	chk(f.SetCellStr(sh, cellRef(l.Cols[ColTitle], tr), "TỔNG ĐIỂM (tạm tính: nội dung + thưởng − trừ)"))
	chk(f.SetCellStyle(sh, cellRef(1, tr), cellRef(ncols, tr), st.group))
	sumOf := func(k Column, rows []campaign.Row) string {
		if len(rows) == 0 {
			return "0"
		}
		var parts []string
		for _, r := range rows {
			parts = append(parts, pointsTerm(r, col(k), l.Rows[r.Code]))
		}
		return "SUM(" + strings.Join(parts, ",") + ")"
	}
	maxRef := cellRef(l.Cols[ColMax], tr)
	chk(f.SetCellFloat(sh, maxRef, fr.maxTotal().Float(), -1, 64))
	for _, k := range []Column{ColSelf, ColReview} {
		ref := cellRef(l.Cols[k], tr)
		formula := fmt.Sprintf("%s+MIN(%s,%s)-MIN(%s,%s)", sumOf(k, contentRows),
			sumOf(k, bonusRows), c.Bonus.EffectiveCap().String(), sumOf(k, dedRows), c.Deductions.EffectiveCap().String())
		if !c.FloorNone() {
			formula = "MAX(0," + formula + ")"
		}
		chk(f.SetCellFormula(sh, ref, formula))
		chk(f.SetCellStyle(sh, ref, ref, st.formulaBold))
	}
	chk(f.SetPanes(sh, &excelize.Panes{Freeze: true, YSplit: l.HeaderRow, TopLeftCell: cellRef(1, l.HeaderRow+1), ActivePane: "bottomLeft"}))
	chk(f.ProtectSheet(sh, &excelize.SheetProtectionOptions{SelectLockedCells: true, SelectUnlockedCells: true, FormatColumns: true, FormatRows: true}))
	chk(setA4(f, sh, "landscape"))
	chk(f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: fmt.Sprintf("'%s'!$%d:$%d", sh, l.HeaderRow, l.HeaderRow), Scope: sh}))
	return joinErrs(errs)
}

// rowHeight estimates the height (points) a wrapped title needs in a column
// of the given width (characters): spreadsheet programs do not grow rows
// written by a library.
func rowHeight(title string, width float64, bold bool) float64 {
	per := int(width * 1.7)
	if bold {
		per = int(width * 1.25)
	}
	if per < 10 {
		per = 10
	}
	n := utf8.RuneCountInString(title)
	lines := (n + per - 1) / per
	if lines < 1 {
		lines = 1
	}
	return float64(lines)*15.5 + 3
}

func setA4(f *excelize.File, sh, orientation string) error {
	a4, one, zero := 9, 1, 0
	fit := true
	if err := f.SetPageLayout(sh, &excelize.PageLayoutOptions{Size: &a4, Orientation: &orientation, FitToWidth: &one, FitToHeight: &zero}); err != nil {
		return err
	}
	if err := f.SetSheetProps(sh, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	l, r, t, b := 0.6, 0.4, 0.6, 0.6
	return f.SetPageMargins(sh, &excelize.PageLayoutMarginsOptions{Left: &l, Right: &r, Top: &t, Bottom: &b})
}

func joinErrs(errs []error) error {
	if len(errs) == 0 {
		return nil
	}
	return fmt.Errorf("form: writing the template: %w", errs[0])
}

var reNotSlug = regexp.MustCompile(`[^a-z0-9]+`)

// SafeFileName returns a file name for a unit's form: "phieu-" followed by
// the unit code and name transliterated to lower-case ASCII (Vietnamese
// letters lose their marks, đ becomes d) with every other character turned
// into "-", then ext. The result holds no path separator, no "..", no
// leading dot and no character that Windows refuses, whatever the unit is
// called.
func SafeFileName(code, name, ext string) string {
	slug := func(s string) string {
		d := norm.NFD.String(vntext.NFC(s))
		var b strings.Builder
		for _, r := range d {
			switch {
			case r == 'đ' || r == 'Đ':
				b.WriteByte('d')
			case r < 0x80:
				b.WriteRune(r)
			case r >= 0x300 && r <= 0x36F:
				// combining mark: dropped
			default:
				b.WriteByte('-')
			}
		}
		return strings.Trim(reNotSlug.ReplaceAllString(strings.ToLower(b.String()), "-"), "-")
	}
	parts := []string{"phieu"}
	for _, p := range []string{slug(code), slug(name)} {
		if p != "" && (len(parts) == 1 || p != parts[len(parts)-1]) {
			parts = append(parts, p)
		}
	}
	out := strings.Join(parts, "-")
	if len(out) > 100 {
		out = strings.TrimRight(out[:100], "-")
	}
	return out + ext
}
