package docx

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"
	"strings"

	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"

	"github.com/thidua/thidua/pkg/campaign"
	"github.com/thidua/thidua/pkg/report"
)

// pxMM is the chart picture's resolution: 8 pixels per millimetre (about
// 203 dpi), sharp when printed.
const pxMM = 8.0

// The chart's geometry in millimetres and points, as the PDF draws it.
const (
	axisW, plotH         = 10.0, 55.0
	labelSize, valueSize = 8.5, 7.5
	legendSize, axisSize = 10.0, 8.0
	legendRow            = 5.5
)

// chart writes the chart of the units' totals: its title (and, for a long
// list, the note) as paragraphs, then the bars, values, labels and legend
// as one picture as wide as the text.
func (d *doc) chart(period string) error {
	ch := report.ChartOf(d.r, period, clean)
	if len(ch.Bars) == 0 {
		return nil
	}
	img, w, h, err := drawChart(d.fs, &ch, portraitW)
	if err != nil {
		return err
	}
	d.chartPNG = img
	pp := keep("Caption")
	pp.keepNext = true
	d.x.p(pp, text(ch.Title))
	if ch.Note != "" {
		np := keep("Caption")
		np.keepNext = true
		d.x.p(np, run{text: ch.Note, bold: false, italic: true, sz: 11})
	}
	var alt []string
	for _, b := range ch.Bars {
		if !b.Gap {
			alt = append(alt, b.Label+": "+b.Value)
		}
	}
	pic := keep("Normal")
	pic.jc = "center"
	pic.after = paraGap
	d.x.p(pic, run{raw: drawing(relChart, ch.Title+". "+strings.Join(alt, "; ")+".", w, h)})
	return nil
}

// drawing is the run content of an inline picture of w × h mm.
func drawing(rel, descr string, w, h float64) string {
	cx, cy := emu(w), emu(h)
	return fmt.Sprintf(`<w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="%d" cy="%d"/><wp:effectExtent l="0" t="0" r="0" b="0"/>`+
		`<wp:docPr id="1" name="Biểu đồ" descr="%s"/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>`+
		`<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="1" name="bieu-do.png"/><pic:cNvPicPr/></pic:nvPicPr>`+
		`<pic:blipFill><a:blip r:embed="%s"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>`+
		`<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="%d" cy="%d"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing>`,
		cx, cy, esc(descr), rel, cx, cy)
}

// canvas draws in millimetres on an RGBA picture.
type canvas struct {
	img   *image.RGBA
	fs    *fonts
	faces map[[2]float64]font.Face // (style, size) -> face
}

func (c *canvas) px(mm float64) int { return int(math.Round(mm * pxMM)) }

// rect fills the rectangle (x, y, w, h) in mm.
func (c *canvas) rect(x, y, w, h float64, col color.Color) {
	r := image.Rect(c.px(x), c.px(y), c.px(x+w), c.px(y+h))
	draw.Draw(c.img, r, image.NewUniform(col), image.Point{}, draw.Src)
}

// hline draws a horizontal line of thickness t mm centred on y.
func (c *canvas) hline(x0, x1, y, t float64, col color.Color) {
	th := max(1, c.px(t))
	y0 := c.px(y) - th/2
	draw.Draw(c.img, image.Rect(c.px(x0), y0, c.px(x1), y0+th), image.NewUniform(col), image.Point{}, draw.Src)
}

// vline draws a vertical line of thickness t mm centred on x.
func (c *canvas) vline(x, y0, y1, t float64, col color.Color) {
	th := max(1, c.px(t))
	x0 := c.px(x) - th/2
	draw.Draw(c.img, image.Rect(x0, c.px(y0), x0+th, c.px(y1)), image.NewUniform(col), image.Point{}, draw.Src)
}

func (c *canvas) face(st style, size float64) (font.Face, error) {
	k := [2]float64{float64(st), size}
	if f, ok := c.faces[k]; ok {
		return f, nil
	}
	f, err := c.fs.face(st, size, pxMM*25.4)
	if err != nil {
		return nil, err
	}
	c.faces[k] = f
	return f, nil
}

// cell draws s in a cell (x, y, w, h) in mm aligned "L", "C" or "R", its
// baseline where the PDF puts it: half the cell's height plus 0.3 of the
// font size below y.
func (c *canvas) cell(x, y, w, h float64, s string, st style, size float64, align string) error {
	f, err := c.face(st, size)
	if err != nil {
		return err
	}
	sw := c.fs.width(st, size, s)
	switch align {
	case "C":
		x += (w - sw) / 2
	case "R":
		x += w - sw
	}
	base := y + h/2 + 0.3*size*ptMM
	dr := font.Drawer{Dst: c.img, Src: image.Black, Face: f, Dot: fixed.Point26_6{X: fixed.Int26_6(math.Round(x * pxMM * 64)), Y: fixed.Int26_6(math.Round(base * pxMM * 64))}}
	dr.DrawString(s)
	return nil
}

