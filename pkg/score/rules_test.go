package score

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/thidua/thidua/pkg/campaign"
	"github.com/thidua/thidua/pkg/submission"
)

// rulesTable uses the rules of docs/config.md. Its arithmetic:
//
//	content 1 (max 20) = 1.1 choices 6/3/0 (6) + 1.2 levels (4) + 1.3 late
//	    reports, −0,5 each, at least −5 (max 0) + 1.4 rate in steps (10)
//	content 2 (max 5, weight 2: counts up to 10), Khối B only
//	content 3 (max 10, optional: KAD) = 3.1 (4) + 3.2 classes, 1 + 1,25 each (6)
//	scale = 20 + 2 × 5 + 10 = 40; bonus: no cap (items 15 + 10); deductions cap 10
const rulesTable = `code: rules
scale: 40
contents:
  - code: "1"
    max: 20
    criteria:
      - {code: "1.1", max: 6, choices: [6, 3, 0]}
      - {code: "1.2", max: 4, levels: {"Tốt": 4, "Khá": 3, "Đạt": 2, "Chưa đạt": 0}}
      - {code: "1.3", max: 0, figure: {label: "Số lần", per: -0.5, min: -5}}
      - {code: "1.4", max: 10, evidence: required, figure: {label: "Tỷ lệ (%)", steps: [{from: 100, points: 10}, {from: 90, points: 8}, {from: 50, points: 4}]}}
  - code: "2"
    max: 5
    weight: 2
    applies_to: ["Khối B"]
    criteria: [{code: "2.1", max: 5}]
  - code: "3"
    max: 10
    optional: true
    criteria: [{code: "3.1", max: 4}, {code: "3.2", max: 6, figure: {label: "Số lớp", start: 1, per: 1.25}}]
bonus: {items: [{code: T1, max: 15, choices: [0, 10, 15]}, {code: T2, max: 10, figure: {per: 2}}]}
deductions: {cap: 10, items: [{code: D1, max: 10, sanction: "max-band:Khá"}, {code: D2, max: 10, sanction: exclude}, {code: D3, max: 10, figure: {per: 0.5}}]}
bands: [{label: Tốt, min: 35}, {label: Khá, min: 25}, {label: Đạt, min: 0}]
tie_break: [bonus]
`

// yamlCampaign decodes a table and fails the test when it does not pass
// its checks.
func yamlCampaign(tb testing.TB, src string, groups ...string) *campaign.Campaign {
	tb.Helper()
	var c campaign.Campaign
	if err := yaml.Unmarshal([]byte(src), &c); err != nil {
		tb.Fatal(err)
	}
	for _, d := range c.CheckWith(campaign.CheckOptions{Groups: groups, Roster: len(groups) > 0}) {
		if d.Severity.String() == "error" {
			tb.Fatalf("table: %s", d.Line("en"))
		}
	}
	return &c
}

// blankForm builds a read form for c with every cell blank (period
// 2026-Q3, dated 03/10/2026); then opts apply.
func blankForm(tb testing.TB, c *campaign.Campaign, path, code string, opts ...formOpt) submission.Input {
	tb.Helper()
	in := mkForm(tb, c, path, code, "")
	s := in.Submission
	for i := range s.Lines {
		ln := &s.Lines[i]
		ln.Self = submission.Score{Cell: ln.Self.Cell}
		ln.Figure.Cell = fmt.Sprintf("C%d", ln.Row)
		ln.EvidenceCell = fmt.Sprintf("F%d", ln.Row)
	}
	for _, o := range opts {
		o(tb, c, s)
	}
	return in
}

// cells sets cells of a form: "1.1=3" (self), "1.1=3/2" (self/review),
// "1.2=@Khá" (a level name), "1.3#4" (a figure), "3!" (KAD),
// "1.4~QĐ 12" (evidence).
func cells(kv ...string) formOpt {
	return func(tb testing.TB, c *campaign.Campaign, s *submission.Submission) {
		tb.Helper()
		for _, e := range kv {
			var code, val string
			var op byte
			if i := strings.IndexAny(e, "=#!~"); i >= 0 {
				code, op, val = e[:i], e[i], e[i+1:]
			} else {
				tb.Fatalf("bad cell spec %q", e)
			}
			ln, ok := s.Line(code)
			if !ok {
				tb.Fatalf("form has no row %q", code)
			}
			switch op {
			case '=':
				if name, ok := strings.CutPrefix(val, "@"); ok {
					ln.Self.Level, ln.Self.Set, ln.Self.Raw = name, true, name
					continue
				}
				self, rev, hasRev := strings.Cut(val, "/")
				ln.Self.Level = ""
				ln.Self = setScore(tb, ln.Self, self)
				if hasRev {
					ln.Review = setScore(tb, ln.Review, rev)
				}
			case '#':
				ln.Figure = setScore(tb, ln.Figure, val)
			case '!':
				ln.KAD, ln.KADCell = true, ln.Self.Cell
			case '~':
				ln.Evidence = val
			}
		}
	}
}

// full is unit A's complete form for rulesTable: 1.1 = 6, 1.2 "Tốt" (4),
// 1.3 no late report (0), 1.4 100 % (10), 3.1 = 4, 3.2 four classes
// (1 + 4 × 1,25 = 6): content 1 = 20, content 3 = 10.
var full = []string{"1.1=6", "1.2=@Tốt", "1.3#0", "1.4#100", "1.4~BC số 5", "3.1=4", "3.2#4"}

func evaluatedBy(name string) formOpt {
	return func(_ testing.TB, _ *campaign.Campaign, s *submission.Submission) {
		s.Evaluator, s.EvaluatorCell = name, "C9"
	}
}

