package score

import (
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/thidua/thidua/pkg/diag"
	"github.com/thidua/thidua/pkg/submission"
	"github.com/thidua/thidua/pkg/vntext"
)

func TestRosterMatching(t *testing.T) {
	c, roster := loadDefault(t)
	tests := []struct {
		name       string
		code, unit string
		wantCode   string
		onRoster   bool
		wantDiags  []string
		wantName   string
	}{
		{name: "by code", code: "VP", unit: "", wantCode: "VP", onRoster: true, wantName: "Văn phòng Sở"},
		{name: "by code, case and spaces folded", code: " vp ", unit: "", wantCode: "VP", onRoster: true, wantName: "Văn phòng Sở"},
		{name: "by code with punctuation", code: "kh-tc", unit: "", wantCode: "KHTC", onRoster: true},
		{name: "by folded name", code: "", unit: "văn phòng sở", wantCode: "VP", onRoster: true},
		{name: "by name in capitals", code: "", unit: "VĂN PHÒNG SỞ", wantCode: "VP", onRoster: true},
		{name: "by name without diacritics and extra spaces", code: "", unit: "  Van   phong  So ", wantCode: "VP", onRoster: true},
		{name: "by decomposed (NFD) name", code: "", unit: norm.NFD.String("Thanh tra Sở"), wantCode: "TTr", onRoster: true},
		{name: "by alias", code: "", unit: "Văn phòng", wantCode: "VP", onRoster: true},
		{name: "by alias with other punctuation", code: "", unit: "Phòng KH - TC", wantCode: "KHTC", onRoster: true},
		{name: "code unknown, name known", code: "VPS", unit: "Văn phòng Sở", wantCode: "VP", onRoster: true, wantDiags: []string{"TD308"}},
		{name: "code and name disagree: code wins", code: "TTr", unit: "Văn phòng Sở", wantCode: "TTr", onRoster: true, wantDiags: []string{"TD307"}},
		{name: "code and alias of the same unit", code: "VP", unit: "Văn phòng", wantCode: "VP", onRoster: true},
		{name: "not on roster, code written", code: "TCCB", unit: "Phòng Tổ chức cán bộ", wantCode: "TCCB", wantDiags: []string{"TD304"}, wantName: "Phòng Tổ chức cán bộ"},
		{name: "not on roster, code from the name", code: "", unit: "Phòng Tổ chức cán bộ", wantCode: "PTCCB", wantDiags: []string{"TD304"}},
		{name: "not on roster, derived code taken by the roster", code: "", unit: "Văn Pháp", wantCode: "VP-2", wantDiags: []string{"TD304"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := mkForm(t, c, "f.xlsx", tc.code, tc.unit)
			r := Run([]submission.Input{in}, Options{Campaign: c, Roster: roster, DeadlineDays: 5})
			checkInvariants(t, r, 1)
			u := unit(t, r, tc.wantCode)
			if u.OnRoster != tc.onRoster {
				t.Errorf("on roster = %v", u.OnRoster)
			}
			if hasFlag(u.Flags, FlagNotOnRos) == tc.onRoster {
				t.Errorf("flags %v", u.Flags)
			}
			if tc.wantName != "" && u.Name != tc.wantName {
				t.Errorf("name %q, want %q", u.Name, tc.wantName)
			}
			f := r.Files[0]
			if got := codes(f.Diags); !slices.Equal(got, tc.wantDiags) {
				t.Errorf("diagnostics %v, want %v", got, tc.wantDiags)
			}
			if f.Unit != tc.wantCode || f.Status != submission.Scored {
				t.Errorf("file unit %q status %s", f.Unit, f.Status)
			}
			if r.Summary.Missing != len(roster)-btoi(tc.onRoster) || r.Summary.Expected != len(roster) {
				t.Errorf("missing %d expected %d", r.Summary.Missing, r.Summary.Expected)
			}
			for _, d := range f.Diags {
				if d.File != "f.xlsx" || d.Sheet != "Thông tin" {
					t.Errorf("diagnostic %s at %q", d.Code, d.Position())
				}
			}
		})
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestOffRosterFormsOfOneUnitAreDuplicates(t *testing.T) {
	c, roster := loadDefault(t)
	r := Run([]submission.Input{
		mkForm(t, c, "a.xlsx", "", "Phòng Tổ chức", dated("01/10/2026")),
		mkForm(t, c, "b.xlsx", "", "phòng tổ chức", dated("02/10/2026")),
		mkForm(t, c, "c.xlsx", "", "Phòng Tài chính", dated("02/10/2026")),
	}, Options{Campaign: c, Roster: roster, DeadlineDays: 5})
	checkInvariants(t, r, 3)
	// "Phòng Tổ chức" and "Phòng Tài chính" both make PTC: the second
	// unit (in path order) gets PTC-2.
	if got := unitCodes(r); !slices.Equal(got, []string{"PTC", "PTC-2"}) {
		t.Errorf("units %v, want [PTC PTC-2]", got)
	}
	if f := file(t, r, "a.xlsx"); f.Status != submission.Duplicate || f.Unit != "PTC" {
		t.Errorf("a.xlsx: %s %s", f.Status, f.Unit)
	}
	if u := unit(t, r, "PTC-2"); u.Name != "Phòng Tài chính" || u.File != "c.xlsx" {
		t.Errorf("PTC-2 = %s %s", u.Name, u.File)
	}
	if unit(t, r, "PTC").File != "b.xlsx" {
		t.Errorf("kept the wrong form")
	}
}

func TestDuplicates(t *testing.T) {
	c, roster := loadDefault(t)
	tests := []struct {
		name     string
		forms    [][2]string // path, date
		kept     string
		wantCode string // diagnostic on the others
	}{
		{name: "later date wins", forms: [][2]string{{"vp-new.xlsx", "04/10/2026"}, {"vp-old.xlsx", "01/10/2026"}}, kept: "vp-new.xlsx", wantCode: "TD305"},
		{name: "later date wins whatever the path", forms: [][2]string{{"a.xlsx", "04/10/2026"}, {"z.xlsx", "01/10/2026"}}, kept: "a.xlsx", wantCode: "TD305"},
		{name: "a dated form beats an undated one", forms: [][2]string{{"a.xlsx", "01/10/2026"}, {"z.xlsx", ""}}, kept: "a.xlsx", wantCode: "TD305"},
		{name: "same date: the last path", forms: [][2]string{{"b/vp.xlsx", "01/10/2026"}, {"a/vp.xlsx", "01/10/2026"}}, kept: "b/vp.xlsx", wantCode: "TD305"},
		{name: "no dates: the last path", forms: [][2]string{{"vp1.xlsx", ""}, {"vp2.xlsx", ""}, {"vp0.xlsx", ""}}, kept: "vp2.xlsx", wantCode: "TD320"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var ins []submission.Input
			for i, f := range tc.forms {
				name := "Văn phòng Sở"
				if i%2 == 1 {
					name = "văn phòng" // an alias: same unit
				}
				ins = append(ins, mkForm(t, c, f[0], "", name, dated(f[1])))
			}
			r := Run(ins, Options{Campaign: c, Roster: roster, DeadlineDays: 5})
			checkInvariants(t, r, len(ins))
			if u := unit(t, r, "VP"); u.File != tc.kept {
				t.Errorf("kept %s, want %s", u.File, tc.kept)
			}
			if r.Summary.Duplicates != len(ins)-1 || r.Summary.Scored != 1 {
				t.Errorf("summary %+v", r.Summary)
			}
			for _, f := range r.Files {
				if f.Path == tc.kept {
					if f.Status != submission.Scored {
						t.Errorf("%s: %s", f.Path, f.Status)
					}
					continue
				}
				d, ok := hasCode(f.Diags, tc.wantCode)
				if f.Status != submission.Duplicate || !ok {
					t.Fatalf("%s: %s %v", f.Path, f.Status, codes(f.Diags))
				}
				if !strings.Contains(d.Message("vi"), tc.kept) || d.Severity != diag.Warning {
					t.Errorf("%s: %s does not name the kept file", f.Path, d.Line("vi"))
				}
			}
		})
	}
}

func TestLate(t *testing.T) {
	c, roster := loadDefault(t)
	tests := []struct {
		date     string
		deadline int
		late     bool
	}{
		{"30/09/2026", 0, false},
		{"01/10/2026", 0, true},
		{"05/10/2026", 5, false},
		{"06/10/2026", 5, true},
		{"15/10/2026", 15, false},
		{"16/10/2026", 15, true},
		{"", 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.date, func(t *testing.T) {
			in := mkForm(t, c, "vp.xlsx", "VP", "", dated(tc.date))
			r := Run([]submission.Input{in}, Options{Campaign: c, Roster: roster, DeadlineDays: tc.deadline})
			checkInvariants(t, r, 1)
			u := unit(t, r, "VP")
			if u.Late != tc.late || hasFlag(u.Flags, FlagLate) != tc.late {
				t.Errorf("late %v flags %v, want %v", u.Late, u.Flags, tc.late)
			}
			d, ok := hasCode(r.Files[0].Diags, "TD306")
			if ok != tc.late {
				t.Errorf("TD306 present = %v", ok)
			}
			if ok && (d.Cell != "C10" || d.Sheet != "Thông tin") {
				t.Errorf("TD306 at %s", d.Position())
			}
			if want := btoi(tc.late); r.Summary.Late != want {
				t.Errorf("summary late %d", r.Summary.Late)
			}
			if u.Total != 10000 || u.File != "vp.xlsx" {
				t.Errorf("late unit still scored: total %v", u.Total)
			}
			if r.Problems(false) != true { // 11 roster units are missing anyway
				t.Errorf("problems")
			}
		})
	}
}

func TestPeriod(t *testing.T) {
	c, roster := loadDefault(t)
	tests := []struct {
		name     string
		opt      string   // --period
		periods  []string // per form (vp, ttr, khtc, qlgt)
		want     string
		rejected []int
		warned   []int // TD302
		runDiag  bool  // TD303
	}{
		{name: "majority", periods: []string{"Quý III/2026", "2026-Q3", "Q2/2026", "Quý 3 năm 2026"}, want: "2026-Q3", rejected: []int{2}},
		{name: "tie goes to the later period", periods: []string{"2026-Q2", "2026-Q3"}, want: "2026-Q3", rejected: []int{0}},
		{name: "tie across years", periods: []string{"2026-Q1", "2025-Q4"}, want: "2026-Q1", rejected: []int{1}},
		{name: "--period wins over the majority", opt: "2026-Q2", periods: []string{"2026-Q3", "2026-Q3", "2026-Q2"}, want: "2026-Q2", rejected: []int{0, 1}},
		{name: "no period on a form: accepted with a warning", periods: []string{"2026-Q3", "", "2026-Q3"}, want: "2026-Q3", warned: []int{1}},
		{name: "no period on a form under --period", opt: "2026-Q3", periods: []string{""}, want: "2026-Q3", warned: []int{0}},
		{name: "no period anywhere", periods: []string{"", ""}, want: "", runDiag: true},
	}
	codesOf := []string{"VP", "TTr", "KHTC", "QLGT"}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var ins []submission.Input
			for i, p := range tc.periods {
				ins = append(ins, mkForm(t, c, strings.ToLower(codesOf[i])+".xlsx", codesOf[i], "", period(p), dated("01/01/2026")))
			}
			opts := Options{Campaign: c, Roster: roster, DeadlineDays: 5}
			if tc.opt != "" {
				opts.Period = mustPeriod(t, tc.opt)
			}
			r := Run(ins, opts)
			checkInvariants(t, r, len(ins))
			if r.Period.Code() != tc.want {
				t.Errorf("period %q, want %q", r.Period.Code(), tc.want)
			}
			if _, ok := hasCode(r.Diags, "TD303"); ok != tc.runDiag {
				t.Errorf("TD303 = %v", ok)
			}
			for i := range ins {
				f := file(t, r, ins[i].Path)
				rej := slices.Contains(tc.rejected, i)
				if (f.Status == submission.Rejected) != rej {
					t.Errorf("%s: %s", f.Path, f.Status)
				}
				if rej {
					d, ok := hasCode(f.Diags, "TD301")
					if !ok || d.Severity != diag.Error || d.Sheet != "Thông tin" || d.Cell != "C5" {
						t.Errorf("%s: %v at %s", f.Path, codes(f.Diags), d.Position())
					}
					if !strings.Contains(d.Message("vi"), r.Period.Label()) {
						t.Errorf("message does not name the period: %s", d.Message("vi"))
					}
					if f.Unit != codesOf[i] {
						t.Errorf("rejected file unit %q", f.Unit)
					}
				}
				if _, ok := hasCode(f.Diags, "TD302"); ok != slices.Contains(tc.warned, i) {
					t.Errorf("%s: TD302 = %v", f.Path, ok)
				}
			}
			if r.Summary.Rejected != len(tc.rejected) || r.Summary.Scored != len(ins)-len(tc.rejected) {
				t.Errorf("summary %+v", r.Summary)
			}
			// A unit whose only form was rejected is missing.
			for _, i := range tc.rejected {
				if !slices.ContainsFunc(r.Missing, func(u Unit) bool { return u.Code == codesOf[i] }) {
					t.Errorf("%s not missing", codesOf[i])
				}
			}
		})
	}
}

