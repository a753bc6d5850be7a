package pdf

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/thidua/thidua/pkg/diag"
	"github.com/thidua/thidua/pkg/report"
	"github.com/thidua/thidua/pkg/score"
	"github.com/thidua/thidua/pkg/vntext"
)

// tool returns the path of a poppler/qpdf binary, skipping the test only
// when it is not installed.
func tool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Skipf("%s not installed (apt-get install poppler-utils qpdf)", name)
	}
	return p
}

// render writes r to a temporary file and returns its path and bytes.
func render(t *testing.T, r *score.Result, o report.Meta) (string, []byte, diag.List) {
	t.Helper()
	var buf bytes.Buffer
	ds, err := Write(&buf, r, o)
	if err != nil {
		t.Fatalf("Write: %v", err)
	}
	path := filepath.Join(t.TempDir(), "bao-cao.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, buf.Bytes(), ds
}

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(tool(t, name), args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
	return string(out)
}

// text is pdftotext's output of pages first…last (0 = to the end) in
// drawing order (-raw: a wrapped table cell stays together), white space
// collapsed.
func text(t *testing.T, path string, first, last int) string {
	t.Helper()
	args := []string{"-enc", "UTF-8", "-raw"}
	if first > 0 {
		args = append(args, "-f", itoa(first))
	}
	if last > 0 {
		args = append(args, "-l", itoa(last))
	}
	out := run(t, "pdftotext", append(args, path, "-")...)
	return strings.Join(strings.Fields(out), " ")
}

func itoa(i int) string { return strconv.Itoa(i) }

func pages(t *testing.T, path string) int {
	t.Helper()
	m := regexp.MustCompile(`Pages:\s+(\d+)`).FindStringSubmatch(run(t, "pdfinfo", path))
	if m == nil {
		t.Fatal("pdfinfo: no page count")
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

func TestRealisticReport(t *testing.T) {
	r := realistic(t)
	o := opts()
	path, _, ds := render(t, r, o)
	if len(ds) != 0 {
		t.Errorf("unexpected diagnostics: %v", ds)
	}
	all := text(t, path, 0, 0)
	want := []string{
		"UBND TỈNH HÀ NAM", "SỞ GIAO THÔNG VẬN TẢI", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
		"Độc lập - Tự do - Hạnh phúc", "Số: /BC-SGTVT", "Hà Nam, ngày 05 tháng 01 năm 2026", "BÁO CÁO",
		"Kết quả chấm điểm thi đua “Cả nước đoàn kết, chung sức, đồng lòng thi đua phòng, chống và chiến thắng đại dịch Covid-19” quý IV năm 2025",
		"KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Văn A", "Nơi nhận:", "- Ban Thi đua - Khen thưởng tỉnh;", "- Lưu: VT, VP.",
		"Phụ lục", "BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM THI ĐUA QUÝ IV NĂM 2025",
		"(Kèm theo Báo cáo số /BC-SGTVT ngày 05/01/2026 của Sở Giao thông vận tải)",
		// narrative figures
		"12 đơn vị", "Thanh tra Sở và Công đoàn cơ sở Sở", "nộp muộn (Phòng Quản lý vận tải)",
		"lý do: điểm tự chấm 12 vượt điểm tối đa 10 (tiêu chí 1.1)", "Xuất sắc: 2 đơn vị (20%)",
		"1.2: 8 → 7,5 điểm",
	}
	for _, w := range want {
		if !strings.Contains(all, w) {
			t.Errorf("pdftotext lacks %q", w)
		}
	}
	for _, u := range r.Units {
		if !strings.Contains(all, u.Name) {
			t.Errorf("unit %q not in the text", u.Name)
		}
	}
	for _, bad := range []string{"<no value>", "%!", "{{", "@chart"} {
		if strings.Contains(all, bad) {
			t.Errorf("template residue %q in the text", bad)
		}
	}
	if !regexp.MustCompile(`Điểm trung bình của 10 đơn vị là \d+(,\d\d?)? điểm`).MatchString(all) {
		t.Errorf("average sentence missing or not in Vietnamese style")
	}

	// page numbers: none on page 1, page 2 starts with "2", annex page 1 has none
	if p1 := text(t, path, 1, 1); !strings.HasPrefix(p1, "UBND TỈNH HÀ NAM") {
		t.Errorf("page 1 starts with %q", p1[:min(40, len(p1))])
	}
	if p2 := text(t, path, 2, 2); !strings.HasPrefix(p2, "2 ") {
		t.Errorf("page 2 starts with %q, want its number", p2[:min(40, len(p2))])
	}
	// the annex starts a page; its notes may run onto the next
	n := pages(t, path)
	annexStart := false
	for p := n - 1; p <= n; p++ {
		annexStart = annexStart || strings.HasPrefix(text(t, path, p, p), "Phụ lục")
	}
	if !annexStart {
		t.Errorf("no page of the last two starts with the annex's label")
	}

	// fonts: only embedded Liberation Serif
	fonts := strings.Split(strings.TrimSpace(run(t, "pdffonts", path)), "\n")
	if len(fonts) < 3 {
		t.Fatalf("pdffonts: %v", fonts)
	}
	// named by their PostScript names with a subset tag, not gofpdf's
	// "utf8liberationserifB"
	psName := regexp.MustCompile(`^[A-Z]{6}\+LiberationSerif(-Bold|-Italic|-BoldItalic)?$`)
	styles := map[string]bool{}
	for _, l := range fonts[2:] {
		f := strings.Fields(l)
		if !psName.MatchString(f[0]) {
			t.Errorf("font %q is not named as Liberation Serif's subset", f[0])
		}
		styles[f[0][7:]] = true
		if !strings.Contains(l, "CID TrueType") || !regexp.MustCompile(`\byes\s+yes\s+yes\b`).MatchString(l) {
			t.Errorf("font not embedded as a subset with a ToUnicode map: %q", l)
		}
	}
	if len(styles) != 4 {
		t.Errorf("fonts %v, want the four styles", styles)
	}
	// A4 portrait
	if info := run(t, "pdfinfo", path); !strings.Contains(info, "595.28 x 841.89 pts (A4)") {
		t.Errorf("pdfinfo: not A4:\n%s", info)
	}
	run(t, "qpdf", "--check", path)
}

// TestNumberGiven: the number is printed in the letterhead and in the
// annex's "Kèm theo" line, with a leading zero below 10 ("--number 5" is
// "Số: 05/BC-…", as the decree writes it).
func TestNumberGiven(t *testing.T) {
	for _, tc := range []struct{ number, want string }{{"15", "15"}, {"5", "05"}} {
		o := opts()
		o.Number = tc.number
		path, _, _ := render(t, realistic(t), o)
		all := text(t, path, 0, 0)
		for _, w := range []string{"Số: " + tc.want + "/BC-SGTVT", "(Kèm theo Báo cáo số " + tc.want + "/BC-SGTVT ngày 05/01/2026"} {
			if !strings.Contains(all, w) {
				t.Errorf("--number %s: missing %q", tc.number, w)
			}
		}
	}
}

func TestDeterministic(t *testing.T) {
	r := realistic(t)
	o := opts()
	o.UnitSheets = true
	var a, b bytes.Buffer
	if _, err := Write(&a, r, o); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(&b, realistic(t), o); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("two renders of the same inputs differ")
	}
	o.Date = o.Date.Add(24 * time.Hour)
	var c bytes.Buffer
	if _, err := Write(&c, r, o); err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(a.Bytes(), c.Bytes()) {
		t.Fatal("another date gave the same bytes")
	}
}

func TestUndrawableCharacters(t *testing.T) {
	r := realistic(t)
	r.Units[0].Name = "Tổ công tác 😀 中 Việt"
	r.Units[1].Name = "Phòng  To\u0302\u0309 chức" // NFD: normalised, not replaced
	path, _, ds := render(t, r, opts())
	if len(ds) != 1 {
		t.Fatalf("want one TD531 warning, got %v", ds)
	}
	d := ds[0]
	if d.Code != "TD531" || d.Severity != diag.Warning {
		t.Errorf("diagnostic %+v", d)
	}
	msg := d.Message("vi")
	for _, w := range []string{"U+1F600", "U+4E2D", "Tổ công tác"} {
		if !strings.Contains(msg, w) {
			t.Errorf("message %q lacks %q", msg, w)
		}
	}
	if en := d.Message("en"); !strings.Contains(en, "cannot draw") {
		t.Errorf("english message %q", en)
	}
	all := text(t, path, 0, 0)
	if !strings.Contains(all, "Tổ công tác ? ? Việt") {
		t.Errorf("replaced name not in the text")
	}
	if !strings.Contains(all, "Phòng Tổ chức") {
		t.Errorf("NFD name not normalised to NFC in the text")
	}
	run(t, "qpdf", "--check", path)
}

func TestLargeRoster(t *testing.T) {
	r := synthetic(t, 200)
	path, _, ds := render(t, r, opts())
	if len(ds) != 0 {
		t.Errorf("diagnostics: %v", ds)
	}
	run(t, "qpdf", "--check", path)
	all := text(t, path, 0, 0)
	for _, u := range r.Units {
		if !strings.Contains(all, u.Name+" ") && !strings.HasSuffix(all, u.Name) {
			t.Errorf("unit %q not in the text", u.Name)
		}
	}
	if !strings.Contains(all, "15 đơn vị điểm cao nhất và 15 đơn vị điểm thấp nhất trong 200 đơn vị") {
		t.Error("the chart of a long roster does not say it shows the ends only")
	}
	// every annex page repeats the header; its pages are numbered from 1
	n := pages(t, path)
	annex := 0
	for p := 1; p <= n; p++ {
		pt := text(t, path, p, p)
		if strings.HasPrefix(pt, "Phụ lục") {
			annex = p
		}
		if annex == 0 || p == annex {
			continue
		}
		// a page of notes only: "Ghi chú:", or the notes running on
		notesOnly := strings.HasPrefix(pt, itoa(p-annex+1)+" Ghi chú:") || strings.HasPrefix(pt, itoa(p-annex+1)+" - ")
		if !notesOnly && (!strings.Contains(pt, "STT") || !strings.Contains(pt, "Tổng điểm")) {
			t.Errorf("annex page %d has no header row: %.300s", p, pt)
		}
		if want := itoa(p-annex+1) + " "; !strings.HasPrefix(pt, want) {
			t.Errorf("annex page %d starts with %q, want number %q", p, pt[:min(20, len(pt))], want)
		}
	}
	if annex == 0 || n-annex < 3 {
		t.Fatalf("annex at page %d of %d: the 200-unit table should take several pages", annex, n)
	}
}

func TestAnnexColumns(t *testing.T) {
	r := realistic(t)
	for i := range r.Units {
		u := &r.Units[i]
		u.Quarters = []score.QuarterTotal{
			{Period: vntext.Period{Year: 2025, Kind: vntext.Quarter, N: 3}, Total: u.Total - 100, Present: true},
			{Period: vntext.Period{Year: 2025, Kind: vntext.Quarter, N: 4}, Total: u.Total + 100, Present: i != 2},
		}
		switch i {
		case 0:
			u.Change = &score.Change{Points: 250, Rank: 1, Known: true}
		case 1:
			u.Change = &score.Change{Points: -125, Rank: -1, Known: true}
		case 2:
			u.Change = &score.Change{}
		}
	}
	r.Period = vntext.Period{Year: 2025, Kind: vntext.Half, N: 2}
	path, _, _ := render(t, r, opts())
	all := text(t, path, 0, 0)
	for _, w := range []string{"Quý III 2025", "Quý IV 2025", "▲ 2,5", "▼ 1,25", "mới", "6 THÁNG CUỐI NĂM 2025"} {
		if !strings.Contains(all, w) {
			t.Errorf("annex lacks %q", w)
		}
	}
	run(t, "qpdf", "--check", path)
}

func TestUnitSheets(t *testing.T) {
	r := realistic(t)
	o := opts()
	o.UnitSheets = true
	path, _, _ := render(t, r, o)
	all := text(t, path, 0, 0)
	for _, w := range []string{"Phụ lục I ", "Phụ lục II", "PHIẾU CHẤM ĐIỂM THI ĐUA CỦA CÁC ĐƠN VỊ", "TỔNG ĐIỂM", "Thẩm định"} {
		if !strings.Contains(all, w) {
			t.Errorf("missing %q", w)
		}
	}
	// one sheet per unit: each unit's heading "Name (CODE)", one page each
	for _, u := range r.Units {
		if !strings.Contains(all, u.Name+" ("+u.Code+")") {
			t.Errorf("no sheet for %s", u.Code)
		}
	}
	n := pages(t, path)
	first := 0
	for p := 1; p <= n && first == 0; p++ {
		if strings.HasPrefix(text(t, path, p, p), "Phụ lục II") {
			first = p
		}
	}
	if first == 0 || n-first+1 != len(r.Units) {
		t.Errorf("Phụ lục II from page %d of %d: want one page for each of %d units", first, n, len(r.Units))
	}
	if p := text(t, path, first+1, first+1); !strings.HasPrefix(p, "2 "+r.Units[1].Name) {
		t.Errorf("second sheet page starts with %q", p[:min(60, len(p))])
	}
	run(t, "qpdf", "--check", path)
}

func TestNarrativeTemplate(t *testing.T) {
	r := realistic(t)
	o := opts()
	o.Narrative = `{{define "trich-yeu"}}Tổng hợp riêng {{.PeriodLower}}{{end}}
# I. PHẦN RIÊNG
Có {{.Scored}} đơn vị,
điểm cao nhất {{.HighestTotal}} ({{list .Highest}}).

- Ý thứ nhất
@chart`
	path, _, _ := render(t, r, o)
	all := text(t, path, 0, 0)
	for _, w := range []string{"Tổng hợp riêng quý IV năm 2025", "I. PHẦN RIÊNG", "Có 10 đơn vị, điểm cao nhất", "- Ý thứ nhất", "Biểu đồ tổng điểm"} {
		if !strings.Contains(all, w) {
			t.Errorf("missing %q", w)
		}
	}
	if strings.Contains(all, "TÌNH HÌNH TỔ CHỨC") {
		t.Error("the embedded template was used")
	}

	for _, bad := range []string{"{{.Nope}}", "{{if}}", "{{template \"x\"}}"} {
		o.Narrative = bad
		var buf bytes.Buffer
		_, err := Write(&buf, r, o)
		var de *diag.Err
		if !errors.As(err, &de) || de.Key != "pdf.template" {
			t.Errorf("template %q: error %v, want pdf.template", bad, err)
		}
		if buf.Len() != 0 {
			t.Errorf("template %q: %d bytes written after an error", bad, buf.Len())
		}
	}
}

func TestEmptyResult(t *testing.T) {
	c, roster := defaultConfig(t)
	r := &score.Result{Campaign: c, Period: vntext.Period{Year: 2026, Kind: vntext.Year}, Missing: roster,
		Summary: score.Summary{Expected: len(roster), Missing: len(roster)}}
	path, _, _ := render(t, r, opts())
	all := text(t, path, 0, 0)
	if !strings.Contains(all, "chưa có đơn vị nào được chấm điểm") {
		t.Error("empty result: no sentence saying so")
	}
	run(t, "qpdf", "--check", path)
	if _, err := Write(&bytes.Buffer{}, nil, opts()); err == nil {
		t.Error("nil result: no error")
	}
}

func TestOddResults(t *testing.T) {
	tests := []struct {
		name string
		r    *score.Result
	}{
		{"no campaign", &score.Result{Units: []score.UnitResult{{Code: "A", Name: "Đơn vị A", Total: 5000}, {Name: "Không mã", Total: 0}}}},
		{"zero period", &score.Result{Campaign: realistic(t).Campaign, Units: realistic(t).Units}},
		{"units without contents", &score.Result{Campaign: realistic(t).Campaign, Units: []score.UnitResult{{Code: "X", Name: "X", Band: "Không có", Total: 12000, Rank: 1}}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := opts()
			o.UnitSheets = true
			o.Org.Parent, o.Org.Place, o.Org.Abbreviation, o.Signer.Authority = "", "", "", ""
			path, _, _ := render(t, tc.r, o)
			run(t, "qpdf", "--check", path)
			all := text(t, path, 0, 0)
			for _, u := range tc.r.Units {
				if !strings.Contains(all, u.Name) {
					t.Errorf("unit %q not in the text", u.Name)
				}
			}
			if !strings.Contains(all, "Ngày 05 tháng 01 năm 2026") || !strings.Contains(all, "Số: /BC ") {
				t.Errorf("date or number line wrong without place and abbreviation")
			}
		})
	}
}

func TestTemplateWithUndrawable(t *testing.T) {
	o := opts()
	o.Narrative = "Chúc mừng 🎉 các đơn vị."
	path, _, ds := render(t, realistic(t), o)
	if len(ds) != 1 || ds[0].Code != "TD531" || !strings.Contains(ds[0].Message("vi"), "Chúc mừng") {
		t.Fatalf("diagnostics %v", ds)
	}
	if all := text(t, path, 0, 0); !strings.Contains(all, "Chúc mừng ? các đơn vị.") {
		t.Error("replaced paragraph not in the text")
	}
}

func TestAnnexByGroup(t *testing.T) {
	r := realistic(t)
	o := opts()
	o.Annex = report.AnnexByGroup
	groups := report.RankingGroups(r, nil, nil)
	if len(groups) < 2 {
		t.Fatalf("the fixture has %d groups", len(groups))
	}
	path, _, _ := render(t, r, o)
	all := text(t, path, 0, 0)
	annex := all[strings.Index(all, "BẢNG TỔNG HỢP KẾT QUẢ"):]
	if strings.Contains(annex, "Khối thi đua") {
		t.Error("the annex by group still has the group column")
	}
	// each group's heading, in order, then its table with the units in
	// group-rank order, numbered from 1
	at := 0
	for _, g := range groups {
		i := strings.Index(annex[at:], g.Heading+" STT ")
		if i < 0 {
			t.Fatalf("no heading %q followed by a table after %d", g.Heading, at)
		}
		at += i
		for k, ri := range g.Rows {
			u := r.Units[ri]
			j := strings.Index(annex[at:], itoa(k+1)+" "+u.Name)
			if j < 0 {
				t.Errorf("group %q: row %d is not %q", g.Heading, k+1, u.Name)
				continue
			}
			at += j
		}
	}
	run(t, "qpdf", "--check", path)
}

// TestAnnexDecimals: a column of the annex writes every figure with the
// same decimals ("94,00" beside "99,25"), and a column of whole numbers
// none.
func TestAnnexDecimals(t *testing.T) {
	r := realistic(t)
	r.Units[0].Total, r.Units[1].Total = 9925, 9400
	for i := range r.Units {
		r.Units[i].Bonus = 0
	}
	r.Units[0].Bonus = 500
	path, _, _ := render(t, r, opts())
	n := pages(t, path)
	annex := ""
	for p := n; p >= 1; p-- {
		if pt := text(t, path, p, p); strings.HasPrefix(pt, "Phụ lục") {
			annex = pt
			break
		}
	}
	for _, w := range []string{" 99,25 ", " 94,00 "} {
		if !strings.Contains(annex, w) {
			t.Errorf("annex lacks %q", w)
		}
	}
	for _, u := range r.Units {
		if want := " " + report.FixedVI(u.Total, 2) + " "; !strings.Contains(annex, want) {
			t.Errorf("total of %s not written %q", u.Code, want)
		}
	}
	// the bonus column holds whole numbers only: "5" and "0", never "5,00"
	if strings.Contains(annex, " 5,00 ") || strings.Contains(annex, " 0,00 0 ") {
		t.Errorf("a column of whole numbers got decimals: %s", annex)
	}
}

// TestChartShortNames: the chart's axis shows the units' short names (the
// roster's short:, else the shortened name), never their codes.
func TestChartShortNames(t *testing.T) {
	r := realistic(t)
	r.Units[0].Short = "Tên ngắn riêng"
	path, _, _ := render(t, r, opts())
	all := " " + text(t, path, 0, 0) + " "
	if !strings.Contains(all, "Tên ngắn riêng") {
		t.Error("the roster's short name is not on the chart")
	}
	for _, u := range r.Units {
		if strings.Contains(all, " "+u.Code+" ") {
			t.Errorf("unit code %q is shown", u.Code)
		}
	}
	for _, w := range []string{"Văn phòng", "Đăng kiểm xe cơ giới", "Đoàn Thanh niên"} {
		if !strings.Contains(all, w) {
			t.Errorf("short name %q not shown", w)
		}
	}
}
