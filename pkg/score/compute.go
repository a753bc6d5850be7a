package score

import (
	"github.com/thidua/thidua/pkg/campaign"
	"github.com/thidua/thidua/pkg/diag"
	"github.com/thidua/thidua/pkg/submission"
)

// table is the campaign prepared for scoring: its rows in form order, the
// position of every row by normalised code, the effective caps and the
// highest possible total.
type table struct {
	c        *campaign.Campaign
	rows     []campaign.Row
	pos      map[string]int
	children [][]int // positions of each row's children
	bonusCap Points
	dedCap   Points
	maxTotal Points
	sanction map[string]campaign.Sanction // deduction items with a sanction
}

// newTable prepares c. A group cap of 0 (or less) means "no cap beyond the
// items' own maxima": the cap is then the sum of the items' maxima.
func newTable(c *campaign.Campaign) *table {
	if c == nil {
		c = &campaign.Campaign{}
	}
	t := &table{c: c, rows: c.Rows(), pos: map[string]int{}, sanction: map[string]campaign.Sanction{}}
	for i, r := range t.rows {
		k := campaign.NormCode(r.Code)
		if _, dup := t.pos[k]; !dup {
			t.pos[k] = i
		}
	}
	t.children = make([][]int, len(t.rows))
	for i, r := range t.rows {
		for _, ch := range r.Children {
			if j, ok := t.pos[campaign.NormCode(ch)]; ok && j > i {
				t.children[i] = append(t.children[i], j)
			}
		}
	}
	t.bonusCap = groupCap(c.Bonus)
	t.dedCap = groupCap(c.Deductions)
	t.maxTotal = c.Scale + t.bonusCap
	for _, it := range c.Deductions.Items {
		if it.Sanction != campaign.NoSanction {
			t.sanction[campaign.NormCode(it.Code)] = it.Sanction
		}
	}
	return t
}

func groupCap(g campaign.Group) Points {
	if g.Cap > 0 {
		return g.Cap
	}
	var s Points
	for _, it := range g.Items {
		s += it.Max
	}
	return s
}

// row returns the row with the given code.
func (t *table) row(code string) (int, bool) {
	i, ok := t.pos[campaign.NormCode(code)]
	return i, ok
}

// leafValue returns the points a leaf cell counts for: deductions written
// negative count as positive (docs/forms.md#scores), and a value outside 0…max is
// brought inside (the form reader rejects such forms; this only guards
// submissions built otherwise). clamped says whether it was brought in.
func leafValue(p Points, r campaign.Row) (v Points, clamped bool) {
	v = p
	if r.Kind == campaign.KindDeduction && v < 0 {
		v = -v
	}
	if v < 0 {
		return 0, true
	}
	if r.Max >= 0 && v > r.Max {
		return r.Max, true
	}
	return v, false
}