func TestRules(t *testing.T) {
	roster := []Unit{{Code: "A", Name: "Đơn vị A", Group: "Khối A"}, {Code: "B", Name: "Đơn vị B", Group: "Khối B"}}
	type check struct {
		code  string // a row
		final string
	}
	tests := []struct {
		name  string
		edit  func(string) string // of rulesTable
		unit  string
		cells []string // after full
		// expected, worked by hand in the comment of each case
		rows                       []check
		m, base, bonus, ded, total string
		band                       string
		flags                      []string
		diags                      []string
		notApplicable              []string // contents
		levelOf                    string   // 1.2's level name
		excluded                   bool
	}{
		{name: "a full form of Khối A: content 2 does not apply",
			// M = 20 + 10 (content 2 is Khối B's) = 30; base = 20 + 10 = 30
			unit: "A", m: "30", base: "30", bonus: "0", ded: "0", total: "30", band: "Khá",
			rows: []check{{"1", "20"}, {"3.2", "6"}}, notApplicable: []string{"2"}, levelOf: "Tốt"},
		{name: "tier: one of the choices",
			// 1.1 = 3: content 1 = 3 + 4 + 0 + 10 = 17; base = 17 + 10 = 27
			unit: "A", cells: []string{"1.1=3"}, m: "30", base: "27", bonus: "0", ded: "0", total: "27", band: "Khá",
			rows: []check{{"1.1", "3"}, {"1", "17"}}},
		{name: "tier: a value that is not a choice is brought to the one below",
			// 1.1 = 5 is not 6/3/0: 3 counts (TD342); base = 27
			unit: "A", cells: []string{"1.1=5"}, m: "30", base: "27", bonus: "0", ded: "0", total: "27", band: "Khá",
			rows: []check{{"1.1", "3"}}, diags: []string{"TD342"}},
		{name: "level by name, folded",
			// "kha" is Khá = 3: content 1 = 6 + 3 + 0 + 10 = 19; base 29
			unit: "A", cells: []string{"1.2=@kha"}, m: "30", base: "29", bonus: "0", ded: "0", total: "29", band: "Khá",
			rows: []check{{"1.2", "3"}}, levelOf: "Khá"},
		{name: "level by points",
			// 2 points is Đạt: content 1 = 18; base 28
			unit: "A", cells: []string{"1.2=2"}, m: "30", base: "28", bonus: "0", ded: "0", total: "28", band: "Khá",
			rows: []check{{"1.2", "2"}}, levelOf: "Đạt"},
		{name: "linear figure, negative points",
			// 3 late reports × −0,5 = −1,5: content 1 = 6 + 4 − 1,5 + 10 = 18,5; base 28,5
			unit: "A", cells: []string{"1.3#3"}, m: "30", base: "28,5", bonus: "0", ded: "0", total: "28,5", band: "Khá",
			rows: []check{{"1.3", "-1,5"}, {"1", "18,5"}}},
		{name: "linear figure kept at its min",
			// 14 × −0,5 = −7, kept at min −5: content 1 = 15; base 25
			unit: "A", cells: []string{"1.3#14"}, m: "30", base: "25", bonus: "0", ded: "0", total: "25", band: "Khá",
			rows: []check{{"1.3", "-5"}}},
		{name: "linear figure with a start, kept at its max, rounded",
			// 3.2: 1 + 3,3 × 1,25 = 5,125 → 5,13 (half away from zero); content 3 = 4 + 5,13 = 9,13; base 29,13
			unit: "A", cells: []string{"3.2#3,3"}, m: "30", base: "29,13", bonus: "0", ded: "0", total: "29,13", band: "Khá",
			rows: []check{{"3.2", "5,13"}}},
		{name: "steps: the highest step not above the figure",
			// 95,5 % → the step from 90: 8; content 1 = 18; base 28
			unit: "A", cells: []string{"1.4#95,5"}, m: "30", base: "28", bonus: "0", ded: "0", total: "28", band: "Khá",
			rows: []check{{"1.4", "8"}}},
		{name: "steps: below every step scores 0",
			// 40 % < 50 %: 0; content 1 = 10; base 20
			unit: "A", cells: []string{"1.4#40"}, m: "30", base: "20", bonus: "0", ded: "0", total: "20", band: "Đạt",
			rows: []check{{"1.4", "0"}}},
		{name: "a typed self score beside a figure is only compared",
			// 1.4: 95 % → 8, the 10 typed beside it is a warning (TD340); base 28
			unit: "A", cells: []string{"1.4#95", "1.4=10"}, m: "30", base: "28", bonus: "0", ded: "0", total: "28", band: "Khá",
			rows: []check{{"1.4", "8"}}, diags: []string{"TD340"}},
		{name: "a blank figure counts as 0",
			// 1.4 blank: figure 0 → below every step → 0 (TD341); base 20
			unit: "A", cells: []string{"1.4#"}, m: "30", base: "20", bonus: "0", ded: "0", total: "20", band: "Đạt",
			rows: []check{{"1.4", "0"}}, diags: []string{"TD341"}},
		{name: "the council's review of a figure leaf counts",
			// 1.4: 95 % → 8, reviewed to 6: content 1 = 16; base 26
			unit: "A", cells: []string{"1.4#95", "1.4=/6"}, m: "30", base: "26", bonus: "0", ded: "0", total: "26", band: "Khá",
			rows: []check{{"1.4", "6"}}},
		{name: "weight: content 2 counts twice for Khối B",
			// 2.1 = 4: content 2 = 4, weighted 8; M = 20 + 10 + 10 = 40; base = 20 + 8 + 10 = 38
			unit: "B", cells: []string{"2.1=4"}, m: "40", base: "38", bonus: "0", ded: "0", total: "38", band: "Tốt",
			rows: []check{{"2", "4"}}},
		{name: "applies_to: a score on a row of another group is ignored",
			// A writes 2.1 = 5: ignored (TD357); base 30
			unit: "A", cells: []string{"2.1=5"}, m: "30", base: "30", bonus: "0", ded: "0", total: "30", band: "Khá",
			rows: []check{{"2", "0"}}, diags: []string{"TD357"}, notApplicable: []string{"2"}},
		{name: "KAD: an optional content leaves the unit's maximum",
			// 3 KAD: M = 20; base = 20 (without normalize the ceiling is lower)
			unit: "A", cells: []string{"3!", "3.1=", "3.2#"}, m: "20", base: "20", bonus: "0", ded: "0", total: "20", band: "Đạt",
			rows: []check{{"3", "0"}}, notApplicable: []string{"2", "3"}},
		{name: "KAD with scores under it: they are ignored",
			// 3 KAD while 3.1 = 4 and 3.2 has a figure: ignored (TD356); M = 20; base 20
			unit: "A", cells: []string{"3!"}, m: "20", base: "20", bonus: "0", ded: "0", total: "20", band: "Đạt",
			diags: []string{"TD356"}, notApplicable: []string{"2", "3"}},
		{name: "KAD on a row that is not optional is ignored",
			unit: "A", cells: []string{"1!"}, m: "30", base: "30", bonus: "0", ded: "0", total: "30", band: "Khá",
			diags: []string{"TD344"}},
		{name: "normalize: base = raw × scale ÷ M",
			// A with 3 KAD and 1.1 = 3: raw = 17, M = 20; base = 17 × 40 ÷ 20 = 34
			edit: func(s string) string { return strings.Replace(s, "scale: 40", "scale: 40\nnormalize: true", 1) },
			unit: "A", cells: []string{"3!", "3.1=", "3.2#", "1.1=3"}, m: "20", base: "34", bonus: "0", ded: "0", total: "34", band: "Khá",
			notApplicable: []string{"2", "3"}},
		{name: "normalize: rounding half away from zero",
			// raw = 20 + 9,13 = 29,13 (3.2: 1 + 3,3 × 1,25 = 5,125 → 5,13); base = 29,13 × 40 ÷ 30 = 38,84
			edit: func(s string) string { return strings.Replace(s, "scale: 40", "scale: 40\nnormalize: true", 1) },
			unit: "A", cells: []string{"3.2#3,3"}, m: "30", base: "38,84", bonus: "0", ded: "0", total: "38,84", band: "Tốt"},
		{name: "normalize: everything applies, base = raw",
			// B: M = 40 = scale; base = 20 + 2 × 5 + 10 = 40
			edit: func(s string) string { return strings.Replace(s, "scale: 40", "scale: 40\nnormalize: true", 1) },
			unit: "B", cells: []string{"2.1=5"}, m: "40", base: "40", bonus: "0", ded: "0", total: "40", band: "Tốt"},
		{name: "bonus from a choice and a figure; no cap written",
			// T1 = 10, T2 three models × 2 = 6: bonus 16 (no cap: at most 15 + 10); total 30 + 16 = 46
			unit: "A", cells: []string{"T1=10", "T2#3"}, m: "30", base: "30", bonus: "16", ded: "0", total: "46", band: "Tốt"},
		{name: "deduction from a figure",
			// D3: 5 late reports × 0,5 = 2,5 deducted; total 30 − 2,5 = 27,5
			unit: "A", cells: []string{"D3#5"}, m: "30", base: "30", bonus: "0", ded: "2,5", total: "27,5", band: "Khá"},
		{name: "a blank bonus or deduction figure is none",
			unit: "A", cells: []string{"T2#", "D3#"}, m: "30", base: "30", bonus: "0", ded: "0", total: "30", band: "Khá"},
		{name: "max-band: at best Khá",
			// B full: 40 − D1 1 = 39 ≥ 35 (Tốt) → at best Khá
			unit: "B", cells: []string{"2.1=5", "D1=1"}, m: "40", base: "40", bonus: "0", ded: "1", total: "39", band: "Khá",
			flags: []string{FlagMaxBand}},
		{name: "max-band below the band: nothing changes",
			// A: 30 − 1 = 29 is Khá already: no flag
			unit: "A", cells: []string{"D1=1"}, m: "30", base: "30", bonus: "0", ded: "1", total: "29", band: "Khá"},
		{name: "exclude: not classified, rank kept",
			unit: "B", cells: []string{"2.1=5", "D2=2"}, m: "40", base: "40", bonus: "0", ded: "2", total: "38", band: "",
			flags: []string{FlagExcluded}, excluded: true},
		{name: "rank only: no bands",
			edit: func(s string) string {
				s = strings.Replace(s, `sanction: "max-band:Khá"`, "sanction: no-top", 1)
				return strings.Replace(s, "bands: [{label: Tốt, min: 35}, {label: Khá, min: 25}, {label: Đạt, min: 0}]", "bands: []", 1)
			},
			unit: "A", m: "30", base: "30", bonus: "0", ded: "0", total: "30", band: ""},
		{name: "evidence required where points are claimed",
			// 1.4 claims 10 points with a blank "Minh chứng": TD346
			unit: "A", cells: []string{"1.4~"}, m: "30", base: "30", bonus: "0", ded: "0", total: "30", band: "Khá",
			diags: []string{"TD346"}},
		{name: "evidence is not asked where no points are claimed",
			unit: "A", cells: []string{"1.4~", "1.4#10"}, m: "30", base: "20", bonus: "0", ded: "0", total: "20", band: "Đạt"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := rulesTable
			if tc.edit != nil {
				src = tc.edit(src)
			}
			c := yamlCampaign(t, src, "Khối A", "Khối B")
			in := blankForm(t, c, "a.xlsx", tc.unit, cells(append(slices.Clone(full), tc.cells...)...))
			r := Run([]submission.Input{in}, Options{Campaign: c, Roster: roster, DeadlineDays: 5})
			checkInvariants(t, r, 1)
			u := unit(t, r, tc.unit)
			got := []Points{u.MaxApplicable, u.Base, u.Bonus, u.Deduction, u.Total}
			want := []Points{pts(t, tc.m), pts(t, tc.base), pts(t, tc.bonus), pts(t, tc.ded), pts(t, tc.total)}
			if !slices.Equal(got, want) {
				t.Errorf("M, base, bonus, deduction, total = %v, want %v", got, want)
			}
			if u.Band != tc.band || !slices.Equal(u.Flags, tc.flags) || u.Excluded != tc.excluded {
				t.Errorf("band %q flags %q excluded %v, want %q %q %v", u.Band, u.Flags, u.Excluded, tc.band, tc.flags, tc.excluded)
			}
			for _, ch := range tc.rows {
				i := slices.IndexFunc(u.Rows, func(r RowScore) bool { return r.Code == ch.code })
				if u.Rows[i].Final != pts(t, ch.final) {
					t.Errorf("row %s = %s, want %s", ch.code, u.Rows[i].Final.VI(), ch.final)
				}
			}
			var na []string
			for _, ct := range u.Contents {
				if ct.NotApplicable {
					na = append(na, ct.Code)
				}
			}
			if !slices.Equal(na, tc.notApplicable) && !(tc.notApplicable == nil && slices.Equal(na, []string{"2"}) && tc.unit == "A") {
				t.Errorf("contents not applicable %v, want %v", na, tc.notApplicable)
			}
			if tc.levelOf != "" {
				if l := u.Rows[2].Level; l != tc.levelOf {
					t.Errorf("1.2 level %q, want %q", l, tc.levelOf)
				}
			}
			var ds []string
			for _, d := range r.Files[0].Diags {
				if d.Severity.String() != "note" || d.Code == "TD356" {
					ds = append(ds, d.Code)
				}
			}
			if !slices.Equal(ds, tc.diags) {
				t.Errorf("diagnostics %v, want %v", ds, tc.diags)
				for _, d := range r.Files[0].Diags {
					t.Log(d.Line("vi"))
				}
			}
			if len(c.Bands) == 0 && len(r.Summary.Bands) != 0 {
				t.Errorf("rank only: summary bands %v", r.Summary.Bands)
			}
		})
	}
}

