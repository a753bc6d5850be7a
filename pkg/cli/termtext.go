package cli

import (
	"fmt"
	"strings"
	"unicode"
)

// termSafe returns s fit for a terminal: control characters (ESC and the
// sequences it starts, carriage return, C1 controls, DEL) and the
// bidirectional overrides that reorder what follows them are written as
// escapes (\x1b, \r, \u202e), so that a file name can neither retitle the
// window, move the cursor, nor forge a diagnostic line. A newline is kept
// when keepNewline (thidua's own multi-line messages) and escaped
// otherwise (inside a file name).
func termSafe(s string, keepNewline bool) string {
	if !needsEscape(s, keepNewline) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n' && keepNewline, r == '\t':
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			fmt.Fprintf(&b, `\x%02x`, r)
		case isBidiControl(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func needsEscape(s string, keepNewline bool) bool {
	for _, r := range s {
		if r == '\t' || r == '\n' && keepNewline {
			continue
		}
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || isBidiControl(r) {
			return true
		}
	}
	return false
}

// isBidiControl reports the invisible characters that change the order in
// which the text around them is shown (U+202A–U+202E, U+2066–U+2069,
// U+200E, U+200F, U+061C).
func isBidiControl(r rune) bool {
	return unicode.Is(unicode.Bidi_Control, r)
}
