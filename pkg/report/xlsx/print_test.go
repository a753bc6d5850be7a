package xlsx

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/thidua/thidua/internal/reporttest"
	"github.com/thidua/thidua/pkg/report"
	"github.com/thidua/thidua/pkg/score"
)

// longNames gives the sample result the long texts offices have: unit
// names and groups that wrap in their columns, and long notes.
func longNames(r *score.Result) []string {
	long := []struct{ name, group string }{
		{"Phòng Quản lý kết cấu hạ tầng giao thông", "Khối đơn vị sự nghiệp"},
		{"Trung tâm Đăng kiểm phương tiện giao thông cơ giới đường bộ số 2", "Khối phòng chuyên môn"},
		{"Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh", "Khối đơn vị sự nghiệp"},
		{"Văn phòng Sở", "Khối đoàn thể và tổ chức chính trị - xã hội"},
		{"WWWWW MMMMM WWWWW MMMMM WWWWW", "Khối đơn vị sự nghiệp"},
		{"Chi cục Đường thủy nội địa khu vực phía Bắc (cơ sở 2)", "Khối đơn vị sự nghiệp"},
	}
	var want []string
	for i := range r.Units {
		l := long[i%len(long)]
		r.Units[i].Name, r.Units[i].Group = l.name, l.group
		want = append(want, l.name, l.group)
	}
	// the long notes on a unit whose name is short, so that they alone
	// make their row's height
	r.Units[3].Flags = []string{score.FlagLate, score.FlagNoTop, score.FlagCouncil, score.FlagNotOnRos, "ghi chú dài của Hội đồng về việc xét lại"}
	want = append(want, strings.Join(r.Units[3].Flags, "; "))
	return want
}

// TestPrintShowsLongText prints "Tổng hợp" with LibreOffice (when
// installed) and checks that every long unit name, group and note is on
// the page whole: a row too low for its wrapped text prints it cut.
func TestPrintShowsLongText(t *testing.T) {
	bin, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice not installed (apt-get install libreoffice-calc-nogui)")
	}
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext not installed (apt-get install poppler-utils)")
	}
	if testing.Short() {
		t.Skip("short")
	}
	r := reporttest.Result()
	want := longNames(r)
	dir := t.TempDir()
	path := filepath.Join(dir, "tong-hop.xlsx")
	if err := os.WriteFile(path, write(t, r, report.Meta{Date: created, Org: report.Organization{Name: "SỞ GIAO THÔNG VẬN TẢI"}}), 0o644); err != nil {
		t.Fatal(err)
	}
	profile := filepath.Join(dir, "profile")
	cmd := exec.Command(bin, "-env:UserInstallation=file://"+profile, "--headless", "--convert-to", "pdf", "--outdir", dir, path)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	// "Tổng hợp" is the first sheet: its six units print on page 1.
	out, err := exec.Command(pdftotext, "-raw", "-enc", "UTF-8", "-l", "1", filepath.Join(dir, "tong-hop.pdf"), "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v\n%s", err, out)
	}
	page := strings.Join(strings.Fields(string(out)), " ")
	if !strings.Contains(page, "BẢNG TỔNG HỢP") {
		t.Fatalf("page 1 is not Tổng hợp:\n%s", page)
	}
	for _, w := range want {
		if !strings.Contains(page, w) {
			t.Errorf("the print of Tổng hợp lacks %q", w)
		}
	}
	// pdftotext reads text a cell's clip hides too: LibreOffice clips a
	// cell's text only when it overflows the cell, so a clip around a
	// cell's text that cuts one of its lines is a cut text.
	pdf, err := os.ReadFile(filepath.Join(dir, "tong-hop.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	streams := pageStreams(t, pdf)
	if len(streams) == 0 {
		t.Fatal("no page content in LibreOffice's PDF")
	}
	for _, c := range cutCells(streams[0]) {
		t.Errorf("page 1 (Tổng hợp): a cell's text is cut by its row: %s", c)
	}
	if t.Failed() {
		t.Logf("page 1:\n%s", page)
	}
}

// pageStreams returns the inflated content streams of a PDF, in the order
// they are stored (LibreOffice stores page 1's first).
func pageStreams(t *testing.T, pdf []byte) []string {
	t.Helper()
	var out []string
	for _, m := range streamRe.FindAllSubmatchIndex(pdf, -1) {
		dict := pdf[m[2]:m[3]]
		if !bytes.Contains(dict, []byte("/FlateDecode")) || bytes.Contains(dict, []byte("/Type")) || bytes.Contains(dict, []byte("/Length1")) {
			continue
		}
		end := bytes.Index(pdf[m[1]:], []byte("endstream"))
		if end < 0 {
			continue
		}
		zr, err := zlib.NewReader(bytes.NewReader(pdf[m[1] : m[1]+end]))
		if err != nil {
			continue
		}
		b, err := io.ReadAll(zr)
		if err != nil || !bytes.Contains(b, []byte("BT")) {
			continue
		}
		out = append(out, string(b))
	}
	return out
}

var (
	streamRe = regexp.MustCompile(`(?s)<<((?:[^<>]|<<[^<>]*>>)*)>>\s*stream\r?\n`)
	// a clip rectangle LibreOffice sets around an overflowing cell, then
	// the cell's lines of text until the clip is dropped
	clipRe = regexp.MustCompile(`(?s)q ([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+) re\s+W\*? n\s+((?:q [^\n]*\s+BT\s+[^\n]*?Td[^\n]*\s+ET\s+Q\s+)+)`)
	tdRe   = regexp.MustCompile(`([-\d.]+) ([-\d.]+) Td /F\d+ ([\d.]+) Tf`)
)

// cutCells returns the clips of a content stream that cut a line of
// their text: a baseline below the clip, or a line's top above it.
func cutCells(content string) []string {
	var cut []string
	for _, m := range clipRe.FindAllStringSubmatch(content, -1) {
		y, h := atof(m[2]), atof(m[4])
		lo, hi := min(y, y+h), max(y, y+h)
		for _, td := range tdRe.FindAllStringSubmatch(m[5], -1) {
			base, size := atof(td[2]), atof(td[3])
			if base-0.25*size < lo-0.5 || base+0.75*size > hi+0.5 {
				cut = append(cut, fmt.Sprintf("clip y %.1f–%.1f, a line at %.1f (%.1f pt)", lo, hi, base, size))
				break
			}
		}
	}
	return cut
}

func atof(s string) float64 { f, _ := strconv.ParseFloat(s, 64); return f }
