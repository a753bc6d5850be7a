package score

import (
	"sort"
	"strconv"
	"strings"
	"time"

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
//   - a submission with an error is rejected, keeping its diagnostics;
//   - the period is opts.Period, or else the period most forms give (on a
//     tie, the latest: the one ending last, then starting last). A form for
//     another period is rejected (TD301, at its "Kỳ báo cáo" cell). A form
//     with no readable period is accepted into the period with a warning
//     (TD302). When no period can be found at all the forms are scored
//     without one, lateness is not checked, and the run carries TD303;
//   - a form is matched to a roster unit by "Mã đơn vị", else by "Đơn vị"
//     against names and aliases (case, diacritics, spaces and punctuation
//     ignored). A form for a unit not on the roster is scored under the
//     code written (or initials of its name), flagged "ngoài danh sách",
//     with a warning (TD304);
//   - of several forms for one unit the kept one is: a dated form before an
//     undated one, then the later "Ngày lập", then the file whose path sorts
//     last. The others are duplicates, with a warning naming the kept file;
//   - a form dated after the end of the period + opts.DeadlineDays is late
//     (flagged and scored, warning TD306); an undated form is not late;
//   - opts.Review (the council's "Thẩm định" sheet) overrides the review
//     score of a leaf row; every override that changes a value is listed in
//     Changes (old → new) with a note TD401. Overrides naming a unit without
//     a scored form, an unknown row or a parent row are ignored with a
//     warning (TD402–TD404); a value outside 0…max is ignored with an error
//     (TD405); the same unit and row twice keeps the last (TD406);
//   - scoring, in hundredths: a leaf counts its review score if set, else
//     its self score (blank = 0); deductions written negative count as
//     positive; a leaf outside 0…max is brought inside (TD311/TD312; the
//     form reader rejects such forms first). A parent is min(sum of its
//     children, its max) (TD310 when capped). Base = sum of the contents,
//     bonus and deduction = their items' sum capped at the group's cap (a
//     cap of 0 means the items' maxima add up to the cap); total =
//     clamp(base + bonus − deduction, 0, scale + bonus cap);
//   - ranking: competition ranking (1, 2, 2, 4) by total, then each
//     tie_break key (bonus, base and content:<code> more first; deduction
//     less first); the same within each roster group (GroupRank; 0 for a
//     unit without a group). Units are listed by rank, then code;
//   - band: the highest band whose min the total reaches and, when the
//     band sets min_content_ratio, every content reaches that share of its
//     max. A non-zero deduction item with sanction no-top moves a unit that
//     would hold the highest band to the next band it qualifies for; one
//     with down-one moves it one band lower (after no-top, never below the
//     lowest band); the flags are set only when the band changed. A band's
//     quota q admits at most floor(q × scored units), in rank order; a tie
//     group that does not fit whole goes down with everyone ranked below
//     it, and when part of it would have fitted its units are flagged "cần
//     bình xét". Displaced units meet the next band's quota; a quota on the
//     lowest band is ignored. Ratios and quotas are read to 1/10 000 and
//     compared in integers;
//   - roster units with no scored form are missing (warning TD309 each);
//   - Summary.Average is the mean total of the scored units, rounded half
//     up to hundredths.
//
// Run never panics on bad input; a nil campaign scores against an empty
// table.
func Run(inputs []submission.Input, opts Options) *Result {
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

	// 1. Skipped, rejected, readable.
	res.Files = make([]FileResult, len(ins))
	var readable []int
	for i, in := range ins {
		f := &res.Files[i]
		*f = FileResult{Path: in.Path, Size: in.Size, SHA256: in.SHA256}
		sub := in.Submission
		switch {
		case sub == nil:
			f.Status = submission.Skipped
			if in.Skip != nil {
				f.Diags = append(f.Diags, inFile(*in.Skip, in.Path))
			}
		case sub.Rejected():
			f.Status = submission.Rejected
			f.Unit = writtenUnit(sub)
			f.Diags = inFileList(sub.Diags, in.Path)
		default:
			f.Diags = inFileList(sub.Diags, in.Path)
			readable = append(readable, i)
		}
	}

	// 2. Period.
	period := opts.Period
	if period.IsZero() {
		var ps []vntext.Period
		for _, i := range readable {
			ps = append(ps, ins[i].Submission.Period)
		}
		period = majorityPeriod(ps)
		if period.IsZero() && len(readable) > 0 {
			res.Diags = append(res.Diags, diag.New("TD303"))
		}
	}
	res.Period = period
	var accepted []int
	for _, i := range readable {
		sub := ins[i].Submission
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

	// 3. Roster and duplicates.
	rx := NewRoster(opts.Roster)
	type claim struct {
		file   int
		unit   Unit
		roster bool
	}
	var keys []string
	claims := map[string][]claim{}
	offCodes := map[string]string{} // off-roster key → code given
	usedCodes := map[string]bool{}
	for _, u := range opts.Roster {
		usedCodes[codeKey(u.Code)] = true
	}
	for _, i := range accepted {
		sub := ins[i].Submission
		f := &res.Files[i]
		sheet, _ := infoPos(sub, "")
		ri, ds := rx.match(sub, sheet, f.Path)
		f.Diags = append(f.Diags, ds...)
		var key string
		var cl claim
		if ri >= 0 {
			key = "r:" + codeKey(opts.Roster[ri].Code) + "#" + strconv.Itoa(ri)
			cl = claim{file: i, unit: opts.Roster[ri], roster: true}
		} else {
			k, code, name := offRoster(sub, f.Path)
			key = k
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
			cl = claim{file: i, unit: Unit{Code: code, Name: name}}
			f.Diags = append(f.Diags, diag.New("TD304", name, code).In(f.Path).At(sheet, ""))
		}
		if _, seen := claims[key]; !seen {
			keys = append(keys, key)
		}
		claims[key] = append(claims[key], cl)
	}

	// Keep the best form of each unit; the rest are duplicates.
	var winners []claim
	for _, k := range keys {
		cs := claims[k]
		best := 0
		for j := 1; j < len(cs); j++ {
			if laterForm(ins[cs[j].file], ins[cs[best].file]) {
				best = j
			}
		}
		w := cs[best]
		wsub := ins[w.file].Submission
		for j, c := range cs {
			if j == best {
				continue
			}
			f := &res.Files[c.file]
			f.Status = submission.Duplicate
			f.Unit = c.unit.Code
			sheet, cell := infoPos(ins[c.file].Submission, ins[c.file].Submission.DateCell)
			var d diag.Diagnostic
			if wsub.Date.IsZero() {
				d = diag.New("TD320", c.unit.Code, c.unit.Name, ins[w.file].Path)
			} else {
				d = diag.New("TD305", c.unit.Code, c.unit.Name, ins[w.file].Path, dmy(wsub))
			}
			f.Diags = append(f.Diags, d.In(f.Path).At(sheet, cell))
		}
		winners = append(winners, w)
	}

	// 4. Review overrides, then scores.
	var unitCodes []string
	for _, w := range winners {
		unitCodes = append(unitCodes, w.unit.Code)
	}
	ov, rdiags := validateReview(t, opts.Review, unitCodes, res.Period)
	res.Diags = append(res.Diags, rdiags...)

	list := make([]scored, 0, len(winners))
	for _, w := range winners {
		in := ins[w.file]
		sub := in.Submission
		f := &res.Files[w.file]
		f.Status = submission.Scored
		f.Unit = w.unit.Code
		u := UnitResult{
			Code: w.unit.Code, Name: w.unit.Name, Group: w.unit.Group,
			File: in.Path, Sheet: sub.Sheet, OnRoster: w.roster, Date: sub.Date,
		}
		if !w.roster {
			u.Flags = append(u.Flags, FlagNotOnRos)
		}
		if !period.IsZero() && !sub.Date.IsZero() {
			deadline := period.End().AddDate(0, 0, opts.DeadlineDays)
			y, m, d := sub.Date.Date()
			if time.Date(y, m, d, 0, 0, 0, 0, time.UTC).After(deadline) {
				u.Late = true
				u.Flags = append(u.Flags, FlagLate)
				sheet, cell := infoPos(sub, sub.DateCell)
				f.Diags = append(f.Diags, diag.New("TD306", dmy(sub), deadline.Format("02/01/2006"), opts.DeadlineDays).In(f.Path).At(sheet, cell))
			}
		}
		ds, changes := t.scoreForm(sub, in.Path, ov[codeKey(u.Code)], &u)
		f.Diags = append(f.Diags, ds...)
		for _, ch := range changes {
			res.Changes = append(res.Changes, ch)
			res.Diags = append(res.Diags, reviewNote(ch, ov))
		}
		s := scored{UnitResult: u}
		s.noTop, s.downOne = t.sanctions(u.Rows)
		list = append(list, s)
	}
	sortChanges(res.Changes)
	finish(res, t, list, opts.Roster)
	return res
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
		counts[u.Band]++
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

// laterForm reports whether form a wins over form b for the same unit: a
// dated form over an undated one, then the later date, then the path that
// sorts last.
func laterForm(a, b submission.Input) bool {
	da, db := a.Submission.Date, b.Submission.Date
	if da.IsZero() != db.IsZero() {
		return !da.IsZero()
	}
	if !da.Equal(db) {
		return da.After(db)
	}
	return a.Path > b.Path
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
