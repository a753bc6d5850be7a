package form_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/thidua/thidua/pkg/campaign"
	"github.com/thidua/thidua/pkg/config"
	"github.com/thidua/thidua/pkg/diag"
	"github.com/thidua/thidua/pkg/form"
	ft "github.com/thidua/thidua/pkg/form/formtest"
	"github.com/thidua/thidua/pkg/score"
	"github.com/thidua/thidua/pkg/submission"
	"github.com/thidua/thidua/pkg/vntext"
)

// The example tables of docs/examples end to end: their forms made by the
// template (per unit, per evaluator, Bảng điểm sheets), filled, read back
// and scored; the totals are those worked out by hand in pkg/score's
// tests of the same tables.

// cellSpec turns "1.1#105" (a figure), "1.3=@Khá" (a level's name),
// "2.3=4" (points), "3.1!" (KAD) and "1.2~BC 12" (evidence) into the
// cells of a form: score cells, figure cells, evidence.
func cellSpec(t *testing.T, specs string) (self, figures ft.Scores, evidence map[string]string) {
	t.Helper()
	self, figures, evidence = ft.Scores{}, ft.Scores{}, map[string]string{}
	for _, e := range strings.Split(specs, ";") {
		i := strings.IndexAny(e, "=#!~")
		if i < 0 {
			t.Fatalf("bad cell spec %q", e)
		}
		code, op, v := e[:i], e[i], e[i+1:]
		switch op {
		case '=':
			if name, ok := strings.CutPrefix(v, "@"); ok {
				self[code] = ft.Text(name)
			} else {
				self[code] = ft.Num(strings.ReplaceAll(v, ",", "."))
			}
		case '#':
			figures[code] = ft.Num(strings.ReplaceAll(v, ",", "."))
		case '!':
			self[code] = ft.Text("KAD")
		case '~':
			evidence[code] = v
		}
	}
	return self, figures, evidence
}

// matrixCells merges a spec's cells as a Bảng điểm row holds them: the
// figure in a figure row's column.
func matrixCells(t *testing.T, spec string) ft.Scores {
	self, figures, _ := cellSpec(t, spec)
	for k, v := range figures {
		self[k] = v
	}
	return self
}

// exampleRun loads an example with its roster and checks its table.
func exampleRun(t *testing.T, name string) (*config.Config, score.Options, []form.TemplateUnit) {
	t.Helper()
	cfg := loadExample(t, name)
	for _, d := range cfg.CheckCampaign() {
		t.Errorf("campaign check: %s", d.Line("vi"))
	}
	var roster []score.Unit
	var units []form.TemplateUnit
	for _, u := range cfg.Units {
		roster = append(roster, score.Unit{Code: u.Code, Name: u.Name, Group: u.Group, Aliases: u.Aliases})
		units = append(units, form.TemplateUnit{Code: u.Code, Name: u.Name, Group: u.Group})
	}
	return cfg, score.Options{Campaign: &cfg.Campaign, Roster: roster, DeadlineDays: cfg.DeadlineDays}, units
}

// input reads b as the file path and wraps it as a scorer's input.
func input(t *testing.T, c *campaign.Campaign, path string, b []byte) submission.Input {
	t.Helper()
	s := readBytes(t, c, path, b)
	return submission.Input{Path: path, Size: s.Size, SHA256: s.SHA256, Submission: s}
}

// noErrors fails on any error of the run, and on any warning of the
// reading (the forms are filled right).
func noErrors(t *testing.T, ins []submission.Input, r *score.Result) {
	t.Helper()
	for _, in := range ins {
		for _, d := range in.Submission.Diags {
			if d.Severity != diag.Note {
				t.Errorf("reading: %s", d.Line("vi"))
			}
		}
		for _, m := range in.Submission.Matrix {
			for _, d := range m.Diags {
				t.Errorf("reading: %s", d.Line("vi"))
			}
		}
	}
	for _, f := range r.Files {
		for _, d := range f.Diags {
			if d.Severity == diag.Error {
				t.Errorf("%s", d.Line("vi"))
			}
		}
		if f.Status != submission.Scored {
			t.Errorf("%s: %s", f.Path, f.Status)
		}
	}
}

