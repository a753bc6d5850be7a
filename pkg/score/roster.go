package score

import (
	"path/filepath"
	"strings"
	"unicode"

	"github.com/thidua/thidua/pkg/diag"
	"github.com/thidua/thidua/pkg/submission"
	"github.com/thidua/thidua/pkg/vntext"
)

// matchKey is the key names and aliases are compared by: folded as form
// labels are (NFC, lower case, no diacritics, single spaces), and
// punctuation treated as space, so that "Phòng Kế hoạch - Tài chính" and "phong ke
// hoach-tai chinh" match.
func matchKey(s string) string {
	f := vntext.Fold(s)
	var b strings.Builder
	space := false
	for _, r := range f {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// codeKey is the key unit codes are compared by: folded, letters and digits
// only ("KH-TC", "kh tc" and "KHTC" are one code).
func codeKey(s string) string {
	return strings.ReplaceAll(matchKey(s), " ", "")
}

// Roster finds the roster unit a form is for, as report and validate both
// do. A form is matched by its "Mã đơn vị" against the units' codes, with
// case, spaces and punctuation ignored ("KHTC", "kh-tc" and "KH-TC" are
// one code); else by its "Đơn vị" against the units' names, then their
// aliases, folded (case and diacritics ignored, punctuation read as a
// space: "Phong Ke hoach - Tai chinh" is "Phòng Kế hoạch – Tài chính").
// When two units share a code, a name or an alias the first in the roster
// has it; a unit's own name is never taken by another unit's alias.
//
// A Roster is not changed after NewRoster and may be used from several
// goroutines.
type Roster struct {
	units  []Unit
	byCode map[string]int
	byName map[string]int // names and aliases
}

// NewRoster indexes units (the configured roster) for matching. A nil or
// empty list gives a roster that matches no form.
func NewRoster(units []Unit) *Roster {
	rx := &Roster{units: units, byCode: map[string]int{}, byName: map[string]int{}}
	for i, u := range units {
		if k := codeKey(u.Code); k != "" {
			if _, dup := rx.byCode[k]; !dup {
				rx.byCode[k] = i
			}
		}
	}
	// Names first, then aliases, so that a unit's own name is never taken
	// by another unit's alias.
	for i, u := range units {
		if k := matchKey(u.Name); k != "" {
			if _, dup := rx.byName[k]; !dup {
				rx.byName[k] = i
			}
		}
	}
	for i, u := range units {
		for _, a := range u.Aliases {
			if k := matchKey(a); k != "" {
				if _, dup := rx.byName[k]; !dup {
					rx.byName[k] = i
				}
			}
		}
	}
	return rx
}

// Match returns the roster unit the form sub is for, and false when sub
// names no roster unit (or sub is nil).
func (rx *Roster) Match(sub *submission.Submission) (Unit, bool) {
	if sub == nil {
		return Unit{}, false
	}
	i, _ := rx.match(sub, "", "")
	if i < 0 {
		return Unit{}, false
	}
	return rx.units[i], true
}

// FileUnit returns the unit code a result's file list gives the form sub,
// as Run gives it: for a rejected form the code written on it, else the
// unit's name as written (a rejected form's identity is not checked); for
// any other form the code of the roster unit it is for (Match), else the
// code it is scored under off the roster — the code written, else the
// initials of the name written ("Phòng Tổ chức cán bộ" → "PTCCB"). Only a
// whole run knows when an off-roster code is already taken (Run then adds
// "-2", "-3"…), so FileUnit never adds that suffix.
func (rx *Roster) FileUnit(sub *submission.Submission) string {
	if sub == nil {
		return ""
	}
	if sub.Rejected() {
		return writtenUnit(sub)
	}
	if u, ok := rx.Match(sub); ok {
		return u.Code
	}
	_, code, _ := offRoster(sub, sub.Path)
	return code
}

func (rx *Roster) code(s string) (int, bool) {
	i, ok := rx.byCode[codeKey(s)]
	return i, ok && codeKey(s) != ""
}

func (rx *Roster) name(s string) (int, bool) {
	i, ok := rx.byName[matchKey(s)]
	return i, ok && matchKey(s) != ""
}

// match finds the roster unit of a form: by "Mã đơn vị" first, else by
// "Đơn vị" as a name or alias. It returns -1 when the form names no roster
// unit, and the diagnostics of the match, positioned in file and sheet (a
// code and a name that point to different units, a code that is not on
// the roster).
func (rx *Roster) match(sub *submission.Submission, sheet, file string) (int, diag.List) {
	var ds diag.List
	if sub.UnitCode != "" {
		if i, ok := rx.code(sub.UnitCode); ok {
			if j, ok := rx.name(sub.Unit); ok && j != i {
				u, v := rx.units[i], rx.units[j]
				ds = append(ds, diag.New("TD307", sub.UnitCode, u.Code, u.Name, sub.Unit, v.Code, v.Name).In(file).At(sheet, ""))
			}
			return i, ds
		}
	}
	if i, ok := rx.name(sub.Unit); ok {
		if sub.UnitCode != "" {
			u := rx.units[i]
			ds = append(ds, diag.New("TD308", sub.UnitCode, sub.Unit, u.Code, u.Name, u.Code).In(file).At(sheet, ""))
		}
		return i, ds
	}
	return -1, ds
}

// offRoster gives the identity of a form for a unit that is not on the
// roster: the code written, else a code made from the initials of the name
// ("Phòng Tổ chức cán bộ" → "PTCCB"); the name written (else the code,
// else the file name). key groups the forms of one such unit.
func offRoster(sub *submission.Submission, path string) (key, code, name string) {
	name = vntext.Clean(sub.Unit)
	code = vntext.Clean(sub.UnitCode)
	if name == "" {
		name = code
	}
	if name == "" {
		name = strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	}
	if code != "" {
		return "c:" + codeKey(code), code, name
	}
	return "n:" + matchKey(name), deriveCode(name), name
}

// deriveCode makes a unit code from a name: the upper-case initials of its
// words (letters and digits only, diacritics removed), or the whole word
// when there is one.
func deriveCode(name string) string {
	words := strings.Fields(matchKey(name))
	switch len(words) {
	case 0:
		return "?"
	case 1:
		return strings.ToUpper(words[0])
	}
	var b strings.Builder
	for _, w := range words {
		for _, r := range w {
			b.WriteRune(unicode.ToUpper(r))
			break
		}
	}
	return b.String()
}

// writtenUnit is what a rejected form says about its unit, for the file
// list: the code written, else the name.
func writtenUnit(sub *submission.Submission) string {
	if c := vntext.Clean(sub.UnitCode); c != "" {
		return c
	}
	return vntext.Clean(sub.Unit)
}
