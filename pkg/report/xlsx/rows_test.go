package xlsx

import (
	"bytes"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// excelizeRows writes rows through excelize's own stream writer and
// returns what it puts between <sheetData> and </sheetData>.
func excelizeRows(t *testing.T, rows [][]cell, heights []float64) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		vals := make([]any, len(r))
		for j, c := range r {
			switch c.kind {
			case cellText:
				vals[j] = excelize.Cell{StyleID: c.style, Value: c.text}
			case cellNum:
				vals[j] = excelize.Cell{StyleID: c.style, Value: c.num}
			case cellFormula:
				vals[j] = excelize.Cell{StyleID: c.style, Formula: c.text, Value: c.num}
			default:
				vals[j] = excelize.Cell{StyleID: c.style}
			}
		}
		if err := sw.SetRow(ref(1, i+1), vals, excelize.RowOpts{Height: heights[i]}); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	x, ok := zipFiles(t, buf.Bytes())["xl/worksheets/sheet1.xml"]
	if !ok {
		t.Fatal("no sheet1.xml")
	}
	i, j := strings.Index(x, "<sheetData>"), strings.Index(x, string(sheetDataEnd))
	if i < 0 || j < i {
		t.Fatalf("no sheetData in %.300s", x)
	}
	return []byte(x[i+len("<sheetData>") : j])
}

// TestRowWriterMatchesExcelize writes the same rows with rowWriter and with
// excelize's stream writer: the XML must be the same, byte for byte, for
// the text, numbers and formulas the sheets hold and for text made to be
// awkward (escapes, line breaks, spaces at the ends, characters XML cannot
// hold, invalid UTF-8, "_xHHHH_", text past Excel's 32,767 characters).
func TestRowWriterMatchesExcelize(t *testing.T) {
	for seed := range uint64(8) {
		compareRowWriter(t, rand.New(rand.NewPCG(seed, 4)))
	}
}

func compareRowWriter(t *testing.T, rng *rand.Rand) {
	pieces := []string{"Trạm Y tế xã ", "Điểm", "DV0012", "1.2.a", " ", "  ", "\t", "\n", "\r\n", "\"", "'", "&", "<", ">", "&amp;",
		"\x01", "\x0b", "\xff", "\uFFFD", "\uFFFE", "🚀", "中文", "e\u0301", "_x0041_", "_x005F_", "_x005F_x0041_", "_xD800_", "_x00zz_",
		"_x", "Chấm điểm!D12", "/tmp/thidua bench/phiếu.xlsx", "0", "-", ".", "x"}
	text := func() string {
		var b strings.Builder
		for range rng.IntN(8) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		return b.String()
	}
	nums := []float64{0, 1, -1, 7.75, 0.25, 100, 12.5, -0.01, 1e20, 1e-7, 123456789012345678, 0.1 + 0.2, 1.0 / 3, math.MaxFloat64, math.NaN(), math.Inf(1), math.Inf(-1)}
	heights := []float64{0, 15.75, 17.25, 48.75, 409}
	var rows [][]cell
	var hs []float64
	for i := range 400 {
		n := 1 + rng.IntN(12)
		r := make([]cell, n)
		for j := range r {
			style := 1 + rng.IntN(20)
			switch rng.IntN(5) {
			case 0, 1:
				r[j] = textCellOf(style, text())
			case 2:
				v := nums[rng.IntN(len(nums))]
				if rng.IntN(2) == 0 {
					v = float64(rng.IntN(200000)-1000) / 100
				}
				r[j] = numCell(style, v)
			case 3:
				r[j] = cell{kind: cellFormula, style: style, text: "SUM(F" + text() + `,"a<b")`, num: float64(rng.IntN(10000)) / 100}
			default:
				r[j] = emptyCell(style)
			}
		}
		if i%97 == 5 {
			r[0] = textCellOf(3, strings.Repeat("Đánh giá 🚀 ", 3500)) // past 32,767 UTF-16 units
		}
		rows = append(rows, r)
		hs = append(hs, heights[rng.IntN(len(heights))])
	}
	want := excelizeRows(t, rows, hs)
	var got bytes.Buffer
	rw := newRowWriter(&got)
	for i, r := range rows {
		rw.row(i+1, hs[i], r)
	}
	if err := rw.flush(); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want) {
		g, w := got.Bytes(), want
		i := 0
		for i < len(g) && i < len(w) && g[i] == w[i] {
			i++
		}
		lo := max(0, i-200)
		t.Fatalf("rows differ at byte %d:\nrowWriter: %q\nexcelize:  %q", i, g[lo:min(len(g), i+200)], w[lo:min(len(w), i+200)])
	}
}

func TestAppendColumn(t *testing.T) {
	for n, want := range map[int]string{1: "A", 10: "J", 26: "Z", 27: "AA", 52: "AZ", 703: "AAA", 16384: "XFD"} {
		if got := string(appendColumn(nil, n)); got != want {
			t.Errorf("appendColumn(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestTextLines: texts wrap word by word in Times New Roman 12 the way a
// spreadsheet wraps them (the names an office's print clipped at one line
// take two), generously, never fewer lines in a narrower column.
func TestTextLines(t *testing.T) {
	for _, tc := range []struct {
		width  float64
		text   string
		indent int
		want   int
	}{
		{34, "Văn phòng Sở", 0, 1},
		{34, "Trung tâm Đăng kiểm xe cơ giới", 0, 1},
		{26, "Khối phòng chuyên môn", 0, 1},
		{34, "Phòng Quản lý kết cấu hạ tầng giao thông", 0, 2},
		{20, "Khối đơn vị sự nghiệp", 0, 2},
		{24, "Khối đơn vị sự nghiệp", 0, 1},
		{28, "nộp muộn; không xếp loại cao nhất; cần bình xét", 0, 2},
		{10, "WWWWWWWWWWWWWWWWWWWW", 0, 6}, // a word wider than the column is broken
		{46, "một\nhai\nba", 0, 3},
		{46, "", 0, 1},
		{46, strings.Repeat("chữ ", 30), 0, 3},
		{46, strings.Repeat("chữ ", 30), 10, 5}, // indented: less room
	} {
		if got := textLines(tc.width, tc.text, tc.indent); got != tc.want {
			t.Errorf("textLines(%g, %q, %d) = %d, want %d", tc.width, tc.text, tc.indent, got, tc.want)
		}
	}
	s := "Trung tâm Đăng kiểm phương tiện giao thông cơ giới đường bộ số 2 (cơ sở 2)"
	prev := 1 << 30
	for w := 4.0; w <= 80; w++ {
		n := textLines(w, s, 0)
		if n > prev {
			t.Errorf("width %g: %d lines, more than a narrower column's %d", w, n, prev)
		}
		prev = n
	}
}

func TestPathText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"phieu/vp.xlsx", "phieu/vp.xlsx"},
		{"phieu/hoso\u202excod.xlsx", "phieu/hoso\ufffdxcod.xlsx"},
		{"a\u200bb\u2066c\u2069\x01d\u0085e", "a\ufffdb\ufffdc\ufffd\ufffdd\ufffde"},
		{"dòng 1\ndòng 2\tx", "dòng 1\ndòng 2\tx"},
		{"Phòng Kế hoạch", "Phòng Kế hoạch"},
	} {
		if got := pathText(tc.in); got != tc.want {
			t.Errorf("pathText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
