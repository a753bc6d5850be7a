package score

import (
	"slices"
	"sort"

	"github.com/thidua/thidua/pkg/campaign"
	"github.com/thidua/thidua/pkg/diag"
	"github.com/thidua/thidua/pkg/submission"
	"github.com/thidua/thidua/pkg/vntext"
)

// Rollup scores a longer period (docs/scoring.md#longer-periods) from the
// results of its parts: a half year or a year from its quarters (or its
// months), a quarter from its months, a school year from its semesters.
// The parts' kind is the campaign's period_kind when period is made of
// periods of that kind, else the kind most results are of (quarters
// first, then months, on a tie), else the first kind period.PartKinds
// gives. Below, "quarter" stands for the part, whatever its kind:
//
//   - a unit's total is the mean of its quarterly totals over every quarter
//     of period; a quarter with no scored form for the unit (or no result
//     at all) counts 0 and the unit is flagged "thiếu phiếu quý" ("thiếu
//     phiếu tháng", "thiếu phiếu học kỳ" for months and semesters). Means are
//     rounded half up to hundredths. Contents (self and final), base, bonus,
//     deduction and every row are averaged the same way, for display: they
//     need not add up to the averaged total exactly;
//   - Quarters lists the unit's total in each quarter;
//   - a unit is late when it was late in any quarter; it is reviewed when
//     it was reviewed in any quarter; it carries a sanction when a
//     sanctioned deduction was non-zero in any quarter (for a quarter read
//     back without rows, when the quarter's unit carried the sanction's
//     flag);
//   - name and group come from the roster, else from the latest quarter;
//     File, Sheet and Date are those of the latest quarter with a form;
//   - ranks and bands are worked out again as in Run (the content ratio of
//     a band is checked on the averaged contents; quotas count the units of
//     the longer period);
//   - Files is the union of the quarters' files (a path given in two
//     quarters appears once, with the most telling status: scored, then
//     duplicate, rejected, skipped), Changes and Diags the union of the
//     quarters' (their per-quarter "missing unit" warnings are replaced by
//     TD318 and TD309 for the whole period);
//   - a result for a period outside period is ignored (TD317), a second
//     result for one quarter too (TD319), a quarter without a result is
//     reported (TD316; TD360 for a month or a semester). A zero period, or
//     one not made of shorter periods, rolls up the periods given;
//   - the unit's applicable maximum, raw base and, per content and row,
//     the applicable maximum are averaged too; a content or a row does not
//     apply when it did not apply in any quarter with a form; Evaluations
//     and Result.Evaluators are the union of the quarters' (an evaluator is
//     missing or late when it was in any quarter).
//
// Options.Campaign and Options.Roster are used; the other options are not.
func Rollup(period vntext.Period, quarters []*Result, opts Options) *Result {
	return rollup(period, partKind(period, quarters, opts.Campaign), quarters, opts)
}

// rollup is Rollup over parts of the given kind.
func rollup(period vntext.Period, kind vntext.PeriodKind, quarters []*Result, opts Options) *Result {
	t := newTable(opts.Campaign)
	res := &Result{Campaign: opts.Campaign, Period: period}
	if res.Campaign == nil {
		res.Campaign = t.c
	}
	qs, byQ := placeResults(res, kind, quarters)
	mergeQuarterFiles(res, byQ)

	// Units of every quarter, in order of first appearance.
	var order []string
	perUnit := map[string][]*UnitResult{}
	for qi, q := range byQ {
		if q == nil {
			continue
		}
		for ui := range q.Units {
			u := &q.Units[ui]
			k := codeKey(u.Code)
			if perUnit[k] == nil {
				perUnit[k] = make([]*UnitResult, len(qs))
				order = append(order, k)
			}
			if perUnit[k][qi] == nil {
				perUnit[k][qi] = u
			}
		}
	}
	rx := NewRoster(opts.Roster)
	list := make([]scored, 0, len(order))
	for _, k := range order {
		list = append(list, t.rollupUnit(res, perUnit[k], qs, byQ, kind, rx, opts.Roster))
	}
	res.Evaluators = mergeEvaluators(byQ)
	finish(res, t, list, opts.Roster)
	return res
}

