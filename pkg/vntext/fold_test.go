package vntext

import (
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestFold(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Đơn vị", "don vi"},
		{"ĐƠN VỊ:", "don vi"},
		{"Đơn vị :", "don vi"},
		{"  Đơn   vị  ", "don vi"},
		{"Đơn\u00a0vị", "don vi"},                   // NBSP
		{"Đơn\tvị\n", "don vi"},                     // tabs and newlines
		{norm.NFD.String("Mã đơn vị"), "ma don vi"}, // decomposed input
		{"Mã đơn vị", "ma don vi"},
		{"Kỳ báo cáo:", "ky bao cao"},
		{"Tự chấm", "tu cham"},
		{"Điểm thẩm định", "diem tham dinh"},
		{"Người lập", "nguoi lap"},
		{"Ắ Ằ Ẳ Ẵ Ặ ấ ầ ẩ ẫ ậ", "a a a a a a a a a a"},
		{"Ơ Ư ơ ư ờ ữ", "o u o u o u"},
		{"Email", "email"},
		{"a: b:", "a: b"},
		{":", ""},
		{"", ""},
		{"   ", ""},
	}
	for _, c := range cases {
		if got := Fold(c.in); got != c.want {
			t.Errorf("Fold(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestFoldMatchesAcrossForms(t *testing.T) {
	// Labels a secretary may type for the same header fold alike.
	same := [][]string{
		{"Tự chấm", "TỰ CHẤM", "tự chấm:", norm.NFD.String("Tự chấm"), " Tự  chấm ", "Tu cham"},
		{"Điểm tối đa", "ĐIỂM TỐI ĐA", "Diem toi da", "Điểm\u00a0tối đa:"},
	}
	for _, group := range same {
		want := Fold(group[0])
		for _, s := range group[1:] {
			if got := Fold(s); got != want {
				t.Errorf("Fold(%q) = %q, want %q (as %q)", s, got, want, group[0])
			}
		}
	}
	if Fold("Tự chấm") == Fold("Thẩm định") {
		t.Error("different labels fold alike")
	}
}

func TestNFC(t *testing.T) {
	cases := []string{"Việt Nam", "Sở Giao thông vận tải", "Phòng Kế hoạch - Tài chính", "ĐỘC LẬP", "ASCII", ""}
	for _, c := range cases {
		d := norm.NFD.String(c)
		if got := NFC(d); got != c {
			t.Errorf("NFC(NFD(%q)) = %q", c, got)
		}
		if got := NFC(c); got != c {
			t.Errorf("NFC(%q) = %q", c, got)
		}
	}
	// Decomposed input is longer than composed: make sure the test uses NFD.
	if d := norm.NFD.String("Việt"); d == "Việt" {
		t.Fatal("NFD did not decompose")
	}
}

func TestClean(t *testing.T) {
	cases := []struct{ in, want string }{
		{"  Phòng   Kế hoạch\t- Tài chính \n", "Phòng Kế hoạch - Tài chính"},
		{norm.NFD.String(" Sở  Giao thông "), "Sở Giao thông"},
		{"a\u00a0b", "a b"},
		{"", ""},
	}
	for _, c := range cases {
		if got := Clean(c.in); got != c.want {
			t.Errorf("Clean(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
