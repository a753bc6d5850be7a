// Package reporttest builds small, hand-made scoring results for the tests of
// the output writers (JSON, CSV, workbook, PDF). The results are made
// consistent by a tiny calculator here (leaf = review else self, parents
// are sums, capped bonus and deductions, clamped total), not by
// pkg/score, so that the writers can be tested on their own. They hold
// the cases outputs must handle: a tie, flags, a late unit, a unit not on
// the roster whose name looks like a formula, missing units, rejected,
// skipped and duplicate files, run-level diagnostics and a council review
// change.
package reporttest

import (
	"fmt"
	"time"

	"github.com/thidua/thidua/pkg/campaign"
	"github.com/thidua/thidua/pkg/diag"
	"github.com/thidua/thidua/pkg/score"
	"github.com/thidua/thidua/pkg/submission"
	"github.com/thidua/thidua/pkg/vntext"
)

// Campaign returns a small criteria table: two contents (20 + 80, one of
// them three levels deep), two bonus items (cap 10) and two deduction
// items (cap 20, D2 with the no-top sanction), and five bands.
func Campaign() *campaign.Campaign {
	return &campaign.Campaign{
		Code:  "covid19-2021",
		Name:  "Cả nước đoàn kết, chung sức, đồng lòng thi đua phòng, chống và chiến thắng đại dịch Covid-19",
		Scale: 10000,
		Contents: []*campaign.Node{
			{Code: "1", Title: "Thực hiện chủ trương, chỉ đạo về phòng, chống dịch", Max: 2000, Criteria: []*campaign.Node{
				{Code: "1.1", Title: "Ban hành kế hoạch, văn bản chỉ đạo", Max: 800, Criteria: []*campaign.Node{
					{Code: "1.1.a", Title: "Ban hành kế hoạch đúng thời hạn", Max: 400},
					{Code: "1.1.b", Title: "Phổ biến, quán triệt đến 100% CCVC", Max: 400},
				}},
				{Code: "1.2", Title: "Thực hiện nghiêm các biện pháp phòng, chống dịch", Max: 1200},
			}},
			{Code: "2", Title: "Sáng kiến, giải pháp; hiệu quả công tác", Max: 8000, Criteria: []*campaign.Node{
				{Code: "2.1", Title: "Có sáng kiến, giải pháp được công nhận", Max: 5000},
				{Code: "2.2", Title: "Hoàn thành nhiệm vụ đúng tiến độ", Max: 3000},
			}},
		},
		Bonus: campaign.Group{Cap: 1000, Items: []campaign.Item{
			{Code: "T1", Title: "Được khen thưởng cấp tỉnh trở lên", Max: 500},
			{Code: "T2", Title: "Mô hình hay được nhân rộng", Max: 500},
		}},
		Deductions: campaign.Group{Cap: 2000, Items: []campaign.Item{
			{Code: "D1", Title: "Chậm gửi báo cáo", Max: 500},
			{Code: "D2", Title: "Để xảy ra vi phạm kỷ luật", Max: 500, Sanction: campaign.NoTop},
		}},
		Bands: []campaign.Band{
			{Label: "Xuất sắc", Min: 9000, MinContentRatio: 0.8, Quota: 0.25},
			{Label: "Tốt", Min: 8000},
			{Label: "Khá", Min: 6500},
			{Label: "Trung bình", Min: 5000},
			{Label: "Yếu", Min: 0},
		},
		TieBreak: []string{"bonus", "content:2"},
	}
}

// Leaf is one leaf score of a unit: self, and review when ReviewSet.
type Leaf struct {
	Self, Review campaign.Points
	ReviewSet    bool
}

// Unit computes a consistent UnitResult from leaf scores keyed by row code
// (leaves not given score 0, not set). Rank, group rank, band and flags
// are left for the caller.
func Unit(c *campaign.Campaign, code, name, group, file string, leaves map[string]Leaf) score.UnitResult {
	u := score.UnitResult{Code: code, Name: name, Group: group, File: file, Sheet: "Chấm điểm", OnRoster: true}
	rows := c.Rows()
	final := map[string]campaign.Points{}
	self := map[string]campaign.Points{}
	// Children come after their parent: walk backwards to sum upwards.
	for i := len(rows) - 1; i >= 0; i-- {
		r := rows[i]
		if r.Leaf {
			l, ok := leaves[r.Code]
			self[r.Code] = l.Self
			final[r.Code] = l.Self
			if ok && l.ReviewSet {
				final[r.Code] = l.Review
			}
			continue
		}
		var sf, ss campaign.Points
		for _, ch := range r.Children {
			sf += final[ch]
			ss += self[ch]
		}
		final[r.Code], self[r.Code] = min(sf, r.Max), min(ss, r.Max)
	}
	excelRow := 8
	for _, r := range rows {
		l, ok := leaves[r.Code]
		rs := score.RowScore{Code: r.Code, Title: r.Title, Kind: r.Kind, Depth: r.Depth, Leaf: r.Leaf, Max: r.Max,
			Self: self[r.Code], SelfSet: !r.Leaf || ok, Final: final[r.Code]}
		if r.Leaf {
			rs.SelfCell = fmt.Sprintf("D%d", excelRow)
			rs.ReviewCell = fmt.Sprintf("E%d", excelRow)
			if ok && l.ReviewSet {
				rs.Review, rs.ReviewSet = l.Review, true
				u.Reviewed = true
			}
		}
		excelRow++
		u.Rows = append(u.Rows, rs)
		switch r.Kind {
		case campaign.KindContent:
			u.Contents = append(u.Contents, score.ContentScore{Code: r.Code, Title: r.Title, Max: r.Max, Self: self[r.Code], Score: final[r.Code]})
			u.Base += final[r.Code]
		case campaign.KindBonus:
			u.Bonus += final[r.Code]
		case campaign.KindDeduction:
			u.Deduction += final[r.Code]
		}
	}
	u.Bonus = min(u.Bonus, c.Bonus.Cap)
	u.Deduction = min(u.Deduction, c.Deductions.Cap)
	u.Total = max(0, min(u.Base+u.Bonus-u.Deduction, c.MaxTotal()))
	return u
}

