package score

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/thidua/thidua/pkg/campaign"
	"github.com/thidua/thidua/pkg/diag"
	"github.com/thidua/thidua/pkg/submission"
	"github.com/thidua/thidua/pkg/vntext"
)

// infoSheet is the name of the form's information sheet, used to position
// diagnostics when the reader did not record the name as found.
const infoSheet = "Thông tin"

// Run scores a period from forms already read (docs/scoring.md). Every input
// appears exactly once in Result.Files, sorted by path:
//
//   - an input without a Submission is skipped (with its skip diagnostic);
//   - a submission with an error is rejected, keeping its diagnostics (a
//     "Bảng điểm" sheet is one file: an error in any row rejects it);
//   - under evaluation.by evaluators or peers a form that names no
//     evaluator ("Đơn vị chấm") is rejected (TD347); under peers, one whose
//     evaluator is not a roster unit too (TD351);
//   - the period is opts.Period, or else the period most forms give (on a
//     tie, the latest: the one ending last, then starting last). A form for
//     another period is rejected (TD301, at its "Kỳ báo cáo" cell). A form
//     with no readable period is accepted into the period with a warning
//     (TD302). When no period can be found at all the forms are scored
//     without one, lateness is not checked, and the run carries TD303;
//   - a "Bảng điểm" sheet gives one form per unit row
//     (submission.Submission.Forms);
//   - a form is matched to a roster unit by "Mã đơn vị", else by "Đơn vị"
//     against names and aliases (case, diacritics, spaces and punctuation
//     ignored). A form for a unit not on the roster is scored under the
//     code written (or initials of its name), flagged "ngoài danh sách",
//     with a warning (TD304);
//   - under peers with exclude_self (the default) a unit's score of itself
//     is dropped: a per-unit form is skipped (TD349), a row of a "Bảng
//     điểm" sheet ignored (TD350);
//   - of several forms for one unit (for one unit from one evaluator, under
//     evaluators or peers) the kept one is: a dated form before an undated
//     one, then the later "Ngày lập", then the file whose path sorts last,
//     then the later row. The others are duplicates, with a warning naming
//     the kept file (TD305, TD320, TD353); a file none of whose forms is
//     kept is a duplicate;
//   - a form dated after the end of the period + opts.DeadlineDays is late
//     (warning TD306; an undated form is not late): under self-evaluation
//     the unit is flagged late and scored; under evaluators the evaluator
//     is late (Result.Evaluators, Summary.LateEvaluators);
//   - opts.Review (the council's "Thẩm định" sheet) overrides the review
//     score of a leaf row; every override that changes a value is listed in
//     Changes (old → new) with a note TD401. Overrides naming a unit without
//     a scored form, an unknown row or a parent row are ignored with a
//     warning (TD402–TD404); a value outside min…max is ignored with an
//     error (TD405); the same unit and row twice keeps the last (TD406);
//   - scoring, in hundredths (docs/scoring.md#leaf-scores): a leaf counts
//     its review score if set, else its self score (blank = 0); its points
//     come from a level, a choice, a figure (Start + Per × figure or steps,
//     kept within [min, max]) or are typed; deductions written negative
//     count as positive; a typed value outside the rule is brought inside
//     with a warning (the form reader rejects such forms first). Under
//     evaluators a leaf is the mean of the evaluators' points, rounded half
//     away from zero; a blank cell leaves the mean; a leaf nobody scored is
//     0 (TD348). Nodes that do not apply to the unit's group (applies_to)
//     or that the unit marked KAD (optional nodes) leave their parents'
//     maxima, weighted, up to the unit's maximum M. A parent is min(sum of
//     its children, each × its weight, its applicable max) (TD310 when
//     capped). Base = the weighted sum of the contents, × scale ÷ M when
//     the campaign normalises (rounded half away from zero); bonus and
//     deduction = their items' sum capped at the group's cap (no cap: the
//     items' maxima add up to it); total = base + bonus − deduction, at
//     most scale + bonus cap and at least 0 (unless total_floor: none);
//   - ranking: competition ranking (1, 2, 2, 4) by total, then each
//     tie_break key (bonus, base and content:<code> more first; deduction
//     less first); the same within each roster group (GroupRank; 0 for a
//     unit without a group). Units are listed by rank, then code;
//   - band: the highest band whose min the total reaches and, when the
//     band sets min_content_ratio, every content that applies reaches that
//     share of its applicable max. Sanctions of non-zero deduction items,
//     in order: no-top (not the highest band), down-one (one band lower,
//     never below the lowest), max-band:<label> (at best that band),
//     exclude (no band, flagged "không xét", rank kept); the flags are set
//     only when the band changed (exclude: always). A band's quota q
//     admits at most floor(q × classified units), in rank order; a tie
//     group that does not fit whole goes down with everyone ranked below
//     it, and when part of it would have fitted its units are flagged "cần
//     bình xét". Displaced units meet the next band's quota; a quota on the
//     lowest band is ignored. Ratios and quotas are read to 1/10 000 and
//     compared in integers. Without bands (rank only) no unit has a band;
//   - roster units with no scored form are missing (warning TD309 each);
//     under peers, a unit no peer scored is missing. Expected evaluators
//     (the roster under peers, evaluation.evaluators under evaluators)
//     none of whose forms counted are listed (TD354);
//   - Summary.Average is the mean total of the scored units, rounded half
//     up to hundredths.
//
// Run never panics on bad input; a nil campaign scores against an empty
// table.
func Run(inputs []submission.Input, opts Options) *Result {
	r := newRunner(inputs, opts)
	readable := r.classifyFiles()
	accepted := r.settlePeriod(readable)
	claims := r.claimForms(accepted)
	winners := r.keepLatest(accepted, claims)
	list := r.scoreUnits(winners)
	sortChanges(r.res.Changes)
	if r.t.evaluated() {
		r.res.Evaluators = r.ev.statuses()
		for _, e := range r.res.Evaluators {
			if e.Missing {
				r.res.Diags = append(r.res.Diags, diag.New("TD354", e.Label(), e.Code))
			}
		}
	}
	finish(r.res, r.t, list, opts.Roster)
	return r.res
}

