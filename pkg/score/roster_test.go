package score

import (
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/thidua/thidua/pkg/submission"
)

// testRoster has a hyphenated code, names that differ only by
// diacritics, an alias equal to another unit's name and a repeated code.
var testRoster = []Unit{
	{Code: "KH-TC", Name: "Phòng Kế hoạch - Tài chính", Group: "Khối phòng", Aliases: []string{"Phòng KHTC"}},
	{Code: "VP", Name: "Văn phòng Sở", Aliases: []string{"Văn phòng", "Thanh tra"}},
	{Code: "TTr", Name: "Thanh tra", Aliases: []string{"Thanh tra Sở"}},
	{Code: "DT", Name: "Đoàn Thanh niên"},
	{Code: "DT", Name: "Đội thuế"}, // a second unit with the same code: the first has it
}

func TestRosterMatch(t *testing.T) {
	rx := NewRoster(testRoster)
	tests := []struct {
		name       string
		code, unit string
		want       string // roster code; "" = no match
	}{
		{"code without its hyphen", "KHTC", "", "KH-TC"},
		{"code in lower case with spaces", " kh tc ", "", "KH-TC"},
		{"code exact", "VP", "", "VP"},
		{"name without diacritics", "", "Phong Ke hoach - Tai chinh", "KH-TC"},
		{"name with other punctuation and spaces", "", "phòng kế hoạch–tài   chính:", "KH-TC"},
		{"name decomposed (NFD)", "", norm.NFD.String("Văn phòng Sở"), "VP"},
		{"alias", "", "Phòng KHTC", "KH-TC"},
		{"a unit's name wins over another unit's alias", "", "Thanh tra", "TTr"},
		{"đ folds to d", "", "doan thanh nien", "DT"},
		{"a repeated code goes to the first unit", "DT", "", "DT"},
		{"code wins over a name of another unit", "VP", "Thanh tra", "VP"},
		{"unknown code, known name", "XX", "Văn phòng Sở", "VP"},
		{"unknown code and name", "XX", "Phòng Tổ chức", ""},
		{"nothing written", "", "", ""},
		{"punctuation only", "-", "—", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			u, ok := rx.Match(&submission.Submission{UnitCode: tc.code, Unit: tc.unit})
			if ok != (tc.want != "") || u.Code != tc.want {
				t.Errorf("Match(%q, %q) = %q %v, want %q", tc.code, tc.unit, u.Code, ok, tc.want)
			}
			if ok && tc.want == "DT" && u.Name != "Đoàn Thanh niên" {
				t.Errorf("Match gave %q, want the first unit with code DT", u.Name)
			}
		})
	}
	if _, ok := rx.Match(nil); ok {
		t.Error("Match(nil) matched")
	}
	if _, ok := NewRoster(nil).Match(&submission.Submission{UnitCode: "VP", Unit: "Văn phòng Sở"}); ok {
		t.Error("an empty roster matched")
	}
}

// TestRosterFileUnit: FileUnit names each file as Run lists it, so that
// validate and report agree.
func TestRosterFileUnit(t *testing.T) {
	c, _ := loadDefault(t)
	rx := NewRoster(testRoster)
	tests := []struct {
		name       string
		code, unit string
		rejected   bool
		want       string
	}{
		{"roster code from a code without hyphen", "KHTC", "", false, "KH-TC"},
		{"roster code from a name without diacritics", "", "Van phong So", false, "VP"},
		{"off the roster: the code written", "TCCB", "Phòng Tổ chức cán bộ", false, "TCCB"},
		{"off the roster: initials of the name", "", "Phòng Tổ chức cán bộ", false, "PTCCB"},
		{"rejected: the code as written", "KHTC", "Phòng Kế hoạch - Tài chính", true, "KHTC"},
		{"rejected without a code: the name as written", "", " Văn  phòng Sở ", true, "Văn phòng Sở"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var opts []formOpt
			if tc.rejected {
				opts = append(opts, withError())
			}
			in := mkForm(t, c, "f.xlsx", tc.code, tc.unit, opts...)
			if got := rx.FileUnit(in.Submission); got != tc.want {
				t.Errorf("FileUnit = %q, want %q", got, tc.want)
			}
			r := Run([]submission.Input{in}, Options{Campaign: c, Roster: testRoster, DeadlineDays: 5})
			if f := r.Files[0]; f.Unit != tc.want {
				t.Errorf("Run lists the file under %q, FileUnit says %q", f.Unit, tc.want)
			}
		})
	}
	if got := rx.FileUnit(nil); got != "" {
		t.Errorf("FileUnit(nil) = %q", got)
	}
}
