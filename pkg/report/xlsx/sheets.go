package xlsx

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/thidua/thidua/pkg/campaign"
	"github.com/thidua/thidua/pkg/diag"
	"github.com/thidua/thidua/pkg/report"
	"github.com/thidua/thidua/pkg/score"
)

// column is one column of a table: its header and width.
type column struct {
	head  string
	width float64
}

// c makes a styled cell. Strings are always written as strings (inline
// strings in streamed sheets): excelize never turns them into formulas.
func c(style int, v any) excelize.Cell { return excelize.Cell{StyleID: style, Value: v} }

// pts is a score as a spreadsheet number.
func pts(p campaign.Points) float64 { return p.Float() }

// col returns the letters of column n (1-based).
func col(n int) string {
	s, _ := excelize.ColumnNumberToName(n)
	return s
}

// ref returns "A1"-style references.
func ref(colN, row int) string { return col(colN) + strconv.Itoa(row) }

// sheetRef quotes a sheet name for a formula or a defined name.
func sheetRef(sheet string) string { return "'" + strings.ReplaceAll(sheet, "'", "''") + "'" }

// startTable sets up a table sheet and opens it for streaming: auto-filter
// over the table, print setup, column widths, frozen header; then it
// writes the title rows (each merged across the table) and the header row.
// Sheet-level settings go first: the stream writer writes the parts of the
// sheet that precede its rows when it starts. It returns the stream
// writer and the number of the header row.
func (b *book) startTable(sheet string, cols []column, titles []titleRow, dataRows int, landscape bool) (*excelize.StreamWriter, int, error) {
	header := len(titles) + 1
	lastRow := header + dataRows
	if err := b.f.AutoFilter(sheet, ref(1, header)+":"+ref(len(cols), lastRow), nil); err != nil {
		return nil, 0, err
	}
	if err := b.print(sheet, header, landscape); err != nil {
		return nil, 0, err
	}
	sw, err := b.f.NewStreamWriter(sheet)
	if err != nil {
		return nil, 0, err
	}
	for i, cl := range cols {
		if err := sw.SetColWidth(i+1, i+1, cl.width); err != nil {
			return nil, 0, err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: header, TopLeftCell: ref(1, header+1), ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: ref(1, header+1), ActiveCell: ref(1, header+1), Pane: "bottomLeft"}}}); err != nil {
		return nil, 0, err
	}
	row := 1
	last := col(len(cols))
	total := 0.0
	for _, cl := range cols {
		total += cl.width
	}
	for _, t := range titles {
		if err := sw.SetRow(ref(1, row), []any{c(t.style, t.text)}, excelize.RowOpts{Height: b.titleHeight(t, total)}); err != nil {
			return nil, 0, err
		}
		if len(cols) > 1 {
			if err := sw.MergeCell(ref(1, row), last+strconv.Itoa(row)); err != nil {
				return nil, 0, err
			}
		}
		row++
	}
	head := make([]any, len(cols))
	lines := 2
	for i, cl := range cols {
		head[i] = c(b.st.header, cl.head)
		lines = max(lines, textLines(cl.width, cl.head, 0))
	}
	if err := sw.SetRow(ref(1, row), head, excelize.RowOpts{Height: rowHeight(lines)}); err != nil {
		return nil, 0, err
	}
	return sw, header, nil
}

// titleHeight is the height of a title row merged across a table width
// characters wide: its own height, or more when its text wraps (the
// title is set in 14 pt, the others in 12 pt; the organisation's line
// does not wrap).
func (b *book) titleHeight(t titleRow, width float64) float64 {
	switch t.style {
	case b.st.title:
		lines := textLines(width*12/14, t.text, 0)
		return max(t.height, float64(lines)*lineHeight*14/12+3)
	case b.st.subtitle:
		return max(t.height, rowHeight(textLines(width, t.text, 0)))
	}
	return t.height
}

// lineHeight is the height in points of one line of 12 pt text.
const lineHeight = 15.75