// runner holds a Run on its way: the prepared table, the inputs sorted by
// path, the result being filled (Files in the inputs' order), the roster
// and the evaluators.
type runner struct {
	t    *table
	opts Options
	ins  []submission.Input
	res  *Result
	rx   *Roster
	ev   *evaluators

	selfSkipped map[int]bool // files skipped because they score only their own unit (peers)
}

// claim is one per-unit form on its way to a unit: its file (index in
// ins), the form, the unit it is for and, under evaluators, who scored it.
type claim struct {
	file   int
	sub    *submission.Submission
	unit   Unit
	roster bool
	eval   evalID
}

// claims are the forms claiming each unit (each unit and evaluator), with
// the keys in order of first appearance.
type claims struct {
	keys []string
	by   map[string][]claim
}

func newRunner(inputs []submission.Input, opts Options) *runner {
	t := newTable(opts.Campaign)
	res := &Result{Campaign: opts.Campaign}
	if res.Campaign == nil {
		res.Campaign = t.c
	}
	ins := make([]submission.Input, len(inputs))
	copy(ins, inputs)
	for i := range ins {
		if s := ins[i].Submission; s != nil {
			if ins[i].Path == "" {
				ins[i].Path = s.Path
			}
			if ins[i].Size == 0 {
				ins[i].Size = s.Size
			}
			if ins[i].SHA256 == "" {
				ins[i].SHA256 = s.SHA256
			}
		}
	}
	sort.SliceStable(ins, func(i, j int) bool { return ins[i].Path < ins[j].Path })
	rx := NewRoster(opts.Roster)
	return &runner{t: t, opts: opts, ins: ins, res: res, rx: rx, ev: newEvaluators(t, opts.Roster, rx), selfSkipped: map[int]bool{}}
}

// classifyFiles lists every input in Files: skipped, rejected (an error,
// or no evaluator named under evaluators or peers) or readable; it returns
// the readable ones.
func (r *runner) classifyFiles() []int {
	r.res.Files = make([]FileResult, len(r.ins))
	var readable []int
	for i, in := range r.ins {
		f := &r.res.Files[i]
		*f = FileResult{Path: in.Path, Size: in.Size, SHA256: in.SHA256}
		sub := in.Submission
		if sub == nil {
			f.Status = submission.Skipped
			if in.Skip != nil {
				f.Diags = append(f.Diags, inFile(*in.Skip, in.Path))
			}
			continue
		}
		f.Evaluator = vntext.Clean(sub.Evaluator)
		f.Diags = inFileList(sub.Diags, in.Path)
		for _, m := range sub.Matrix {
			if m != nil {
				f.Diags = append(f.Diags, inFileList(m.Diags, in.Path)...)
			}
		}
		switch {
		case sub.Rejected():
			f.Status = submission.Rejected
			f.Unit = writtenUnit(sub)
		case r.t.evaluated() && !hasEvaluator(sub):
			sheet, cell := infoPos(sub, sub.EvaluatorCell)
			f.Diags = append(f.Diags, diag.New("TD347", r.t.by).In(f.Path).At(sheet, cell))
			f.Status = submission.Rejected
			f.Unit = writtenUnit(sub)
		default:
			readable = append(readable, i)
		}
	}
	return readable
}

