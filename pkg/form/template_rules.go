package form

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/thidua/thidua/pkg/campaign"
	"github.com/thidua/thidua/pkg/vntext"
)

// How the template shows the rules of a criteria table: drop-downs for
// choices and levels, a live formula for a figure's points, KAD for an
// optional node, rows left out for another group, and the lines that say
// so. A table without rules gets the form it always had, byte for byte.

// formRow is a row of the table as a form for one group has it: max is
// the row's maximum there (a parent's max less the weighted maxima of the
// children the group does not have).
type formRow struct {
	campaign.Row
	max campaign.Points
}

// formRows are the rows of a form for one group, in form order.
type formRows struct {
	c      *campaign.Campaign
	rows   []formRow
	byCode map[string]int // normalised code → index in rows
	all    bool           // the group has every row
}

// newFormRows returns the rows a form for group has ("" : every row).
func newFormRows(c *campaign.Campaign, group string) formRows {
	all := c.Rows()
	idx := make(map[string]int, len(all))
	for i, r := range all {
		idx[campaign.NormCode(r.Code)] = i
	}
	present := make([]bool, len(all))
	appMax := make([]campaign.Points, len(all))
	full := true
	for i, r := range all {
		present[i] = r.AppliesToGroup(group)
		full = full && present[i]
	}
	// Rows are in depth-first pre-order: backwards, children come first.
	for i := len(all) - 1; i >= 0; i-- {
		r := all[i]
		switch {
		case !present[i]:
			appMax[i] = 0
		case r.Leaf:
			appMax[i] = r.Max
		default:
			mx := r.Max
			for _, ch := range r.Children {
				j, ok := idx[campaign.NormCode(ch)]
				if !ok {
					continue
				}
				w := all[j].Weight
				mx -= campaign.Weighted(all[j].Max, w) - campaign.Weighted(appMax[j], w)
			}
			appMax[i] = max(mx, 0)
		}
	}
	fr := formRows{c: c, byCode: map[string]int{}, all: full}
	for i, r := range all {
		if present[i] {
			fr.byCode[campaign.NormCode(r.Code)] = len(fr.rows)
			fr.rows = append(fr.rows, formRow{Row: r, max: appMax[i]})
		}
	}
	return fr
}

// children returns the children of row the form has.
func (fr formRows) children(row campaign.Row) []campaign.Row {
	var out []campaign.Row
	for _, ch := range row.Children {
		if i, ok := fr.byCode[campaign.NormCode(ch)]; ok {
			out = append(out, fr.rows[i].Row)
		}
	}
	return out
}

// maxTotal is the highest total the form's unit can reach: its contents'
// weighted maxima (the scale when it has every row) plus the bonus cap.
func (fr formRows) maxTotal() campaign.Points {
	if fr.all {
		return fr.c.MaxTotal()
	}
	var m campaign.Points
	for _, r := range fr.rows {
		if r.Kind == campaign.KindContent {
			m += campaign.Weighted(r.max, r.Weight)
		}
	}
	return m + fr.c.Bonus.EffectiveCap()
}

