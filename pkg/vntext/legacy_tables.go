package vntext

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// This file holds the legacy Vietnamese encodings used by old Excel forms.
//
// The text of a legacy-font cell reaches us as Unicode code points equal to
// the Windows-1252 reading of the font's bytes: byte 0xB8 arrives as U+00B8
// '¸', byte 0x93 as U+201C '“'. A file written by a tool that used Latin-1
// instead carries the C1 controls U+0080–U+009F for bytes 0x80–0x9F; both
// forms are accepted (c1ToCP1252). Neither TCVN3 nor VNI puts a letter in
// 0x80–0x9F, so those bytes are the Windows punctuation the fonts draw there.

// tcvn3Table is TCVN 5712:1993 VN3 ("ABC"), the code page of the .VnTime,
// .VnArial … fonts: the seven base capitals at 0xA1–0xA7, the seven base
// small letters at 0xA8–0xAE and the sixty small letters with a tone mark at
// 0xB5–0xFE. The positions between them (0xAF, 0xBA, 0xBF–0xC5, 0xCD,
// 0xD9–0xDB, 0xE0, 0xF0, 0xFF) hold capitals with tones only in the fuller
// VN1 table; VN3 fonts have none, which is why the capitals-only "H" fonts
// (.VnTimeH …) exist: they draw the small-letter positions as capitals.
//
// Each entry is the byte and the letter it stands for.
var tcvn3Table = [...]struct {
	b byte
	r rune
}{
	// Base capitals and small letters.
	{0xA1, 'Ă'}, {0xA2, 'Â'}, {0xA3, 'Ê'}, {0xA4, 'Ô'}, {0xA5, 'Ơ'}, {0xA6, 'Ư'}, {0xA7, 'Đ'},
	{0xA8, 'ă'}, {0xA9, 'â'}, {0xAA, 'ê'}, {0xAB, 'ô'}, {0xAC, 'ơ'}, {0xAD, 'ư'}, {0xAE, 'đ'},
	// a: huyền, hỏi, ngã, sắc, nặng
	{0xB5, 'à'}, {0xB6, 'ả'}, {0xB7, 'ã'}, {0xB8, 'á'}, {0xB9, 'ạ'},
	// ă
	{0xBB, 'ằ'}, {0xBC, 'ẳ'}, {0xBD, 'ẵ'}, {0xBE, 'ắ'}, {0xC6, 'ặ'},
	// â
	{0xC7, 'ầ'}, {0xC8, 'ẩ'}, {0xC9, 'ẫ'}, {0xCA, 'ấ'}, {0xCB, 'ậ'},
	// e
	{0xCC, 'è'}, {0xCE, 'ẻ'}, {0xCF, 'ẽ'}, {0xD0, 'é'}, {0xD1, 'ẹ'},
	// ê
	{0xD2, 'ề'}, {0xD3, 'ể'}, {0xD4, 'ễ'}, {0xD5, 'ế'}, {0xD6, 'ệ'},
	// i
	{0xD7, 'ì'}, {0xD8, 'ỉ'}, {0xDC, 'ĩ'}, {0xDD, 'í'}, {0xDE, 'ị'},
	// o
	{0xDF, 'ò'}, {0xE1, 'ỏ'}, {0xE2, 'õ'}, {0xE3, 'ó'}, {0xE4, 'ọ'},
	// ô
	{0xE5, 'ồ'}, {0xE6, 'ổ'}, {0xE7, 'ỗ'}, {0xE8, 'ố'}, {0xE9, 'ộ'},
	// ơ
	{0xEA, 'ờ'}, {0xEB, 'ở'}, {0xEC, 'ỡ'}, {0xED, 'ớ'}, {0xEE, 'ợ'},
	// u
	{0xEF, 'ù'}, {0xF1, 'ủ'}, {0xF2, 'ũ'}, {0xF3, 'ú'}, {0xF4, 'ụ'},
	// ư
	{0xF5, 'ừ'}, {0xF6, 'ử'}, {0xF7, 'ữ'}, {0xF8, 'ứ'}, {0xF9, 'ự'},
	// y
	{0xFA, 'ỳ'}, {0xFB, 'ỷ'}, {0xFC, 'ỹ'}, {0xFD, 'ý'}, {0xFE, 'ỵ'},
}