func full(self map[string]campaign.Points) map[string]Leaf {
	m := map[string]Leaf{}
	for k, v := range self {
		m[k] = Leaf{Self: v}
	}
	return m
}

// Result returns a quarterly result (Quý III năm 2026) with six scored
// units (two tied on rank 2), one unit not on the roster named like a
// formula, two missing units, a rejected, a skipped and a duplicate file,
// a run-level warning and one council review change.
func Result() *score.Result {
	c := Campaign()
	p := vntext.Period{Year: 2026, Kind: vntext.Quarter, N: 3}
	vp := map[string]Leaf{"1.1.a": {Self: 400}, "1.1.b": {Self: 400}, "1.2": {Self: 1150}, "2.1": {Self: 4800, Review: 4500, ReviewSet: true}, "2.2": {Self: 2900}, "T1": {Self: 500}, "T2": {Self: 300}, "D1": {Self: 0}, "D2": {Self: 0}}
	units := []score.UnitResult{
		Unit(c, "VP", "Văn phòng Sở", "Khối phòng chuyên môn", "forms/vp.xlsx", vp),
		Unit(c, "KHTC", "Phòng Kế hoạch - Tài chính", "Khối phòng chuyên môn", "forms/khtc.xlsx", full(map[string]campaign.Points{"1.1.a": 400, "1.1.b": 300, "1.2": 1000, "2.1": 4000, "2.2": 2500, "T1": 500, "D1": 100})),
		Unit(c, "QLGT", "Phòng Quản lý giao thông", "Khối phòng chuyên môn", "forms/qlgt.xlsx", full(map[string]campaign.Points{"1.1.a": 400, "1.1.b": 300, "1.2": 1000, "2.1": 4000, "2.2": 2500, "T1": 500, "D1": 100})),
		Unit(c, "TTDK", "Trung tâm Đăng kiểm xe cơ giới", "Khối đơn vị sự nghiệp", "forms/ttdk.xlsx", full(map[string]campaign.Points{"1.1.a": 350, "1.1.b": 375, "1.2": 900, "2.1": 3500, "2.2": 2400, "T2": 250, "D1": 200, "D2": 100})),
		Unit(c, "=HYPERLINK(\"http://x\",\"y\")", "=HYPERLINK(\"http://x\",\"y\")", "", "forms/la.xlsx", full(map[string]campaign.Points{"1.1.a": 200, "1.1.b": 200, "1.2": 600, "2.1": 2500, "2.2": 1500})),
		Unit(c, "CD", "Công đoàn cơ sở Sở", "Khối đoàn thể", "forms/cd.xlsx", full(map[string]campaign.Points{"1.1.a": 100, "1.1.b": 100, "1.2": 300, "2.1": 1000, "2.2": 900})),
	}
	// Ranks, bands and flags as the scorer would give them.
	set := func(i, rank, grank int, band string, flags ...string) {
		units[i].Rank, units[i].GroupRank, units[i].Band = rank, grank, band
		units[i].Flags = flags
	}
	set(0, 1, 1, "Xuất sắc")
	set(1, 2, 2, "Tốt", score.FlagCouncil)
	set(2, 2, 2, "Tốt", score.FlagCouncil)
	set(3, 4, 1, "Khá", score.FlagLate, score.FlagNoTop)
	units[3].Late = true
	set(4, 5, 1, "Trung bình", score.FlagNotOnRos)
	units[4].OnRoster = false
	set(5, 6, 1, "Yếu")
	for i := range units {
		units[i].Date = time.Date(2026, 10, 3+i, 0, 0, 0, 0, time.UTC)
	}
	units[3].Date = time.Date(2026, 10, 20, 0, 0, 0, 0, time.UTC)

	avg := average(units)

	warn := diag.New("TD402", "XYZ").At("Thẩm định", "A9").In("review/tong-hop.xlsx")
	files := []score.FileResult{
		{Path: "forms/.~lock.vp.xlsx#", Size: 90, SHA256: sha("lock"), Status: submission.Skipped, Diags: diag.List{diag.New("TD112", ".~lock.vp.xlsx#").In("forms/.~lock.vp.xlsx#")}},
		{Path: "forms/cd.xlsx", Size: 10240, SHA256: sha("cd"), Status: submission.Scored, Unit: "CD"},
		{Path: "forms/khtc.xlsx", Size: 11020, SHA256: sha("khtc"), Status: submission.Scored, Unit: "KHTC"},
		{Path: "forms/khtc-cu.xlsx", Size: 11010, SHA256: sha("khtc-cu"), Status: submission.Duplicate, Unit: "KHTC"},
		{Path: "forms/la.xlsx", Size: 9800, SHA256: sha("la"), Status: submission.Scored, Unit: units[4].Code},
		{Path: "forms/qlgt.xlsx", Size: 12001, SHA256: sha("qlgt"), Status: submission.Scored, Unit: "QLGT"},
		{Path: "forms/ttdk.xlsx", Size: 10500, SHA256: sha("ttdk"), Status: submission.Scored, Unit: "TTDK",
			Diags: diag.List{diag.New("TD202", "2.2").At("Chấm điểm", "D13").In("forms/ttdk.xlsx")}},
		{Path: "forms/ttr.xlsx", Size: 4000, SHA256: sha("ttr"), Status: submission.Rejected, Unit: "TTr",
			Diags: diag.List{diag.New("TD204", "12", "8", "1.2").At("Chấm điểm", "D12").In("forms/ttr.xlsx")}},
		{Path: "forms/vp.xlsx", Size: 12345, SHA256: sha("vp"), Status: submission.Scored, Unit: "VP"},
	}
	bands := []score.BandCount{}
	late := 0
	for _, b := range c.Bands {
		k := 0
		for _, u := range units {
			if u.Band == b.Label {
				k++
			}
		}
		bands = append(bands, score.BandCount{Label: b.Label, Count: k})
	}
	for _, u := range units {
		if u.Late {
			late++
		}
	}
	return &score.Result{
		Campaign: c,
		Period:   p,
		Units:    units,
		Missing: []score.Unit{
			{Code: "TTr", Name: "Thanh tra Sở", Group: "Khối phòng chuyên môn"},
			{Code: "DTN", Name: "Đoàn Thanh niên Sở", Group: "Khối đoàn thể"},
		},
		Files: files,
		Changes: []score.ReviewChange{
			{UnitCode: "VP", UnitName: "Văn phòng Sở", Code: "2.1", New: 4500, Cell: "Thẩm định!G12"},
			{UnitCode: "TTDK", UnitName: "Trung tâm Đăng kiểm xe cơ giới", Code: "1.2", Old: 950, OldSet: true, New: 900, Cell: "Thẩm định!G20"},
		},
		Diags: diag.List{warn},
		Summary: score.Summary{Files: len(files), Scored: 6, Rejected: 1, Skipped: 1, Duplicates: 1,
			Missing: 2, Late: late, Average: avg, Bands: bands, Expected: 7},
	}
}

