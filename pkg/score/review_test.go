package score

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/thidua/thidua/pkg/diag"
	"github.com/thidua/thidua/pkg/submission"
	"github.com/thidua/thidua/pkg/vntext"
)

func TestReviewOverrides(t *testing.T) {
	c, roster := loadDefault(t)
	ins := []submission.Input{
		mkForm(t, c, "vp.xlsx", "VP", "", rows("1.2=8/7")),
		mkForm(t, c, "ttr.xlsx", "TTr", "", rows("1.2=8")),
		mkForm(t, c, "khtc.xlsx", "KHTC", "", rows("1.3=4/3")),
	}
	ov := func(unit, code, v string, row int) ReviewOverride {
		return ReviewOverride{UnitCode: unit, Code: code, Points: pts(t, v), Cell: fmt.Sprintf("Thẩm định!G%d", row), File: "tong-hop.xlsx"}
	}
	review := []ReviewOverride{
		withReason(ov("VP", "1.2", "6", 2), "thiếu minh chứng"), // 7 → 6, with the council's reason
		ov("ttr", "1.2.", "5", 3),                               // 8 (self) → 5 (unit code and row code folded)
		ov("KHTC", "1.3", "3", 4),                               // same as the form: no change
		ov("XX", "1.2", "1", 5),                                 // unknown unit
		ov("QLVT", "1.2", "1", 6),                               // roster unit without a form
		ov("VP", "9.9", "1", 7),                                 // unknown row
		ov("VP", "1.1", "1", 8),                                 // parent row
		ov("VP", "2.1", "9", 9),                                 // above its max (8): error, ignored
		ov("VP", "2.1", "-1", 10),                               // below 0: error, ignored
		ov("VP", "D1", "-2", 11),                                // deduction written negative: 2
		ov("VP", "2.2", "7", 12),                                // given twice: the last counts
		ov("VP", "2.2", "6,5", 13),                              //
		ov("KHTC", "1.1.a", "4", 14),                            // equal to self, but no review before: a change (4 → 4, confirmed)
	}
	r := Run(ins, Options{Campaign: c, Roster: roster, DeadlineDays: 5, Review: review})
	checkInvariants(t, r, len(ins))

	var got []string
	for _, ch := range r.Changes {
		old := "—"
		if ch.OldSet {
			old = ch.Old.VI()
		}
		got = append(got, strings.TrimSpace(fmt.Sprintf("%s %s %s→%s %s %s", ch.UnitCode, ch.Code, old, ch.New.VI(), ch.Cell, ch.Reason)))
	}
	want := []string{
		"KHTC 1.1.a 4→4 Thẩm định!G14",
		"TTr 1.2 8→5 Thẩm định!G3",
		"VP 1.2 7→6 Thẩm định!G2 thiếu minh chứng",
		"VP 2.2 8→6,5 Thẩm định!G13",
		"VP D1 0→2 Thẩm định!G11",
	}
	if !slices.Equal(got, want) {
		t.Errorf("changes\n got %q\nwant %q", got, want)
	}

	// VP: 100 − 2 (1.2) − 1.5 (2.2) − 2 (D1) = 94.5.
	for code, w := range map[string]string{"VP": "94,5", "TTr": "97", "KHTC": "99"} {
		u := unit(t, r, code)
		if u.Total != pts(t, w) || !u.Reviewed {
			t.Errorf("%s: total %v reviewed %v, want %s", code, u.Total, u.Reviewed, w)
		}
	}
	vp := unit(t, r, "VP")
	if row := vp.Rows[slices.IndexFunc(vp.Rows, func(r RowScore) bool { return r.Code == "1.2" })]; row.ReviewCell != "Thẩm định!G2" || row.Review != 600 || row.Self != 800 || row.ReviewNote != "thiếu minh chứng" {
		t.Errorf("VP 1.2 row %+v", row)
	}

	wantDiags := map[string]int{"TD401": 5, "TD402": 2, "TD403": 1, "TD404": 1, "TD405": 2, "TD406": 1}
	gotDiags := map[string]int{}
	for _, d := range r.Diags {
		if d.Code == "TD309" {
			continue
		}
		gotDiags[d.Code]++
		if d.File != "tong-hop.xlsx" || d.Sheet != "Thẩm định" || d.Cell == "" {
			t.Errorf("%s at %q", d.Code, d.Position())
		}
		if d.Code == "TD405" && d.Severity != diag.Error {
			t.Errorf("TD405 severity %v", d.Severity)
		}
	}
	if fmt.Sprint(gotDiags) != fmt.Sprint(wantDiags) {
		t.Errorf("run diagnostics %v, want %v", gotDiags, wantDiags)
	}
	note, _ := hasCode(r.Diags, "TD401")
	if m := note.Message("vi"); m != "thẩm định: đơn vị KHTC, tiêu chí 1.1.a: 4 → 4" {
		t.Errorf("note %q", m)
	}
	for _, d := range r.Diags {
		if d.Code == "TD401" && d.Cell == "G2" {
			if m := d.Message("vi"); m != "thẩm định: đơn vị VP, tiêu chí 1.2: 7 → 6 — thiếu minh chứng" {
				t.Errorf("note with reason %q", m)
			}
		}
	}
}

func withReason(o ReviewOverride, reason string) ReviewOverride {
	o.Reason = reason
	return o
}

// TestReviewOfAnotherPeriod: an override made for another period than the
// one scored is left alone (a roll-up applies each review to its quarter).
func TestReviewOfAnotherPeriod(t *testing.T) {
	c, roster := loadDefault(t)
	ins := []submission.Input{mkForm(t, c, "vp.xlsx", "VP", "", rows("1.2=8"))}
	q2, q3 := vntext.Period{Kind: vntext.Quarter, Year: 2026, N: 2}, vntext.Period{Kind: vntext.Quarter, Year: 2026, N: 3}
	review := []ReviewOverride{
		{UnitCode: "VP", Code: "1.2", Points: 500, Period: q2, Cell: "Thẩm định!G2"},
		{UnitCode: "VP", Code: "2.1", Points: 100, Period: q3, Cell: "Thẩm định!G3"},
	}
	r := Run(ins, Options{Campaign: c, Roster: roster, Period: q3, Review: review})
	if len(r.Changes) != 1 || r.Changes[0].Code != "2.1" {
		t.Errorf("changes %+v, want only the Q3 review's 2.1", r.Changes)
	}
}

func TestReviewOfOffRosterUnit(t *testing.T) {
	c, roster := loadDefault(t)
	in := mkForm(t, c, "x.xlsx", "", "Phòng Tổ chức cán bộ")
	r := Run([]submission.Input{in}, Options{Campaign: c, Roster: roster, DeadlineDays: 5,
		Review: []ReviewOverride{{UnitCode: "PTCCB", Code: "6.2", Points: 0, Cell: "G2"}}})
	if u := unit(t, r, "PTCCB"); u.Total != 9300 {
		t.Errorf("total %v", u.Total)
	}
	if len(r.Changes) != 1 || r.Changes[0].UnitName != "Phòng Tổ chức cán bộ" {
		t.Errorf("changes %+v", r.Changes)
	}
}
