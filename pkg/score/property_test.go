package score

import (
	"fmt"
	"math/rand"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/thidua/thidua/pkg/campaign"
	"github.com/thidua/thidua/pkg/submission"
	"github.com/thidua/thidua/pkg/vntext"
)

// randomInputs makes n forms for c with random self and review scores —
// blank, in range, negative or above the maximum — random dates, units on
// and off the roster, repeated units and a few skipped and rejected files.
func randomInputs(rng *rand.Rand, c *campaign.Campaign, roster []Unit, n int) []submission.Input {
	q3 := vntext.Period{Year: 2026, Kind: vntext.Quarter, N: 3}
	score := func(max Points, kind campaign.Kind) submission.Score {
		switch rng.Intn(10) {
		case 0:
			return submission.Score{}
		case 1:
			return submission.Score{Set: true, Points: -Points(rng.Intn(int(max) + 1))}
		case 2:
			return submission.Score{Set: true, Points: max + Points(rng.Intn(1000))}
		}
		// in range, on quarter points
		return submission.Score{Set: true, Points: Points(rng.Intn(int(max)/25+1) * 25)}
	}
	var ins []submission.Input
	for i := 0; i < n; i++ {
		path := fmt.Sprintf("f%04d.xlsx", i)
		switch rng.Intn(20) {
		case 0:
			ins = append(ins, submission.Input{Path: path})
			continue
		}
		s := &submission.Submission{Path: path, Period: q3, Sheet: "Chấm điểm",
			Date: time.Date(2026, 10, 1+rng.Intn(15), 0, 0, 0, 0, time.UTC)}
		if rng.Intn(10) == 0 {
			s.UnitCode = fmt.Sprintf("X%d", rng.Intn(5))
			s.Unit = "Đơn vị ngoài " + s.UnitCode
		} else {
			u := roster[rng.Intn(len(roster))]
			s.UnitCode = u.Code
		}
		if rng.Intn(15) == 0 {
			s.Period = vntext.Period{Year: 2026, Kind: vntext.Quarter, N: 2}
		}
		for _, r := range c.Rows() {
			ln := submission.Line{Code: r.Code}
			if r.Leaf {
				ln.Self = score(r.Max, r.Kind)
				if rng.Intn(3) == 0 {
					ln.Review = score(r.Max, r.Kind)
				}
			}
			s.Lines = append(s.Lines, ln)
		}
		if rng.Intn(25) == 0 {
			s.Diags = append(s.Diags, mkErr())
		}
		ins = append(ins, submission.Input{Path: path, Submission: s})
	}
	return ins
}

