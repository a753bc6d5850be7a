package pdf

import (
	"encoding/binary"
	"errors"
	"sort"
	"strings"
	"sync"
	"unicode"

	"github.com/go-fonts/liberation/liberationserifbold"
	"github.com/go-fonts/liberation/liberationserifbolditalic"
	"github.com/go-fonts/liberation/liberationserifitalic"
	"github.com/go-fonts/liberation/liberationserifregular"

	"github.com/thidua/thidua/pkg/vntext"
)

// family is the name the embedded fonts are registered under in gofpdf.
const family = "LiberationSerif"

// fontFiles are the four embedded styles, keyed by gofpdf style string.
var fontFiles = []struct {
	style string
	ttf   []byte
}{
	{"", liberationserifregular.TTF},
	{"B", liberationserifbold.TTF},
	{"I", liberationserifitalic.TTF},
	{"BI", liberationserifbolditalic.TTF},
}

// coverage is the set of runes every embedded style can draw, built once.
var (
	coverageOnce sync.Once
	coverage     map[rune]bool
	coverageErr  error
)

// covered returns the set of runes that all four embedded styles map to a
// glyph. The fonts' cmap tables are parsed once per process.
func covered() (map[rune]bool, error) {
	coverageOnce.Do(func() {
		var sets []map[rune]bool
		for _, f := range fontFiles {
			s, err := parseCmap(f.ttf)
			if err != nil {
				coverageErr = err
				return
			}
			sets = append(sets, s)
		}
		coverage = map[rune]bool{}
		for r := range sets[0] {
			all := true
			for _, s := range sets[1:] {
				if !s[r] {
					all = false
					break
				}
			}
			if all {
				coverage[r] = true
			}
		}
	})
	return coverage, coverageErr
}

var errFont = errors.New("pdf: embedded font has no usable cmap table")

// parseCmap reads the Unicode BMP subtable (format 4) of a TrueType font and
// returns every code point that maps to a glyph other than .notdef. Code
// points above U+FFFF are never returned: gofpdf cannot draw them.
func parseCmap(ttf []byte) (map[rune]bool, error) {
	be := binary.BigEndian
	if len(ttf) < 12 {
		return nil, errFont
	}
	numTables := int(be.Uint16(ttf[4:]))
	var cmap []byte
	for i := 0; i < numTables; i++ {
		rec := 12 + 16*i
		if rec+16 > len(ttf) {
			return nil, errFont
		}
		if string(ttf[rec:rec+4]) == "cmap" {
			off, n := int(be.Uint32(ttf[rec+8:])), int(be.Uint32(ttf[rec+12:]))
			if off < 0 || n < 0 || off+n > len(ttf) {
				return nil, errFont
			}
			cmap = ttf[off : off+n]
		}
	}
	if len(cmap) < 4 {
		return nil, errFont
	}
	// Find a (3,1) Windows Unicode BMP or (0,x) Unicode subtable in format 4.
	nsub := int(be.Uint16(cmap[2:]))
	sub := -1
	for i := 0; i < nsub; i++ {
		rec := 4 + 8*i
		if rec+8 > len(cmap) {
			return nil, errFont
		}
		pid, eid := be.Uint16(cmap[rec:]), be.Uint16(cmap[rec+2:])
		off := int(be.Uint32(cmap[rec+4:]))
		if off+4 > len(cmap) || be.Uint16(cmap[off:]) != 4 {
			continue
		}
		if (pid == 3 && eid == 1) || pid == 0 {
			sub = off
			break
		}
	}
	if sub < 0 {
		return nil, errFont
	}
	t := cmap[sub:]
	if len(t) < 14 {
		return nil, errFont
	}
	segX2 := int(be.Uint16(t[6:]))
	endO, startO := 14, 14+segX2+2
	deltaO, rangeO := startO+segX2, startO+2*segX2
	if rangeO+segX2 > len(t) {
		return nil, errFont
	}
	out := map[rune]bool{}
	for s := 0; s < segX2/2; s++ {
		end := int(be.Uint16(t[endO+2*s:]))
		start := int(be.Uint16(t[startO+2*s:]))
		delta := int(be.Uint16(t[deltaO+2*s:]))
		ro := int(be.Uint16(t[rangeO+2*s:]))
		for c := start; c <= end && c != 0xFFFF; c++ {
			var g int
			if ro == 0 {
				g = (c + delta) & 0xFFFF
			} else {
				p := rangeO + 2*s + ro + 2*(c-start)
				if p+2 > len(t) {
					continue
				}
				g = int(be.Uint16(t[p:]))
				if g != 0 {
					g = (g + delta) & 0xFFFF
				}
			}
			if g != 0 {
				out[rune(c)] = true
			}
		}
	}
	return out, nil
}

// sanitizer makes text safe for the embedded fonts: NFC, control characters
// turned into spaces, and every rune the fonts cannot draw replaced. It
// remembers what it replaced, per place, for the diagnostics.
type sanitizer struct {
	cov     map[rune]bool
	repl    string
	cache   map[string]string
	bad     map[string]map[rune]bool // place -> runes replaced
	order   []string                 // places in first-seen order
	current string                   // the place being cleaned
}

func newSanitizer() (*sanitizer, error) {
	cov, err := covered()
	if err != nil {
		return nil, err
	}
	z := &sanitizer{cov: cov, repl: "?", cache: map[string]string{}, bad: map[string]map[rune]bool{}}
	if cov['\uFFFD'] {
		z.repl = "\uFFFD"
	}
	return z, nil
}

// clean returns s ready for the PDF. A text with replaced characters is
// reported once, quoted (shortened when long) so the user can find it.
func (z *sanitizer) clean(s string) string {
	if out, ok := z.cache[s]; ok {
		return out
	}
	in := s
	s = vntext.NFC(s)
	var b strings.Builder
	b.Grow(len(s))
	replaced := false
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteRune(r)
		case r == '\t' || unicode.IsControl(r) || r == '\u00a0':
			b.WriteByte(' ')
		case r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\ufeff' || r == '\ufe0f' || r == '\ufe0e':
			// invisible: zero-width characters and variation selectors
		case z.cov[r]:
			b.WriteRune(r)
		default:
			z.note(shorten(s, 60), r)
			b.WriteString(z.repl)
			replaced = true
		}
	}
	out := b.String()
	if !replaced {
		// texts with replacements are not cached, so each place that
		// holds one is reported
		z.cache[in] = out
	}
	return out
}

func (z *sanitizer) note(place string, r rune) {
	m, ok := z.bad[place]
	if !ok {
		m = map[rune]bool{}
		z.bad[place] = m
		z.order = append(z.order, place)
	}
	m[r] = true
}

// replaced returns, per place in first-seen order, the runes replaced.
func (z *sanitizer) replaced() []replacement {
	var out []replacement
	for _, p := range z.order {
		var rs []rune
		for r := range z.bad[p] {
			rs = append(rs, r)
		}
		sort.Slice(rs, func(i, j int) bool { return rs[i] < rs[j] })
		out = append(out, replacement{place: p, runes: rs})
	}
	return out
}

type replacement struct {
	place string
	runes []rune
}

// shorten cuts s to at most n runes, marking the cut with "…".
func shorten(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	return string(rs[:n-1]) + "…"
}
