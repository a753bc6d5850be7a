package score

import (
	"slices"
	"testing"

	"github.com/thidua/thidua/pkg/campaign"
	"github.com/thidua/thidua/pkg/submission"
)

// smallCampaign is a hand-checkable table: content 1 (max 10) whose two
// criteria have maxima 8 + 8 (so a full form exceeds it and is capped),
// content 2 (max 10 = 5 + 5), bonus cap 5 (items 4 + 4), deduction cap 6
// (items 5 + 5, D2 no-top). scale is the scale to declare.
func smallCampaign(scale Points) *campaign.Campaign {
	return &campaign.Campaign{
		Code: "small", Name: "small", Scale: scale,
		Contents: []*campaign.Node{
			{Code: "1", Title: "Một", Max: 1000, Criteria: []*campaign.Node{{Code: "1.1", Max: 800}, {Code: "1.2", Max: 800}}},
			{Code: "2", Title: "Hai", Max: 1000, Criteria: []*campaign.Node{{Code: "2.1", Max: 500}, {Code: "2.2", Max: 500}}},
		},
		Bonus:      campaign.Group{Cap: 500, Items: []campaign.Item{{Code: "T1", Max: 400}, {Code: "T2", Max: 400}}},
		Deductions: campaign.Group{Cap: 600, Items: []campaign.Item{{Code: "D1", Max: 500}, {Code: "D2", Max: 500, Sanction: campaign.NoTop}}},
		Bands:      []campaign.Band{{Label: "Giỏi", Min: 1800}, {Label: "Đạt", Min: 0}},
	}
}

func TestScoreArithmetic(t *testing.T) {
	tests := []struct {
		name                  string
		scale                 Points
		rows                  []string
		base, bonus, ded, tot string
		c1, c2, c2self        string
		reviewed              bool
		wantDiag              []string
	}{
		{name: "full marks, parent capped at its max", rows: nil, base: "20", bonus: "0", ded: "0", tot: "20", c1: "10", c2: "10", c2self: "10", wantDiag: []string{"TD310"}},
		{name: "parent within its max", rows: []string{"1.1=4", "1.2=5,5"}, base: "19,5", bonus: "0", ded: "0", tot: "19,5", c1: "9,5", c2: "10", c2self: "10"},
		{name: "review overrides self", rows: []string{"1.1=5", "2.1=5/3"}, base: "18", bonus: "0", ded: "0", tot: "18", c1: "10", c2: "8", c2self: "10", reviewed: true, wantDiag: []string{"TD310"}},
		{name: "review only, self blank", rows: []string{"1.1=5", "2.1=/2"}, base: "17", bonus: "0", ded: "0", tot: "17", c1: "10", c2: "7", c2self: "5", reviewed: true, wantDiag: []string{"TD310"}},
		{name: "blank self counts 0", rows: []string{"1.1=5", "2.1="}, base: "15", bonus: "0", ded: "0", tot: "15", c1: "10", c2: "5", c2self: "5", wantDiag: []string{"TD310"}},
		{name: "bonus under the cap", rows: []string{"1.1=5", "T1=3"}, base: "20", bonus: "3", ded: "0", tot: "23", c1: "10", c2: "10", c2self: "10", wantDiag: []string{"TD310"}},
		{name: "bonus capped", rows: []string{"1.1=5", "T1=4", "T2=4"}, base: "20", bonus: "5", ded: "0", tot: "25", c1: "10", c2: "10", c2self: "10", wantDiag: []string{"TD310", "TD313"}},
		{name: "deduction capped", rows: []string{"1.1=5", "D1=5", "D2=5"}, base: "20", bonus: "0", ded: "6", tot: "14", c1: "10", c2: "10", c2self: "10", wantDiag: []string{"TD310", "TD314"}},
		{name: "deduction written negative", rows: []string{"1.1=5", "D1=-2"}, base: "20", bonus: "0", ded: "2", tot: "18", c1: "10", c2: "10", c2self: "10", wantDiag: []string{"TD310"}},
		{name: "deduction reviewed to zero", rows: []string{"1.1=5", "D1=2/0"}, base: "20", bonus: "0", ded: "0", tot: "20", c1: "10", c2: "10", c2self: "10", reviewed: true, wantDiag: []string{"TD310"}},
		{name: "bonus and deduction together", rows: []string{"1.1=5", "2.2=2,25", "T1=1,5", "D1=0,75"}, base: "17,25", bonus: "1,5", ded: "0,75", tot: "18", c1: "10", c2: "7,25", c2self: "7,25", wantDiag: []string{"TD310"}},
		{name: "total clamped at 0", rows: []string{"1.1=0", "1.2=0", "2.1=0", "2.2=1", "D1=5", "D2=1"}, base: "1", bonus: "0", ded: "6", tot: "0", c1: "0", c2: "1", c2self: "1", wantDiag: []string{"TD315"}},
		{name: "total clamped at scale + bonus cap", scale: 1500, rows: []string{"1.1=5", "T1=4", "T2=4"}, base: "20", bonus: "5", ded: "0", tot: "20", c1: "10", c2: "10", c2self: "10", wantDiag: []string{"TD310", "TD313", "TD315"}},
		{name: "self above its max is brought in", rows: []string{"1.1=5", "2.1=7"}, base: "20", bonus: "0", ded: "0", tot: "20", c1: "10", c2: "10", c2self: "10", wantDiag: []string{"TD310", "TD311"}},
		{name: "negative review is brought in", rows: []string{"1.1=5", "2.1=5/-1"}, base: "15", bonus: "0", ded: "0", tot: "15", c1: "10", c2: "5", c2self: "10", reviewed: true, wantDiag: []string{"TD310", "TD312"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			scale := tc.scale
			if scale == 0 {
				scale = 2000
			}
			c := smallCampaign(scale)
			in := mkForm(t, c, "a.xlsx", "A", "Đơn vị A", rows(tc.rows...))
			r := Run([]submission.Input{in}, Options{Campaign: c, Roster: []Unit{{Code: "A", Name: "Đơn vị A"}}, DeadlineDays: 5})
			checkInvariants(t, r, 1)
			u := unit(t, r, "A")
			got := []Points{u.Base, u.Bonus, u.Deduction, u.Total, u.Contents[0].Score, u.Contents[1].Score, u.Contents[1].Self}
			want := []Points{pts(t, tc.base), pts(t, tc.bonus), pts(t, tc.ded), pts(t, tc.tot), pts(t, tc.c1), pts(t, tc.c2), pts(t, tc.c2self)}
			if !slices.Equal(got, want) {
				t.Errorf("base, bonus, deduction, total, c1, c2, c2 self = %v, want %v", got, want)
			}
			if u.Reviewed != tc.reviewed {
				t.Errorf("reviewed = %v, want %v", u.Reviewed, tc.reviewed)
			}
			f := file(t, r, "a.xlsx")
			gotCodes := codes(f.Diags)
			slices.Sort(gotCodes)
			if !slices.Equal(gotCodes, tc.wantDiag) {
				t.Errorf("diagnostics %v, want %v", gotCodes, tc.wantDiag)
			}
			if f.Status != submission.Scored {
				t.Errorf("status %s", f.Status)
			}
		})
	}
}

