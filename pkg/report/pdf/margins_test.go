package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"html"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// box is what a page draws, in millimetres from the page's top left corner.
type box struct{ x0, y0, x1, y1 float64 }

func (b *box) add(x0, y0, x1, y1 float64) {
	if b.x1 == 0 && b.y1 == 0 {
		*b = box{x0, y0, x1, y1}
		return
	}
	b.x0, b.y0 = min(b.x0, x0), min(b.y0, y0)
	b.x1, b.y1 = max(b.x1, x1), max(b.y1, y1)
}

// page is one page as measured: its size and what is drawn on it, with
// the page number (a lone number in the top margin) apart.
type page struct {
	w, h   float64
	ink    box
	number string
	text   string
}

// margins returns the page's margins as drawn: the distance from each edge
// of the paper to the nearest ink (text or rule).
func (p page) margins() (top, bottom, left, right float64) {
	return p.ink.y0, p.h - p.ink.y1, p.ink.x0, p.w - p.ink.x1
}

const mmPt = 25.4 / 72

var (
	pageTag  = regexp.MustCompile(`<page width="([\d.]+)" height="([\d.]+)">`)
	wordTag  = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)
	pageObj  = regexp.MustCompile(`/Type /Page\n(?:[^\n]*\n)*?/Contents (\d+) 0 R>>`)
	rectOp   = regexp.MustCompile(`(-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) re`)
	lineOp   = regexp.MustCompile(`(-?[\d.]+) (-?[\d.]+) m (-?[\d.]+) (-?[\d.]+) l`)
	numberRe = regexp.MustCompile(`^\d+$`)
)

func atof(s string) float64 { f, _ := strconv.ParseFloat(s, 64); return f }

// measure reads every page of the PDF at path (whose bytes are raw): the
// text's word boxes from pdftotext -bbox, and the rectangles and lines of
// the page's content stream (gofpdf writes them as "x y w h re" and
// "x0 y0 m x1 y1 l", in points from the bottom left corner).
func measure(t *testing.T, path string, raw []byte) []page {
	t.Helper()
	out := run(t, "pdftotext", "-bbox", "-enc", "UTF-8", path, "-")
	var pages []page
	for _, chunk := range strings.Split(out, "<page ")[1:] {
		m := pageTag.FindStringSubmatch("<page " + chunk)
		p := page{w: atof(m[1]) * mmPt, h: atof(m[2]) * mmPt}
		var words []string
		for _, w := range wordTag.FindAllStringSubmatch(chunk, -1) {
			x0, y0, x1, y1 := atof(w[1])*mmPt, atof(w[2])*mmPt, atof(w[3])*mmPt, atof(w[4])*mmPt
			txt := html.UnescapeString(w[5])
			words = append(words, txt)
			numberLine := 19.0 // above the top margin of 20 mm
			if numberRe.MatchString(txt) && y1 < numberLine && len(words) == 1 {
				p.number = txt // the page number, in the top margin
				continue
			}
			p.ink.add(x0, y0, x1, y1)
		}
		p.text = strings.Join(words, " ")
		pages = append(pages, p)
	}
	streams := contentStreams(t, raw)
	if len(streams) != len(pages) {
		t.Fatalf("%d content streams for %d pages", len(streams), len(pages))
	}
	for i, s := range streams {
		p := &pages[i]
		for _, m := range rectOp.FindAllStringSubmatch(s, -1) {
			x, y, w, h := atof(m[1])*mmPt, atof(m[2])*mmPt, atof(m[3])*mmPt, atof(m[4])*mmPt
			xa, xb := min(x, x+w), max(x, x+w)
			ya, yb := min(y, y+h), max(y, y+h)
			p.ink.add(xa, p.h-yb, xb, p.h-ya)
		}
		for _, m := range lineOp.FindAllStringSubmatch(s, -1) {
			x0, y0, x1, y1 := atof(m[1])*mmPt, atof(m[2])*mmPt, atof(m[3])*mmPt, atof(m[4])*mmPt
			p.ink.add(min(x0, x1), p.h-max(y0, y1), max(x0, x1), p.h-min(y0, y1))
		}
	}
	return pages
}

