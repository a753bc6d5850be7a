package score

import (
	"slices"
	"strings"
	"testing"

	"github.com/thidua/thidua/pkg/submission"
)

// quarterResults scores 2026-Q1 and 2026-Q2 of the default campaign:
//
//	unit  Q1      Q2          H1 mean (worked by hand)
//	CD    100     99 (D2=1)   99.5, no-top sanction → Tốt
//	KHTC  85.01   85          85.005 → 85.01
//	VP    90      80          85
//	QLGT  —       100         50 (missing Q1)
//	TTr   90      —           45 (missing Q2); content 1 = (10 + 0) / 2 = 5
func quarterResults(t *testing.T) (q1, q2 *Result, opts Options) {
	c, roster := loadDefault(t)
	opts = Options{Campaign: c, Roster: roster, DeadlineDays: 5}
	o1 := opts
	o1.Period = mustPeriod(t, "2026-Q1")
	q1 = Run([]submission.Input{
		mkForm(t, c, "q1/cd.xlsx", "CD", "", period("2026-Q1"), dated("02/04/2026")),
		mkForm(t, c, "q1/khtc.xlsx", "KHTC", "", period("2026-Q1"), dated("02/04/2026"), total("85,01")),
		mkForm(t, c, "q1/vp.xlsx", "VP", "", period("2026-Q1"), dated("02/04/2026"), total("90")),
		mkForm(t, c, "q1/ttr.xlsx", "TTr", "", period("2026-Q1"), dated("20/04/2026"), rows("1.2=0", "1.3=2")),
		mkForm(t, c, "q1/qlgt.xlsx", "QLGT", "", period("2026-Q1"), withError()),
		{Path: "q1/~$vp.xlsx"},
	}, o1)
	o2 := opts
	o2.Period = mustPeriod(t, "2026-Q2")
	q2 = Run([]submission.Input{
		mkForm(t, c, "q2/cd.xlsx", "CD", "", period("2026-Q2"), dated("02/07/2026"), rows("D2=1")),
		mkForm(t, c, "q2/khtc.xlsx", "KHTC", "", period("2026-Q2"), dated("02/07/2026"), total("85")),
		mkForm(t, c, "q2/vp.xlsx", "VP", "", period("2026-Q2"), dated("02/07/2026"), total("80")),
		mkForm(t, c, "q2/vp-cu.xlsx", "VP", "", period("2026-Q2"), dated("01/07/2026"), total("70")),
		mkForm(t, c, "q2/qlgt.xlsx", "QLGT", "", period("2026-Q2"), dated("02/07/2026")),
	}, o2)
	if q1.Period.Code() != "2026-Q1" || q2.Period.Code() != "2026-Q2" || len(q1.Units) != 4 || len(q2.Units) != 4 {
		t.Fatalf("quarter results: %s %v, %s %v", q1.Period.Code(), unitCodes(q1), q2.Period.Code(), unitCodes(q2))
	}
	return q1, q2, opts
}

func TestRollupHalfYear(t *testing.T) {
	q1, q2, opts := quarterResults(t)
	r := Rollup(mustPeriod(t, "2026-H1"), []*Result{q2, q1}, opts)
	checkInvariants(t, r, 11)

	type want struct {
		total, base string
		rank        int
		band        string
		flags       []string
		quarters    string
	}
	wants := map[string]want{
		"CD":   {"99,5", "100", 1, "Tốt", []string{FlagNoTop}, "100 99"},
		"KHTC": {"85,01", "85,01", 2, "Tốt", nil, "85.01 85"},
		"VP":   {"85", "85", 3, "Tốt", nil, "90 80"},
		"QLGT": {"50", "50", 4, "Trung bình", []string{FlagMissingQ}, "- 100"},
		"TTr":  {"45", "45", 5, "Yếu", []string{FlagMissingQ, FlagLate}, "90 -"},
	}
	if got := unitCodes(r); !slices.Equal(got, []string{"CD", "KHTC", "VP", "QLGT", "TTr"}) {
		t.Errorf("order %v", got)
	}
	for code, w := range wants {
		u := unit(t, r, code)
		if u.Total != pts(t, w.total) || u.Base != pts(t, w.base) || u.Rank != w.rank || u.Band != w.band {
			t.Errorf("%s: total %v base %v rank %d band %q, want %s %s %d %q", code, u.Total, u.Base, u.Rank, u.Band, w.total, w.base, w.rank, w.band)
		}
		if !slices.Equal(u.Flags, w.flags) {
			t.Errorf("%s flags %q, want %q", code, u.Flags, w.flags)
		}
		var qs []string
		for _, q := range u.Quarters {
			if q.Present {
				qs = append(qs, q.Total.String())
			} else {
				qs = append(qs, "-")
			}
		}
		if strings.Join(qs, " ") != w.quarters {
			t.Errorf("%s quarters %v, want %s", code, qs, w.quarters)
		}
		if !u.OnRoster || u.Group == "" {
			t.Errorf("%s roster data lost", code)
		}
	}
	ttr := unit(t, r, "TTr")
	if ttr.Contents[0].Score != 500 || ttr.Contents[1].Score != 1000 || !ttr.Late {
		t.Errorf("TTr contents %v late %v", ttr.Contents, ttr.Late)
	}
	if row := ttr.Rows[slices.IndexFunc(ttr.Rows, func(r RowScore) bool { return r.Code == "1.3" })]; row.Final != 100 || row.Self != 100 {
		t.Errorf("TTr row 1.3 averaged: %+v", row)
	}
	cd := unit(t, r, "CD")
	if cd.Deduction != 50 || cd.File != "q2/cd.xlsx" {
		t.Errorf("CD deduction %v file %s", cd.Deduction, cd.File)
	}
	// Files: the union of both quarters.
	if r.Summary.Files != 11 || r.Summary.Scored != 8 || r.Summary.Rejected != 1 || r.Summary.Duplicates != 1 || r.Summary.Skipped != 1 {
		t.Errorf("summary %+v", r.Summary)
	}
	// (99.5 + 85.01 + 85 + 50 + 45) / 5 = 364.51 / 5 = 72.902 → 72.9
	if r.Summary.Average != pts(t, "72,9") || r.Summary.Late != 1 || r.Summary.Missing != len(opts.Roster)-5 {
		t.Errorf("summary %+v", r.Summary)
	}
	n318, n309 := 0, 0
	for _, d := range r.Diags {
		switch d.Code {
		case "TD318":
			n318++
		case "TD309":
			n309++
		}
	}
	if n318 != 2 || n309 != len(r.Missing) {
		t.Errorf("TD318 %d (want 2), TD309 %d (want %d)", n318, n309, len(r.Missing))
	}
}

