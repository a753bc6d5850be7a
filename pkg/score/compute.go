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

// unitForm is one form counted for a unit: the unit's own form, or one
// evaluator's.
type unitForm struct {
	sub       *submission.Submission
	file      string
	diags     *diag.List // the file's diagnostics, where the form's go
	evaluator string     // the evaluator's label; "" under self-evaluation
}

// scoreUnit scores one unit from its forms (one under self-evaluation, one
// per evaluator otherwise) into u: Rows, Contents, MaxApplicable, RawBase,
// Base, Bonus, Deduction, Total, Reviewed (docs/scoring.md). group is the
// unit's roster group (for applies_to); ov the council's overrides (keyed
// by normalised row code). It returns the review changes ov made.
func (t *table) scoreUnit(forms []unitForm, group string, ov map[string]ReviewOverride, u *UnitResult) []ReviewChange {
	var changes []ReviewChange
	n := len(t.rows)
	if len(forms) == 0 {
		forms = []unitForm{{sub: &submission.Submission{}, diags: &diag.List{}}}
	}
	type formLines struct {
		f     unitForm
		lines map[string]*submission.Line
		at    func(diag.Diagnostic, string) diag.Diagnostic
	}
	fl := make([]formLines, len(forms))
	for k, f := range forms {
		lines := make(map[string]*submission.Line, len(f.sub.Lines))
		for i := range f.sub.Lines {
			key := campaign.NormCode(f.sub.Lines[i].Code)
			if _, dup := lines[key]; !dup {
				lines[key] = &f.sub.Lines[i]
			}
		}
		file, sheet := f.file, f.sub.Sheet
		fl[k] = formLines{f: f, lines: lines, at: func(d diag.Diagnostic, cell string) diag.Diagnostic { return d.In(file).At(sheet, cell) }}
	}
	emit := func(k int, d diag.Diagnostic) { *fl[k].f.diags = append(*fl[k].f.diags, d) }
	first := fl[0]

	rs := make([]RowScore, n)
	cvs := make([][]cellValue, len(fl)) // per form, per row
	for k := range fl {
		cvs[k] = make([]cellValue, n)
	}
	// 1. Applicability: applies_to (by the unit's group), then KAD.
	na := make([]bool, n)
	kad := make([]bool, n)
	for i, r := range t.rows {
		rs[i] = RowScore{Code: r.Code, Title: r.Title, Kind: r.Kind, Depth: r.Depth, Leaf: r.Leaf, Max: r.Max, Weight: r.Weight}
		if ln := first.lines[campaign.NormCode(r.Code)]; ln != nil {
			rs[i].Evidence, rs[i].Note = ln.Evidence, ln.Note
			rs[i].SelfCell, rs[i].ReviewCell, rs[i].FigureCell = ln.Self.Cell, ln.Review.Cell, ln.Figure.Cell
		}
		if !r.AppliesToGroup(group) || (t.parent[i] >= 0 && na[t.parent[i]]) {
			na[i] = true
		}
	}
	kadVotes := make([]int, n)
	for k, f := range fl {
		for i, r := range t.rows {
			ln := f.lines[campaign.NormCode(r.Code)]
			if ln == nil || !ln.KAD || na[i] {
				continue
			}
			if !r.Optional {
				cell := ln.KADCell
				if cell == "" {
					cell = ln.Self.Cell
				}
				emit(k, f.at(diag.New("TD344", r.Code), cell))
				continue
			}
			kadVotes[i]++
		}
	}

	// 2. Every form's leaf values; their diagnostics wait until KAD is
	// known (a row under a KAD node says nothing).
	pending := make([][]diag.List, len(fl))
	for k, f := range fl {
		pending[k] = make([]diag.List, n)
		for i, r := range t.rows {
			if !r.Leaf {
				continue
			}
			ln := f.lines[campaign.NormCode(r.Code)]
			cv, ds := t.readLeaf(i, ln, f.at)
			if na[i] {
				if v, ok := cv.value(); ok && ln != nil && (v != 0 || ln.Figure.Set) {
					emit(k, f.at(diag.New("TD357", r.Code, group), ln.Self.Cell))
				}
				continue
			}
			pending[k][i] = ds
			cvs[k][i] = cv
		}
	}
	// A KAD node leaves the unit's maximum when its marks are not
	// contradicted: under evaluators, when no evaluator scored a row under
	// it. Scores under a KAD node are ignored (a note).
	for i := range t.rows {
		if kadVotes[i] == 0 || na[i] {
			continue
		}
		scored := 0
		for k := range fl {
			for _, j := range t.subtree(i) {
				if _, ok := cvs[k][j].value(); ok && t.rows[j].Leaf {
					scored++
					break
				}
			}
		}
		if t.evaluated() && scored > 0 {
			emit(0, first.at(diag.New("TD359", t.rows[i].Code, kadVotes[i], scored), ""))
			continue
		}
		kad[i] = true
		if scored > 0 {
			emit(0, first.at(diag.New("TD356", t.rows[i].Code), rs[i].SelfCell))
		}
	}
	for i := range t.rows {
		if kad[i] {
			for _, j := range t.subtree(i) {
				na[j] = true
				rs[j].KAD = rs[j].KAD || j == i
			}
		}
	}
	for k := range fl {
		for i := range t.rows {
			if !na[i] {
				for _, d := range pending[k][i] {
					emit(k, d)
				}
			}
		}
	}

	// 3. Leaf scores: the unit's own (self, review) or the evaluators' mean.
	for i, r := range t.rows {
		rs[i].NotApplicable = na[i]
		if !r.Leaf || na[i] {
			continue
		}
		if !t.evaluated() {
			cv := cvs[0][i]
			rs[i].Self, rs[i].SelfSet = cv.self, cv.selfSet
			rs[i].Review, rs[i].ReviewSet = cv.review, cv.reviewSet
			rs[i].Figure, rs[i].FigureSet = cv.figure, cv.figureSet
			if cv.selfSet || cv.reviewSet {
				rs[i].Evaluators = 1
			}
		} else {
			var sum, figs Points
			cnt, nfig := int64(0), int64(0)
			for k := range fl {
				cv := cvs[k][i]
				if v, ok := cv.value(); ok {
					sum += v
					cnt++
					if cv.reviewSet {
						u.Reviewed = true
					}
				}
				if cv.figureSet {
					figs += cv.figure
					nfig++
				}
			}
			rs[i].Evaluators = int(cnt)
			rs[i].Self, rs[i].SelfSet = divRound(sum, cnt), cnt > 0
			rs[i].Figure, rs[i].FigureSet = divRound(figs, nfig), nfig > 0
			if cnt == 0 && contentLeaf(r) {
				emit(0, first.at(diag.New("TD348", r.Code), ""))
			}
		}
		if o, ok := ov[campaign.NormCode(r.Code)]; ok {
			v := o.Points
			if o.Figure && r.Figure != nil {
				rs[i].Figure, rs[i].FigureSet = v, true
				v = r.Figure.Points(v, r.Max)
			}
			if !rs[i].ReviewSet || rs[i].Review != v {
				// The change is from the score that counted before it: the
				// form's review score, else the unit's own.
				old, oldSet := rs[i].Self, rs[i].SelfSet
				if rs[i].ReviewSet {
					old, oldSet = rs[i].Review, true
				}
				changes = append(changes, ReviewChange{
					UnitCode: u.Code, UnitName: u.Name, Code: r.Code,
					Old: old, OldSet: oldSet, New: v, Reason: o.Reason, Cell: o.Cell,
				})
			}
			rs[i].Review, rs[i].ReviewSet, rs[i].ReviewCell = v, true, o.Cell
			rs[i].ReviewNote = o.Reason
		}
		rs[i].Final = rs[i].Self
		if rs[i].ReviewSet {
			rs[i].Final = rs[i].Review
			u.Reviewed = true
		}
		if r.Levels != nil {
			if l, ok := r.Levels.ByPoints(rs[i].Final); ok {
				rs[i].Level = l.Name
			}
		}
		// Evidence required where the unit claims points (its own form).
		if r.Evidence && !t.evaluated() && rs[i].Self != 0 {
			if ln := first.lines[campaign.NormCode(r.Code)]; ln == nil || ln.Evidence == "" {
				cell := rs[i].SelfCell
				if ln != nil && ln.EvidenceCell != "" {
					cell = ln.EvidenceCell
				}
				emit(0, first.at(diag.New("TD346", r.Code, rs[i].Self.VI()), cell))
			}
		}
	}

	// 4. Parents after their children: rows are in depth-first pre-order,
	// so walking backwards visits every child before its parent. A node
	// that does not apply leaves its parent's maximum (weighted), and so
	// up to the unit's own maximum.
	for i := n - 1; i >= 0; i-- {
		r := t.rows[i]
		if na[i] {
			rs[i].MaxApplicable = 0
			continue
		}
		if r.Leaf {
			rs[i].MaxApplicable = r.Max
			continue
		}
		var self, final Points
		mx := r.Max
		for _, j := range t.children[i] {
			w := t.rows[j].Weight
			mx -= campaign.Weighted(t.rows[j].Max, w) - campaign.Weighted(rs[j].MaxApplicable, w)
			if na[j] {
				continue
			}
			self += campaign.Weighted(rs[j].Self, w)
			final += campaign.Weighted(rs[j].Final, w)
			rs[i].SelfSet = rs[i].SelfSet || rs[j].SelfSet
			rs[i].ReviewSet = rs[i].ReviewSet || rs[j].ReviewSet
		}
		mx = max(mx, 0)
		rs[i].MaxApplicable = mx
		rs[i].Self = min(self, mx)
		rs[i].Final = min(final, mx)
		if final > mx {
			emit(0, first.at(diag.New("TD310", r.Code, final.VI(), mx.VI(), mx.VI()), rs[i].SelfCell))
		}
		if rs[i].ReviewSet {
			rs[i].Review = rs[i].Final
		}
	}

	// 5. Contents, base (normalised when asked), bonus, deduction, total.
	u.Rows = rs
	u.Contents = u.Contents[:0]
	var raw, m, bonus, ded Points
	for i, r := range t.rows {
		switch r.Kind {
		case campaign.KindContent:
			cs := ContentScore{Code: r.Code, Title: r.Title, Max: r.Max, Self: rs[i].Self, Score: rs[i].Final,
				Weight: r.Weight, MaxApplicable: rs[i].MaxApplicable, NotApplicable: na[i] || rs[i].MaxApplicable == 0 && r.Max > 0, KAD: rs[i].KAD}
			u.Contents = append(u.Contents, cs)
			if !na[i] {
				raw += campaign.Weighted(rs[i].Final, r.Weight)
				m += campaign.Weighted(rs[i].MaxApplicable, r.Weight)
			}
		case campaign.KindBonus:
			bonus += rs[i].Final
		case campaign.KindDeduction:
			ded += rs[i].Final
		}
	}
	u.MaxApplicable, u.RawBase = m, raw
	base := raw
	if t.normalize {
		switch {
		case m <= 0:
			emit(0, first.at(diag.New("TD355", u.Code), ""))
			base = 0
		case m != t.c.Scale:
			base = mulDiv(raw, t.c.Scale, m)
		}
	}
	if bonus > t.bonusCap {
		emit(0, first.at(diag.New("TD313", bonus.VI(), t.bonusCap.VI(), t.bonusCap.VI()), ""))
		bonus = t.bonusCap
	}
	if ded > t.dedCap {
		emit(0, first.at(diag.New("TD314", ded.VI(), t.dedCap.VI(), t.dedCap.VI()), ""))
		ded = t.dedCap
	}
	u.Base, u.Bonus, u.Deduction = base, bonus, ded
	total := base + bonus - ded
	u.Total = min(total, t.maxTotal)
	if !t.floorNone {
		u.Total = max(u.Total, 0)
	}
	if u.Total != total {
		emit(0, first.at(diag.New("TD315", total.VI(), t.maxTotal.VI(), u.Total.VI()), ""))
	}
	return changes
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
