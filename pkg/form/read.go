package form

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/thidua/thidua/pkg/campaign"
	"github.com/thidua/thidua/pkg/diag"
	"github.com/thidua/thidua/pkg/submission"
	"github.com/thidua/thidua/pkg/vntext"
)

// Default limits of ReadOptions.
const (
	DefaultMaxFileSize       = 32 << 20 // a form is a few dozen KB
	DefaultUnzipSizeLimit    = 64 << 20
	DefaultUnzipXMLSizeLimit = 16 << 20
)

// ReadOptions are the inputs of Read besides the file.
type ReadOptions struct {
	// Campaign is the configured criteria table; rows are looked up in it
	// and the form's fingerprint is checked against it. Required.
	Campaign *campaign.Campaign
	// TmpDir is where excelize, when a read opens it to calculate a
	// formula, may unpack a part (always removed); "" means the system's.
	TmpDir string
	// MaxFileSize refuses larger files (TD109); 0 means DefaultMaxFileSize.
	MaxFileSize int64
	// UnzipSizeLimit refuses .xlsx files that unpack to more (TD105); 0
	// means DefaultUnzipSizeLimit. UnzipXMLSizeLimit is the size above which
	// excelize (opened only for formulas, see MaxCalcPackage) unpacks a
	// worksheet to TmpDir instead of memory. The reader's own limits on
	// the work done for one form are in limits.go.
	UnzipSizeLimit    int64
	UnzipXMLSizeLimit int64
	// OnRead, when set, is called by ReadAll after each form with the time
	// its reading took (for -v); it may be called from several goroutines.
	OnRead func(path string, elapsed time.Duration)
}

func (o ReadOptions) limits() (file, unzip, xml int64) {
	file, unzip, xml = o.MaxFileSize, o.UnzipSizeLimit, o.UnzipXMLSizeLimit
	if file <= 0 {
		file = DefaultMaxFileSize
	}
	if unzip <= 0 {
		unzip = DefaultUnzipSizeLimit
	}
	if xml <= 0 {
		xml = min(DefaultUnzipXMLSizeLimit, unzip)
	}
	return
}

// Read reads the form at path. It never fails: every problem is a
// diagnostic of the returned submission (an error rejects the form), and
// every diagnostic names path as its file. Only a regular file is opened
// (a FIFO, a device or a socket is refused without being read), it is read
// up to the file size limit, and ctx is checked as it is read. A file that
// turns out to be one of thidua's own outputs gives a submission whose only
// diagnostic is the note TD124 and no lines; ReadAll lists it as skipped.
func Read(ctx context.Context, path string, opts ReadOptions) *submission.Submission {
	s, skip := readPath(ctx, path, opts)
	if skip != nil {
		s.Diags = diag.List{skip.In(path)}
	}
	return s
}

// readPath reads the form at path; skip is not nil when the file is one of
// thidua's own outputs (then the submission holds only its size and hash).
func readPath(ctx context.Context, path string, opts ReadOptions) (*submission.Submission, *diag.Diagnostic) {
	s := &submission.Submission{Path: path}
	maxFile, _, _ := opts.limits()
	data, err := ReadFileBounded(ctx, path, maxFile)
	if err != nil {
		var tl *TooLargeError
		var nr *NotRegularError
		switch {
		case errors.As(err, &tl):
			// Not hashed: reading it whole is what the limit is for.
			s.Size = tl.Size
			s.Diags = append(s.Diags, diag.New("TD109", byteSize(tl.Size), byteSize(maxFile)))
		case errors.As(err, &nr) && nr.Mode.IsDir():
			s.Diags = append(s.Diags, diag.New("TD102"))
		case errors.As(err, &nr):
			s.Diags = append(s.Diags, diag.New("TD115", nr.Error()))
		default:
			s.Diags = append(s.Diags, openDiag(err, path))
		}
		return finish(s), nil
	}
	skip := readData(ctx, s, data, opts)
	return finish(s), skip
}

