package pdf

import (
	"bytes"
	"io"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/thidua/thidua/pkg/campaign"
	"github.com/thidua/thidua/pkg/score"
	"github.com/thidua/thidua/pkg/vntext"
)

func TestCoverage(t *testing.T) {
	cov, err := covered()
	if err != nil {
		t.Fatal(err)
	}
	// every Vietnamese letter, both cases, and the symbols the report draws
	vi := "aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợpqrstuùủũúụưừửữứựvxyỳỷỹýỵ"
	must := vi + strings.ToUpper(vi) + "0123456789,.;:-–—…“”‘’()/%▲▼−=?"
	for _, r := range must {
		if !cov[r] {
			t.Errorf("%q (U+%04X) not covered by all four styles", r, r)
		}
	}
	for _, r := range "😀中あ한\U0001F4A9\u2603\uFFFD" {
		if cov[r] {
			t.Errorf("%q (U+%04X) reported as covered", r, r)
		}
	}
	for r := range cov {
		if r > 0xFFFF {
			t.Fatalf("rune above U+FFFF in the coverage: %U", r)
		}
	}
	if _, err := parseCmap([]byte("not a font")); err == nil {
		t.Error("parseCmap accepted garbage")
	}
	if _, err := parseCmap(make([]byte, 64)); err == nil {
		t.Error("parseCmap accepted zeros")
	}
}

func TestSanitizer(t *testing.T) {
	z, err := newSanitizer()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ in, want string }{
		{"Văn phòng Sở", "Văn phòng Sở"},
		{"Pho\u0300ng", "Phòng"}, // NFD → NFC
		{"a\tb\u00a0c", "a b c"},
		{"x\u200by\ufe0f", "xy"},
		{"Tổ 😀 中", "Tổ ? ?"},
		{"\U0001F600", "?"},
	}
	for _, tc := range tests {
		if got := z.clean(tc.in); got != tc.want {
			t.Errorf("clean(%q) = %q, want %q", tc.in, got, tc.want)
		}
		// the cache must not hide a second report of the same text
		if got := z.clean(tc.in); got != tc.want {
			t.Errorf("second clean(%q) = %q", tc.in, got)
		}
	}
	rep := z.replaced()
	if len(rep) != 2 || rep[0].place != "Tổ 😀 中" || !reflect.DeepEqual(rep[0].runes, []rune{'中', '😀'}) {
		t.Errorf("replaced = %+v", rep)
	}
	long := strings.Repeat("ạ", 100) + "😀"
	z.clean(long)
	rep = z.replaced()
	if p := rep[len(rep)-1].place; utf8.RuneCountInString(p) != 60 || !strings.HasSuffix(p, "…") {
		t.Errorf("long place not shortened: %q", p)
	}
}