// TestNegativeTotals: a table of pure plus and minus points (total_floor:
// none) ranks negative totals; with the floor they are 0.
func TestNegativeTotals(t *testing.T) {
	const src = `code: pm
scale: 10
total_floor: none
contents:
  - code: "1"
    max: 10
    criteria:
      - {code: "1.1", max: 10}
      - {code: "1.2", max: 0, figure: {label: "Số vụ", per: -1, min: -10}}
deductions: {items: [{code: D1, max: 5}]}
bands: []
`
	roster := []Unit{{Code: "A", Name: "A"}, {Code: "B", Name: "B"}, {Code: "C", Name: "C"}}
	forms := func(c *campaign.Campaign) []submission.Input {
		return []submission.Input{
			// A: 0 + 4 incidents × −1 = −4; − D1 3 = −7
			blankForm(t, c, "a.xlsx", "A", cells("1.1=0", "1.2#4", "D1=3")),
			// B: 2 − 6 = −4
			blankForm(t, c, "b.xlsx", "B", cells("1.1=2", "1.2#6")),
			// C: 1 − 0 = 1
			blankForm(t, c, "c.xlsx", "C", cells("1.1=1", "1.2#0")),
		}
	}
	c := yamlCampaign(t, src)
	r := Run(forms(c), Options{Campaign: c, Roster: roster})
	checkInvariants(t, r, 3)
	want := map[string][2]string{"C": {"1", "1"}, "B": {"-4", "2"}, "A": {"-7", "3"}}
	for code, w := range want {
		u := unit(t, r, code)
		if u.Total != pts(t, w[0]) || fmt.Sprint(u.Rank) != w[1] || u.Band != "" {
			t.Errorf("%s: total %s rank %d band %q, want %s rank %s", code, u.Total.VI(), u.Rank, u.Band, w[0], w[1])
		}
	}
	if u := unit(t, r, "A"); u.Base != -400 || u.Contents[0].Score != -400 {
		t.Errorf("A base %s content %s, want -4", u.Base.VI(), u.Contents[0].Score.VI())
	}
	// With the floor at 0 (not written): A and B are 0 (TD315), sharing rank 2.
	c = yamlCampaign(t, strings.Replace(src, "total_floor: none\n", "", 1))
	r = Run(forms(c), Options{Campaign: c, Roster: roster})
	for code, w := range map[string][2]string{"C": {"1", "1"}, "B": {"0", "2"}, "A": {"0", "2"}} {
		u := unit(t, r, code)
		if u.Total != pts(t, w[0]) || fmt.Sprint(u.Rank) != w[1] {
			t.Errorf("floor 0: %s total %s rank %d, want %s rank %s", code, u.Total.VI(), u.Rank, w[0], w[1])
		}
	}
	if _, ok := hasCode(file(t, r, "a.xlsx").Diags, "TD315"); !ok {
		t.Error("clamping at 0 is not noted")
	}
}

