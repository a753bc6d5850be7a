package score

import (
	"sort"

	"github.com/thidua/thidua/pkg/diag"
	"github.com/thidua/thidua/pkg/submission"
	"github.com/thidua/thidua/pkg/vntext"
)

// RunLongPeriod scores a period from the forms of the shorter periods it
// is made of and from earlier results of those periods (a half year or a
// year from its quarters or months, a quarter from its months, a school
// year from its semesters; docs/scoring.md#longer-periods):
//
//   - when a readable form is for period itself and none (nor an earlier
//     result) for a part of it, or when period is a month or a semester
//     (made of nothing shorter), the forms are read as they are: Run with
//     opts.Period = period; earlier results are then ignored (TD317) and
//     earlierFiles listed;
//   - otherwise the parts' kind is chosen as Rollup does (period_kind,
//     else the kind most forms and results are of); each readable form is
//     placed in the part it reports on, and each part's forms are scored
//     with Run (opts with Period set to that part): review overrides,
//     duplicates and lateness work per part;
//   - a form whose period is not a part of period (another quarter, a
//     half year, the period itself, or none readable) cannot be placed: it
//     is rejected with TD321 (TD358 when the parts are months or
//     semesters) at its "Kỳ báo cáo" cell;
//   - skipped and rejected inputs are scored with the first part, so that
//     every input is listed once in Result.Files;
//   - earlier are parts' results read back (from JSON results); they are
//     rolled up with the parts scored here, and earlierFiles (the files
//     they were read from, including the ones that could not be used) are
//     added to Result.Files, which stays sorted by path;
//   - the parts are rolled up with Rollup (see there for means, flags,
//     ranks and bands).
//
// Inputs' submissions may gain a TD321/TD358 diagnostic; nothing else of
// the inputs is changed.
func RunLongPeriod(period vntext.Period, inputs []submission.Input, earlier []*Result, earlierFiles []FileResult, opts Options) *Result {
	// Forms and results as they are, for the kind they give.
	var forms []*Result // the kinds of the forms, as stand-ins for Rollup's choice
	partOf, itself := false, false
	for _, in := range inputs {
		if s := in.Submission; s != nil && !s.Rejected() && !s.Period.IsZero() {
			forms = append(forms, &Result{Period: s.Period})
			if period.Contains(s.Period) && s.Period != period {
				partOf = true
			}
			itself = itself || s.Period == period
		}
	}
	for _, r := range earlier {
		if r != nil && period.Contains(r.Period) && r.Period != period {
			partOf = true
		}
	}
	kind := partKind(period, append(forms, earlier...), opts.Campaign)
	if kind == 0 || itself && !partOf {
		o := opts
		o.Period = period
		res := Run(inputs, o)
		for _, r := range earlier {
			if r != nil {
				res.Diags = append(res.Diags, diag.New("TD317", periodLabel(r.Period), periodLabel(period)))
			}
		}
		res.Files = append(res.Files, earlierFiles...)
		sort.SliceStable(res.Files, func(i, j int) bool { return res.Files[i].Path < res.Files[j].Path })
		res.CountFiles()
		return res
	}
	parts := period.Parts(kind)
	inParts := map[vntext.Period]bool{}
	for _, q := range parts {
		inParts[q] = true
	}
	byQ := map[vntext.Period][]submission.Input{}
	var outside []submission.Input
	for _, in := range inputs {
		s := in.Submission
		switch {
		case s == nil || s.Rejected():
			outside = append(outside, in)
		case inParts[s.Period]:
			byQ[s.Period] = append(byQ[s.Period], in)
		default:
			text := s.PeriodText
			if text == "" {
				text = "—"
			}
			sheet, cell := infoPos(s, s.PeriodCell)
			code := "TD321"
			if kind != vntext.Quarter {
				code = "TD358"
			}
			s.Diags = append(s.Diags, diag.New(code, text, period.Label()).At(sheet, cell))
			outside = append(outside, in)
		}
	}
	results := append([]*Result(nil), earlier...)
	for i, q := range parts {
		ins := byQ[q]
		if i == 0 {
			ins = append(ins, outside...) // skipped and rejected files are still accounted for
		}
		if len(ins) == 0 {
			continue
		}
		o := opts
		o.Period = q
		results = append(results, Run(ins, o))
	}
	res := rollup(period, kind, results, opts)
	res.Files = append(res.Files, earlierFiles...)
	sort.SliceStable(res.Files, func(i, j int) bool { return res.Files[i].Path < res.Files[j].Path })
	res.CountFiles()
	return res
}