func TestRowsFilled(t *testing.T) {
	c := smallCampaign(2000)
	in := mkForm(t, c, "a.xlsx", "A", "A", rows("1.1=3", "1.2=4/2", "T1=1"))
	in.Submission.Lines[2].Evidence = "QĐ 12/QĐ-SGTVT"
	in.Submission.Lines[2].Note = "đã xác minh"
	r := Run([]submission.Input{in}, Options{Campaign: c})
	u := r.Units[0]
	if len(u.Rows) != len(c.Rows()) {
		t.Fatalf("%d rows, want %d", len(u.Rows), len(c.Rows()))
	}
	want := []struct {
		code                string
		leaf                bool
		self, review, final Points
		reviewSet           bool
	}{
		{"1", false, 700, 500, 500, true},
		{"1.1", true, 300, 0, 300, false},
		{"1.2", true, 400, 200, 200, true},
		{"2", false, 1000, 0, 1000, false},
		{"2.1", true, 500, 0, 500, false},
		{"2.2", true, 500, 0, 500, false},
		{"T1", true, 100, 0, 100, false},
		{"T2", true, 0, 0, 0, false},
		{"D1", true, 0, 0, 0, false},
		{"D2", true, 0, 0, 0, false},
	}
	for i, w := range want {
		g := u.Rows[i]
		if g.Code != w.code || g.Leaf != w.leaf || g.Self != w.self || g.Review != w.review || g.Final != w.final || g.ReviewSet != w.reviewSet {
			t.Errorf("row %d = %+v, want %+v", i, g, w)
		}
	}
	if g := u.Rows[2]; g.Evidence != "QĐ 12/QĐ-SGTVT" || g.Note != "đã xác minh" || g.SelfCell != "D10" || g.ReviewCell != "E10" {
		t.Errorf("row 1.2 evidence/note/cells = %q %q %q %q", g.Evidence, g.Note, g.SelfCell, g.ReviewCell)
	}
	if u.Rows[1].Kind != campaign.KindCriterion || u.Rows[1].Depth != 1 || u.Rows[0].Kind != campaign.KindContent {
		t.Errorf("kinds/depths wrong: %+v %+v", u.Rows[0], u.Rows[1])
	}
}

func TestDivRound(t *testing.T) {
	tests := []struct {
		a    Points
		n    int64
		want Points
	}{
		{0, 3, 0}, {9000, 2, 4500}, {9001, 2, 4501}, {9003, 2, 4502}, {1, 3, 0}, {2, 3, 1}, {5, 2, 3}, {-5, 2, -3}, {7, 0, 0}, {28575, 3, 9525},
	}
	for _, tc := range tests {
		if got := divRound(tc.a, tc.n); got != tc.want {
			t.Errorf("divRound(%d, %d) = %d, want %d", tc.a, tc.n, got, tc.want)
		}
	}
}

func TestNoCapMeansItemMaxima(t *testing.T) {
	c := smallCampaign(2000)
	c.Bonus.Cap = 0
	in := mkForm(t, c, "a.xlsx", "A", "A", rows("1.1=5", "T1=4", "T2=4"))
	r := Run([]submission.Input{in}, Options{Campaign: c})
	u := r.Units[0]
	if u.Bonus != 800 || u.Total != 2800 {
		t.Errorf("bonus %v total %v, want 8 and 28", u.Bonus, u.Total)
	}
}

func TestNilCampaignDoesNotPanic(t *testing.T) {
	in := mkForm(t, smallCampaign(2000), "a.xlsx", "A", "A")
	r := Run([]submission.Input{in, {Path: "b.xlsx"}}, Options{})
	if r.Summary.Files != 2 || r.Summary.Scored != 1 || r.Summary.Skipped != 1 {
		t.Errorf("summary %+v", r.Summary)
	}
	if r.Units[0].Total != 0 {
		t.Errorf("total %v", r.Units[0].Total)
	}
}