// vniTable is the VNI Windows encoding (fonts VNI-Times, VNI-Helve …): a
// letter is its base letter followed by one mark byte that carries the
// shape (circumflex, breve) and the tone together, except đ, ơ, ư, the
// toned i and ỵ, which have bytes of their own. Small letters take the small
// mark bytes, capitals the capital ones:
//
//	tone        huyền  sắc   hỏi   ngã   nặng
//	alone       ø F8   ù F9  û FB  õ F5  ï EF    (Ø D8 Ù D9 Û DB Õ D5 Ï CF)
//	circumflex  à E0   á E1  å E5  ã E3  ä E4    â E2 alone (À Á Å Ã Ä, Â)
//	breve       è E8   é E9  ú FA  ü FC  ë EB    ê EA alone (È É Ú Ü Ë, Ê)
//
//	single bytes: đ ñ F1, ơ ô F4, ư ö F6, ì EC, í ED, ỉ æ E6, ĩ ó F3,
//	ị ò F2, ỵ î EE (capitals Ñ D1, Ô D4, Ö D6, Ì CC, Í CD, Æ C6, Ó D3,
//	Ò D2, Î CE).
//
// Each entry is a letter and its VNI spelling, read as Windows-1252.
var vniTable = [...]struct {
	r rune
	s string
}{
	// a
	{'a', "a"}, {'à', "aø"}, {'á', "aù"}, {'ả', "aû"}, {'ã', "aõ"}, {'ạ', "aï"},
	{'A', "A"}, {'À', "AØ"}, {'Á', "AÙ"}, {'Ả', "AÛ"}, {'Ã', "AÕ"}, {'Ạ', "AÏ"},
	// ă
	{'ă', "aê"}, {'ằ', "aè"}, {'ắ', "aé"}, {'ẳ', "aú"}, {'ẵ', "aü"}, {'ặ', "aë"},
	{'Ă', "AÊ"}, {'Ằ', "AÈ"}, {'Ắ', "AÉ"}, {'Ẳ', "AÚ"}, {'Ẵ', "AÜ"}, {'Ặ', "AË"},
	// â
	{'â', "aâ"}, {'ầ', "aà"}, {'ấ', "aá"}, {'ẩ', "aå"}, {'ẫ', "aã"}, {'ậ', "aä"},
	{'Â', "AÂ"}, {'Ầ', "AÀ"}, {'Ấ', "AÁ"}, {'Ẩ', "AÅ"}, {'Ẫ', "AÃ"}, {'Ậ', "AÄ"},
	// e
	{'e', "e"}, {'è', "eø"}, {'é', "eù"}, {'ẻ', "eû"}, {'ẽ', "eõ"}, {'ẹ', "eï"},
	{'E', "E"}, {'È', "EØ"}, {'É', "EÙ"}, {'Ẻ', "EÛ"}, {'Ẽ', "EÕ"}, {'Ẹ', "EÏ"},
	// ê
	{'ê', "eâ"}, {'ề', "eà"}, {'ế', "eá"}, {'ể', "eå"}, {'ễ', "eã"}, {'ệ', "eä"},
	{'Ê', "EÂ"}, {'Ề', "EÀ"}, {'Ế', "EÁ"}, {'Ể', "EÅ"}, {'Ễ', "EÃ"}, {'Ệ', "EÄ"},
	// i
	{'i', "i"}, {'ì', "ì"}, {'í', "í"}, {'ỉ', "æ"}, {'ĩ', "ó"}, {'ị', "ò"},
	{'I', "I"}, {'Ì', "Ì"}, {'Í', "Í"}, {'Ỉ', "Æ"}, {'Ĩ', "Ó"}, {'Ị', "Ò"},
	// o
	{'o', "o"}, {'ò', "oø"}, {'ó', "où"}, {'ỏ', "oû"}, {'õ', "oõ"}, {'ọ', "oï"},
	{'O', "O"}, {'Ò', "OØ"}, {'Ó', "OÙ"}, {'Ỏ', "OÛ"}, {'Õ', "OÕ"}, {'Ọ', "OÏ"},
	// ô
	{'ô', "oâ"}, {'ồ', "oà"}, {'ố', "oá"}, {'ổ', "oå"}, {'ỗ', "oã"}, {'ộ', "oä"},
	{'Ô', "OÂ"}, {'Ồ', "OÀ"}, {'Ố', "OÁ"}, {'Ổ', "OÅ"}, {'Ỗ', "OÃ"}, {'Ộ', "OÄ"},
	// ơ
	{'ơ', "ô"}, {'ờ', "ôø"}, {'ớ', "ôù"}, {'ở', "ôû"}, {'ỡ', "ôõ"}, {'ợ', "ôï"},
	{'Ơ', "Ô"}, {'Ờ', "ÔØ"}, {'Ớ', "ÔÙ"}, {'Ở', "ÔÛ"}, {'Ỡ', "ÔÕ"}, {'Ợ', "ÔÏ"},
	// u
	{'u', "u"}, {'ù', "uø"}, {'ú', "uù"}, {'ủ', "uû"}, {'ũ', "uõ"}, {'ụ', "uï"},
	{'U', "U"}, {'Ù', "UØ"}, {'Ú', "UÙ"}, {'Ủ', "UÛ"}, {'Ũ', "UÕ"}, {'Ụ', "UÏ"},
	// ư
	{'ư', "ö"}, {'ừ', "öø"}, {'ứ', "öù"}, {'ử', "öû"}, {'ữ', "öõ"}, {'ự', "öï"},
	{'Ư', "Ö"}, {'Ừ', "ÖØ"}, {'Ứ', "ÖÙ"}, {'Ử', "ÖÛ"}, {'Ữ', "ÖÕ"}, {'Ự', "ÖÏ"},
	// y
	{'y', "y"}, {'ỳ', "yø"}, {'ý', "yù"}, {'ỷ', "yû"}, {'ỹ', "yõ"}, {'ỵ', "î"},
	{'Y', "Y"}, {'Ỳ', "YØ"}, {'Ý', "YÙ"}, {'Ỷ', "YÛ"}, {'Ỹ', "YÕ"}, {'Ỵ', "Î"},
	// đ
	{'đ', "ñ"}, {'Đ', "Ñ"},
}

