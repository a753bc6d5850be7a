package score

import (
	"math/big"
	"slices"

	"github.com/thidua/thidua/pkg/campaign"
	"github.com/thidua/thidua/pkg/diag"
	"github.com/thidua/thidua/pkg/submission"
)

// table is the campaign prepared for scoring: its rows in form order, the
// position of every row by normalised code, each row's children and
// parent, the effective caps, the highest possible total and the rules of
// the table.
type table struct {
	c        *campaign.Campaign
	rows     []campaign.Row
	pos      map[string]int
	children [][]int // positions of each row's children
	parent   []int   // position of each row's parent; -1 at the top
	bonusCap Points
	dedCap   Points
	maxTotal Points
	sanction map[string]campaign.Sanction // deduction items with a sanction

	by          string // self, evaluators or peers
	excludeSelf bool
	normalize   bool
	floorNone   bool
}

// newTable prepares c. A group cap of 0 (or none written) means "no cap
// beyond the items' own maxima": the cap is then the sum of the items'
// maxima.
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
	t.parent = make([]int, len(t.rows))
	for i := range t.parent {
		t.parent[i] = -1
	}
	for i, r := range t.rows {
		for _, ch := range r.Children {
			if j, ok := t.pos[campaign.NormCode(ch)]; ok && j > i {
				t.children[i] = append(t.children[i], j)
				t.parent[j] = i
			}
		}
	}
	t.bonusCap = c.Bonus.EffectiveCap()
	t.dedCap = c.Deductions.EffectiveCap()
	t.maxTotal = c.Scale + t.bonusCap
	for _, it := range c.Deductions.Items {
		if it.Sanction != campaign.NoSanction {
			t.sanction[campaign.NormCode(it.Code)] = it.Sanction
		}
	}
	t.by = c.EvaluatedBy()
	t.excludeSelf = c.ExcludeSelf()
	t.normalize = c.Normalize
	t.floorNone = c.FloorNone()
	return t
}

// evaluated reports whether units are scored by evaluators or peers rather
// than by themselves.
func (t *table) evaluated() bool {
	return t.by == campaign.EvalEvaluators || t.by == campaign.EvalPeers
}

// row returns the row with the given code.
func (t *table) row(code string) (int, bool) {
	i, ok := t.pos[campaign.NormCode(code)]
	return i, ok
}

// contentLeaf reports whether row r is a leaf of the contents tree (not a
// bonus or deduction item).
func contentLeaf(r campaign.Row) bool {
	return r.Leaf && (r.Kind == campaign.KindContent || r.Kind == campaign.KindCriterion)
}

// leafValue returns the points a typed leaf cell counts for: deductions
// written negative count as positive (docs/forms.md#scores), and a value
// outside r.Min…max (0…max unless a figure allows negative points) is
// brought inside (the form reader rejects such forms; this only guards
// submissions built otherwise). clamped says whether it was brought in.
func leafValue(p Points, r campaign.Row) (v Points, clamped bool) {
	v = p
	if r.Kind == campaign.KindDeduction && v < 0 {
		v = -v
	}
	lo := min(r.Min, 0)
	if v < lo {
		return lo, true
	}
	if r.Max >= 0 && v > r.Max {
		return r.Max, true
	}
	return v, false
}

// snap brings p to one of the allowed points: p itself when allowed, else
// the highest allowed value below it, else the lowest allowed value.
func snap(p Points, allowed []Points) (Points, bool) {
	if len(allowed) == 0 || slices.Contains(allowed, p) {
		return p, true
	}
	best, found := Points(0), false
	lowest := allowed[0]
	for _, a := range allowed {
		lowest = min(lowest, a)
		if a <= p && (!found || a > best) {
			best, found = a, true
		}
	}
	if !found {
		best = lowest
	}
	return best, false
}

// cellValue is what one form gives one leaf.
type cellValue struct {
	self, review       Points
	selfSet, reviewSet bool
	figure             Points
	figureSet          bool
	level              string // the level name the self cell gave
}

// value returns the form's points for the leaf: review if set, else self;
// ok is false when the form gave neither.
func (cv cellValue) value() (Points, bool) {
	if cv.reviewSet {
		return cv.review, true
	}
	return cv.self, cv.selfSet
}

// typed reads one typed score cell (self or review) of leaf r under its
// rule: a level name or a level's points, one of the choices, or points
// within r.Min…max. outside is the catalog code for a value outside the
// range (TD311 self, TD312 review).
func (t *table) typed(sc submission.Score, r campaign.Row, outside string, at func(diag.Diagnostic, string) diag.Diagnostic) (Points, string, bool, diag.List) {
	var ds diag.List
	if !sc.Set && sc.Level == "" {
		return 0, "", false, nil
	}
	switch {
	case r.Levels != nil:
		if sc.Level != "" {
			l, ok := r.Levels.Lookup(sc.Level)
			if !ok {
				ds = append(ds, at(diag.New("TD343", sc.Level, r.Code), sc.Cell))
				return 0, "", false, ds
			}
			return l.Points, l.Name, true, ds
		}
		v := sc.Points
		if r.Kind == campaign.KindDeduction && v < 0 {
			v = -v
		}
		pts := make([]Points, len(r.Levels))
		for i, l := range r.Levels {
			pts[i] = l.Points
		}
		got, ok := snap(v, pts)
		if !ok {
			ds = append(ds, at(diag.New("TD342", sc.Points.VI(), r.Code, got.VI()), sc.Cell))
		}
		l, _ := r.Levels.ByPoints(got)
		return got, l.Name, true, ds
	case r.Choices != nil:
		v := sc.Points
		if r.Kind == campaign.KindDeduction && v < 0 {
			v = -v
		}
		got, ok := snap(v, r.Choices)
		if !ok {
			ds = append(ds, at(diag.New("TD342", sc.Points.VI(), r.Code, got.VI()), sc.Cell))
		}
		return got, "", true, ds
	}
	v, clamped := leafValue(sc.Points, r)
	if clamped {
		ds = append(ds, at(diag.New(outside, sc.Points.VI(), r.Code, r.Max.VI(), v.VI()), sc.Cell))
	}
	return v, "", true, ds
}