// TestNormalizeRoundingHalf: scale 10 over M = 4 multiplies by 2,5, so the
// half hundredth appears.
func TestNormalizeRoundingHalf(t *testing.T) {
	const src = `code: nz
scale: 10
normalize: true
contents:
  - {code: "1", max: 4}
  - {code: "2", max: 6, applies_to: [B]}
bands: []
`
	c := yamlCampaign(t, src, "A", "B")
	roster := []Unit{{Code: "X", Name: "X", Group: "A"}, {Code: "Y", Name: "Y", Group: "B"}}
	r := Run([]submission.Input{
		blankForm(t, c, "x.xlsx", "X", cells("1=1,01")),        // 1,01 × 10 ÷ 4 = 2,525 → 2,53
		blankForm(t, c, "y.xlsx", "Y", cells("1=1,01", "2=3")), // M = 10: 4,01
	}, Options{Campaign: c, Roster: roster})
	if u := unit(t, r, "X"); u.Base != 253 || u.RawBase != 101 || u.MaxApplicable != 400 {
		t.Errorf("X: base %s raw %s M %s, want 2,53 1,01 4", u.Base.VI(), u.RawBase.VI(), u.MaxApplicable.VI())
	}
	if u := unit(t, r, "Y"); u.Base != 401 || u.MaxApplicable != 1000 {
		t.Errorf("Y: base %s M %s", u.Base.VI(), u.MaxApplicable.VI())
	}
}

