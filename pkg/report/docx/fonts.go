package docx

import (
	"strings"
	"sync"

	"github.com/go-fonts/liberation/liberationserifbold"
	"github.com/go-fonts/liberation/liberationserifbolditalic"
	"github.com/go-fonts/liberation/liberationserifitalic"
	"github.com/go-fonts/liberation/liberationserifregular"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// style is a face of the embedded Liberation Serif, the metric twin of
// Times New Roman: the document is measured with it (column widths, the
// balanced summary line) and the chart picture is drawn with it.
type style int

const (
	regular style = iota
	bold
	italic
	boldItalic
)

var ttfs = [...][]byte{liberationserifregular.TTF, liberationserifbold.TTF, liberationserifitalic.TTF, liberationserifbolditalic.TTF}

// fonts are the four faces, parsed once per process, with each face's
// advance widths in font units (cached per rune) for measuring text.
type fonts struct {
	f    [4]*opentype.Font
	upem [4]float64

	mu  sync.Mutex
	adv [4]map[rune]float64
	buf sfnt.Buffer
}

var (
	fontsOnce sync.Once
	theFonts  *fonts
	fontsErr  error
)

// loadFonts parses the embedded fonts once.
func loadFonts() (*fonts, error) {
	fontsOnce.Do(func() {
		fs := &fonts{}
		for i, b := range ttfs {
			f, err := opentype.Parse(b)
			if err != nil {
				fontsErr = err
				return
			}
			fs.f[i] = f
			fs.upem[i] = float64(f.UnitsPerEm())
			fs.adv[i] = map[rune]float64{}
		}
		theFonts = fs
	})
	return theFonts, fontsErr
}

// width is the advance width of s in millimetres at size points (no
// kerning, as the PDF measures). A rune the face lacks counts as the
// width of "?".
func (fs *fonts) width(st style, size float64, s string) float64 {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	units := 0.0
	m := fs.adv[st]
	for _, r := range s {
		a, ok := m[r]
		if !ok {
			a = fs.advance(st, r)
			m[r] = a
		}
		units += a
	}
	return units / fs.upem[st] * size * ptMM
}

// advance is the advance of r in font units; fs.mu is held.
func (fs *fonts) advance(st style, r rune) float64 {
	f := fs.f[st]
	ppem := fixed.Int26_6(fs.upem[st] * 64)
	g, err := f.GlyphIndex(&fs.buf, r)
	if err != nil || g == 0 {
		if r == '?' {
			return 0
		}
		return fs.advance(st, '?')
	}
	a, err := f.GlyphAdvance(&fs.buf, g, ppem, font.HintingNone)
	if err != nil {
		return 0
	}
	return float64(a) / 64
}

// lines breaks s into lines no wider than w millimetres (greedy, at
// spaces; a word wider than a line stands alone) and returns them.
func (fs *fonts) lines(st style, size float64, s string, w float64) []string {
	var out []string
	var cur string
	for _, word := range strings.Fields(s) {
		if cur == "" {
			cur = word
			continue
		}
		if fs.width(st, size, cur+" "+word) <= w+0.001 {
			cur += " " + word
			continue
		}
		out = append(out, cur)
		cur = word
	}
	if cur != "" {
		out = append(out, cur)
	}
	return out
}

// widest is the width of the widest of lines.
func (fs *fonts) widest(st style, size float64, lines []string) float64 {
	w := 0.0
	for _, l := range lines {
		w = max(w, fs.width(st, size, l))
	}
	return w
}

// face returns an opentype face for drawing at size points and dpi.
func (fs *fonts) face(st style, size, dpi float64) (font.Face, error) {
	return opentype.NewFace(fs.f[st], &opentype.FaceOptions{Size: size, DPI: dpi, Hinting: font.HintingNone})
}
