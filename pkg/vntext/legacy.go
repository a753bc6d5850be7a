package vntext

import "strings"

// Encoding is a legacy Vietnamese 8-bit encoding, told by a cell's font.
type Encoding int

// Legacy encodings.
const (
	Unicode Encoding = iota // not legacy
	TCVN3                   // TCVN 5712:1993 (ABC), fonts .VnTime, .VnArial …
	VNI                     // VNI fonts, VNI-Times …
)

// String names the encoding.
func (e Encoding) String() string {
	switch e {
	case TCVN3:
		return "TCVN3"
	case VNI:
		return "VNI"
	}
	return "Unicode"
}

// FontEncoding tells the legacy encoding of a font name, and whether it is
// a capitals-only font (".VnTimeH", ".VnArialH" …).
func FontEncoding(font string) (enc Encoding, capitals bool) {
	f := strings.TrimSpace(font)
	lf := strings.ToLower(f)
	switch {
	case strings.HasPrefix(lf, ".vn"):
		base := strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(f, " Bold"), " Italic"), " Narrow")
		return TCVN3, strings.HasSuffix(base, "H")
	case strings.HasPrefix(lf, "vni-") || strings.HasPrefix(lf, "vni "):
		return VNI, false
	}
	return Unicode, false
}

// FromTCVN3 converts text typed in a TCVN3 font, read as Unicode code points
// (each byte of the font's code page seen as the Windows-1252 / Latin-1
// character at that position), to Unicode NFC.
func FromTCVN3(s string) string { return fromTCVN3(s) }

// FromVNI converts text typed in a VNI font, read the same way, to Unicode NFC.
func FromVNI(s string) string { return fromVNI(s) }

// ToTCVN3 converts Unicode text to its TCVN3 form (the inverse of FromTCVN3,
// for tests and fixtures); characters TCVN3 lacks are kept.
func ToTCVN3(s string) string { return toTCVN3(s) }

// ToVNI converts Unicode text to its VNI form (the inverse of FromVNI).
func ToVNI(s string) string { return toVNI(s) }

// ConvertLegacy converts s typed in the given font to Unicode NFC. changed
// is false when the font is not legacy or the text did not change.
func ConvertLegacy(font, s string) (out string, enc Encoding, changed bool) {
	enc, caps := FontEncoding(font)
	switch enc {
	case TCVN3:
		out = FromTCVN3(s)
	case VNI:
		out = FromVNI(s)
	default:
		return s, Unicode, false
	}
	if caps {
		out = strings.ToUpper(out)
	}
	out = NFC(out)
	return out, enc, out != s
}

// placeholders until the tables land (see legacy_tables.go)
func fromTCVN3(s string) string { return s }
func fromVNI(s string) string   { return s }
func toTCVN3(s string) string   { return s }
func toVNI(s string) string     { return s }