// settlePeriod sets the period (opts.Period, else the majority of the
// readable forms) and rejects the forms for another one; it returns the
// accepted files.
func (r *runner) settlePeriod(readable []int) []int {
	res := r.res
	period := r.opts.Period
	if period.IsZero() {
		var ps []vntext.Period
		for _, i := range readable {
			ps = append(ps, r.ins[i].Submission.Period)
		}
		period = majorityPeriod(ps)
		if period.IsZero() && len(readable) > 0 {
			res.Diags = append(res.Diags, diag.New("TD303"))
		}
	}
	res.Period = period
	var accepted []int
	for _, i := range readable {
		sub := r.ins[i].Submission
		f := &res.Files[i]
		if !period.IsZero() {
			sheet, cell := infoPos(sub, sub.PeriodCell)
			if sub.Period.IsZero() {
				f.Diags = append(f.Diags, diag.New("TD302", period.Label()).In(f.Path).At(sheet, cell))
			} else if sub.Period != period {
				f.Diags = append(f.Diags, diag.New("TD301", sub.Period.Label(), sub.PeriodText, period.Label()).In(f.Path).At(sheet, cell))
				f.Status = submission.Rejected
				f.Unit = writtenUnit(sub)
				continue
			}
		}
		accepted = append(accepted, i)
	}
	return accepted
}

// claimForms matches every per-unit form of the accepted files to its
// unit (a roster unit, else an off-roster code made unique) and, under
// evaluators or peers, to its evaluator; a unit's score of itself is
// dropped under peers with exclude_self, and a file whose evaluator is
// not a roster unit (peers) is rejected.
func (r *runner) claimForms(accepted []int) claims {
	out := claims{by: map[string][]claim{}}
	offCodes := map[string]string{} // off-roster key → code given
	usedCodes := map[string]bool{}
	for _, u := range r.opts.Roster {
		usedCodes[codeKey(u.Code)] = true
	}
	for _, i := range accepted {
		fsub := r.ins[i].Submission
		f := &r.res.Files[i]
		var fileClaims []claim
		rejected := false
		for _, sub := range fsub.Forms() {
			sheet, _ := infoPos(sub, "")
			if fsub.IsMatrix() {
				sheet = sub.Sheet
			}
			cl := r.unitOf(i, sub, sheet, offCodes, usedCodes)
			if fsub.IsMatrix() {
				f.Units = append(f.Units, cl.unit.Code)
			} else {
				f.Unit = cl.unit.Code
			}
			if r.t.evaluated() {
				id, d, ok := r.ev.identify(sub, f.Path)
				if d != nil {
					f.Diags = append(f.Diags, *d)
				}
				if !ok {
					rejected = true
					break
				}
				cl.eval = id
				if r.scoresItself(cl) {
					if fsub.IsMatrix() {
						f.Diags = append(f.Diags, diag.New("TD350", cl.unit.Code, sub.MatrixRow).In(f.Path).At(sheet, ""))
					} else {
						sheet, cell := infoPos(sub, sub.EvaluatorCell)
						f.Diags = append(f.Diags, diag.New("TD349", cl.unit.Code, cl.unit.Name).In(f.Path).At(sheet, cell))
						r.selfSkipped[i] = true
					}
					continue
				}
			}
			fileClaims = append(fileClaims, cl)
		}
		if rejected {
			f.Status = submission.Rejected
			f.Unit, f.Units = writtenUnit(fsub), nil
			continue
		}
		if len(f.Units) > 0 {
			f.Unit = f.Units[0]
		}
		for _, cl := range fileClaims {
			key := unitKey(cl.unit, cl.roster)
			if r.t.evaluated() {
				key += "|" + cl.eval.key
			}
			if _, seen := out.by[key]; !seen {
				out.keys = append(out.keys, key)
			}
			out.by[key] = append(out.by[key], cl)
		}
	}
	return out
}

