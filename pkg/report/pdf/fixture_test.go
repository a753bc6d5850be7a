package pdf

import (
	"bytes"
	"fmt"
	"sort"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/thidua/thidua/pkg/campaign"
	"github.com/thidua/thidua/pkg/diag"
	"github.com/thidua/thidua/pkg/report"
	"github.com/thidua/thidua/pkg/score"
	"github.com/thidua/thidua/pkg/submission"
	"github.com/thidua/thidua/pkg/vntext"
	"github.com/thidua/thidua/templates"
)

// defaultConfig reads the campaign and roster of the embedded thidua.yaml
// (without pkg/config, which this package must not import).
func defaultConfig(t testing.TB) (*campaign.Campaign, []score.Unit) {
	t.Helper()
	var cfg struct {
		Units []struct {
			Code, Name, Group string
		} `yaml:"units"`
		Campaign campaign.Campaign `yaml:"campaign"`
	}
	dec := yaml.NewDecoder(bytes.NewReader(templates.DefaultConfig))
	if err := dec.Decode(&cfg); err != nil {
		t.Fatalf("default config: %v", err)
	}
	var units []score.Unit
	for _, u := range cfg.Units {
		units = append(units, score.Unit{Code: u.Code, Name: u.Name, Group: u.Group})
	}
	return &cfg.Campaign, units
}

// lcg is a tiny deterministic generator for fixture scores.
type lcg uint64

func (g *lcg) next(n int64) int64 {
	*g = *g*6364136223846793005 + 1442695040888963407
	return int64(uint64(*g)>>33) % n
}

// scoreUnit fills a unit's rows, contents and totals from a quality level
// in percent (the share of each maximum it reaches, with noise).
func scoreUnit(c *campaign.Campaign, u *score.UnitResult, quality int64, g *lcg) {
	rows := c.Rows()
	final := map[string]campaign.Points{}
	// leaves first
	for _, r := range rows {
		if !r.Leaf {
			continue
		}
		var p campaign.Points
		switch r.Kind {
		case campaign.KindBonus:
			if g.next(3) == 0 {
				p = campaign.Points(g.next(int64(r.Max)/50+1) * 50)
			}
		case campaign.KindDeduction:
			if g.next(4) == 0 {
				p = campaign.Points(g.next(3)+1) * 50
			}
		default:
			q := quality - 10 + g.next(21)
			q = max(0, min(100, q))
			p = campaign.Points(int64(r.Max) * q / 100 / 25 * 25)
		}
		final[r.Code] = p
	}
	// parents bottom-up (reverse form order visits children first)
	for i := len(rows) - 1; i >= 0; i-- {
		r := rows[i]
		if r.Leaf {
			continue
		}
		var s campaign.Points
		for _, ch := range r.Children {
			s += final[ch]
		}
		final[r.Code] = min(s, r.Max)
	}
	var bonus, ded campaign.Points
	for _, r := range rows {
		rs := score.RowScore{Code: r.Code, Title: r.Title, Kind: r.Kind, Depth: r.Depth, Leaf: r.Leaf, Max: r.Max,
			Self: final[r.Code], SelfSet: r.Leaf, Final: final[r.Code]}
		if r.Leaf && g.next(5) == 0 && final[r.Code] >= 25 {
			rs.Review, rs.ReviewSet = final[r.Code]-25, true
			rs.Final = rs.Review
			u.Reviewed = true
		}
		u.Rows = append(u.Rows, rs)
		switch r.Kind {
		case campaign.KindContent:
			u.Contents = append(u.Contents, score.ContentScore{Code: r.Code, Title: r.Title, Max: r.Max, Self: final[r.Code], Score: final[r.Code]})
			u.Base += final[r.Code]
		case campaign.KindBonus:
			bonus += final[r.Code]
		case campaign.KindDeduction:
			ded += final[r.Code]
		}
	}
	u.Bonus = min(bonus, c.Bonus.Cap)
	u.Deduction = min(ded, c.Deductions.Cap)
	u.Total = max(0, min(u.Base+u.Bonus-u.Deduction, c.MaxTotal()))
}

// rankAndBand sorts units by total, ranks them (1, 2, 2, 4) and bands them.
func rankAndBand(c *campaign.Campaign, us []score.UnitResult) {
	sort.SliceStable(us, func(i, j int) bool {
		if us[i].Total != us[j].Total {
			return us[i].Total > us[j].Total
		}
		return us[i].Code < us[j].Code
	})
	for i := range us {
		if i > 0 && us[i].Total == us[i-1].Total {
			us[i].Rank = us[i-1].Rank
		} else {
			us[i].Rank = i + 1
		}
		us[i].GroupRank = us[i].Rank
		for _, b := range c.Bands {
			if us[i].Total >= b.Min {
				us[i].Band = b.Label
				break
			}
		}
	}
}

