package vntext

import (
	"bytes"
	"os/exec"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// vietnameseLetters lists the 134 letters of Vietnamese outside ASCII,
// built here from the alphabet (independently of legacy_tables.go): the
// twelve vowels with no tone and the five tones, and đ, in both cases.
func vietnameseLetters(t *testing.T) (lower, upper []rune) {
	t.Helper()
	vowels := []string{"a", "a\u0306", "a\u0302", "e", "e\u0302", "i", "o", "o\u0302", "o\u031b", "u", "u\u031b", "y"}
	tones := []string{"", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"}
	for _, v := range vowels {
		for _, tone := range tones {
			s := norm.NFC.String(v + tone)
			if utf8.RuneCountInString(s) != 1 {
				t.Fatalf("%q%q does not compose to one letter", v, tone)
			}
			r, _ := utf8.DecodeRuneInString(s)
			if r < 0x80 {
				continue // a e i o u y
			}
			lower = append(lower, r)
		}
	}
	lower = append(lower, 'đ')
	for _, r := range lower {
		upper = append(upper, unicode.ToUpper(r))
	}
	if len(lower)+len(upper) != 134 {
		t.Fatalf("built %d letters, want 134", len(lower)+len(upper))
	}
	return lower, upper
}

func TestVietnameseLetterSet(t *testing.T) {
	lower, upper := vietnameseLetters(t)
	if len(viLetters) != 134 {
		t.Errorf("viLetters has %d letters, want 134", len(viLetters))
	}
	for _, r := range append(lower, upper...) {
		if !viLetters[r] {
			t.Errorf("viLetters lacks %c", r)
		}
	}
}

func TestTCVN3TableShape(t *testing.T) {
	lower, _ := vietnameseLetters(t)
	seenByte := map[byte]rune{}
	for _, e := range tcvn3Table {
		if e.b < 0xA1 || e.b > 0xFE {
			t.Errorf("%c at 0x%02X: outside 0xA1–0xFE", e.r, e.b)
		}
		if prev, dup := seenByte[e.b]; dup {
			t.Errorf("0x%02X used for both %c and %c", e.b, prev, e.r)
		}
		seenByte[e.b] = e.r
	}
	// Every small letter and the seven base capitals have a byte.
	want := append(append([]rune{}, lower...), []rune("ĂÂÊÔƠƯĐ")...)
	if len(tcvn3Table) != len(want) {
		t.Errorf("TCVN3 table has %d entries, want %d", len(tcvn3Table), len(want))
	}
	for _, r := range want {
		if _, ok := tcvn3Enc[r]; !ok {
			t.Errorf("TCVN3 has no byte for %c", r)
		}
	}
}

// TestTCVN3TableAgainstIconv checks every TCVN3 byte against the system's
// iconv (glibc TCVN5712-1, whose bytes 0xA0–0xFF include VN3), when present.
func TestTCVN3TableAgainstIconv(t *testing.T) {
	path, err := exec.LookPath("iconv")
	if err != nil {
		t.Skip("iconv not installed")
	}
	var in []byte
	var want []rune
	for _, e := range tcvn3Table {
		in = append(in, e.b, '\n')
		want = append(want, e.r)
	}
	cmd := exec.Command(path, "-f", "TCVN5712-1", "-t", "UTF-8")
	cmd.Stdin = bytes.NewReader(in)
	out, err := cmd.Output()
	if err != nil {
		t.Skipf("iconv has no TCVN5712-1: %v", err)
	}
	lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(lines) != len(want) {
		t.Fatalf("iconv gave %d lines, want %d", len(lines), len(want))
	}
	for i, l := range lines {
		if l != string(want[i]) {
			t.Errorf("byte 0x%02X: table says %c, iconv says %q", tcvn3Table[i].b, want[i], l)
		}
	}
}

func TestVNITableShape(t *testing.T) {
	lower, upper := vietnameseLetters(t)
	enc := map[rune]string{}
	spellings := map[string]rune{}
	for _, e := range vniTable {
		if _, dup := enc[e.r]; dup {
			t.Errorf("%c listed twice", e.r)
		}
		enc[e.r] = e.s
		if prev, dup := spellings[e.s]; dup {
			t.Errorf("spelling %q used for both %c and %c", e.s, prev, e.r)
		}
		spellings[e.s] = e.r
		for _, c := range e.s {
			if c > 0xFF || (c >= 0x80 && c < 0xC0) {
				t.Errorf("%c spelled %q: %U is not a VNI letter or mark byte", e.r, e.s, c)
			}
		}
	}
	for _, r := range append(lower, upper...) {
		if _, ok := enc[r]; !ok {
			t.Errorf("VNI has no spelling for %c", r)
		}
	}
	// Each two-character spelling is the base letter of the Unicode letter
	// and a mark whose shape and tone are the letter's (checked against the
	// mark table), and the mark is small for small letters and capital for
	// capitals.
	for _, e := range vniTable {
		rs := []rune(e.s)
		if len(rs) != 2 {
			continue
		}
		base := rs[0]
		if u, ok := vniSingle[base]; ok {
			base = u
		}
		marks, ok := vniMarks[rs[1]]
		if !ok {
			t.Errorf("%c spelled %q: %c is not a mark", e.r, e.s, rs[1])
			continue
		}
		if got := norm.NFC.String(string(base) + marks); got != string(e.r) {
			t.Errorf("%c spelled %q, which composes to %q", e.r, e.s, got)
		}
		if unicode.IsUpper(e.r) != unicode.IsUpper(rs[1]) {
			t.Errorf("%c spelled %q: mark case differs from letter case", e.r, e.s)
		}
	}
}

func TestLetterRoundTrip(t *testing.T) {
	lower, upper := vietnameseLetters(t)
	all := append(append([]rune{}, lower...), upper...)
	tcvnCaps := map[rune]bool{'Ă': true, 'Â': true, 'Ê': true, 'Ô': true, 'Ơ': true, 'Ư': true, 'Đ': true}
	for _, r := range all {
		s := string(r)
		// TCVN3: small letters and base capitals have a byte of their
		// own; a capital with a tone is typed as the small letter's byte
		// and shown as a capital by the H fonts.
		tc := ToTCVN3(s)
		if n := utf8.RuneCountInString(tc); n != 1 || []rune(tc)[0] < 0xA1 || []rune(tc)[0] > 0xFE {
			t.Errorf("ToTCVN3(%c) = %q, want one byte 0xA1–0xFE", r, tc)
		}
		if unicode.IsLower(r) || tcvnCaps[r] {
			if got := FromTCVN3(tc); got != s {
				t.Errorf("FromTCVN3(ToTCVN3(%c)) = %q", r, got)
			}
		} else {
			if tc != ToTCVN3(string(unicode.ToLower(r))) {
				t.Errorf("ToTCVN3(%c) = %q, want the small letter's byte", r, tc)
			}
			if got, _, _ := ConvertLegacy(".VnTimeH", tc); got != s {
				t.Errorf("ConvertLegacy(.VnTimeH, ToTCVN3(%c)) = %q", r, got)
			}
		}
		// VNI has every letter.
		v := ToVNI(s)
		if v == s && r != 'ì' && r != 'í' && r != 'Ì' && r != 'Í' {
			t.Errorf("ToVNI(%c) left it unchanged", r)
		}
		if got := FromVNI(v); got != s {
			t.Errorf("FromVNI(ToVNI(%c)) = FromVNI(%q) = %q", r, v, got)
		}
		// NFD input encodes the same as NFC.
		if d := norm.NFD.String(s); ToTCVN3(d) != tc || ToVNI(d) != v {
			t.Errorf("NFD %c encodes differently from NFC", r)
		}
	}
	// Every TCVN3 byte decodes and re-encodes to itself.
	var codes strings.Builder
	for _, e := range tcvn3Table {
		codes.WriteRune(rune(e.b))
	}
	if got := ToTCVN3(FromTCVN3(codes.String())); got != codes.String() {
		t.Errorf("TCVN3 code chart does not survive a round trip:\n got %q\nwant %q", got, codes.String())
	}
}

// Known text in the legacy encodings, as it arrives from a cell read as
// Windows-1252.
var legacySamples = []struct {
	unicode, tcvn3, vni string
}{
	{"Việt Nam", "ViÖt Nam", "Vieät Nam"},
	{"Sở Giao thông vận tải", "Së Giao th«ng vËn t¶i", "Sôû Giao thoâng vaän taûi"},
	{"Phòng Kế hoạch - Tài chính", "Phßng KÕ ho¹ch - Tµi chÝnh", "Phoøng Keá hoaïch - Taøi chính"},
	{"Trung tâm Đăng kiểm xe cơ giới", "Trung t©m §¨ng kiÓm xe c¬ giíi", "Trung taâm Ñaêng kieåm xe cô giôùi"},
	{"Cộng hòa xã hội chủ nghĩa Việt Nam", "Céng hßa x· héi chñ nghÜa ViÖt Nam", "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam"},
	{"Độc lập - Tự do - Hạnh phúc", "§éc lËp - Tù do - H¹nh phóc", "Ñoäc laäp - Töï do - Haïnh phuùc"},
	{"Sở Giáo dục và Đào tạo", "Së Gi¸o dôc vµ §µo t¹o", "Sôû Giaùo duïc vaø Ñaøo taïo"},
	{"Đà Nẵng, Quảng Trị, Hà Tĩnh", "§µ N½ng, Qu¶ng TrÞ, Hµ TÜnh", "Ñaø Naüng, Quaûng Trò, Haø Tónh"},
	{"Người được khen thưởng", "Ng­êi ®­îc khen th­ëng", "Ngöôøi ñöôïc khen thöôûng"},
	{"Thừa Thiên Huế, Bắc Ninh, mặt trời", "Thõa Thiªn HuÕ, B¾c Ninh, mÆt trêi", "Thöøa Thieân Hueá, Baéc Ninh, maët trôøi"},
	{"thẳng, chỉ, Mỹ, tuỵ", "th¼ng, chØ, Mü, tuþ", "thaúng, chæ, Myõ, tuî"},
	{"Điểm tự chấm: 8,5", "§iÓm tù chÊm: 8,5", "Ñieåm töï chaám: 8,5"},
}

func TestToTCVN3Capitals(t *testing.T) {
	cases := []struct{ in, want string }{
		{"VIỆT NAM", "VIÖT NAM"},
		{"ĐỘC LẬP", "§éC LËP"},
		{"Ơ Ờ Ư Ừ Ă Ằ Â Ầ Ê Ề Ô Ồ Đ", "¥ ê ¦ õ ¡ » ¢ Ç £ Ò ¤ å §"},
		{"ÀÈÌÒÙỲ", "µÌ×ßïú"},
	}
	for _, c := range cases {
		if got := ToTCVN3(c.in); got != c.want {
			t.Errorf("ToTCVN3(%q) = %q, want %q", c.in, got, c.want)
		}
		if got, _, _ := ConvertLegacy(".VnTimeH", c.want); got != c.in {
			t.Errorf("ConvertLegacy(.VnTimeH, %q) = %q, want %q", c.want, got, c.in)
		}
	}
}

func TestLegacySamples(t *testing.T) {
	for _, c := range legacySamples {
		if got := FromTCVN3(c.tcvn3); got != c.unicode {
			t.Errorf("FromTCVN3(%q) = %q, want %q", c.tcvn3, got, c.unicode)
		}
		if got := ToTCVN3(c.unicode); got != c.tcvn3 {
			t.Errorf("ToTCVN3(%q) = %q, want %q", c.unicode, got, c.tcvn3)
		}
		if got := FromVNI(c.vni); got != c.unicode {
			t.Errorf("FromVNI(%q) = %q, want %q", c.vni, got, c.unicode)
		}
		if got := ToVNI(c.unicode); got != c.vni {
			t.Errorf("ToVNI(%q) = %q, want %q", c.unicode, got, c.vni)
		}
	}
}

func TestVNICapitals(t *testing.T) {
	cases := []struct{ in, want string }{
		{"COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"},
		{"ÑOÄC LAÄP - TÖÏ DO - HAÏNH PHUÙC", "ĐỘC LẬP - TỰ DO - HẠNH PHÚC"},
		{"BAÛNG TOÅNG HÔÏP ÑIEÅM THI ÑUA", "BẢNG TỔNG HỢP ĐIỂM THI ĐUA"},
		{"ÑAØ NAÜNG, ÑAÉK LAÉK, QUAÛNG TRÒ, YÙ", "ĐÀ NẴNG, ĐẮK LẮK, QUẢNG TRỊ, Ý"},
	}
	for _, c := range cases {
		if got := FromVNI(c.in); got != c.want {
			t.Errorf("FromVNI(%q) = %q, want %q", c.in, got, c.want)
		}
		if got := ToVNI(c.want); got != c.in {
			t.Errorf("ToVNI(%q) = %q, want %q", c.want, got, c.in)
		}
	}
}

func TestVNILenientAndLongestMatch(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Aù", "Á"},              // capital base, small mark
		{"aÙ", "á"},              // small base, capital mark
		{"EÄ", "Ệ"},              // circumflex + dot below
		{"iù", "í"},              // toned i typed as base + mark
		{"yï", "ỵ"},              // ỵ typed as base + mark
		{"ươù", "ướ"},            // Unicode ơ followed by a VNI mark
		{"öô", "ươ"},             // two single-byte letters, no mark between
		{"uoâ", "uô"},            // the mark belongs to the letter right before it
		{"oâù", "ôù"},            // one mark per letter: the second is a letter of its own
		{"bù", "bù"},             // a mark after a consonant is kept
		{"eê", "eê"},             // no such letter (e with breve): kept
		{"ä", "ä"},               // a lone mark is kept
		{"\u0093x\u0094", "“x”"}, // C1 form of bytes 0x93/0x94
		{"“x”", "“x”"},
	}
	for _, c := range cases {
		if got := FromVNI(c.in); got != c.want {
			t.Errorf("FromVNI(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestTCVN3HighRangeAndPassThrough(t *testing.T) {
	cases := []struct{ in, want string }{
		{"\u0080 \u0093x\u0094 \u0096 \u0085", "€ “x” – …"}, // C1 (Latin-1) form
		{"€ “x” – …", "€ “x” – …"},                          // Windows-1252 form
		{"\u0081\u008d\u008f\u0090\u009d", "\u0081\u008d\u008f\u0090\u009d"},
		{"ViÖt Nam", "Việt Nam"},
		{"Việt Nam", "Việt Nam"},       // Unicode letters are kept
		{"Vie\u0323\u0302t", "Việt"},   // NFD input comes out NFC
		{"°±²³´ÀÁÂÃÄÅ", "°±²³´ÀÁÂÃÄÅ"}, // not in VN3: kept
		{"", ""},
	}
	for _, c := range cases {
		if got := FromTCVN3(c.in); got != c.want {
			t.Errorf("FromTCVN3(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestCollisions checks characters that are not Vietnamese letters but sit
// at a legacy code point: the encoders write them decomposed, so that
// decoding gives them back, and the decoders do not merge a legacy byte with
// a combining mark after it.
func TestCollisions(t *testing.T) {
	enc := []struct{ in, tcvn3, vni string }{
		{"ä", "a\u0308", "a\u0308"},
		{"ñ", "n\u0303", "n\u0303"},
		{"Ö", "O\u0308", "O\u0308"},
		{"ç", "c\u0327", "ç"},
		{"€", "€", "€"},
	}
	for _, c := range enc {
		if got := ToTCVN3(c.in); got != c.tcvn3 {
			t.Errorf("ToTCVN3(%q) = %q, want %q", c.in, got, c.tcvn3)
		}
		if got := FromTCVN3(c.tcvn3); got != c.in {
			t.Errorf("FromTCVN3(%q) = %q, want %q", c.tcvn3, got, c.in)
		}
		if got := ToVNI(c.in); got != c.vni {
			t.Errorf("ToVNI(%q) = %q, want %q", c.in, got, c.vni)
		}
		if got := FromVNI(c.vni); got != c.in {
			t.Errorf("FromVNI(%q) = %q, want %q", c.vni, got, c.in)
		}
	}
	dec := []struct{ name, in, want string }{
		{"TCVN3", "\u0387", "ã"},       // U+0387 is canonically U+00B7, the byte of ã
		{"TCVN3", "«\u0301", "ố"},      // ô then a combining acute
		{"VNI", "ô\u031b", "ơ\u031b"},  // the byte ô (ơ) is not merged with the horn
		{"VNI", "o\u031bï", "ợ"},       // the mark joins the letter o + horn
		{"VNI", "a\u0301ø", "á" + "ø"}, // á is no base: the mark is kept
		{"VNI", "\u212bx", "Åx"},       // Ångström sign is Å, a lone mark
	}
	for _, c := range dec {
		from := FromVNI
		if c.name == "TCVN3" {
			from = FromTCVN3
		}
		if got := from(c.in); got != c.want {
			t.Errorf("From%s(%q) = %q, want %q", c.name, c.in, got, c.want)
		}
	}
}

func TestASCIIUnchanged(t *testing.T) {
	var b strings.Builder
	for c := rune(0x20); c < 0x7F; c++ {
		b.WriteRune(c)
	}
	b.WriteString("\t\n")
	a := b.String()
	for name, f := range map[string]func(string) string{
		"FromTCVN3": FromTCVN3, "FromVNI": FromVNI, "ToTCVN3": ToTCVN3, "ToVNI": ToVNI,
	} {
		if got := f(a); got != a {
			t.Errorf("%s changed ASCII: %q", name, got)
		}
	}
}

func TestFontEncoding(t *testing.T) {
	cases := []struct {
		font string
		enc  Encoding
		caps bool
	}{
		{".VnTime", TCVN3, false},
		{".VnTimeH", TCVN3, true},
		{".VnArial", TCVN3, false},
		{".VnArialH", TCVN3, true},
		{".VnArial Narrow", TCVN3, false},
		{".VnArial NarrowH", TCVN3, true},
		{" .VnTimeH ", TCVN3, true},
		{".vntime", TCVN3, false},
		{"VNI-Times", VNI, false},
		{"VNI-Helve", VNI, false},
		{"VNI-Helve-Condense", VNI, false},
		{"vni-times", VNI, false},
		{"Times New Roman", Unicode, false},
		{"Arial", Unicode, false},
		{"Calibri", Unicode, false},
		{"", Unicode, false},
	}
	for _, c := range cases {
		enc, caps := FontEncoding(c.font)
		if enc != c.enc || caps != c.caps {
			t.Errorf("FontEncoding(%q) = %v, %v; want %v, %v", c.font, enc, caps, c.enc, c.caps)
		}
	}
}

func TestEncodingString(t *testing.T) {
	for e, want := range map[Encoding]string{Unicode: "Unicode", TCVN3: "TCVN3", VNI: "VNI"} {
		if got := e.String(); got != want {
			t.Errorf("%d.String() = %q, want %q", int(e), got, want)
		}
	}
}

func TestConvertLegacy(t *testing.T) {
	cases := []struct {
		font, in, want string
		enc            Encoding
		changed        bool
	}{
		{".VnTime", "ViÖt Nam", "Việt Nam", TCVN3, true},
		{".VnTimeH", "ViÖt Nam", "VIỆT NAM", TCVN3, true},
		// In an H font the capitals with a tone are typed as small letters.
		{".VnTimeH", "céng hßa x· héi chñ nghÜa viÖt nam", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", TCVN3, true},
		{".VnArialH", "§éc lËp - Tù do - H¹nh phóc", "ĐỘC LẬP - TỰ DO - HẠNH PHÚC", TCVN3, true},
		{".VnArial Narrow", "Phßng KÕ ho¹ch - Tµi chÝnh", "Phòng Kế hoạch - Tài chính", TCVN3, true},
		{".VnTime", "Ha Noi 2026", "Ha Noi 2026", TCVN3, false},
		{"VNI-Times", "Trung taâm Ñaêng kieåm xe cô giôùi", "Trung tâm Đăng kiểm xe cơ giới", VNI, true},
		{"VNI-Helve", "BAÛNG ÑIEÅM", "BẢNG ĐIỂM", VNI, true},
		{"VNI-Times", "8,5", "8,5", VNI, false},
		{"Times New Roman", "ViÖt Nam", "ViÖt Nam", Unicode, false},
		{"Arial", "Việt Nam", "Việt Nam", Unicode, false},
	}
	for _, c := range cases {
		out, enc, changed := ConvertLegacy(c.font, c.in)
		if out != c.want || enc != c.enc || changed != c.changed {
			t.Errorf("ConvertLegacy(%q, %q) = %q, %v, %v; want %q, %v, %v",
				c.font, c.in, out, enc, changed, c.want, c.enc, c.changed)
		}
	}
}
