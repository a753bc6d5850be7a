package vntext

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// NFC returns s in Unicode normalisation form C (dựng sẵn).
func NFC(s string) string {
	if norm.NFC.IsNormalString(s) {
		return s
	}
	return norm.NFC.String(s)
}

// Fold returns the matching key of s: NFC, lower case, no diacritics
// (đ becomes d), spaces trimmed and collapsed, a trailing colon dropped.
// Two labels match when their folded forms are equal.
func Fold(s string) string {
	d := norm.NFD.String(s)
	var b strings.Builder
	b.Grow(len(d))
	space := false
	for _, r := range d {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		switch r {
		case 'đ', 'Đ':
			r = 'd'
		}
		if unicode.IsSpace(r) || r == '\u00a0' {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(unicode.ToLower(r))
	}
	out := b.String()
	out = strings.TrimRight(out, ": ")
	return out
}

// Clean returns s in NFC with surrounding spaces trimmed and inner runs of
// white space collapsed to one space.
func Clean(s string) string {
	s = NFC(s)
	return strings.Join(strings.Fields(s), " ")
}
