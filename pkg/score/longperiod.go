package score

import (
	"sort"

	"github.com/thidua/thidua/pkg/diag"
	"github.com/thidua/thidua/pkg/submission"
	"github.com/thidua/thidua/pkg/vntext"
)

// RunLongPeriod scores a period longer than a quarter (a half year or a
// year) from the forms of its quarters and from earlier quarters' results:
//
//   - each readable form is placed in the quarter it reports on, and each
//     quarter's forms are scored with Run (opts with Period set to that
//     quarter): review overrides, duplicates and lateness work per quarter;
//   - a form whose period is not a quarter of period (another quarter, a
//     half year, a year, or none readable) cannot be placed in a quarter:
//     it is rejected with TD321 at its "Kỳ báo cáo" cell;
//   - skipped and rejected inputs are scored with the first quarter, so
//     that every input is listed once in Result.Files;
//   - earlier are quarters' results read back (from JSON results); they
//     are rolled up with the quarters scored here, and earlierFiles (the
//     files they were read from, including the ones that could not be
//     used) are added to Result.Files, which stays sorted by path;
//   - the quarters are rolled up with Rollup (see there for means, flags,
//     ranks and bands).
//
// Inputs' submissions may gain a TD321 diagnostic; nothing else of the
// inputs is changed.
func RunLongPeriod(period vntext.Period, inputs []submission.Input, earlier []*Result, earlierFiles []FileResult, opts Options) *Result {
	byQ := map[vntext.Period][]submission.Input{}
	var outside []submission.Input
	for _, in := range inputs {
		s := in.Submission
		switch {
		case s == nil || s.Rejected():
			outside = append(outside, in)
		case s.Period.Kind == vntext.Quarter && period.Contains(s.Period):
			byQ[s.Period] = append(byQ[s.Period], in)
		default:
			text := s.PeriodText
			if text == "" {
				text = "—"
			}
			sheet, cell := infoPos(s, s.PeriodCell)
			s.Diags = append(s.Diags, diag.New("TD321", text, period.Label()).At(sheet, cell))
			outside = append(outside, in)
		}
	}
	quarters := append([]*Result(nil), earlier...)
	for i, q := range period.Quarters() {
		ins := byQ[q]
		if i == 0 {
			ins = append(ins, outside...) // skipped and rejected files are still accounted for
		}
		if len(ins) == 0 {
			continue
		}
		o := opts
		o.Period = q
		quarters = append(quarters, Run(ins, o))
	}
	res := Rollup(period, quarters, opts)
	res.Files = append(res.Files, earlierFiles...)
	sort.SliceStable(res.Files, func(i, j int) bool { return res.Files[i].Path < res.Files[j].Path })
	res.CountFiles()
	return res
}
