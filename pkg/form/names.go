package form

import (
	"regexp"
	"strings"

	"github.com/thidua/thidua/pkg/vntext"
)

// Sheet names of the form as WriteTemplate writes them.
const (
	SheetInfo   = "Thông tin"
	SheetScore  = "Chấm điểm"
	SheetGuide  = "Hướng dẫn"
	SheetHidden = "_thidua"
	// SheetMatrix is the sheet of many units in one table (one row per
	// unit, one column per leaf code) that WriteTemplate writes with
	// TemplateOptions.Matrix.
	SheetMatrix = "Bảng điểm"
)

// FormatVersion is the value of the "format" key of the hidden sheet.
const FormatVersion = "thidua-form/1"

// Field names the labels of the "Thông tin" sheet.
type Field int

// The labels of the "Thông tin" sheet.
const (
	FieldUnit Field = iota + 1
	FieldUnitCode
	FieldPeriod
	FieldCampaign
	FieldPreparer
	FieldPhone
	FieldEmail
	FieldDate
	// FieldEvaluator is "Đơn vị chấm": who scored the form, on forms of a
	// table scored by evaluators or peers. It is not one of Labels (forms of
	// other tables do not have it): EvaluatorLabel is its text.
	FieldEvaluator
)

// EvaluatorLabel is the label of FieldEvaluator as WriteTemplate writes it.
const EvaluatorLabel = "Đơn vị chấm"

// Column names the columns of the "Chấm điểm" sheet.
type Column int

// The columns of the "Chấm điểm" sheet.
const (
	ColCode Column = iota + 1
	ColTitle
	ColMax
	ColSelf
	ColReview
	ColEvidence
	ColNote
	// ColFigure is "Số liệu": the figure of a figure row (a count or a
	// percentage) from which the points are computed. WriteTemplate writes
	// it, between "Điểm tối đa" and "Tự chấm", only for a table with figure
	// rows; it is not one of Headers.
	ColFigure
)

// The header texts WriteTemplate writes besides Headers: the figure column
// of a table with figure rows, and the score column of a form filled by an
// evaluator instead of "Tự chấm".
const (
	FigureHeader = "Số liệu"
	ScoredHeader = "Điểm chấm"
)

// Labels are the labels of the "Thông tin" sheet as WriteTemplate writes
// them, in order.
var Labels = []struct {
	Field Field
	Text  string
}{
	{FieldUnit, "Đơn vị"},
	{FieldUnitCode, "Mã đơn vị"},
	{FieldPeriod, "Kỳ báo cáo"},
	{FieldCampaign, "Phong trào"},
	{FieldPreparer, "Người lập"},
	{FieldPhone, "Điện thoại"},
	{FieldEmail, "Email"},
	{FieldDate, "Ngày lập"},
}

// Headers are the column headers of the "Chấm điểm" sheet as WriteTemplate
// writes them, in order.
var Headers = []struct {
	Column Column
	Text   string
}{
	{ColCode, "Mã"},
	{ColTitle, "Nội dung"},
	{ColMax, "Điểm tối đa"},
	{ColSelf, "Tự chấm"},
	{ColReview, "Thẩm định"},
	{ColEvidence, "Minh chứng"},
	{ColNote, "Ghi chú"},
}

