package form

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/thidua/thidua/pkg/campaign"
	"github.com/thidua/thidua/pkg/vntext"
)

// The Bảng điểm workbook (TemplateOptions.Matrix): "Thông tin" (period,
// evaluator, date …) and the sheet "Bảng điểm" — a header row with "Mã đơn
// vị", "Đơn vị" and one column per scored code (leaves, bonus and deduction
// items, and an optional node for its KAD mark), two lines under it with
// each column's title and how to fill it, then one row per unit, pre-filled
// from the roster. Cells of a row that does not apply to a unit's group are
// grey and locked; the others have the validations of a unit's form.

// The rows of a Bảng điểm sheet.
const (
	matrixHeaderRow = 4
	matrixFirstUnit = 7
	matrixBlankRows = 30 // rows to fill in when no unit is listed
)

// matrixUnits are the units a Bảng điểm sheet lists: o.Units, only those
// of o.Group when it is set.
func matrixUnits(o TemplateOptions) []TemplateUnit {
	g := vntext.Fold(o.Group)
	var out []TemplateUnit
	for _, u := range o.Units {
		if g == "" || vntext.Fold(u.Group) == g {
			out = append(out, u)
		}
	}
	return out
}

// matrixColumns are the rows of the table that get a column: leaves and
// optional nodes of the form for o.Group.
func matrixColumns(o TemplateOptions) []formRow {
	var out []formRow
	for _, r := range newFormRows(o.Campaign, o.Group).rows {
		if r.Leaf || r.Optional {
			out = append(out, r)
		}
	}
	return out
}

func matrixLayout(o TemplateOptions, l *Layout) {
	l.HeaderRow = matrixHeaderRow
	l.UnitCodeCol, l.UnitNameCol = 1, 2
	l.MatrixCols = map[string]int{}
	for i, r := range matrixColumns(o) {
		l.MatrixCols[r.Code] = 3 + i
	}
	l.FirstUnitRow = matrixFirstUnit
	l.UnitRows = map[string]int{}
	units := matrixUnits(o)
	for i, u := range units {
		key := u.Code
		if key == "" {
			key = u.Name
		}
		l.UnitRows[key] = matrixFirstUnit + i
	}
	l.NUnitRows = len(units)
	if len(units) == 0 {
		l.NUnitRows = matrixBlankRows
	}
}

// howToFill says in a few words what a column of a Bảng điểm sheet takes.
func howToFill(row campaign.Row) string {
	var s string
	switch {
	case !row.Leaf:
		return "KAD nếu không áp dụng"
	case row.Figure != nil:
		label := row.Figure.Label
		if label == "" {
			label = "số liệu"
		}
		s = "Số liệu: " + label
	case row.Levels != nil:
		names := make([]string, len(row.Levels))
		for i, l := range row.Levels {
			names[i] = l.Name
		}
		s = strings.Join(names, " / ")
	case row.Choices != nil:
		s = strings.ReplaceAll(choiceList(row.Choices), "; ", " / ")
	case row.Kind == campaign.KindDeduction:
		s = "trừ 0 – " + row.Max.VI()
	default:
		s = fmt.Sprintf("%s – %s", min(row.Min, 0).VI(), row.Max.VI())
	}
	if row.Optional {
		s += " / KAD"
	}
	return s
}

// sqrefOf writes the cells of one column and rows as a validation's
// reference list, runs of rows as ranges: "C7:C9 C11".
func sqrefOf(col string, rows []int) string {
	var parts []string
	for i := 0; i < len(rows); {
		j := i
		for j+1 < len(rows) && rows[j+1] == rows[j]+1 {
			j++
		}
		if i == j {
			parts = append(parts, fmt.Sprintf("%s%d", col, rows[i]))
		} else {
			parts = append(parts, fmt.Sprintf("%s%d:%s%d", col, rows[i], col, rows[j]))
		}
		i = j + 1
	}
	return strings.Join(parts, " ")
}

