package report

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/thidua/thidua/pkg/vntext"
)

// DocumentCode is the number and code of the document:
// "15/BC-SGTVT", "05/BC-SGTVT" for number 5 (see DocumentNumber), or
// "      /BC-SGTVT" (a blank for the clerk to fill, as paper practice
// does) when m.Number is empty; "/BC" alone without an abbreviation.
// Every document of a run (the letterhead's "Số:", the annex's "Kèm theo
// Báo cáo số …") writes its number through it.
func (m Meta) DocumentCode() string {
	num := DocumentNumber(m.Number)
	if num == "" {
		num = "      "
	}
	code := "/BC"
	if a := strings.TrimSpace(m.Org.Abbreviation); a != "" {
		code += "-" + a
	}
	return num + code
}

// DocumentNumber writes a document number as the decree's example does
// ("Số: 05/BC-SGTVT"): a number below 10 gets a leading zero, as days and
// months do in the date line. A number that is not plain digits ("15a",
// "15/2026") is kept as written, without its surrounding spaces.
func DocumentNumber(s string) string {
	s = strings.TrimSpace(s)
	if len(s) == 1 && s[0] >= '1' && s[0] <= '9' {
		return "0" + s
	}
	return s
}

// DateLine is the place and date of the document:
// "Hà Nam, ngày 05 tháng 01 năm 2026", or "Ngày 05 tháng 01 năm 2026"
// without a place.
func (m Meta) DateLine() string {
	dl := vntext.DateLine(m.Date)
	if p := strings.TrimSpace(m.Org.Place); p != "" {
		return p + ", " + dl
	}
	return "N" + dl[1:] // "Ngày 05 tháng …"
}

// RecipientLines returns the lines under "Nơi nhận:": "- X;" for each
// recipient and a last "- Lưu: …." line. The first item starting with
// "Lưu" (the archive) is put last, "Lưu: VT" is added when there is none,
// and the dashes and punctuation an item was written with are dropped.
// clean, when not nil, is applied to each item first.
func (m Meta) RecipientLines(clean func(string) string) []string {
	var items []string
	var keep string
	for _, r := range m.Recipients {
		if clean != nil {
			r = clean(r)
		}
		r = strings.TrimSpace(r)
		r = strings.TrimLeft(r, "-–•+ ")
		r = strings.TrimRight(r, ";.,: ")
		if r == "" {
			continue
		}
		if strings.HasPrefix(vntext.Fold(r), "luu") && keep == "" {
			keep = r
			continue
		}
		items = append(items, r)
	}
	if keep == "" {
		keep = "Lưu: VT"
	}
	var out []string
	for _, it := range items {
		out = append(out, "- "+it+";")
	}
	return append(out, "- "+keep+".")
}

// AgencyName writes an agency named in capitals the way running text
// writes it (Nghị định 30/2020, Phụ lục II: the first letter of the organ's
// type and of each field it works in is a capital; a place's proper name
// has capitals): "SỞ GIAO THÔNG VẬN TẢI" → "Sở Giao thông vận tải", "UBND
// TỈNH HÀ NAM" → "UBND tỉnh Hà Nam", "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"
// → "Sở Lao động - Thương binh và Xã hội".
//
// Only the case of letters ever changes: every character, bracket and
// punctuation mark stays where it was. Acronyms (UBND, TP., words without
// a vowel such as KCN or CNTT), Roman numerals ending a clause and words
// with digits are kept as written. A capital starts the name, the word
// after the organ's type that begins it (Sở, Ban, Phòng, Trung tâm …), the
// word after "và", a comma or a dash (the next field), and every word of a
// place's name after a place type (tỉnh, thành phố, TP., huyện …) up to
// the next bracket, comma or colon. Names not written in capitals are
// kept as they are.
func AgencyName(s string) string {
	if s == "" || s != strings.ToUpper(s) || s == strings.ToLower(s) {
		return s
	}
	words := strings.Fields(s)
	cores := make([]string, len(words))
	for i, w := range words {
		cores[i] = strings.Trim(strings.ToLower(w), wordPunct)
	}
	capNext, capAll := true, false
	organEnd := organType(cores) // the organ's type is words[:organEnd]
	for i, w := range words {
		core := cores[i]
		lead := w[:len(w)-len(strings.TrimLeft(w, wordPunct))]
		trail := w[len(strings.TrimRight(w, wordPunct)):]
		if strings.ContainsAny(lead, "([") {
			capAll = false // a bracket opens another clause
		}
		prev, next := "", ""
		if i > 0 {
			prev = cores[i-1]
		}
		if i+1 < len(words) {
			next = words[i+1]
		}
		clauseEnd := next == "" || trail != "" || strings.ContainsAny(next[:1], "([-–")
		switch {
		case keepAsWritten(core, clauseEnd):
			// words[i] stays in capitals
		case capNext || capAll:
			words[i] = upperFirstLetter(strings.ToLower(w))
		default:
			words[i] = strings.ToLower(w)
		}
		capNext = i+1 == organEnd || core == "và" || strings.Trim(core, "-–") == "" ||
			strings.Contains(trail, ",")
		if isPlaceType(prev, core, cores, i) {
			capAll = true
		}
		if strings.ContainsAny(trail, ")],:;") {
			capAll = false
		}
	}
	return strings.Join(words, " ")
}

