package vntext

import (
	"reflect"
	"testing"
	"time"
)

func TestParsePeriod(t *testing.T) {
	q3 := Period{2026, Quarter, 3}
	cases := []struct {
		in   string
		want Period
	}{
		{"Quý III/2026", q3},
		{"Quý 3 năm 2026", q3},
		{"Quý III năm 2026", q3},
		{"QUÝ III/2026", q3},
		{"Quý 3/2026", q3},
		{"Quý III - 2026", q3},
		{"2026-Q3", q3},
		{"2026Q3", q3},
		{"2026-q3", q3},
		{"Q3/2026", q3},
		{"Q3 2026", q3},
		{"q3-2026", q3},
		{" Quý  III / 2026 ", q3},
		{"Quy III/2026", q3},
		{"Quý I/2026", Period{2026, Quarter, 1}},
		{"Quý II/2026", Period{2026, Quarter, 2}},
		{"Quý IV/2026", Period{2026, Quarter, 4}},
		{"quý iv / 2025", Period{2025, Quarter, 4}},
		{"Quý 4 năm 2025", Period{2025, Quarter, 4}},
		{"6 tháng đầu năm 2026", Period{2026, Half, 1}},
		{"6 tháng cuối năm 2026", Period{2026, Half, 2}},
		{"6 THÁNG ĐẦU NĂM 2026", Period{2026, Half, 1}},
		{"2026-H1", Period{2026, Half, 1}},
		{"2026-H2", Period{2026, Half, 2}},
		{"H1/2026", Period{2026, Half, 1}},
		{"6T2/2026", Period{2026, Half, 2}},
		{"Năm 2026", Period{2026, Year, 0}},
		{"năm 2026", Period{2026, Year, 0}},
		{"2026", Period{2026, Year, 0}},
	}
	for _, c := range cases {
		got, err := ParsePeriod(c.in)
		if err != nil || got != c.want {
			t.Errorf("ParsePeriod(%q) = %+v, %v; want %+v", c.in, got, err, c.want)
		}
	}
	bad := []string{
		"Quý 5/2026", "Quý 0/2026", "Quý V/2026", "2026-H3", "2026-Q5", "2026-Q0", "abc", "", "Q3",
		"Quý III", "6 tháng giữa năm 2026", "2026-13", "Năm 1800", "Quý 3/1989", "Năm 2201", "202", "20260",
		"Kỳ:2026",
	}
	for _, s := range bad {
		if p, err := ParsePeriod(s); err == nil {
			t.Errorf("ParsePeriod(%q) = %+v, want an error", s, p)
		}
	}
}

func TestPeriodNames(t *testing.T) {
	cases := []struct {
		p                    Period
		code, label, labelEN string
	}{
		{Period{2026, Quarter, 1}, "2026-Q1", "Quý I năm 2026", "Q1 2026"},
		{Period{2026, Quarter, 2}, "2026-Q2", "Quý II năm 2026", "Q2 2026"},
		{Period{2026, Quarter, 3}, "2026-Q3", "Quý III năm 2026", "Q3 2026"},
		{Period{2026, Quarter, 4}, "2026-Q4", "Quý IV năm 2026", "Q4 2026"},
		{Period{2026, Half, 1}, "2026-H1", "6 tháng đầu năm 2026", "H1 2026"},
		{Period{2026, Half, 2}, "2026-H2", "6 tháng cuối năm 2026", "H2 2026"},
		{Period{2026, Year, 0}, "2026", "năm 2026", "2026"},
		{Period{}, "", "", "0"},
	}
	for _, c := range cases {
		if got := c.p.Code(); got != c.code {
			t.Errorf("%+v.Code() = %q, want %q", c.p, got, c.code)
		}
		if got := c.p.Label(); got != c.label {
			t.Errorf("%+v.Label() = %q, want %q", c.p, got, c.label)
		}
		if got := c.p.LabelEN(); got != c.labelEN {
			t.Errorf("%+v.LabelEN() = %q, want %q", c.p, got, c.labelEN)
		}
		if c.p.IsZero() {
			continue
		}
		for _, s := range []string{c.code, c.label} {
			if got, err := ParsePeriod(s); err != nil || got != c.p {
				t.Errorf("ParsePeriod(%q) = %+v, %v; want %+v", s, got, err, c.p)
			}
		}
	}
	if !(Period{}).IsZero() || (Period{2026, Year, 0}).IsZero() {
		t.Error("IsZero is wrong")
	}
}

