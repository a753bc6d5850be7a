package score

import (
	"slices"
	"testing"

	"github.com/thidua/thidua/pkg/submission"
)

func TestRunLongPeriod(t *testing.T) {
	c, roster := loadDefault(t)
	opts := Options{Campaign: c, Roster: roster, DeadlineDays: 5}
	vp := func(path, p, d string, fo ...formOpt) submission.Input {
		return mkForm(t, c, path, "VP", "", append([]formOpt{period(p), dated(d)}, fo...)...)
	}
	// An earlier result for 2026-Q1, as read back from JSON: VP at 80.
	earlierQ1 := func() *Result {
		return &Result{Campaign: c, Period: mustPeriod(t, "2026-Q1"),
			Units: []UnitResult{{Code: "VP", Name: "Văn phòng Sở", OnRoster: true, Total: pts(t, "80"), Base: pts(t, "80")}}}
	}
	earlierFile := FileResult{Path: "r1/ket-qua-2026-Q1.json", Status: submission.Scored, SHA256: "sha-json", Size: 10}

	type fileWant struct {
		status submission.Status
		unit   string
		codes  []string // diagnostic codes of the file, sorted as Run lists them
	}
	tests := []struct {
		name         string
		period       string
		inputs       func() []submission.Input
		earlier      []*Result
		earlierFiles []FileResult
		wantTotal    map[string]string // unit → total of the period
		wantFlags    map[string][]string
		wantFiles    map[string]fileWant
	}{
		{
			name:   "half year over both quarters' forms",
			period: "2026-H1",
			inputs: func() []submission.Input {
				return []submission.Input{
					vp("q1/vp.xlsx", "2026-Q1", "02/04/2026", total("90")),
					vp("q2/vp.xlsx", "2026-Q2", "02/07/2026", total("80")),
				}
			},
			wantTotal: map[string]string{"VP": "85"},
			wantFlags: map[string][]string{"VP": nil},
			wantFiles: map[string]fileWant{
				"q1/vp.xlsx": {submission.Scored, "VP", nil},
				"q2/vp.xlsx": {submission.Scored, "VP", nil},
			},
		},
		{
			name:   "a quarter without a form counts 0 and is flagged",
			period: "2026-H1",
			inputs: func() []submission.Input {
				return []submission.Input{vp("q2/vp.xlsx", "2026-Q2", "02/07/2026", total("80"))}
			},
			wantTotal: map[string]string{"VP": "40"},
			wantFlags: map[string][]string{"VP": {FlagMissingQ}},
			wantFiles: map[string]fileWant{"q2/vp.xlsx": {submission.Scored, "VP", nil}},
		},
		{
			name:   "an earlier JSON result stands for its quarter",
			period: "2026-H1",
			inputs: func() []submission.Input {
				return []submission.Input{vp("q2/vp.xlsx", "2026-Q2", "02/07/2026", total("90"))}
			},
			earlier:      []*Result{earlierQ1()},
			earlierFiles: []FileResult{earlierFile},
			wantTotal:    map[string]string{"VP": "85"},
			wantFlags:    map[string][]string{"VP": nil},
			wantFiles: map[string]fileWant{
				"q2/vp.xlsx":              {submission.Scored, "VP", nil},
				"r1/ket-qua-2026-Q1.json": {submission.Scored, "", nil},
			},
		},
		{
			name:   "forms outside the period's quarters are rejected, skipped files listed",
			period: "2026-H1",
			inputs: func() []submission.Input {
				return []submission.Input{
					vp("q1/vp.xlsx", "2026-Q1", "02/04/2026", total("90")),
					vp("q2/vp.xlsx", "2026-Q2", "02/07/2026", total("80")),
					mkForm(t, c, "q3/cd.xlsx", "CD", "", period("2026-Q3"), dated("02/10/2026")),
					mkForm(t, c, "h1/ttr.xlsx", "TTr", "", period("2026-H1"), dated("02/07/2026")),
					mkForm(t, c, "none/khtc.xlsx", "KHTC", "", period(""), dated("02/07/2026")),
					mkForm(t, c, "bad/qlgt.xlsx", "QLGT", "", period("2026-Q1"), withError()),
					{Path: "q1/~$vp.xlsx"},
				}
			},
			wantTotal: map[string]string{"VP": "85"},
			wantFlags: map[string][]string{"VP": nil},
			wantFiles: map[string]fileWant{
				"q1/vp.xlsx":     {submission.Scored, "VP", nil},
				"q2/vp.xlsx":     {submission.Scored, "VP", nil},
				"q3/cd.xlsx":     {submission.Rejected, "CD", []string{"TD321"}},
				"h1/ttr.xlsx":    {submission.Rejected, "TTr", []string{"TD321"}},
				"none/khtc.xlsx": {submission.Rejected, "KHTC", []string{"TD321"}},
				"bad/qlgt.xlsx":  {submission.Rejected, "QLGT", []string{"TDTEST"}},
				"q1/~$vp.xlsx":   {submission.Skipped, "", nil},
			},
		},
		{
			name:   "a year over four quarters, one from an earlier result",
			period: "2026",
			inputs: func() []submission.Input {
				return []submission.Input{
					vp("q2/vp.xlsx", "2026-Q2", "02/07/2026", total("90")),
					vp("q3/vp.xlsx", "2026-Q3", "02/10/2026", total("70")),
					vp("q4/vp.xlsx", "2026-Q4", "02/01/2027", total("60")),
				}
			},
			earlier:      []*Result{earlierQ1()},
			earlierFiles: []FileResult{earlierFile},
			wantTotal:    map[string]string{"VP": "75"},
			wantFlags:    map[string][]string{"VP": nil},
			wantFiles: map[string]fileWant{
				"q2/vp.xlsx":              {submission.Scored, "VP", nil},
				"q3/vp.xlsx":              {submission.Scored, "VP", nil},
				"q4/vp.xlsx":              {submission.Scored, "VP", nil},
				"r1/ket-qua-2026-Q1.json": {submission.Scored, "", nil},
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ins := tc.inputs()
			r := RunLongPeriod(mustPeriod(t, tc.period), ins, tc.earlier, tc.earlierFiles, opts)
			checkInvariants(t, r, len(ins)+len(tc.earlierFiles))
			if r.Period.Code() != mustPeriod(t, tc.period).Code() {
				t.Errorf("period %s, want %s", r.Period.Code(), tc.period)
			}
			for code, want := range tc.wantTotal {
				u := unit(t, r, code)
				if u.Total != pts(t, want) {
					t.Errorf("%s total %v, want %s", code, u.Total, want)
				}
				if !slices.Equal(u.Flags, tc.wantFlags[code]) {
					t.Errorf("%s flags %q, want %q", code, u.Flags, tc.wantFlags[code])
				}
			}
			if len(r.Files) != len(tc.wantFiles) {
				t.Errorf("%d files, want %d", len(r.Files), len(tc.wantFiles))
			}
			for path, want := range tc.wantFiles {
				f := file(t, r, path)
				if f.Status != want.status || f.Unit != want.unit {
					t.Errorf("%s: %s unit %q, want %s %q", path, f.Status, f.Unit, want.status, want.unit)
				}
				var got []string
				for _, d := range f.Diags {
					if d.Code == "TD321" {
						if d.Sheet != "Thông tin" || d.Cell != "C5" || d.File != path {
							t.Errorf("%s: TD321 at %q", path, d.Position())
						}
					}
					if d.Severity.String() != "note" {
						got = append(got, d.Code)
					}
				}
				if !slices.Equal(got, want.codes) {
					t.Errorf("%s diagnostics %v, want %v", path, got, want.codes)
				}
			}
		})
	}
}