// quoteF writes s as a string of a formula.
func quoteF(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// pointsTerm is what row (a child of a parent, or a content, bonus or
// deduction row of the total) adds to a sum of column col: its cell; a
// levels row's cell turned into the level's points (the drop-down gives
// the name); × its weight.
func pointsTerm(row campaign.Row, col string, r int) string {
	ref := fmt.Sprintf("%s%d", col, r)
	term := ref
	if row.Levels != nil && row.Leaf {
		var b strings.Builder
		for _, l := range row.Levels {
			fmt.Fprintf(&b, "IF(%s=%s,%s,", ref, quoteF(l.Name), l.Points.String())
		}
		b.WriteString("N(" + ref + ")")
		b.WriteString(strings.Repeat(")", len(row.Levels)))
		term = b.String()
	}
	if row.Weight != 100 && row.Weight != 0 {
		if term == ref {
			term = "N(" + ref + ")"
		}
		term = fmt.Sprintf("ROUND(%s*%s,2)", term, row.Weight.String())
	}
	return term
}

// figureFormula is the formula of a figure row's score cell: the points
// its figure (the cell fig) gives, as campaign.Figure.Points computes them
// — linear: start + per × figure rounded half away from zero to
// hundredths (ROUND) and kept within [min, max]; steps: the points of the
// highest step not above the figure (nested IF), 0 below every step —
// blank while the figure is blank. Excel (2010 on) and LibreOffice
// evaluate it alike.
func figureFormula(row campaign.Row, fig string) string {
	f := row.Figure
	lo := min(f.Min, row.Max)
	var pts string
	if f.Linear() {
		v := fmt.Sprintf("ROUND(%s*%s,2)", f.Per.String(), fig)
		if f.Start != 0 {
			v = f.Start.String() + "+" + v
		}
		pts = fmt.Sprintf("MIN(%s,MAX(%s,%s))", row.Max.String(), lo.String(), v)
	} else {
		steps := slices.Clone(f.Steps)
		slices.SortStableFunc(steps, func(a, b campaign.Step) int { return int(b.From - a.From) })
		var b strings.Builder
		clamp := false
		for _, st := range steps {
			fmt.Fprintf(&b, "IF(%s>=%s,%s,", fig, st.From.String(), st.Points.String())
			clamp = clamp || st.Points < lo || st.Points > row.Max
		}
		b.WriteString("0" + strings.Repeat(")", len(steps)))
		pts = b.String()
		if clamp {
			pts = fmt.Sprintf("MIN(%s,MAX(%s,%s))", row.Max.String(), lo.String(), pts)
		}
	}
	return fmt.Sprintf("IF(COUNT(%s)=0,\"\",%s)", fig, pts)
}

// figureText says how a figure gives its points, for the guide and the
// cell's prompt: "điểm = 10 − 0,5 × số liệu, thấp nhất 0, cao nhất 10".
func figureText(row campaign.Row) string {
	f := row.Figure
	lo := min(f.Min, row.Max)
	if f.Linear() {
		var b strings.Builder
		b.WriteString("điểm = ")
		if f.Start != 0 {
			b.WriteString(f.Start.VI())
			if f.Per < 0 {
				b.WriteString(" − " + (-f.Per).VI())
			} else {
				b.WriteString(" + " + f.Per.VI())
			}
		} else {
			b.WriteString(f.Per.VI())
		}
		b.WriteString(" × số liệu")
		fmt.Fprintf(&b, ", thấp nhất %s, cao nhất %s", lo.VI(), row.Max.VI())
		return b.String()
	}
	steps := slices.Clone(f.Steps)
	slices.SortStableFunc(steps, func(a, b campaign.Step) int { return int(b.From - a.From) })
	parts := make([]string, 0, len(steps)+1)
	for _, st := range steps {
		parts = append(parts, fmt.Sprintf("từ %s: %s điểm", st.From.VI(), st.Points.VI()))
	}
	if last := steps[len(steps)-1]; last.From > 0 {
		parts = append(parts, fmt.Sprintf("dưới %s: 0 điểm", last.From.VI()))
	}
	return strings.Join(parts, "; ")
}

// ruleLine is the line the template writes under a row's title to say its
// rule ("" for a row without one): the figure to write, the choices or
// levels, KAD, the weight, evidence required.
func ruleLine(row campaign.Row) string {
	var parts []string
	switch {
	case row.Figure != nil:
		label := row.Figure.Label
		if label == "" {
			label = "số liệu"
		}
		parts = append(parts, "Ghi số liệu ("+label+") vào cột Số liệu, điểm tự tính: "+figureText(row))
	case row.Levels != nil:
		parts = append(parts, "Chọn mức: "+levelList(row.Levels))
	case row.Choices != nil:
		parts = append(parts, "Chọn một mức điểm: "+choiceList(row.Choices))
	}
	if row.Weight != 100 && row.Weight != 0 {
		parts = append(parts, "hệ số "+row.Weight.VI())
	}
	if row.Optional {
		parts = append(parts, "không áp dụng thì ghi KAD")
	}
	if row.Evidence && row.Leaf {
		parts = append(parts, "(*) bắt buộc ghi minh chứng")
	}
	if len(parts) == 0 {
		return ""
	}
	return firstUpper(strings.Join(parts, "; "))
}

// firstUpper and firstLower change the case of the first letter of s.
func firstUpper(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+utf8.RuneLen(r):]
	}
	return s
}

func firstLower(s string) string {
	for i, r := range s {
		return strings.ToLower(string(r)) + s[i+utf8.RuneLen(r):]
	}
	return s
}