// TestMinContentRatioOverApplicableContents: a content that does not apply
// is not looked at, and the ratio is of the applicable maximum.
func TestMinContentRatioOverApplicableContents(t *testing.T) {
	const src = `code: mcr
scale: 20
contents:
  - {code: "1", max: 10}
  - {code: "2", max: 10, applies_to: [B]}
bands: [{label: Giỏi, min: 8, min_content_ratio: 0.8}, {label: Đạt, min: 0}]
`
	c := yamlCampaign(t, src, "A", "B")
	roster := []Unit{{Code: "X", Name: "X", Group: "A"}, {Code: "Y", Name: "Y", Group: "B"}}
	r := Run([]submission.Input{
		// X: only content 1 applies: 9 ≥ 0,8 × 10 → Giỏi
		blankForm(t, c, "x.xlsx", "X", cells("1=9")),
		// Y: 9 + 7 = 16 ≥ 8, but 7 < 0,8 × 10 → Đạt
		blankForm(t, c, "y.xlsx", "Y", cells("1=9", "2=7")),
	}, Options{Campaign: c, Roster: roster})
	if u := unit(t, r, "X"); u.Band != "Giỏi" {
		t.Errorf("X band %q", u.Band)
	}
	if u := unit(t, r, "Y"); u.Band != "Đạt" {
		t.Errorf("Y band %q", u.Band)
	}
}

// TestQuotaCountsClassifiedUnits: an excluded unit takes no quota place and
// is not counted in floor(q × classified units).
func TestQuotaCountsClassifiedUnits(t *testing.T) {
	const src = `code: q
scale: 10
contents: [{code: "1", max: 10}]
deductions: {items: [{code: D1, max: 1, sanction: exclude}]}
bands: [{label: Giỏi, min: 5, quota: 0.5}, {label: Đạt, min: 0}]
`
	c := yamlCampaign(t, src)
	roster := []Unit{{Code: "A", Name: "A"}, {Code: "B", Name: "B"}, {Code: "C", Name: "C"}, {Code: "D", Name: "D"}, {Code: "E", Name: "E"}}
	r := Run([]submission.Input{
		blankForm(t, c, "a.xlsx", "A", cells("1=10", "D1=0,5")), // 9,5, excluded
		blankForm(t, c, "b.xlsx", "B", cells("1=9")),
		blankForm(t, c, "c.xlsx", "C", cells("1=8")),
		blankForm(t, c, "d.xlsx", "D", cells("1=7")),
		blankForm(t, c, "e.xlsx", "E", cells("1=6")),
	}, Options{Campaign: c, Roster: roster})
	// 4 classified units: floor(0,5 × 4) = 2 Giỏi: B and C; A keeps rank 1.
	for code, w := range map[string]string{"A": "", "B": "Giỏi", "C": "Giỏi", "D": "Đạt", "E": "Đạt"} {
		if u := unit(t, r, code); u.Band != w {
			t.Errorf("%s band %q, want %q", code, u.Band, w)
		}
	}
	if u := unit(t, r, "A"); u.Rank != 1 || !u.Excluded || r.Summary.Excluded != 1 {
		t.Errorf("A rank %d excluded %v summary %d", u.Rank, u.Excluded, r.Summary.Excluded)
	}
}

// evalTable is scored by evaluators: 1.1 typed (max 10), 1.2 from a figure
// (1 point each, max 10).
const evalTable = `code: ev
scale: 20
evaluation:
  by: evaluators
  evaluators: ["Sở Nội vụ", {code: STC, name: "Sở Tài chính"}, "Sở Y tế", "Sở Xây dựng"]
contents:
  - code: "1"
    max: 20
    criteria:
      - {code: "1.1", max: 10}
      - {code: "1.2", max: 10, figure: {label: "Số lần", per: 1}}
      - {code: "1.3", max: 0, figure: {label: "Vi phạm", per: -1, min: -5}}
bands: [{label: Tốt, min: 15}, {label: Đạt, min: 0}]
`