func TestParseBlocks(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []block
	}{
		{"paragraphs", "Một\nhai\n\n\nBa", []block{{blkPara, "Một hai"}, {blkPara, "Ba"}}},
		{"heading", "# I. KẾT QUẢ\nVăn bản", []block{{blkHeading, "I. KẾT QUẢ"}, {blkPara, "Văn bản"}}},
		{"dashes", "Mở:\n- a;\n- b\n  tiếp.\nSau", []block{{blkPara, "Mở:"}, {blkDash, "- a;"}, {blkDash, "- b tiếp. Sau"}}},
		{"chart", "A\n@chart\nB", []block{{blkPara, "A"}, {blkChart, ""}, {blkPara, "B"}}},
		{"spaces", "  a   b  \n\t\n", []block{{blkPara, "a b"}}},
		{"hash word", "#hashtag text", []block{{blkPara, "#hashtag text"}}},
		{"empty", "\n\n", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := parseBlocks(tc.in); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestHelpers(t *testing.T) {
	refs := func(ns ...string) []UnitRef {
		var out []UnitRef
		for _, n := range ns {
			out = append(out, UnitRef{Name: n})
		}
		return out
	}
	for _, tc := range []struct {
		in   []UnitRef
		want string
	}{{nil, ""}, {refs("A"), "A"}, {refs("A", "B"), "A và B"}, {refs("A", "B", "C"), "A, B và C"}} {
		if got := listNames(tc.in); got != tc.want {
			t.Errorf("listNames(%v) = %q, want %q", tc.in, got, tc.want)
		}
	}
	for _, tc := range []struct{ in, want string }{
		{"SỞ GIAO THÔNG VẬN TẢI", "Sở Giao thông vận tải"},
		{"UBND TỈNH HÀ NAM", "UBND tỉnh Hà Nam"},
		{"BAN QUẢN LÝ DỰ ÁN", "Ban Quản lý dự án"},
		{"TRUNG TÂM ĐĂNG KIỂM", "Trung tâm Đăng kiểm"},
		{"Sở Tài chính", "Sở Tài chính"},
		{"", ""},
	} {
		if got := agencyName(tc.in); got != tc.want {
			t.Errorf("agencyName(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	for _, tc := range []struct{ a, b, want int64 }{{7, 2, 4}, {5, 2, 3}, {4, 3, 1}, {0, 5, 0}, {9, 0, 0}, {-7, 2, -4}} {
		if got := divRound(tc.a, tc.b); got != tc.want {
			t.Errorf("divRound(%d, %d) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
	for _, tc := range []struct{ top, want campaign.Points }{{11000, 1000}, {10000, 1000}, {100000, 10000}, {2000, 200}, {500, 100}, {100, 100}} {
		if got := niceStep(tc.top); got != tc.want {
			t.Errorf("niceStep(%d) = %d, want %d", tc.top, got, tc.want)
		}
	}
	for _, tc := range []struct{ code, name, want string }{{"VP", "Văn phòng Sở", "VP"}, {"", "đoàn thanh niên", "ĐTN"}} {
		if got := chartLabel(tc.code, tc.name); got != tc.want {
			t.Errorf("chartLabel(%q, %q) = %q, want %q", tc.code, tc.name, got, tc.want)
		}
	}
	if got := shortTitle("Giữ vững ổn định; đấu tranh"); got != "Giữ vững ổn định" {
		t.Errorf("shortTitle = %q", got)
	}
	if got := lowerFirst("Quý III năm 2026"); got != "quý III năm 2026" {
		t.Errorf("lowerFirst = %q", got)
	}
}

func TestRecipients(t *testing.T) {
	z, _ := newSanitizer()
	for _, tc := range []struct {
		in   []string
		want []string
	}{
		{[]string{"Như trên", "Lưu: VT, VP", "Lãnh đạo Sở;"}, []string{"- Như trên;", "- Lãnh đạo Sở;", "- Lưu: VT, VP."}},
		{[]string{"- Sở Nội vụ."}, []string{"- Sở Nội vụ;", "- Lưu: VT."}},
		{nil, []string{"- Lưu: VT."}},
		{[]string{"  ", "luu: VT"}, []string{"- luu: VT."}},
	} {
		d := &doc{z: z, opts: Options{Recipients: tc.in}}
		if got := d.recipients(); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("recipients(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestNarrativeFigures(t *testing.T) {
	c, _ := defaultConfig(t)
	mk := func(code, band string, total campaign.Points, contents ...campaign.Points) score.UnitResult {
		u := score.UnitResult{Code: code, Name: "Đơn vị " + code, Band: band, Total: total, OnRoster: true}
		for i, n := range c.Contents {
			u.Contents = append(u.Contents, score.ContentScore{Code: n.Code, Max: n.Max, Score: contents[i]})
		}
		return u
	}
	r := &score.Result{Campaign: c, Period: vntext.Period{Year: 2026, Kind: vntext.Quarter, N: 3},
		Units: []score.UnitResult{
			mk("A", "Xuất sắc", 9250, 2000, 1900, 1500, 1400, 1500, 1000),
			mk("B", "Tốt", 8625, 1800, 1700, 1400, 1200, 1400, 900),
			mk("C", "Tốt", 8625, 1600, 1500, 1300, 1000, 1300, 800),
		},
		Missing: []score.Unit{{Code: "M", Name: "Đơn vị thiếu"}},
	}
	r.Units[1].Late = true
	r.Units[2].Flags = []string{score.FlagCouncil}
	z, _ := newSanitizer()
	d := &doc{z: z, r: r, opts: opts()}
	nd := d.narrativeData()
	checks := []struct{ name, got, want string }{
		{"average", nd.Average, "88,33"},
		{"highest", listNames(nd.Highest) + " " + nd.HighestTotal, "Đơn vị A 92,5"},
		{"lowest", listNames(nd.Lowest) + " " + nd.LowestTotal, "Đơn vị B và Đơn vị C 86,25"},
		{"late", listNames(nd.Late), "Đơn vị B"},
		{"council", listNames(nd.Council), "Đơn vị C"},
		{"missing", listNames(nd.Missing), "Đơn vị thiếu"},
		{"period", nd.PeriodLower, "quý III năm 2026"},
		{"agency", nd.AgencyName, "Sở Giao thông vận tải"},
		{"content 1", nd.Contents[0].Average + " " + nd.Contents[0].Percent, "18 90%"},
		{"content 6", nd.Contents[5].Average + " " + nd.Contents[5].Percent, "9 60%"},
		{"strongest", nd.Strongest.Code, "3"},
		{"weakest", nd.Weakest.Code, "6"},
		{"band Tốt", nd.Bands[1].Label + " " + nd.Bands[1].Percent, "Tốt 66,67%"},
		{"band Yếu", nd.Bands[4].Label + " " + nd.Bands[4].Percent, "Yếu 0%"},
		{"scale", nd.Scale + "/" + nd.MaxTotal, "100/110"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	if nd.Scored != 3 || nd.OnTime != 2 || nd.Expected != 4 {
		t.Errorf("counts scored=%d ontime=%d expected=%d", nd.Scored, nd.OnTime, nd.Expected)
	}
}

func TestWrap(t *testing.T) {
	r := realistic(t)
	z, _ := newSanitizer()
	d := &doc{z: z, r: r, opts: opts()}
	var sink bytes.Buffer
	// a real document to measure with
	if err := d.render(&sink); err != nil {
		t.Fatal(err)
	}
	d.font("", 14)
	lines := d.wrap("Số:      /BC-SGTVT", 200, 0)
	if len(lines) != 1 || lines[0] != "Số:      /BC-SGTVT" {
		t.Errorf("runs of spaces lost: %q", lines)
	}
	long := strings.Repeat("Thi đua khen thưởng ", 20)
	for _, w := range []float64{20, 60, 165} {
		ls := d.wrap(long, w, 12.7)
		if strings.Join(ls, " ") != strings.TrimSpace(long) {
			t.Errorf("width %v: words lost or changed", w)
		}
		for i, l := range ls {
			avail := w
			if i == 0 {
				avail -= 12.7
			}
			if lw := d.p.GetStringWidth(l); lw > avail+0.01 {
				t.Errorf("width %v: line %q is %.1f mm", w, l, lw)
			}
		}
	}
	// a word wider than the line is cut, never dropped
	ls := d.wrap("Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 10, 0)
	if strings.Join(ls, "") != "Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" || len(ls) < 2 {
		t.Errorf("long word: %q", ls)
	}
}

func BenchmarkWrite1000(b *testing.B) {
	r := synthetic(b, 1000)
	o := opts()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Write(io.Discard, r, o); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWrite1000Sheets(b *testing.B) {
	r := synthetic(b, 1000)
	o := opts()
	o.UnitSheets = true
	for b.Loop() {
		if _, err := Write(io.Discard, r, o); err != nil {
			b.Fatal(err)
		}
	}
}