// unitOf finds the unit form sub (of file i) is for: a roster unit, else
// an off-roster unit under the code written (or the initials of its
// name), made unique against the roster and the other off-roster units.
func (r *runner) unitOf(i int, sub *submission.Submission, sheet string, offCodes map[string]string, usedCodes map[string]bool) claim {
	f := &r.res.Files[i]
	ri, ds := r.rx.match(sub, sheet, f.Path)
	f.Diags = append(f.Diags, ds...)
	if ri >= 0 {
		return claim{file: i, sub: sub, unit: r.opts.Roster[ri], roster: true}
	}
	k, code, name := offRoster(sub, f.Path)
	if given, ok := offCodes[k]; ok {
		code = given
	} else {
		base, n := code, 1
		for usedCodes[codeKey(code)] {
			n++
			code = base + "-" + strconv.Itoa(n)
		}
		usedCodes[codeKey(code)] = true
		offCodes[k] = code
	}
	f.Diags = append(f.Diags, diag.New("TD304", name, code).In(f.Path).At(sheet, ""))
	return claim{file: i, sub: sub, unit: Unit{Code: code, Name: name}}
}

// scoresItself reports whether cl is a peer's score of itself that
// exclude_self drops.
func (r *runner) scoresItself(cl claim) bool {
	return r.t.by == campaign.EvalPeers && r.t.excludeSelf && cl.eval.roster >= 0 && cl.roster &&
		codeKey(r.opts.Roster[cl.eval.roster].Code) == codeKey(cl.unit.Code)
}

// keepLatest keeps the best form of each unit (of each unit and evaluator)
// — a dated form, then the later date, then the path that sorts last, then
// the later row — and warns on the others; it sets the status of every
// accepted file: scored when one of its forms counts, else duplicate, else
// skipped (a peer's form of itself).
func (r *runner) keepLatest(accepted []int, cs claims) []claim {
	won, lost := map[int]int{}, map[int]int{}
	var winners []claim
	for _, k := range cs.keys {
		list := cs.by[k]
		best := 0
		for j := 1; j < len(list); j++ {
			if laterForm(r.ins[list[j].file].Path, list[j].sub, r.ins[list[best].file].Path, list[best].sub) {
				best = j
			}
		}
		w := list[best]
		won[w.file]++
		for j, c := range list {
			if j == best {
				continue
			}
			lost[c.file]++
			r.warnDuplicate(c, w)
		}
		winners = append(winners, w)
	}
	for _, i := range accepted {
		f := &r.res.Files[i]
		switch {
		case f.Status == submission.Rejected:
		case won[i] > 0:
			f.Status = submission.Scored
		case lost[i] > 0:
			f.Status = submission.Duplicate
		case r.selfSkipped[i]:
			f.Status = submission.Skipped
		default:
			f.Status = submission.Scored
		}
	}
	return winners
}

// warnDuplicate warns on the file of c that w was kept instead.
func (r *runner) warnDuplicate(c, w claim) {
	f := &r.res.Files[c.file]
	sheet, cell := infoPos(c.sub, c.sub.DateCell)
	if c.sub.MatrixRow > 0 {
		sheet, cell = c.sub.Sheet, ""
	}
	var d diag.Diagnostic
	switch {
	case r.t.evaluated():
		d = diag.New("TD353", w.eval.ref.Label(), c.unit.Code, c.unit.Name, r.ins[w.file].Path)
	case w.sub.Date.IsZero():
		d = diag.New("TD320", c.unit.Code, c.unit.Name, r.ins[w.file].Path)
	default:
		d = diag.New("TD305", c.unit.Code, c.unit.Name, r.ins[w.file].Path, w.sub.Date.Format("02/01/2006"))
	}
	f.Diags = append(f.Diags, d.In(f.Path).At(sheet, cell))
	if f.Unit == "" {
		f.Unit = c.unit.Code
	}
}

