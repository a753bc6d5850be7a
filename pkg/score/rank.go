package score

import (
	"math"
	"sort"
	"strings"

	"github.com/thidua/thidua/pkg/campaign"
)

// scored is a unit on its way into the result, with the sanctions its
// deductions carry.
type scored struct {
	UnitResult
	noTop, downOne bool
	maxBand        int  // 1 + index of the best band a max-band sanction allows; 0: none
	exclude        bool // an exclude sanction: not classified
}

// setSanctions records the sanctions s on the unit.
func (u *scored) setSanctions(s sanctionSet) {
	u.noTop, u.downOne, u.maxBand, u.exclude = s.noTop, s.downOne, s.maxBand, s.exclude
}

// compare orders two units for ranking: negative when a ranks above b,
// zero when they are equal on the total and every tie-break key. Keys:
// "bonus", "base", "content:<code>" (more ranks higher) and "deduction"
// (less ranks higher: a unit that lost fewer points is ahead). Unknown keys
// are ignored (`thidua campaign check` reports them).
func compare(keys []string, a, b *UnitResult) int {
	if c := cmpDesc(a.Total, b.Total); c != 0 {
		return c
	}
	for _, k := range keys {
		var c int
		switch k {
		case "bonus":
			c = cmpDesc(a.Bonus, b.Bonus)
		case "base":
			c = cmpDesc(a.Base, b.Base)
		case "deduction":
			c = -cmpDesc(a.Deduction, b.Deduction)
		default:
			if code, ok := strings.CutPrefix(k, "content:"); ok {
				c = cmpDesc(contentScore(a, code), contentScore(b, code))
			}
		}
		if c != 0 {
			return c
		}
	}
	return 0
}

func cmpDesc(a, b Points) int {
	switch {
	case a > b:
		return -1
	case a < b:
		return 1
	}
	return 0
}

func contentScore(u *UnitResult, code string) Points {
	k := campaign.NormCode(code)
	for _, c := range u.Contents {
		if campaign.NormCode(c.Code) == k {
			return c.Score
		}
	}
	return 0
}

// rank sorts list by rank then code and sets Rank (competition ranking:
// 1, 2, 2, 4) and GroupRank (the same within each non-empty roster group;
// 0 for a unit without a group).
func rank(c *campaign.Campaign, list []scored) {
	keys := c.TieBreak
	sort.SliceStable(list, func(i, j int) bool {
		if x := compare(keys, &list[i].UnitResult, &list[j].UnitResult); x != 0 {
			return x < 0
		}
		return list[i].Code < list[j].Code
	})
	for i := range list {
		if i > 0 && compare(keys, &list[i-1].UnitResult, &list[i].UnitResult) == 0 {
			list[i].Rank = list[i-1].Rank
		} else {
			list[i].Rank = i + 1
		}
	}
	type groupState struct {
		n    int
		last int // index in list of the group's previous unit
	}
	groups := map[string]*groupState{}
	for i := range list {
		g := list[i].Group
		if g == "" {
			list[i].GroupRank = 0
			continue
		}
		st := groups[g]
		if st == nil {
			st = &groupState{}
			groups[g] = st
		}
		st.n++
		if st.n > 1 && compare(keys, &list[st.last].UnitResult, &list[i].UnitResult) == 0 {
			list[i].GroupRank = list[st.last].GroupRank
		} else {
			list[i].GroupRank = st.n
		}
		st.last = i
	}
}

// ratioScale is the precision ratios and quotas of the configuration are
// read to: 1/10 000 (so 0.8 is 8 000 and 0.125 is 1 250). They are turned
// into integers once, and every comparison is then done in integers.
const ratioScale = 10000

func ratioUnits(x float64) int64 {
	if !(x > 0) { // also NaN
		return 0
	}
	if x > 1 {
		x = 1
	}
	return int64(math.Round(x * ratioScale))
}