func TestEvaluators(t *testing.T) {
	c := yamlCampaign(t, evalTable)
	roster := []Unit{{Code: "H1", Name: "Huyện Một"}, {Code: "H2", Name: "Huyện Hai"}, {Code: "H3", Name: "Huyện Ba"}}
	day := func(d string) formOpt { return dated(d) }
	r := Run([]submission.Input{
		// H1 by three evaluators: 1.1 = (7 + 8) ÷ 2 = 7,5 (Sở Y tế left it
		// blank); 1.2 = (4 + 5 + 6) ÷ 3 = 5; 1.3 nobody → 0 (a figure leaf
		// left blank by every evaluator, TD348). Total 12,5.
		blankForm(t, c, "noi-vu/h1.xlsx", "H1", evaluatedBy("Sở Nội vụ"), cells("1.1=7", "1.2#4")),
		blankForm(t, c, "tai-chinh/h1.xlsx", "H1", evaluatedBy("STC"), cells("1.1=8", "1.2#5")),
		blankForm(t, c, "y-te/h1.xlsx", "H1", evaluatedBy("so y te"), cells("1.2#6")),
		// H2: 1.1 = (7 + 8 + 8) ÷ 3 = 7,666… → 7,67; 1.2 = 10; 1.3 = −1
		// (one evaluator's figure 1). Total 16,67. Sở Nội vụ sent two forms
		// for H2: the later one (8) counts (TD353).
		blankForm(t, c, "noi-vu/h2.xlsx", "H2", evaluatedBy("Sở Nội vụ"), cells("1.1=7", "1.2#10"), day("05/10/2026")),
		blankForm(t, c, "noi-vu/h2-cu.xlsx", "H2", evaluatedBy("Sở Nội vụ"), cells("1.1=1", "1.2#1"), day("02/10/2026")),
		blankForm(t, c, "tai-chinh/h2.xlsx", "H2", evaluatedBy("Sở Tài chính"), cells("1.1=8", "1.3#1")),
		blankForm(t, c, "y-te/h2.xlsx", "H2", evaluatedBy("Sở Y tế"), cells("1.1=8")),
		// An evaluator not on the list still counts (TD352): H3 = 9 + 0.
		blankForm(t, c, "khac/h3.xlsx", "H3", evaluatedBy("Ban Thi đua"), cells("1.1=9")),
		// No evaluator: rejected (TD347).
		blankForm(t, c, "khong-ten/h3.xlsx", "H3", cells("1.1=10")),
	}, Options{Campaign: c, Roster: roster, DeadlineDays: 5})
	checkInvariants(t, r, 9)
	for code, w := range map[string]string{"H1": "12,5", "H2": "16,67", "H3": "9"} {
		if u := unit(t, r, code); u.Total != pts(t, w) {
			t.Errorf("%s total %s, want %s", code, u.Total.VI(), w)
		}
	}
	h1 := unit(t, r, "H1")
	if got := strings.Join(h1.EvaluatorNames(), ", "); got != "Sở Nội vụ, Sở Tài chính, Sở Y tế" {
		t.Errorf("H1 evaluators: %s", got)
	}
	if h1.Rows[1].Evaluators != 2 || h1.Rows[2].Evaluators != 3 || h1.Rows[2].Figure != 500 || h1.Rows[3].Evaluators != 0 {
		t.Errorf("H1 rows: %+v", h1.Rows[1:4])
	}
	if h2 := unit(t, r, "H2"); h2.Rows[3].Final != -100 || h2.Band != "Tốt" {
		t.Errorf("H2 1.3 = %s, band %q", h2.Rows[3].Final.VI(), h2.Band)
	}
	for path, w := range map[string]struct {
		status submission.Status
		code   string
	}{
		"noi-vu/h2-cu.xlsx": {submission.Duplicate, "TD353"},
		"khac/h3.xlsx":      {submission.Scored, "TD352"},
		"khong-ten/h3.xlsx": {submission.Rejected, "TD347"},
		"noi-vu/h1.xlsx":    {submission.Scored, "TD348"},
	} {
		f := file(t, r, path)
		if _, ok := hasCode(f.Diags, w.code); f.Status != w.status || !ok {
			t.Errorf("%s: %s %v, want %s with %s", path, f.Status, codes(f.Diags), w.status, w.code)
		}
	}
	// Sở Xây dựng is expected and sent nothing.
	var names []string
	for _, e := range r.MissingEvaluators() {
		names = append(names, e.Label())
	}
	if strings.Join(names, ",") != "Sở Xây dựng" || r.Summary.MissingEvaluators != 1 || !r.Problems(false) {
		t.Errorf("missing evaluators %v (summary %d)", names, r.Summary.MissingEvaluators)
	}
	if _, ok := hasCode(r.Diags, "TD354"); !ok {
		t.Error("no TD354")
	}
	if len(r.Evaluators) != 5 || r.Evaluators[4].Name != "Ban Thi đua" || r.Evaluators[4].Expected || r.Evaluators[1].Units != 2 {
		t.Errorf("evaluators %+v", r.Evaluators)
	}
	if h1.Late || r.Summary.Late != 0 {
		t.Error("units are not late under evaluators")
	}
}

