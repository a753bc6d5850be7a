package vntext

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func FuzzParseHundredths(f *testing.F) {
	for _, s := range []string{
		"8,5", "8.5", "8,50", "-2", "+3", " 10 ", "4.4000000000000004", "8.4999999999999991", "8,125",
		"abc", "", "1,2,3", "1.2.3", "1e1", "9,5đ", "9,5 điểm", "\u22122", "-1e-3", "123456789012",
		"86.250000000000014", ".5", "5.", "0xep1", "--1",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, exact, err := ParseHundredths(s)
		if err != nil {
			if v != 0 || exact {
				t.Fatalf("ParseHundredths(%q) failed but returned %d, %v", s, v, exact)
			}
			return
		}
		for _, sep := range []byte{',', '.'} {
			out := FormatHundredths(v, sep)
			w, wexact, werr := ParseHundredths(out)
			if werr != nil || w != v || !wexact {
				t.Fatalf("ParseHundredths(%q) = %d; FormatHundredths gives %q, which parses to %d, %v, %v",
					s, v, out, w, wexact, werr)
			}
		}
	})
}

func FuzzParsePeriod(f *testing.F) {
	for _, s := range []string{
		"Quý III/2026", "Quý 3 năm 2026", "2026-Q3", "Q3/2026", "6 tháng đầu năm 2026",
		"6 tháng cuối năm 2026", "2026-H1", "Năm 2026", "2026", "quý iv / 2025", "Quý 5/2026",
		"2026-H3", "abc", "H2/2026", "6T1/2026", "", "Q3 2026:",
		"2026-10", "Tháng 10/2026", "T1/2027", "2026-2027-HK1", "Học kỳ II năm học 2026-2027",
		"HKI 2026-27", "Năm học 2026-2027", "NH 2026-2028", "2026-13",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParsePeriod(s)
		if err != nil {
			if !p.IsZero() {
				t.Fatalf("ParsePeriod(%q) failed but returned %+v", s, p)
			}
			return
		}
		switch {
		case p.Year < 1990 || p.Year > 2200,
			p.Kind == Quarter && (p.N < 1 || p.N > 4),
			p.Kind == Half && (p.N < 1 || p.N > 2),
			p.Kind == Year && p.N != 0,
			p.Kind == Month && (p.N < 1 || p.N > 12),
			p.Kind == Semester && (p.N < 1 || p.N > 2),
			p.Kind == SchoolYear && p.N != 0,
			p.Kind < Quarter || p.Kind > SchoolYear:
			t.Fatalf("ParsePeriod(%q) = %+v: not a valid period", s, p)
		}
		for _, text := range []string{p.Code(), p.Label()} {
			if q, err := ParsePeriod(text); err != nil || q != p {
				t.Fatalf("ParsePeriod(%q) = %+v, but ParsePeriod(%q) = %+v, %v", s, p, text, q, err)
			}
		}
	})
}

// lowerTonedCapitals replaces each capital with a tone mark (which TCVN3
// types as the small letter) by the small letter.
func lowerTonedCapitals(s string) string {
	return strings.Map(func(r rune) rune {
		if viLetters[r] && unicode.IsUpper(r) {
			if _, ok := tcvn3Enc[r]; !ok {
				return unicode.ToLower(r)
			}
		}
		return r
	}, s)
}

func FuzzLegacy(f *testing.F) {
	for _, c := range legacySamples {
		f.Add(c.tcvn3)
		f.Add(c.vni)
		f.Add(c.unicode)
	}
	for _, s := range []string{
		"", "ASCII 8,5", "\u0093x\u0094", "“x”", "Aù", "iù", "oâù", "a\u0308", "o\u031bï", "ô\u0301",
		"\xff\xfe", "ÀÁÂÃÄÅ", "VIỆT NAM", norm.NFD.String("Việt Nam"),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, c := range []struct {
			name     string
			from, to func(string) string
			fix      func(string) string // what a round trip may change
		}{
			{"TCVN3", FromTCVN3, ToTCVN3, lowerTonedCapitals},
			{"VNI", FromVNI, ToVNI, func(s string) string { return s }},
		} {
			u := c.from(s)
			if !utf8.ValidString(u) {
				t.Fatalf("From%s(%q) = %q: invalid UTF-8", c.name, s, u)
			}
			if !norm.NFC.IsNormalString(u) {
				t.Fatalf("From%s(%q) = %q: not NFC", c.name, s, u)
			}
			// Decoding what was encoded gives the decoded text back.
			if back := c.from(c.to(u)); back != c.fix(u) {
				t.Fatalf("%s: u = From(%q) = %q; From(To(u)) = %q", c.name, s, u, back)
			}
			// Converting is idempotent on text that has been through To.
			e := c.to(u)
			if again := c.to(c.from(e)); again != c.to(c.fix(u)) {
				t.Fatalf("%s: To(From(%q)) = %q, want %q", c.name, e, again, e)
			}
		}
		// Text in the TCVN3 code chart and ASCII survives From then To.
		if isTCVN3Text(s) {
			if got := ToTCVN3(FromTCVN3(s)); got != s {
				t.Fatalf("ToTCVN3(FromTCVN3(%q)) = %q", s, got)
			}
		}
		for _, font := range []string{".VnTimeH", "VNI-Times"} {
			out, _, changed := ConvertLegacy(font, s)
			if !utf8.ValidString(out) || changed != (out != s) {
				t.Fatalf("ConvertLegacy(%q, %q) = %q, %v", font, s, out, changed)
			}
		}
		// A Unicode font's text is left alone.
		if out, enc, changed := ConvertLegacy("Arial", s); out != s || enc != Unicode || changed {
			t.Fatalf("ConvertLegacy(Arial, %q) = %q, %v, %v", s, out, enc, changed)
		}
	})
}

func isTCVN3Text(s string) bool {
	for _, r := range s {
		if _, ok := tcvn3Dec[r]; !ok && (r >= 0x80 || r == utf8.RuneError) {
			return false
		}
	}
	return utf8.ValidString(s)
}
