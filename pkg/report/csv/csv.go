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

	"github.com/thidua/thidua/pkg/campaign"
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
// code, name, group, rank within the group (empty for a unit without a
// group), one column per content of the criteria table, one
// per part of the longest period the table's forms roll up into (the four
// quarters of a year; the twelve months with period_kind month; the two
// semesters of a school year with period_kind semester), filled in a
// longer period's report for its parts and empty otherwise, bonus,
// deduction, total, band (not for a rank-only table, bands: []), the change in points and in rank since an
// earlier result (filled with --previous), and the notes (the flags
// joined by "; ").
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
	kind, nParts := partColumns(r.Campaign)
	header := []string{diag.T(lang, "out.col.rank"), diag.T(lang, "out.col.unitcode"), diag.T(lang, "out.col.unit"), diag.T(lang, "out.col.group"), diag.T(lang, "out.col.grouprank")}
	for _, c := range lay.Contents {
		header = append(header, diag.T(lang, "out.col.content", c.Code))
	}
	for n := 1; n <= nParts; n++ {
		header = append(header, partHead(kind, n, lang))
	}
	bands := report.HasBands(r) // a rank-only table (bands: []) has no band column
	header = append(header, diag.T(lang, "out.col.bonus"), diag.T(lang, "out.col.deduction"), diag.T(lang, "out.col.total"))
	if bands {
		header = append(header, diag.T(lang, "out.col.band"))
	}
	header = append(header, diag.T(lang, "out.col.changepts"), diag.T(lang, "out.col.changerank"), diag.T(lang, "out.col.notes"))
	if err := cw.Write(escapeAll(header)); err != nil {
		return nil, err
	}
	parts := make([]string, nParts)
	for i := range r.Units {
		u := &r.Units[i]
		groupRank := ""
		if u.GroupRank > 0 {
			groupRank = strconv.Itoa(u.GroupRank)
		}
		row := []string{strconv.Itoa(u.Rank), SafeText(u.Code), SafeText(u.Name), SafeText(u.Group), groupRank}
		for _, c := range lay.Contents {
			row = append(row, text(report.ContentScore(u, c.Code)))
		}
		clear(parts)
		for _, p := range lay.Quarters {
			if p.Kind == kind && p.N >= 1 && p.N <= nParts && p.Year == r.Period.Year && r.Period.Kind != kind {
				parts[p.N-1] = text(report.QuarterTotal(u, p))
			}
		}
		row = append(row, parts...)
		row = append(row, u.Bonus.String(), u.Deduction.String(), u.Total.String())
		if bands {
			row = append(row, SafeText(u.Band))
		}
		pts, rank := change(u.Change)
		row = append(row, pts, rank, SafeText(strings.Join(u.Flags, "; ")))
		if err := cw.Write(row); err != nil {
			return nil, err
		}
	}
	cw.Flush()
	return nil, cw.Error()
}

// partColumns returns the kind of period the table's forms cover and how
// many of them make the longest period they roll up into: 4 quarters of a
// year (the default), 12 months of a year, 2 semesters of a school year;
// none when the forms cover a half year, a year or a school year.
func partColumns(c *campaign.Campaign) (vntext.PeriodKind, int) {
	kind := vntext.Quarter
	if c != nil && strings.TrimSpace(c.PeriodKind) != "" {
		if k, ok := vntext.ParsePeriodKind(strings.TrimSpace(c.PeriodKind)); ok {
			kind = k
		}
	}
	switch kind {
	case vntext.Quarter:
		return kind, 4
	case vntext.Month:
		return kind, 12
	case vntext.Semester:
		return kind, 2
	}
	return kind, 0
}

// partHead is the header of part n's column: "Quý III" / "Q3", "Tháng 7" /
// "Month 7", "Học kỳ II" / "Semester 2".
func partHead(kind vntext.PeriodKind, n int, lang string) string {
	roman := [...]string{"I", "II", "III", "IV"}
	switch {
	case kind == vntext.Month && lang == "en":
		return "Month " + strconv.Itoa(n)
	case kind == vntext.Month:
		return "Tháng " + strconv.Itoa(n)
	case kind == vntext.Semester && lang == "en":
		return "Semester " + strconv.Itoa(n)
	case kind == vntext.Semester:
		return "Học kỳ " + roman[n-1]
	case lang == "en":
		return "Q" + strconv.Itoa(n)
	}
	return "Quý " + roman[n-1]
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
