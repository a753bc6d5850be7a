package diag

import (
	"errors"
	"fmt"
)

// entry is one message of the catalog.
type entry struct {
	sev    Severity
	vi, en string
}

// catalog holds every diagnostic code. Codes are stable: never reuse or
// renumber one; docs/diagnostics.md lists them all.
//
// Ranges: TD0xx campaign table, TD1xx files and workbooks, TD2xx cells of a
// form, TD3xx roster, period and scoring, TD4xx council review, TD5xx outputs.
var catalog = map[string]entry{}

// register adds entries to the catalog; each area of the catalog lives in
// its own file (catalog_*.go) and registers in init.
func register(m map[string]entry) {
	for k, v := range m {
		if _, dup := catalog[k]; dup {
			panic("diag: duplicate code " + k)
		}
		catalog[k] = v
	}
}

// SeverityOf returns the catalog severity of code (Error if unknown).
func SeverityOf(code string) Severity {
	if e, ok := catalog[code]; ok {
		return e.sev
	}
	return Error
}

// Codes returns every code in the catalog with its severity and both
// message formats, for documentation and tests.
func Codes() map[string][3]string {
	out := map[string][3]string{}
	for k, e := range catalog {
		out[k] = [3]string{e.sev.String(), e.vi, e.en}
	}
	return out
}

// text holds the user-facing messages that are not diagnostics.
var text = map[string][2]string{}

func registerText(m map[string][2]string) {
	for k, v := range m {
		if _, dup := text[k]; dup {
			panic("diag: duplicate message " + k)
		}
		text[k] = v
	}
}

// T returns the message key in lang, formatted with args.
func T(lang, key string, args ...any) string {
	m, ok := text[key]
	if !ok {
		return key + fmt.Sprint(args...)
	}
	f := m[0]
	if lang == "en" {
		f = m[1]
	}
	if len(args) == 0 {
		return f
	}
	return fmt.Sprintf(f, localArgs(lang, args)...)
}

// localArgs returns args with every catalog error among them in lang, so
// that a message and the error it quotes speak the same language.
func localArgs(lang string, args []any) []any {
	out := args
	for i, a := range args {
		var e *Err
		if err, ok := a.(error); ok && errors.As(err, &e) {
			if &out[0] == &args[0] {
				out = append([]any(nil), args...)
			}
			out[i] = e.Text(lang)
		}
	}
	return out
}

// HasText reports whether key is in the catalog (for tests).
func HasText(key string) bool { _, ok := text[key]; return ok }