// wordPunct is what may stand before or after the letters of a word.
const wordPunct = "()[]\"“”'‘’,;:.!?…"

// agencyAcronyms are kept in capitals inside a name.
var agencyAcronyms = map[string]bool{"ubnd": true, "hđnd": true, "mttq": true, "tp": true, "cp": true, "ttg": true,
	"tw": true, "bch": true, "cđcs": true, "tnhh": true, "đcs": true, "tncs": true, "hcm": true}

// organTypes are the organ types that begin an agency's name, after which
// the field it works in starts with a capital ("Trung tâm Đăng kiểm").
// "Ủy ban nhân dân" is not one: "nhân dân" is no field.
var organTypes = [][]string{
	{"văn", "phòng"}, {"trung", "tâm"}, {"chi", "cục"}, {"tổng", "cục"}, {"học", "viện"},
	{"sở"}, {"bộ"}, {"ban"}, {"phòng"}, {"cục"}, {"vụ"}, {"viện"}, {"trường"}, {"đoàn"}, {"hội"}, {"đài"},
}

// organType returns the number of words of the organ type that begins
// the name whose folded words are cores, 0 when none does.
func organType(cores []string) int {
	for _, t := range organTypes {
		if len(t) <= len(cores) {
			match := true
			for i, w := range t {
				if cores[i] != w {
					match = false
					break
				}
			}
			if match {
				return len(t)
			}
		}
	}
	return 0
}

// isPlaceType reports whether cores[i] (after prev) ends a place type,
// after which a proper name follows: "tỉnh", "thành phố", "TP.", "huyện",
// "quận", "thị xã", "xã" (not "xã hội"), "phường", "thị trấn".
func isPlaceType(prev, core string, cores []string, i int) bool {
	switch core {
	case "tỉnh", "tp", "huyện", "quận", "phường":
		return true
	case "phố":
		return prev == "thành"
	case "trấn":
		return prev == "thị"
	case "xã":
		return i+1 >= len(cores) || cores[i+1] != "hội"
	}
	return false
}

// keepAsWritten reports whether a word of a name in capitals stays in
// capitals: a known acronym, a word with a digit, a word without a vowel
// (KCN, CNTT, SGTVT), or a Roman numeral that ends a clause ("KHU VỰC
// II", not "XI MĂNG").
func keepAsWritten(core string, clauseEnd bool) bool {
	if core == "" {
		return false
	}
	if agencyAcronyms[core] || clauseEnd && isRoman(core) {
		return true
	}
	for _, r := range core {
		if unicode.IsDigit(r) {
			return true
		}
	}
	for _, r := range vntext.Fold(core) {
		if strings.ContainsRune("aeiouy", r) {
			return false
		}
	}
	return true
}

// isRoman reports whether s (lower case) is a Roman numeral from 1 to 39:
// "ii", "iv", "xii".
func isRoman(s string) bool {
	for range 3 {
		if len(s) > 1 {
			s = strings.TrimPrefix(s, "x")
		}
	}
	switch s {
	case "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x":
		return true
	}
	return false
}

// upperFirstLetter capitalises the first letter of s, after any bracket or
// quote before it.
func upperFirstLetter(s string) string {
	for i, r := range s {
		if unicode.IsLetter(r) {
			return s[:i] + string(unicode.ToUpper(r)) + s[i+utf8.RuneLen(r):]
		}
	}
	return s
}
