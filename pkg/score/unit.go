package score

import (
	"github.com/thidua/thidua/pkg/campaign"
	"github.com/thidua/thidua/pkg/diag"
	"github.com/thidua/thidua/pkg/submission"
)

// unitForm is one form counted for a unit: the unit's own form, or one
// evaluator's.
type unitForm struct {
	sub       *submission.Submission
	file      string
	diags     *diag.List // the file's diagnostics, where the form's go
	evaluator string     // the evaluator's label; "" under self-evaluation
}

// formLines is a unit form with its lines by normalised code and its
// diagnostic positioner.
type formLines struct {
	f     unitForm
	lines map[string]*submission.Line
	at    func(diag.Diagnostic, string) diag.Diagnostic
}

// unitScoring is one unit being scored: its forms, the rows' scores, what
// each form gives each leaf, and which rows do not apply.
type unitScoring struct {
	t     *table
	u     *UnitResult
	group string
	fl    []formLines
	rs    []RowScore
	cvs   [][]cellValue // per form, per row
	na    []bool        // the row does not apply (applies_to, KAD)
}

// scoreUnit scores one unit from its forms (one under self-evaluation, one
// per evaluator otherwise) into u: Rows, Contents, MaxApplicable, RawBase,
// Base, Bonus, Deduction, Total, Reviewed (docs/scoring.md). group is the
// unit's roster group (for applies_to); ov the council's overrides (keyed
// by normalised row code). It returns the review changes ov made.
func (t *table) scoreUnit(forms []unitForm, group string, ov map[string]ReviewOverride, u *UnitResult) []ReviewChange {
	s := t.newUnitScoring(forms, group, u)
	s.readForms()
	changes := s.leaves(ov)
	s.parents()
	s.totals()
	return changes
}

// newUnitScoring indexes the forms' lines and marks the rows that do not
// apply to the unit's group.
func (t *table) newUnitScoring(forms []unitForm, group string, u *UnitResult) *unitScoring {
	if len(forms) == 0 {
		forms = []unitForm{{sub: &submission.Submission{}, diags: &diag.List{}}}
	}
	n := len(t.rows)
	s := &unitScoring{t: t, u: u, group: group, fl: make([]formLines, len(forms)), rs: make([]RowScore, n),
		cvs: make([][]cellValue, len(forms)), na: make([]bool, n)}
	for k, f := range forms {
		lines := make(map[string]*submission.Line, len(f.sub.Lines))
		for i := range f.sub.Lines {
			key := campaign.NormCode(f.sub.Lines[i].Code)
			if _, dup := lines[key]; !dup {
				lines[key] = &f.sub.Lines[i]
			}
		}
		file, sheet := f.file, f.sub.Sheet
		s.fl[k] = formLines{f: f, lines: lines, at: func(d diag.Diagnostic, cell string) diag.Diagnostic { return d.In(file).At(sheet, cell) }}
		s.cvs[k] = make([]cellValue, n)
	}
	for i, r := range t.rows {
		s.rs[i] = RowScore{Code: r.Code, Title: r.Title, Kind: r.Kind, Depth: r.Depth, Leaf: r.Leaf, Max: r.Max, Weight: r.Weight}
		if ln := s.fl[0].lines[campaign.NormCode(r.Code)]; ln != nil {
			s.rs[i].Evidence, s.rs[i].Note = ln.Evidence, ln.Note
			s.rs[i].SelfCell, s.rs[i].ReviewCell, s.rs[i].FigureCell = ln.Self.Cell, ln.Review.Cell, ln.Figure.Cell
		}
		if !r.AppliesToGroup(group) || (t.parent[i] >= 0 && s.na[t.parent[i]]) {
			s.na[i] = true
		}
	}
	return s
}

// emit adds d to the diagnostics of form k's file.
func (s *unitScoring) emit(k int, d diag.Diagnostic) { *s.fl[k].f.diags = append(*s.fl[k].f.diags, d) }

// readForms reads what every form gives every leaf, then settles KAD: a
// KAD'd optional node (not contradicted by an evaluator's scores) and
// everything under it does not apply. The leaves' diagnostics wait until
// KAD is known (a row under a KAD node says nothing).
func (s *unitScoring) readForms() {
	t, n := s.t, len(s.t.rows)
	kadVotes := make([]int, n)
	for k, f := range s.fl {
		for i, r := range t.rows {
			ln := f.lines[campaign.NormCode(r.Code)]
			if ln == nil || !ln.KAD || s.na[i] {
				continue
			}
			if !r.Optional {
				cell := ln.KADCell
				if cell == "" {
					cell = ln.Self.Cell
				}
				s.emit(k, f.at(diag.New("TD344", r.Code), cell))
				continue
			}
			kadVotes[i]++
		}
	}
	pending := make([][]diag.List, len(s.fl))
	for k, f := range s.fl {
		pending[k] = make([]diag.List, n)
		for i, r := range t.rows {
			if !r.Leaf {
				continue
			}
			ln := f.lines[campaign.NormCode(r.Code)]
			cv, ds := t.readLeaf(i, ln, f.at)
			if s.na[i] {
				if v, ok := cv.value(); ok && ln != nil && (v != 0 || ln.Figure.Set) {
					s.emit(k, f.at(diag.New("TD357", r.Code, s.group), ln.Self.Cell))
				}
				continue
			}
			pending[k][i] = ds
			s.cvs[k][i] = cv
		}
	}
	for i := range t.rows {
		if kadVotes[i] > 0 && !s.na[i] && s.kadHolds(i, kadVotes[i]) {
			for _, j := range t.subtree(i) {
				s.na[j] = true
				s.rs[j].KAD = s.rs[j].KAD || j == i
			}
		}
	}
	for k := range s.fl {
		for i := range t.rows {
			if !s.na[i] {
				for _, d := range pending[k][i] {
					s.emit(k, d)
				}
			}
		}
	}
}

