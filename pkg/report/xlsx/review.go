package xlsx

import (
	"bytes"
	"os"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/thidua/thidua/pkg/campaign"
	"github.com/thidua/thidua/pkg/diag"
	"github.com/thidua/thidua/pkg/score"
	"github.com/thidua/thidua/pkg/vntext"
)

// Limits for opening a review workbook: a consolidated workbook of a
// thousand units is a few MB; anything far larger is not one.
const (
	// ReviewFileLimit is the largest review workbook file read.
	ReviewFileLimit = 128 << 20
	// ReviewXMLLimit bounds the XML of a review workbook checked before it is read.
	ReviewXMLLimit   = reviewUnzipLimit
	reviewUnzipLimit = 512 << 20
	reviewXMLLimit   = 128 << 20
	headerScanRows   = 20
)

// Header synonyms of the review sheet, folded (vntext.Fold).
var (
	unitHeads   = []string{"ma don vi"}
	codeHeads   = []string{"ma", "ma tieu chi", "stt"}
	reviewHeads = []string{"tham dinh", "diem tham dinh", "hoi dong cham"}
	reasonHeads = []string{"ghi chu tham dinh", "ly do", "ly do tham dinh"}
)

// Review is what ReadReview finds in a reviewed consolidated workbook: the
// workbook's identity (which campaign, table and period it was made for)
// and the council's overrides with their diagnostics.
type Review struct {
	Identity  Identity // Format is "" when the workbook has no SheetMeta
	Overrides []score.ReviewOverride
	Diags     diag.List
}

// ReadReview reads the "Thẩm định" sheet of an earlier consolidated
// workbook (docs/scoring.md#council-review): the sheet is found by name, or else as the first
// sheet with the header; the header row (within the first 20 rows) is
// found by its folded text — "Mã đơn vị", "Mã" and "Thẩm định" — so that
// the council may move, insert or widen columns and add title rows. Every
// non-blank Thẩm định cell gives one override; the cell may hold a number
// or text such as "8,5". Rows with neither a unit code nor a row code
// (the total rows, notes) are skipped.
//
// Row codes are given in the campaign's spelling when c knows them; the
// scorer checks units, codes, leaves and ranges. A cell that is not a
// score gives a diagnostic (TD501, TD502) and no override; a score without
// its codes gives TD503. The error is for a file that cannot be read as a
// review workbook at all.
func ReadReview(path string, c *campaign.Campaign) (*Review, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, diag.Errorf("xlsx.review.open", path, err)
	}
	return ReadReviewData(data, path, c)
}

// ReadReviewData is ReadReview over a workbook already read (the command
// line reads it bounded in size and checks its XML first); path names it
// in diagnostics.
func ReadReviewData(data []byte, path string, c *campaign.Campaign) (*Review, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: reviewUnzipLimit, UnzipXMLSizeLimit: reviewXMLLimit})
	if err != nil {
		return nil, diag.Errorf("xlsx.review.open", path, err)
	}
	defer f.Close()
	id := ReadIdentity(f)
	var ix *campaign.Index
	if c != nil {
		ix = c.NewIndex()
	}
	sheets := f.GetSheetList()
	// The sheet named "Thẩm định" first, then the others in order.
	order := make([]string, 0, len(sheets))
	for _, s := range sheets {
		if vntext.Fold(s) == vntext.Fold(SheetReview) {
			order = append([]string{s}, order...)
		} else {
			order = append(order, s)
		}
	}
	for _, sheet := range order {
		if sheet == SheetMeta {
			continue
		}
		ov, ds, found, err := readReviewSheet(f, path, sheet, ix)
		if err != nil {
			return nil, diag.Errorf("xlsx.review.open", path, err)
		}
		if found {
			for i := range ov {
				ov[i].File, ov[i].Period = path, id.Period
			}
			return &Review{Identity: id, Overrides: ov, Diags: ds}, nil
		}
	}
	return nil, diag.Errorf("xlsx.review.nosheet", path)
}

// ReadIdentity reads the hidden SheetMeta of a workbook thidua wrote; a
// workbook without it gives a zero Identity.
func ReadIdentity(f *excelize.File) Identity {
	var id Identity
	rows, err := f.GetRows(SheetMeta)
	if err != nil {
		return id
	}
	for i, r := range rows {
		if i >= 20 || len(r) < 2 {
			continue
		}
		v := vntext.Clean(r[1])
		switch vntext.Fold(r[0]) {
		case "format":
			id.Format = v
		case "campaign":
			id.Campaign = v
		case "fingerprint":
			id.Fingerprint = v
		case "period":
			id.PeriodText = v
			id.Period, _ = vntext.ParsePeriod(v)
		}
	}
	return id
}

// reviewCols are the 0-based columns of the review sheet (reason: -1 when
// the sheet has no "Ghi chú thẩm định" column).
type reviewCols struct{ unit, code, review, reason int }

func findHeader(cells []string) (reviewCols, bool) {
	cols := reviewCols{-1, -1, -1, -1}
	for i, s := range cells {
		k := vntext.Fold(s)
		switch {
		case cols.unit < 0 && in(k, unitHeads):
			cols.unit = i
		case cols.code < 0 && in(k, codeHeads):
			cols.code = i
		case cols.review < 0 && in(k, reviewHeads):
			cols.review = i
		case cols.reason < 0 && in(k, reasonHeads):
			cols.reason = i
		}
	}
	return cols, cols.unit >= 0 && cols.code >= 0 && cols.review >= 0
}

func in(s string, list []string) bool {
	for _, x := range list {
		if s == x {
			return true
		}
	}
	return false
}

func readReviewSheet(f *excelize.File, path, sheet string, ix *campaign.Index) ([]score.ReviewOverride, diag.List, bool, error) {
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, nil, false, err
	}
	defer rows.Close()
	var (
		cols   reviewCols
		found  bool
		ov     []score.ReviewOverride
		ds     diag.List
		rowNum int
	)
	get := func(cells []string, i int) string {
		if i >= 0 && i < len(cells) {
			return vntext.Clean(cells[i])
		}
		return ""
	}
	for rows.Next() {
		rowNum++
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, nil, false, err
		}
		if !found {
			if rowNum > headerScanRows {
				return nil, nil, false, nil
			}
			cols, found = findHeader(cells)
			continue
		}
		val := get(cells, cols.review)
		if val == "" {
			continue
		}
		unit, code := get(cells, cols.unit), get(cells, cols.code)
		cellName, _ := excelize.CoordinatesToCellName(cols.review+1, rowNum)
		at := func(d diag.Diagnostic) diag.Diagnostic { return d.At(sheet, cellName).In(path) }
		if unit == "" && code == "" {
			continue // a total row or a note
		}
		if unit == "" || code == "" {
			ds = append(ds, at(diag.New("TD503", val)))
			continue
		}
		v, exact, err := vntext.ParseHundredths(val)
		if err != nil {
			ds = append(ds, at(diag.New("TD501", unit, code, val)))
			continue
		}
		if !exact {
			ds = append(ds, at(diag.New("TD502", unit, code, val)))
			continue
		}
		if ix != nil {
			if r, ok := ix.Lookup(code); ok {
				code = r.Code
			}
		}
		ov = append(ov, score.ReviewOverride{UnitCode: unit, Code: strings.TrimRight(code, ". "), Points: campaign.Points(v),
			Reason: get(cells, cols.reason), Cell: sheet + "!" + cellName})
	}
	if err := rows.Error(); err != nil {
		return nil, nil, false, err
	}
	return ov, ds, found, nil
}
