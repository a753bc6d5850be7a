package report

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/thidua/thidua/pkg/score"
	"github.com/thidua/thidua/pkg/vntext"
)

// ShortNames returns the name each unit of units shows on a chart's axis,
// in the same order: the roster's `short:` when it has one, else
// ShortName of its name. Two units whose shortened names would read the
// same show their full names instead, and a unit without a name its code.
// Internal codes never stand in for a name a reader knows.
func ShortNames(units []score.UnitResult) []string {
	out := make([]string, len(units))
	seen := map[string]int{}
	for i := range units {
		u := &units[i]
		switch {
		case strings.TrimSpace(u.Short) != "":
			out[i] = vntext.Clean(u.Short)
			continue
		case strings.TrimSpace(u.Name) == "":
			out[i] = vntext.Clean(u.Code)
			continue
		}
		out[i] = ShortName(u.Name)
		seen[vntext.Fold(out[i])]++
	}
	for i := range units {
		u := &units[i]
		if strings.TrimSpace(u.Short) == "" && strings.TrimSpace(u.Name) != "" && seen[vntext.Fold(out[i])] > 1 {
			out[i] = vntext.Clean(u.Name)
		}
	}
	return out
}

// unitTypes are the kinds of unit a name may start with, which a chart's
// axis can leave out: what follows says which unit it is.
var unitTypes = [][]string{
	{"phòng"}, {"ban"}, {"trung", "tâm"}, {"chi", "cục"}, {"cục"}, {"vụ"}, {"viện"}, {"trạm"}, {"đội"}, {"hạt"},
}

// ShortName shortens a unit's name for a chart's axis, the way a
// secretary says it: the kind of unit it starts with (Phòng, Ban, Trung
// tâm, Chi cục, Cục, Vụ, Viện, Trạm, Đội, Hạt) is left out when a name in
// capitals follows it, and so is a last word "Sở" (the department the
// report is about). "Phòng Quản lý vận tải" → "Quản lý vận tải", "Trung
// tâm Đăng kiểm xe cơ giới" → "Đăng kiểm xe cơ giới", "Văn phòng Sở" →
// "Văn phòng", "Đoàn Thanh niên Sở" → "Đoàn Thanh niên"; "Ban chỉ đạo"
// and "Thanh tra" stay as they are. A name is never shortened to nothing.
func ShortName(name string) string {
	words := strings.Fields(vntext.Clean(name))
	if len(words) < 2 {
		return strings.Join(words, " ")
	}
	for _, t := range unitTypes {
		if len(words) <= len(t) {
			continue
		}
		match := true
		for i, w := range t {
			if strings.ToLower(words[i]) != w {
				match = false
				break
			}
		}
		if r, _ := utf8.DecodeRuneInString(words[len(t)]); match && unicode.IsUpper(r) {
			words = words[len(t):]
			break
		}
	}
	if n := len(words); n > 1 && words[n-1] == "Sở" {
		words = words[:n-1]
	}
	return strings.Join(words, " ")
}