// scoreUnits gathers the kept forms by unit (one, or one per evaluator),
// applies the council's review and scores every unit, in order of first
// appearance.
func (r *runner) scoreUnits(winners []claim) []scored {
	type unitClaims struct {
		unit   Unit
		roster bool
		forms  []claim
	}
	var order []string
	byUnit := map[string]*unitClaims{}
	for _, w := range winners {
		k := unitKey(w.unit, w.roster)
		uc := byUnit[k]
		if uc == nil {
			uc = &unitClaims{unit: w.unit, roster: w.roster}
			byUnit[k] = uc
			order = append(order, k)
		}
		uc.forms = append(uc.forms, w)
	}
	var unitCodes []string
	for _, k := range order {
		unitCodes = append(unitCodes, byUnit[k].unit.Code)
	}
	ov, rdiags := validateReview(r.t, r.opts.Review, unitCodes, r.res.Period)
	r.res.Diags = append(r.res.Diags, rdiags...)
	if !r.res.Period.IsZero() {
		r.res.Reviewed = append(r.res.Reviewed, r.res.Period)
	}

	lateWarned := map[int]bool{}
	list := make([]scored, 0, len(order))
	for _, k := range order {
		uc := byUnit[k]
		sort.SliceStable(uc.forms, func(i, j int) bool {
			a, b := uc.forms[i], uc.forms[j]
			if la, lb := foldLabel(a.eval.ref), foldLabel(b.eval.ref); la != lb {
				return la < lb
			}
			return r.ins[a.file].Path < r.ins[b.file].Path
		})
		latest := uc.forms[0]
		for _, c := range uc.forms[1:] {
			if laterForm(r.ins[c.file].Path, c.sub, r.ins[latest.file].Path, latest.sub) {
				latest = c
			}
		}
		u := UnitResult{
			Code: uc.unit.Code, Name: uc.unit.Name, Group: uc.unit.Group, Short: uc.unit.Short,
			File: r.ins[latest.file].Path, Sheet: latest.sub.Sheet, OnRoster: uc.roster, Date: latest.sub.Date,
		}
		if !uc.roster {
			u.Flags = append(u.Flags, FlagNotOnRos)
		}
		var forms []unitForm
		for _, c := range uc.forms {
			isLate := r.late(c, lateWarned)
			if !r.t.evaluated() {
				if isLate {
					u.Late = true
					u.Flags = append(u.Flags, FlagLate)
				}
			} else {
				u.Evaluations = append(u.Evaluations, Evaluation{Evaluator: c.eval.ref, File: r.ins[c.file].Path, Sheet: c.sub.Sheet,
					Row: c.sub.MatrixRow, Date: c.sub.Date, Late: isLate})
				r.ev.counted(c.eval, r.ins[c.file].Path, u.Code, isLate)
			}
			forms = append(forms, unitForm{sub: c.sub, file: r.ins[c.file].Path, diags: &r.res.Files[c.file].Diags, evaluator: c.eval.ref.Label()})
		}
		for _, ch := range r.t.scoreUnit(forms, u.Group, ov[codeKey(u.Code)], &u) {
			r.res.Changes = append(r.res.Changes, ch)
			r.res.Diags = append(r.res.Diags, reviewNote(ch, ov))
		}
		s := scored{UnitResult: u}
		s.setSanctions(r.t.sanctions(u.Rows))
		list = append(list, s)
	}
	return list
}

// late reports whether form c is dated after the period's end +
// deadline_days, warning once per file (TD306).
func (r *runner) late(c claim, warned map[int]bool) bool {
	sub, period := c.sub, r.res.Period
	if period.IsZero() || sub.Date.IsZero() {
		return false
	}
	deadline := period.End().AddDate(0, 0, r.opts.DeadlineDays)
	y, m, d := sub.Date.Date()
	if !time.Date(y, m, d, 0, 0, 0, 0, time.UTC).After(deadline) {
		return false
	}
	if !warned[c.file] {
		warned[c.file] = true
		f := &r.res.Files[c.file]
		sheet, cell := infoPos(sub, sub.DateCell)
		f.Diags = append(f.Diags, diag.New("TD306", dmy(sub), deadline.Format("02/01/2006"), r.opts.DeadlineDays).In(f.Path).At(sheet, cell))
	}
	return true
}

// unitKey identifies the unit a form is for: a roster unit by its code,
// another by the key offRoster gives.
func unitKey(u Unit, roster bool) string {
	if roster {
		return "r:" + codeKey(u.Code)
	}
	return "o:" + codeKey(u.Code)
}

// hasEvaluator reports whether every per-unit form of sub names its
// evaluator.
func hasEvaluator(sub *submission.Submission) bool {
	for _, f := range sub.Forms() {
		if vntext.Clean(f.Evaluator) == "" {
			return false
		}
	}
	return true
}

