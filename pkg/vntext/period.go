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

// The kinds of period a report covers. School periods (Semester,
// SchoolYear) are named by the calendar year the school year starts in.
const (
	Quarter PeriodKind = iota + 1
	Half
	Year
	Month
	Semester   // học kỳ: I from 1 September to 15 January, II from 16 January to 31 May
	SchoolYear // năm học: 1 September to 31 May
)

// kindNames are the names of the kinds in the configuration (period_kind).
var kindNames = map[PeriodKind]string{
	Quarter: "quarter", Half: "half", Year: "year",
	Month: "month", Semester: "semester", SchoolYear: "school-year",
}

// String returns the kind's name as the configuration writes it:
// "quarter", "month", "semester", "school-year", "half", "year".
func (k PeriodKind) String() string { return kindNames[k] }

// ParsePeriodKind reads a kind's configuration name (see String).
func ParsePeriodKind(s string) (PeriodKind, bool) {
	for k, n := range kindNames {
		if n == s {
			return k, true
		}
	}
	return 0, false
}

// Period is a reporting period: a month, a quarter, a half year, a year, a
// semester or a school year.
type Period struct {
	Year int        // the calendar year; for a semester or a school year, the year it starts in
	Kind PeriodKind //
	N    int        // month 1–12, quarter 1–4, half 1–2, semester 1–2; 0 for a year or a school year
}

// Code returns the stable code of the period: "2026-Q3", "2026-H1", "2026",
// "2026-10" (a month), "2026-2027-HK1" (a semester), "2026-2027" (a school
// year).
func (p Period) Code() string {
	switch p.Kind {
	case Quarter:
		return fmt.Sprintf("%d-Q%d", p.Year, p.N)
	case Half:
		return fmt.Sprintf("%d-H%d", p.Year, p.N)
	case Year:
		return strconv.Itoa(p.Year)
	case Month:
		return fmt.Sprintf("%d-%02d", p.Year, p.N)
	case Semester:
		return fmt.Sprintf("%d-%d-HK%d", p.Year, p.Year+1, p.N)
	case SchoolYear:
		return fmt.Sprintf("%d-%d", p.Year, p.Year+1)
	}
	return ""
}

// IsZero reports whether p is the zero period.
func (p Period) IsZero() bool { return p.Kind == 0 }

var romans = [...]string{"", "I", "II", "III", "IV"}