func TestPeriodDays(t *testing.T) {
	d := func(y int, m time.Month, day int) time.Time { return time.Date(y, m, day, 0, 0, 0, 0, time.UTC) }
	cases := []struct {
		p          Period
		start, end time.Time
	}{
		{Period{2026, Quarter, 1}, d(2026, 1, 1), d(2026, 3, 31)},
		{Period{2026, Quarter, 2}, d(2026, 4, 1), d(2026, 6, 30)},
		{Period{2026, Quarter, 3}, d(2026, 7, 1), d(2026, 9, 30)},
		{Period{2026, Quarter, 4}, d(2026, 10, 1), d(2026, 12, 31)},
		{Period{2028, Quarter, 1}, d(2028, 1, 1), d(2028, 3, 31)},
		{Period{2026, Half, 1}, d(2026, 1, 1), d(2026, 6, 30)},
		{Period{2026, Half, 2}, d(2026, 7, 1), d(2026, 12, 31)},
		{Period{2026, Year, 0}, d(2026, 1, 1), d(2026, 12, 31)},
	}
	for _, c := range cases {
		if got := c.p.Start(); !got.Equal(c.start) {
			t.Errorf("%s.Start() = %v, want %v", c.p.Code(), got, c.start)
		}
		if got := c.p.End(); !got.Equal(c.end) {
			t.Errorf("%s.End() = %v, want %v", c.p.Code(), got, c.end)
		}
	}
}

func TestPeriodQuarters(t *testing.T) {
	q := func(n int) Period { return Period{2026, Quarter, n} }
	cases := []struct {
		p    Period
		want []Period
	}{
		{q(3), []Period{q(3)}},
		{Period{2026, Half, 1}, []Period{q(1), q(2)}},
		{Period{2026, Half, 2}, []Period{q(3), q(4)}},
		{Period{2026, Year, 0}, []Period{q(1), q(2), q(3), q(4)}},
		{Period{}, nil},
	}
	for _, c := range cases {
		if got := c.p.Quarters(); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%+v.Quarters() = %v, want %v", c.p, got, c.want)
		}
	}
	h2 := Period{2026, Half, 2}
	if !h2.Contains(q(3)) || !h2.Contains(q(4)) || h2.Contains(q(2)) || h2.Contains(Period{2025, Quarter, 3}) {
		t.Error("Half 2 Contains is wrong")
	}
	if y := (Period{2026, Year, 0}); !y.Contains(q(1)) || y.Contains(Period{2027, Quarter, 1}) {
		t.Error("Year Contains is wrong")
	}
}

func TestQuarterOf(t *testing.T) {
	cases := []struct {
		m    time.Month
		d, n int
	}{
		{time.January, 1, 1}, {time.March, 31, 1}, {time.April, 1, 2}, {time.June, 30, 2},
		{time.July, 1, 3}, {time.September, 30, 3}, {time.October, 1, 4}, {time.December, 31, 4},
	}
	for _, c := range cases {
		day := time.Date(2026, c.m, c.d, 12, 0, 0, 0, time.UTC)
		if got := QuarterOf(day); got != (Period{2026, Quarter, c.n}) {
			t.Errorf("QuarterOf(%v) = %+v, want Q%d", day, got, c.n)
		}
		if p := QuarterOf(day); day.Before(p.Start()) || day.After(p.End().AddDate(0, 0, 1)) {
			t.Errorf("%v is outside its quarter %s", day, p.Code())
		}
	}
}

func TestParseSchoolAndMonthPeriods(t *testing.T) {
	oct := Period{2026, Month, 10}
	hk1 := Period{2026, Semester, 1}
	hk2 := Period{2026, Semester, 2}
	nh := Period{2026, SchoolYear, 0}
	cases := []struct {
		in   string
		want Period
	}{
		{"2026-10", oct},
		{"Tháng 10/2026", oct},
		{"Tháng 10 năm 2026", oct},
		{"tháng 10 - 2026", oct},
		{"T10/2026", oct},
		{"10/2026", oct},
		{"THÁNG 10/2026", oct},
		{"2027-01", Period{2027, Month, 1}},
		{"Tháng 1/2027", Period{2027, Month, 1}},
		{"2026-2027-HK1", hk1},
		{"2026-2027-hk2", hk2},
		{"Học kỳ I năm học 2026-2027", hk1},
		{"Học kỳ II năm học 2026-2027", hk2},
		{"Học kì I năm học 2026 - 2027", hk1},
		{"Học kỳ 1 năm học 2026-2027", hk1},
		{"Học kỳ 2, năm học 2026–2027", hk2},
		{"HKI 2026-2027", hk1},
		{"HK II 2026-2027", hk2},
		{"HK1/2026-2027", hk1},
		{"HK2 năm học 2026-2027", hk2},
		{"Học kỳ I 2026-27", hk1},
		{"2026-2027", nh},
		{"Năm học 2026-2027", nh},
		{"năm học 2026 – 2027", nh},
		{"NH 2026-2027", nh},
		{"NH 2026-27", nh},
		{"Năm học 2099-00", Period{2099, SchoolYear, 0}},
	}
	for _, c := range cases {
		got, err := ParsePeriod(c.in)
		if err != nil || got != c.want {
			t.Errorf("ParsePeriod(%q) = %+v, %v; want %+v", c.in, got, err, c.want)
		}
	}
	bad := []string{
		"2026-13", "2026-00", "Tháng 13/2026", "T0/2026", "2026-2028", "Năm học 2026-2026",
		"Học kỳ III năm học 2026-2027", "HK3 2026-2027", "Năm học 2026", "NH 2026-29", "13/2026",
	}
	for _, s := range bad {
		if p, err := ParsePeriod(s); err == nil {
			t.Errorf("ParsePeriod(%q) = %+v, want an error", s, p)
		}
	}
}

