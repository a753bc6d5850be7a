package pdf

import (
	"strings"
)

// paraGap is the space after a body paragraph: 6 pt.
const paraGap = 6 * ptMM

// indent is the first-line indent of body paragraphs: 1.27 cm.
const indent = 12.7

// wrap breaks s into lines that fit w millimetres in the current font; the
// first line is first millimetres narrower (a first-line indent). Hard
// newlines are kept; a word wider than a line is cut between characters.
func (d *doc) wrap(s string, w, first float64) []string {
	var out []string
	space := d.p.GetStringWidth(" ")
	for _, hard := range strings.Split(s, "\n") {
		// Split on single spaces so that runs of spaces (the blank number
		// "Số:      /BC") survive inside a line.
		words := strings.Split(strings.TrimRight(hard, " "), " ")
		if strings.TrimSpace(hard) == "" {
			out = append(out, "")
			continue
		}
		var cur strings.Builder
		curW := 0.0
		avail := func() float64 {
			if len(out) == 0 {
				return w - first
			}
			return w
		}
		flush := func() {
			out = append(out, cur.String())
			cur.Reset()
			curW = 0
		}
		for _, word := range words {
			if word == "" && cur.Len() == 0 {
				continue // no leading spaces on a wrapped line
			}
			ww := d.p.GetStringWidth(word)
			if (cur.Len() > 0 || word == "") && curW+space+ww <= avail()+0.001 {
				cur.WriteByte(' ')
				cur.WriteString(word)
				curW += space + ww
				continue
			}
			if cur.Len() > 0 {
				flush()
			}
			for ww > avail()+0.001 {
				// cut the word: as many characters as fit, at least one
				rs := []rune(word)
				n, acc := 0, 0.0
				for n < len(rs) {
					cw := d.p.GetStringWidth(string(rs[n]))
					if n > 0 && acc+cw > avail() {
						break
					}
					acc += cw
					n++
				}
				cur.WriteString(string(rs[:n]))
				flush()
				word = string(rs[n:])
				ww = d.p.GetStringWidth(word)
				if word == "" {
					break
				}
			}
			if word != "" {
				cur.WriteString(word)
				curW = ww
			}
		}
		if cur.Len() > 0 {
			flush()
		}
	}
	return out
}

// paragraph draws a body paragraph at the current position: wrapped to the
// page width, the first line indented by first, justified except its last
// line when align is "J". It breaks pages between lines.
func (d *doc) paragraph(s, style string, size, first float64, align string, gap float64) {
	d.font(style, size)
	lh := lineH(size)
	lines := d.wrap(s, d.width(), first)
	for i, line := range lines {
		d.ensure(lh)
		x, w := d.left, d.width()
		if i == 0 {
			x += first
			w -= first
		}
		a := align
		if a == "J" && (i == len(lines)-1 || !strings.Contains(strings.TrimSpace(line), " ")) {
			a = "L"
		}
		d.p.SetXY(x, d.y)
		d.p.CellFormat(w, lh, line, "", 0, a, false, 0, "")
		d.y += lh
	}
	d.y += gap
}

// centered draws s centred in the column [x, x+w) from y, wrapped, and
// returns the y below it and the widest line's width.
func (d *doc) centered(s, style string, size, x, w, y, lh float64) (float64, float64) {
	d.font(style, size)
	widest := 0.0
	for _, line := range d.wrap(s, w, 0) {
		d.p.SetXY(x, y)
		d.p.CellFormat(w, lh, line, "", 0, "C", false, 0, "")
		if lw := d.p.GetStringWidth(line); lw > widest {
			widest = lw
		}
		y += lh
	}
	return y, widest
}

// rule draws a horizontal line of length l centred in [x, x+w) at y.
func (d *doc) rule(x, w, y, l float64) {
	d.p.SetLineWidth(0.3)
	d.p.Line(x+(w-l)/2, y, x+(w+l)/2, y)
	d.p.SetLineWidth(0.25)
}
