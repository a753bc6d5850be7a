package report

import (
	"fmt"
	"strings"
	"testing"

	"github.com/thidua/thidua/internal/reporttest"
)

func TestRankingGroups(t *testing.T) {
	r := reporttest.Result()
	show := func(gs []RankingGroup) string {
		var s []string
		for _, g := range gs {
			s = append(s, fmt.Sprintf("%s%v", g.Heading, g.Rows))
		}
		return strings.Join(s, "; ")
	}
	// Roster order of the groups; a roster group with no unit scored is
	// left out; the unit with no group comes last.
	got := show(RankingGroups(r, []string{"Khối đoàn thể", "Khối trống", "Khối phòng chuyên môn", "Khối đơn vị sự nghiệp"}, nil))
	want := "Khối đoàn thể[5]; Khối phòng chuyên môn[0 1 2]; Khối đơn vị sự nghiệp[3]; " + NoGroupHeading + "[4]"
	if got != want {
		t.Errorf("groups = %q, want %q", got, want)
	}
	// Without a roster order: the order each group's first unit is ranked.
	got = show(RankingGroups(r, nil, nil))
	want = "Khối phòng chuyên môn[0 1 2]; Khối đơn vị sự nghiệp[3]; Khối đoàn thể[5]; " + NoGroupHeading + "[4]"
	if got != want {
		t.Errorf("groups = %q, want %q", got, want)
	}
	// Group-rank order within a group, whatever the overall order.
	r.Units[0].GroupRank, r.Units[2].GroupRank = 3, 1
	if got := show(RankingGroups(r, nil, nil)[:1]); got != "Khối phòng chuyên môn[2 1 0]" {
		t.Errorf("group-rank order: %q", got)
	}

	cols := RankingColumnsByGroup(r, nil)
	if h := heads(cols); strings.Contains(h, headGroup) || !strings.Contains(h, HeadGroupRank) {
		t.Errorf("by-group heads = %q", h)
	}
	sub := (&Table{Cols: cols, Size: 9, Pad: 1}).Subset([]int{2, 1})
	if sub.Rows() != 2 || sub.Cols[0].Cells[0] != "1" || sub.Cols[0].Cells[1] != "2" || sub.Cols[1].Cells[0] != r.Units[2].Name || sub.Size != 9 {
		t.Errorf("subset = %+v", sub.Cols[:2])
	}
	if (Meta{Annex: AnnexByGroup}).ByGroup(r) != true || (Meta{}).ByGroup(r) {
		t.Error("ByGroup follows Annex")
	}
	for i := range r.Units {
		r.Units[i].Group = ""
	}
	if (Meta{Annex: AnnexByGroup}).ByGroup(r) {
		t.Error("ByGroup without groups")
	}
}