func TestSchoolAndMonthPeriodNames(t *testing.T) {
	d := func(y int, m time.Month, day int) time.Time { return time.Date(y, m, day, 0, 0, 0, 0, time.UTC) }
	cases := []struct {
		p                    Period
		code, label, labelEN string
		start, end           time.Time
	}{
		{Period{2026, Month, 10}, "2026-10", "Tháng 10 năm 2026", "October 2026", d(2026, 10, 1), d(2026, 10, 31)},
		{Period{2027, Month, 2}, "2027-02", "Tháng 2 năm 2027", "February 2027", d(2027, 2, 1), d(2027, 2, 28)},
		{Period{2026, Semester, 1}, "2026-2027-HK1", "Học kỳ I năm học 2026-2027", "Semester 1 2026-2027", d(2026, 9, 1), d(2027, 1, 15)},
		{Period{2026, Semester, 2}, "2026-2027-HK2", "Học kỳ II năm học 2026-2027", "Semester 2 2026-2027", d(2027, 1, 16), d(2027, 5, 31)},
		{Period{2026, SchoolYear, 0}, "2026-2027", "Năm học 2026-2027", "School year 2026-2027", d(2026, 9, 1), d(2027, 5, 31)},
	}
	for _, c := range cases {
		if got := c.p.Code(); got != c.code {
			t.Errorf("%+v.Code() = %q, want %q", c.p, got, c.code)
		}
		if got := c.p.Label(); got != c.label {
			t.Errorf("%+v.Label() = %q, want %q", c.p, got, c.label)
		}
		if got := c.p.LabelEN(); got != c.labelEN {
			t.Errorf("%+v.LabelEN() = %q, want %q", c.p, got, c.labelEN)
		}
		if !c.p.Start().Equal(c.start) || !c.p.End().Equal(c.end) {
			t.Errorf("%s: %v…%v, want %v…%v", c.code, c.p.Start(), c.p.End(), c.start, c.end)
		}
		for _, s := range []string{c.code, c.label} {
			if got, err := ParsePeriod(s); err != nil || got != c.p {
				t.Errorf("ParsePeriod(%q) = %+v, %v; want %+v", s, got, err, c.p)
			}
		}
	}
}

func TestPeriodParts(t *testing.T) {
	m := func(y, n int) Period { return Period{y, Month, n} }
	q := func(n int) Period { return Period{2026, Quarter, n} }
	months := func(from, to int) []Period {
		var out []Period
		for i := from; i <= to; i++ {
			out = append(out, m(2026, i))
		}
		return out
	}
	nh := Period{2026, SchoolYear, 0}
	cases := []struct {
		p    Period
		k    PeriodKind
		want []Period
	}{
		{q(4), Month, months(10, 12)},
		{q(1), Month, months(1, 3)},
		{Period{2026, Half, 2}, Month, months(7, 12)},
		{Period{2026, Year, 0}, Month, months(1, 12)},
		{Period{2026, Year, 0}, Quarter, []Period{q(1), q(2), q(3), q(4)}},
		{nh, Semester, []Period{{2026, Semester, 1}, {2026, Semester, 2}}},
		{nh, Month, nil},
		{Period{2026, Semester, 1}, Month, nil},
		{m(2026, 3), Month, []Period{m(2026, 3)}},
		{Period{}, Month, nil},
	}
	for _, c := range cases {
		if got := c.p.Parts(c.k); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s.Parts(%s) = %v, want %v", c.p.Code(), c.k, got, c.want)
		}
	}
	if !q(4).Contains(m(2026, 11)) || q(4).Contains(m(2026, 9)) || !q(3).Contains(q(3)) {
		t.Error("quarter Contains is wrong")
	}
	if y := (Period{2026, Year, 0}); !y.Contains(m(2026, 1)) || y.Contains(m(2027, 1)) || y.Contains(y) {
		t.Error("year Contains is wrong")
	}
	if !nh.Contains(Period{2026, Semester, 2}) || nh.Contains(Period{2027, Semester, 1}) || nh.Contains(q(4)) {
		t.Error("school year Contains is wrong")
	}
	kinds := map[PeriodKind][]PeriodKind{
		Quarter: {Month}, Half: {Quarter, Month}, Year: {Quarter, Month}, SchoolYear: {Semester}, Month: nil, Semester: nil,
	}
	for k, want := range kinds {
		if got := (Period{2026, k, 1}).PartKinds(); !reflect.DeepEqual(got, want) {
			t.Errorf("%s.PartKinds() = %v, want %v", k, got, want)
		}
		if n, ok := ParsePeriodKind(k.String()); !ok || n != k {
			t.Errorf("ParsePeriodKind(%q) = %v, %v", k.String(), n, ok)
		}
	}
	if _, ok := ParsePeriodKind("week"); ok {
		t.Error("week is not a period kind")
	}
}