// average is the mean total, rounded half up to hundredths.
func average(units []score.UnitResult) campaign.Points {
	if len(units) == 0 {
		return 0
	}
	var sum campaign.Points
	for _, u := range units {
		sum += u.Total
	}
	n := campaign.Points(len(units))
	return (sum*2 + n) / (2 * n)
}

// sha returns a stable fake SHA-256 text for a name.
func sha(name string) string {
	const hexd = "0123456789abcdef"
	b := make([]byte, 64)
	h := uint32(2166136261)
	for i := range b {
		h ^= uint32(name[i%len(name)])
		h *= 16777619
		b[i] = hexd[h>>28]
	}
	return string(b)
}

// Year returns a yearly result (năm 2026) built from Result: each unit
// carries four quarters (one absent, counted 0 and flagged) and a change
// since an earlier result; one unit is new since then.
func Year() *score.Result {
	r := Result()
	r.Period = vntext.Period{Year: 2026, Kind: vntext.Year}
	for i := range r.Units {
		u := &r.Units[i]
		for q := 1; q <= 4; q++ {
			qt := score.QuarterTotal{Period: vntext.Period{Year: 2026, Kind: vntext.Quarter, N: q}, Total: u.Total, Present: true}
			if i == 5 && q == 1 {
				qt.Total, qt.Present = 0, false
				u.Flags = append(u.Flags, score.FlagMissingQ)
			}
			u.Quarters = append(u.Quarters, qt)
		}
		if i == 5 {
			// The mean of the quarters, half up: one quarter counts 0.
			u.Total = (u.Total*3*2 + 4) / 8
		}
		if i == 4 {
			u.Change = &score.Change{}
		} else {
			u.Change = &score.Change{Points: campaign.Points(150 * (i - 2)), Rank: 2 - i, Known: true}
		}
	}
	r.Summary.Average = average(r.Units)
	return r
}
