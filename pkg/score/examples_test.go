package score

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/thidua/thidua/pkg/config"
	"github.com/thidua/thidua/pkg/diag"
	"github.com/thidua/thidua/pkg/submission"
)

// loadExample loads docs/examples/<name> as `thidua --config` would and
// checks that `campaign check` finds nothing in it (roster groups
// included).
func loadExample(t *testing.T, name string) (*config.Config, Options) {
	t.Helper()
	cfg, err := config.Load(config.LoadOptions{File: filepath.Join("..", "..", "docs", "examples", name), NoConfig: false})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range cfg.CheckCampaign() {
		t.Errorf("campaign check: %s", d.In(name).Line("vi"))
	}
	var roster []Unit
	for _, u := range cfg.Units {
		roster = append(roster, Unit{Code: u.Code, Name: u.Name, Group: u.Group, Aliases: u.Aliases})
	}
	return cfg, Options{Campaign: &cfg.Campaign, Roster: roster, DeadlineDays: cfg.DeadlineDays}
}

func noErrors(t *testing.T, r *Result) {
	t.Helper()
	for _, f := range r.Files {
		for _, d := range f.Diags {
			if d.Severity == diag.Error {
				t.Errorf("%s", d.Line("vi"))
			}
		}
	}
}

func split(s string) []string { return strings.Split(s, ";") }

// TestExampleCity: the city's departments score its districts; two groups,
// quận without content 4 (M = 130) normalised to the 140 scale.
func TestExampleCity(t *testing.T) {
	cfg, opts := loadExample(t, "thanh-pho-cham-quan-huyen.yaml")
	c := &cfg.Campaign
	if !c.Normalize || c.EvaluatedBy() != "evaluators" || cfg.Report.Annex != "by-group" {
		t.Fatalf("example keys: %+v", c)
	}
	// Every district, as both departments score it:
	//   1.1 105 % → 8; 1.2 96 % → 10; 1.3 Khá 7; 1.4 85 % × 0,1 = 8,5: content 1 = 33,5
	//   2.1 70 % → 6; 2.2 92 % → 4; 2.3 = 4: content 2 = 14, × 2 = 28
	//   3.1 = 10; 3.2 "Giảm 2 tiêu chí" 6: content 3 = 16
	//   4.1 3 xã × 2 = 6 (huyện only)
	//   5.1 = 10; 5.2 4 × 2 = 8; 5.3 "Đạt yêu cầu" 10: content 5 = 28
	// huyện: raw = 33,5 + 28 + 16 + 6 + 28 = 111,5, M = 140: base 111,5
	// quận:  raw = 105,5, M = 130: base = 105,5 × 140 ÷ 130 = 113,615… → 113,62
	common := "1.1#105;1.2#96;1.2~Báo cáo giải ngân;1.3=@Khá;1.4#85;2.1#70;2.2#92;2.3=4;3.1=10;3.2=@Giảm 2 tiêu chí;4.1#3;5.1=10;5.2#4;5.3=@Đạt yêu cầu"
	var ins []submission.Input
	for _, u := range opts.Roster {
		for _, ev := range []string{"Sở Nội vụ", "STC"} {
			extra := ""
			switch {
			case u.Code == "QAP" && ev == "STC":
				// 1.3 "Tốt" by one department: (7 + 10) ÷ 2 = 8,5; raw 107 → 107 × 140 ÷ 130 = 115,23
				extra = ";1.3=@Tốt"
			case u.Code == "HTH":
				// 1.3 Tốt 10, 2.3 = 6, 3.2 all three 10, 4.1 4 xã 8, 5.2 5 × 2 = 10:
				// raw = 36,5 + 32 + 20 + 8 + 30 = 126,5; T1 6 → 132,5; D2 5 → 127,5 ≥ 126 but at best "Hoàn thành tốt"
				extra = ";1.3=@Tốt;2.3=6;3.2=@Giảm cả 3 tiêu chí;4.1#4;5.2#5;T1=6;D2=5"
			}
			if u.Group == "Khối quận" {
				extra += ";4.1#"
			}
			ins = append(ins, blankForm(t, c, ev+"/"+u.Code+".xlsx", u.Code, evaluatedBy(ev), period("2026"), dated("10/01/2027"),
				cells(split(common+extra)...)))
		}
	}
	opts.Period = mustPeriod(t, "2026")
	r := RunLongPeriod(opts.Period, ins, nil, nil, opts)
	checkInvariants(t, r, len(ins))
	noErrors(t, r)
	want := map[string]struct {
		total, band string
		group       int
	}{
		"HST": {"111,5", "Hoàn thành nhiệm vụ", 2},
		"HDL": {"111,5", "Hoàn thành nhiệm vụ", 2},
		"HTH": {"127,5", "Hoàn thành tốt nhiệm vụ", 1},
		"QAP": {"115,23", "Hoàn thành tốt nhiệm vụ", 1},
		"QBM": {"113,62", "Hoàn thành tốt nhiệm vụ", 2},
		"QCB": {"113,62", "Hoàn thành tốt nhiệm vụ", 2},
	}
	for code, w := range want {
		u := unit(t, r, code)
		if u.Total != pts(t, w.total) || u.Band != w.band || u.GroupRank != w.group {
			t.Errorf("%s: total %s band %q group rank %d, want %s %q %d", code, u.Total.VI(), u.Band, u.GroupRank, w.total, w.band, w.group)
		}
		if strings.Join(u.EvaluatorNames(), ", ") != "Sở Nội vụ, Sở Tài chính" {
			t.Errorf("%s evaluators %v", code, u.EvaluatorNames())
		}
	}
	if u := unit(t, r, "HTH"); u.Flags == nil || u.Flags[0] != FlagMaxBand || u.Rank != 1 {
		t.Errorf("HTH flags %v rank %d", u.Flags, u.Rank)
	}
	if u := unit(t, r, "QBM"); u.MaxApplicable != 13000 || u.RawBase != 10550 || !u.Contents[3].NotApplicable {
		t.Errorf("QBM M %s raw %s", u.MaxApplicable.VI(), u.RawBase.VI())
	}
	if r.Summary.MissingEvaluators != 3 {
		t.Errorf("missing evaluators %d, want 3 (SKHĐT, SGDĐT, Công an)", r.Summary.MissingEvaluators)
	}
}