// Label returns the Vietnamese label: "Quý III năm 2026", "6 tháng đầu năm
// 2026", "6 tháng cuối năm 2026", "năm 2026", "Tháng 10 năm 2026", "Học kỳ I
// năm học 2026-2027", "Năm học 2026-2027".
func (p Period) Label() string {
	switch p.Kind {
	case Month:
		return fmt.Sprintf("Tháng %d năm %d", p.N, p.Year)
	case Semester:
		return fmt.Sprintf("Học kỳ %s năm học %d-%d", romans[p.N], p.Year, p.Year+1)
	case SchoolYear:
		return fmt.Sprintf("Năm học %d-%d", p.Year, p.Year+1)
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

// LabelEN returns the English label: "Q3 2026", "H1 2026", "2026",
// "October 2026", "Semester 1 2026-2027", "School year 2026-2027".
func (p Period) LabelEN() string {
	switch p.Kind {
	case Month:
		return fmt.Sprintf("%s %d", time.Month(p.N), p.Year)
	case Semester:
		return fmt.Sprintf("Semester %d %d-%d", p.N, p.Year, p.Year+1)
	case SchoolYear:
		return fmt.Sprintf("School year %d-%d", p.Year, p.Year+1)
	case Quarter:
		return fmt.Sprintf("Q%d %d", p.N, p.Year)
	case Half:
		return fmt.Sprintf("H%d %d", p.N, p.Year)
	}
	return strconv.Itoa(p.Year)
}

// Start returns the first day of the period. A school year and its first
// semester start on 1 September, the second semester on 16 January.
func (p Period) Start() time.Time {
	m, d := time.January, 1
	switch p.Kind {
	case Quarter:
		m = time.Month(3*(p.N-1) + 1)
	case Half:
		m = time.Month(6*(p.N-1) + 1)
	case Month:
		m = time.Month(p.N)
	case SchoolYear:
		m = time.September
	case Semester:
		if p.N == 2 {
			return time.Date(p.Year+1, time.January, 16, 0, 0, 0, 0, time.UTC)
		}
		m = time.September
	}
	return time.Date(p.Year, m, d, 0, 0, 0, 0, time.UTC)
}

// End returns the last day of the period, the day lateness counts from:
// the first semester ends on 15 January, the second semester and the school
// year on 31 May.
func (p Period) End() time.Time {
	months := 12
	switch p.Kind {
	case Quarter:
		months = 3
	case Half:
		months = 6
	case Month:
		months = 1
	case SchoolYear:
		return time.Date(p.Year+1, time.May, 31, 0, 0, 0, 0, time.UTC)
	case Semester:
		if p.N == 1 {
			return time.Date(p.Year+1, time.January, 15, 0, 0, 0, 0, time.UTC)
		}
		return time.Date(p.Year+1, time.May, 31, 0, 0, 0, 0, time.UTC)
	}
	return p.Start().AddDate(0, months, -1)
}

// Quarters returns the quarters that make up p (p itself for a quarter);
// nil for a month, a semester or a school year.
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

// Parts returns the periods of kind k that make up p, in order: the months
// of a quarter, a half year or a year; the quarters of a half year or a
// year; the semesters of a school year; p itself when p is of kind k. Nil
// when p is not made of periods of kind k (a semester is not made of
// months: the first semester ends mid-January).
func (p Period) Parts(k PeriodKind) []Period {
	if p.IsZero() {
		return nil
	}
	if p.Kind == k {
		return []Period{p}
	}
	switch {
	case k == Quarter:
		if p.Kind == Half || p.Kind == Year {
			return p.Quarters()
		}
	case k == Month && (p.Kind == Quarter || p.Kind == Half || p.Kind == Year):
		first := int(p.Start().Month())
		last := int(p.End().Month())
		var out []Period
		for m := first; m <= last; m++ {
			out = append(out, Period{p.Year, Month, m})
		}
		return out
	case k == Semester && p.Kind == SchoolYear:
		return []Period{{p.Year, Semester, 1}, {p.Year, Semester, 2}}
	}
	return nil
}

// PartKinds returns the kinds of the shorter periods p rolls up, in order
// of preference: a quarter rolls up its months; a half year or a year its
// quarters, else its months; a school year its semesters. Nil for a month
// or a semester.
func (p Period) PartKinds() []PeriodKind {
	switch p.Kind {
	case Quarter:
		return []PeriodKind{Month}
	case Half, Year:
		return []PeriodKind{Quarter, Month}
	case SchoolYear:
		return []PeriodKind{Semester}
	}
	return nil
}

// Contains reports whether q is one of the shorter periods p rolls up (a
// quarter of a half year or a year, a month of a quarter, a half year or a
// year, a semester of a school year), or p itself when p is a quarter.
func (p Period) Contains(q Period) bool {
	if q == p && p.Kind != Quarter {
		return false
	}
	for _, x := range p.Parts(q.Kind) {
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
	reMonth    = regexp.MustCompile(`^(?:thang|t)\s*(\d{1,2})\s*(?:/|-|nam|\s)\s*(\d{4})$`)
	reMonthNum = regexp.MustCompile(`^(?:(\d{4})-(\d{1,2})|(\d{1,2})/(\d{4}))$`)
	reSem      = regexp.MustCompile(`^(?:hoc (?:ky|ki)|hk)\s*(1|2|i|ii)\s*(?:[/,]\s*)?(?:nam hoc|nh)?\s*(\d{4})-(\d{2}|\d{4})$`)
	reSemCode  = regexp.MustCompile(`^(\d{4})-(\d{2}|\d{4})-?hk([12])$`)
	reSchool   = regexp.MustCompile(`^(?:nam hoc|nh)\s*(\d{4})-(\d{2}|\d{4})$|^(\d{4})-(\d{4})$`)
	dashes     = strings.NewReplacer("\u2013", "-", "\u2014", "-", "\u2212", "-", ",", " ")
	dashSpace  = strings.NewReplacer(" - ", "-", " -", "-", "- ", "-")
)

// ParsePeriod reads a period written as a code or in words: "2026-Q3",
// "Quý III/2026", "Quý 3 năm 2026", "Q3/2026", "6 tháng đầu năm 2026",
// "2026-H1", "Năm 2026", "2026"; a month "2026-10", "Tháng 10/2026",
// "Tháng 10 năm 2026", "T10/2026", "10/2026"; a semester "2026-2027-HK1",
// "Học kỳ I năm học 2026-2027", "Học kì 2 năm học 2026-2027", "HKI
// 2026-2027", "HK2/2026-2027"; a school year "2026-2027", "Năm học
// 2026-2027", "NH 2026-27". The two years of a school year must follow
// each other.
func ParsePeriod(s string) (Period, error) {
	f := Fold(s)
	f = strings.ReplaceAll(f, " / ", "/")
	f = dashSpace.Replace(strings.Join(strings.Fields(dashes.Replace(f)), " "))
	if p, ok, err := parseSchool(f, s); ok {
		return p, err
	}
	if m := reMonth.FindStringSubmatch(f); m != nil {
		return monthPeriod(m[2], m[1], s)
	}
	if m := reMonthNum.FindStringSubmatch(f); m != nil {
		if m[1] != "" {
			return monthPeriod(m[1], m[2], s)
		}
		return monthPeriod(m[4], m[3], s)
	}
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

// parseSchool reads the school periods: semesters and school years. ok is
// false when f is not written as one.
func parseSchool(f, s string) (p Period, ok bool, err error) {
	var y1, y2, sem string
	if m := reSemCode.FindStringSubmatch(f); m != nil {
		y1, y2, sem = m[1], m[2], m[3]
	} else if m := reSem.FindStringSubmatch(f); m != nil {
		y1, y2, sem = m[2], m[3], m[1]
	} else if m := reSchool.FindStringSubmatch(f); m != nil {
		y1, y2 = m[1], m[2]
		if y1 == "" {
			y1, y2 = m[3], m[4]
		}
	} else {
		return Period{}, false, nil
	}
	y, _ := strconv.Atoi(y1)
	next, _ := strconv.Atoi(y2)
	if len(y2) == 2 {
		next += y / 100 * 100
		if next < y {
			next += 100
		}
	}
	if next != y+1 {
		return Period{}, true, fmt.Errorf("kỳ báo cáo không hợp lệ %q: năm học %d-%d", s, y, next)
	}
	p = Period{y, SchoolYear, 0}
	switch sem {
	case "1", "i":
		p = Period{y, Semester, 1}
	case "2", "ii":
		p = Period{y, Semester, 2}
	}
	p, err = checkYear(p, s)
	return p, true, err
}

// monthPeriod makes the month of year y, number m.
func monthPeriod(y, m, s string) (Period, error) {
	yi, _ := strconv.Atoi(y)
	mi, _ := strconv.Atoi(m)
	if mi < 1 || mi > 12 {
		return Period{}, fmt.Errorf("kỳ báo cáo không hợp lệ %q: tháng %d", s, mi)
	}
	return checkYear(Period{yi, Month, mi}, s)
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