// scoreForm scores one submission into u (Rows, Contents, Base, Bonus,
// Deduction, Total, Reviewed) with the council's overrides ov (keyed by
// normalised row code). It returns the diagnostics of scoring, positioned
// in the form's file, and the review changes made by ov.
func (t *table) scoreForm(sub *submission.Submission, file string, ov map[string]ReviewOverride, u *UnitResult) (diag.List, []ReviewChange) {
	var ds diag.List
	var changes []ReviewChange
	sheet := sub.Sheet
	at := func(d diag.Diagnostic, cell string) diag.Diagnostic {
		return d.In(file).At(sheet, cell)
	}
	lines := make(map[string]*submission.Line, len(sub.Lines))
	for i := range sub.Lines {
		k := campaign.NormCode(sub.Lines[i].Code)
		if _, dup := lines[k]; !dup {
			lines[k] = &sub.Lines[i]
		}
	}

	rs := make([]RowScore, len(t.rows))
	for i, r := range t.rows {
		rs[i] = RowScore{Code: r.Code, Title: r.Title, Kind: r.Kind, Depth: r.Depth, Leaf: r.Leaf, Max: r.Max}
		ln := lines[campaign.NormCode(r.Code)]
		if ln != nil {
			rs[i].Evidence, rs[i].Note = ln.Evidence, ln.Note
			rs[i].SelfCell, rs[i].ReviewCell = ln.Self.Cell, ln.Review.Cell
		}
		if !r.Leaf {
			continue
		}
		if ln != nil && ln.Self.Set {
			v, clamped := leafValue(ln.Self.Points, r)
			if clamped {
				ds = append(ds, at(diag.New("TD311", ln.Self.Points.VI(), r.Code, r.Max.VI(), v.VI()), ln.Self.Cell))
			}
			rs[i].Self, rs[i].SelfSet = v, true
		}
		if ln != nil && ln.Review.Set {
			v, clamped := leafValue(ln.Review.Points, r)
			if clamped {
				ds = append(ds, at(diag.New("TD312", ln.Review.Points.VI(), r.Code, r.Max.VI(), v.VI()), ln.Review.Cell))
			}
			rs[i].Review, rs[i].ReviewSet = v, true
		}
		if o, ok := ov[campaign.NormCode(r.Code)]; ok {
			if !rs[i].ReviewSet || rs[i].Review != o.Points {
				// The change is from the score that counted before it: the
				// form's review score, else the unit's own.
				old, oldSet := rs[i].Self, rs[i].SelfSet
				if rs[i].ReviewSet {
					old, oldSet = rs[i].Review, true
				}
				changes = append(changes, ReviewChange{
					UnitCode: u.Code, UnitName: u.Name, Code: r.Code,
					Old: old, OldSet: oldSet, New: o.Points, Reason: o.Reason, Cell: o.Cell,
				})
			}
			rs[i].Review, rs[i].ReviewSet, rs[i].ReviewCell = o.Points, true, o.Cell
			rs[i].ReviewNote = o.Reason
		}
		rs[i].Final = rs[i].Self
		if rs[i].ReviewSet {
			rs[i].Final = rs[i].Review
			u.Reviewed = true
		}
	}
	// Parents after their children: rows are in depth-first pre-order, so
	// walking backwards visits every child before its parent.
	for i := len(rs) - 1; i >= 0; i-- {
		if t.rows[i].Leaf {
			continue
		}
		var self, final Points
		for _, j := range t.children[i] {
			self += rs[j].Self
			final += rs[j].Final
			rs[i].SelfSet = rs[i].SelfSet || rs[j].SelfSet
			rs[i].ReviewSet = rs[i].ReviewSet || rs[j].ReviewSet
		}
		mx := t.rows[i].Max
		rs[i].Self = min(self, mx)
		rs[i].Final = min(final, mx)
		if final > mx {
			ds = append(ds, at(diag.New("TD310", t.rows[i].Code, final.VI(), mx.VI(), mx.VI()), rs[i].SelfCell))
		}
		if rs[i].ReviewSet {
			rs[i].Review = rs[i].Final
		}
	}

	u.Rows = rs
	u.Contents = u.Contents[:0]
	var base, bonus, ded Points
	for i, r := range t.rows {
		switch r.Kind {
		case campaign.KindContent:
			u.Contents = append(u.Contents, ContentScore{Code: r.Code, Title: r.Title, Max: r.Max, Self: rs[i].Self, Score: rs[i].Final})
			base += rs[i].Final
		case campaign.KindBonus:
			bonus += rs[i].Final
		case campaign.KindDeduction:
			ded += rs[i].Final
		}
	}
	if bonus > t.bonusCap {
		ds = append(ds, at(diag.New("TD313", bonus.VI(), t.bonusCap.VI(), t.bonusCap.VI()), ""))
		bonus = t.bonusCap
	}
	if ded > t.dedCap {
		ds = append(ds, at(diag.New("TD314", ded.VI(), t.dedCap.VI(), t.dedCap.VI()), ""))
		ded = t.dedCap
	}
	u.Base, u.Bonus, u.Deduction = base, bonus, ded
	raw := base + bonus - ded
	u.Total = clamp(raw, 0, t.maxTotal)
	if u.Total != raw {
		ds = append(ds, at(diag.New("TD315", raw.VI(), t.maxTotal.VI(), u.Total.VI()), ""))
	}
	return ds, changes
}

// sanctions returns the sanctions a unit's rows carry: deduction items with
// a sanction and a non-zero final score.
func (t *table) sanctions(rows []RowScore) (noTop, downOne bool) {
	for _, r := range rows {
		if r.Kind != campaign.KindDeduction || r.Final == 0 {
			continue
		}
		switch t.sanction[campaign.NormCode(r.Code)] {
		case campaign.NoTop:
			noTop = true
		case campaign.DownOne:
			downOne = true
		}
	}
	return noTop, downOne
}

func clamp(v, lo, hi Points) Points {
	if v < lo {
		return lo
	}
	if v > hi {
		return hi
	}
	return v
}

// divRound divides a by n (n > 0) rounding half away from zero, so half up
// for the non-negative sums scoring divides.
func divRound(a Points, n int64) Points {
	if n <= 0 {
		return 0
	}
	if a < 0 {
		return -divRound(-a, n)
	}
	return Points((2*int64(a) + n) / (2 * n))
}