// ReadBytes reads a form held in memory (an embedded demo form, an upload);
// name is used as the submission's path and in diagnostics.
func ReadBytes(ctx context.Context, name string, data []byte, opts ReadOptions) *submission.Submission {
	s := &submission.Submission{Path: name}
	maxFile, _, _ := opts.limits()
	if int64(len(data)) > maxFile {
		s.Size = int64(len(data))
		sum := sha256.Sum256(data)
		s.SHA256 = hex.EncodeToString(sum[:])
		s.Diags = append(s.Diags, diag.New("TD109", byteSize(s.Size), byteSize(maxFile)))
		return finish(s)
	}
	if skip := readData(ctx, s, data, opts); skip != nil {
		s.Diags = diag.List{*skip}
	}
	return finish(s)
}

func openDiag(err error, path string) diag.Diagnostic {
	if errors.Is(err, os.ErrNotExist) {
		return diag.New("TD116", path)
	}
	return diag.New("TD115", err.Error())
}

// finish sets the file of every diagnostic.
func finish(s *submission.Submission) *submission.Submission {
	for i := range s.Diags {
		s.Diags[i].File = s.Path
	}
	return s
}

// diagSink adds a file's diagnostics to its submission, at most
// MaxDiagnosticsPerCode of each code; the rest are counted, by code, in one
// note (TD131) that flush adds. A form keeps the status its diagnostics
// give it, and a diagnostic that says something new is never left out for
// a flood of another kind.
type diagSink struct {
	s       *submission.Submission
	kept    map[string]int
	dropped map[string]int
	n       int
}

func (k *diagSink) add(d diag.Diagnostic) {
	if k.kept == nil {
		k.kept = map[string]int{}
	}
	if k.kept[d.Code] >= MaxDiagnosticsPerCode {
		if k.dropped == nil {
			k.dropped = map[string]int{}
		}
		k.dropped[d.Code]++
		k.n++
		return
	}
	k.kept[d.Code]++
	k.s.Diags = append(k.s.Diags, d)
}

