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
}

// Layout says where WriteTemplate puts things, for code that fills a form
// made by it (formtest) and for tests.
type Layout struct {
	InfoValueCol int           // column of the values on "Thông tin" (1-based)
	InfoRows     map[Field]int // row of each label on "Thông tin"
	HeaderRow    int           // header row of "Chấm điểm"
	Cols         map[Column]int
	Rows         map[string]int // campaign row code → sheet row on "Chấm điểm"
	TotalRow     int            // the "Tổng điểm" row (no code)
}

// TemplateLayout returns the layout of the form WriteTemplate makes for c.
func TemplateLayout(c *campaign.Campaign) Layout {
	l := Layout{InfoValueCol: 2, InfoRows: map[Field]int{}, HeaderRow: 4, Cols: map[Column]int{}, Rows: map[string]int{}}
	for i, lb := range Labels {
		l.InfoRows[lb.Field] = 4 + i
	}
	for i, h := range Headers {
		l.Cols[h.Column] = i + 1
	}
	r := l.HeaderRow + 1
	prevKind := campaign.Kind(0)
	for _, row := range c.Rows() {
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
// parent rows as live SUM formulas, input cells with data validation, the
// rest locked under a sheet protection without password, A4 print setup),
// a "Hướng dẫn" sheet and the hidden "_thidua" sheet with the campaign's
// fingerprint.
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
	for _, n := range []string{SheetScore, SheetGuide, SheetHidden} {
		if _, err := f.NewSheet(n); err != nil {
			return nil, err
		}
	}
	l := TemplateLayout(c)
	steps := []func() error{
		func() error { return writeInfo(f, st, l, o) },
		func() error { return writeScore(f, st, l, o) },
		func() error { return writeGuide(f, st, c) },
		func() error { return writeHidden(f, o) },
		func() error {
			d := o.Date
			if d.IsZero() {
				d = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
			}
			ts := d.UTC().Format(time.RFC3339)
			return f.SetDocProps(&excelize.DocProperties{
				Title: "Phiếu chấm điểm thi đua", Subject: c.Name, Creator: "thidua", LastModifiedBy: "thidua",
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
	chk(f.SetCellStr(sh, "A1", title))
	chk(f.SetCellStyle(sh, "A1", "B1", st.title))
	chk(f.SetRowHeight(sh, 1, 36))
	if o.Org != "" {
		chk(f.MergeCell(sh, "A2", "B2"))
		chk(f.SetCellStr(sh, "A2", o.Org))
		chk(f.SetCellStyle(sh, "A2", "B2", st.subtitle))
	}
	values := map[Field]string{
		FieldUnit: o.UnitName, FieldUnitCode: o.UnitCode, FieldCampaign: o.Campaign.Name,
	}
	if !o.Period.IsZero() {
		values[FieldPeriod] = o.Period.Label()
	}
	for _, lb := range Labels {
		r := l.InfoRows[lb.Field]
		chk(f.SetCellStr(sh, cellRef(1, r), lb.Text))
		chk(f.SetCellStyle(sh, cellRef(1, r), cellRef(1, r), st.label))
		ref := cellRef(l.InfoValueCol, r)
		if v := values[lb.Field]; v != "" {
			chk(f.SetCellStr(sh, ref, v))
		}
		style := st.input
		if lb.Field == FieldDate {
			style = st.inputDate
			dv := excelize.NewDataValidation(true)
			dv.Sqref = ref
			chk(dv.SetRange("1/1/2000", "12/31/2199", excelize.DataValidationTypeDate, excelize.DataValidationOperatorBetween))
			dv.SetInput("Ngày lập", "Nhập ngày lập phiếu theo dạng ngày/tháng/năm, ví dụ 05/10/2026.")
			chk(f.AddDataValidation(sh, dv))
		}
		chk(f.SetCellStyle(sh, ref, ref, style))
		chk(f.SetRowHeight(sh, r, 20))
	}
	chk(f.ProtectSheet(sh, &excelize.SheetProtectionOptions{SelectLockedCells: true, SelectUnlockedCells: true, FormatColumns: true, FormatRows: true}))
	chk(setA4(f, sh, "portrait"))
	return joinErrs(errs)
}

func writeScore(f *excelize.File, st *styles, l Layout, o TemplateOptions) error {
	sh := SheetScore
	c := o.Campaign
	var errs []error
	chk := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	widths := map[Column]float64{ColCode: 8, ColTitle: 58, ColMax: 10, ColSelf: 10, ColReview: 11, ColEvidence: 30, ColNote: 18}
	for col, w := range widths {
		name, _ := excelize.ColumnNumberToName(l.Cols[col])
		chk(f.SetColWidth(sh, name, name, w))
	}
	last := cellRef(len(Headers), 1)
	lastCol := strings.TrimRight(last, "0123456789")
	chk(f.MergeCell(sh, "A1", lastCol+"1"))
	chk(f.SetCellStr(sh, "A1", "PHIẾU TỰ CHẤM ĐIỂM THI ĐUA"))
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
	for _, h := range Headers {
		ref := cellRef(l.Cols[h.Column], l.HeaderRow)
		chk(f.SetCellStr(sh, ref, h.Text))
		chk(f.SetCellStyle(sh, ref, ref, st.header))
	}
	chk(f.SetRowHeight(sh, l.HeaderRow, 32))

	col := func(k Column) string { n, _ := excelize.ColumnNumberToName(l.Cols[k]); return n }
	var contentRows, bonusRows, dedRows []int
	prevKind := campaign.Kind(0)
	for _, row := range c.Rows() {
		r := l.Rows[row.Code]
		if row.Kind != prevKind && (row.Kind == campaign.KindBonus || row.Kind == campaign.KindDeduction) {
			g := "ĐIỂM THƯỞNG (cộng thêm, tối đa " + c.Bonus.Cap.VI() + " điểm)"
			if row.Kind == campaign.KindDeduction {
				g = "ĐIỂM TRỪ (ghi số điểm bị trừ, tối đa " + c.Deductions.Cap.VI() + " điểm)"
			}
			chk(f.MergeCell(sh, cellRef(1, r-1), cellRef(len(Headers), r-1)))
			chk(f.SetCellStr(sh, cellRef(1, r-1), g))
			chk(f.SetCellStyle(sh, cellRef(1, r-1), cellRef(len(Headers), r-1), st.group))
		}
		prevKind = row.Kind
		switch row.Kind {
		case campaign.KindContent:
			contentRows = append(contentRows, r)
		case campaign.KindBonus:
			bonusRows = append(bonusRows, r)
		case campaign.KindDeduction:
			dedRows = append(dedRows, r)
		}
		bold := row.Kind == campaign.KindContent
		codeRef := cellRef(l.Cols[ColCode], r)
		chk(f.SetCellStr(sh, codeRef, row.Code))
		titleRef := cellRef(l.Cols[ColTitle], r)
		chk(f.SetCellStr(sh, titleRef, row.Title))
		chk(f.SetRowHeight(sh, r, rowHeight(row.Title, widths[ColTitle]-2*float64(row.Depth), bold)))
		maxRef := cellRef(l.Cols[ColMax], r)
		chk(f.SetCellFloat(sh, maxRef, row.Max.Float(), -1, 64))
		if bold {
			chk(f.SetCellStyle(sh, codeRef, codeRef, st.codeBold))
			chk(f.SetCellStyle(sh, titleRef, titleRef, st.textBold))
			chk(f.SetCellStyle(sh, maxRef, maxRef, st.maxBold))
		} else {
			chk(f.SetCellStyle(sh, codeRef, codeRef, st.code))
			chk(f.SetCellStyle(sh, titleRef, titleRef, st.indent[min(row.Depth, len(st.indent)-1)]))
			chk(f.SetCellStyle(sh, maxRef, maxRef, st.max))
		}
		for _, k := range []Column{ColSelf, ColReview} {
			ref := cellRef(l.Cols[k], r)
			if !row.Leaf {
				var parts []string
				for _, ch := range row.Children {
					parts = append(parts, fmt.Sprintf("%s%d", col(k), l.Rows[ch]))
				}
				chk(f.SetCellFormula(sh, ref, "SUM("+strings.Join(parts, ",")+")"))
				s := st.formula
				if bold {
					s = st.formulaBold
				}
				chk(f.SetCellStyle(sh, ref, ref, s))
				continue
			}
			chk(f.SetCellStyle(sh, ref, ref, st.text))
			dv := excelize.NewDataValidation(true)
			dv.Sqref = ref
			chk(dv.SetRange(0, row.Max.Float(), excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween))
			what := "điểm tự chấm"
			if k == ColReview {
				what = "điểm thẩm định (do Hội đồng ghi)"
			}
			hint := fmt.Sprintf("Nhập %s của mục %s: một số từ 0 đến %s (ví dụ %s).", what, row.Code, row.Max.VI(), campaign.Points(row.Max/2).VI())
			if row.Kind == campaign.KindDeduction {
				hint = fmt.Sprintf("Nhập số điểm bị trừ của mục %s: từ 0 đến %s; không bị trừ thì ghi 0.", row.Code, row.Max.VI())
			}
			dv.SetInput("Mục "+row.Code, hint)
			dv.SetError(excelize.DataValidationErrorStyleStop, "Điểm không hợp lệ", fmt.Sprintf("Mục %s: điểm phải là số từ 0 đến %s.", row.Code, row.Max.VI()))
			chk(f.AddDataValidation(sh, dv))
		}
		for _, k := range []Column{ColEvidence, ColNote} {
			ref := cellRef(l.Cols[k], r)
			chk(f.SetCellStyle(sh, ref, ref, st.input))
		}
	}
	// The total, for the unit to see (no code: the reader ignores it).
	tr := l.TotalRow
	chk(f.SetCellStr(sh, cellRef(l.Cols[ColTitle], tr), "TỔNG ĐIỂM (tạm tính: nội dung + thưởng − trừ)"))
	chk(f.SetCellStyle(sh, cellRef(1, tr), cellRef(len(Headers), tr), st.group))
	sumOf := func(k Column, rows []int) string {
		if len(rows) == 0 {
			return "0"
		}
		var parts []string
		for _, r := range rows {
			parts = append(parts, fmt.Sprintf("%s%d", col(k), r))
		}
		return "SUM(" + strings.Join(parts, ",") + ")"
	}
	maxRef := cellRef(l.Cols[ColMax], tr)
	chk(f.SetCellFloat(sh, maxRef, c.MaxTotal().Float(), -1, 64))
	for _, k := range []Column{ColSelf, ColReview} {
		ref := cellRef(l.Cols[k], tr)
		formula := fmt.Sprintf("MAX(0,%s+MIN(%s,%s)-MIN(%s,%s))", sumOf(k, contentRows),
			sumOf(k, bonusRows), c.Bonus.Cap.String(), sumOf(k, dedRows), c.Deductions.Cap.String())
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

func writeGuide(f *excelize.File, st *styles, c *campaign.Campaign) error {
	sh := SheetGuide
	lines := []string{
		"HƯỚNG DẪN ĐIỀN PHIẾU",
		"1. Trang \"Thông tin\": ghi tên đơn vị, kỳ báo cáo, người lập, điện thoại, email và ngày lập vào các ô màu vàng (ngày ghi theo dạng ngày/tháng/năm, ví dụ 05/10/2026).",
		"2. Trang \"Chấm điểm\": ghi điểm tự chấm của từng mục vào cột \"Tự chấm\" (ô màu vàng). Điểm là số từ 0 đến điểm tối đa của mục, có thể lẻ đến hai chữ số thập phân (ví dụ 7,5). Dòng in đậm và dòng nền xám tự cộng, không cần ghi.",
		fmt.Sprintf("3. Điểm thưởng (mục T…) cộng thêm, tổng không quá %s điểm. Điểm trừ (mục D…) ghi số điểm bị trừ (ví dụ 2), tổng không quá %s điểm; không bị trừ thì ghi 0.", c.Bonus.Cap.VI(), c.Deductions.Cap.VI()),
		"4. Cột \"Minh chứng\": ghi số, ngày văn bản hoặc tài liệu chứng minh điểm tự chấm. Cột \"Thẩm định\" do Hội đồng thi đua ghi, đơn vị để trống.",
		"5. Không đổi tên trang tính, không xóa cột, không sửa cột \"Mã\" và \"Điểm tối đa\". Có thể chèn thêm dòng ghi chú nếu cần.",
		"6. Lưu tệp dạng Excel (.xlsx hoặc .xls), không đặt mật khẩu, rồi gửi lại cho bộ phận thi đua - khen thưởng đúng hạn.",
	}
	var errs []error
	chk := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	chk(f.SetColWidth(sh, "A", "A", 110))
	for i, t := range lines {
		ref := cellRef(1, i+1)
		chk(f.SetCellStr(sh, ref, t))
		s := st.guide
		if i == 0 {
			s = st.guideHead
		}
		chk(f.SetCellStyle(sh, ref, ref, s))
	}
	return joinErrs(errs)
}

func writeHidden(f *excelize.File, o TemplateOptions) error {
	sh := SheetHidden
	period := ""
	if !o.Period.IsZero() {
		period = o.Period.Code()
	}
	rows := [][2]string{
		{"format", FormatVersion},
		{"campaign", o.Campaign.Code},
		{"fingerprint", o.Campaign.Fingerprint()},
		{"unit", o.UnitCode},
		{"unit_name", o.UnitName},
		{"period", period},
	}
	for i, kv := range rows {
		if err := f.SetCellStr(sh, cellRef(1, i+1), kv[0]); err != nil {
			return err
		}
		if err := f.SetCellStr(sh, cellRef(2, i+1), kv[1]); err != nil {
			return err
		}
	}
	return f.SetSheetVisible(sh, false)
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
