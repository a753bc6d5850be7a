package report

import (
	"strings"

	"github.com/thidua/thidua/pkg/campaign"
)

// Decimals is the number of decimals a column of scores shows in a
// document's table: as many as its most precise figure needs (0, 1 or 2),
// so that every figure down the column has the same and the commas line
// up — "94,00" beside "99,25", "8,5" beside "10,0", and whole numbers
// ("8", "0") in a column that has nothing else.
func Decimals(ps []campaign.Points) int {
	dec := 0
	for _, p := range ps {
		switch {
		case p%10 != 0:
			return 2
		case p%100 != 0:
			dec = 1
		}
	}
	return dec
}

// FixedVI writes p with a decimal comma and exactly dec decimals (0 to
// 2; see Decimals): FixedVI(9400, 2) = "94,00", FixedVI(850, 1) = "8,5",
// FixedVI(-125, 2) = "-1,25". A figure with more decimals than dec is
// written with all it has, never rounded.
func FixedVI(p campaign.Points, dec int) string {
	s := p.VI()
	have := 0
	if i := strings.IndexByte(s, ','); i >= 0 {
		have = len(s) - i - 1
	}
	if have >= dec {
		return s
	}
	if have == 0 {
		s += ","
	}
	return s + strings.Repeat("0", dec-have)
}