func TestRollupYearWithMissingQuarters(t *testing.T) {
	q1, q2, opts := quarterResults(t)
	stray := &Result{Period: mustPeriod(t, "2025-Q4")}
	r := Rollup(mustPeriod(t, "2026"), []*Result{q1, q2, q1, stray, nil}, opts)
	// VP: (90 + 80 + 0 + 0) / 4 = 42.5; KHTC: 170.01 / 4 = 42.5025 → 42.5;
	// CD: 199 / 4 = 49.75.
	for code, w := range map[string]string{"VP": "42,5", "KHTC": "42,5", "CD": "49,75", "QLGT": "25", "TTr": "22,5"} {
		if u := unit(t, r, code); u.Total != pts(t, w) || !hasFlag(u.Flags, FlagMissingQ) || len(u.Quarters) != 4 {
			t.Errorf("%s: %v %v, want %s", code, u.Total, u.Flags, w)
		}
	}
	// KHTC and VP tie on 42.5: bonus 0 both, content 2 decides.
	for _, code := range []string{"TD316", "TD317", "TD319"} {
		if _, ok := hasCode(r.Diags, code); !ok {
			t.Errorf("no %s in %v", code, codes(r.Diags))
		}
	}
	if r.Period.Code() != "2026" {
		t.Errorf("period %s", r.Period.Code())
	}
}

func TestRollupWithoutRows(t *testing.T) {
	// Quarter results read back from JSON have no rows: sanctions come from
	// the flags.
	c, _ := loadDefault(t)
	var full []ContentScore
	for _, n := range c.Contents {
		full = append(full, ContentScore{Code: n.Code, Max: n.Max, Score: n.Max})
	}
	q := func(p string, total Points, flags ...string) *Result {
		return &Result{Period: mustPeriod(t, p), Units: []UnitResult{{Code: "A", Name: "A", Total: total, Base: total, Flags: flags, Contents: full}}}
	}
	r := Rollup(mustPeriod(t, "2026-H2"), []*Result{q("2026-Q3", 9600, FlagNoTop), q("2026-Q4", 9800)}, Options{Campaign: c})
	u := unit(t, r, "A")
	if u.Total != 9700 || u.Band != "Tốt" || !hasFlag(u.Flags, FlagNoTop) || !hasFlag(u.Flags, FlagNotOnRos) {
		t.Errorf("total %v band %q flags %q", u.Total, u.Band, u.Flags)
	}
	if u.Rows != nil {
		t.Errorf("rows made up from quarters without rows")
	}
	// Without the sanction (and without a quota, which floor(25 % × 1)
	// would make 0) the unit holds the top band.
	nq := *c
	nq.Bands = slices.Clone(c.Bands)
	nq.Bands[0].Quota = 0
	r = Rollup(mustPeriod(t, "2026-H2"), []*Result{q("2026-Q3", 9600), q("2026-Q4", 9800)}, Options{Campaign: &nq})
	if u := unit(t, r, "A"); u.Band != "Xuất sắc" {
		t.Errorf("band %q", u.Band)
	}
}

func TestApplyPrevious(t *testing.T) {
	r := &Result{Units: []UnitResult{{Code: "VP", Total: 9000, Rank: 1}, {Code: "TTr", Total: 8550, Rank: 2}, {Code: "NEW", Total: 1, Rank: 3}}}
	ApplyPrevious(r, []PrevUnit{{Code: "vp", Total: 8000, Rank: 3}, {Code: "TTr", Total: 9000, Rank: 1}, {Code: "TTr", Total: 1, Rank: 9}})
	want := []Change{{Points: 1000, Rank: 2, Known: true}, {Points: -450, Rank: -1, Known: true}, {}}
	for i, w := range want {
		if r.Units[i].Change == nil || *r.Units[i].Change != w {
			t.Errorf("%s change %+v, want %+v", r.Units[i].Code, r.Units[i].Change, w)
		}
	}
	ApplyPrevious(nil, nil) // must not panic
}
