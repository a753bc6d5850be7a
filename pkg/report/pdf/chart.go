package pdf

import (
	"fmt"
	"strings"

	"github.com/thidua/thidua/pkg/campaign"
	"github.com/thidua/thidua/pkg/report"
)

// chartMax is the most units the chart shows one by one; above it the chart
// shows the chartEnds best and the chartEnds worst units (the annex lists
// them all).
const (
	chartMax  = 40
	chartEnds = 15
)

// palette colours bands from the highest down; it stays distinct in grey.
var palette = [][3]int{
	{31, 110, 62},   // dark green
	{46, 104, 176},  // blue
	{222, 160, 34},  // amber
	{221, 99, 38},   // orange
	{184, 38, 38},   // red
	{116, 70, 156},  // purple
	{80, 150, 160},  // teal
	{140, 110, 70},  // brown
	{200, 90, 150},  // pink
	{100, 100, 100}, // grey
}

var noBand = [3]int{170, 170, 170}

// bandColor returns the fill colour of a band label.
func (d *doc) bandColor(label string) [3]int {
	if d.r.Campaign != nil {
		for i, b := range d.r.Campaign.Bands {
			if b.Label == label {
				return palette[i%len(palette)]
			}
		}
	}
	return noBand
}

// labelLines is the most lines a unit's name takes under its bar; a
// name that needs more (or a word wider than the bar's slot) turns every
// label upright.
const labelLines = 3

// niceStep returns a grid step (1, 2 or 5 × 10^k points, in hundredths)
// giving at most 11 lines up to top.
func niceStep(top campaign.Points) campaign.Points {
	for mag := campaign.Points(100); ; mag *= 10 {
		for _, m := range []campaign.Points{1, 2, 5} {
			if top/(m*mag) <= 11 {
				return m * mag
			}
		}
	}
}