// placeResults returns the parts of res.Period of the given kind (or,
// for a period not made of such parts, the periods the results give) and
// the result of each; results outside the period (TD317) and second
// results for a part (TD319) are left out, parts without one reported
// (TD316, TD360).
func placeResults(res *Result, kind vntext.PeriodKind, quarters []*Result) ([]vntext.Period, []*Result) {
	period := res.Period
	qs := period.Parts(kind)
	if kind == 0 || period.Kind == kind {
		qs = nil
	}
	if len(qs) == 0 {
		seen := map[vntext.Period]bool{}
		for _, q := range quarters {
			if q != nil && !q.Period.IsZero() && !seen[q.Period] {
				seen[q.Period] = true
				qs = append(qs, q.Period)
			}
		}
		sort.Slice(qs, func(i, j int) bool { return periodAfter(qs[j], qs[i]) })
	}
	inPeriod := map[vntext.Period]int{}
	for i, q := range qs {
		inPeriod[q] = i
	}
	byQ := make([]*Result, len(qs))
	extra := make([]int, len(qs))
	for _, q := range quarters {
		if q == nil {
			continue
		}
		i, ok := inPeriod[q.Period]
		if !ok {
			res.Diags = append(res.Diags, diag.New("TD317", periodLabel(q.Period), periodLabel(period)))
			continue
		}
		if byQ[i] != nil {
			extra[i]++
			continue
		}
		byQ[i] = q
	}
	for i, q := range byQ {
		if q == nil {
			code := "TD316"
			if qs[i].Kind != vntext.Quarter {
				code = "TD360"
			}
			res.Diags = append(res.Diags, diag.New(code, qs[i].Label()))
		}
		if extra[i] > 0 {
			res.Diags = append(res.Diags, diag.New("TD319", extra[i]+1, qs[i].Label()))
		}
	}
	return qs, byQ
}

// mergeQuarterFiles joins the quarters' files (a path given in two
// quarters once, with the most telling status), changes and diagnostics
// (without their per-quarter "missing unit" warnings).
func mergeQuarterFiles(res *Result, byQ []*Result) {
	files := map[string]FileResult{}
	for _, q := range byQ {
		if q == nil {
			continue
		}
		for _, f := range q.Files {
			if old, ok := files[f.Path]; !ok || statusRank(f.Status) < statusRank(old.Status) {
				files[f.Path] = f
			}
		}
		res.Changes = append(res.Changes, q.Changes...)
		res.Reviewed = append(res.Reviewed, q.Reviewed...)
		for _, d := range q.Diags {
			if d.Code != "TD309" {
				res.Diags = append(res.Diags, d)
			}
		}
	}
	for _, f := range files {
		res.Files = append(res.Files, f)
	}
	sort.Slice(res.Files, func(i, j int) bool { return res.Files[i].Path < res.Files[j].Path })
}

// unitSums adds up one unit's quarters, to be averaged.
type unitSums struct {
	total, base, bonus, ded, maxApp, rawBase Points
	cself, cscore, cmax                      map[string]Points
	cna                                      map[string]int
	corder                                   []ContentScore
	rself, rfinal, rmax                      []Points
	rSelfSet, rRevSet                        []bool
	rna                                      []int
	present                                  int
	hasRows, missing                         bool
	sanc                                     sanctionSet
}