// contentStreams returns the inflated content stream of every page, in
// page order.
func contentStreams(t *testing.T, raw []byte) []string {
	t.Helper()
	var out []string
	for _, m := range pageObj.FindAllSubmatch(raw, -1) {
		head := []byte("\n" + string(m[1]) + " 0 obj\n")
		i := bytes.Index(raw, head)
		if i < 0 {
			t.Fatalf("no object %s", m[1])
		}
		rest := raw[i+len(head):]
		s := bytes.Index(rest, []byte("stream\n"))
		e := bytes.Index(rest, []byte("\nendstream"))
		if s < 0 || e < s {
			t.Fatalf("object %s has no stream", m[1])
		}
		data := rest[s+len("stream\n") : e]
		if bytes.Contains(rest[:s], []byte("/FlateDecode")) {
			zr, err := zlib.NewReader(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			if data, err = io.ReadAll(zr); err != nil {
				t.Fatal(err)
			}
		}
		out = append(out, string(data))
	}
	return out
}

// within checks that v lies in [lo, hi] (with 0.3 mm for the rule's
// thickness and glyph side bearings).
func within(t *testing.T, what string, v, lo, hi float64) {
	t.Helper()
	if v < lo-0.3 || v > hi+0.3 || math.IsNaN(v) {
		t.Errorf("%s: %.1f mm, want %g–%g", what, v, lo, hi)
	}
}

// TestMargins measures the margins every page draws within: the portrait
// pages' within the decree's ranges (top 20–25, left 30–35, right 15–20,
// nothing in the bottom 20), and the landscape annex's within the same
// ranges as the page is seen (left 30–35, right 15–20, top 20–25, nothing
// in the bottom 20), its full pages reaching down to within a row of the
// bottom margin.
func TestMargins(t *testing.T) {
	for _, tc := range []struct {
		name  string
		units int
	}{{"10 units", 0}, {"200 units", 200}} {
		t.Run(tc.name, func(t *testing.T) {
			r := realistic(t)
			if tc.units > 0 {
				r = synthetic(t, tc.units)
			}
			path, raw, _ := render(t, r, opts())
			pages := measure(t, path, raw)
			landscapes := 0
			for i, p := range pages {
				top, bottom, left, right := p.margins()
				name := "page " + itoa(i+1)
				t.Logf("%s %s: top %.1f, bottom %.1f, left %.1f, right %.1f mm", name, orientation(p), top, bottom, left, right)
				if p.w > p.h {
					landscapes++
					within(t, name+" (landscape) top", top, 20, 25)
					within(t, name+" (landscape) left", left, 30, 35)
					within(t, name+" (landscape) right", right, 15, 20)
					within(t, name+" (landscape) bottom", bottom, 20, p.h)
					if i+1 < len(pages) && pages[i+1].w > pages[i+1].h {
						// a full page of the table: its last row ends within a
						// row (up to 12 mm: two lines of a unit's name) of the
						// bottom margin
						within(t, name+" (landscape, full) bottom", bottom, 20, 32)
					}
					continue
				}
				within(t, name+" top", top, 20, 25)
				within(t, name+" left", left, 30, 35)
				within(t, name+" bottom", bottom, 20, p.h)
				if strings.Contains(p.text, "Phụ lục") && i > 0 {
					continue // a portrait annex's table need not fill the width
				}
				within(t, name+" right", right, 15, 20)
			}
			if landscapes == 0 {
				t.Fatal("no landscape page: the annex should be landscape here")
			}
		})
	}
}

func orientation(p page) string {
	if p.w > p.h {
		return "landscape"
	}
	return "portrait"
}

// TestNameFontsXref checks the cross-reference table after the fonts are
// renamed: every entry points at its object, startxref at the table.
func TestNameFontsXref(t *testing.T) {
	var buf bytes.Buffer
	if _, err := Write(&buf, realistic(t), opts()); err != nil {
		t.Fatal(err)
	}
	raw := buf.Bytes()
	if bytes.Contains(raw, []byte("utf8liberationserif")) {
		t.Error("a gofpdf font name is left")
	}
	m := startXref.FindSubmatch(raw)
	if m == nil {
		t.Fatal("no startxref")
	}
	x, _ := strconv.Atoi(string(m[1]))
	if !bytes.HasPrefix(raw[x:], []byte("xref\n0 ")) {
		t.Fatalf("startxref %d does not point at the table", x)
	}
	lines := strings.Split(string(raw[x:]), "\n")
	var n int
	if _, err := fmt.Sscanf(lines[1], "0 %d", &n); err != nil {
		t.Fatal(err)
	}
	for i := 1; i < n; i++ {
		off, _ := strconv.Atoi(lines[2+i][:10])
		if want := itoa(i) + " 0 obj\n"; !bytes.HasPrefix(raw[off:], []byte(want)) {
			t.Errorf("object %d: offset %d points at %q", i, off, raw[off:off+10])
		}
	}
	if _, err := nameFonts([]byte("not a pdf")); err == nil {
		t.Error("nameFonts of garbage: no error")
	}
}
