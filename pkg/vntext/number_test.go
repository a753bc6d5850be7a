package vntext

import (
	"errors"
	"testing"
)

func TestParseHundredths(t *testing.T) {
	cases := []struct {
		in    string
		v     int64
		exact bool
	}{
		{"8,5", 850, true},
		{"8.5", 850, true},
		{"8,50", 850, true},
		{"8,25", 825, true},
		{"8,05", 805, true},
		{"8", 800, true},
		{"0", 0, true},
		{"-0", 0, true},
		{"-2", -200, true},
		{"+3", 300, true},
		{" 10 ", 1000, true},
		{"\u00a010\u00a0", 1000, true},
		{"- 2", -200, true},
		{"\u22122", -200, true}, // minus sign
		{",5", 50, true},
		{"5,", 500, true},
		{"100", 10000, true},
		{"8,500000", 850, true},
		{"9,5đ", 950, true},
		{"9,5 điểm", 950, true},
		{"9,5 đ", 950, true},
		// Float noise as Excel stores it.
		{"4.4000000000000004", 440, true},
		{"8.4999999999999991", 850, true},
		{"86.250000000000014", 8625, true},
		{"86.25000000000001", 8625, true},
		{"0.30000000000000004", 30, true},
		{"2.8499999999999996", 285, true},
		{"99.989999999999995", 9999, true},
		{"-4.4000000000000004", -440, true},
		{"8,12000001", 812, true}, // 1e-8 off: noise
		// More precision than hundredths: rounded half away from zero.
		{"8,125", 813, false},
		{"-8,125", -813, false},
		{"8,124", 812, false},
		{"8,1249", 812, false},
		{"8,1251", 813, false},
		{"8,12001", 812, false},  // 1e-5 off: not noise
		{"8,12999", 813, false},  // 1e-5 off: not noise
		{"8,129999", 813, false}, // exactly 1e-6 off: not below it
		{"1.0049999999999999", 100, false},
		// Scientific notation.
		{"1e1", 1000, true},
		{"1E1", 1000, true},
		{"8.5e0", 850, true},
		{"8.5E-1", 85, true},
		{"-1e1", -1000, true},
		{"1.2e+2", 12000, true},
		{"1.234e0", 123, false},
		{"123456789012", 12345678901200, true},
	}
	for _, c := range cases {
		v, exact, err := ParseHundredths(c.in)
		if err != nil || v != c.v || exact != c.exact {
			t.Errorf("ParseHundredths(%q) = %d, %v, %v; want %d, %v, nil", c.in, v, exact, err, c.v, c.exact)
		}
	}
}

func TestParseHundredthsErrors(t *testing.T) {
	bad := []string{
		"", " ", "abc", "-", "+", ".", ",", "1,2,3", "1.2.3", "1,2.3", "8,5a", "a8", "1 000",
		"--1", "+-1", "-+1", "--1e1", "+-1e1", "1e", "e1", "1e1,5", "1,5e1", "0x1p3", "0xep1",
		"Inf", "NaN", "1e999", "1e12", "1234567890123", "٣", "8 , 5", "đ", "điểm", "1_000",
	}
	for _, s := range bad {
		v, exact, err := ParseHundredths(s)
		if !errors.Is(err, ErrNotNumber) {
			t.Errorf("ParseHundredths(%q) = %d, %v, %v; want ErrNotNumber", s, v, exact, err)
		}
	}
}

func TestFormatHundredths(t *testing.T) {
	cases := []struct {
		v      int64
		vi, en string
	}{
		{850, "8,5", "8.5"},
		{800, "8", "8"},
		{825, "8,25", "8.25"},
		{805, "8,05", "8.05"},
		{5, "0,05", "0.05"},
		{50, "0,5", "0.5"},
		{0, "0", "0"},
		{-200, "-2", "-2"},
		{-5, "-0,05", "-0.05"},
		{-850, "-8,5", "-8.5"},
		{8625, "86,25", "86.25"},
		{10000, "100", "100"},
		{12345678901200, "123456789012", "123456789012"},
	}
	for _, c := range cases {
		if got := FormatVI(c.v); got != c.vi {
			t.Errorf("FormatVI(%d) = %q, want %q", c.v, got, c.vi)
		}
		if got := FormatHundredths(c.v, ','); got != c.vi {
			t.Errorf("FormatHundredths(%d, ',') = %q, want %q", c.v, got, c.vi)
		}
		if got := FormatHundredths(c.v, '.'); got != c.en {
			t.Errorf("FormatHundredths(%d, '.') = %q, want %q", c.v, got, c.en)
		}
		// The formatted text parses back to the same value, exactly.
		for _, s := range []string{c.vi, c.en} {
			v, exact, err := ParseHundredths(s)
			if err != nil || v != c.v || !exact {
				t.Errorf("ParseHundredths(%q) = %d, %v, %v; want %d, true, nil", s, v, exact, err, c.v)
			}
		}
	}
}
