package pdf

import (
	"bytes"
	"io"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/thidua/thidua/pkg/campaign"
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

func TestHelpers(t *testing.T) {
	for _, tc := range []struct{ top, want campaign.Points }{{11000, 1000}, {10000, 1000}, {100000, 10000}, {2000, 200}, {500, 100}, {100, 100}} {
		if got := niceStep(tc.top); got != tc.want {
			t.Errorf("niceStep(%d) = %d, want %d", tc.top, got, tc.want)
		}
	}
}

func TestWrap(t *testing.T) {
	r := realistic(t)
	z, _ := newSanitizer()
	d := &doc{z: z, r: r, m: opts()}
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
