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
// character at that position), to Unicode NFC: "ViÖt Nam" is "Việt Nam".
// Bytes 0x80–0x9F are accepted in their Windows-1252 form (U+201C …) and in
// their Latin-1 form (the C1 controls U+0080–U+009F); TCVN3 has no letters
// there, so both become the Windows-1252 punctuation.
func FromTCVN3(s string) string { return fromTCVN3(s) }

// FromVNI converts text typed in a VNI font, read the same way, to Unicode
// NFC. A base vowel and the mark byte after it make one letter ("Vieät" is
// "Việt").
func FromVNI(s string) string { return fromVNI(s) }

// ToTCVN3 converts Unicode text to its TCVN3 form (the inverse of FromTCVN3,
// for tests and fixtures). TCVN3 has no capitals with a tone mark (Ấ, Ệ …):
// they become the small letter's byte, as typed for the capitals-only H
// fonts (ConvertLegacy with ".VnTimeH" gives the capitals back). Other
// characters TCVN3 lacks are kept, and one that is itself a TCVN3 code
// point (ä is the byte of ọ) is written decomposed, so that FromTCVN3 gives
// it back.
func ToTCVN3(s string) string { return toTCVN3(s) }

// ToVNI converts Unicode text to its VNI form (the inverse of FromVNI).
// Characters VNI lacks are kept, and one that is itself a VNI byte (ñ is
// the byte of đ) is written decomposed, so that FromVNI gives it back.
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
