package vntext

import (
	"errors"
	"math"
	"strconv"
	"strings"
)

// ErrNotNumber is returned when text is not a score.
var ErrNotNumber = errors.New("not a number")

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
		exact = true
		for i, c := range frac {
			d := int64(c - '0')
			switch {
			case i == 0:
				n += 10 * d
			case i == 1:
				n += d
			case i == 2:
				if d >= 5 {
					n++
				}
				if d != 0 {
					exact = false
				}
			default:
				if d != 0 {
					exact = false
				}
			}
		}
		if !exact && len(frac) > 15 {
			// Float noise such as 4.4000000000000004 or 8.4999999999999991.
			exact = noiseOnly(frac)
		}
		if neg {
			n = -n
		}
		return n, exact, nil
	}
	// Scientific notation as spreadsheets store it.
	if strings.ContainsAny(s, "eE") && !strings.Contains(s, ",") {
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

// noiseOnly reports whether the digits after the second decimal are float
// noise: a run of zeros or nines over at least 10 digits.
func noiseOnly(frac string) bool {
	rest := frac[2:]
	if len(rest) < 10 {
		return false
	}
	return strings.HasPrefix(rest, "0000000000") || strings.HasPrefix(rest, "9999999999")
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
