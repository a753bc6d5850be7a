package report

import (
	"reflect"
	"testing"

	"github.com/thidua/thidua/pkg/score"
)

func TestShortName(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Phòng Quản lý vận tải", "Quản lý vận tải"},
		{"Phòng Kế hoạch - Tài chính", "Kế hoạch - Tài chính"},
		{"Trung tâm Đăng kiểm xe cơ giới", "Đăng kiểm xe cơ giới"},
		{"Ban Quản lý dự án giao thông", "Quản lý dự án giao thông"},
		{"Chi cục Thuế khu vực I", "Thuế khu vực I"},
		{"Văn phòng Sở", "Văn phòng"},
		{"Đoàn Thanh niên Sở", "Đoàn Thanh niên"},
		{"Công đoàn cơ sở Sở", "Công đoàn cơ sở"},
		{"Thanh tra Sở", "Thanh tra"},
		{"Cảng vụ Đường thủy nội địa", "Cảng vụ Đường thủy nội địa"},
		{"Ban chỉ đạo", "Ban chỉ đạo"},     // no name follows the kind of unit
		{"Phòng", "Phòng"},                 // never shortened to nothing
		{"Sở", "Sở"},                       // idem
		{"  Phòng   Tổ  chức ", "Tổ chức"}, // spaces collapsed
		{"PHÒNG TỔ CHỨC CÁN BỘ", "TỔ CHỨC CÁN BỘ"},
		{"Phong Ke hoach", "Phong Ke hoach"}, // no diacritics: not recognised, kept
		{"", ""},
	} {
		if got := ShortName(tc.in); got != tc.want {
			t.Errorf("ShortName(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestShortNames(t *testing.T) {
	units := []score.UnitResult{
		{Code: "QLVT", Name: "Phòng Quản lý vận tải"},
		{Code: "VP", Name: "Văn phòng Sở", Short: "VP Sở"}, // the roster's short: wins
		{Code: "A", Name: "Phòng Quản lý giao thông"},      // the same short name as B:
		{Code: "B", Name: "Ban Quản lý giao thông"},        // both keep their full names
		{Code: "X9"}, // no name: the code
		{Code: "C", Name: "Trung tâm Quản lý giao thông", Short: " "}, // a blank short is none
	}
	want := []string{"Quản lý vận tải", "VP Sở", "Phòng Quản lý giao thông", "Ban Quản lý giao thông", "X9", "Trung tâm Quản lý giao thông"}
	if got := ShortNames(units); !reflect.DeepEqual(got, want) {
		t.Errorf("ShortNames = %q\nwant %q", got, want)
	}
}