// vniMarks gives, for each VNI mark byte (small and capital forms), the
// combining marks it stands for: shape first, then tone.
var vniMarks = map[rune]string{
	'ø': "\u0300", 'ù': "\u0301", 'û': "\u0309", 'õ': "\u0303", 'ï': "\u0323",
	'Ø': "\u0300", 'Ù': "\u0301", 'Û': "\u0309", 'Õ': "\u0303", 'Ï': "\u0323",
	'â': "\u0302", 'à': "\u0302\u0300", 'á': "\u0302\u0301", 'å': "\u0302\u0309", 'ã': "\u0302\u0303", 'ä': "\u0302\u0323",
	'Â': "\u0302", 'À': "\u0302\u0300", 'Á': "\u0302\u0301", 'Å': "\u0302\u0309", 'Ã': "\u0302\u0303", 'Ä': "\u0302\u0323",
	'ê': "\u0306", 'è': "\u0306\u0300", 'é': "\u0306\u0301", 'ú': "\u0306\u0309", 'ü': "\u0306\u0303", 'ë': "\u0306\u0323",
	'Ê': "\u0306", 'È': "\u0306\u0300", 'É': "\u0306\u0301", 'Ú': "\u0306\u0309", 'Ü': "\u0306\u0303", 'Ë': "\u0306\u0323",
}

// cp1252High maps bytes 0x80–0x9F to their Windows-1252 characters; the five
// bytes Windows-1252 leaves undefined map to themselves.
var cp1252High = [32]rune{
	'€', 0x81, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 0x8D, 'Ž', 0x8F,
	0x90, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', 0x9D, 'ž', 'Ÿ',
}

// c1ToCP1252 turns a C1 control (a byte 0x80–0x9F read as Latin-1) into the
// Windows-1252 character a legacy font draws for that byte.
func c1ToCP1252(r rune) rune {
	if r >= 0x80 && r <= 0x9F {
		return cp1252High[r-0x80]
	}
	return r
}

var (
	tcvn3Dec  map[rune]rune    // code point of a TCVN3 byte → letter
	tcvn3Enc  map[rune]rune    // letter → code point of its TCVN3 byte
	vniSingle map[rune]rune    // VNI one-byte letter → letter
	vniPair   map[[2]rune]rune // base letter + VNI mark → letter
	vniEnc    map[rune]string  // letter → VNI spelling
	viLetters map[rune]bool    // the 134 Vietnamese letters outside ASCII
)