// rollupUnit averages one unit's quarters us (nil where it had no scored
// form) over the parts qs of kind: totals, contents and rows; flags,
// sanctions, lateness and evaluations are joined.
func (t *table) rollupUnit(res *Result, us []*UnitResult, qs []vntext.Period, byQ []*Result, kind vntext.PeriodKind, rx *Roster, roster []Unit) scored {
	var latest *UnitResult
	for _, u := range us {
		if u != nil {
			latest = u
		}
	}
	s := scored{}
	u := &s.UnitResult
	u.Code, u.Name, u.Group = latest.Code, latest.Name, latest.Group
	u.File, u.Sheet, u.Date = latest.File, latest.Sheet, latest.Date
	if ri, ok := rx.code(latest.Code); ok {
		ru := roster[ri]
		u.Code, u.Name, u.Group, u.Short, u.OnRoster = ru.Code, ru.Name, ru.Group, ru.Short, true
	} else {
		u.Flags = append(u.Flags, FlagNotOnRos)
	}
	n := len(t.rows)
	a := &unitSums{cself: map[string]Points{}, cscore: map[string]Points{}, cmax: map[string]Points{}, cna: map[string]int{},
		rself: make([]Points, n), rfinal: make([]Points, n), rmax: make([]Points, n),
		rSelfSet: make([]bool, n), rRevSet: make([]bool, n), rna: make([]int, n)}
	for _, c := range t.rows {
		if c.Kind == campaign.KindContent {
			a.corder = append(a.corder, ContentScore{Code: c.Code, Title: c.Title, Max: c.Max})
		}
	}
	for qi, qu := range us {
		qt := QuarterTotal{Period: qs[qi]}
		if qu == nil {
			a.missing = true
			if byQ[qi] != nil {
				code := "TD318"
				if qs[qi].Kind != vntext.Quarter {
					code = "TD361"
				}
				res.Diags = append(res.Diags, diag.New(code, u.Code, u.Name, qs[qi].Label()))
			}
			u.Quarters = append(u.Quarters, qt)
			continue
		}
		qt.Total, qt.Present = qu.Total, true
		u.Quarters = append(u.Quarters, qt)
		u.Late = u.Late || qu.Late
		u.Reviewed = u.Reviewed || qu.Reviewed
		u.Evaluations = append(u.Evaluations, qu.Evaluations...)
		t.addQuarter(a, qu)
	}
	s.setSanctions(a.sanc)
	if a.missing {
		flag := missingPartFlags[kind]
		if flag == "" {
			flag = FlagMissingQ
		}
		u.Flags = append(u.Flags, flag)
	}
	if u.Late {
		u.Flags = append(u.Flags, FlagLate)
	}
	t.average(a, u, int64(len(qs)))
	return s
}

// addQuarter adds one quarter of a unit to its sums.
func (t *table) addQuarter(a *unitSums, qu *UnitResult) {
	a.total += qu.Total
	a.base += qu.Base
	a.bonus += qu.Bonus
	a.ded += qu.Deduction
	a.maxApp += qu.MaxApplicable
	a.rawBase += qu.RawBase
	a.present++
	for _, c := range qu.Contents {
		ck := campaign.NormCode(c.Code)
		if _, ok := a.cscore[ck]; !ok && !hasContent(a.corder, ck) {
			a.corder = append(a.corder, ContentScore{Code: c.Code, Title: c.Title, Max: c.Max})
		}
		a.cself[ck] += c.Self
		a.cscore[ck] += c.Score
		a.cmax[ck] += c.MaxApplicable
		if c.NotApplicable {
			a.cna[ck]++
		}
	}
	if len(qu.Rows) == 0 {
		a.sanc.noTop = a.sanc.noTop || hasFlag(qu.Flags, FlagNoTop)
		a.sanc.downOne = a.sanc.downOne || hasFlag(qu.Flags, FlagDownOne)
		a.sanc.exclude = a.sanc.exclude || qu.Excluded || hasFlag(qu.Flags, FlagExcluded)
	} else {
		a.sanc = a.sanc.merge(t.sanctions(qu.Rows))
	}
	for _, r := range qu.Rows {
		a.hasRows = true
		if i, ok := t.row(r.Code); ok {
			a.rself[i] += r.Self
			a.rfinal[i] += r.Final
			a.rSelfSet[i] = a.rSelfSet[i] || r.SelfSet
			a.rRevSet[i] = a.rRevSet[i] || r.ReviewSet
			a.rmax[i] += r.MaxApplicable
			if r.NotApplicable {
				a.rna[i]++
			}
		}
	}
}