func TestEvaluatorLateAndKAD(t *testing.T) {
	src := strings.Replace(evalTable, `      - {code: "1.1", max: 10}`, `      - {code: "1.1", max: 10, optional: true}`, 1)
	c := yamlCampaign(t, src)
	roster := []Unit{{Code: "H1", Name: "Huyện Một"}}
	r := Run([]submission.Input{
		// Both evaluators mark 1.1 KAD: it leaves H1's maximum (M = 10).
		blankForm(t, c, "a.xlsx", "H1", evaluatedBy("Sở Nội vụ"), cells("1.1!", "1.2#4"), dated("20/10/2026")),
		blankForm(t, c, "b.xlsx", "H1", evaluatedBy("Sở Tài chính"), cells("1.1!", "1.2#6")),
	}, Options{Campaign: c, Roster: roster, DeadlineDays: 5})
	u := unit(t, r, "H1")
	if u.MaxApplicable != 1000 || u.Total != 500 || !u.Rows[1].KAD || !u.Rows[1].NotApplicable {
		t.Errorf("M %s total %s 1.1 %+v", u.MaxApplicable.VI(), u.Total.VI(), u.Rows[1])
	}
	if !u.Evaluations[0].Late || r.Summary.LateEvaluators != 1 || !r.Evaluators[0].Late {
		t.Errorf("late evaluator: %+v %+v", u.Evaluations, r.Summary)
	}
	// One evaluator scores 1.1, the other marks it KAD: the score counts (TD359).
	r = Run([]submission.Input{
		blankForm(t, c, "a.xlsx", "H1", evaluatedBy("Sở Nội vụ"), cells("1.1!", "1.2#4")),
		blankForm(t, c, "b.xlsx", "H1", evaluatedBy("Sở Tài chính"), cells("1.1=6", "1.2#6")),
	}, Options{Campaign: c, Roster: roster, DeadlineDays: 5})
	if u := unit(t, r, "H1"); u.MaxApplicable != 2000 || u.Total != 1100 {
		t.Errorf("disagreeing KAD: M %s total %s", u.MaxApplicable.VI(), u.Total.VI())
	}
	if _, ok := hasCode(file(t, r, "a.xlsx").Diags, "TD359"); !ok {
		t.Error("no TD359")
	}
}

// matrix builds a "Bảng điểm" file: one row per "unit:cells;cells".
func matrix(tb testing.TB, c *campaign.Campaign, path, evaluator string, rows ...string) submission.Input {
	tb.Helper()
	file := &submission.Submission{
		Path: path, Size: 1000, SHA256: "sha-" + path,
		PeriodText: "Quý III/2026", Period: mustPeriod(tb, "2026-Q3"), PeriodCell: "C5",
		Date: time.Date(2026, 10, 3, 0, 0, 0, 0, time.UTC), DateCell: "C10",
		Sheet: "Bảng điểm", Evaluator: evaluator, EvaluatorCell: "C9",
	}
	for i, r := range rows {
		code, spec, _ := strings.Cut(r, ":")
		in := blankForm(tb, c, path, code, cells(strings.Split(spec, ";")...))
		row := in.Submission
		row.Period, row.PeriodText, row.Date, row.Sheet = file.Period, "", time.Time{}, ""
		row.MatrixRow = 5 + i
		file.Matrix = append(file.Matrix, row)
	}
	return submission.Input{Path: path, Size: file.Size, SHA256: file.SHA256, Submission: file}
}

func TestPeers(t *testing.T) {
	const src = `code: cc
scale: 10
evaluation: {by: peers}
contents: [{code: "1", max: 10, criteria: [{code: "1.1", max: 6}, {code: "1.2", max: 4}]}]
bands: []
`
	c := yamlCampaign(t, src)
	roster := []Unit{{Code: "10A", Name: "Chi đoàn 10A"}, {Code: "10B", Name: "Chi đoàn 10B"}, {Code: "10C", Name: "Chi đoàn 10C"}, {Code: "10D", Name: "Chi đoàn 10D"}}
	r := Run([]submission.Input{
		// 10A types every class into one sheet, itself included: its own
		// row is ignored (TD350), the file stays scored.
		matrix(t, c, "10a.xlsx", "10A", "10A:1.1=6;1.2=4", "10B:1.1=5;1.2=3", "10C:1.1=4;1.2=2"),
		// 10B scores 10C on a per-unit form, and itself on another: skipped (TD349).
		blankForm(t, c, "10b-c.xlsx", "10C", evaluatedBy("Chi đoàn 10B"), cells("1.1=6", "1.2=1")),
		blankForm(t, c, "10b-b.xlsx", "10B", evaluatedBy("10B"), cells("1.1=6", "1.2=4")),
		// An evaluator who is not a unit: rejected (TD351).
		blankForm(t, c, "x.xlsx", "10B", evaluatedBy("Thầy Tổng phụ trách"), cells("1.1=1")),
	}, Options{Campaign: c, Roster: roster})
	checkInvariants(t, r, 4)
	// 10B: scored by 10A only: 5 + 3 = 8. 10C: by 10A (4 + 2) and 10B (6 +
	// 1): 1.1 = (4 + 6) ÷ 2 = 5, 1.2 = (2 + 1) ÷ 2 = 1,5: 6,5.
	if u := unit(t, r, "10B"); u.Total != 800 || u.Rank != 1 || strings.Join(u.EvaluatorNames(), ",") != "Chi đoàn 10A" || u.Evaluations[0].Row != 6 {
		t.Errorf("10B: %s rank %d by %v", u.Total.VI(), u.Rank, u.Evaluations)
	}
	if u := unit(t, r, "10C"); u.Total != 650 || strings.Join(u.EvaluatorNames(), ",") != "Chi đoàn 10A,Chi đoàn 10B" {
		t.Errorf("10C: %s by %v", u.Total.VI(), u.EvaluatorNames())
	}
	// 10A and 10D were scored by no peer: missing.
	var missing []string
	for _, m := range r.Missing {
		missing = append(missing, m.Code)
	}
	if strings.Join(missing, ",") != "10A,10D" {
		t.Errorf("missing %v", missing)
	}
	for path, w := range map[string]struct {
		status submission.Status
		code   string
	}{
		"10a.xlsx":   {submission.Scored, "TD350"},
		"10b-b.xlsx": {submission.Skipped, "TD349"},
		"x.xlsx":     {submission.Rejected, "TD351"},
		"10b-c.xlsx": {submission.Scored, ""},
	} {
		f := file(t, r, path)
		_, ok := hasCode(f.Diags, w.code)
		if f.Status != w.status || w.code != "" && !ok {
			t.Errorf("%s: %s %v, want %s %s", path, f.Status, codes(f.Diags), w.status, w.code)
		}
	}
	if f := file(t, r, "10a.xlsx"); strings.Join(f.Units, ",") != "10A,10B,10C" || f.Evaluator != "10A" {
		t.Errorf("matrix file: units %v evaluator %q", f.Units, f.Evaluator)
	}
	// 10C and 10D sent nothing that counted; 10B's own form was skipped but
	// its score of 10C counted.
	var me []string
	for _, e := range r.MissingEvaluators() {
		me = append(me, e.Code)
	}
	if strings.Join(me, ",") != "10C,10D" {
		t.Errorf("missing evaluators %v", me)
	}
	// exclude_self: false counts a unit's score of itself.
	c2 := yamlCampaign(t, strings.Replace(src, "{by: peers}", "{by: peers, exclude_self: false}", 1))
	r = Run([]submission.Input{
		matrix(t, c2, "10a.xlsx", "10A", "10A:1.1=6;1.2=4", "10B:1.1=5;1.2=3"),
		blankForm(t, c2, "10b-b.xlsx", "10B", evaluatedBy("10B"), cells("1.1=6", "1.2=4")),
	}, Options{Campaign: c2, Roster: roster})
	// 10B: (8 + 10) ÷ 2 per leaf: 1.1 = 5,5, 1.2 = 3,5: 9.
	if u := unit(t, r, "10B"); u.Total != 900 {
		t.Errorf("exclude_self false: 10B %s", u.Total.VI())
	}
	if u := unit(t, r, "10A"); u.Total != 1000 {
		t.Errorf("exclude_self false: 10A %s", u.Total.VI())
	}
}