// fit returns row options whose height shows every wrapped text cell of
// vals in full, estimating the lines each text takes in its column (a
// spreadsheet does not grow rows written with wrap on its own when it
// opens a file; LibreOffice keeps the default height).
func fit(cols []column, vals []any) excelize.RowOpts {
	lines := 1
	for i, v := range vals {
		cell, ok := v.(excelize.Cell)
		if !ok || i >= len(cols) {
			continue
		}
		s, ok := cell.Value.(string)
		if !ok || s == "" {
			continue
		}
		lines = max(lines, textLines(cols[i].width, s, 0))
	}
	return excelize.RowOpts{Height: rowHeight(lines)}
}

type titleRow struct {
	text   string
	style  int
	height float64
}

// print sets the A4 print setup: fit the width on one page, repeat the
// header row on every page, page numbers in the footer.
func (b *book) print(sheet string, header int, landscape bool) error {
	f := b.f
	a4, one, zero := 9, 1, 0
	orient := "portrait"
	if landscape {
		orient = "landscape"
	}
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &a4, Orientation: &orient, FitToWidth: &one, FitToHeight: &zero}); err != nil {
		return err
	}
	fit := true
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	m := func(v float64) *float64 { return &v }
	if err := f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{Left: m(0.5), Right: m(0.4), Top: m(0.6), Bottom: m(0.6), Header: m(0.3), Footer: m(0.3)}); err != nil {
		return err
	}
	if err := f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddFooter: "&C&P/&N"}); err != nil {
		return err
	}
	if header > 0 {
		rows := fmt.Sprintf("%s!$%d:$%d", sheetRef(sheet), header, header)
		return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: rows, Scope: sheet})
	}
	return nil
}

