package score

import (
	"fmt"
	"strings"
	"testing"

	"github.com/thidua/thidua/pkg/campaign"
)

// ru builds a unit for ranking tests: "code group total bonus deduction
// base c1 c2" (points as integers); c1/c2 are two contents of max 50.
func ru(spec string) scored {
	var code, group string
	var total, bonus, ded, base, c1, c2 int64
	fmt.Sscan(spec, &code, &group, &total, &bonus, &ded, &base, &c1, &c2)
	if group == "-" {
		group = ""
	}
	return scored{UnitResult: UnitResult{
		Code: code, Group: group,
		Total: Points(total * 100), Bonus: Points(bonus * 100), Deduction: Points(ded * 100), Base: Points(base * 100),
		Contents: []ContentScore{{Code: "1", Max: 5000, Score: Points(c1 * 100)}, {Code: "2", Max: 5000, Score: Points(c2 * 100)}},
	}}
}

func TestRank(t *testing.T) {
	tests := []struct {
		name  string
		keys  []string
		units []string
		want  string // "code:rank/grouprank ..." in result order
	}{
		{
			name:  "competition ranking 1 2 2 4",
			units: []string{"A g 90 0 0 90 45 45", "B g 95 0 0 95 45 50", "C g 90 0 0 90 40 50", "D g 80 0 0 80 40 40"},
			want:  "B:1/1 A:2/2 C:2/2 D:4/4",
		},
		{
			name:  "bonus breaks the tie",
			keys:  []string{"bonus"},
			units: []string{"A g 90 2 0 88 44 44", "C g 90 5 0 85 40 45", "B g 90 2 0 88 40 48"},
			want:  "C:1/1 A:2/2 B:2/2",
		},
		{
			name:  "then content 2",
			keys:  []string{"bonus", "content:2"},
			units: []string{"A g 90 2 0 88 44 44", "C g 90 5 0 85 40 45", "B g 90 2 0 88 40 48"},
			want:  "C:1/1 B:2/2 A:3/3",
		},
		{
			name:  "less deduction ranks higher",
			keys:  []string{"deduction"},
			units: []string{"A g 80 0 5 85 40 45", "B g 80 0 0 80 40 40", "C g 80 0 5 85 45 40"},
			want:  "B:1/1 A:2/2 C:2/2",
		},
		{
			name:  "base key",
			keys:  []string{"base"},
			units: []string{"A g 80 5 0 75 40 35", "B g 80 0 0 80 40 40"},
			want:  "B:1/1 A:2/2",
		},
		{
			name:  "unknown key ignored",
			keys:  []string{"content:9", "nonsense"},
			units: []string{"A g 80 5 0 75 40 35", "B g 80 0 0 80 40 40"},
			want:  "A:1/1 B:1/1",
		},
		{
			name:  "group ranks",
			units: []string{"A x 90 0 0 90 45 45", "B y 95 0 0 95 45 50", "C x 90 0 0 90 40 50", "D y 85 0 0 85 40 45", "E x 70 0 0 70 35 35", "F - 99 0 0 99 49 50"},
			want:  "F:1/0 B:2/1 A:3/1 C:3/1 D:5/2 E:6/3",
		},
		{
			name:  "group ties after a gap",
			units: []string{"A x 90 0 0 90 45 45", "B x 95 0 0 95 45 50", "C x 90 0 0 90 40 50", "D x 90 0 0 90 40 50", "E x 80 0 0 80 40 40"},
			want:  "B:1/1 A:2/2 C:2/2 D:2/2 E:5/5",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var list []scored
			for _, s := range tc.units {
				list = append(list, ru(s))
			}
			rank(&campaign.Campaign{TieBreak: tc.keys}, list)
			var got []string
			for _, u := range list {
				got = append(got, fmt.Sprintf("%s:%d/%d", u.Code, u.Rank, u.GroupRank))
			}
			if g := strings.Join(got, " "); g != tc.want {
				t.Errorf("got  %s\nwant %s", g, tc.want)
			}
		})
	}
}

// bandCampaign: A ≥ 90 (every content ≥ 80 %, quota 25 %), B ≥ 80, C ≥ 65,
// D ≥ 0.
func bandCampaign() *campaign.Campaign {
	return &campaign.Campaign{Bands: []campaign.Band{
		{Label: "A", Min: 9000, MinContentRatio: 0.8, Quota: 0.25},
		{Label: "B", Min: 8000},
		{Label: "C", Min: 6500},
		{Label: "D", Min: 0},
	}}
}