// TestRunLongPeriodParts: months roll up into a quarter or a year,
// semesters into a school year, and a form for the period itself is read
// as it is.
func TestRunLongPeriodParts(t *testing.T) {
	c, roster := loadDefault(t)
	opts := Options{Campaign: c, Roster: roster[:2], DeadlineDays: 5} // VP, TTr
	form := func(path, unit, p, d string, fo ...formOpt) submission.Input {
		return mkForm(t, c, path, unit, "", append([]formOpt{period(p), dated(d)}, fo...)...)
	}
	type want struct {
		total string
		flags []string
		parts int
	}
	tests := []struct {
		name      string
		period    string
		kind      string // campaign period_kind
		inputs    []submission.Input
		want      map[string]want
		wantCodes []string // diagnostic codes anywhere in the result
		kindOf    string   // the kind of the parts
	}{
		{
			name:   "a quarter over its months",
			period: "2026-Q4",
			inputs: []submission.Input{
				// VP: (90 + 80 + 70) ÷ 3 = 80; TTr: (60 + 0 + 0) ÷ 3 = 20, missing in November and December.
				form("10/vp.xlsx", "VP", "Tháng 10/2026", "03/11/2026", total("90")),
				form("11/vp.xlsx", "VP", "2026-11", "03/12/2026", total("80")),
				form("12/vp.xlsx", "VP", "T12/2026", "03/01/2027", total("70")),
				form("10/ttr.xlsx", "TTr", "2026-10", "03/11/2026", total("60")),
			},
			want: map[string]want{
				"VP":  {"80", nil, 3},
				"TTr": {"20", []string{FlagMissingM}, 3},
			},
			wantCodes: []string{"TD361"},
			kindOf:    "month",
		},
		{
			name:   "a year over its months, as period_kind says",
			period: "2026",
			kind:   "month",
			inputs: []submission.Input{
				// VP: 120 ÷ 12 = 10 (one month of 60, one of 60).
				form("01/vp.xlsx", "VP", "2026-01", "03/02/2026", total("60")),
				form("02/vp.xlsx", "VP", "2026-02", "03/03/2026", total("60")),
			},
			want:      map[string]want{"VP": {"10", []string{FlagMissingM}, 12}},
			wantCodes: []string{"TD360"},
			kindOf:    "month",
		},
		{
			name:   "a year over quarters when the forms are quarters",
			period: "2026",
			inputs: []submission.Input{
				form("q1/vp.xlsx", "VP", "2026-Q1", "03/04/2026", total("80")),
				// A month of the year when the parts are quarters: rejected (TD321).
				form("05/vp.xlsx", "VP", "2026-05", "03/06/2026", total("10")),
			},
			want:      map[string]want{"VP": {"20", []string{FlagMissingQ}, 4}},
			wantCodes: []string{"TD321"},
			kindOf:    "quarter",
		},
		{
			name:   "a school year over its semesters; semester I is late after 15 January + 5 days",
			period: "Năm học 2026-2027",
			inputs: []submission.Input{
				// VP: (90 + 70) ÷ 2 = 80, late in semester I (21/01/2027).
				form("hk1/vp.xlsx", "VP", "Học kỳ I năm học 2026-2027", "21/01/2027", total("90")),
				form("hk2/vp.xlsx", "VP", "HK2 2026-2027", "05/06/2027", total("70")),
				// TTr: dated 20/01/2027, on time; (100 + 0) ÷ 2 = 50.
				form("hk1/ttr.xlsx", "TTr", "2026-2027-HK1", "20/01/2027"),
				// A form for the school year itself among semesters: rejected (TD358).
				form("nh/ttr.xlsx", "TTr", "Năm học 2026-2027", "01/06/2027"),
			},
			want: map[string]want{
				"VP":  {"80", []string{FlagLate}, 2},
				"TTr": {"50", []string{FlagMissingS}, 2},
			},
			wantCodes: []string{"TD306", "TD358", "TD361"},
			kindOf:    "semester",
		},
		{
			name:   "school-year forms for --period school year are read as they are",
			period: "2026-2027",
			inputs: []submission.Input{
				// School year ends 31 May: 05/06/2027 is within 5 days.
				form("nh/vp.xlsx", "VP", "Năm học 2026-2027", "05/06/2027", total("90")),
				form("nh/ttr.xlsx", "TTr", "NH 2026-2027", "06/06/2027", total("80")),
			},
			want: map[string]want{
				"VP":  {"90", nil, 0},
				"TTr": {"80", []string{FlagLate}, 0},
			},
			wantCodes: []string{"TD306"},
		},
		{
			name:   "year forms for --period year are read as they are",
			period: "2026",
			inputs: []submission.Input{
				form("nam/vp.xlsx", "VP", "Năm 2026", "03/01/2027", total("90")),
			},
			want:      map[string]want{"VP": {"90", nil, 0}},
			wantCodes: []string{"TD309"},
		},
		{
			name:      "no form at all: the quarters are still rolled up",
			period:    "2026-H1",
			inputs:    []submission.Input{{Path: "~$x.xlsx"}},
			wantCodes: []string{"TD316", "TD309"},
		},
		{
			name:   "a month is read as it is",
			period: "2026-10",
			inputs: []submission.Input{
				form("10/vp.xlsx", "VP", "Tháng 10 năm 2026", "05/11/2026", total("95")),
				form("09/vp.xlsx", "VP", "2026-09", "05/10/2026", total("95")),
			},
			want:      map[string]want{"VP": {"95", nil, 0}},
			wantCodes: []string{"TD301", "TD309"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := opts
			if tc.kind != "" {
				cc := *c
				cc.PeriodKind = tc.kind
				o.Campaign = &cc
			}
			p := mustPeriod(t, tc.period)
			r := RunLongPeriod(p, tc.inputs, nil, nil, o)
			checkInvariants(t, r, len(tc.inputs))
			if r.Period != p {
				t.Errorf("period %s, want %s", r.Period.Code(), p.Code())
			}
			for code, w := range tc.want {
				u := unit(t, r, code)
				if u.Total != pts(t, w.total) || !slices.Equal(u.Flags, w.flags) || len(u.Quarters) != w.parts {
					t.Errorf("%s: total %s flags %q parts %d, want %s %q %d", code, u.Total.VI(), u.Flags, len(u.Quarters), w.total, w.flags, w.parts)
				}
				if w.parts > 0 && u.Quarters[0].Period.Kind.String() != tc.kindOf {
					t.Errorf("%s: parts are %s, want %s", code, u.Quarters[0].Period.Kind, tc.kindOf)
				}
			}
			all := codes(r.Diags)
			for _, f := range r.Files {
				all = append(all, codes(f.Diags)...)
			}
			for _, w := range tc.wantCodes {
				if !slices.Contains(all, w) {
					t.Errorf("no %s in %v", w, all)
				}
			}
		})
	}
}