// flush adds the note that counts the diagnostics left out, if any.
func (k *diagSink) flush() {
	if k.n == 0 {
		return
	}
	codes := make([]string, 0, len(k.dropped))
	for c := range k.dropped {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	parts := make([]string, len(codes))
	for i, c := range codes {
		parts[i] = fmt.Sprintf("%s ×%d", c, k.dropped[c])
	}
	k.s.Diags = append(k.s.Diags, diag.New("TD131", k.n, strings.Join(parts, ", ")))
	k.n, k.dropped = 0, nil
}

// readData reads a form held in memory into s. It returns the skip note
// when the file is one of thidua's own outputs.
func readData(ctx context.Context, s *submission.Submission, data []byte, opts ReadOptions) (skip *diag.Diagnostic) {
	s.Size = int64(len(data))
	sum := sha256.Sum256(data)
	s.SHA256 = hex.EncodeToString(sum[:])
	sink := &diagSink{s: s}
	defer sink.flush()
	_, unzipLimit, _ := opts.limits()
	parts := newPartStore()
	kind, d := sniff(data, unzipLimit, parts)
	if d != nil {
		sink.add(*d)
		return nil
	}
	if err := ctx.Err(); err != nil {
		sink.add(diag.New("TD106", err.Error()))
		return nil
	}
	defer func() {
		if r := recover(); r != nil {
			sink.add(diag.New("TD106", fmt.Sprint(r)))
		}
	}()
	var b book
	switch kind {
	case KindXLSX:
		xb, err := openXLSX(ctx, parts, newReadBudget(), opts)
		if err != nil {
			sink.add(loadDiag(err))
			return nil
		}
		b = xb
	case KindXLS:
		xb, err := openXLS(data)
		if err != nil {
			if errors.Is(err, errXLSStream) || errors.Is(err, errTooManyStrings) || errors.Is(err, errTooManySheets) {
				sink.add(loadDiag(err))
			} else {
				sink.add(diag.New("TD104", "BIFF"))
			}
			return nil
		}
		b = xb
	default:
		sink.add(diag.New("TD102"))
		return nil
	}
	defer b.close()
	if isThiduaOutput(b.sheetNames()) {
		d := diag.New("TD124", filepath.Base(s.Path))
		return &d
	}
	p := &parser{s: s, b: b, opts: opts, sink: sink}
	if opts.Campaign != nil {
		p.ix = opts.Campaign.NewIndex()
	} else {
		p.ix = (&campaign.Campaign{}).NewIndex()
	}
	p.rules = newTableRules(opts.Campaign, p.ix)
	p.parse()
	return nil
}

// loadDiag is the diagnostic of an error opening a workbook or loading a
// sheet.
func loadDiag(err error) diag.Diagnostic {
	var pe *PartError
	var tl *tooLarge
	switch {
	case errors.Is(err, errXMLBudget):
		return diag.New("TD130", "XML", byteSize(MaxXMLRead))
	case errors.Is(err, errXLSStream):
		return diag.New("TD130", "Workbook (BIFF)", byteSize(MaxXLSStream))
	case errors.Is(err, errBIFFBudget):
		return diag.New("TD130", "BIFF", byteSize(MaxXMLRead))
	case errors.Is(err, errTooManySheets):
		return diag.New("TD130", fmt.Sprintf("> %d sheets", MaxSheets), strconv.Itoa(MaxSheets))
	case errors.Is(err, errTooManyStrings):
		return diag.New("TD129", MaxSharedStrings)
	case errors.As(err, &tl):
		return diag.New("TD130", tl.part+" "+byteSize(tl.size), byteSize(MaxPartInMemory))
	case errors.As(err, &pe):
		return diag.New("TD120", pe.part, pe.err.Error())
	}
	return diag.New("TD106", err.Error())
}

// outputSheets are the sheets of thidua's consolidated workbook (see
// pkg/report/xlsx), folded.
var outputSheets = foldSet("Tổng hợp", "Chi tiết", "Thẩm định", "Kiểm tra", "Chưa nộp", "Biểu đồ", "Nguồn")

// OutputMetaSheet is the hidden sheet in which thidua's consolidated
// workbook says what it is (pkg/report/xlsx.SheetMeta): a workbook holding
// it is one of thidua's outputs, never a form.
const OutputMetaSheet = "_thidua_ketqua"

// isThiduaOutput reports whether a workbook is one thidua wrote (the
// consolidated workbook, also as the council's review workbook): it holds
// OutputMetaSheet, or it has no sheet of a form and two or more of the
// workbook's sheets, or its review sheet.
func isThiduaOutput(names []string) bool {
	n, review := 0, false
	for _, name := range names {
		if name == OutputMetaSheet {
			return true
		}
	}
	for _, name := range names {
		k := headerKey(name)
		if infoSheetNames[k] || scoreSheetNames[k] || k == SheetHidden {
			return false
		}
		if outputSheets[k] {
			n++
			review = review || k == headerKey("Thẩm định")
		}
	}
	return n >= 2 || review && len(names) == 1
}

// parser reads one workbook into its submission.
type parser struct {
	s      *submission.Submission
	b      book
	opts   ReadOptions
	ix     *campaign.Index
	bad    map[string]bool // normalised codes of rows with an invalid score
	sink   *diagSink
	failed bool // a sheet could not be read: the form is rejected, nothing more is said
	rules  tableRules
	// unsummed are the normalised codes of leaves whose value the sheet's
	// own sums cannot count as the reader does: a level name not written
	// exactly as the table's, a figure typed as text or as a percentage.
	unsummed map[string]bool
	matrix   bool   // the form is a "Bảng điểm" sheet of many units
	group    string // the roster group the form was made for (_thidua "group"), "" when unknown
}

// markUnsummed records that the sheet's own sums cannot count code's cell
// as the reader does, so that its parents are not checked.
func (p *parser) markUnsummed(code string) {
	if p.unsummed == nil {
		p.unsummed = map[string]bool{}
	}
	p.unsummed[campaign.NormCode(code)] = true
}

// expectedRow reports whether a form for the group the form was made for
// (unknown: any group) must have row: a row only some groups have may be
// left out of a form made for another group.
func (p *parser) expectedRow(row campaign.Row) bool {
	if row.AppliesTo == nil {
		return true
	}
	return p.group != "" && row.AppliesToGroup(p.group)
}

func (p *parser) add(d diag.Diagnostic) { p.sink.add(d) }

// load reads a sheet; nil when it cannot be read (the error is reported
// once: after it nothing more is loaded).
func (p *parser) load(name string) *grid {
	if p.failed {
		return nil
	}
	g, err := p.b.load(name, p.add)
	if err != nil {
		p.failed = true
		p.add(loadDiag(err).At(name, ""))
		return nil
	}
	return g
}

// loadAux reads a sheet other than the scoring sheet: when reading stopped
// at a limit, the rest of it is ignored with a warning.
func (p *parser) loadAux(name string) *grid {
	g := p.load(name)
	if g != nil && g.stoppedAt > 0 {
		p.add(diag.New("TD222", g.stoppedAt, MaxSheetRows, MaxSheetCells).At(name, ""))
	}
	return g
}

// header is the header row of the scoring sheet.
type header struct {
	idx  int            // index of the header row in grid.rows
	cols map[Column]int // 1-based column of each header found
	text map[Column]string
}

func (p *parser) parse() {
	names := p.b.sheetNames()
	var info, score, hidden string
	for _, n := range names {
		k := headerKey(n)
		switch {
		case infoSheetNames[k] && info == "":
			info = n
		case scoreSheetNames[k] && score == "":
			score = n
		case k == SheetHidden && hidden == "":
			hidden = n
		}
	}
	meta := map[string]string{}
	metaRef := map[string]string{}
	if hidden != "" {
		if g := p.loadAux(hidden); g != nil {
			for _, r := range g.rows {
				k := strings.ToLower(strings.TrimSpace(r.cell(1)))
				if k != "" {
					meta[k] = strings.TrimSpace(r.cell(2))
					metaRef[k] = cellRef(2, r.n)
				}
			}
		}
	}
	p.group = vntext.Clean(meta["group"])
	// The scoring sheet: the named one, else the first sheet with a header;
	// a sheet without the header of a unit's form may be a Bảng điểm sheet
	// of many units.
	var sg *grid
	var hd header
	found := false
	if score != "" {
		if sg = p.load(score); sg == nil {
			return
		}
		hd, found = findHeader(sg)
		if !found {
			if mh, ok := p.findMatrixHeader(sg); ok {
				p.readMatrixForm(info, sg, mh, meta, metaRef, hidden)
				return
			}
			p.add(diag.New("TD108").At(score, ""))
		}
	} else {
		var looked []*grid
		for _, n := range names {
			if n == info || n == hidden {
				continue
			}
			g := p.load(n)
			if g == nil {
				return
			}
			if h, ok := findHeader(g); ok {
				sg, hd, found = g, h, true
				break
			}
			looked = append(looked, g)
		}
		if !found {
			for _, g := range looked {
				if mh, ok := p.findMatrixHeader(g); ok {
					p.readMatrixForm(info, g, mh, meta, metaRef, hidden)
					return
				}
			}
			shown := names
			if len(shown) > MaxSheetNamesShown {
				shown = append(shown[:MaxSheetNamesShown:MaxSheetNamesShown], fmt.Sprintf("… (%d)", len(names)))
			}
			p.add(diag.New("TD107", strings.Join(shown, ", ")))
		}
	}
	if p.failed {
		return
	}
	if found {
		p.s.Sheet = sg.name
	}
	p.readInfo(info, sg, hd, found, meta)
	if p.failed {
		return
	}
	p.checkMeta(meta, metaRef, hidden)
	if found {
		p.readRows(sg, hd)
	}
}

// findHeader finds the header row within the first 20 non-empty rows: the
// first row that, together with the row just above it for cells it leaves
// blank (merged two-row headers), names the code and self-score columns.
func findHeader(g *grid) (header, bool) {
	for i := 0; i < len(g.rows) && i < 20; i++ {
		r := g.rows[i]
		var prev *gridRow
		if i > 0 && g.rows[i-1].n == r.n-1 {
			prev = &g.rows[i-1]
		}
		width := len(r.cells)
		if prev != nil {
			width = max(width, len(prev.cells))
		}
		h := header{idx: i, cols: map[Column]int{}, text: map[Column]string{}}
		weak, weakText := 0, ""
		for c := 1; c <= width; c++ {
			t := r.cell(c)
			if strings.TrimSpace(t) == "" && prev != nil {
				t = prev.cell(c)
			}
			k := headerKey(t)
			if col, ok := headerSynonyms[k]; ok && h.cols[col] == 0 {
				h.cols[col], h.text[col] = c, vntext.Clean(t)
			} else if weak == 0 && weakSelfHeaders[k] {
				weak, weakText = c, vntext.Clean(t)
			}
		}
		if h.cols[ColSelf] == 0 && weak > 0 {
			h.cols[ColSelf], h.text[ColSelf] = weak, weakText
		}
		if h.cols[ColCode] > 0 && h.cols[ColSelf] > 0 {
			return h, true
		}
	}
	return header{}, false
}

// labelHit is a label found on a sheet with its value.
type labelHit struct {
	value    string
	ref      string // cell of the value ("" when the label had none)
	labelRef string
	sheet    string
}

// scanLabels finds the labels of the "Thông tin" sheet in the rows: a label
// cell and the first non-empty cell right of it, or "Label: value" in one
// cell.
func scanLabels(g *grid, rows []gridRow, into map[Field]labelHit) {
	for _, r := range rows {
		for c := 1; c <= len(r.cells); c++ {
			t := r.cells[c-1]
			if t == "" {
				continue
			}
			if f, ok := labelSynonyms[headerKey(t)]; ok {
				if _, dup := into[f]; dup {
					continue
				}
				h := labelHit{labelRef: cellRef(c, r.n), sheet: g.name}
				for v := c + 1; v <= len(r.cells); v++ {
					if strings.TrimSpace(r.cells[v-1]) != "" {
						h.value, h.ref = r.cells[v-1], cellRef(v, r.n)
						break
					}
				}
				into[f] = h
				continue
			}
			if i := strings.IndexAny(t, ":："); i > 0 {
				if f, ok := labelSynonyms[headerKey(t[:i])]; ok {
					rest := strings.TrimSpace(strings.TrimLeft(t[i:], ":："))
					if _, dup := into[f]; !dup && rest != "" {
						into[f] = labelHit{value: rest, ref: cellRef(c, r.n), labelRef: cellRef(c, r.n), sheet: g.name}
					}
				}
			}
		}
	}
}

func (p *parser) readInfo(info string, sg *grid, hd header, found bool, meta map[string]string) {
	hits := map[Field]labelHit{}
	infoSheet := info
	if info != "" {
		if g := p.loadAux(info); g != nil {
			scanLabels(g, g.rows, hits)
		}
		if p.failed {
			return
		}
	}
	if sg != nil {
		above := sg.rows
		if found {
			above = sg.rows[:hd.idx]
		}
		scanLabels(sg, above, hits)
		if _, ok := hits[FieldUnit]; !ok && info == "" && !p.matrix {
			p.scanOtherSheets(sg.name, hits)
		}
		if infoSheet == "" {
			infoSheet = sg.name
		}
	}
	if infoSheet == "" {
		infoSheet = SheetInfo
	}
	s := p.s
	get := func(f Field) string { return vntext.Clean(hits[f].value) }
	s.Unit = get(FieldUnit)
	s.UnitCode = get(FieldUnitCode)
	s.PeriodText = get(FieldPeriod)
	s.Campaign = get(FieldCampaign)
	s.Preparer = get(FieldPreparer)
	s.Phone = get(FieldPhone)
	s.Email = get(FieldEmail)
	s.Evaluator = get(FieldEvaluator)
	// Cells of the values: bare ("B6") on s.InfoSheet, "Sheet!B6" when a
	// label was found on another sheet.
	s.InfoSheet = infoSheet
	if h, ok := hits[FieldUnit]; ok {
		s.InfoSheet = h.sheet
	}
	cellOf := func(f Field) string {
		h, ok := hits[f]
		if !ok || h.ref == "" || strings.TrimSpace(h.value) == "" {
			return ""
		}
		if h.sheet != s.InfoSheet {
			return h.sheet + "!" + h.ref
		}
		return h.ref
	}
	s.PeriodCell = cellOf(FieldPeriod)
	s.EvaluatorCell = cellOf(FieldEvaluator)
	if s.Unit == "" && !p.matrix {
		s.Unit = vntext.Clean(meta["unit_name"])
	}
	if s.UnitCode == "" {
		s.UnitCode = vntext.Clean(meta["unit"])
	}
	if s.PeriodText == "" {
		s.PeriodText = vntext.Clean(meta["period"])
	}
	if s.Campaign == "" {
		s.Campaign = vntext.Clean(meta["campaign"])
	}
	if s.Unit == "" && !p.matrix { // a Bảng điểm sheet names its units in its rows
		h, ok := hits[FieldUnit]
		sheet, ref := infoSheet, ""
		if ok {
			sheet, ref = h.sheet, h.labelRef
		}
		p.add(diag.New("TD201").At(sheet, ref))
	}
	if s.PeriodText != "" {
		per, err := vntext.ParsePeriod(s.PeriodText)
		if err != nil {
			h := hits[FieldPeriod]
			p.add(diag.New("TD210", s.PeriodText).At(h.sheet, h.ref))
		} else {
			s.Period = per
		}
	}
	if h, ok := hits[FieldDate]; ok && strings.TrimSpace(h.value) != "" {
		s.DateCell = cellOf(FieldDate)
		raw := strings.TrimSpace(h.value)
		if v, _, err := vntext.ParseHundredths(raw); err == nil && !strings.ContainsAny(raw, ",/") && v >= 2000000 && v < 10000000 {
			s.Date = vntext.ExcelSerialDate(float64(v) / 100)
		} else if t, err := vntext.ParseDate(raw); err == nil {
			s.Date = t
		} else {
			p.add(diag.New("TD211", vntext.Clean(raw)).At(h.sheet, h.ref))
		}
	}
	if c := p.opts.Campaign; s.Campaign != "" && c != nil && c.Code != "" &&
		vntext.Fold(s.Campaign) != vntext.Fold(c.Code) && vntext.Fold(s.Campaign) != vntext.Fold(c.Name) {
		// "Phong trào" may hold the campaign's code or its name.
		h := hits[FieldCampaign]
		p.add(diag.New("TD111", s.Campaign, p.opts.Campaign.Code).At(h.sheet, h.ref))
	}
}

// maxLabelSheets is how many other sheets are searched for the labels of
// a form whose "Thông tin" sheet was renamed.
const maxLabelSheets = 10

// scanOtherSheets looks for the labels on the visible sheets other than
// the scoring sheet: a renamed "Thông tin" sheet ("Sheet2") still gives
// the unit's name.
func (p *parser) scanOtherSheets(scoring string, hits map[Field]labelHit) {
	n := 0
	for _, name := range p.b.sheetNames() {
		if name == scoring || headerKey(name) == SheetHidden || p.b.hidden(name) {
			continue
		}
		if n++; n > maxLabelSheets {
			return
		}
		g := p.loadAux(name)
		if g == nil {
			return
		}
		scanLabels(g, g.rows, hits)
		if _, ok := hits[FieldUnit]; ok {
			return
		}
	}
}

func (p *parser) checkMeta(meta, ref map[string]string, sheet string) {
	if f, ok := meta["format"]; ok && f != "" && f != FormatVersion {
		p.add(diag.New("TD117", f, FormatVersion).At(sheet, ref["format"]))
	}
	fp := meta["fingerprint"]
	p.s.Fingerprint = fp
	if fp != "" && p.opts.Campaign != nil {
		if want := p.opts.Campaign.Fingerprint(); fp != want {
			p.add(diag.New("TD110", fp, want).At(sheet, ref["fingerprint"]))
		}
	}
}

// reCode is the shape of a row code: 1, 1.1, 1.1.a, T1, D2 (a trailing dot
// allowed). Cells of the code column of another shape (I, II, "Cộng") are
// headings and ignored.
var reCode = regexp.MustCompile(`^(?i)[a-z]{0,3}\d+[a-z]?(?:[.\-][0-9a-zđ]+)*\.?$`)

func (p *parser) readRows(g *grid, hd header) {
	seen := map[string]int{}
	var blank diag.List
	var blankCodes []string // of blank, in order
	var marks kadMarks
	hdrKey := headerKey(hd.text[ColCode])
	leaves := 0
	for _, row := range p.ix.Rows {
		if row.Leaf {
			leaves++
		}
	}
	seenLeaves, past := 0, 0
	ignored := false // rows past the table were left unread
	for _, r := range g.rows[hd.idx+1:] {
		// Once every row of the table is found, what follows cannot
		// change the score: it is looked at only so far.
		if leaves > 0 && seenLeaves == leaves {
			if past++; past > MaxRowsPastTable {
				p.add(diag.New("TD221", r.n, MaxRowsPastTable, MaxSheetRows, MaxSheetCells).At(g.name, ""))
				ignored = true
				break
			}
		}
		codeCol := hd.cols[ColCode]
		raw := strings.TrimSpace(vntext.Clean(r.cell(codeCol)))
		if raw == "" || headerKey(raw) == hdrKey {
			continue
		}
		row, ok := p.ix.Lookup(raw)
		if !ok {
			if reCode.MatchString(raw) {
				p.add(diag.New("TD208", raw).At(g.name, cellRef(codeCol, r.n)))
			}
			continue
		}
		k := campaign.NormCode(row.Code)
		if _, dup := seen[k]; dup {
			p.add(diag.New("TD215", row.Code, r.n).At(g.name, cellRef(codeCol, r.n)))
			continue
		}
		seen[k] = len(p.s.Lines)
		if row.Leaf {
			seenLeaves++
		}
		if p.s.Lines == nil {
			p.s.Lines = make([]submission.Line, 0, len(p.ix.Rows))
		}
		ln := submission.Line{Code: row.Code, Row: r.n}
		if c := hd.cols[ColTitle]; c > 0 {
			ln.Title = vntext.Clean(r.cell(c))
			if ln.Title == row.Title {
				ln.Title = row.Title // one copy for every form (memory at 10,000 forms)
			} else if (p.rules.any || row.Evidence) && strings.HasPrefix(ln.Title, row.Title+" ") {
				ln.Title = row.Title // the template's line under the title says the row's rule
			}
		}
		if ln.Title == "" {
			ln.Title = row.Title
		}
		var bad, badReview bool
		if p.rules.ruled(row) {
			bad, badReview = p.readRuled(g, r, hd, row, &ln, &marks)
		} else {
			ln.Self, bad = p.score(g, r, hd, ColSelf, row)
			ln.Review, badReview = p.score(g, r, hd, ColReview, row)
		}
		if bad || badReview {
			if p.bad == nil {
				p.bad = map[string]bool{}
			}
			p.bad[k] = true
		}
		if c := hd.cols[ColEvidence]; c > 0 {
			ln.Evidence = vntext.Clean(r.cell(c))
			ln.EvidenceCell = cellRef(c, r.n)
		}
		if c := hd.cols[ColNote]; c > 0 {
			ln.Note = vntext.Clean(r.cell(c))
		}
		// A blank bonus or deduction item means none; a blank criterion
		// counts 0 and is worth a warning (unless the review scored it).
		// Under evaluators a blank cell is "not scored by them"; a figure
		// row's points come from its figure (the scorer warns of a blank
		// one); a KAD row is not blank.
		if row.Leaf && !ln.Self.Set && !ln.Review.Set && ln.Self.Cell != "" && !bad &&
			(row.Kind == campaign.KindContent || row.Kind == campaign.KindCriterion) &&
			!ln.KAD && row.Figure == nil && !p.rules.evaluated {
			blank = append(blank, diag.New("TD202", row.Code).At(g.name, ln.Self.Cell))
			blankCodes = append(blankCodes, row.Code)
		}
		p.s.Lines = append(p.s.Lines, ln)
	}
	// Reading stopped at a limit: harmless once the whole table was read,
	// else rows of it may be missing and the form is not scored.
	if g.stoppedAt > 0 && !ignored {
		if leaves > 0 && seenLeaves == leaves {
			p.add(diag.New("TD221", g.stoppedAt, MaxRowsPastTable, MaxSheetRows, MaxSheetCells).At(g.name, ""))
		} else {
			p.add(diag.New("TD220", g.stoppedAt, MaxSheetRows, MaxSheetCells).At(g.name, ""))
		}
	}
	// Rows marked KAD, or under a node marked KAD, are not blank.
	if p.rules.any {
		marks.flush(p, g.name)
		kept, keptCodes := blank[:0], blankCodes[:0]
		for i, d := range blank {
			if !marks.under(p.ix, blankCodes[i]) && !marks.kadChildOf(blankCodes[i]) {
				kept, keptCodes = append(kept, d), append(keptCodes, blankCodes[i])
			}
		}
		blank, blankCodes = kept, keptCodes
	}
	// A form with no self-score at all gets one warning, not one per row.
	if n := p.expectedCount(blankCodes); n > 1 && n == p.countScoredLeaves() {
		p.add(diag.New("TD218", n).At(g.name, ""))
	} else {
		for _, d := range blank {
			p.add(d)
		}
	}
	// Rows of the table that the form lacks.
	for _, row := range p.ix.Rows {
		if _, ok := seen[campaign.NormCode(row.Code)]; !ok && row.Leaf && p.expectedRow(row) {
			p.add(diag.New("TD216", row.Code).At(g.name, ""))
		}
	}
	p.checkParents(g, hd, seen)
}

// countScoredLeaves is the number of leaf criteria of the contents whose
// points are typed (bonus and deduction items and figure rows excluded)
// that a form for its group must have.
func (p *parser) countScoredLeaves() int {
	n := 0
	for _, r := range p.ix.Rows {
		if r.Leaf && r.Figure == nil && (r.Kind == campaign.KindContent || r.Kind == campaign.KindCriterion) && p.expectedRow(r) {
			n++
		}
	}
	return n
}

// expectedCount is how many of the rows of codes a form for its group
// must have.
func (p *parser) expectedCount(codes []string) int {
	if !p.rules.groups {
		return len(codes)
	}
	n := 0
	for _, c := range codes {
		if r, ok := p.ix.Lookup(c); ok && p.expectedRow(r) {
			n++
		}
	}
	return n
}