// TestExampleYouthUnion: tiers, levels, figures, a content of negative
// points and totals below 0.
func TestExampleYouthUnion(t *testing.T) {
	cfg, opts := loadExample(t, "doan-thanh-nien-huyen.yaml")
	c := &cfg.Campaign
	ins := []submission.Input{
		// 1.1 Tốt 10; 1.2 95 % → 10; 1.3 = 5: 25
		// 2.1 4 × 3 = 12; 2.2 6 giờ → 6; 2.3 10 × 0,5 = 5: 23
		// 3.1 one late report → 6; 3.2 = 12; 3.3 = 10; 3.4 Hoàn thành 10: 38
		// 4: none → 0. Base 86; T1 10 → 96: Vững mạnh
		blankForm(t, c, "xah.xlsx", "XAH", cells(split("1.1=@Tốt;1.2#95;1.3=5;2.1#4;2.1~Sổ công trình;2.2#6;2.3#10;3.1#1;3.2=12;3.3=10;3.4=@Hoàn thành;4.1#0;4.2#0;T1=10")...)),
		// Nothing earned (1.2 40 % is below every step; 3.1 five late reports → 0);
		// 4.1 2 × −5 = −10, 4.2 3 × −2 = −6: base −16; D2 10 → −26: Yếu (down-one cannot go lower)
		blankForm(t, c, "xbs.xlsx", "XBS", cells(split("1.1=@Không tổ chức;1.2#40;1.3=0;2.1#0;2.2#0;2.3#0;3.1#5;3.2=0;3.3=0;3.4=@Không thực hiện;4.1#2;4.2#3;D2=10")...)),
	}
	r := Run(ins, opts)
	checkInvariants(t, r, 2)
	noErrors(t, r)
	if u := unit(t, r, "XAH"); u.Total != 9600 || u.Band != "Vững mạnh" || u.Rank != 1 {
		t.Errorf("XAH %s %q rank %d", u.Total.VI(), u.Band, u.Rank)
	}
	if u := unit(t, r, "XBS"); u.Total != -2600 || u.Base != -1600 || u.Band != "Yếu" || u.Rank != 2 || u.Contents[3].Score != -1600 {
		t.Errorf("XBS %s base %s %q rank %d", u.Total.VI(), u.Base.VI(), u.Band, u.Rank)
	}
}

