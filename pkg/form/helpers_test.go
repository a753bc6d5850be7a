package form_test

import (
	"context"
	"github.com/thidua/thidua/pkg/form"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/thidua/thidua/pkg/campaign"
	"github.com/thidua/thidua/pkg/config"
	"github.com/thidua/thidua/pkg/diag"
	"github.com/thidua/thidua/pkg/submission"
)

func defaultCampaign(t testing.TB) *campaign.Campaign {
	t.Helper()
	cfg, err := config.Load(config.LoadOptions{NoConfig: true})
	if err != nil {
		t.Fatal(err)
	}
	return &cfg.Campaign
}

// readBytes reads data as a form named name against c.
func readBytes(t testing.TB, c *campaign.Campaign, name string, data []byte) *submission.Submission {
	t.Helper()
	return form.ReadBytes(context.Background(), name, data, form.ReadOptions{Campaign: c, TmpDir: t.TempDir()})
}

// codes returns the distinct diagnostic codes of l, sorted.
func codes(l diag.List) []string {
	m := map[string]bool{}
	for _, d := range l {
		m[d.Code] = true
	}
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func dump(l diag.List) string {
	var b strings.Builder
	for _, d := range l {
		b.WriteString("\n  " + d.Line("vi"))
	}
	return b.String()
}

// selfOf returns the self-score of code, or -1 when the form has no set
// self-score for it.
func selfOf(s *submission.Submission, code string) campaign.Points {
	ln, ok := s.Line(code)
	if !ok || !ln.Self.Set {
		return -1
	}
	return ln.Self.Points
}

// python returns a python3 that can import openpyxl ($THIDUA_PYTHON first),
// or skips the test.
func python(t testing.TB) string {
	t.Helper()
	for _, p := range []string{os.Getenv("THIDUA_PYTHON"), "python3", "/usr/bin/python3"} {
		if p == "" {
			continue
		}
		if path, err := exec.LookPath(p); err == nil {
			if exec.Command(path, "-c", "import openpyxl").Run() == nil {
				return path
			}
		}
	}
	t.Skip("python3-openpyxl is not installed")
	return ""
}

// soffice returns the LibreOffice binary, or "" when it is not installed.
func soffice() string {
	for _, p := range []string{"soffice", "libreoffice"} {
		if path, err := exec.LookPath(p); err == nil {
			return path
		}
	}
	return ""
}

// convert saves src with LibreOffice as format ("xls", "xlsx") into dir and
// returns the new file's path.
func convert(t testing.TB, src, format, dir string) string {
	t.Helper()
	so := soffice()
	if so == "" {
		t.Skip("LibreOffice is not installed")
	}
	profile := "file://" + filepath.Join(dir, ".lo-profile")
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, so, "-env:UserInstallation="+profile, "--headless", "--convert-to", format, "--outdir", dir, src)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	out := filepath.Join(dir, strings.TrimSuffix(filepath.Base(src), filepath.Ext(src))+"."+format)
	if _, err := os.Stat(out); err != nil {
		t.Fatalf("soffice wrote no %s: %v", out, err)
	}
	return out
}

// fillScript fills a form made by WriteTemplate with openpyxl: argv[1] the
// template, argv[2] the output, then "code=value" pairs (values with a
// comma are written as text, others as numbers) and "@Label=value" for
// the "Thông tin" sheet.
const fillScript = `
import sys, openpyxl
src, dst = sys.argv[1], sys.argv[2]
wb = openpyxl.load_workbook(src)
info, score = wb["Thông tin"], wb["Chấm điểm"]
rows = {}
for r in range(1, score.max_row + 1):
    v = score.cell(row=r, column=1).value
    if v is not None:
        rows[str(v).strip()] = r
labels = {}
for r in range(1, info.max_row + 1):
    v = info.cell(row=r, column=1).value
    if v is not None:
        labels[str(v).strip()] = r
for arg in sys.argv[3:]:
    k, v = arg.split("=", 1)
    if k.startswith("@"):
        info.cell(row=labels[k[1:]], column=2).value = v
        continue
    score.cell(row=rows[k], column=4).value = v if "," in v else float(v)
wb.save(dst)
`

// fillArgs are the fillScript arguments of the filled forms of the tests:
// the "Thông tin" labels and goodScores as numbers (a score typed as text
// would make the sheet's own SUM of its parent row wrong, which the reader
// rightly warns about).
func fillArgs(c *campaign.Campaign) []string {
	args := []string{"@Đơn vị=Văn phòng Sở", "@Mã đơn vị=VP", "@Người lập=Nguyễn Thị Bình", "@Ngày lập=05/10/2026"}
	for _, code := range goodScores(c).Codes() {
		args = append(args, code+"="+goodScores(c)[code].V)
	}
	return args
}

// checkFilled checks a form filled with fillArgs read clean and right.
func checkFilled(t *testing.T, c *campaign.Campaign, s *submission.Submission) {
	t.Helper()
	if len(s.Diags) != 0 {
		t.Errorf("%s: diagnostics:%s", s.Path, dump(s.Diags))
	}
	if s.Unit != "Văn phòng Sở" || s.UnitCode != "VP" || s.Preparer != "Nguyễn Thị Bình" || s.Date.Format("2006-01-02") != "2026-10-05" || s.Period.Code() != "2026-Q3" {
		t.Errorf("%s: info %q %q %q %v %v", s.Path, s.Unit, s.UnitCode, s.Preparer, s.Date, s.Period)
	}
	for code, cell := range goodScores(c) {
		want, _ := campaign.ParsePoints(cell.V)
		if got := selfOf(s, code); got != want {
			t.Errorf("%s: self %s = %v, want %v", s.Path, code, got, want)
		}
	}
	// Parent rows: formulas (cached by LibreOffice, calculated otherwise).
	if got := selfOf(s, "1"); got != 1950 {
		t.Errorf("%s: parent 1 = %v, want 19.5", s.Path, got)
	}
}