// upright draws s reading upwards, its baseline starting at (x, y) mm, as
// the PDF's rotated text.
func (c *canvas) upright(x, y float64, s string, st style, size float64) error {
	f, err := c.face(st, size)
	if err != nil {
		return err
	}
	m := f.Metrics()
	asc, desc := m.Ascent.Ceil(), m.Descent.Ceil()
	w := c.px(c.fs.width(st, size, s)) + 2
	mask := image.NewAlpha(image.Rect(0, 0, w, asc+desc))
	dr := font.Drawer{Dst: mask, Src: image.Opaque, Face: f, Dot: fixed.P(0, asc)}
	dr.DrawString(s)
	// turn it a quarter to the left: (u, v) -> (x + v - asc, y - u)
	rot := image.NewAlpha(image.Rect(0, 0, asc+desc, w))
	for v := 0; v < asc+desc; v++ {
		for u := 0; u < w; u++ {
			rot.Pix[(w-1-u)*rot.Stride+v] = mask.Pix[v*mask.Stride+u]
		}
	}
	ox, oy := c.px(x)-asc, c.px(y)-w+1
	draw.DrawMask(c.img, image.Rect(ox, oy, ox+asc+desc, oy+w), image.Black, image.Point{}, rot, image.Point{}, draw.Over)
	return nil
}

// legendItem is an item of the legend with its width in mm.
type legendItem struct {
	report.LegendItem
	w float64
}

// legendRows lays the legend out in centred rows no wider than W mm, as the
// PDF does: a colour square, the text, a gap.
func legendRows(fs *fonts, legend []report.LegendItem, W float64) (rows [][]legendItem, rowW []float64) {
	for _, it := range legend {
		iw := 5 + fs.width(regular, legendSize, it.Text) + 6
		if len(rows) == 0 || rowW[len(rows)-1]+iw > W {
			rows = append(rows, nil)
			rowW = append(rowW, 0)
		}
		rows[len(rows)-1] = append(rows[len(rows)-1], legendItem{it, iw})
		rowW[len(rows)-1] += iw
	}
	return rows, rowW
}