// TestExampleSchool: class branches score each other in a semester, rank
// only; a contest that did not happen is KAD.
func TestExampleSchool(t *testing.T) {
	cfg, opts := loadExample(t, "truong-chi-doan-hoc-ky.yaml")
	c := &cfg.Campaign
	if len(c.Bands) != 0 || c.Kind().String() != "semester" {
		t.Fatalf("example keys: %+v", c)
	}
	// Every row: 1.1 average 7,5 → 16; 1.2 80 % × 0,1 = 8: content 1 = 24
	// 2.1 10 − 2 × 0,5 = 9; 2.2 Sạch sẽ 5; 2.3 = 7: content 2 = 21, × 2 = 42
	// 3.1 KAD; 3.2 = 10: content 3 = 10 (of 10). Base 76 (M = 90).
	row := "1.1#7,5;1.2#80;2.1#2;2.2=@Sạch sẽ;2.3=7;3.1!;3.2=10"
	var rows10, rows11 []string
	for _, u := range opts.Roster {
		rows10 = append(rows10, u.Code+":"+row)
		r11 := row
		if u.Code == "12A2" {
			// 11A1 gives 12A2 a 10 for 2.3: (7 + 10) ÷ 2 = 8,5; content 2 = 22,5, × 2 = 45; base 79
			r11 += ";2.3=10"
		}
		rows11 = append(rows11, u.Code+":"+r11)
	}
	hk1 := func(in submission.Input) submission.Input {
		s := in.Submission
		s.Period, s.PeriodText = mustPeriod(t, "2026-2027-HK1"), "Học kỳ I năm học 2026-2027"
		s.Date = s.Period.End()
		return in
	}
	r := Run([]submission.Input{
		hk1(matrix(t, c, "10a1.xlsx", "10A1", rows10...)),
		hk1(matrix(t, c, "11a1.xlsx", "Chi đoàn 11A1", rows11...)),
	}, opts)
	checkInvariants(t, r, 2)
	noErrors(t, r)
	if r.Period.Code() != "2026-2027-HK1" {
		t.Errorf("period %s", r.Period.Code())
	}
	for _, u := range r.Units {
		want := "76"
		if u.Code == "12A2" {
			want = "79"
		}
		kad := u.Rows[slices.IndexFunc(u.Rows, func(r RowScore) bool { return r.Code == "3.1" })].KAD
		if u.Total != pts(t, want) || u.Band != "" || u.MaxApplicable != 9000 || !kad {
			t.Errorf("%s: %s band %q M %s", u.Code, u.Total.VI(), u.Band, u.MaxApplicable.VI())
		}
	}
	if u := r.Units[0]; u.Code != "12A2" || u.Rank != 1 || u.GroupRank != 1 {
		t.Errorf("first: %s rank %d", u.Code, u.Rank)
	}
	// 10A1 and 11A1 are scored only by each other (own rows ignored).
	if u := unit(t, r, "10A1"); strings.Join(u.EvaluatorNames(), ",") != "Chi đoàn 11A1" {
		t.Errorf("10A1 evaluators %v", u.EvaluatorNames())
	}
	if r.Summary.MissingEvaluators != 4 || len(r.Summary.Bands) != 0 {
		t.Errorf("summary %+v", r.Summary)
	}
}
