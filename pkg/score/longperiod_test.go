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
