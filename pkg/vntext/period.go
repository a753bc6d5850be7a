package vntext

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// PeriodKind says how long a reporting period is.
type PeriodKind int

// The kinds of period a report covers.
const (
	Quarter PeriodKind = iota + 1
	Half
	Year
)

// Period is a reporting period: a quarter, a half year or a year.
type Period struct {
	Year int
	Kind PeriodKind
	N    int // quarter 1–4 or half 1–2; 0 for a year
}

// Code returns the stable code of the period: "2026-Q3", "2026-H1", "2026".
func (p Period) Code() string {
	switch p.Kind {
	case Quarter:
		return fmt.Sprintf("%d-Q%d", p.Year, p.N)
	case Half:
		return fmt.Sprintf("%d-H%d", p.Year, p.N)
	case Year:
		return strconv.Itoa(p.Year)
	}
	return ""
}

// IsZero reports whether p is the zero period.
func (p Period) IsZero() bool { return p.Kind == 0 }

var romans = [...]string{"", "I", "II", "III", "IV"}

// Label returns the Vietnamese label: "Quý III năm 2026", "6 tháng đầu năm
// 2026", "6 tháng cuối năm 2026", "năm 2026".
func (p Period) Label() string {
	switch p.Kind {
	case Quarter:
		return fmt.Sprintf("Quý %s năm %d", romans[p.N], p.Year)
	case Half:
		if p.N == 1 {
			return fmt.Sprintf("6 tháng đầu năm %d", p.Year)
		}
		return fmt.Sprintf("6 tháng cuối năm %d", p.Year)
	case Year:
		return fmt.Sprintf("năm %d", p.Year)
	}
	return ""
}

// LabelEN returns the English label: "Q3 2026", "H1 2026", "2026".
func (p Period) LabelEN() string {
	switch p.Kind {
	case Quarter:
		return fmt.Sprintf("Q%d %d", p.N, p.Year)
	case Half:
		return fmt.Sprintf("H%d %d", p.N, p.Year)
	}
	return strconv.Itoa(p.Year)
}

// Start returns the first day of the period.
func (p Period) Start() time.Time {
	m := time.January
	switch p.Kind {
	case Quarter:
		m = time.Month(3*(p.N-1) + 1)
	case Half:
		m = time.Month(6*(p.N-1) + 1)
	}
	return time.Date(p.Year, m, 1, 0, 0, 0, 0, time.UTC)
}

// End returns the last day of the period.
func (p Period) End() time.Time {
	months := 12
	switch p.Kind {
	case Quarter:
		months = 3
	case Half:
		months = 6
	}
	return p.Start().AddDate(0, months, -1)
}

// Quarters returns the quarters that make up p (p itself for a quarter).
func (p Period) Quarters() []Period {
	switch p.Kind {
	case Quarter:
		return []Period{p}
	case Half:
		return []Period{{p.Year, Quarter, 2*p.N - 1}, {p.Year, Quarter, 2 * p.N}}
	case Year:
		return []Period{{p.Year, Quarter, 1}, {p.Year, Quarter, 2}, {p.Year, Quarter, 3}, {p.Year, Quarter, 4}}
	}
	return nil
}

// Contains reports whether quarter q lies inside p.
func (p Period) Contains(q Period) bool {
	for _, x := range p.Quarters() {
		if x == q {
			return true
		}
	}
	return false
}

var (
	reCode     = regexp.MustCompile(`^(\d{4})-?(q|h)([1-4])$`)
	reQSlash   = regexp.MustCompile(`^(?:quy|q)\s*([1-4]|i{1,3}|iv)\s*(?:/|-|nam|\s)\s*(\d{4})$`)
	reHalf     = regexp.MustCompile(`^6 thang (dau|cuoi) nam (\d{4})$`)
	reHalfCode = regexp.MustCompile(`^(?:h|6t)([12])\s*/\s*(\d{4})$`)
	reYear     = regexp.MustCompile(`^(?:nam\s+)?(\d{4})$`)
)

// ParsePeriod reads a period written as a code or in words: "2026-Q3",
// "Quý III/2026", "Quý 3 năm 2026", "Q3/2026", "6 tháng đầu năm 2026",
// "2026-H1", "Năm 2026", "2026".
func ParsePeriod(s string) (Period, error) {
	f := Fold(s)
	f = strings.ReplaceAll(f, " / ", "/")
	if m := reCode.FindStringSubmatch(f); m != nil {
		y, _ := strconv.Atoi(m[1])
		n, _ := strconv.Atoi(m[3])
		if m[2] == "q" {
			return checkYear(Period{y, Quarter, n}, s)
		}
		if n > 2 {
			return Period{}, fmt.Errorf("kỳ báo cáo không hợp lệ %q", s)
		}
		return checkYear(Period{y, Half, n}, s)
	}
	if m := reQSlash.FindStringSubmatch(f); m != nil {
		y, _ := strconv.Atoi(m[2])
		return checkYear(Period{y, Quarter, romanOrDigit(m[1])}, s)
	}
	if m := reHalf.FindStringSubmatch(f); m != nil {
		y, _ := strconv.Atoi(m[2])
		n := 1
		if m[1] == "cuoi" {
			n = 2
		}
		return checkYear(Period{y, Half, n}, s)
	}
	if m := reHalfCode.FindStringSubmatch(f); m != nil {
		y, _ := strconv.Atoi(m[2])
		n, _ := strconv.Atoi(m[1])
		return checkYear(Period{y, Half, n}, s)
	}
	if m := reYear.FindStringSubmatch(f); m != nil {
		y, _ := strconv.Atoi(m[1])
		return checkYear(Period{y, Year, 0}, s)
	}
	return Period{}, fmt.Errorf("kỳ báo cáo không hợp lệ %q", s)
}

func checkYear(p Period, s string) (Period, error) {
	if p.Year < 1990 || p.Year > 2200 {
		return Period{}, fmt.Errorf("kỳ báo cáo không hợp lệ %q: năm %d", s, p.Year)
	}
	return p, nil
}

func romanOrDigit(s string) int {
	switch s {
	case "i", "1":
		return 1
	case "ii", "2":
		return 2
	case "iii", "3":
		return 3
	}
	return 4
}

// QuarterOf returns the quarter that holds day t.
func QuarterOf(t time.Time) Period {
	return Period{t.Year(), Quarter, (int(t.Month())-1)/3 + 1}
}
