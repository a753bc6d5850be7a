package templates_test

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/thidua/thidua/pkg/campaign"
	"github.com/thidua/thidua/pkg/form"
	"github.com/thidua/thidua/pkg/form/formtest"
	"github.com/thidua/thidua/templates"
)

var update = flag.Bool("update", false, "rewrite the demo forms in templates/demo")

func defaultCampaign(t *testing.T) *campaign.Campaign {
	t.Helper()
	var cfg struct {
		Campaign campaign.Campaign `yaml:"campaign"`
	}
	dec := yaml.NewDecoder(bytes.NewReader(templates.DefaultConfig))
	if err := dec.Decode(&cfg); err != nil {
		t.Fatal(err)
	}
	return &cfg.Campaign
}

// share returns self-scores at about pct percent of every leaf's maximum,
// in steps of 0.25, varied a little from row to row so that units differ.
func share(c *campaign.Campaign, pct int64, seed int64) formtest.Scores {
	out := formtest.Scores{}
	i := seed
	for _, r := range c.Rows() {
		if !r.Leaf || r.Kind == campaign.KindBonus || r.Kind == campaign.KindDeduction {
			continue
		}
		i++
		p := pct + (i*7)%9 - 4 // ±4 %
		if p > 100 {
			p = 100
		}
		v := int64(r.Max) * p / 100
		v = v / 25 * 25 // quarter points
		out[r.Code] = formtest.Pts(campaign.Points(v))
	}
	return out
}

func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

// demoForms is the demo set: a dozen units of the example roster for Quý
// III/2026 (deadline 05/10/2026), with the everyday problems in them.
func demoForms(c *campaign.Campaign) map[string]formtest.Form {
	tpl := formtest.Layout{Template: true}
	q := "Quý III/2026"
	f := map[string]formtest.Form{}

	// Văn phòng: a clean template form, with the council's review on two rows.
	f["phieu-vp-van-phong-so.xlsx"] = formtest.Form{Campaign: c, Unit: "Văn phòng Sở", UnitCode: "VP", Period: q,
		Preparer: "Lê Thị Hoa", Phone: "0226 3852 111", Date: day(2026, 10, 2),
		Self:   share(c, 94, 1).With("T1", formtest.Num("2"), "D1", formtest.Num("0")),
		Review: formtest.Scores{"2.1": formtest.Num("7"), "5.1": formtest.Num("9.5")},
		Layout: tpl}
	// …and an earlier copy of the same unit's form: the later one wins.
	f["phieu-vp-ban-cu.xlsx"] = formtest.Form{Campaign: c, Unit: "Văn phòng Sở", UnitCode: "VP", Period: q,
		Date: day(2026, 9, 28), Self: share(c, 80, 1), Layout: tpl}
	// Kế hoạch - Tài chính: hand-made, matched by an alias, scores as text with a decimal comma.
	khtc := share(c, 88, 2)
	khtc["1.2"] = formtest.Text("7,5")
	khtc["2.2"] = formtest.Text("6,75")
	f["KH-TC bao cao thi dua.xlsx"] = formtest.Form{Campaign: c, Unit: "Phòng KH-TC", Period: "Quý 3 năm 2026",
		DateText: "01/10/2026", Self: khtc.With("T2", formtest.Text("1,5"), "D1", formtest.Text("-1")),
		Layout: formtest.Layout{TitleRows: 2, Columns: []formtest.Column{formtest.ColCode, formtest.ColTitle, formtest.ColMax, formtest.ColEvidence, formtest.ColSelf, formtest.ColReview, formtest.ColNote},
			HeaderText: map[formtest.Column]string{formtest.ColCode: "STT", formtest.ColMax: "Điểm chuẩn", formtest.ColSelf: "Điểm tự chấm"}, TrailingDots: true}}
	f["phieu-qlgt-phong-quan-ly-giao-thong.xlsx"] = formtest.Form{Campaign: c, Unit: "Phòng Quản lý giao thông", UnitCode: "QLGT", Period: q,
		Date: day(2026, 10, 3), Self: share(c, 86, 3).With("T1", formtest.Num("1")), Layout: tpl}
	f["phieu-qlvt-phong-quan-ly-van-tai.xlsx"] = formtest.Form{Campaign: c, Unit: "Phòng Quản lý vận tải", UnitCode: "QLVT", Period: q,
		Date: day(2026, 10, 1), Self: share(c, 97, 4).With("T1", formtest.Num("5"), "T2", formtest.Num("3")), Layout: tpl}
	// Chất lượng công trình: typed in decomposed Unicode (tổ hợp).
	f["phieu-qlcl.xlsx"] = formtest.Form{Campaign: c, Unit: "Phòng Quản lý chất lượng công trình", UnitCode: "QLCL", Period: q,
		Preparer: "Nguyễn Thị Thủy", Date: day(2026, 10, 5), Self: share(c, 84, 5),
		Layout: formtest.Layout{NFD: true}}
	// Ban QLDA: an old machine with the TCVN3 font .VnTime.
	f["BQLDA-quy3.xlsx"] = formtest.Form{Campaign: c, Unit: "Ban Quản lý dự án giao thông", UnitCode: "BQLDA", Period: q,
		Preparer: "Trần Văn Đức", Date: day(2026, 10, 4), Self: share(c, 80, 6), Layout: formtest.Layout{Font: ".VnTime"}}
	// Đăng kiểm: a VNI font.
	f["dangkiem_q3.xlsx"] = formtest.Form{Campaign: c, Unit: "Trung tâm Đăng kiểm xe cơ giới", UnitCode: "TTDK", Period: q,
		Date: day(2026, 10, 2), Self: share(c, 78, 7).With("T2", formtest.Num("1")), Layout: formtest.Layout{Font: "VNI-Times"}}
	// Sát hạch: sent late (after 05/10/2026).
	f["phieu-ttsh-trung-tam-sat-hach-lai-xe.xlsx"] = formtest.Form{Campaign: c, Unit: "Trung tâm Sát hạch lái xe", UnitCode: "TTSH", Period: q,
		Date: day(2026, 10, 12), Self: share(c, 82, 8).With("D1", formtest.Num("1")), Layout: tpl}
	// Cảng vụ: a sanctioned deduction (cannot be Xuất sắc).
	f["phieu-ccds-cang-vu-duong-thuy-noi-dia.xlsx"] = formtest.Form{Campaign: c, Unit: "Cảng vụ Đường thủy nội địa", UnitCode: "CCDS", Period: q,
		Date: day(2026, 10, 2), Self: share(c, 98, 9).With("T1", formtest.Num("4"), "D2", formtest.Num("2")), Layout: tpl}
	// Công đoàn: a score above the row's maximum — the form is sent back.
	f["phieu-cd-cong-doan-co-so-so.xlsx"] = formtest.Form{Campaign: c, Unit: "Công đoàn cơ sở Sở", UnitCode: "CD", Period: q,
		Date: day(2026, 10, 3), Self: share(c, 85, 10).With("1.2", formtest.Num("12")), Layout: tpl}
	// Đoàn Thanh niên: low scores, some as formulas without cached values.
	dtn := share(c, 55, 11)
	dtn["3.1"] = formtest.Calc("=2+2.5")
	dtn["6.2"] = formtest.Calc("=3.5")
	f["phieu-dtn-doan-thanh-nien-so.xlsx"] = formtest.Form{Campaign: c, Unit: "Đoàn Thanh niên Sở", UnitCode: "DTN", Period: q,
		Date: day(2026, 10, 5), Self: dtn, Layout: formtest.Layout{TitleRows: 1}}
	// Thanh tra Sở sent nothing: it is listed as missing.
	return f
}

