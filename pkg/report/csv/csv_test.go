package csv

import (
	"bytes"
	stdcsv "encoding/csv"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/thidua/thidua/internal/reporttest"
	"github.com/thidua/thidua/pkg/campaign"
	"github.com/thidua/thidua/pkg/report"
	"github.com/thidua/thidua/pkg/score"
	"github.com/thidua/thidua/pkg/vntext"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// golden compares got with testdata/golden/csv/name (from the module root),
// rewriting it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("..", "..", "..", "testdata", "golden", "csv", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it):\n--- got ---\n%s", name, got)
	}
}

func write(t *testing.T, r *score.Result, lang string) []byte {
	t.Helper()
	var buf bytes.Buffer
	ds, err := Write(&buf, r, report.Meta{Lang: lang})
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) > 0 {
		t.Errorf("diagnostics: %v", ds)
	}
	return buf.Bytes()
}

func TestGolden(t *testing.T) {
	for _, tc := range []struct {
		name string
		r    *score.Result
		lang string
	}{
		{"quarter-vi.csv", reporttest.Result(), "vi"},
		{"year-en.csv", reporttest.Year(), "en"},
	} {
		t.Run(tc.name, func(t *testing.T) { golden(t, tc.name, write(t, tc.r, tc.lang)) })
	}
}

// TestNil: a nil result gives a CSV with only its header, never a panic.
func TestNil(t *testing.T) {
	if got := string(write(t, nil, "vi")); strings.Count(got, "\n") != 1 {
		t.Errorf("Write(nil) = %q", got)
	}
}