// average sets u's totals, contents and rows to the means of a over n
// parts; a content or a row does not apply when it applied in no quarter
// with a form.
func (t *table) average(a *unitSums, u *UnitResult, n int64) {
	u.Total = divRound(a.total, n)
	u.Base, u.Bonus, u.Deduction = divRound(a.base, n), divRound(a.bonus, n), divRound(a.ded, n)
	u.MaxApplicable, u.RawBase = divRound(a.maxApp, n), divRound(a.rawBase, n)
	for _, c := range a.corder {
		ck := campaign.NormCode(c.Code)
		c.Self, c.Score = divRound(a.cself[ck], n), divRound(a.cscore[ck], n)
		c.MaxApplicable = divRound(a.cmax[ck], n)
		c.NotApplicable = a.present > 0 && a.cna[ck] == a.present
		if i, ok := t.row(c.Code); ok {
			c.Weight = t.rows[i].Weight
		}
		u.Contents = append(u.Contents, c)
	}
	if !a.hasRows {
		return
	}
	u.Rows = make([]RowScore, len(t.rows))
	for i, r := range t.rows {
		rs := RowScore{Code: r.Code, Title: r.Title, Kind: r.Kind, Depth: r.Depth, Leaf: r.Leaf, Max: r.Max,
			Self: divRound(a.rself[i], n), SelfSet: a.rSelfSet[i], Final: divRound(a.rfinal[i], n), ReviewSet: a.rRevSet[i],
			Weight: r.Weight, MaxApplicable: divRound(a.rmax[i], n), NotApplicable: a.present > 0 && a.rna[i] == a.present}
		if rs.ReviewSet {
			rs.Review = rs.Final
		}
		u.Rows[i] = rs
	}
}

// partKind returns the kind of the parts period is rolled up from: the
// campaign's period_kind when period is made of such periods, else the
// kind most results are of among period.PartKinds (the first on a tie),
// else the first of them; 0 when period is not made of shorter periods.
func partKind(period vntext.Period, results []*Result, c *campaign.Campaign) vntext.PeriodKind {
	kinds := period.PartKinds()
	if len(kinds) == 0 {
		return 0
	}
	if c != nil && c.PeriodKind != "" {
		if k := c.Kind(); slices.Contains(kinds, k) {
			return k
		}
	}
	best, bestN := kinds[0], 0
	for _, k := range kinds {
		n := 0
		for _, r := range results {
			if r != nil && r.Period.Kind == k {
				n++
			}
		}
		if n > bestN {
			best, bestN = k, n
		}
	}
	return best
}

// merge adds the sanctions of o to s.
func (s sanctionSet) merge(o sanctionSet) sanctionSet {
	s.noTop = s.noTop || o.noTop
	s.downOne = s.downOne || o.downOne
	s.exclude = s.exclude || o.exclude
	s.maxBand = max(s.maxBand, o.maxBand)
	return s
}

// mergeEvaluators joins the evaluators of the quarters: by code and name,
// in order of first appearance; files joined, units the most of any
// quarter, late or missing when in any quarter.
func mergeEvaluators(qs []*Result) []EvaluatorStatus {
	var out []EvaluatorStatus
	at := map[EvaluatorRef]int{}
	for _, q := range qs {
		if q == nil {
			continue
		}
		for _, e := range q.Evaluators {
			i, ok := at[e.EvaluatorRef]
			if !ok {
				at[e.EvaluatorRef] = len(out)
				e.Files = slices.Clone(e.Files)
				out = append(out, e)
				continue
			}
			o := &out[i]
			o.Expected = o.Expected || e.Expected
			o.Late = o.Late || e.Late
			o.Missing = o.Missing || e.Missing
			o.Units = max(o.Units, e.Units)
			for _, f := range e.Files {
				if !slices.Contains(o.Files, f) {
					o.Files = append(o.Files, f)
				}
			}
			sort.Strings(o.Files)
		}
	}
	return out
}

func statusRank(s submission.Status) int {
	switch s {
	case submission.Scored:
		return 0
	case submission.Duplicate:
		return 1
	case submission.Rejected:
		return 2
	}
	return 3
}

func hasContent(cs []ContentScore, k string) bool {
	for _, c := range cs {
		if campaign.NormCode(c.Code) == k {
			return true
		}
	}
	return false
}

func hasFlag(flags []string, f string) bool {
	for _, x := range flags {
		if x == f {
			return true
		}
	}
	return false
}