// kadHolds reports whether the KAD marks (votes) on node i hold: under
// evaluators, when no evaluator scored a row under it (else TD359); under
// self-evaluation always, scores under it being ignored (TD356).
func (s *unitScoring) kadHolds(i, votes int) bool {
	t := s.t
	scored := 0
	for k := range s.fl {
		for _, j := range t.subtree(i) {
			if _, ok := s.cvs[k][j].value(); ok && t.rows[j].Leaf {
				scored++
				break
			}
		}
	}
	first := s.fl[0]
	if t.evaluated() && scored > 0 {
		s.emit(0, first.at(diag.New("TD359", t.rows[i].Code, votes, scored), ""))
		return false
	}
	if scored > 0 {
		s.emit(0, first.at(diag.New("TD356", t.rows[i].Code), s.rs[i].SelfCell))
	}
	return true
}

// leaves sets every applicable leaf's score: the unit's own (self, review)
// or the evaluators' mean, then the council's override; it returns the
// review changes.
func (s *unitScoring) leaves(ov map[string]ReviewOverride) []ReviewChange {
	t, u, rs := s.t, s.u, s.rs
	first := s.fl[0]
	var changes []ReviewChange
	for i, r := range t.rows {
		rs[i].NotApplicable = s.na[i]
		if !r.Leaf || s.na[i] {
			continue
		}
		if !t.evaluated() {
			cv := s.cvs[0][i]
			rs[i].Self, rs[i].SelfSet = cv.self, cv.selfSet
			rs[i].Review, rs[i].ReviewSet = cv.review, cv.reviewSet
			rs[i].Figure, rs[i].FigureSet = cv.figure, cv.figureSet
			if cv.selfSet || cv.reviewSet {
				rs[i].Evaluators = 1
			}
		} else {
			s.mean(i)
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
					Old: old, OldSet: oldSet, OldSelf: !rs[i].ReviewSet, New: v, Reason: o.Reason, Cell: o.Cell,
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
				s.emit(0, first.at(diag.New("TD346", r.Code, rs[i].Self.VI()), cell))
			}
		}
	}
	return changes
}

// mean sets leaf i to the mean of the points of the evaluators who scored
// it (0 with TD348 when none did), and its figure to the mean figure.
func (s *unitScoring) mean(i int) {
	rs, r := s.rs, s.t.rows[i]
	var sum, figs Points
	cnt, nfig := int64(0), int64(0)
	for k := range s.fl {
		cv := s.cvs[k][i]
		if v, ok := cv.value(); ok {
			sum += v
			cnt++
			if cv.reviewSet {
				s.u.Reviewed = true
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
		s.emit(0, s.fl[0].at(diag.New("TD348", r.Code), ""))
	}
}

// parents sums every parent's applicable children, each × its weight,
// capped at the parent's applicable max: its max less the weighted maxima
// of the children that do not apply. Rows are in depth-first pre-order,
// so walking backwards visits every child before its parent.
func (s *unitScoring) parents() {
	t, rs, na := s.t, s.rs, s.na
	for i := len(rs) - 1; i >= 0; i-- {
		r := t.rows[i]
		switch {
		case na[i]:
			rs[i].MaxApplicable = 0
			continue
		case r.Leaf:
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
			s.emit(0, s.fl[0].at(diag.New("TD310", r.Code, final.VI(), mx.VI(), mx.VI()), rs[i].SelfCell))
		}
		if rs[i].ReviewSet {
			rs[i].Review = rs[i].Final
		}
	}
}

// totals sets the contents, M, the raw and (normalised) base, the capped
// bonus and deduction, and the total (clamped at 0 unless total_floor:
// none, and at scale + bonus cap).
func (s *unitScoring) totals() {
	t, u, rs := s.t, s.u, s.rs
	first := s.fl[0]
	u.Rows = rs
	u.Contents = u.Contents[:0]
	var raw, m, bonus, ded Points
	for i, r := range t.rows {
		switch r.Kind {
		case campaign.KindContent:
			u.Contents = append(u.Contents, ContentScore{Code: r.Code, Title: r.Title, Max: r.Max, Self: rs[i].Self, Score: rs[i].Final,
				Weight: r.Weight, MaxApplicable: rs[i].MaxApplicable, NotApplicable: s.na[i] || rs[i].MaxApplicable == 0 && r.Max > 0, KAD: rs[i].KAD})
			if !s.na[i] {
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
			s.emit(0, first.at(diag.New("TD355", u.Code), ""))
			base = 0
		case m != t.c.Scale:
			base = mulDiv(raw, t.c.Scale, m)
		}
	}
	if bonus > t.bonusCap {
		s.emit(0, first.at(diag.New("TD313", bonus.VI(), t.bonusCap.VI(), t.bonusCap.VI()), ""))
		bonus = t.bonusCap
	}
	if ded > t.dedCap {
		s.emit(0, first.at(diag.New("TD314", ded.VI(), t.dedCap.VI(), t.dedCap.VI()), ""))
		ded = t.dedCap
	}
	u.Base, u.Bonus, u.Deduction = base, bonus, ded
	total := base + bonus - ded
	u.Total = min(total, t.maxTotal)
	if !t.floorNone {
		u.Total = max(u.Total, 0)
	}
	if u.Total != total {
		s.emit(0, first.at(diag.New("TD315", total.VI(), t.maxTotal.VI(), u.Total.VI()), ""))
	}
}