// realistic builds the result of the default campaign's 12-unit roster:
// one unit missing, one form rejected, one late, one flagged for the
// council and a council change.
func realistic(t testing.TB) *score.Result {
	c, roster := defaultConfig(t)
	g := lcg(7)
	r := &score.Result{Campaign: c, Period: vntext.Period{Year: 2025, Kind: vntext.Quarter, N: 4}}
	quality := []int64{97, 93, 90, 88, 86, 84, 80, 76, 70, 62, 55, 45}
	for i, u := range roster {
		if u.Code == "TTr" || u.Code == "CD" {
			r.Missing = append(r.Missing, u)
			continue
		}
		ur := score.UnitResult{Code: u.Code, Name: u.Name, Group: u.Group, OnRoster: true, File: "phieu/" + u.Code + ".xlsx",
			Sheet: "Chấm điểm", Date: time.Date(2026, 1, 3, 0, 0, 0, 0, time.UTC)}
		scoreUnit(c, &ur, quality[i], &g)
		if u.Code == "QLVT" {
			ur.Late = true
			ur.Flags = append(ur.Flags, score.FlagLate)
			ur.Date = time.Date(2026, 1, 9, 0, 0, 0, 0, time.UTC)
		}
		r.Units = append(r.Units, ur)
	}
	rankAndBand(c, r.Units)
	r.Units[1].Flags = append(r.Units[1].Flags, score.FlagCouncil)
	r.Changes = []score.ReviewChange{{UnitCode: r.Units[0].Code, UnitName: r.Units[0].Name, Code: "1.2", Old: 800, OldSet: true, New: 750, Cell: "Thẩm định!G8"}}
	for _, u := range r.Units {
		r.Files = append(r.Files, score.FileResult{Path: u.File, Status: submission.Scored, Unit: u.Code})
	}
	rej := score.FileResult{Path: "phieu/CD.xlsx", Status: submission.Rejected, Unit: "CD",
		Diags: diag.List{{Code: "TD_TEST", Severity: diag.Error, Args: []any{"điểm tự chấm 12 vượt điểm tối đa 10 (tiêu chí 1.1)"}}}}
	r.Files = append(r.Files, rej)
	r.Summary = score.Summary{Files: len(r.Files), Scored: len(r.Units), Rejected: 1, Missing: len(r.Missing), Late: 1, Expected: len(roster)}
	return r
}

// synthetic builds an n-unit result with long, varied names in three groups.
func synthetic(t testing.TB, n int) *score.Result {
	c, _ := defaultConfig(t)
	g := lcg(uint64(n))
	r := &score.Result{Campaign: c, Period: vntext.Period{Year: 2026, Kind: vntext.Quarter, N: 1}}
	kinds := []string{"Phòng Quản lý chất lượng công trình giao thông", "Trung tâm Đăng kiểm xe cơ giới", "Ban Quản lý dự án đầu tư xây dựng", "Đội Thanh tra giao thông", "Trạm Kiểm tra tải trọng xe"}
	groups := []string{"Khối phòng chuyên môn", "Khối đơn vị sự nghiệp", "Khối đoàn thể"}
	for i := 0; i < n; i++ {
		u := score.UnitResult{Code: fmt.Sprintf("DV%03d", i+1), Name: fmt.Sprintf("%s số %d", kinds[i%len(kinds)], i+1),
			Group: groups[i%len(groups)], OnRoster: true, File: fmt.Sprintf("phieu/dv%03d.xlsx", i+1)}
		scoreUnit(c, &u, 40+g.next(60), &g)
		r.Units = append(r.Units, u)
	}
	rankAndBand(c, r.Units)
	r.Summary = score.Summary{Files: n, Scored: n, Expected: n}
	return r
}

// opts are the letterhead of the default configuration, dated 05/01/2026.
func opts() report.Meta {
	return report.Meta{
		Lang: "vi", Date: time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC),
		Org:        report.Organization{Parent: "UBND TỈNH HÀ NAM", Name: "SỞ GIAO THÔNG VẬN TẢI", Abbreviation: "SGTVT", Place: "Hà Nam"},
		Signer:     report.Signer{Authority: "KT. GIÁM ĐỐC", Title: "PHÓ GIÁM ĐỐC", Name: "Nguyễn Văn A"},
		Recipients: []string{"Ban Thi đua - Khen thưởng tỉnh", "Lãnh đạo Sở", "Các phòng, đơn vị thuộc Sở", "Lưu: VT, VP"},
	}
}
