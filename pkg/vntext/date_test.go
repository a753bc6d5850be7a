package vntext

import (
	"testing"
	"time"
)

func TestDateLine(t *testing.T) {
	cases := []struct {
		y, m, d int
		want    string
	}{
		{2026, 1, 5, "ngày 05 tháng 01 năm 2026"},
		{2026, 7, 15, "ngày 15 tháng 7 năm 2026"},
		{2026, 2, 3, "ngày 03 tháng 02 năm 2026"},
		{2026, 3, 9, "ngày 09 tháng 3 năm 2026"},
		{2026, 12, 31, "ngày 31 tháng 12 năm 2026"},
		{2026, 10, 10, "ngày 10 tháng 10 năm 2026"},
		{2026, 2, 28, "ngày 28 tháng 02 năm 2026"},
	}
	for _, c := range cases {
		day := time.Date(c.y, time.Month(c.m), c.d, 0, 0, 0, 0, time.UTC)
		if got := DateLine(day); got != c.want {
			t.Errorf("DateLine(%s) = %q, want %q", day.Format("2006-01-02"), got, c.want)
		}
	}
}

func TestParseDate(t *testing.T) {
	cases := []struct {
		in      string
		y, m, d int
	}{
		{"05/01/2026", 2026, 1, 5},
		{"5/1/2026", 2026, 1, 5},
		{"15/7/2026", 2026, 7, 15},
		{" 15/07/2026 ", 2026, 7, 15},
		{"15-07-2026", 2026, 7, 15},
		{"15.07.2026", 2026, 7, 15},
		{"15 / 07 / 2026", 2026, 7, 15},
		{"2026-07-15", 2026, 7, 15},
		{"2026-7-5", 2026, 7, 5},
		{"29/02/2028", 2028, 2, 29},
		{"ngày 05 tháng 01 năm 2026", 2026, 1, 5},
		{"Ngày 15 tháng 7 năm 2026", 2026, 7, 15},
		{"Hà Nội, ngày 15 tháng 7 năm 2026", 2026, 7, 15},
		{"NGÀY 3 THÁNG 2 NĂM 2026", 2026, 2, 3},
		{DateLine(time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)), 2026, 1, 5},
	}
	for _, c := range cases {
		got, err := ParseDate(c.in)
		want := time.Date(c.y, time.Month(c.m), c.d, 0, 0, 0, 0, time.UTC)
		if err != nil || !got.Equal(want) {
			t.Errorf("ParseDate(%q) = %v, %v; want %v", c.in, got, err, want)
		}
	}
	bad := []string{
		"", "abc", "31/02/2026", "29/02/2026", "32/01/2026", "00/01/2026", "15/13/2026", "15/00/2026",
		"15/07/26", "15/07/1989", "15/07/2201", "2026/07/15", "2026-13-01", "ngày 32 tháng 1 năm 2026",
		"15/07/2026 10:00", "15//07/2026",
	}
	for _, s := range bad {
		if got, err := ParseDate(s); err == nil {
			t.Errorf("ParseDate(%q) = %v, want an error", s, got)
		}
	}
}

func TestExcelSerialDate(t *testing.T) {
	cases := []struct {
		serial  float64
		y, m, d int
	}{
		{45658, 2025, 1, 1},
		{45658.75, 2025, 1, 1}, // time of day dropped
		{46204, 2026, 7, 1},
		{46022, 2025, 12, 31},
		{36526, 2000, 1, 1},
		{61, 1900, 3, 1},
		{59, 1900, 2, 28}, // before Excel's phantom 1900-02-29
		{1, 1900, 1, 1},
	}
	for _, c := range cases {
		want := time.Date(c.y, time.Month(c.m), c.d, 0, 0, 0, 0, time.UTC)
		if got := ExcelSerialDate(c.serial); !got.Equal(want) {
			t.Errorf("ExcelSerialDate(%v) = %v, want %v", c.serial, got, want)
		}
	}
}
