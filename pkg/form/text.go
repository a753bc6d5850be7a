package form

import "strings"

// stripControls removes from cell text the characters that are never part
// of a unit's text but can disguise it in the outputs: C0 and C1 control
// characters other than tab and line breaks, and the Unicode bidirectional
// overrides and isolates (U+202A–U+202E, U+2066–U+2069) that make a name
// display as another. Zero-width joiners and the like are left alone.
func stripControls(s string) string {
	if strings.IndexFunc(s, isStrippedControl) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isStrippedControl(r) {
			return -1
		}
		return r
	}, s)
}

func isStrippedControl(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return false
	case r < 0x20 || r == 0x7F || (r >= 0x80 && r < 0xA0):
		return true
	case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}