func init() {
	viLetters = make(map[rune]bool, 134)
	const bases = "aăâeêioôơuưy"
	tones := []string{"", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"}
	for _, b := range bases {
		for _, t := range tones {
			c := NFC(string(b) + t)
			r, n := utf8.DecodeRuneInString(c)
			if r > unicode.MaxASCII && n == len(c) {
				viLetters[r] = true
				viLetters[unicode.ToUpper(r)] = true
			}
		}
	}
	viLetters['đ'] = true
	viLetters['Đ'] = true

	tcvn3Dec = make(map[rune]rune, len(tcvn3Table))
	tcvn3Enc = make(map[rune]rune, len(tcvn3Table))
	for _, e := range tcvn3Table {
		tcvn3Dec[rune(e.b)] = e.r
		tcvn3Enc[e.r] = rune(e.b)
	}

	vniEnc = make(map[rune]string, len(vniTable))
	vniSingle = make(map[rune]rune)
	for _, e := range vniTable {
		vniEnc[e.r] = e.s
		if rs := []rune(e.s); len(rs) == 1 && rs[0] != e.r {
			vniSingle[rs[0]] = e.r
		}
	}
	// A mark byte follows its base letter: a, e, i, o, u, y, ơ or ư, in
	// either case; the letter takes the case of the base ("Aù" is Á, as is
	// "AÙ"). The chart spells toned i and ỵ with single bytes, but base +
	// mark is read too. Only pairs that make a Vietnamese letter count.
	vniPair = make(map[[2]rune]rune)
	for _, b := range "aeiouyAEIOUYơưƠƯ" {
		for m, marks := range vniMarks {
			c := NFC(string(b) + marks)
			if r, n := utf8.DecodeRuneInString(c); n == len(c) && viLetters[r] {
				vniPair[[2]rune{b, m}] = r
			}
		}
	}
}

// fromTCVN3 decodes TCVN3 text (see FromTCVN3): each code point of the
// chart becomes its letter, the rest is kept, and the result is made NFC.
func fromTCVN3(s string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/2)
	for _, r := range runes(s) {
		if u, ok := tcvn3Dec[r]; ok {
			r = u
		}
		b.WriteRune(r)
	}
	return NFC(b.String())
}

// runes returns the characters of legacy text one by one: C1 controls read
// as Windows-1252, and each character in its own NFC form (U+0387 is
// U+00B7), without composing it with its neighbours, which would merge a
// legacy byte with the mark after it.
func runes(s string) []rune {
	rs := make([]rune, 0, len(s))
	for _, r := range s {
		r = c1ToCP1252(r)
		if r < 0x300 {
			rs = append(rs, r)
			continue
		}
		for _, c := range norm.NFC.String(string(r)) {
			rs = append(rs, c1ToCP1252(c))
		}
	}
	return rs
}

// toTCVN3 encodes Unicode text as TCVN3 (see ToTCVN3).
func toTCVN3(s string) string {
	s = NFC(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if c, ok := tcvn3Enc[r]; ok {
			b.WriteRune(c)
		} else if c, ok := tcvn3Enc[unicode.ToLower(r)]; ok && viLetters[r] {
			// A capital with a tone: TCVN3 types it as the small letter,
			// shown as a capital by the H fonts.
			b.WriteRune(c)
		} else if _, clash := tcvn3Dec[r]; clash {
			// A character such as ä that is also a TCVN3 code point (ọ):
			// written decomposed, so that FromTCVN3 gives it back.
			b.WriteString(norm.NFD.String(string(r)))
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// fromVNI decodes VNI text (see FromVNI). One-byte letters are decoded as
// they come; a mark byte joins the letter before it (longest match first)
// when the two make a Vietnamese letter, and is kept otherwise.
func fromVNI(s string) string {
	out := make([]rune, 0, len(s))
	for _, r := range runes(s) {
		if _, isMark := vniMarks[r]; isMark {
			// The letter before: the last starter and its combining marks.
			j := len(out) - 1
			for j > 0 && norm.NFC.PropertiesString(string(out[j])).CCC() != 0 {
				j--
			}
			if j >= 0 {
				prev := NFC(string(out[j:]))
				if p, n := utf8.DecodeRuneInString(prev); n == len(prev) {
					if u, ok := vniPair[[2]rune{p, r}]; ok {
						out = append(out[:j], u)
						continue
					}
				}
			}
		}
		if u, ok := vniSingle[r]; ok {
			r = u
		}
		out = append(out, r)
	}
	return NFC(string(out))
}

// toVNI encodes Unicode text as VNI (see ToVNI).
func toVNI(s string) string {
	s = NFC(s)
	var b strings.Builder
	b.Grow(len(s) + len(s)/2)
	for _, r := range s {
		if e, ok := vniEnc[r]; ok {
			b.WriteString(e)
			continue
		}
		_, mark := vniMarks[r]
		if _, single := vniSingle[r]; mark || single {
			// A character such as ñ that is also a VNI byte (đ): written
			// decomposed, so that FromVNI gives it back.
			b.WriteString(norm.NFD.String(string(r)))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