// TestMatrixSelfScored: under self-evaluation a "Bảng điểm" sheet typed by
// the secretary holds one form per unit; a bad cell rejects the file.
func TestMatrixSelfScored(t *testing.T) {
	c := yamlCampaign(t, rulesTable, "Khối A", "Khối B")
	roster := []Unit{{Code: "A", Name: "Đơn vị A", Group: "Khối A"}, {Code: "B", Name: "Đơn vị B", Group: "Khối B"}}
	full := strings.Join(full, ";")
	m := matrix(t, c, "bang.xlsx", "", "A:"+full, "B:"+full+";2.1=5")
	// A per-unit form of A dated later wins over the matrix row (TD305).
	later := blankForm(t, c, "a.xlsx", "A", cells(strings.Split(full+";1.1=3", ";")...), dated("05/10/2026"))
	r := Run([]submission.Input{m, later}, Options{Campaign: c, Roster: roster})
	checkInvariants(t, r, 2)
	if u := unit(t, r, "A"); u.Total != 2700 || u.File != "a.xlsx" {
		t.Errorf("A: %s from %s", u.Total.VI(), u.File)
	}
	if u := unit(t, r, "B"); u.Total != 4000 || u.File != "bang.xlsx" {
		t.Errorf("B: %s from %s", u.Total.VI(), u.File)
	}
	f := file(t, r, "bang.xlsx")
	if _, ok := hasCode(f.Diags, "TD305"); f.Status != submission.Scored || !ok {
		t.Errorf("matrix: %s %v", f.Status, codes(f.Diags))
	}
	m.Submission.Matrix[1].Diags = append(m.Submission.Matrix[1].Diags, mkErr())
	r = Run([]submission.Input{m}, Options{Campaign: c, Roster: roster})
	if f := file(t, r, "bang.xlsx"); f.Status != submission.Rejected || len(r.Units) != 0 {
		t.Errorf("a bad cell: %s, %d units", f.Status, len(r.Units))
	}
}

// TestReviewOfAFigure: the council may correct a figure; its points are
// computed.
func TestReviewOfAFigure(t *testing.T) {
	c := yamlCampaign(t, rulesTable, "Khối A", "Khối B")
	roster := []Unit{{Code: "A", Name: "Đơn vị A", Group: "Khối A"}}
	in := blankForm(t, c, "a.xlsx", "A", cells(full...))
	r := Run([]submission.Input{in}, Options{Campaign: c, Roster: roster, Review: []ReviewOverride{
		{UnitCode: "A", Code: "1.3", Points: 400, Figure: true, Cell: "Thẩm định!G9"}, // 4 late reports: −2
		{UnitCode: "A", Code: "1.3", Points: -300, Cell: "Thẩm định!G10"},             // −3 points: within −5…0
	}})
	u := unit(t, r, "A")
	if u.Rows[3].Final != -300 || u.Total != 2700 {
		t.Errorf("1.3 = %s total %s", u.Rows[3].Final.VI(), u.Total.VI())
	}
	r = Run([]submission.Input{in}, Options{Campaign: c, Roster: roster, Review: []ReviewOverride{
		{UnitCode: "A", Code: "1.3", Points: 400, Figure: true, Cell: "Thẩm định!G9"},
	}})
	if u := unit(t, r, "A"); u.Rows[3].Final != -200 || u.Rows[3].Figure != 400 || len(r.Changes) != 1 || r.Changes[0].New != -200 {
		t.Errorf("figure review: 1.3 = %s figure %s changes %+v", u.Rows[3].Final.VI(), u.Rows[3].Figure.VI(), r.Changes)
	}
}