func writeMatrix(f *excelize.File, st *styles, l Layout, o TemplateOptions, lists *listSource) error {
	sh := SheetMatrix
	c := o.Campaign
	var errs []error
	chk := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	cols := matrixColumns(o)
	units := matrixUnits(o)
	ncols := 2 + len(cols)
	lastCol, _ := excelize.ColumnNumberToName(ncols)
	chk(f.SetColWidth(sh, "A", "A", 12))
	chk(f.SetColWidth(sh, "B", "B", 32))
	if len(cols) > 0 {
		chk(f.SetColWidth(sh, "C", lastCol, 12))
	}
	title := "BẢNG ĐIỂM THI ĐUA"
	if o.evaluated() {
		title = "BẢNG CHẤM ĐIỂM THI ĐUA"
	}
	if o.Group != "" {
		title += " — " + strings.ToUpper(o.Group)
	}
	chk(f.MergeCell(sh, "A1", lastCol+"1"))
	chk(f.SetCellStr(sh, "A1", title))
	chk(f.SetCellStyle(sh, "A1", lastCol+"1", st.title))
	chk(f.SetRowHeight(sh, 1, 24))
	sub := "Phong trào: " + c.Name
	if !o.Period.IsZero() {
		sub += " — " + o.Period.Label()
	}
	if o.Evaluator != "" {
		sub += " — Đơn vị chấm: " + o.Evaluator
	}
	chk(f.MergeCell(sh, "A2", lastCol+"2"))
	chk(f.SetCellStr(sh, "A2", sub))
	chk(f.SetCellStyle(sh, "A2", lastCol+"2", st.subtitle))
	chk(f.SetRowHeight(sh, 2, 36))

	hr := l.HeaderRow
	for i, t := range []string{"Mã đơn vị", "Đơn vị"} {
		ref := cellRef(1+i, hr)
		chk(f.SetCellStr(sh, ref, t))
		chk(f.SetCellStyle(sh, ref, ref, st.header))
	}
	chk(f.SetCellStr(sh, cellRef(1, hr+1), "Nội dung"))
	chk(f.SetCellStr(sh, cellRef(1, hr+2), "Cách ghi"))
	for _, r := range []int{hr + 1, hr + 2} {
		chk(f.MergeCell(sh, cellRef(1, r), cellRef(2, r)))
		chk(f.SetCellStyle(sh, cellRef(1, r), cellRef(2, r), st.lazy(f, "matrixNote")))
	}
	for _, fr := range cols {
		col := l.MatrixCols[fr.Code]
		ref := cellRef(col, hr)
		chk(f.SetCellStr(sh, ref, fr.Code))
		chk(f.SetCellStyle(sh, ref, ref, st.header))
		t := fr.Title
		if fr.max != 0 || fr.Leaf {
			t = fmt.Sprintf("%s (tối đa %s)", clip(fr.Title, 90), fr.max.VI())
		}
		ref = cellRef(col, hr+1)
		chk(f.SetCellStr(sh, ref, t))
		chk(f.SetCellStyle(sh, ref, ref, st.lazy(f, "matrixHead")))
		ref = cellRef(col, hr+2)
		chk(f.SetCellStr(sh, ref, howToFill(fr.Row)))
		chk(f.SetCellStyle(sh, ref, ref, st.lazy(f, "matrixHead")))
	}
	chk(f.SetRowHeight(sh, hr, 22))
	chk(f.SetRowHeight(sh, hr+1, 90))
	chk(f.SetRowHeight(sh, hr+2, 36))

	// The unit rows, and per column the rows whose unit has the row.
	open := make([][]int, len(cols))
	for i := 0; i < l.NUnitRows; i++ {
		r := l.FirstUnitRow + i
		var u *TemplateUnit
		if i < len(units) {
			u = &units[i]
		}
		if u != nil {
			chk(f.SetCellStr(sh, cellRef(1, r), u.Code))
			chk(f.SetCellStr(sh, cellRef(2, r), u.Name))
			chk(f.SetCellStyle(sh, cellRef(1, r), cellRef(2, r), st.lazy(f, "unit")))
		} else {
			chk(f.SetCellStyle(sh, cellRef(1, r), cellRef(2, r), st.input))
		}
		for k, fr := range cols {
			ref := cellRef(l.MatrixCols[fr.Code], r)
			if u != nil && !fr.AppliesToGroup(u.Group) {
				chk(f.SetCellStyle(sh, ref, ref, st.lazy(f, "none")))
				continue
			}
			chk(f.SetCellStyle(sh, ref, ref, st.text))
			open[k] = append(open[k], r)
		}
		chk(f.SetRowHeight(sh, r, 20))
	}
	for k, fr := range cols {
		if len(open[k]) == 0 {
			continue
		}
		name, _ := excelize.ColumnNumberToName(l.MatrixCols[fr.Code])
		sqref := sqrefOf(name, open[k])
		switch {
		case !fr.Leaf:
			chk(f.AddDataValidation(sh, kadValidation(sqref, fr.Row, lists)))
		case fr.Figure != nil:
			dv := figureValidation(sqref, fr.Row)
			if fr.Optional {
				// A figure column of an optional row also takes KAD: no
				// validation can say both, the reader checks it.
				dv = excelize.NewDataValidation(true)
				dv.Sqref = sqref
				setInput(dv, "Mục "+fr.Code, "Ghi số liệu (số không âm) hoặc KAD nếu không áp dụng. "+figureText(fr.Row)+".")
			}
			chk(f.AddDataValidation(sh, dv))
		default:
			dv, err := leafValidation(sqref, fr.Row, false, o.evaluated(), true, lists)
			chk(err)
			if err == nil {
				chk(f.AddDataValidation(sh, dv))
			}
		}
	}
	chk(f.SetPanes(sh, &excelize.Panes{Freeze: true, XSplit: 2, YSplit: hr + 2, TopLeftCell: cellRef(3, hr+3), ActivePane: "bottomRight"}))
	chk(f.ProtectSheet(sh, &excelize.SheetProtectionOptions{SelectLockedCells: true, SelectUnlockedCells: true, FormatColumns: true, FormatRows: true}))
	chk(setA4(f, sh, "landscape"))
	chk(f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: fmt.Sprintf("'%s'!$A:$B,'%s'!$%d:$%d", sh, sh, hr, hr+2), Scope: sh}))
	return joinErrs(errs)
}

