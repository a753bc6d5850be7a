package form

import (
	"encoding/binary"
	"reflect"
	"strings"
	"testing"
	"unicode/utf16"
)

func TestLegacyCandidate(t *testing.T) {
	tests := []struct {
		s    string
		want bool
	}{
		{"Thñ tr\u00adëng", true}, // TCVN3 read as Latin-1
		{"Vaên phoøng Sôû", true}, // VNI
		{"V\u00a8n ph\u00dfng S\u00eb", true},
		{"Văn phòng Sở", false}, // Unicode: ă, ở
		{"Phòng", true},         // could be either: the font decides
		{"Giám đốc", false},
		{"Trừ 1đ – chậm", false},
		{"a – b", true},
	}
	for _, tt := range tests {
		if got := legacyCandidate(tt.s); got != tt.want {
			t.Errorf("legacyCandidate(%q) = %v", tt.s, got)
		}
	}
}

func negRK(v int32) uint32 { return uint32(v<<2) | 2 }

func TestRK(t *testing.T) {
	tests := []struct {
		rk   uint32
		want float64
	}{
		{uint32(8)<<2 | 2, 8},
		{uint32(850)<<2 | 3, 8.5},
		{uint32(0x3FF00000) << 0, 1}, // 1.0 as the high 30 bits of a double
		{negRK(-2), -2},
	}
	for _, tt := range tests {
		if got := rkValue(tt.rk); got != tt.want {
			t.Errorf("rkValue(%#x) = %v, want %v", tt.rk, got, tt.want)
		}
	}
}

// sstRecord builds the bytes of an SST whose strings are split across
// segments at the given byte offsets of the string data, as Excel does with
// CONTINUE records (each continuation inside characters restates the
// width flag).
func TestSSTContinue(t *testing.T) {
	le := binary.LittleEndian
	head := make([]byte, 8)
	le.PutUint32(head, 3)
	le.PutUint32(head[4:], 3)
	str := func(s string, wide bool) []byte {
		b := make([]byte, 3)
		if wide {
			u := utf16.Encode([]rune(s))
			le.PutUint16(b, uint16(len(u)))
			b[2] = 1
			for _, c := range u {
				b = le.AppendUint16(b, c)
			}
			return b
		}
		le.PutUint16(b, uint16(len(s)))
		return append(b, s...)
	}
	s1 := str("Mã", true)
	s2 := str("Tieu chi", false)
	s3 := str("Đơn vị ưu tú", true)
	// Segment 1: header, s1, the header of s2 and 3 of its characters.
	seg1 := append(append(append([]byte{}, head...), s1...), s2[:3+3]...)
	// Segment 2: flags byte (8-bit), the rest of s2, then s3's header and 4 chars.
	seg2 := append(append([]byte{0}, s2[6:]...), s3[:3+8]...)
	// Segment 3: flags byte (16-bit), the rest of s3.
	seg3 := append([]byte{1}, s3[11:]...)
	got, _ := parseSST([][]byte{seg1, seg2, seg3})
	want := []string{"Mã", "Tieu chi", "Đơn vị ưu tú"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("parseSST = %q, want %q", got, want)
	}
	// 8-bit strings are Latin-1 (TCVN3 bytes come through unchanged).
	if got, _ := parseSST([][]byte{append(append([]byte{}, head[:4]...), append([]byte{1, 0, 0, 0}, str("Th\xf1", false)...)...)}); len(got) != 1 || got[0] != "Thñ" {
		t.Errorf("latin-1: %q", got)
	}
}

func TestMayNameLegacyFont(t *testing.T) {
	tests := []struct {
		xml  string
		want bool
	}{
		{`<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>`, false},
		{`<fonts><font><name val="Times New Roman"/></font></fonts><numFmts><numFmt formatCode="&quot;đ&quot;#,##0"/></numFmts>`, false},
		{`<font><name val=".VnTime"/></font>`, true},
		{`<font><x:name val=".VNTIMEH"/></font>`, true},
		{`<font><name val="VNI-Times"/></font>`, true},
		{`<font><name val=" vni Helve"/></font>`, true},
		{`<font><name val="&#46;&#86;&#110;Time"/></font>`, true}, // spelt with character references
		{"<\x00f\x00o\x00n\x00t\x00", true},                       // UTF-16: letters are not plain bytes
		{``, false},
	}
	for _, tt := range tests {
		if got := mayNameLegacyFont([]byte(tt.xml)); got != tt.want {
			t.Errorf("mayNameLegacyFont(%q) = %v, want %v", tt.xml, got, tt.want)
		}
	}
}

func TestDropPart(t *testing.T) {
	for name, want := range map[string]bool{
		"xl/theme/theme1.xml": true, "xl/calcchain.xml": true, "docprops/core.xml": true, "xl/media/image1.png": true,
		"xl/vbaproject.bin": true, "xl/workbook.xml": false, "xl/worksheets/sheet1.xml": false,
		"xl/sharedstrings.xml": false, "[content_types].xml": false, "xl/_rels/workbook.xml.rels": false,
		"xl/styles.xml": false, // decided by its fonts, not by name
	} {
		if got := dropPart(name); got != want {
			t.Errorf("dropPart(%q) = %v", name, got)
		}
	}
}

// biffRecord is one BIFF record: type, length, data.
func biffRecord(typ uint16, data []byte) []byte {
	out := []byte{byte(typ), byte(typ >> 8), byte(len(data)), byte(len(data) >> 8)}
	return append(out, data...)
}

// TestXLSBoolean: a boolean cell of an .xls (BOOLERR, or a formula's
// boolean result) reads TRUE or FALSE, never 1 or 0, so that it is never
// taken for a score.
func TestXLSBoolean(t *testing.T) {
	bof := biffRecord(0x0809, []byte{0, 6, 0x10, 0, 0, 0, 0, 0})
	eof := biffRecord(0x000A, nil)
	name := []byte("S")
	globals := append([]byte{}, bof...)
	sheetAt := len(globals) + 4 + 8 + len(name) + len(eof)
	bs := []byte{byte(sheetAt), byte(sheetAt >> 8), 0, 0, 0, 0, byte(len(name)), 0}
	globals = append(append(globals, biffRecord(0x0085, append(bs, name...))...), eof...)
	sheet := append([]byte{}, bof...)
	// A1 TRUE, B1 FALSE (BOOLERR); C1 a formula whose cached result is TRUE.
	sheet = append(sheet, biffRecord(0x0205, []byte{0, 0, 0, 0, 0, 0, 1, 0})...)
	sheet = append(sheet, biffRecord(0x0205, []byte{0, 0, 1, 0, 0, 0, 0, 0})...)
	f := []byte{0, 0, 2, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0}
	sheet = append(append(sheet, biffRecord(0x0006, f)...), eof...)
	b, err := parseBIFF(append(globals, sheet...))
	if err != nil {
		t.Fatal(err)
	}
	g, err := b.load("S", nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(g.rows) != 1 || strings.Join(g.rows[0].cells, ",") != "TRUE,FALSE,TRUE" {
		t.Errorf("rows %+v", g.rows)
	}
}