// chart draws the bar chart of the units' totals in rank order, coloured by
// band, with the band legend, titled for the period in running text ("quý
// III năm 2026"). It is vector drawing: rectangles and text.
func (d *doc) chart(period string) {
	units := d.r.Units
	if len(units) == 0 {
		return
	}
	idx := make([]int, 0, len(units))
	gap := -1 // slot of the "…" between best and worst
	if len(units) > chartMax {
		for i := 0; i < chartEnds; i++ {
			idx = append(idx, i)
		}
		gap = chartEnds
		idx = append(idx, -1)
		for i := len(units) - chartEnds; i < len(units); i++ {
			idx = append(idx, i)
		}
	} else {
		for i := range units {
			idx = append(idx, i)
		}
	}

	W := d.width()
	const axisW, plotH, labelSize, valueSize = 10.0, 55.0, 8.5, 7.5
	plotX, plotW := d.left+axisW, W-axisW
	slot := plotW / float64(len(idx))
	barW := slot * 0.66

	// labels: the units' short names (report.ShortNames), level under
	// their bars on up to three lines when they fit the slot, else every
	// one turned upright on one line
	d.font("", labelSize)
	names := report.ShortNames(units)
	labels := make([][]string, len(idx))
	nLines, upright := 1, false
	for s, i := range idx {
		if i < 0 {
			continue
		}
		l := d.z.clean(names[i])
		widest := 0.0
		for _, w := range strings.Fields(l) {
			widest = max(widest, d.p.GetStringWidth(w))
		}
		upright = upright || widest > slot*0.94
		labels[s] = d.balanced(l, widest, slot*0.94)
		nLines = max(nLines, len(labels[s]))
	}
	upright = upright || nLines > labelLines
	maxLW := 0.0
	if upright {
		for s, i := range idx {
			if i < 0 {
				continue
			}
			l := d.z.clean(names[i])
			for d.p.GetStringWidth(l) > 32 && len([]rune(l)) > 2 {
				rs := []rune(l)
				l = string(rs[:len(rs)-2]) + "…"
			}
			labels[s] = []string{l}
			maxLW = max(maxLW, d.p.GetStringWidth(l))
		}
	}
	// values: all level above their bars, or all upright, or none
	d.font("", valueSize)
	maxVW := 0.0
	for _, i := range idx {
		if i >= 0 {
			maxVW = max(maxVW, d.p.GetStringWidth(units[i].Total.VI()))
		}
	}
	valueLevel, valueUp := maxVW <= slot*0.96, maxVW > slot*0.96 && slot >= 2.8
	labelH := float64(nLines)*lineH(labelSize) + 1
	if upright {
		labelH = maxLW + 2.5
	}

	// legend items
	type item struct {
		label string
		color [3]int
		w     float64
	}
	var legend []item
	counts := map[string]int{}
	for _, u := range units {
		counts[u.Band]++
	}
	d.font("", 10)
	add := func(label string, n int, c [3]int) {
		t := d.z.clean(fmt.Sprintf("%s (%d)", label, n))
		legend = append(legend, item{t, c, 5 + d.p.GetStringWidth(t) + 6})
	}
	if d.r.Campaign != nil {
		for _, b := range d.r.Campaign.Bands {
			add(b.Label, counts[b.Label], d.bandColor(b.Label))
		}
	}
	if counts[""] > 0 {
		add("Chưa xếp loại", counts[""], noBand)
	}
	var rows [][]item
	var rowW []float64
	for _, it := range legend {
		if len(rows) == 0 || rowW[len(rows)-1]+it.w > W {
			rows = append(rows, nil)
			rowW = append(rowW, 0)
		}
		rows[len(rows)-1] = append(rows[len(rows)-1], it)
		rowW[len(rows)-1] += it.w
	}
	legendH := float64(len(rows)) * 5.5

	titleH := lineH(12)
	if gap >= 0 {
		titleH += lineH(11)
	}
	total := titleH + 5 + plotH + labelH + 3 + legendH + paraGap
	d.ensure(total)

	// title
	y, _ := d.centered("Biểu đồ tổng điểm của các đơn vị "+period, "B", 12, d.left, W, d.y, lineH(12))
	if gap >= 0 {
		y, _ = d.centered(fmt.Sprintf("(%d đơn vị điểm cao nhất và %d đơn vị điểm thấp nhất trong %d đơn vị; đầy đủ tại Phụ lục)", chartEnds, chartEnds, len(units)), "I", 11, d.left, W, y, lineH(11))
	}
	top := y + 5
	axisY := top + plotH

	// scale and grid
	var ymax campaign.Points
	if d.r.Campaign != nil {
		ymax = d.r.Campaign.MaxTotal()
	}
	for _, u := range units {
		ymax = max(ymax, u.Total)
	}
	if ymax <= 0 {
		ymax = 100 * 100
	}
	step := niceStep(ymax)
	ymax = (ymax + step - 1) / step * step
	yOf := func(p campaign.Points) float64 { return axisY - float64(p)/float64(ymax)*plotH }
	d.font("", 8)
	d.p.SetLineWidth(0.15)
	for v := campaign.Points(0); v <= ymax; v += step {
		yy := yOf(v)
		if v > 0 {
			d.p.SetDrawColor(205, 205, 205)
			d.p.Line(plotX, yy, plotX+plotW, yy)
		}
		d.p.SetXY(d.left, yy-2)
		d.p.CellFormat(axisW-1.2, 4, v.VI(), "", 0, "R", false, 0, "")
	}
	d.p.SetDrawColor(0, 0, 0)
	d.p.SetLineWidth(0.25)

	// bars, values and labels
	for s, i := range idx {
		xc := plotX + (float64(s)+0.5)*slot
		if i < 0 {
			d.font("B", 12)
			d.p.SetXY(xc-slot/2, axisY-6)
			d.p.CellFormat(slot, 5, "…", "", 0, "C", false, 0, "")
			continue
		}
		u := units[i]
		c := d.bandColor(u.Band)
		d.p.SetFillColor(c[0], c[1], c[2])
		yb := yOf(max(u.Total, 0))
		if axisY-yb > 0.05 {
			d.p.Rect(xc-barW/2, yb, barW, axisY-yb, "F")
		}
		d.font("", valueSize)
		v := u.Total.VI()
		switch {
		case valueLevel:
			d.p.SetXY(xc-slot/2, yb-3.6)
			d.p.CellFormat(slot, 3.4, v, "", 0, "C", false, 0, "")
		case valueUp:
			d.rotated(xc+valueSize*ptMM*0.35, yb-0.8, v)
		}
		d.font("", labelSize)
		if upright {
			lw := d.p.GetStringWidth(labels[s][0])
			d.rotated(xc+labelSize*ptMM*0.35, axisY+1.5+lw, labels[s][0])
		} else {
			for li, l := range labels[s] {
				d.p.SetXY(xc-slot/2, axisY+0.8+float64(li)*lineH(labelSize))
				d.p.CellFormat(slot, lineH(labelSize), l, "", 0, "C", false, 0, "")
			}
		}
	}
	d.p.SetFillColor(255, 255, 255)
	d.p.Line(plotX, top-2, plotX, axisY)
	d.p.Line(plotX, axisY, plotX+plotW, axisY)

	// legend
	y = axisY + labelH + 3
	d.font("", 10)
	for ri, row := range rows {
		x := d.left + (W-rowW[ri])/2
		for _, it := range row {
			d.p.SetFillColor(it.color[0], it.color[1], it.color[2])
			d.p.Rect(x, y+0.9, 3.6, 3.6, "F")
			d.p.SetXY(x+5, y)
			d.p.CellFormat(it.w-5, 5.4, it.label, "", 0, "L", false, 0, "")
			x += it.w
		}
		y += 5.5
	}
	d.p.SetFillColor(255, 255, 255)
	d.y = y + paraGap
}

// balanced wraps s in at most w millimetres into as few lines as w allows,
// of even lengths ("Sát hạch / lái xe", not "Sát hạch lái / xe"): the
// narrowest width, not below its widest word, that needs no more lines.
func (d *doc) balanced(s string, widest, w float64) []string {
	lines := d.wrap(s, w, 0)
	if len(lines) < 2 || widest > w {
		return lines
	}
	lo, hi := widest, w
	for range 12 {
		mid := (lo + hi) / 2
		if len(d.wrap(s, mid, 0)) > len(lines) {
			lo = mid
		} else {
			hi = mid
		}
	}
	return d.wrap(s, hi, 0)
}

// rotated draws s reading upwards from (x, y) (its baseline start).
func (d *doc) rotated(x, y float64, s string) {
	d.p.TransformBegin()
	d.p.TransformRotate(90, x, y)
	d.p.Text(x, y, s)
	d.p.TransformEnd()
}