func unitOf(t *testing.T, r *score.Result, code string) score.UnitResult {
	t.Helper()
	for _, u := range r.Units {
		if u.Code == code {
			return u
		}
	}
	t.Fatalf("no unit %s", code)
	return score.UnitResult{}
}

func vi(t *testing.T, s string) campaign.Points {
	t.Helper()
	p, err := campaign.ParsePoints(s)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestExampleCityForms: the city's departments score its districts. Sở
// Nội vụ sends one form per district (made for the district's group, so a
// quận's form has no content 4), Sở Tài chính one Bảng điểm sheet of all
// six.
func TestExampleCityForms(t *testing.T) {
	cfg, opts, units := exampleRun(t, "thanh-pho-cham-quan-huyen")
	c := &cfg.Campaign
	// As in pkg/score's TestExampleCity: every district 1.1 105 % → 8;
	// 1.2 96 % → 10; 1.3 Khá 7; 1.4 85 % × 0,1 = 8,5; 2.1 70 % → 6; 2.2
	// 92 % → 4; 2.3 = 4; 3.1 = 10; 3.2 "Giảm 2 tiêu chí" 6; 4.1 3 xã × 2 =
	// 6 (huyện only); 5.1 = 10; 5.2 4 × 2 = 8; 5.3 "Đạt yêu cầu" 10.
	// huyện: raw 111,5 of M = 140; quận: raw 105,5 of M = 130 → 113,62.
	// QAP: STC gives 1.3 Tốt: (7 + 10) ÷ 2 = 8,5, raw 107 → 115,23.
	// HTH: 1.3 Tốt, 2.3 = 6, 3.2 all three, 4.1 4 xã, 5.2 5: raw 126,5;
	// T1 6, D2 5 → 127,5, at best "Hoàn thành tốt nhiệm vụ".
	common := "1.1#105;1.2#96;1.2~Báo cáo giải ngân;1.3=@Khá;1.4#85;2.1#70;2.2#92;2.3=4;3.1=10;3.2=@Giảm 2 tiêu chí;5.1=10;5.2#4;5.3=@Đạt yêu cầu"
	spec := func(u form.TemplateUnit, ev string) string {
		s := common
		if u.Group == "Khối huyện" {
			s += ";4.1#3"
		}
		switch {
		case u.Code == "QAP" && ev == "STC":
			s += ";1.3=@Tốt"
		case u.Code == "HTH":
			s += ";1.3=@Tốt;2.3=6;3.2=@Giảm cả 3 tiêu chí;4.1#4;5.2#5;T1=6;D2=5"
		}
		return s
	}
	date := time.Date(2027, 1, 10, 0, 0, 0, 0, time.UTC)
	var ins []submission.Input
	for _, u := range units {
		self, figures, evidence := cellSpec(t, spec(u, "SNV"))
		b, err := ft.Bytes(ft.Form{Campaign: c, Unit: u.Name, UnitCode: u.Code, Period: "Năm 2026", Evaluator: "Sở Nội vụ", Date: date,
			Self: self, Figures: figures, Evidence: evidence, Layout: ft.Layout{Template: true},
			TemplateOptions: &form.TemplateOptions{Campaign: c, Group: u.Group, UnitName: u.Name, UnitCode: u.Code, Evaluator: "Sở Nội vụ"}})
		if err != nil {
			t.Fatal(err)
		}
		ins = append(ins, input(t, c, "snv/"+u.Code+".xlsx", b))
	}
	rows := map[string]ft.Scores{}
	for _, u := range units {
		rows[u.Code] = matrixCells(t, spec(u, "STC"))
	}
	b, err := ft.MatrixBytes(ft.Matrix{Campaign: c, Units: units, Period: "Năm 2026", Evaluator: "STC", Date: date, Rows: rows})
	if err != nil {
		t.Fatal(err)
	}
	ins = append(ins, input(t, c, "stc/bang-diem.xlsx", b))
	opts.Period = vntext.Period{Year: 2026, Kind: vntext.Year}
	r := score.RunLongPeriod(opts.Period, ins, nil, nil, opts)
	noErrors(t, ins, r)
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
		u := unitOf(t, r, code)
		if u.Total != vi(t, w.total) || u.Band != w.band || u.GroupRank != w.group {
			t.Errorf("%s: total %s band %q group rank %d, want %s %q %d", code, u.Total.VI(), u.Band, u.GroupRank, w.total, w.band, w.group)
		}
		if got := strings.Join(u.EvaluatorNames(), ", "); got != "Sở Nội vụ, Sở Tài chính" {
			t.Errorf("%s evaluators %s", code, got)
		}
	}
	if u := unitOf(t, r, "HTH"); u.Rank != 1 {
		t.Errorf("HTH rank %d", u.Rank)
	}
	if u := unitOf(t, r, "QBM"); u.MaxApplicable != 13000 || u.RawBase != 10550 {
		t.Errorf("QBM M %s raw %s", u.MaxApplicable.VI(), u.RawBase.VI())
	}
}