// clipUTF16 shortens s to n UTF-16 units (Excel's limits on a validation's
// title, prompt and message).
func clipUTF16(s string, n int) string {
	if len(utf16.Encode([]rune(s))) <= n {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && len(utf16.Encode(r))+1 > n {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}

// The limits of a data validation (Excel refuses or repairs a file past them).
const (
	dvTitleMax  = 32
	dvPromptMax = 255
	dvErrorMax  = 225
	dvListMax   = 255
)

// setInput and setError set a validation's prompt and error message within
// Excel's limits.
func setInput(dv *excelize.DataValidation, title, msg string) {
	dv.SetInput(clipUTF16(title, dvTitleMax), clipUTF16(msg, dvPromptMax))
}

func setError(dv *excelize.DataValidation, title, msg string) {
	dv.SetError(excelize.DataValidationErrorStyleStop, clipUTF16(title, dvTitleMax), clipUTF16(msg, dvErrorMax))
}

// listSource holds the drop-down lists too long (or with commas) to be
// written in the validation itself: they go into columns of the hidden
// "_thidua" sheet from D on, and the validation refers to them.
type listSource struct {
	f    *excelize.File
	next int // next column (0: D)
	seen map[string]string
}

// list sets dv to a drop-down of items.
func (ls *listSource) list(dv *excelize.DataValidation, items []string) error {
	inline := strings.Join(items, ",")
	fits := len(utf16.Encode([]rune(inline)))+2 <= dvListMax
	for _, it := range items {
		if strings.ContainsAny(it, `,"`) {
			fits = false
		}
	}
	if fits {
		return dv.SetDropList(items)
	}
	key := strings.Join(items, "\x00")
	if ref, ok := ls.seen[key]; ok {
		dv.SetSqrefDropList(ref)
		return nil
	}
	col := 4 + ls.next
	ls.next++
	name, err := excelize.ColumnNumberToName(col)
	if err != nil {
		return err
	}
	for i, it := range items {
		if err := ls.f.SetCellStr(SheetHidden, cellRef(col, i+1), it); err != nil {
			return err
		}
	}
	ref := fmt.Sprintf("'%s'!$%s$1:$%s$%d", SheetHidden, name, name, len(items))
	if ls.seen == nil {
		ls.seen = map[string]string{}
	}
	ls.seen[key] = ref
	dv.SetSqrefDropList(ref)
	return nil
}

// kadTexts are what a drop-down offers to mark a node not applicable.
var kadTexts = []string{"KAD", "Không áp dụng"}

// kadValidation is the validation of an optional node's own score cell
// that holds a formula (a parent's sum, a figure's points): KAD only.
func kadValidation(ref string, row campaign.Row, lists *listSource) *excelize.DataValidation {
	dv := excelize.NewDataValidation(true)
	dv.Sqref = ref
	_ = lists.list(dv, kadTexts)
	setInput(dv, "Mục "+row.Code, "Ô này tự tính. Nếu mục "+row.Code+" không áp dụng cho đơn vị, ghi KAD (Không áp dụng) đè lên.")
	setError(dv, "Không hợp lệ", "Mục "+row.Code+": chỉ được ghi KAD (Không áp dụng); điểm của mục tự tính.")
	return dv
}

// figureValidation is the validation of a figure's "Số liệu" cell: a
// number ≥ 0 (a count, a percentage or an average: decimals allowed).
func figureValidation(ref string, row campaign.Row) *excelize.DataValidation {
	dv := excelize.NewDataValidation(true)
	dv.Sqref = ref
	_ = dv.SetRange(0, "", excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorGreaterThanOrEqual)
	label := row.Figure.Label
	if label == "" {
		label = "Số liệu"
	}
	setInput(dv, label, "Mục "+row.Code+": ghi "+firstLower(label)+" (số không âm; tỷ lệ ghi số phần trăm, ví dụ 95, không gõ dấu %). "+firstUpper(figureText(row))+".")
	setError(dv, "Số liệu không hợp lệ", "Mục "+row.Code+": số liệu phải là một số không âm.")
	return dv
}

// leafValidation is the validation of a leaf's score cell (self, or
// review): a drop-down of its choices or level names (and, with
// levelPoints, the levels' points too: a Bảng điểm sheet is typed fast),
// else a number from its min to its max; an optional leaf's own cell also
// takes KAD.
func leafValidation(ref string, row campaign.Row, review, evaluated, levelPoints bool, lists *listSource) (*excelize.DataValidation, error) {
	dv := excelize.NewDataValidation(true)
	dv.Sqref = ref
	kad := row.Optional && !review
	what := "điểm tự chấm"
	switch {
	case review:
		what = "điểm thẩm định (do Hội đồng ghi)"
	case evaluated:
		what = "điểm chấm"
	}
	switch {
	case row.Levels != nil || row.Choices != nil:
		var items []string
		var shown string
		if row.Levels != nil {
			for _, l := range row.Levels {
				items = append(items, l.Name)
			}
			if levelPoints {
				for _, l := range row.Levels {
					if p := l.Points.String(); !slices.Contains(items, p) {
						items = append(items, p)
					}
				}
			}
			shown = levelList(row.Levels)
		} else {
			for _, c := range row.Choices {
				items = append(items, c.String())
			}
			shown = choiceList(row.Choices)
		}
		if kad {
			items = append(items, kadTexts...)
		}
		if err := lists.list(dv, items); err != nil {
			return nil, err
		}
		msg := fmt.Sprintf("Chọn %s của mục %s trong danh sách: %s.", what, row.Code, shown)
		if kad {
			msg += " Không áp dụng thì chọn KAD."
		}
		setInput(dv, "Mục "+row.Code, msg)
		setError(dv, "Không có trong danh sách", fmt.Sprintf("Mục %s: hãy chọn một mức trong danh sách (%s).", row.Code, shown))
		return dv, nil
	case kad:
		lo := min(row.Min, 0)
		// The formula is relative to the first cell of the reference list.
		anchor, _, _ := strings.Cut(strings.Fields(ref)[0], ":")
		f := fmt.Sprintf(`OR(AND(ISNUMBER(%[1]s),%[1]s>=%[2]s,%[1]s<=%[3]s),%[1]s="KAD",%[1]s="Không áp dụng")`, anchor, lo.String(), row.Max.String())
		dv.Type = "custom"
		dv.Formula1 = xmlEscapeText(f)
		setInput(dv, "Mục "+row.Code, fmt.Sprintf("Nhập %s của mục %s: một số từ %s đến %s; không áp dụng thì ghi KAD.", what, row.Code, lo.VI(), row.Max.VI()))
		setError(dv, "Điểm không hợp lệ", fmt.Sprintf("Mục %s: điểm phải là số từ %s đến %s, hoặc KAD.", row.Code, lo.VI(), row.Max.VI()))
		return dv, nil
	}
	lo := min(row.Min, 0)
	if err := dv.SetRange(lo.Float(), row.Max.Float(), excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween); err != nil {
		return nil, err
	}
	hint := fmt.Sprintf("Nhập %s của mục %s: một số từ %s đến %s (ví dụ %s).", what, row.Code, lo.VI(), row.Max.VI(), campaign.Points(row.Max/2).VI())
	if row.Kind == campaign.KindDeduction {
		hint = fmt.Sprintf("Nhập số điểm bị trừ của mục %s: từ 0 đến %s; không bị trừ thì ghi 0.", row.Code, row.Max.VI())
	}
	dv.SetInput("Mục "+row.Code, hint)
	dv.SetError(excelize.DataValidationErrorStyleStop, "Điểm không hợp lệ", fmt.Sprintf("Mục %s: điểm phải là số từ %s đến %s.", row.Code, lo.VI(), row.Max.VI()))
	return dv, nil
}

// xmlEscapeText escapes text for an XML element's content.
func xmlEscapeText(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// guideLines are the lines of the "Hướng dẫn" sheet after its heading:
// how to fill the form, and one line for each rule the table has.
func guideLines(o TemplateOptions) []string {
	c := o.Campaign
	fr := newFormRows(c, o.Group)
	var head, rules []string
	if o.evaluated() {
		who := "đơn vị (sở, ngành, thành viên hội đồng) chấm điểm"
		if c.EvaluatedBy() == campaign.EvalPeers {
			who = "đơn vị chấm chéo (ghi mã hoặc tên đơn vị mình như trong danh sách)"
		}
		head = []string{
			"1. Trang \"Thông tin\": ghi tên " + who + " vào ô \"Đơn vị chấm\" (bắt buộc: phiếu không ghi đơn vị chấm không được tính), tên đơn vị được chấm, kỳ báo cáo, người lập, điện thoại, email và ngày lập vào các ô màu vàng (ngày ghi theo dạng ngày/tháng/năm, ví dụ 05/10/2026).",
			"2. Trang \"Chấm điểm\": ghi điểm chấm cho đơn vị được chấm của từng mục vào cột \"Điểm chấm\" (ô màu vàng). Điểm là số từ 0 đến điểm tối đa của mục, có thể lẻ đến hai chữ số thập phân (ví dụ 7,5). Mục để trống là mục không chấm (không tính vào điểm trung bình). Dòng in đậm và dòng nền xám tự cộng, không cần ghi.",
		}
		if c.EvaluatedBy() == campaign.EvalPeers && c.ExcludeSelf() {
			head = append(head, "   Chấm chéo: đơn vị không chấm cho chính mình (phiếu tự chấm của đơn vị không được tính).")
		}
	} else {
		head = []string{
			"1. Trang \"Thông tin\": ghi tên đơn vị, kỳ báo cáo, người lập, điện thoại, email và ngày lập vào các ô màu vàng (ngày ghi theo dạng ngày/tháng/năm, ví dụ 05/10/2026).",
			"2. Trang \"Chấm điểm\": ghi điểm tự chấm của từng mục vào cột \"Tự chấm\" (ô màu vàng). Điểm là số từ 0 đến điểm tối đa của mục, có thể lẻ đến hai chữ số thập phân (ví dụ 7,5). Dòng in đậm và dòng nền xám tự cộng, không cần ghi.",
		}
	}
	evidence := "4. Cột \"Minh chứng\": ghi số, ngày văn bản hoặc tài liệu chứng minh điểm tự chấm. Cột \"Thẩm định\" do Hội đồng thi đua ghi, đơn vị để trống."
	if o.evaluated() {
		evidence = "4. Cột \"Minh chứng\": ghi số, ngày văn bản hoặc tài liệu làm căn cứ chấm điểm. Cột \"Thẩm định\" do Hội đồng thi đua ghi, để trống."
	}
	head = append(head,
		fmt.Sprintf("3. Điểm thưởng (mục T…) cộng thêm, tổng không quá %s điểm. Điểm trừ (mục D…) ghi số điểm bị trừ (ví dụ 2), tổng không quá %s điểm; không bị trừ thì ghi 0.", c.Bonus.EffectiveCap().VI(), c.Deductions.EffectiveCap().VI()),
		evidence,
	)
	rules = ruleGuide(fr, o, "cột \"Số liệu\"")
	n := len(head) + 1
	if o.evaluated() && c.EvaluatedBy() == campaign.EvalPeers && c.ExcludeSelf() {
		n--
	}
	var out []string
	out = append(out, head...)
	out, n = numberRules(out, rules, n)
	out = append(out,
		fmt.Sprintf("%d. Không đổi tên trang tính, không xóa cột, không sửa cột \"Mã\" và \"Điểm tối đa\". Có thể chèn thêm dòng ghi chú nếu cần.", n),
		fmt.Sprintf("%d. Lưu tệp dạng Excel (.xlsx hoặc .xls), không đặt mật khẩu, rồi gửi lại cho bộ phận thi đua - khen thưởng đúng hạn.", n+1),
	)
	return out
}

// ruleGuide says, one paragraph per rule the form's rows have (and
// indented lines under it), how to fill them in; where says where a
// figure is written.
func ruleGuide(fr formRows, o TemplateOptions, where string) []string {
	c := o.Campaign
	var figures, levels, choices, kad, weights, evidence []string
	var figLines []string
	for _, r := range fr.rows {
		switch {
		case r.Figure != nil && r.Leaf:
			figures = append(figures, r.Code)
			label := r.Figure.Label
			if label == "" {
				label = "số liệu"
			}
			figLines = append(figLines, fmt.Sprintf("   – Mục %s (%s): %s.", r.Code, label, figureText(r.Row)))
		case r.Levels != nil && r.Leaf:
			levels = append(levels, fmt.Sprintf("%s: %s", r.Code, levelList(r.Levels)))
		case r.Choices != nil && r.Leaf:
			choices = append(choices, fmt.Sprintf("%s: %s", r.Code, choiceList(r.Choices)))
		}
		if r.Optional {
			kad = append(kad, r.Code)
		}
		if r.Weight != 100 && r.Weight != 0 {
			weights = append(weights, fmt.Sprintf("mục %s tính hệ số %s", r.Code, r.Weight.VI()))
		}
		if r.Evidence && r.Leaf {
			evidence = append(evidence, r.Code)
		}
	}
	var out []string
	if len(figures) > 0 {
		blank := " Để trống số liệu thì tính như số liệu 0."
		if o.evaluated() {
			blank = " Để trống số liệu là không chấm mục đó."
		}
		out = append(out, "Mục tính điểm theo số liệu ("+strings.Join(figures, ", ")+"): ghi số liệu (số lần, số lượng, tỷ lệ hoặc điểm bình quân; số không âm) vào "+where+"; điểm được tính tự động theo bảng tiêu chí, không ghi điểm. Tỷ lệ ghi số phần trăm, ví dụ 95 (không gõ dấu %)."+blank)
		out = append(out, figLines...)
	}
	if len(levels) > 0 {
		out = append(out, "Mục xếp mức (chọn tên mức trong danh sách thả xuống; cũng có thể ghi số điểm của mức): "+strings.Join(levels, "; ")+".")
	}
	if len(choices) > 0 {
		out = append(out, "Mục chỉ nhận một số mức điểm (chọn trong danh sách thả xuống): "+strings.Join(choices, "; ")+".")
	}
	if len(kad) > 0 {
		out = append(out, "Mục được phép không áp dụng ("+strings.Join(kad, ", ")+"): nếu đơn vị không có nội dung này thì ghi KAD (hoặc \"Không áp dụng\") vào ô điểm của chính mục đó (các mục con để trống); điểm tối đa của đơn vị giảm tương ứng. Mục khác không được ghi KAD.")
	}
	if len(weights) > 0 {
		out = append(out, "Mục tính hệ số: "+strings.Join(weights, "; ")+" (điểm và điểm tối đa của mục nhân với hệ số khi cộng vào mục trên).")
	}
	if len(evidence) > 0 {
		out = append(out, "Mục đánh dấu (*) bắt buộc ghi minh chứng ("+strings.Join(evidence, ", ")+"): mục có điểm mà để trống cột \"Minh chứng\" sẽ bị nhắc.")
	}
	if o.Group != "" && !fr.all {
		out = append(out, fmt.Sprintf("Phiếu dành cho đơn vị thuộc %s: các mục chỉ áp dụng cho khối khác không có trong phiếu, điểm tối đa đã trừ tương ứng (tối đa %s điểm, kể cả điểm thưởng).", o.Group, fr.maxTotal().VI()))
	}
	if c.Normalize {
		out = append(out, fmt.Sprintf("Điểm của đơn vị được quy đổi về thang %s điểm theo điểm tối đa áp dụng cho đơn vị; tổng điểm trên phiếu là điểm tạm tính chưa quy đổi.", c.Scale.VI()))
	}
	return out
}

func writeGuide(f *excelize.File, st *styles, o TemplateOptions) error {
	sh := SheetGuide
	title := "HƯỚNG DẪN ĐIỀN PHIẾU"
	var body []string
	if o.Matrix {
		title = "HƯỚNG DẪN ĐIỀN BẢNG ĐIỂM"
		body = matrixGuideLines(o)
	} else {
		body = guideLines(o)
	}
	lines := append([]string{title}, body...)
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
	if g := vntext.Clean(o.Group); g != "" && hasAppliesTo(o.Campaign) {
		// The reader does not ask for the rows another group has.
		rows = append(rows, [2]string{"group", g})
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

// hasAppliesTo reports whether some row of c is only some groups'.
func hasAppliesTo(c *campaign.Campaign) bool {
	for _, r := range c.Rows() {
		if r.AppliesTo != nil {
			return true
		}
	}
	return false
}

// numberRules appends the guide's rules to out numbered from n (a line
// indented by three spaces continues the rule above it, unnumbered) and
// returns out and the next number.
func numberRules(out, rules []string, n int) ([]string, int) {
	for _, r := range rules {
		if strings.HasPrefix(r, "   ") {
			out = append(out, r)
			continue
		}
		out = append(out, fmt.Sprintf("%d. %s", n, r))
		n++
	}
	return out, n
}