// contentsReach reports whether every content that applies to the unit
// holds at least ratio (in 1/10 000) of its applicable maximum: score ×
// 10 000 ≥ ratio × max. Contents that do not apply (applies_to, KAD) and
// contents of maximum 0 (pure deductions) are not looked at.
func contentsReach(u *UnitResult, ratio int64) bool {
	if ratio <= 0 {
		return true
	}
	for _, c := range u.Contents {
		if c.NotApplicable {
			continue
		}
		mx := c.MaxApplicable
		if mx == 0 {
			mx = c.Max // a result built without applicable maxima
		}
		if mx <= 0 {
			continue
		}
		if int64(c.Score)*ratioScale < ratio*int64(mx) {
			return false
		}
	}
	return true
}

// eligible returns the index of the highest band from `from` on whose
// minimum the unit reaches and whose content ratio every content meets;
// len(bands) when there is none.
func eligible(bands []campaign.Band, u *UnitResult, from int) int {
	for i := from; i < len(bands); i++ {
		b := bands[i]
		if u.Total >= b.Min && contentsReach(u, ratioUnits(b.MinContentRatio)) {
			return i
		}
	}
	return len(bands)
}

// classify sets Band on every unit of list (sorted by rank) and adds the
// sanction and council flags (docs/scoring.md#bands):
//
//   - the band is the highest one the total and the contents reach;
//   - no-top: a unit that would hold the highest band takes the next band
//     it is eligible for (flagged only when this changed its band);
//   - down-one: one band lower than it would otherwise hold, never below
//     the lowest band (applied after no-top, so both together move a unit
//     down two bands; flagged only when it moved the unit);
//   - max-band:<label>: at best that band (the highest band from it down
//     that the unit is eligible for), flagged only when this lowered it;
//   - exclude: not classified: no band, flagged "không xét"; the unit
//     keeps its rank and takes no place in a quota;
//   - without bands (rank only) no unit has a band;
//   - quota q on a band: at most floor(q × number of classified units)
//     hold it, taken in rank order. A tie group (equal rank) that does not fit whole drops
//     to the next band, and so does every unit ranked below it; when part
//     of that tie group would have fitted, each unit in it is flagged "cần
//     bình xét" for the council to decide. Units moved down meet the next
//     band's own quota. A quota on the lowest band is ignored (there is no
//     band to move to).
func classify(c *campaign.Campaign, list []scored) {
	bands := c.Bands
	nb := len(bands)
	idx := make([]int, len(list))
	for i := range list {
		u := &list[i]
		b := eligible(bands, &u.UnitResult, 0)
		if b == 0 && u.noTop && nb > 0 {
			b = eligible(bands, &u.UnitResult, 1)
			u.Flags = append(u.Flags, FlagNoTop)
		}
		if u.downOne && b < nb-1 {
			b++
			u.Flags = append(u.Flags, FlagDownOne)
		}
		if u.maxBand > 0 && b < u.maxBand-1 && nb > 0 {
			b = eligible(bands, &u.UnitResult, u.maxBand-1)
			u.Flags = append(u.Flags, FlagMaxBand)
		}
		if u.exclude {
			b = nb
			u.Excluded = true
			u.Flags = append(u.Flags, FlagExcluded)
		}
		idx[i] = b
	}
	classified := 0
	for i := range list {
		if !list[i].exclude {
			classified++
		}
	}
	n := int64(classified)
	for bi := 0; bi < nb-1; bi++ {
		q := ratioUnits(bands[bi].Quota)
		if q <= 0 {
			continue
		}
		limit := q * n / ratioScale
		var members []int
		for i := range list {
			if idx[i] == bi {
				members = append(members, i)
			}
		}
		kept := int64(0)
		displacing := false
		for j := 0; j < len(members); {
			k := j + 1
			for k < len(members) && list[members[k]].Rank == list[members[j]].Rank {
				k++
			}
			size := int64(k - j)
			if !displacing && kept+size <= limit {
				kept += size
			} else {
				council := !displacing && kept < limit
				displacing = true
				for _, m := range members[j:k] {
					idx[m] = bi + 1
					if council {
						list[m].Flags = append(list[m].Flags, FlagCouncil)
					}
				}
			}
			j = k
		}
	}
	for i := range list {
		list[i].Band = ""
		if idx[i] < nb {
			list[i].Band = bands[idx[i]].Label
		}
	}
}
