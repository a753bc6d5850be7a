package form_test

import (
	"context"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/thidua/thidua/pkg/campaign"
	"github.com/thidua/thidua/pkg/form"
	ft "github.com/thidua/thidua/pkg/form/formtest"
)

var update = flag.Bool("update", false, "regenerate the fixtures in testdata/forms (needs python3-openpyxl and LibreOffice)")

const fixtureDir = "../../testdata/forms"

// fixture is a committed form and what reading it must give.
type fixture struct {
	name     string
	make     func(t *testing.T, c *campaign.Campaign) []byte // nil: made by a tool (see makeToolFixtures)
	rejected bool
	codes    []string // distinct diagnostic codes
	d21      campaign.Points
}

func formBytes(f ft.Form) func(t *testing.T, c *campaign.Campaign) []byte {
	return func(t *testing.T, c *campaign.Campaign) []byte {
		f.Campaign = c
		b, err := ft.Bytes(f)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
}

func fixtures(c *campaign.Campaign) []fixture {
	base := goodForm(c)
	base.Date = time.Date(2026, 10, 5, 0, 0, 0, 0, time.UTC)
	with := func(mod func(f *ft.Form)) ft.Form {
		f := base
		f.Self = goodScores(c)
		mod(&f)
		return f
	}
	raw := func(b []byte) func(*testing.T, *campaign.Campaign) []byte {
		return func(*testing.T, *campaign.Campaign) []byte { return b }
	}
	return []fixture{
		{name: "good-template.xlsx", make: formBytes(with(func(f *ft.Form) { f.Layout.Template = true })), d21: 725},
		{name: "good-openpyxl.xlsx", d21: 725},
		{name: "good-libreoffice.xlsx", d21: 725},
		{name: "good-libreoffice.xls", d21: 725},
		{name: "messy-layout.xlsx", d21: 725, make: formBytes(with(func(f *ft.Form) {
			f.Layout = ft.Layout{TitleRows: 2, BlankRowsEvery: 3, TrailingDots: true, MergedHeader: true, NoInfoSheet: true, ExtraSheets: []string{"Bìa"},
				Columns:    []ft.Column{ft.ColCode, ft.ColTitle, ft.ColMax, ft.ColReview, ft.ColSelf, ft.ColEvidence, ft.ColNote},
				HeaderText: map[ft.Column]string{ft.ColCode: "STT", ft.ColSelf: "Điểm tự chấm", ft.ColReview: "Hội đồng chấm", ft.ColMax: "Thang điểm"}}
		}))},
		{name: "nfd.xlsx", d21: 725, make: formBytes(with(func(f *ft.Form) { f.Layout.NFD = true }))},
		{name: "tcvn3.xlsx", d21: 725, codes: []string{"TD212"}, make: formBytes(with(func(f *ft.Form) { f.Layout.Font = ".VnTime" }))},
		{name: "vni.xlsx", d21: 725, codes: []string{"TD212"}, make: formBytes(with(func(f *ft.Form) { f.Layout.Font = "VNI-Times"; f.Layout.Template = true }))},
		{name: "decimal-comma.xlsx", d21: 725, make: formBytes(with(func(f *ft.Form) {
			f.Self = f.Self.With("2.1", ft.Text("7,25"), "1.2", ft.Text("7,5"), "D1", ft.Text("-1"))
		}))},
		{name: "formulas-nocache.xlsx", d21: 725, make: formBytes(with(func(f *ft.Form) {
			f.Layout.Template = true
			f.Self = f.Self.With("2.1", ft.Calc("=7+0.25"), "1.2", ft.Calc("=4*2"))
		}))},
		{name: "not-scored.xlsx", d21: 725, codes: []string{"TD202"}, make: formBytes(with(func(f *ft.Form) { delete(f.Self, "6.2"); delete(f.Self, "T2") }))},
		{name: "over-max.xlsx", rejected: true, codes: []string{"TD204"}, d21: 725, make: formBytes(with(func(f *ft.Form) { f.Self = f.Self.With("1.2", "12") }))},
		{name: "not-a-number.xlsx", rejected: true, codes: []string{"TD203"}, d21: 725, make: formBytes(with(func(f *ft.Form) { f.Self = f.Self.With("1.3", ft.Text("đủ")) }))},
		{name: "no-unit.xlsx", rejected: true, codes: []string{"TD201"}, d21: 725, make: formBytes(with(func(f *ft.Form) { f.Unit = "" }))},
		{name: "other-table.xlsx", rejected: true, codes: []string{"TD110"}, d21: 725, make: formBytes(with(func(f *ft.Form) {
			f.Layout.Template = true
			f.FingerprintValue = "sha256:0123456789abcdef"
		}))},
		{name: "password.xlsx", rejected: true, codes: []string{"TD103"}, d21: -1, make: raw(ft.EncryptedWorkbook())},
		{name: "truncated.xlsx", rejected: true, codes: []string{"TD104"}, d21: -1, make: func(t *testing.T, c *campaign.Campaign) []byte {
			b := formBytes(base)(t, c)
			return b[:len(b)*2/3]
		}},
		{name: "empty.xlsx", rejected: true, codes: []string{"TD101"}, d21: -1, make: raw([]byte{})},
		{name: "not-a-spreadsheet.xlsx", rejected: true, codes: []string{"TD102"}, d21: -1, make: raw([]byte("Đây là thư gửi kèm, không phải phiếu chấm điểm.\n"))},
	}
}

// makeToolFixtures writes the fixtures made with openpyxl and LibreOffice.
func makeToolFixtures(t *testing.T, c *campaign.Campaign) {
	py := python(t)
	dir := t.TempDir()
	tpl := filepath.Join(dir, "tpl.xlsx")
	b, err := form.TemplateBytes(form.TemplateOptions{Campaign: c})
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(tpl, b, 0o644)
	filled := filepath.Join(dir, "good-openpyxl.xlsx")
	args := append([]string{"-c", fillScript, tpl, filled}, fillArgs(c)...)
	args = append(args, "@Kỳ báo cáo=Quý III/2026", "@Phong trào="+c.Code)
	if out, err := exec.Command(py, args...).CombinedOutput(); err != nil {
		t.Fatalf("openpyxl: %v\n%s", err, out)
	}
	copyFile(t, filled, filepath.Join(fixtureDir, "good-openpyxl.xlsx"))
	lo := t.TempDir()
	copyFile(t, convert(t, filled, "xlsx", lo), filepath.Join(fixtureDir, "good-libreoffice.xlsx"))
	copyFile(t, convert(t, filled, "xls", lo), filepath.Join(fixtureDir, "good-libreoffice.xls"))
}

func copyFile(t *testing.T, from, to string) {
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestFixtures reads every committed fixture of testdata/forms and checks
// its status, diagnostic codes and a score; -update regenerates them.
func TestFixtures(t *testing.T) {
	c := defaultCampaign(t)
	fx := fixtures(c)
	if *update {
		os.MkdirAll(fixtureDir, 0o755)
		for _, f := range fx {
			if f.make != nil {
				if err := os.WriteFile(filepath.Join(fixtureDir, f.name), f.make(t, c), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
		good, _ := os.ReadFile(filepath.Join(fixtureDir, "good-template.xlsx"))
		os.WriteFile(filepath.Join(fixtureDir, "~$good-template.xlsx"), good[:162], 0o644)
		makeToolFixtures(t, c)
	}
	for _, f := range fx {
		t.Run(f.name, func(t *testing.T) {
			path := filepath.Join(fixtureDir, f.name)
			s := form.Read(context.Background(), path, form.ReadOptions{Campaign: c, TmpDir: t.TempDir()})
			want := f.codes
			if want == nil {
				want = []string{}
			}
			if got := codes(s.Diags); !reflect.DeepEqual(got, want) {
				t.Errorf("codes = %v, want %v%s", got, want, dump(s.Diags))
			}
			if s.Rejected() != f.rejected {
				t.Errorf("rejected = %v", s.Rejected())
			}
			if got := selfOf(s, "2.1"); got != f.d21 {
				t.Errorf("self 2.1 = %v, want %v", got, f.d21)
			}
			if !f.rejected && (s.Unit != "Văn phòng Sở" || s.Period.Code() != "2026-Q3") {
				t.Errorf("unit %q period %q", s.Unit, s.Period.Code())
			}
		})
	}
	// The lock file is skipped by Collect.
	in, _ := form.Collect([]string{fixtureDir}, form.CollectOptions{})
	for _, i := range in {
		if filepath.Base(i.Path) == "~$good-template.xlsx" && (i.Skip == nil || i.Skip.Code != "TD112") {
			t.Errorf("lock file not skipped: %+v", i)
		}
	}
}

// TestXLSMatchesXLSX: the .xls LibreOffice saved gives the same lines as
// the .xlsx it came from.
func TestXLSMatchesXLSX(t *testing.T) {
	c := defaultCampaign(t)
	read := func(name string) map[string][2]campaign.Points {
		s := form.Read(context.Background(), filepath.Join(fixtureDir, name), form.ReadOptions{Campaign: c})
		out := map[string][2]campaign.Points{}
		for _, l := range s.Lines {
			out[l.Code] = [2]campaign.Points{l.Self.Points, l.Review.Points}
		}
		return out
	}
	a, b := read("good-libreoffice.xlsx"), read("good-libreoffice.xls")
	if len(a) == 0 || !reflect.DeepEqual(a, b) {
		t.Errorf("xlsx %v\n xls %v", a, b)
	}
}