func TestClassify(t *testing.T) {
	type u struct {
		spec           string
		noTop, downOne bool
	}
	tests := []struct {
		name  string
		camp  func() *campaign.Campaign
		units []u
		want  string // "code:band[flags]" in rank order
	}{
		{
			name:  "by minimum",
			units: []u{{spec: "A - 95 0 0 95 45 50"}, {spec: "B - 85 0 0 85 40 45"}, {spec: "C - 70 0 0 70 35 35"}, {spec: "D - 10 0 0 10 5 5"}, {spec: "E - 80 0 0 80 40 40"}, {spec: "F - 65 0 0 65 30 35"}, {spec: "G - 64 0 0 64 30 34"}, {spec: "H - 0 0 0 0 0 0"}},
			want:  "A:A B:B E:B C:C F:C G:D D:D H:D",
		},
		{
			name:  "content ratio: exactly 80 % holds, below drops",
			units: []u{{spec: "A - 95 0 0 95 40 50"}, {spec: "B - 94 0 0 94 39 50"}, {spec: "C - 10 0 0 10 5 5"}, {spec: "D - 10 0 0 10 5 5"}, {spec: "E - 10 0 0 10 5 5"}, {spec: "F - 10 0 0 10 5 5"}, {spec: "G - 10 0 0 10 5 5"}, {spec: "H - 10 0 0 10 5 5"}},
			want:  "A:A B:B C:D D:D E:D F:D G:D H:D",
		},
		{
			name: "content ratio 0.85 in integers",
			camp: func() *campaign.Campaign {
				return &campaign.Campaign{Bands: []campaign.Band{{Label: "A", Min: 0, MinContentRatio: 0.85}, {Label: "B", Min: 0}}}
			},
			// 0.85 × 50 = 42.5: 42.5 holds (ru gives whole points, so 43 vs 42)
			units: []u{{spec: "A - 95 0 0 95 43 50"}, {spec: "B - 94 0 0 94 42 50"}},
			want:  "A:A B:B",
		},
		{
			name:  "no-top drops to the next band",
			units: []u{{spec: "A - 95 0 0 95 45 50", noTop: true}, {spec: "B - 92 0 0 92 45 47"}, {spec: "C - 85 0 0 85 40 45", noTop: true}, {spec: "D - 10 0 0 10 5 5"}},
			want:  "A:B[không xếp loại cao nhất] B:A C:B D:D",
		},
		{
			name:  "down-one, never below the lowest",
			units: []u{{spec: "A - 85 0 0 85 40 45", downOne: true}, {spec: "B - 70 0 0 70 35 35"}, {spec: "C - 40 0 0 40 20 20", downOne: true}, {spec: "D - 10 0 0 10 5 5"}},
			want:  "A:C[hạ một bậc] B:C C:D D:D",
		},
		{
			name:  "no-top and down-one together",
			units: []u{{spec: "A - 95 0 0 95 45 50", noTop: true, downOne: true}, {spec: "D - 10 0 0 10 5 5"}, {spec: "E - 10 0 0 10 5 5"}, {spec: "F - 10 0 0 10 5 5"}},
			want:  "A:C[không xếp loại cao nhất hạ một bậc] D:D E:D F:D",
		},
		{
			name: "quota: a tie group crossing the limit drops whole for the council",
			// 8 units, quota 25 % → 2 may hold A: A1 keeps it, the tie
			// B1/B2 would make 3 → both to B for the council; C (93)
			// follows them down without the flag.
			units: []u{{spec: "A1 - 95 0 0 95 45 50"}, {spec: "B1 - 94 0 0 94 45 49"}, {spec: "B2 - 94 0 0 94 45 49"}, {spec: "C - 93 0 0 93 45 48"}, {spec: "D - 85 0 0 85 40 45"}, {spec: "E - 70 0 0 70 35 35"}, {spec: "F - 60 0 0 60 30 30"}, {spec: "G - 50 0 0 50 25 25"}},
			want:  "A1:A B1:B[cần bình xét] B2:B[cần bình xét] C:B D:B E:C F:D G:D",
		},
		{
			name:  "quota: a tie group at the top larger than the limit",
			units: []u{{spec: "A1 - 95 0 0 95 45 50"}, {spec: "A2 - 95 0 0 95 45 50"}, {spec: "C - 92 0 0 92 45 47"}, {spec: "D - 80 0 0 80 40 40"}},
			want:  "A1:B[cần bình xét] A2:B[cần bình xét] C:B D:B",
		},
		{
			name:  "quota: filled exactly, the next unit moves down without the flag",
			units: []u{{spec: "A1 - 95 0 0 95 45 50"}, {spec: "A2 - 94 0 0 94 45 49"}, {spec: "C - 93 0 0 93 45 48"}, {spec: "D - 80 0 0 80 40 40"}, {spec: "E - 80 0 0 80 40 40"}, {spec: "F - 80 0 0 80 40 40"}, {spec: "G - 80 0 0 80 40 40"}, {spec: "H - 80 0 0 80 40 40"}},
			want:  "A1:A A2:A C:B D:B E:B F:B G:B H:B",
		},
		{
			name:  "quota: a tie group that fits exactly keeps the band",
			units: []u{{spec: "A1 - 95 0 0 95 45 50"}, {spec: "A2 - 95 0 0 95 45 50"}, {spec: "C - 93 0 0 93 45 48"}, {spec: "D - 80 0 0 80 40 40"}, {spec: "E - 80 0 0 80 40 40"}, {spec: "F - 80 0 0 80 40 40"}, {spec: "G - 80 0 0 80 40 40"}, {spec: "H - 80 0 0 80 40 40"}},
			want:  "A1:A A2:A C:B D:B E:B F:B G:B H:B",
		},
		{
			name: "quota chain: displaced units meet the next band's quota",
			camp: func() *campaign.Campaign {
				c := bandCampaign()
				c.Bands[1].Quota = 0.25
				return c
			},
			units: []u{{spec: "A - 95 0 0 95 45 50"}, {spec: "B - 94 0 0 94 45 49"}, {spec: "C - 93 0 0 93 45 48"}, {spec: "D - 92 0 0 92 45 47"}},
			want:  "A:A B:B C:C D:C",
		},
		{
			name: "quota on the lowest band is ignored",
			camp: func() *campaign.Campaign {
				return &campaign.Campaign{Bands: []campaign.Band{{Label: "A", Min: 9000}, {Label: "D", Min: 0, Quota: 0.1}}}
			},
			units: []u{{spec: "A - 50 0 0 50 25 25"}, {spec: "B - 40 0 0 40 20 20"}},
			want:  "A:D B:D",
		},
		{
			name: "below every band: no band",
			camp: func() *campaign.Campaign {
				return &campaign.Campaign{Bands: []campaign.Band{{Label: "A", Min: 9000}, {Label: "D", Min: 5000}}}
			},
			units: []u{{spec: "A - 95 0 0 95 45 50"}, {spec: "B - 40 0 0 40 20 20", downOne: true}},
			want:  "A:A B:",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := bandCampaign()
			if tc.camp != nil {
				c = tc.camp()
			}
			var list []scored
			for _, x := range tc.units {
				s := ru(x.spec)
				s.noTop, s.downOne = x.noTop, x.downOne
				list = append(list, s)
			}
			rank(c, list)
			classify(c, list)
			var got []string
			for _, u := range list {
				s := u.Code + ":" + u.Band
				if len(u.Flags) > 0 {
					s += "[" + strings.Join(u.Flags, " ") + "]"
				}
				got = append(got, s)
			}
			if g := strings.Join(got, " "); g != tc.want {
				t.Errorf("got  %s\nwant %s", g, tc.want)
			}
		})
	}
}

func TestRatioUnits(t *testing.T) {
	for _, tc := range []struct {
		in   float64
		want int64
	}{{0, 0}, {-1, 0}, {0.8, 8000}, {0.85, 8500}, {0.7, 7000}, {0.125, 1250}, {1, 10000}, {2, 10000}} {
		if got := ratioUnits(tc.in); got != tc.want {
			t.Errorf("ratioUnits(%v) = %d, want %d", tc.in, got, tc.want)
		}
	}
	// floor(0.25 × 7) = 1, floor(0.3 × 10) = 3 (0.3 × 10 in floats is
	// 3.0000000000000004; in integers it is exactly 3).
	if got := ratioUnits(0.25) * 7 / ratioScale; got != 1 {
		t.Errorf("quota 0.25 of 7 = %d", got)
	}
	if got := ratioUnits(0.3) * 10 / ratioScale; got != 3 {
		t.Errorf("quota 0.3 of 10 = %d", got)
	}
}