func TestSafeText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"=1+1", "'=1+1"}, {"+84", "'+84"}, {"-2", "'-2"}, {"@SUM(A1)", "'@SUM(A1)"}, {"\tx", "'\tx"}, {"\rx", "'\rx"},
		{"Văn phòng", "Văn phòng"}, {"", ""}, {"a=b", "a=b"},
	} {
		if got := SafeText(tc.in); got != tc.want {
			t.Errorf("SafeText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestRows reads the CSV back: BOM, header, one row per unit, numbers with
// a dot, formula-like names escaped, notes joined.
func TestRows(t *testing.T) {
	r := reporttest.Result()
	b := write(t, r, "vi")
	if !bytes.HasPrefix(b, []byte("\xef\xbb\xbf")) {
		t.Fatal("no BOM")
	}
	rows := read(t, b)
	if len(rows) != len(r.Units)+1 {
		t.Fatalf("%d rows, want %d", len(rows), len(r.Units)+1)
	}
	h := rows[0]
	want := []string{"Hạng", "Mã đơn vị", "Đơn vị", "Khối", "Hạng trong khối", "Nội dung 1", "Nội dung 2", "Quý I", "Quý II", "Quý III", "Quý IV",
		"Điểm thưởng", "Điểm trừ", "Tổng điểm", "Xếp loại", "Tăng/giảm điểm", "Tăng/giảm hạng", "Ghi chú"}
	if strings.Join(h, "|") != strings.Join(want, "|") {
		t.Errorf("header = %q", h)
	}
	for i, u := range r.Units {
		row := rows[i+1]
		if row[13] != u.Total.String() || row[0] != strconv.Itoa(u.Rank) || row[14] != u.Band || (u.GroupRank > 0) != (row[4] == strconv.Itoa(u.GroupRank)) {
			t.Errorf("row %d = %q", i+1, row)
		}
		if strings.HasPrefix(u.Name, "=") && row[2] != "'"+u.Name {
			t.Errorf("formula-like name not escaped: %q", row[2])
		}
		if row[17] != strings.Join(u.Flags, "; ") {
			t.Errorf("notes = %q", row[17])
		}
		// a quarter's report: the quarter and change columns are there, empty
		if strings.Join(row[7:11], "") != "" || row[15] != "" || row[16] != "" {
			t.Errorf("row %d fills columns a quarter has not: %q", i+1, row)
		}
	}
	if rows[1][13] != "101.5" || rows[2][13] != "86" {
		t.Errorf("totals = %q %q", rows[1][13], rows[2][13])
	}
}

func read(t *testing.T, b []byte) [][]string {
	t.Helper()
	rows, err := stdcsv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestSameColumns: the columns do not depend on the run's options — a
// quarter, a year with its quarters and a change since an earlier result
// have the same header — and every figure is a plain number: the year's
// quarters in their columns, the changes signed numbers (no ▲, no "mới").
func TestSameColumns(t *testing.T) {
	q, y := read(t, write(t, reporttest.Result(), "vi")), read(t, write(t, reporttest.Year(), "vi"))
	if strings.Join(q[0], "|") != strings.Join(y[0], "|") {
		t.Errorf("a quarter's header %q\nis not a year's %q", q[0], y[0])
	}
	number := regexp.MustCompile(`^-?\d+(\.\d{1,2})?$`)
	r := reporttest.Year()
	for i, row := range y[1:] {
		u := r.Units[i]
		for _, c := range append(append([]string(nil), row[4:14]...), row[15:17]...) {
			if c != "" && !number.MatchString(c) {
				t.Errorf("row %d: %q is not a number (%q)", i+1, c, row)
			}
		}
		for qi, qt := range u.Quarters {
			if got := row[7+qt.Period.N-1]; got != qt.Total.String() {
				t.Errorf("%s quarter %d = %q, want %s", u.Code, qi+1, got, qt.Total.String())
			}
		}
		c := u.Change
		switch {
		case c == nil || !c.Known:
			if row[15] != "" || row[16] != "" {
				t.Errorf("%s: new unit's change = %q %q, want empty", u.Code, row[15], row[16])
			}
		case row[15] != c.Points.String() || row[16] != strconv.Itoa(c.Rank):
			t.Errorf("%s: change = %q %q, want %s %d", u.Code, row[15], row[16], c.Points.String(), c.Rank)
		}
	}
	en := read(t, write(t, reporttest.Year(), "en"))
	if got := strings.Join(en[0][7:11], ","); got != "Q1,Q2,Q3,Q4" {
		t.Errorf("English quarter headers = %q", got)
	}
}

// TestPartColumns: with forms by month the CSV has a column per month of
// the year, with forms by semester one per semester of the school year;
// a longer period fills those of its parts, whatever its own kind.
func TestPartColumns(t *testing.T) {
	for _, tc := range []struct {
		kind   string
		period vntext.Period
		parts  []vntext.Period
		heads  string // the part columns' headers
		filled []int  // the part columns filled, from 1
	}{
		{"month", vntext.Period{Year: 2026, Kind: vntext.Quarter, N: 3},
			vntext.Period{Year: 2026, Kind: vntext.Quarter, N: 3}.Parts(vntext.Month),
			"Tháng 1|Tháng 2|Tháng 3|Tháng 4|Tháng 5|Tháng 6|Tháng 7|Tháng 8|Tháng 9|Tháng 10|Tháng 11|Tháng 12", []int{7, 8, 9}},
		{"semester", vntext.Period{Year: 2025, Kind: vntext.SchoolYear},
			vntext.Period{Year: 2025, Kind: vntext.SchoolYear}.Parts(vntext.Semester), "Học kỳ I|Học kỳ II", []int{1, 2}},
		{"year", vntext.Period{Year: 2026, Kind: vntext.Year}, nil, "", nil},
	} {
		t.Run(tc.kind, func(t *testing.T) {
			r := reporttest.Result()
			c := *r.Campaign
			c.PeriodKind = tc.kind
			r.Campaign, r.Period = &c, tc.period
			for i := range r.Units {
				r.Units[i].Quarters = nil
				for k, p := range tc.parts {
					r.Units[i].Quarters = append(r.Units[i].Quarters, score.QuarterTotal{Period: p, Total: campaign.Points(100 * (k + 1)), Present: true})
				}
			}
			rows := read(t, write(t, r, "vi"))
			n := len(strings.Split(tc.heads, "|"))
			if tc.heads == "" {
				n = 0
			}
			if got := strings.Join(rows[0][7:7+n], "|"); got != tc.heads {
				t.Errorf("part headers %q, want %q", got, tc.heads)
			}
			if got := rows[0][7+n]; got != "Điểm thưởng" {
				t.Errorf("after the parts: %q", got)
			}
			for col := 1; col <= n; col++ {
				want := ""
				for k, f := range tc.filled {
					if f == col {
						want = campaign.Points(100 * (k + 1)).String()
					}
				}
				if got := rows[1][6+col]; got != want {
					t.Errorf("part %d = %q, want %q", col, got, want)
				}
			}
		})
	}
}
