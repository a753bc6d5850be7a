package report

import (
	"strconv"
	"strings"

	"github.com/thidua/thidua/pkg/campaign"
	"github.com/thidua/thidua/pkg/diag"
	"github.com/thidua/thidua/pkg/score"
	"github.com/thidua/thidua/pkg/vntext"
)

// Layout is the shape of the summary table ("Tổng hợp") that the workbook
// and the CSV both show: after rank, code, name and group, one column per
// content, one per quarter of a longer period, bonus, deduction, total and
// band, the two change columns when the result was compared with an
// earlier one, and the notes.
type Layout struct {
	// Contents are the contents of the criteria table (code, title,
	// maximum), or those of the first unit when the result has no table.
	Contents []score.ContentScore
	// Quarters are the quarters of a longer period, in order, as the
	// first unit that has them lists them; none for a quarter.
	Quarters []vntext.Period
	// Change is set when some unit carries a change since an earlier
	// result (--previous).
	Change bool
	// Groups is set when some unit belongs to a group (khối, cụm): the
	// tables then show each unit's rank within its group.
	Groups bool
	// Bands is set when the result classifies: the campaign has bands
	// (`bands: []` ranks only), or, without a campaign, some unit has a
	// band. Without it no table shows a band column.
	Bands bool
}

// HasBands reports whether r classifies units: its campaign has bands, or,
// when r has no campaign, some unit has a band. A rank-only table
// (`bands: []`, docs/scoring.md) has none.
func HasBands(r *score.Result) bool {
	if r == nil {
		return false
	}
	if r.Campaign != nil {
		return len(r.Campaign.Bands) > 0
	}
	for _, u := range r.Units {
		if u.Band != "" {
			return true
		}
	}
	return false
}

// HasGroups reports whether some unit of r belongs to a group.
func HasGroups(r *score.Result) bool {
	if r == nil {
		return false
	}
	for _, u := range r.Units {
		if strings.TrimSpace(u.Group) != "" {
			return true
		}
	}
	return false
}

// SummaryLayout returns the layout of r's summary table.
func SummaryLayout(r *score.Result) Layout {
	var l Layout
	if r == nil {
		return l
	}
	if r.Campaign != nil {
		l.Contents = make([]score.ContentScore, 0, len(r.Campaign.Contents))
		for _, n := range r.Campaign.Contents {
			l.Contents = append(l.Contents, score.ContentScore{Code: n.Code, Title: n.Title, Max: n.Max})
		}
	} else if len(r.Units) > 0 {
		l.Contents = r.Units[0].Contents
	}
	seen := map[string]bool{}
	for _, u := range r.Units {
		for _, q := range u.Quarters {
			if c := q.Period.Code(); !seen[c] {
				seen[c] = true
				l.Quarters = append(l.Quarters, q.Period)
			}
		}
		if u.Change != nil {
			l.Change = true
		}
	}
	l.Groups, l.Bands = HasGroups(r), HasBands(r)
	return l
}

// ContentScore returns u's score on the content code; ok is false when u
// has no score on it.
func ContentScore(u *score.UnitResult, code string) (p campaign.Points, ok bool) {
	code = campaign.NormCode(code)
	for _, c := range u.Contents {
		if campaign.NormCode(c.Code) == code {
			return c.Score, true
		}
	}
	return 0, false
}

// QuarterTotal returns u's total in quarter q; ok is false when u has no
// entry for it.
func QuarterTotal(u *score.UnitResult, q vntext.Period) (p campaign.Points, ok bool) {
	code := q.Code()
	for _, t := range u.Quarters {
		if t.Period.Code() == code {
			return t.Total, true
		}
	}
	return 0, false
}

// ChangeText formats a change for a table: "+2.5" / "-1" / "0" points
// and "▲2" / "▼1" / "0" ranks (▲ = moved up); a unit that was not in the
// earlier result gets "" and "mới" ("new" in English), no change at all
// "" and "".
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