// TestExampleYouthUnionForms: tiers, levels, figures per count and in
// steps, a content of negative points and a total below 0, on the
// template's per-unit forms.
func TestExampleYouthUnionForms(t *testing.T) {
	cfg, opts, units := exampleRun(t, "doan-thanh-nien-huyen")
	c := &cfg.Campaign
	forms := map[string]string{
		// 1.1 Tốt 10; 1.2 95 % → 10; 1.3 = 5: 25 | 2.1 4 × 3 = 12; 2.2 6 giờ
		// → 6; 2.3 10 × 0,5 = 5: 23 | 3.1 one late report → 6; 3.2 = 12;
		// 3.3 = 10; 3.4 Hoàn thành 10: 38 | 4: none → 0. Base 86; T1 10 → 96.
		"XAH": "1.1=@Tốt;1.2#95;1.3=5;2.1#4;2.1~Sổ công trình;2.2#6;2.3#10;3.1#1;3.2=12;3.3=10;3.4=@Hoàn thành;4.1#0;4.2#0;T1=10;T2#0;D1=0;D2=0",
		// Nothing earned; 4.1 2 × −5 = −10, 4.2 3 × −2 = −6: base −16; D2 10
		// → −26: Yếu.
		"XBS": "1.1=@Không tổ chức;1.2#40;1.3=0;2.1#0;2.2#0;2.3#0;3.1#5;3.2=0;3.3=0;3.4=@Không thực hiện;4.1#2;4.2#3;T1=0;T2#0;D1=0;D2=10",
	}
	var ins []submission.Input
	for _, u := range units {
		spec, ok := forms[u.Code]
		if !ok {
			continue
		}
		self, figures, evidence := cellSpec(t, spec)
		b, err := ft.Bytes(ft.Form{Campaign: c, Unit: u.Name, UnitCode: u.Code, Period: "Quý III/2026", Date: time.Date(2026, 10, 3, 0, 0, 0, 0, time.UTC),
			Self: self, Figures: figures, Evidence: evidence, Layout: ft.Layout{Template: true},
			TemplateOptions: &form.TemplateOptions{Campaign: c, Group: u.Group, UnitName: u.Name, UnitCode: u.Code}})
		if err != nil {
			t.Fatal(err)
		}
		ins = append(ins, input(t, c, u.Code+".xlsx", b))
	}
	r := score.Run(ins, opts)
	noErrors(t, ins, r)
	if u := unitOf(t, r, "XAH"); u.Total != 9600 || u.Band != "Vững mạnh" || u.Rank != 1 {
		t.Errorf("XAH %s %q rank %d", u.Total.VI(), u.Band, u.Rank)
	}
	if u := unitOf(t, r, "XBS"); u.Total != -2600 || u.Base != -1600 || u.Band != "Yếu" || u.Rank != 2 || u.Contents[3].Score != -1600 {
		t.Errorf("XBS %s base %s %q rank %d", u.Total.VI(), u.Base.VI(), u.Band, u.Rank)
	}
	// The typed points of the figure rows were not read: the formula's
	// are the table's, nothing to compare.
	for _, f := range r.Files {
		for _, d := range f.Diags {
			if d.Code == "TD340" || d.Code == "TD341" {
				t.Errorf("%s", d.Line("vi"))
			}
		}
	}
}