// lockFile is what Excel leaves beside an open workbook.
var lockFile = append([]byte{0x0b}, []byte("Lê Thị Hoa                                                          ")...)

func TestDemoForms(t *testing.T) {
	c := defaultCampaign(t)
	forms := demoForms(c)
	dir := "demo"
	if *update {
		old, _ := filepath.Glob(filepath.Join(dir, "*.xls*"))
		for _, p := range old {
			os.Remove(p)
		}
		for name, f := range forms {
			if err := formtest.WriteFile(filepath.Join(dir, name), f); err != nil {
				t.Fatal(name, err)
			}
		}
		if err := os.WriteFile(filepath.Join(dir, "~$phieu-vp-van-phong-so.xlsx"), lockFile, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// The committed set must be the planned set and read as planned.
	got, _ := filepath.Glob(filepath.Join(dir, "*.xlsx"))
	var names []string
	for _, p := range got {
		names = append(names, filepath.Base(p))
	}
	var want []string
	for n := range forms {
		want = append(want, n)
	}
	want = append(want, "~$phieu-vp-van-phong-so.xlsx")
	sort.Strings(names)
	sort.Strings(want)
	if len(names) != len(want) {
		t.Fatalf("demo forms %v, want %v (run go test ./templates -run TestDemoForms -update)", names, want)
	}
	for i := range names {
		if names[i] != want[i] {
			t.Fatalf("demo forms %v, want %v (run with -update)", names, want)
		}
	}
	rejected := map[string]bool{}
	for name := range forms {
		s := form.Read(context.Background(), filepath.Join(dir, name), form.ReadOptions{Campaign: c, TmpDir: t.TempDir()})
		if s.Rejected() {
			rejected[name] = true
		}
	}
	if len(rejected) != 1 || !rejected["phieu-cd-cong-doan-co-so-so.xlsx"] {
		t.Errorf("rejected demo forms = %v, want only the Công đoàn form", rejected)
	}
}
