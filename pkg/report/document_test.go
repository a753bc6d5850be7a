package report

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestDocumentCode(t *testing.T) {
	for _, tc := range []struct{ number, abbr, want string }{
		{"15", "SGTVT", "15/BC-SGTVT"},
		{" 7 ", " SGTVT ", "07/BC-SGTVT"},
		{"5", "SGTVT", "05/BC-SGTVT"},
		{"05", "SGTVT", "05/BC-SGTVT"},
		{"10", "SGTVT", "10/BC-SGTVT"},
		{"123", "SGTVT", "123/BC-SGTVT"},
		{"0", "SGTVT", "0/BC-SGTVT"},
		{"5a", "SGTVT", "5a/BC-SGTVT"},
		{"", "SGTVT", "      /BC-SGTVT"},
		{"   ", "SGTVT", "      /BC-SGTVT"},
		{"3", "", "03/BC"},
	} {
		m := Meta{Number: tc.number, Org: Organization{Abbreviation: tc.abbr}}
		if got := m.DocumentCode(); got != tc.want {
			t.Errorf("DocumentCode(%q, %q) = %q, want %q", tc.number, tc.abbr, got, tc.want)
		}
	}
}

func TestDateLine(t *testing.T) {
	date := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	for _, tc := range []struct{ place, want string }{
		{"Hà Nam", "Hà Nam, ngày 05 tháng 01 năm 2026"},
		{"  Hà Nam ", "Hà Nam, ngày 05 tháng 01 năm 2026"},
		{"", "Ngày 05 tháng 01 năm 2026"},
	} {
		m := Meta{Date: date, Org: Organization{Place: tc.place}}
		if got := m.DateLine(); got != tc.want {
			t.Errorf("DateLine(%q) = %q, want %q", tc.place, got, tc.want)
		}
	}
}

func TestRecipientLines(t *testing.T) {
	for _, tc := range []struct {
		in    []string
		clean func(string) string
		want  []string
	}{
		{[]string{"Như trên", "Lưu: VT, VP", "Lãnh đạo Sở;"}, nil, []string{"- Như trên;", "- Lãnh đạo Sở;", "- Lưu: VT, VP."}},
		{[]string{"- Sở Nội vụ."}, nil, []string{"- Sở Nội vụ;", "- Lưu: VT."}},
		{nil, nil, []string{"- Lưu: VT."}},
		{[]string{"  ", "luu: VT"}, nil, []string{"- luu: VT."}},
		{[]string{"Lưu: VT", "Lưu: VP"}, nil, []string{"- Lưu: VP;", "- Lưu: VT."}},
		// clean runs first: what it removes no longer hides a dash
		{[]string{"\u200b- Sở 🚀", "Lưu"}, func(s string) string {
			return strings.NewReplacer("\u200b", "", "🚀", "?").Replace(s)
		}, []string{"- Sở ?;", "- Lưu."}},
	} {
		m := Meta{Recipients: tc.in}
		if got := m.RecipientLines(tc.clean); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("RecipientLines(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestAgencyName(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"SỞ GIAO THÔNG VẬN TẢI", "Sở Giao thông vận tải"},
		{"UBND TỈNH HÀ NAM", "UBND tỉnh Hà Nam"},
		{"BAN QUẢN LÝ DỰ ÁN", "Ban Quản lý dự án"},
		{"TRUNG TÂM ĐĂNG KIỂM", "Trung tâm Đăng kiểm"},
		{"UBND THÀNH PHỐ HÀ NỘI", "UBND thành phố Hà Nội"},
		{"Sở Tài chính", "Sở Tài chính"},
		{"123", "123"},
		{"", ""},
		// odd names: brackets, colons, places, lists of fields, acronyms
		{"BAN QUẢN LÝ CÁC KHU CÔNG NGHIỆP (CƠ SỞ 2: TP. HỒ CHÍ MINH)", "Ban Quản lý các khu công nghiệp (cơ sở 2: TP. Hồ Chí Minh)"},
		{"SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "Sở Lao động - Thương binh và Xã hội"},
		{"SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", "Sở Văn hóa, Thể thao và Du lịch"},
		{"TRUNG TÂM CNTT VÀ TRUYỀN THÔNG", "Trung tâm CNTT và Truyền thông"},
		{"BAN QUẢN LÝ DỰ ÁN KHU VỰC II", "Ban Quản lý dự án khu vực II"},
		{"CÔNG TY XI MĂNG", "Công ty xi măng"},
		{"UBND QUẬN 1", "UBND quận 1"},
		{"ỦY BAN NHÂN DÂN TỈNH HÀ NAM (CŨ)", "Ủy ban nhân dân tỉnh Hà Nam (cũ)"},
		{"CÔNG AN TỈNH HÀ NAM", "Công an tỉnh Hà Nam"},
		{"CHI CỤC THUẾ KHU VỰC I (TỈNH HÀ NAM)", "Chi cục Thuế khu vực I (tỉnh Hà Nam)"},
		{"VĂN PHÒNG ĐOÀN ĐBQH VÀ HĐND TỈNH", "Văn phòng Đoàn ĐBQH và HĐND tỉnh"},
		{"SỞ GIAO THÔNG VẬN TẢI \"CŨ\"", "Sở Giao thông vận tải \"cũ\""},
		{"(SỞ Y TẾ)", "(Sở Y tế)"},
	} {
		got := AgencyName(tc.in)
		if got != tc.want {
			t.Errorf("AgencyName(%q) = %q, want %q", tc.in, got, tc.want)
		}
		// never mangled: the same characters but for their case, every
		// bracket kept
		if strings.ToUpper(got) != strings.ToUpper(tc.in) {
			t.Errorf("AgencyName(%q) = %q changes more than the case", tc.in, got)
		}
	}
}