func TestMajorityPeriod(t *testing.T) {
	p := func(s string) vntext.Period { return mustPeriod(t, s) }
	tests := []struct {
		in   []vntext.Period
		want string
	}{
		{nil, ""},
		{[]vntext.Period{{}, {}}, ""},
		{[]vntext.Period{p("2026-Q1"), p("2026-Q1"), p("2026-Q2")}, "2026-Q1"},
		{[]vntext.Period{p("2026-Q2"), p("2026-Q1")}, "2026-Q2"},
		{[]vntext.Period{p("2026-Q1"), p("2026-Q2")}, "2026-Q2"},
		{[]vntext.Period{p("2026"), p("2026-Q4")}, "2026-Q4"}, // same end: the shorter (later start)
		{[]vntext.Period{p("2026-H2"), p("2026")}, "2026-H2"},
	}
	for _, tc := range tests {
		if got := majorityPeriod(tc.in).Code(); got != tc.want {
			t.Errorf("majorityPeriod(%v) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestSummaryAndFiles(t *testing.T) {
	c, roster := loadDefault(t)
	skip := diag.Diagnostic{Code: "TD101", Severity: diag.Note}
	ins := []submission.Input{
		mkForm(t, c, "forms/vp.xlsx", "VP", "", total("95")),
		mkForm(t, c, "forms/ttr.xlsx", "TTr", "", total("90,5")),
		mkForm(t, c, "forms/khtc.xlsx", "KHTC", "", total("70,25"), dated("10/10/2026")), // late
		mkForm(t, c, "forms/qlgt.xlsx", "QLGT", "", withError()),                         // rejected
		mkForm(t, c, "forms/qlgt-cu.xlsx", "QLGT", "", total("40"), dated("01/10/2026")), // kept over nothing: qlgt.xlsx is rejected
		mkForm(t, c, "forms/vp-cu.xlsx", "VP", "", dated("01/10/2026")),                  // duplicate
		mkForm(t, c, "forms/x.xlsx", "", "Ban Chỉ đạo", total("80")),                     // not on roster
		{Path: "forms/~$vp.xlsx", Skip: &skip},
		{Path: "forms/.hidden.xlsx"},
	}
	r := Run(ins, Options{Campaign: c, Roster: roster, DeadlineDays: 5})
	checkInvariants(t, r, len(ins))
	want := Summary{Files: 9, Scored: 5, Rejected: 1, Skipped: 2, Duplicates: 1, Missing: len(roster) - 4, Late: 1, Expected: len(roster)}
	// (95 + 90.5 + 70.25 + 40 + 80) / 5 = 375.75 / 5 = 75.15
	want.Average = pts(t, "75,15")
	got := r.Summary
	got.Bands = nil
	if !reflect.DeepEqual(got, want) {
		t.Errorf("summary\n got %+v\nwant %+v", got, want)
	}
	wantBands := []BandCount{{"Xuất sắc", 1}, {"Tốt", 2}, {"Khá", 1}, {"Trung bình", 0}, {"Yếu", 1}}
	if !slices.Equal(r.Summary.Bands, wantBands) {
		t.Errorf("bands %v, want %v", r.Summary.Bands, wantBands)
	}
	// quota 25 % of 5 = 1: VP keeps Xuất sắc, TTr (90.5) moves to Tốt.
	for code, band := range map[string]string{"VP": "Xuất sắc", "TTr": "Tốt", "BCD": "Tốt", "KHTC": "Khá", "QLGT": "Yếu"} {
		if u := unit(t, r, code); u.Band != band {
			t.Errorf("%s band %q, want %q", code, u.Band, band)
		}
	}
	if got := unitCodes(r); !slices.Equal(got, []string{"VP", "TTr", "BCD", "KHTC", "QLGT"}) {
		t.Errorf("rank order %v", got)
	}
	statuses := map[string]submission.Status{}
	for _, f := range r.Files {
		statuses[f.Path] = f.Status
	}
	wantStatus := map[string]submission.Status{
		"forms/vp.xlsx": submission.Scored, "forms/ttr.xlsx": submission.Scored, "forms/khtc.xlsx": submission.Scored,
		"forms/qlgt.xlsx": submission.Rejected, "forms/qlgt-cu.xlsx": submission.Scored, "forms/vp-cu.xlsx": submission.Duplicate,
		"forms/x.xlsx": submission.Scored, "forms/~$vp.xlsx": submission.Skipped, "forms/.hidden.xlsx": submission.Skipped,
	}
	for p, s := range wantStatus {
		if statuses[p] != s {
			t.Errorf("%s: %s, want %s", p, statuses[p], s)
		}
	}
	rej := file(t, r, "forms/qlgt.xlsx")
	if len(rej.Diags) != 1 || rej.Diags[0].File != "forms/qlgt.xlsx" || rej.Unit != "QLGT" {
		t.Errorf("rejected file keeps its diagnostics: %+v", rej)
	}
	sk := file(t, r, "forms/~$vp.xlsx")
	if len(sk.Diags) != 1 || sk.Diags[0].Code != "TD101" || sk.Diags[0].File != "forms/~$vp.xlsx" {
		t.Errorf("skipped file diagnostics %+v", sk.Diags)
	}
	if f := file(t, r, "forms/vp.xlsx"); f.SHA256 != "sha-forms/vp.xlsx" || f.Size != 1000 {
		t.Errorf("file identity lost: %+v", f)
	}
	// Missing units in roster order, each with a warning.
	if len(r.Missing) != len(roster)-4 || r.Missing[0].Code != "QLVT" {
		t.Errorf("missing %v", r.Missing)
	}
	if n := strings.Count(strings.Join(codes(r.Diags), " "), "TD309"); n != len(r.Missing) {
		t.Errorf("%d TD309 for %d missing", n, len(r.Missing))
	}
	if !r.Problems(false) {
		t.Errorf("a run with rejected, late and missing units has problems")
	}
	if u := unit(t, r, "BCD"); u.OnRoster || !hasFlag(u.Flags, FlagNotOnRos) {
		t.Errorf("off-roster unit %+v", u)
	}
}

func TestSanctionsThroughRun(t *testing.T) {
	c, roster := loadDefault(t)
	ins := []submission.Input{
		mkForm(t, c, "a.xlsx", "VP", "", rows("D2=1")), // 100 − 1 = 99, no-top → Tốt
		mkForm(t, c, "b.xlsx", "TTr", "", total("98")),
		mkForm(t, c, "c.xlsx", "KHTC", "", total("85"), rows("D3=-0,5")),  // 84.5 Tốt, down-one → Khá
		mkForm(t, c, "d.xlsx", "QLGT", "", total("85"), rows("D3=0,5/0")), // reviewed to 0: no sanction
	}
	r := Run(ins, Options{Campaign: c, Roster: roster, DeadlineDays: 5})
	checkInvariants(t, r, len(ins))
	want := map[string]struct {
		band  string
		flag  string
		total string
	}{
		"VP":   {"Tốt", FlagNoTop, "99"},
		"TTr":  {"Xuất sắc", "", "98"},
		"KHTC": {"Khá", FlagDownOne, "84,5"},
		"QLGT": {"Tốt", "", "85"},
	}
	for code, w := range want {
		u := unit(t, r, code)
		if u.Band != w.band || u.Total != pts(t, w.total) {
			t.Errorf("%s: %s %v, want %s %s", code, u.Band, u.Total, w.band, w.total)
		}
		if w.flag != "" && !hasFlag(u.Flags, w.flag) || w.flag == "" && len(u.Flags) > 0 {
			t.Errorf("%s flags %v, want %q", code, u.Flags, w.flag)
		}
	}
	if u := unit(t, r, "VP"); u.Rank != 1 {
		t.Errorf("VP rank %d (ranks by total whatever the band)", u.Rank)
	}
}

func TestGroupRankThroughRun(t *testing.T) {
	c, roster := loadDefault(t)
	ins := []submission.Input{
		mkForm(t, c, "vp.xlsx", "VP", "", total("90")),
		mkForm(t, c, "ttr.xlsx", "TTr", "", total("80")),
		mkForm(t, c, "bqlda.xlsx", "BQLDA", "", total("85")),
		mkForm(t, c, "ttdk.xlsx", "TTDK", "", total("85")),
		mkForm(t, c, "cd.xlsx", "CD", "", total("70")),
	}
	r := Run(ins, Options{Campaign: c, Roster: roster, DeadlineDays: 5})
	var got []string
	for _, u := range r.Units {
		got = append(got, u.Code+":"+strconv.Itoa(u.Rank)+"/"+strconv.Itoa(u.GroupRank))
	}
	want := []string{"VP:1/1", "BQLDA:2/1", "TTDK:2/1", "TTr:4/2", "CD:5/1"}
	if !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestLateIgnoresTimeOfDay(t *testing.T) {
	c, roster := loadDefault(t)
	in := mkForm(t, c, "vp.xlsx", "VP", "")
	in.Submission.Date = time.Date(2026, 10, 5, 16, 30, 0, 0, time.UTC) // on the deadline day
	r := Run([]submission.Input{in}, Options{Campaign: c, Roster: roster, DeadlineDays: 5})
	if unit(t, r, "VP").Late {
		t.Errorf("a form dated on the deadline day is not late, whatever the hour")
	}
}

func TestRosterHelpers(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Phòng Tổ chức cán bộ", "PTCCB"},
		{"Đoàn Thanh niên", "DTN"},
		{"Công đoàn", "CD"},
		{"Kho", "KHO"},
		{"Phòng 1 - Hành chính", "P1HC"},
		{"  ", "?"},
	} {
		if got := deriveCode(tc.in); got != tc.want {
			t.Errorf("deriveCode(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	for _, tc := range []struct{ a, b string }{
		{"Phòng Kế hoạch - Tài chính", "phong ke hoach-tai chinh"},
		{"Văn phòng Sở", "VĂN PHÒNG SỞ:"},
		{"Đoàn  Thanh niên", "doan thanh nien"},
	} {
		if matchKey(tc.a) != matchKey(tc.b) {
			t.Errorf("%q and %q should match: %q, %q", tc.a, tc.b, matchKey(tc.a), matchKey(tc.b))
		}
	}
	if codeKey("KH-TC") != codeKey("khtc") || codeKey("VP") == codeKey("VPS") {
		t.Errorf("codeKey")
	}
	for _, tc := range []struct {
		code, name, path, wantKey, wantCode, wantName string
	}{
		{"", "", "forms/Phong X.xlsx", "n:phong x", "PX", "Phong X"},
		{"PX", "", "a.xlsx", "c:px", "PX", "PX"},
		{"", "Ban A", "a.xlsx", "n:ban a", "BA", "Ban A"},
	} {
		k, c, n := offRoster(&submission.Submission{UnitCode: tc.code, Unit: tc.name}, tc.path)
		if k != tc.wantKey || c != tc.wantCode || n != tc.wantName {
			t.Errorf("offRoster(%q, %q, %q) = %q %q %q", tc.code, tc.name, tc.path, k, c, n)
		}
	}
	if got := writtenUnit(&submission.Submission{Unit: " Ban  A "}); got != "Ban A" {
		t.Errorf("writtenUnit = %q", got)
	}
	sheet, cell := infoPos(&submission.Submission{InfoSheet: "THÔNG TIN"}, "'Thông tin'!C7")
	if sheet != "Thông tin" || cell != "C7" {
		t.Errorf("infoPos = %q %q", sheet, cell)
	}
	sheet, cell = infoPos(&submission.Submission{InfoSheet: "THÔNG TIN"}, "C7")
	if sheet != "THÔNG TIN" || cell != "C7" {
		t.Errorf("infoPos = %q %q", sheet, cell)
	}
}

func TestProblems(t *testing.T) {
	c, _ := loadDefault(t)
	roster := []Unit{{Code: "VP", Name: "Văn phòng Sở"}}
	tests := []struct {
		name          string
		ins           []submission.Input
		plain, strict bool
	}{
		{name: "clean", ins: []submission.Input{mkForm(t, c, "vp.xlsx", "VP", "")}},
		{name: "warning only", ins: []submission.Input{mkForm(t, c, "vp.xlsx", "VP", "", period(""))}, strict: true},
		{name: "late", ins: []submission.Input{mkForm(t, c, "vp.xlsx", "VP", "", dated("20/10/2026"))}, plain: true, strict: true},
		{name: "missing", ins: nil, plain: true, strict: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := Run(tc.ins, Options{Campaign: c, Roster: roster, DeadlineDays: 5, Period: mustPeriod(t, "2026-Q3")})
			if r.Problems(false) != tc.plain || r.Problems(true) != tc.strict {
				t.Errorf("problems = %v/%v, want %v/%v (%v)", r.Problems(false), r.Problems(true), tc.plain, tc.strict, codes(r.Diags))
			}
		})
	}
}
