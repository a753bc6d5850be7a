package vntext

import (
	"errors"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// ErrNotNumber is returned when text is not a score.
var ErrNotNumber = errors.New("not a number")

// reSci is a number in scientific notation as spreadsheets store it, the
// sign already taken off: "1e1", "8.5E-1", "1.2e+3".
var reSci = regexp.MustCompile(`^(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)[eE][+-]?[0-9]{1,3}$`)

// ParseHundredths parses a score written by a person or stored by a
// spreadsheet into hundredths of a point: "8,5", "8.5", "8,50", " -2 ",
// "4.4000000000000004" (Excel float noise), "1e1". exact is false when the
// value had more precision than hundredths and was rounded (half away from
// zero); float noise below 1e-6 of a point counts as exact.
func ParseHundredths(s string) (v int64, exact bool, err error) {
	s = strings.TrimSpace(strings.ReplaceAll(s, "\u00a0", ""))
	s = strings.TrimSuffix(strings.TrimSuffix(s, "đ"), "điểm")
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false, ErrNotNumber
	}
	neg := false
	switch {
	case s[0] == '-':
		neg = true
		s = s[1:]
	case s[0] == '+':
		s = s[1:]
	case strings.HasPrefix(s, "\u2212"):
		neg = true
		s = strings.TrimPrefix(s, "\u2212")
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false, ErrNotNumber
	}
	// Plain decimal: digits, at most one separator ("," or "."), digits.
	intPart, frac, sep := s, "", false
	if i := strings.IndexAny(s, ",."); i >= 0 {
		intPart, frac, sep = s[:i], s[i+1:], true
	}
	if isDigits(intPart) && (!sep || isDigits(frac)) && (intPart != "" || frac != "") && len(intPart) <= 12 {
		var n int64
		for _, c := range intPart {
			n = n*10 + int64(c-'0')
		}
		n *= 100
		for i := 0; i < len(frac) && i < 2; i++ {
			d := int64(frac[i] - '0')
			if i == 0 {
				d *= 10
			}
			n += d
		}
		exact = true
		if len(frac) > 2 && strings.Trim(frac[2:], "0") != "" {
			rest := frac[2:]
			up := rest[0] >= '5' // half away from zero
			if up {
				n++
			}
			exact = noiseOnly(rest, up)
		}
		if neg {
			n = -n
		}
		return n, exact, nil
	}
	// Scientific notation as spreadsheets store it.
	if reSci.MatchString(s) {
		f, perr := strconv.ParseFloat(s, 64)
		if perr == nil && !math.IsInf(f, 0) && !math.IsNaN(f) && math.Abs(f) < 1e12 {
			x := f * 100
			r := math.Round(x)
			if neg {
				r = -r
			}
			return int64(r), math.Abs(x-math.Round(x)) < 1e-4, nil
		}
	}
	return 0, false, ErrNotNumber
}

// noiseOnly reports whether the digits after the hundredths, rest, are
// float noise: they move the value by less than 1e-6 of a point from the
// rounded hundredths (rounded up when up is true). "4.4000000000000004" and
// "8.4999999999999991" are noise, "8,125" is not.
func noiseOnly(rest string, up bool) bool {
	if !up {
		// 0.00rest < 0.000001 ⇔ the first four digits of rest are zeros.
		return len(rest) > 4 && rest[:4] == "0000"
	}
	// 0.01 − 0.00rest < 0.000001 ⇔ 0.rest > 0.9999.
	return len(rest) > 4 && rest[:4] == "9999" && strings.Trim(rest[4:], "0") != ""
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// FormatHundredths formats hundredths with the given decimal separator,
// dropping trailing zeros: 850 → "8,5", 800 → "8", 825 → "8,25".
func FormatHundredths(v int64, sep byte) string {
	neg := v < 0
	if neg {
		v = -v
	}
	s := strconv.FormatInt(v/100, 10)
	if f := v % 100; f != 0 {
		if f%10 == 0 {
			s += string(sep) + strconv.FormatInt(f/10, 10)
		} else {
			s += string(sep) + strconv.FormatInt(f/10, 10) + strconv.FormatInt(f%10, 10)
		}
	}
	if neg {
		s = "-" + s
	}
	return s
}

// FormatVI formats hundredths the Vietnamese way: "86,25".
func FormatVI(v int64) string { return FormatHundredths(v, ',') }