// drawChart draws the chart ch for a text width W mm (as the PDF lays it
// out, from just below its title to below its legend) and returns the PNG
// and its size in mm.
func drawChart(fs *fonts, ch *report.BarChart, W float64) (pngData []byte, w, h float64, err error) {
	plotX, plotW := axisW, W-axisW
	slot := plotW / float64(len(ch.Bars))
	barW := slot * 0.66

	// the labels as the PDF lays them out (report.ChartLabels): the units'
	// short names level under their bars on up to three lines, else all
	// upright on one line
	labelW := func(l string) float64 { return fs.width(regular, labelSize, l) }
	labels, upright := report.ChartLabels(ch.Bars, slot, labelW)
	nLines, maxLW := 1, 0.0
	for _, l := range labels {
		nLines = max(nLines, len(l))
		if upright && len(l) > 0 {
			maxLW = max(maxLW, labelW(l[0]))
		}
	}
	maxVW := 0.0
	for _, b := range ch.Bars {
		if !b.Gap {
			maxVW = max(maxVW, fs.width(regular, valueSize, b.Value))
		}
	}
	valueLevel, valueUp := maxVW <= slot*0.96, maxVW > slot*0.96 && slot >= 2.8
	labelH := float64(nLines)*labelSize*ptMM*1.2 + 1
	if upright {
		labelH = maxLW + 2.5
	}

	rows, rowW := legendRows(fs, ch.Legend, W)

	top := 5.0
	axisY := top + plotH
	h = axisY + labelH + 3 + float64(len(rows))*legendRow
	w = W
	c := &canvas{img: image.NewRGBA(image.Rect(0, 0, int(math.Round(w*pxMM)), int(math.Round(h*pxMM)))), fs: fs, faces: map[[2]float64]font.Face{}}
	draw.Draw(c.img, c.img.Bounds(), image.White, image.Point{}, draw.Src)

	// scale and grid
	yOf := func(p campaign.Points) float64 { return axisY - float64(p)/float64(ch.Max)*plotH }
	grid := color.RGBA{205, 205, 205, 255}
	for v := campaign.Points(0); v <= ch.Max && ch.Step > 0; v += ch.Step {
		yy := yOf(v)
		if v > 0 {
			c.hline(plotX, plotX+plotW, yy, 0.15, grid)
		}
		if err := c.cell(0, yy-2, axisW-1.2, 4, v.VI(), regular, axisSize, "R"); err != nil {
			return nil, 0, 0, err
		}
	}

	// bars, values and labels
	for s, b := range ch.Bars {
		xc := plotX + (float64(s)+0.5)*slot
		if b.Gap {
			if err := c.cell(xc-slot/2, axisY-6, slot, 5, "…", bold, 12, "C"); err != nil {
				return nil, 0, 0, err
			}
			continue
		}
		yb := yOf(max(b.Total, 0))
		if axisY-yb > 0.05 {
			c.rect(xc-barW/2, yb, barW, axisY-yb, color.RGBA{b.Color[0], b.Color[1], b.Color[2], 255})
		}
		switch {
		case valueLevel:
			err = c.cell(xc-slot/2, yb-3.6, slot, 3.4, b.Value, regular, valueSize, "C")
		case valueUp:
			err = c.upright(xc+valueSize*ptMM*0.35, yb-0.8, b.Value, regular, valueSize)
		}
		if err != nil {
			return nil, 0, 0, err
		}
		if upright {
			lw := labelW(labels[s][0])
			err = c.upright(xc+labelSize*ptMM*0.35, axisY+1.5+lw, labels[s][0], regular, labelSize)
		} else {
			for li, l := range labels[s] {
				if err = c.cell(xc-slot/2, axisY+0.8+float64(li)*labelSize*ptMM*1.2, slot, labelSize*ptMM*1.2, l, regular, labelSize, "C"); err != nil {
					break
				}
			}
		}
		if err != nil {
			return nil, 0, 0, err
		}
	}
	c.vline(plotX, top-2, axisY, 0.25, color.Black)
	c.hline(plotX, plotX+plotW, axisY, 0.25, color.Black)

	// legend
	y := axisY + labelH + 3
	for ri, row := range rows {
		x := (W - rowW[ri]) / 2
		for _, it := range row {
			c.rect(x, y+0.9, 3.6, 3.6, color.RGBA{it.Color[0], it.Color[1], it.Color[2], 255})
			if err := c.cell(x+5, y, it.w-5, 5.4, it.Text, regular, legendSize, "L"); err != nil {
				return nil, 0, 0, err
			}
			x += it.w
		}
		y += legendRow
	}

	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, paletted(c.img, ch)); err != nil {
		return nil, 0, 0, err
	}
	return buf.Bytes(), w, h, nil
}

// paletted turns the picture into an 8-bit paletted one, which encodes
// several times faster (PNG filters only full-colour rows) and smaller: the
// chart holds only the band colours and greys (black text smoothed on white
// or on the grey grid). A grey is kept to 1/236 of its level, any other
// colour taken as the nearest band colour.
func paletted(img *image.RGBA, ch *report.BarChart) *image.Paletted {
	var pal color.Palette
	var bands []report.RGB
	addColor := func(c report.RGB) {
		if c[0] == c[1] && c[1] == c[2] || len(bands) == 20 {
			return // a grey is in the greys
		}
		for _, b := range bands {
			if b == c {
				return
			}
		}
		bands = append(bands, c)
		pal = append(pal, color.RGBA{c[0], c[1], c[2], 255})
	}
	for _, b := range ch.Bars {
		if !b.Gap {
			addColor(b.Color)
		}
	}
	for _, l := range ch.Legend {
		addColor(l.Color)
	}
	const greys = 236
	first := len(pal)
	for i := 0; i < greys; i++ {
		v := uint8((i*255 + (greys-1)/2) / (greys - 1))
		pal = append(pal, color.RGBA{v, v, v, 255})
	}
	out := image.NewPaletted(img.Bounds(), pal)
	b := img.Bounds()
	for y := 0; y < b.Dy(); y++ {
		row := img.Pix[y*img.Stride : y*img.Stride+4*b.Dx()]
		orow := out.Pix[y*out.Stride : y*out.Stride+b.Dx()]
		for x := range orow {
			r, g, bl := row[4*x], row[4*x+1], row[4*x+2]
			if r == g && g == bl {
				orow[x] = uint8(first + (int(r)*(greys-1)+127)/255)
				continue
			}
			best, bd := 0, -1
			for i, c := range bands {
				d := sq(int(c[0])-int(r)) + sq(int(c[1])-int(g)) + sq(int(c[2])-int(bl))
				if bd < 0 || d < bd {
					best, bd = i, d
				}
			}
			if bd < 0 { // no band colour at all: the nearest grey
				best = first + ((int(r)+int(g)+int(bl))/3*(greys-1)+127)/255
			}
			orow[x] = uint8(best)
		}
	}
	return out
}

func sq(x int) int { return x * x }
