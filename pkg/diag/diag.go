// Package diag defines diagnostics — a stable code, a severity, a position
// (file, sheet, cell) and a message — and the one message catalog of thidua
// in Vietnamese and English.
package diag

import (
	"fmt"
	"sort"
	"strings"
)

// Severity says what a diagnostic does to its form: an error rejects it,
// a warning and a note do not.
type Severity int

// Severities, most severe first.
const (
	Error Severity = iota + 1
	Warning
	Note
)

// String returns the stable English name used in JSON.
func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	case Note:
		return "note"
	}
	return "unknown"
}

// Word returns the severity in the given language for compiler-style lines.
func (s Severity) Word(lang string) string {
	if lang == "en" {
		return s.String()
	}
	switch s {
	case Error:
		return "lỗi"
	case Warning:
		return "cảnh báo"
	case Note:
		return "ghi chú"
	}
	return "?"
}

// Diagnostic is one problem found in a file, a config or a run.
type Diagnostic struct {
	Code     string
	Severity Severity
	File     string
	Sheet    string
	Cell     string
	// LineNo is the line in a text file (the configuration) the problem
	// was found on; 0 when none. It is shown after the file when there is
	// no sheet: "thidua.yaml:42".
	LineNo int
	Args   []any
}

// New makes a diagnostic with the catalog's severity for code.
func New(code string, args ...any) Diagnostic {
	return Diagnostic{Code: code, Severity: SeverityOf(code), Args: args}
}

// At returns a copy of d positioned at the given sheet and cell.
func (d Diagnostic) At(sheet, cell string) Diagnostic {
	d.Sheet, d.Cell = sheet, cell
	return d
}

// AtLine returns a copy of d positioned at line n of its (text) file.
func (d Diagnostic) AtLine(n int) Diagnostic {
	d.LineNo = n
	return d
}

// In returns a copy of d for the given file.
func (d Diagnostic) In(file string) Diagnostic {
	d.File = file
	return d
}

// Message returns the message text in lang ("vi" or "en").
func (d Diagnostic) Message(lang string) string {
	e, ok := catalog[d.Code]
	if !ok {
		return fmt.Sprint(d.Args...)
	}
	f := e.vi
	if lang == "en" {
		f = e.en
	}
	return fmt.Sprintf(f, localArgs(lang, d.Args)...)
}

// Position returns "file:Sheet!Cell", "file:Sheet", "file:42" (a line of
// a text file), "file" or "".
func (d Diagnostic) Position() string {
	var b strings.Builder
	b.WriteString(d.File)
	if d.Sheet == "" && d.LineNo > 0 && d.File != "" {
		fmt.Fprintf(&b, ":%d", d.LineNo)
	}
	if d.Sheet != "" {
		if b.Len() > 0 {
			b.WriteByte(':')
		}
		b.WriteString(d.Sheet)
		if d.Cell != "" {
			b.WriteByte('!')
			b.WriteString(d.Cell)
		}
	}
	return b.String()
}

// Line returns the compiler-style line:
// "forms/vp.xlsx:Chấm điểm!E12: lỗi TD204: điểm tự chấm 12 vượt …".
func (d Diagnostic) Line(lang string) string {
	pos := d.Position()
	if pos != "" {
		pos += ": "
	}
	return fmt.Sprintf("%s%s %s: %s", pos, d.Severity.Word(lang), d.Code, d.Message(lang))
}

// List is a list of diagnostics.
type List []Diagnostic

// HasErrors reports whether any diagnostic is an error.
func (l List) HasErrors() bool { return l.Count(Error) > 0 }

// Count returns how many diagnostics have severity s.
func (l List) Count(s Severity) int {
	n := 0
	for _, d := range l {
		if d.Severity == s {
			n++
		}
	}
	return n
}

// FirstError returns the first error, if any.
func (l List) FirstError() (Diagnostic, bool) {
	for _, d := range l {
		if d.Severity == Error {
			return d, true
		}
	}
	return Diagnostic{}, false
}

// Sort orders diagnostics by file, then sheet, then cell position, then code
// (stable for equal keys), so output does not depend on read order.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Sheet != b.Sheet {
			return a.Sheet < b.Sheet
		}
		if ca, cb := cellKey(a.Cell), cellKey(b.Cell); ca != cb {
			return ca < cb
		}
		return a.Code < b.Code
	})
}

// cellKey orders "E12" before "A13" (row first, then column).
func cellKey(c string) string {
	i := strings.IndexAny(c, "0123456789")
	if i < 0 {
		return c
	}
	return fmt.Sprintf("%09s%5s", c[i:], c[:i])
}