// finish lists the roster units that list lacks as missing (TD309), ranks
// and classifies list into res.Units and adds up the summary.
func finish(res *Result, t *table, list []scored, roster []Unit) {
	present := make(map[string]bool, len(list))
	for i := range list {
		present[codeKey(list[i].Code)] = true
	}
	for _, u := range roster {
		if !present[codeKey(u.Code)] {
			res.Missing = append(res.Missing, u)
			res.Diags = append(res.Diags, diag.New("TD309", u.Code, u.Name))
		}
	}
	expected := len(roster)
	rank(t.c, list)
	classify(t.c, list)
	res.Units = make([]UnitResult, len(list))
	for i := range list {
		res.Units[i] = list[i].UnitResult
	}
	res.Summary = Summary{Missing: len(res.Missing), Expected: expected}
	res.CountFiles()
	s := res.Summary
	var sum Points
	counts := map[string]int{}
	for _, u := range res.Units {
		sum += u.Total
		if u.Late {
			s.Late++
		}
		if u.Excluded {
			s.Excluded++
		}
		counts[u.Band]++
	}
	for _, e := range res.Evaluators {
		if e.Missing {
			s.MissingEvaluators++
		}
		if e.Late {
			s.LateEvaluators++
		}
	}
	if len(res.Units) > 0 {
		s.Average = divRound(sum, int64(len(res.Units)))
	}
	for _, b := range t.c.Bands {
		s.Bands = append(s.Bands, BandCount{Label: b.Label, Count: counts[b.Label]})
	}
	res.Summary = s
}

// majorityPeriod returns the period most often given, the latest on a tie;
// the zero period when none is given.
func majorityPeriod(ps []vntext.Period) vntext.Period {
	counts := map[vntext.Period]int{}
	var best vntext.Period
	for _, p := range ps {
		if p.IsZero() {
			continue
		}
		counts[p]++
		n, bn := counts[p], counts[best]
		if best.IsZero() || n > bn || n == bn && periodAfter(p, best) {
			best = p
		}
	}
	return best
}

// periodAfter reports whether p is later than q: ends later, or ends on the
// same day and starts later (the shorter period).
func periodAfter(p, q vntext.Period) bool {
	pe, qe := p.End(), q.End()
	if !pe.Equal(qe) {
		return pe.After(qe)
	}
	return p.Start().After(q.Start())
}

// laterForm reports whether form a (of file pa) wins over form b (of file
// pb) for the same unit: a dated form over an undated one, then the later
// date, then the path that sorts last, then the later row of a "Bảng
// điểm" sheet.
func laterForm(pa string, a *submission.Submission, pb string, b *submission.Submission) bool {
	da, db := a.Date, b.Date
	if da.IsZero() != db.IsZero() {
		return !da.IsZero()
	}
	if !da.Equal(db) {
		return da.After(db)
	}
	if pa != pb {
		return pa > pb
	}
	return a.MatrixRow > b.MatrixRow
}

// infoPos returns the sheet and cell of an information-sheet value.
func infoPos(sub *submission.Submission, cell string) (string, string) {
	sheet := sub.InfoSheet
	if sheet == "" {
		sheet = infoSheet
	}
	if s, c, ok := strings.Cut(cell, "!"); ok {
		return strings.Trim(s, "'"), c
	}
	return sheet, cell
}

// splitCell splits "Sheet!G14" into sheet and cell.
func splitCell(ref string) (string, string) {
	if s, c, ok := strings.Cut(ref, "!"); ok {
		return strings.Trim(s, "'"), c
	}
	return "", ref
}

func inFile(d diag.Diagnostic, path string) diag.Diagnostic {
	if d.File == "" {
		d.File = path
	}
	return d
}

func inFileList(l diag.List, path string) diag.List {
	out := make(diag.List, len(l))
	for i, d := range l {
		out[i] = inFile(d, path)
	}
	return out
}

func dmy(sub *submission.Submission) string { return sub.Date.Format("02/01/2006") }

func periodLabel(p vntext.Period) string {
	if p.IsZero() {
		return "?"
	}
	return p.Label()
}

// sortChanges orders review changes by unit code, then by row order of
// the campaign as they were produced (stable).
func sortChanges(cs []ReviewChange) {
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].UnitCode < cs[j].UnitCode })
}
