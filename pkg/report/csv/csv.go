// Package csv writes the "Tổng hợp" rows of a scoring result as CSV, for
// spreadsheets and scripts: UTF-8 with a byte order mark (Excel then reads
// it as UTF-8), comma-separated with RFC 4180 quoting and CRLF line ends,
// numbers with a dot, and text cells that a spreadsheet would run as
// formulas escaped.
package csv

import (
	stdcsv "encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/thidua/thidua/pkg/diag"
	"github.com/thidua/thidua/pkg/report"
	"github.com/thidua/thidua/pkg/score"
	"github.com/thidua/thidua/pkg/vntext"
)

// Output describes the CSV file of a run.
var Output = report.Output{Kind: "csv", Stem: "ket-qua", About: "bảng Tổng hợp dạng CSV (UTF-8 có BOM)"}

// bom is the UTF-8 byte order mark that makes Excel read the CSV as UTF-8.
const bom = "\ufeff"

// Write writes the "Tổng hợp" rows of r for spreadsheets and scripts: a
// header row in m.Lang, then one row per unit in rank order. The columns
// are the same whatever the run's options (docs/outputs.md#csv): rank,
// code, name, group, one column per content of the criteria table, the
// four quarters of the year (filled in a half year or a year's report for
// its quarters, empty otherwise), bonus, deduction, total, band, the
// change in points and in rank since an earlier result (filled with
// --previous), and the notes (the flags joined by "; ").
//
// Every figure is a plain number with a dot ("89.5", "-1.5"); the rank
// change is a signed whole number of places, positive when the unit moved
// up. A unit that was not in the earlier result has both changes empty.
// Text cells that start with = + - @, a tab or a carriage return get a
// leading apostrophe so that a spreadsheet never runs them as formulas
// (OWASP CSV injection). It reports no diagnostics.
func Write(w io.Writer, r *score.Result, m report.Meta) (diag.List, error) {
	if r == nil {
		r = &score.Result{}
	}
	lang := m.Lang
	if _, err := io.WriteString(w, bom); err != nil {
		return nil, err
	}
	cw := stdcsv.NewWriter(w)
	cw.UseCRLF = true
	lay := report.SummaryLayout(r)
	header := []string{diag.T(lang, "out.col.rank"), diag.T(lang, "out.col.unitcode"), diag.T(lang, "out.col.unit"), diag.T(lang, "out.col.group")}
	for _, c := range lay.Contents {
		header = append(header, diag.T(lang, "out.col.content", c.Code))
	}
	for q := 1; q <= 4; q++ {
		header = append(header, quarterHead(q, lang))
	}
	header = append(header, diag.T(lang, "out.col.bonus"), diag.T(lang, "out.col.deduction"), diag.T(lang, "out.col.total"), diag.T(lang, "out.col.band"),
		diag.T(lang, "out.col.changepts"), diag.T(lang, "out.col.changerank"), diag.T(lang, "out.col.notes"))
	if err := cw.Write(escapeAll(header)); err != nil {
		return nil, err
	}
	for i := range r.Units {
		u := &r.Units[i]
		row := []string{strconv.Itoa(u.Rank), SafeText(u.Code), SafeText(u.Name), SafeText(u.Group)}
		for _, c := range lay.Contents {
			row = append(row, text(report.ContentScore(u, c.Code)))
		}
		var quarters [4]string
		for _, q := range lay.Quarters {
			if q.Kind == vntext.Quarter && q.N >= 1 && q.N <= 4 && q.Year == r.Period.Year {
				quarters[q.N-1] = text(report.QuarterTotal(u, q))
			}
		}
		row = append(row, quarters[:]...)
		row = append(row, u.Bonus.String(), u.Deduction.String(), u.Total.String(), SafeText(u.Band))
		pts, rank := change(u.Change)
		row = append(row, pts, rank, SafeText(strings.Join(u.Flags, "; ")))
		if err := cw.Write(row); err != nil {
			return nil, err
		}
	}
	cw.Flush()
	return nil, cw.Error()
}

// quarterHead is the header of quarter q's column: "Quý III", "Q3".
func quarterHead(q int, lang string) string {
	if lang == "en" {
		return "Q" + strconv.Itoa(q)
	}
	return "Quý " + [...]string{"I", "II", "III", "IV"}[q-1]
}

// change writes a unit's change since the earlier result as numbers: the
// points ("-1.5") and the places moved up ("2", "-1"); both empty without
// an earlier result or for a unit it did not have.
func change(c *score.Change) (points, rank string) {
	if c == nil || !c.Known {
		return "", ""
	}
	return c.Points.String(), strconv.Itoa(c.Rank)
}

// text writes a score with a dot, or "" when there is none.
func text(p score.Points, ok bool) string {
	if !ok {
		return ""
	}
	return p.String()
}

func escapeAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = SafeText(s)
	}
	return out
}

// SafeText returns s with a leading apostrophe when a spreadsheet would
// take it for a formula: it starts with = + - @, a tab or a carriage
// return.
func SafeText(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}
