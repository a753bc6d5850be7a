package jsonout

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/thidua/thidua/pkg/campaign"
	"github.com/thidua/thidua/pkg/diag"
	"github.com/thidua/thidua/pkg/score"
)

// bom is the UTF-8 byte order mark that makes Excel read the CSV as UTF-8.
const bom = "\ufeff"

// WriteCSV writes the "Tổng hợp" rows of r: a header row, then one row per
// unit in rank order with rank, code, name, group, one column per content,
// bonus, deduction, total, band and notes (the flags joined by "; "); for
// longer periods one column per quarter follows the contents, and with a
// change since an earlier result two change columns follow the band.
//
// The file is UTF-8 with a byte order mark, comma-separated (RFC 4180
// quoting, CRLF line ends), and numbers use a dot ("89.5") so that any
// program parses them the same way. Text cells that start with = + - @,
// a tab or a carriage return get a leading apostrophe so that a
// spreadsheet never runs them as formulas (OWASP CSV injection).
func WriteCSV(w io.Writer, r *score.Result, lang string) error {
	if r == nil {
		r = &score.Result{}
	}
	if _, err := io.WriteString(w, bom); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	quarters, change := Layout(r)
	header := []string{diag.T(lang, "out.col.rank"), diag.T(lang, "out.col.unitcode"), diag.T(lang, "out.col.unit"), diag.T(lang, "out.col.group")}
	for _, c := range contentsOf(r) {
		header = append(header, diag.T(lang, "out.col.content", c.Code))
	}
	for _, q := range quarters {
		header = append(header, q)
	}
	header = append(header, diag.T(lang, "out.col.bonus"), diag.T(lang, "out.col.deduction"), diag.T(lang, "out.col.total"), diag.T(lang, "out.col.band"))
	if change {
		header = append(header, diag.T(lang, "out.col.changepts"), diag.T(lang, "out.col.changerank"))
	}
	header = append(header, diag.T(lang, "out.col.notes"))
	if err := cw.Write(escapeAll(header)); err != nil {
		return err
	}
	contents := contentsOf(r)
	for _, u := range r.Units {
		row := []string{strconv.Itoa(u.Rank), SafeText(u.Code), SafeText(u.Name), SafeText(u.Group)}
		for _, c := range contents {
			row = append(row, contentScore(u, c.Code))
		}
		for _, qc := range quarters {
			row = append(row, quarterTotal(u, qc))
		}
		row = append(row, u.Bonus.String(), u.Deduction.String(), u.Total.String(), SafeText(u.Band))
		if change {
			pts, rank := ChangeText(u.Change, lang)
			row = append(row, pts, rank)
		}
		row = append(row, SafeText(strings.Join(u.Flags, "; ")))
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// Layout returns the optional columns of the "Tổng hợp" table: the codes
// of the quarters of a longer period (in order, from the first unit that
// has them) and whether any unit carries a change since an earlier result.
func Layout(r *score.Result) (quarters []string, change bool) {
	seen := map[string]bool{}
	for _, u := range r.Units {
		for _, q := range u.Quarters {
			if c := q.Period.Code(); !seen[c] {
				seen[c] = true
				quarters = append(quarters, c)
			}
		}
		if u.Change != nil {
			change = true
		}
	}
	return quarters, change
}

// ChangeText formats a change for a table: "+2.5" / "-1" / "0" points
// and "▲2" / "▼1" / "0" ranks (▲ = moved up); a unit that was not in the
// earlier result gets "" and "mới" ("new" in English).
func ChangeText(c *score.Change, lang string) (points, rank string) {
	if c == nil {
		return "", ""
	}
	if !c.Known {
		return "", diag.T(lang, "out.change.new")
	}
	points = c.Points.String()
	if c.Points > 0 {
		points = "+" + points
	}
	switch {
	case c.Rank > 0:
		rank = "▲" + strconv.Itoa(c.Rank)
	case c.Rank < 0:
		rank = "▼" + strconv.Itoa(-c.Rank)
	default:
		rank = "0"
	}
	return points, rank
}

// contentsOf returns the campaign's contents, or those of the first unit
// when the result has no campaign.
func contentsOf(r *score.Result) []score.ContentScore {
	if r.Campaign != nil {
		out := make([]score.ContentScore, 0, len(r.Campaign.Contents))
		for _, n := range r.Campaign.Contents {
			out = append(out, score.ContentScore{Code: n.Code, Title: n.Title, Max: n.Max})
		}
		return out
	}
	if len(r.Units) > 0 {
		return r.Units[0].Contents
	}
	return nil
}

func contentScore(u score.UnitResult, code string) string {
	for _, c := range u.Contents {
		if campaign.NormCode(c.Code) == campaign.NormCode(code) {
			return c.Score.String()
		}
	}
	return ""
}

func quarterTotal(u score.UnitResult, code string) string {
	for _, q := range u.Quarters {
		if q.Period.Code() == code {
			return q.Total.String()
		}
	}
	return ""
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