// readLeaf reads what line ln of one form gives leaf row i: its self
// points (from the figure, a level, a choice or typed points) and its
// review points. Under self-evaluation a blank figure counts as figure 0
// with a warning; under evaluators it is "not scored by this evaluator".
func (t *table) readLeaf(i int, ln *submission.Line, at func(diag.Diagnostic, string) diag.Diagnostic) (cellValue, diag.List) {
	r := t.rows[i]
	var cv cellValue
	var ds diag.List
	if ln == nil {
		if r.Figure != nil && !t.evaluated() {
			cv.self = r.Figure.Points(0, r.Max)
		}
		return cv, nil
	}
	if r.Figure != nil {
		fig := ln.Figure
		switch {
		case fig.Set:
			cv.figure, cv.figureSet = fig.Points, true
			if fig.Points < 0 {
				ds = append(ds, at(diag.New("TD345", fig.Points.VI(), r.Code), fig.Cell))
				cv.figure = 0
			}
			cv.self, cv.selfSet = r.Figure.Points(cv.figure, r.Max), true
		case !t.evaluated() && contentLeaf(r):
			// A blank bonus or deduction item means none.
			cell := fig.Cell
			if cell == "" {
				cell = ln.Self.Cell
			}
			ds = append(ds, at(diag.New("TD341", r.Code, r.Figure.Points(0, r.Max).VI()), cell))
			cv.self = r.Figure.Points(0, r.Max)
		}
		if ln.Self.Set && (cv.figureSet || !t.evaluated()) {
			typed := ln.Self.Points
			if r.Kind == campaign.KindDeduction && typed < 0 {
				typed = -typed
			}
			if typed != cv.self {
				ds = append(ds, at(diag.New("TD340", ln.Self.Points.VI(), r.Code, cv.self.VI(), cv.figure.VI()), ln.Self.Cell))
			}
		}
	} else {
		v, level, set, d := t.typed(ln.Self, r, "TD311", at)
		ds = append(ds, d...)
		cv.self, cv.level, cv.selfSet = v, level, set
	}
	v, _, set, d := t.typed(ln.Review, r, "TD312", at)
	ds = append(ds, d...)
	cv.review, cv.reviewSet = v, set
	return cv, ds
}

// subtree returns row i and every row under it.
func (t *table) subtree(i int) []int {
	out := []int{i}
	for _, j := range t.children[i] {
		out = append(out, t.subtree(j)...)
	}
	return out
}

// mulDiv returns a × b ÷ d rounded half away from zero (d > 0), without
// overflow: the normalised base raw × scale ÷ M.
func mulDiv(a, b, d Points) Points {
	if d <= 0 {
		return 0
	}
	neg := (a < 0) != (b < 0)
	x := new(big.Int).Mul(big.NewInt(int64(a)), big.NewInt(int64(b)))
	x.Abs(x)
	x.Mul(x, big.NewInt(2))
	x.Add(x, big.NewInt(int64(d)))
	x.Quo(x, big.NewInt(2*int64(d)))
	if !x.IsInt64() {
		return 0
	}
	if neg {
		return -Points(x.Int64())
	}
	return Points(x.Int64())
}

// sanctionSet is what a unit's non-zero sanctioned deductions do to its
// band.
type sanctionSet struct {
	noTop, downOne bool
	maxBand        int // 1 + index of the best band allowed; 0: none
	exclude        bool
}

// sanctions returns the sanctions a unit's rows carry: deduction items with
// a sanction and a non-zero final score.
func (t *table) sanctions(rows []RowScore) sanctionSet {
	var s sanctionSet
	for _, r := range rows {
		if r.Kind != campaign.KindDeduction || r.Final == 0 {
			continue
		}
		s = s.with(t.c, t.sanction[campaign.NormCode(r.Code)])
	}
	return s
}

// with adds sanction x to s.
func (s sanctionSet) with(c *campaign.Campaign, x campaign.Sanction) sanctionSet {
	switch x {
	case campaign.NoTop:
		s.noTop = true
	case campaign.DownOne:
		s.downOne = true
	case campaign.Exclude:
		s.exclude = true
	default:
		if l, ok := x.MaxBand(); ok {
			if b := c.BandIndex(l); b >= 0 && (s.maxBand == 0 || b+1 > s.maxBand) {
				s.maxBand = b + 1
			}
		}
	}
	return s
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