// TestExampleSchoolForms: class branches score each other on Bảng điểm
// sheets (peers); a contest that did not happen is KAD; each sheet's own
// row is ignored.
func TestExampleSchoolForms(t *testing.T) {
	cfg, opts, units := exampleRun(t, "truong-chi-doan-hoc-ky")
	c := &cfg.Campaign
	// Every row: 1.1 average 7,5 → 16; 1.2 80 % × 0,1 = 8: 24 | 2.1 10 − 2 ×
	// 0,5 = 9; 2.2 Sạch sẽ 5; 2.3 = 7: 21, × 2 = 42 | 3.1 KAD; 3.2 = 10: 10.
	// Base 76 (M = 90); 11A1 gives 12A2 2.3 = 10: (7 + 10) ÷ 2 = 8,5 → 79.
	row := "1.1#7,5;1.2#80;2.1#2;2.2=@Sạch sẽ;2.3=7;3.1!;3.2=10"
	per, _ := vntext.ParsePeriod("Học kỳ I năm học 2026-2027")
	var ins []submission.Input
	for _, ev := range []string{"10A1", "Chi đoàn 11A1"} {
		rows := map[string]ft.Scores{}
		for _, u := range units {
			cells := matrixCells(t, row)
			if ev == "Chi đoàn 11A1" && u.Code == "12A2" {
				cells["2.3"] = ft.Num("10")
			}
			rows[u.Code] = cells
		}
		b, err := ft.MatrixBytes(ft.Matrix{Campaign: c, Units: units, Period: "Học kỳ I năm học 2026-2027", Evaluator: ev, Date: per.End(), Rows: rows})
		if err != nil {
			t.Fatal(err)
		}
		ins = append(ins, input(t, c, strings.ReplaceAll(ev, " ", "-")+".xlsx", b))
	}
	r := score.Run(ins, opts)
	noErrors(t, ins, r)
	for _, u := range r.Units {
		want := "76"
		if u.Code == "12A2" {
			want = "79"
		}
		i := slices.IndexFunc(u.Rows, func(r score.RowScore) bool { return r.Code == "3.1" })
		if u.Total != vi(t, want) || u.Band != "" || u.MaxApplicable != 9000 || !u.Rows[i].KAD {
			t.Errorf("%s: %s band %q M %s", u.Code, u.Total.VI(), u.Band, u.MaxApplicable.VI())
		}
	}
	if u := r.Units[0]; u.Code != "12A2" || u.Rank != 1 || u.GroupRank != 1 {
		t.Errorf("first: %s rank %d", u.Code, u.Rank)
	}
	if u := unitOf(t, r, "10A1"); strings.Join(u.EvaluatorNames(), ",") != "Chi đoàn 11A1" {
		t.Errorf("10A1 evaluators %v", u.EvaluatorNames())
	}
	own := 0
	for _, f := range r.Files {
		for _, d := range f.Diags {
			if d.Code == "TD350" {
				own++
			}
		}
	}
	if own != 2 {
		t.Errorf("%d own rows ignored, want 2", own)
	}
}