// labelSynonyms maps folded label text to the field (docs/forms.md#labels
// and the variants seen on hand-made forms).
var labelSynonyms = foldMap(map[string]Field{
	"Đơn vị": FieldUnit, "Tên đơn vị": FieldUnit, "Cơ quan, đơn vị": FieldUnit, "Đơn vị tự chấm": FieldUnit,
	"Mã đơn vị": FieldUnitCode, "Mã ĐV": FieldUnitCode,
	"Kỳ báo cáo": FieldPeriod, "Kỳ đánh giá": FieldPeriod, "Kỳ chấm điểm": FieldPeriod, "Kỳ": FieldPeriod,
	"Phong trào": FieldCampaign, "Mã phong trào": FieldCampaign, "Phong trào thi đua": FieldCampaign,
	"Người lập": FieldPreparer, "Người lập phiếu": FieldPreparer, "Người lập biểu": FieldPreparer,
	"Điện thoại": FieldPhone, "Số điện thoại": FieldPhone, "ĐT": FieldPhone,
	"Email": FieldEmail, "E-mail": FieldEmail, "Thư điện tử": FieldEmail,
	"Ngày lập": FieldDate, "Ngày lập phiếu": FieldDate, "Ngày": FieldDate,
	"Đơn vị được chấm": FieldUnit, "Đơn vị được đánh giá": FieldUnit,
	"Đơn vị chấm": FieldEvaluator, "Người chấm": FieldEvaluator, "Đơn vị chấm điểm": FieldEvaluator,
	"Cơ quan chấm": FieldEvaluator, "Đơn vị đánh giá": FieldEvaluator, "Người chấm điểm": FieldEvaluator,
})

// headerSynonyms maps folded header text to the column.
var headerSynonyms = foldMap(map[string]Column{
	"Mã": ColCode, "STT": ColCode, "Mã tiêu chí": ColCode, "Mã số": ColCode, "TT": ColCode, "Số TT": ColCode,
	"Nội dung": ColTitle, "Tiêu chí": ColTitle, "Nội dung tiêu chí": ColTitle, "Nội dung chấm điểm": ColTitle, "Nội dung, tiêu chí": ColTitle,
	"Điểm tối đa": ColMax, "Điểm chuẩn": ColMax, "Thang điểm": ColMax,
	"Tự chấm": ColSelf, "Điểm tự chấm": ColSelf, "Đơn vị tự chấm": ColSelf,
	"Thẩm định": ColReview, "Điểm thẩm định": ColReview, "Hội đồng chấm": ColReview, "Khối chấm": ColReview,
	"BCH chấm": ColReview, "Điểm hội đồng chấm": ColReview, "Điểm khối chấm": ColReview,
	"Minh chứng": ColEvidence, "Tài liệu minh chứng": ColEvidence, "Minh chứng, tài liệu kèm theo": ColEvidence,
	"Ghi chú": ColNote,
	"Số liệu": ColFigure, "Số lần": ColFigure, "Kết quả đạt được": ColFigure,
})

// weakSelfHeaders name the score column only when the row has no other
// score header ("Tự chấm" …): on an evaluator's form the scores are
// "Điểm chấm"; a hand-made form with both keeps "Tự chấm".
var weakSelfHeaders = foldSet(ScoredHeader, "Điểm đánh giá")

// sheetSynonyms are the folded names of the two sheets the reader looks for.
var (
	infoSheetNames  = foldSet("Thông tin", "Thông tin chung", "Thông tin đơn vị", "ThongTin")
	scoreSheetNames = foldSet("Chấm điểm", "Phiếu chấm điểm", "Bảng chấm điểm", "Tự chấm điểm", "ChamDiem", "Bảng điểm")
)

func foldMap[T any](m map[string]T) map[string]T {
	out := make(map[string]T, len(m))
	for k, v := range m {
		out[headerKey(k)] = v
	}
	return out
}

func foldSet(names ...string) map[string]bool {
	out := map[string]bool{}
	for _, n := range names {
		out[headerKey(n)] = true
	}
	return out
}

var reParen = regexp.MustCompile(`\([^)]*\)`)

// headerKey folds a label or header for matching: vntext.Fold, then text in
// brackets ("Điểm tự chấm (đ)") and trailing dots, stars and colons dropped.
func headerKey(s string) string {
	f := vntext.Fold(s)
	if strings.Contains(f, "(") {
		f = vntext.Fold(reParen.ReplaceAllString(f, " "))
	}
	f = strings.TrimRight(f, ".*: ")
	return f
}
