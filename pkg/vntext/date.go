package vntext

import (
	"fmt"
	"regexp"
	"strconv"
	"time"
)

// DateLine returns the date as an official document writes it, with the
// leading zeros Nghị định 30/2020 asks for (days below 10, months 1 and 2):
// "ngày 05 tháng 01 năm 2026", "ngày 15 tháng 7 năm 2026".
func DateLine(t time.Time) string {
	m := strconv.Itoa(int(t.Month()))
	if t.Month() <= 2 {
		m = "0" + m
	}
	return fmt.Sprintf("ngày %02d tháng %s năm %d", t.Day(), m, t.Year())
}

var reDMY = regexp.MustCompile(`^\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})\s*$`)
var reISO = regexp.MustCompile(`^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$`)
var reWords = regexp.MustCompile(`^\s*(?:.*,\s*)?ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})\s*$`)

// ParseDate reads a date written as "dd/mm/yyyy" (also with "-" or "."),
// "yyyy-mm-dd" or "ngày dd tháng mm năm yyyy".
func ParseDate(s string) (time.Time, error) {
	var d, m, y int
	if g := reDMY.FindStringSubmatch(s); g != nil {
		d, _ = strconv.Atoi(g[1])
		m, _ = strconv.Atoi(g[2])
		y, _ = strconv.Atoi(g[3])
	} else if g := reISO.FindStringSubmatch(s); g != nil {
		y, _ = strconv.Atoi(g[1])
		m, _ = strconv.Atoi(g[2])
		d, _ = strconv.Atoi(g[3])
	} else if g := reWords.FindStringSubmatch(Fold(s)); g != nil {
		d, _ = strconv.Atoi(g[1])
		m, _ = strconv.Atoi(g[2])
		y, _ = strconv.Atoi(g[3])
	} else {
		return time.Time{}, fmt.Errorf("ngày không hợp lệ %q", s)
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d || int(t.Month()) != m || y < 1990 || y > 2200 {
		return time.Time{}, fmt.Errorf("ngày không hợp lệ %q", s)
	}
	return t, nil
}

// ExcelSerialDate converts an Excel serial day number (1900 date system)
// into a date; the time of day is dropped (45658 and 45658.75 are both
// 2025-01-01).
func ExcelSerialDate(serial float64) time.Time {
	base := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	days := int(serial)
	if days > 0 && days < 60 {
		// Excel counts the day 1900-02-29 that never was (serial 60), so
		// serials before it are one day later than the count from base.
		days++
	}
	return base.AddDate(0, 0, days)
}
