package report

import (
	"testing"

	"github.com/thidua/thidua/pkg/campaign"
)

func TestDecimals(t *testing.T) {
	for _, tc := range []struct {
		in   []campaign.Points
		want int
	}{
		{nil, 0},
		{[]campaign.Points{800, 0, 10000}, 0},
		{[]campaign.Points{850, 1000}, 1},
		{[]campaign.Points{9400, 9925}, 2},
		{[]campaign.Points{-125, 300}, 2},
		{[]campaign.Points{-150, 300}, 1},
	} {
		if got := Decimals(tc.in); got != tc.want {
			t.Errorf("Decimals(%v) = %d, want %d", tc.in, got, tc.want)
		}
	}
}

func TestFixedVI(t *testing.T) {
	for _, tc := range []struct {
		p    campaign.Points
		dec  int
		want string
	}{
		{9400, 2, "94,00"}, {9925, 2, "99,25"}, {850, 2, "8,50"}, {850, 1, "8,5"}, {1000, 1, "10,0"},
		{800, 0, "8"}, {0, 2, "0,00"}, {-125, 2, "-1,25"}, {-100, 1, "-1,0"}, {925, 1, "9,25"}, {10350, 0, "103,5"},
	} {
		if got := FixedVI(tc.p, tc.dec); got != tc.want {
			t.Errorf("FixedVI(%d, %d) = %q, want %q", tc.p, tc.dec, got, tc.want)
		}
	}
}