func TestPropertyTotalsAndRanks(t *testing.T) {
	def, roster := loadDefault(t)
	camps := []*campaign.Campaign{def, smallCampaign(2000), smallCampaign(1500)}
	rng := rand.New(rand.NewSource(20260928))
	for iter := 0; iter < 300; iter++ {
		c := camps[iter%len(camps)]
		rs := roster
		if c != def {
			rs = []Unit{{Code: "VP", Name: "Văn phòng Sở", Group: "g1"}, {Code: "TTr", Name: "Thanh tra", Group: "g2"}, {Code: "KHTC", Name: "Kế hoạch", Group: "g1"}}
		}
		ins := randomInputs(rng, c, rs, 1+rng.Intn(40))
		r := Run(ins, Options{Campaign: c, Roster: rs, DeadlineDays: 5})
		checkInvariants(t, r, len(ins))
		// The result does not depend on the order the files were found in.
		shuffled := slices.Clone(ins)
		rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		if r2 := Run(shuffled, Options{Campaign: c, Roster: rs, DeadlineDays: 5}); !reflect.DeepEqual(r, r2) {
			t.Fatalf("iteration %d: the result depends on the input order", iter)
		}
		tb := newTable(c)
		for _, u := range r.Units {
			if u.Total < 0 || u.Total > c.Scale+c.Bonus.Cap {
				t.Fatalf("iteration %d: %s total %v outside 0…%v", iter, u.Code, u.Total, c.Scale+c.Bonus.Cap)
			}
			if u.Bonus < 0 || u.Bonus > tb.bonusCap || u.Deduction < 0 || u.Deduction > tb.dedCap {
				t.Fatalf("iteration %d: %s bonus %v deduction %v", iter, u.Code, u.Bonus, u.Deduction)
			}
			var base Points
			for _, ct := range u.Contents {
				if ct.Score < 0 || ct.Score > ct.Max || ct.Self < 0 || ct.Self > ct.Max {
					t.Fatalf("iteration %d: %s content %+v", iter, u.Code, ct)
				}
				base += ct.Score
			}
			if base != u.Base {
				t.Fatalf("iteration %d: %s base %v, contents add up to %v", iter, u.Code, u.Base, base)
			}
			if u.GroupRank > u.Rank {
				t.Fatalf("iteration %d: %s group rank %d above rank %d", iter, u.Code, u.GroupRank, u.Rank)
			}
		}
		for i := range r.Units {
			for j := range r.Units {
				a, b := &r.Units[i], &r.Units[j]
				if a.Total > b.Total && a.Rank >= b.Rank {
					t.Fatalf("iteration %d: %s (%v) ranks %d, %s (%v) ranks %d", iter, a.Code, a.Total, a.Rank, b.Code, b.Total, b.Rank)
				}
				if (compare(c.TieBreak, a, b) == 0) != (a.Rank == b.Rank) {
					t.Fatalf("iteration %d: %s and %s equal on every key but ranked %d and %d", iter, a.Code, b.Code, a.Rank, b.Rank)
				}
			}
		}
		// Quotas hold.
		for _, band := range c.Bands[:len(c.Bands)-1] {
			if band.Quota <= 0 {
				continue
			}
			n := 0
			for _, u := range r.Units {
				if u.Band == band.Label {
					n++
				}
			}
			if limit := ratioUnits(band.Quota) * int64(len(r.Units)) / ratioScale; int64(n) > limit {
				t.Fatalf("iteration %d: %d units hold %s, quota %d", iter, n, band.Label, limit)
			}
		}
		// Rollup of the result with itself as two quarters keeps totals.
		r.Period = vntext.Period{Year: 2026, Kind: vntext.Quarter, N: 3}
		r2 := *r
		r2.Period = vntext.Period{Year: 2026, Kind: vntext.Quarter, N: 4}
		h := Rollup(vntext.Period{Year: 2026, Kind: vntext.Half, N: 2}, []*Result{r, &r2}, Options{Campaign: c, Roster: rs})
		if len(h.Units) != len(r.Units) {
			t.Fatalf("iteration %d: rollup has %d units, quarter %d", iter, len(h.Units), len(r.Units))
		}
		for _, u := range h.Units {
			if q := unit(t, r, u.Code); q.Total != u.Total || q.Rank != u.Rank {
				t.Fatalf("iteration %d: %s rolled up to %v rank %d from %v rank %d", iter, u.Code, u.Total, u.Rank, q.Total, q.Rank)
			}
		}
	}
}

func BenchmarkRun(b *testing.B) {
	c, _ := loadDefault(b)
	var roster []Unit
	for i := 0; i < 1000; i++ {
		roster = append(roster, Unit{Code: fmt.Sprintf("U%04d", i), Name: fmt.Sprintf("Đơn vị số %d", i), Group: fmt.Sprintf("Khối %d", i%7)})
	}
	rng := rand.New(rand.NewSource(1))
	var ins []submission.Input
	for i, u := range roster {
		in := mkForm(b, c, fmt.Sprintf("forms/u%04d.xlsx", i), u.Code, u.Name)
		for j := range in.Submission.Lines {
			ln := &in.Submission.Lines[j]
			if ln.Self.Set && ln.Self.Points > 0 {
				ln.Self.Points = Points(rng.Intn(int(ln.Self.Points)/25+1) * 25)
			}
		}
		ins = append(ins, in)
	}
	opts := Options{Campaign: c, Roster: roster, DeadlineDays: 5}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		r := Run(ins, opts)
		if len(r.Units) != 1000 {
			b.Fatalf("%d units", len(r.Units))
		}
	}
}