// matrixGuideLines are the lines of a Bảng điểm workbook's "Hướng dẫn"
// sheet after its heading.
func matrixGuideLines(o TemplateOptions) []string {
	c := o.Campaign
	fr := newFormRows(c, o.Group)
	var out []string
	info := "1. Trang \"Thông tin\": ghi kỳ báo cáo, người lập, điện thoại, email và ngày lập vào các ô màu vàng (ngày ghi theo dạng ngày/tháng/năm, ví dụ 05/10/2026)."
	blank := "Ô để trống trong dòng đã có điểm tính 0 điểm."
	if o.evaluated() {
		info = "1. Trang \"Thông tin\": ghi tên đơn vị chấm vào ô \"Đơn vị chấm\" (bắt buộc: bảng điểm không ghi đơn vị chấm không được tính), kỳ báo cáo, người lập, điện thoại, email và ngày lập vào các ô màu vàng (ngày ghi theo dạng ngày/tháng/năm, ví dụ 05/10/2026)."
		blank = "Ô để trống trong dòng đã có điểm là mục không chấm (không tính vào điểm trung bình)."
	}
	out = append(out, info,
		"2. Trang \"Bảng điểm\": mỗi dòng là một đơn vị (cột \"Mã đơn vị\", \"Đơn vị\"), mỗi cột là một mục chấm điểm: mã mục ở dòng tiêu đề, nội dung và cách ghi ở hai dòng dưới. Ghi điểm của từng đơn vị vào ô màu vàng; ô xám là mục không áp dụng cho đơn vị đó.",
		"3. Dòng để trống toàn bộ: đơn vị đó coi như chưa được chấm trong bảng này. "+blank,
		fmt.Sprintf("4. Điểm thưởng (cột T…) cộng thêm, tổng không quá %s điểm. Điểm trừ (cột D…) ghi số điểm bị trừ (ví dụ 2), tổng không quá %s điểm; không bị trừ thì ghi 0.", c.Bonus.EffectiveCap().VI(), c.Deductions.EffectiveCap().VI()),
	)
	n := 5
	if c.EvaluatedBy() == campaign.EvalPeers && c.ExcludeSelf() {
		out = append(out, "5. Chấm chéo: dòng của chính đơn vị chấm không được tính.")
		n++
	}
	out, n = numberRules(out, ruleGuide(fr, o, "ô của mục đó (cột của mục ghi số liệu, không ghi điểm)"), n)
	out = append(out,
		fmt.Sprintf("%d. Không đổi tên trang tính, không xóa cột, không sửa mã mục ở dòng tiêu đề và mã đơn vị.", n),
		fmt.Sprintf("%d. Lưu tệp dạng Excel (.xlsx hoặc .xls), không đặt mật khẩu, rồi gửi lại cho bộ phận thi đua - khen thưởng đúng hạn.", n+1),
	)
	return out
}
