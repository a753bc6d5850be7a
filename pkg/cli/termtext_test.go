package cli

import "testing"

func TestTermSafe(t *testing.T) {
	tests := []struct {
		in   string
		keep bool
		want string
	}{
		{"forms/vp.xlsx", false, "forms/vp.xlsx"},
		{"Văn phòng Sở\tx", false, "Văn phòng Sở\tx"},
		{"a\x1b]0;owned\x07.xlsx", false, `a\x1b]0;owned\x07.xlsx`},
		{"a\x1b[2J.xlsx", false, `a\x1b[2J.xlsx`},
		{"x\rforms/ok.xlsx: ghi chú", false, `x\rforms/ok.xlsx: ghi chú`},
		{"x\nforms/ok.xlsx: lỗi TD204", false, `x\nforms/ok.xlsx: lỗi TD204`},
		{"line one\nline two", true, "line one\nline two"},
		{"phieu\u202Exslx.exe", false, `phieu\u202exslx.exe`},
		{"c1\u009bdone", false, `c1\x9bdone`},
		{"del\x7f", false, `del\x7f`},
	}
	for _, tt := range tests {
		if got := termSafe(tt.in, tt.keep); got != tt.want {
			t.Errorf("termSafe(%q, %v) = %q, want %q", tt.in, tt.keep, got, tt.want)
		}
	}
}