// summary writes "Tổng hợp".
func (b *book) summary() error {
	r := b.r
	lay := report.SummaryLayout(r)
	cols := []column{{b.t("out.col.rank"), 7}, {b.t("out.col.unitcode"), 11}, {b.t("out.col.unit"), 34}, {b.t("out.col.group"), 26}}
	if lay.Groups {
		cols = append(cols, column{b.t("out.col.grouprank"), 9})
	}
	for _, n := range lay.Contents {
		cols = append(cols, column{b.t("out.col.content", n.Code) + " (" + n.Max.VI() + ")", 10.5})
	}
	for _, q := range lay.Quarters {
		head := q.Label()
		if b.lang == "en" {
			head = q.LabelEN()
		}
		cols = append(cols, column{head, 10})
	}
	cols = append(cols, column{b.t("out.col.bonus"), 9.5}, column{b.t("out.col.deduction"), 9.5}, column{b.t("out.col.total"), 10})
	bandCol := len(cols) + 1
	if lay.Bands {
		cols = append(cols, column{b.t("out.col.band"), 12})
	}
	if lay.Change {
		cols = append(cols, column{b.t("out.col.changepts"), 10}, column{b.t("out.col.changerank"), 10})
	}
	evaluators := false
	for _, u := range r.Units {
		evaluators = evaluators || len(u.Evaluations) > 0
	}
	if evaluators {
		cols = append(cols, column{b.t("out.col.evaluators"), 30})
	}
	cols = append(cols, column{b.t("out.col.notes"), 28})

	titles := []titleRow{}
	if b.m.Org.Name != "" {
		titles = append(titles, titleRow{b.m.Org.Name, b.st.section, 20})
	}
	titles = append(titles, titleRow{b.title(), b.st.title, 24})
	sub := b.subject()
	if !b.m.Date.IsZero() {
		d := b.m.Date.Format("02/01/2006")
		if sub != "" {
			sub += " — "
		}
		sub += b.t("xlsx.generated", d)
	}
	titles = append(titles, titleRow{sub, b.st.subtitle, 33})
	header := len(titles) + 1
	lastRow := header + len(r.Units)
	sheet := SheetSummary
	// Band colours: the whole row takes its band's fill.
	if r.Campaign != nil && lay.Bands && len(r.Units) > 0 {
		var cf []excelize.ConditionalFormatOptions
		for i, band := range r.Campaign.Bands {
			style := b.st.bandCF[i]
			cf = append(cf, excelize.ConditionalFormatOptions{Type: "formula", Format: &style,
				Criteria: fmt.Sprintf("$%s%d=%s", col(bandCol), header+1, quoteFormula(band.Label))})
		}
		if err := b.f.SetConditionalFormat(sheet, ref(1, header+1)+":"+ref(len(cols), lastRow), cf); err != nil {
			return err
		}
	}
	sw, header, err := b.startTable(sheet, cols, titles, len(r.Units), true)
	if err != nil {
		return err
	}
	st := b.st
	for i := range r.Units {
		u := &r.Units[i]
		row := []any{c(st.center, u.Rank), c(st.text, u.Code), c(st.text, u.Name), c(st.text, u.Group)}
		if lay.Groups {
			var gr any
			if u.GroupRank > 0 && strings.TrimSpace(u.Group) != "" {
				gr = u.GroupRank
			}
			row = append(row, c(st.center, gr))
		}
		for _, n := range lay.Contents {
			var v any
			if p, ok := report.ContentScore(u, n.Code); ok {
				v = pts(p)
			}
			row = append(row, c(st.num, v))
		}
		for _, q := range lay.Quarters {
			var v any
			if p, ok := report.QuarterTotal(u, q); ok {
				v = pts(p)
			}
			row = append(row, c(st.num, v))
		}
		row = append(row, c(st.num, pts(u.Bonus)), c(st.num, pts(u.Deduction)), c(st.numBold, pts(u.Total)))
		if lay.Bands {
			row = append(row, c(st.center, u.Band))
		}
		if lay.Change {
			p, rk := report.ChangeText(u.Change, b.lang)
			row = append(row, c(st.center, p), c(st.center, rk))
		}
		if evaluators {
			row = append(row, c(st.text, strings.Join(u.EvaluatorNames(), "; ")))
		}
		row = append(row, c(st.text, b.notes(u)))
		if err := sw.SetRow(ref(1, header+1+i), row, fit(cols, row)); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// notes is the summary's notes cell of u: its flags, then its own
// maximum when it differs from the scale (contents that do not apply to
// it, weights; docs/scoring.md).
func (b *book) notes(u *score.UnitResult) string {
	notes := append([]string(nil), u.Flags...)
	if c := b.r.Campaign; c != nil && u.MaxApplicable != 0 && u.MaxApplicable != c.Scale {
		notes = append(notes, b.t("out.note.max", u.MaxApplicable.VI()))
	}
	return strings.Join(notes, "; ")
}

// detail writes "Chi tiết": one row per unit × row of the criteria table.
// excelize writes the sheet's set-up and title rows; the rows come from
// detailRows as the archive is written (rows.go).
func (b *book) detail() error {
	cols := []column{{b.t("out.col.unitcode"), 11}, {b.t("out.col.unit"), 26}, {b.t("out.col.code"), 8}, {b.t("out.col.title"), 46},
		{b.t("out.col.max"), 9}, {b.t("out.col.self"), 9}, {b.t("out.col.review"), 10}, {b.t("out.col.final"), 10}, {b.t("out.col.file"), 24}, {b.t("out.col.cell"), 16}}
	n := 0
	for _, u := range b.r.Units {
		n += len(u.Rows)
	}
	sheet := SheetDetail
	sw, header, err := b.startTable(sheet, cols, []titleRow{{b.t("xlsx.detail") + " — " + b.periodLabel(), b.st.title, 24}}, n, true)
	if err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return b.spliceRows(sheet, func(rw *rowWriter) { b.detailRows(rw, cols, header+1) })
}

func (b *book) detailRows(rw *rowWriter, cols []column, row int) {
	st := b.st
	cells := make([]cell, len(cols))
	titles := lineCache{width: cols[3].width}
	const perUnit = 1<<0 | 1<<1 | 1<<3 | 1<<8 // code, name, title, file: measured apart
	for _, u := range b.r.Units {
		file := pathText(u.File)
		unitLines := max(textLines(cols[0].width, u.Code, 0), textLines(cols[1].width, u.Name, 0), textLines(cols[8].width, file, 0))
		for i, rs := range u.Rows {
			ind := st.indent[min(rs.Depth, len(st.indent)-1)]
			if rs.Kind == campaign.KindBonus || rs.Kind == campaign.KindDeduction {
				ind = st.indent[1]
			}
			self, review := emptyCell(st.num), emptyCell(st.num)
			if rs.SelfSet {
				self = numCell(st.num, pts(rs.Self))
			}
			if rs.ReviewSet {
				review = numCell(st.num, pts(rs.Review))
			}
			ref := rs.SelfCell
			if rs.ReviewSet && rs.ReviewCell != "" {
				ref = rs.ReviewCell
			}
			if ref != "" && !strings.Contains(ref, "!") && u.Sheet != "" {
				ref = u.Sheet + "!" + ref
			}
			cells = append(cells[:0], textCellOf(st.text, u.Code), textCellOf(st.text, u.Name), textCellOf(st.text, rs.Code), textCellOf(ind, rs.Title),
				numCell(st.num, pts(rs.Max)), self, review, numCell(st.numBold, pts(rs.Final)), textCellOf(st.text, file), textCellOf(st.text, ref))
			lines := max(unitLines, cellLines(cols, cells, perUnit), titles.get(i, rs.Title, 2*rs.Depth))
			rw.row(row, rowHeight(lines), cells)
			row++
		}
	}
}

// spliceRows has fill write the data rows of sheet when the archive is
// written: sortedZip puts them before the end of the sheet's sheetData.
func (b *book) spliceRows(sheet string, fill func(rw *rowWriter)) error {
	path := ""
	for id, name := range b.f.GetSheetMap() {
		if name == sheet {
			// excelize names the part of a sheet it adds by the sheet's ID.
			path = "xl/worksheets/sheet" + strconv.Itoa(id) + ".xml"
		}
	}
	if path == "" {
		return fmt.Errorf("xlsx: no sheet %q to write rows to", sheet)
	}
	b.zip.splice(path, func(w io.Writer) error {
		rw := newRowWriter(w)
		fill(rw)
		return rw.flush()
	})
	return nil
}

// review writes "Thẩm định": one row per unit × leaf row with the header of
// docs/outputs.md#review-sheet, the Thẩm định and note cells open and validated, every other
// cell locked, and after each unit a total row of live formulas (its Mã
// cell is blank, so ReadReview skips it). Like detail, its rows come from
// reviewRows as the archive is written.
func (b *book) review() error {
	sheet := SheetReview
	cols := make([]column, len(ReviewHeader))
	widths := []float64{11, 26, 8, 48, 9, 9, 10, 28}
	for i, h := range ReviewHeader {
		cols[i] = column{h, widths[i]}
	}
	// Leaf rows per unit and where each unit's block lies.
	var blocks []reviewBlock
	header := 2
	row := header + 1
	var sqref []string
	for i := range b.r.Units {
		u := &b.r.Units[i]
		bl := reviewBlock{u: u, first: row}
		for _, rs := range u.Rows {
			if rs.Leaf {
				bl.leafs++
			}
		}
		if bl.leafs == 0 {
			continue
		}
		sqref = append(sqref, fmt.Sprintf("G%d:G%d", row, row+bl.leafs-1))
		row += bl.leafs + 1
		blocks = append(blocks, bl)
	}
	lastRow := row - 1
	if len(sqref) > 0 {
		dv := excelize.NewDataValidation(true)
		dv.Sqref = strings.Join(sqref, " ")
		if err := dv.SetRange(0, fmt.Sprintf("E%d", blocks[0].first), excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween); err != nil {
			return err
		}
		dv.SetInput(b.t("xlsx.dvtitle"), b.t("xlsx.dvprompt"))
		dv.SetError(excelize.DataValidationErrorStyleStop, b.t("xlsx.dvtitle"), b.t("xlsx.dverror"))
		if err := b.f.AddDataValidation(sheet, dv); err != nil {
			return err
		}
	}
	if err := b.f.ProtectSheet(sheet, &excelize.SheetProtectionOptions{
		AutoFilter: true, FormatColumns: true, FormatRows: true, SelectLockedCells: true, SelectUnlockedCells: true, Sort: false,
	}); err != nil {
		return err
	}
	sw, _, err := b.startTable(sheet, cols, []titleRow{{b.t("xlsx.reviewtitle"), b.st.subtitle, 36}}, lastRow-header, true)
	if err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return b.spliceRows(sheet, func(rw *rowWriter) { b.reviewRows(rw, cols, blocks) })
}

// reviewBlock is one unit's rows on "Thẩm định".
type reviewBlock struct {
	u     *score.UnitResult
	leafs int // leaf rows of the unit (not copied: 10,000 units × 25 rows)
	first int
}

func (b *book) reviewRows(rw *rowWriter, cols []column, blocks []reviewBlock) {
	st := b.st
	cells := make([]cell, len(cols))
	cmp := b.r.Campaign
	titles := lineCache{width: cols[3].width}
	const perUnit = 1<<0 | 1<<1 | 1<<3 // code, name, title: measured apart
	for _, bl := range blocks {
		u := bl.u
		row := bl.first
		unitLines := max(textLines(cols[0].width, u.Code, 0), textLines(cols[1].width, u.Name, 0))
		// Rows of the base (contents and criteria), bonus and deduction
		// parts: each part is contiguous in form order.
		kinds := map[campaign.Kind][2]int{}
		var selfSum [5]campaign.Points
		for i, rs := range u.Rows {
			if !rs.Leaf {
				continue
			}
			self, review := emptyCell(st.num), emptyCell(st.open)
			part := rs.Kind
			if part == campaign.KindCriterion {
				part = campaign.KindContent
			}
			if rs.SelfSet {
				self = numCell(st.num, pts(rs.Self))
				selfSum[part] += rs.Self
			}
			if rs.ReviewSet {
				review = numCell(st.open, pts(rs.Review))
			}
			note := emptyCell(st.open)
			if rs.ReviewNote != "" {
				note = textCellOf(st.open, rs.ReviewNote)
			}
			cells = append(cells[:0], textCellOf(st.text, u.Code), textCellOf(st.text, u.Name), textCellOf(st.text, rs.Code), textCellOf(st.text, rs.Title),
				numCell(st.num, pts(rs.Max)), self, review, note)
			rw.row(row, rowHeight(max(unitLines, cellLines(cols, cells, perUnit), titles.get(i, rs.Title, 0))), cells)
			k := kinds[part]
			if k[0] == 0 {
				k[0] = row
			}
			k[1] = row
			kinds[part] = k
			row++
		}
		// Total row: live formulas that follow the council's edits.
		// The formulas are written as SUM(…) of terms: excelize's own
		// calculator (used by the tests) misreads "a+MIN(…)-MIN(…)".
		sum := func(kind campaign.Kind, final bool) string {
			k, ok := kinds[kind]
			if !ok {
				return "0"
			}
			if !final {
				return fmt.Sprintf("SUM(F%d:F%d)", k[0], k[1])
			}
			// Self scores, less those under a review, plus the reviews.
			return fmt.Sprintf("SUM(SUM(F%d:F%d),-SUMIF(G%d:G%d,\"<>\",F%d:F%d),SUM(G%d:G%d))", k[0], k[1], k[0], k[1], k[0], k[1], k[0], k[1])
		}
		var bcap, dcap, maxTotal campaign.Points
		if cmp != nil {
			bcap, dcap, maxTotal = cmp.Bonus.Cap, cmp.Deductions.Cap, cmp.MaxTotal()
		}
		total := func(final bool) string {
			return fmt.Sprintf("MAX(0,MIN(%s,SUM(%s,MIN(%s,%s),-MIN(%s,%s))))",
				maxTotal.String(), sum(campaign.KindContent, final),
				bcap.String(), sum(campaign.KindBonus, final), dcap.String(), sum(campaign.KindDeduction, final))
		}
		selfTotal := max(0, min(maxTotal, selfSum[campaign.KindContent]+
			min(bcap, selfSum[campaign.KindBonus])-min(dcap, selfSum[campaign.KindDeduction])))
		cells = append(cells[:0], emptyCell(st.totalText), textCellOf(st.totalText, u.Name), emptyCell(st.totalText), textCellOf(st.totalText, b.t("xlsx.reviewtotal", u.Code)),
			numCell(st.totalNum, pts(maxTotal)),
			cell{kind: cellFormula, style: st.totalNum, text: total(false), num: pts(selfTotal)},
			cell{kind: cellFormula, style: st.totalNum, text: total(true), num: pts(u.Total)},
			emptyCell(st.totalText))
		rw.row(row, fitCells(cols, cells), cells)
	}
}

// checks writes "Kiểm tra": every diagnostic (run-level first, then per
// file in file order), under evaluators the expected evaluators who sent
// nothing, and every change made by the council's review.
func (b *book) checks() error {
	sheet := SheetChecks
	cols := []column{{b.t("out.col.file"), 28}, {b.t("out.col.sheet"), 12}, {b.t("out.col.cell"), 8}, {b.t("out.col.severity"), 10}, {b.t("out.col.diagcode"), 8}, {b.t("out.col.message"), 70}}
	var all diag.List
	all = append(all, b.r.Diags...)
	for _, f := range b.r.Files {
		for _, d := range f.Diags {
			if d.File == "" {
				d.File = f.Path
			}
			all = append(all, d)
		}
	}
	sw, header, err := b.startTable(sheet, cols, []titleRow{{b.t("xlsx.checks") + " — " + b.periodLabel(), b.st.title, 24}}, max(1, len(all)), true)
	if err != nil {
		return err
	}
	st := b.st
	row := header + 1
	if len(all) == 0 {
		if err := sw.SetRow(ref(1, row), []any{c(st.text, b.t("xlsx.nochecks"))}); err != nil {
			return err
		}
		row++
	}
	for _, d := range all {
		sev := st.sevNote
		switch d.Severity {
		case diag.Error:
			sev = st.sevError
		case diag.Warning:
			sev = st.sevWarning
		}
		vals := []any{c(st.text, pathText(d.File)), c(st.text, d.Sheet), c(st.text, d.Cell), c(sev, d.Severity.Word(b.lang)), c(st.text, d.Code), c(st.text, pathText(d.Message(b.lang)))}
		if err := sw.SetRow(ref(1, row), vals, fit(cols, vals)); err != nil {
			return err
		}
		row++
	}
	if b.r.Evaluators != nil {
		// the expected evaluators who sent nothing that counted
		row++
		if err := sw.SetRow(ref(1, row), []any{c(st.section, b.t("xlsx.evalmissing"))}); err != nil {
			return err
		}
		row++
		missing := b.r.MissingEvaluators()
		if len(missing) == 0 {
			if err := sw.SetRow(ref(1, row), []any{c(st.text, b.t("xlsx.noevalmissing"))}); err != nil {
				return err
			}
			row++
		}
		for _, e := range missing {
			if err := sw.SetRow(ref(1, row), []any{c(st.text, e.Code), c(st.text, e.Label())}); err != nil {
				return err
			}
			row++
		}
	}
	row++
	if err := sw.SetRow(ref(1, row), []any{c(st.section, b.t("xlsx.changes"))}); err != nil {
		return err
	}
	row++
	head := []any{c(st.header, b.t("out.col.unitcode")), c(st.header, b.t("out.col.unit")), c(st.header, b.t("out.col.code")), c(st.header, b.t("out.col.old")), c(st.header, b.t("out.col.new")), c(st.header, b.t("out.col.cell"))}
	if err := sw.SetRow(ref(1, row), head); err != nil {
		return err
	}
	row++
	if len(b.r.Changes) == 0 {
		if err := sw.SetRow(ref(1, row), []any{c(st.text, b.t("xlsx.na"))}); err != nil {
			return err
		}
	}
	for _, ch := range b.r.Changes {
		var old any = b.t("xlsx.na")
		if ch.OldSet {
			old = pts(ch.Old)
		}
		vals := []any{c(st.text, ch.UnitCode), c(st.text, ch.UnitName), c(st.text, ch.Code), c(st.num, old), c(st.numBold, pts(ch.New)), c(st.text, ch.Cell)}
		if err := sw.SetRow(ref(1, row), vals, fit(cols, vals)); err != nil {
			return err
		}
		row++
	}
	return sw.Flush()
}

// missing writes "Chưa nộp".
func (b *book) missing() error {
	sheet := SheetMissing
	cols := []column{{b.t("out.col.no"), 6}, {b.t("out.col.unitcode"), 12}, {b.t("out.col.unit"), 40}, {b.t("out.col.group"), 26}}
	sw, header, err := b.startTable(sheet, cols, []titleRow{{b.t("xlsx.missing") + " — " + b.periodLabel(), b.st.title, 24}}, max(1, len(b.r.Missing)), false)
	if err != nil {
		return err
	}
	st := b.st
	if len(b.r.Missing) == 0 {
		if err := sw.SetRow(ref(1, header+1), []any{nil, c(st.text, b.t("xlsx.nomissing"))}); err != nil {
			return err
		}
	}
	for i, m := range b.r.Missing {
		vals := []any{c(st.center, i+1), c(st.text, m.Code), c(st.text, m.Name), c(st.text, m.Group)}
		if err := sw.SetRow(ref(1, header+1+i), vals, fit(cols, vals)); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// sources writes "Nguồn".
func (b *book) sources() error {
	sheet := SheetSources
	cols := []column{{b.t("out.col.no"), 6}, {b.t("out.col.path"), 40}, {b.t("out.col.size"), 12}, {b.t("out.col.sha256"), 70}, {b.t("out.col.status"), 12}, {b.t("out.col.unitcode"), 12}}
	sw, header, err := b.startTable(sheet, cols, []titleRow{{b.t("xlsx.sources"), b.st.title, 24}}, len(b.r.Files), true)
	if err != nil {
		return err
	}
	st := b.st
	for i, fr := range b.r.Files {
		status := string(fr.Status)
		if diag.HasText("out.status." + status) {
			status = b.t("out.status." + status)
		}
		vals := []any{c(st.center, i+1), c(st.text, pathText(fr.Path)), c(st.num0, fr.Size), c(st.text, fr.SHA256), c(st.center, status), c(st.text, fr.Unit)}
		if err := sw.SetRow(ref(1, header+1+i), vals, fit(cols, vals)); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// chart writes "Biểu đồ": the totals in rank order, each unit by its short
// name (report.ShortNames: the roster's short:, else its name shortened),
// one column per band (a unit's total sits in its band's column), and a
// native stacked bar chart over them, so that each bar takes its band's
// colour and the legend names every band, those no unit reached too.
func (b *book) chart() error {
	f, sheet, st := b.f, SheetChart, b.st
	r := b.r
	type series struct {
		label string
		color string
	}
	var ss []series
	index := map[string]int{}
	if r.Campaign != nil {
		for i, band := range r.Campaign.Bands {
			index[band.Label] = len(ss)
			ss = append(ss, series{band.Label, bandColor[bandIndex(i)]})
		}
	}
	for _, u := range r.Units {
		if _, ok := index[u.Band]; !ok {
			label := u.Band
			switch {
			case !report.HasBands(r):
				label = b.t("out.col.total") // rank only: one series, no bands
			case label == "":
				label = b.t("xlsx.na")
			}
			color := bandColor[len(bandColor)-1]
			if !report.HasBands(r) {
				color = bandColor[0]
			}
			index[u.Band] = len(ss)
			ss = append(ss, series{label, color})
		}
	}
	if err := f.SetColWidth(sheet, "A", "A", 24); err != nil {
		return err
	}
	if err := f.SetColWidth(sheet, "B", col(1+len(ss)), 11); err != nil && len(ss) > 0 {
		return err
	}
	set := func(cell string, v any, style int) error {
		var err error
		switch v := v.(type) {
		case string:
			err = f.SetCellStr(sheet, cell, v)
		default:
			err = f.SetCellValue(sheet, cell, v)
		}
		if err != nil {
			return err
		}
		return f.SetCellStyle(sheet, cell, cell, style)
	}
	if err := set("A1", b.t("out.col.unit"), st.header); err != nil {
		return err
	}
	for j, s := range ss {
		if err := set(ref(2+j, 1), s.label, st.header); err != nil {
			return err
		}
	}
	names := report.ShortNames(r.Units)
	for i, u := range r.Units {
		if err := set(ref(1, 2+i), names[i], st.plain); err != nil {
			return err
		}
		j := index[u.Band]
		for k := range ss {
			var v any
			if k == j {
				v = pts(u.Total)
			}
			if v == nil {
				if err := f.SetCellStyle(sheet, ref(2+k, 2+i), ref(2+k, 2+i), st.num); err != nil {
					return err
				}
				continue
			}
			if err := set(ref(2+k, 2+i), v, st.num); err != nil {
				return err
			}
		}
	}
	if err := b.print(sheet, 0, true); err != nil {
		return err
	}
	if len(r.Units) == 0 {
		return nil
	}
	last := 1 + len(r.Units)
	sr := sheetRef(sheet)
	var cs []excelize.ChartSeries
	for j, s := range ss {
		cl := col(2 + j)
		cs = append(cs, excelize.ChartSeries{
			Name:       fmt.Sprintf("%s!$%s$1", sr, cl),
			Categories: fmt.Sprintf("%s!$A$2:$A$%d", sr, last),
			Values:     fmt.Sprintf("%s!$%s$2:$%s$%d", sr, cl, cl, last),
			Fill:       excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{s.color}},
		})
	}
	var maxTotal float64 = 0
	if r.Campaign != nil {
		maxTotal = pts(r.Campaign.MaxTotal())
	}
	legend := excelize.ChartLegend{Position: "bottom"}
	if !report.HasBands(r) {
		legend.Position = "none" // rank only: nothing to tell apart
	}
	gap := uint(40)
	overlap := 100
	width := uint(max(760, min(60*len(r.Units)+240, 4000)))
	ch := &excelize.Chart{
		Type:   excelize.ColStacked,
		Series: cs,
		Title:  excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: b.t("xlsx.chart") + " — " + b.periodLabel(), Font: &excelize.Font{Family: font, Size: 14, Bold: true}}}},
		Legend: legend,
		XAxis:  excelize.ChartAxis{Font: excelize.Font{Family: font, Size: 10, Color: "262626"}},
		YAxis: excelize.ChartAxis{Font: excelize.Font{Family: font, Size: 10, Color: "262626"}, MajorGridLines: true,
			Title: excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: b.t("out.col.total"), Font: &excelize.Font{Family: font, Size: 10}}}}},
		PlotArea:  excelize.ChartPlotArea{ShowVal: false},
		Dimension: excelize.ChartDimension{Width: width, Height: 420},
		GapWidth:  &gap,
		Overlap:   &overlap,
		Format:    excelize.GraphicOptions{OffsetX: 10, OffsetY: 10},
	}
	if maxTotal > 0 {
		ch.YAxis.Minimum = new(float64)
		ch.YAxis.Maximum = &maxTotal
	}
	return f.AddChart(sheet, ref(len(ss)+3, 1), ch)
}
