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

// AgencyName writes an agency named in capitals the way running text does:
// "SỞ GIAO THÔNG VẬN TẢI" → "Sở Giao thông vận tải", "UBND TỈNH HÀ NAM" →
// "UBND tỉnh Hà Nam". Names not written in capitals are kept as they are.
func AgencyName(s string) string {
	if s == "" || s != strings.ToUpper(s) || s == strings.ToLower(s) {
		return s
	}
	acronyms := map[string]bool{"ubnd": true, "hđnd": true, "mttq": true, "tp": true, "tp.": true, "cp": true, "ttg": true, "tw": true, "bch": true, "cđcs": true, "tnhh": true}
	// Organ types after which the next word starts with a capital, and
	// place types after which every word does (a proper name follows).
	organs := map[string]bool{"sở": true, "bộ": true, "ban": true, "phòng": true, "cục": true, "vụ": true, "viện": true,
		"trường": true, "tâm": true, "phòng,": true, "chi": false, "đoàn": true, "hội": true, "ủy": false, "đảng": false, "thanh": false}
	places := map[string]bool{"tỉnh": true, "phố": true, "huyện": true, "quận": true, "xã": true, "phường": true, "trấn": true}
	words := strings.Fields(strings.ToLower(s))
	capNext, capAll := true, false
	for i, w := range words {
		switch {
		case acronyms[w]:
			words[i] = strings.ToUpper(w)
		case capNext || capAll:
			words[i] = upperFirst(w)
		}
		capNext = organs[w] && !capAll
		if places[w] {
			capAll = true
		}
	}
	return strings.Join(words, " ")
}

func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
