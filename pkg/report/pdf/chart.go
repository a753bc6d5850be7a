package pdf

import (
	"github.com/thidua/thidua/pkg/campaign"
	"github.com/thidua/thidua/pkg/report"
)

// chart draws the bar chart of the units' totals in rank order, coloured by
// band, with the band legend, titled for the period in running text ("quý
// III năm 2026"). It is vector drawing: rectangles and text.
func (d *doc) chart(period string) {
	ch := report.ChartOf(d.r, period, d.z.clean)
	if len(ch.Bars) == 0 {
		return
	}

	W := d.width()
	const axisW, plotH, labelSize, valueSize = 10.0, 55.0, 8.5, 7.5
	plotX, plotW := d.left+axisW, W-axisW
	slot := plotW / float64(len(ch.Bars))
	barW := slot * 0.66

	// labels: the units' short names (report.ChartOf, report.ShortNames),
	// level under their bars on up to three balanced lines when they fit
	// the slot, else every one turned upright on one line
	// (report.ChartLabels)
	d.font("", labelSize)
	labels, upright := report.ChartLabels(ch.Bars, slot, d.p.GetStringWidth)
	nLines, maxLW := 1, 0.0
	for _, l := range labels {
		nLines = max(nLines, len(l))
		if upright && len(l) > 0 {
			maxLW = max(maxLW, d.p.GetStringWidth(l[0]))
		}
	}
	// values: all level above their bars, or all upright, or none
	d.font("", valueSize)
	maxVW := 0.0
	for _, b := range ch.Bars {
		if !b.Gap {
			maxVW = max(maxVW, d.p.GetStringWidth(b.Value))
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
		color report.RGB
		w     float64
	}
	d.font("", 10)
	legend := make([]item, len(ch.Legend))
	for i, it := range ch.Legend {
		legend[i] = item{it.Text, it.Color, 5 + d.p.GetStringWidth(it.Text) + 6}
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
	if ch.Note != "" {
		titleH += lineH(11)
	}
	total := titleH + 5 + plotH + labelH + 3 + legendH + paraGap
	d.ensure(total)

	// title
	y, _ := d.centered(ch.Title, "B", 12, d.left, W, d.y, lineH(12))
	if ch.Note != "" {
		y, _ = d.centered(ch.Note, "I", 11, d.left, W, y, lineH(11))
	}
	top := y + 5
	axisY := top + plotH

	// scale and grid
	ymax, step := ch.Max, ch.Step
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
	for s, b := range ch.Bars {
		xc := plotX + (float64(s)+0.5)*slot
		if b.Gap {
			d.font("B", 12)
			d.p.SetXY(xc-slot/2, axisY-6)
			d.p.CellFormat(slot, 5, "…", "", 0, "C", false, 0, "")
			continue
		}
		c := b.Color
		d.p.SetFillColor(int(c[0]), int(c[1]), int(c[2]))
		yb := yOf(max(b.Total, 0))
		if axisY-yb > 0.05 {
			d.p.Rect(xc-barW/2, yb, barW, axisY-yb, "F")
		}
		d.font("", valueSize)
		v := b.Value
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
			d.p.SetFillColor(int(it.color[0]), int(it.color[1]), int(it.color[2]))
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

// rotated draws s reading upwards from (x, y) (its baseline start).
func (d *doc) rotated(x, y float64, s string) {
	d.p.TransformBegin()
	d.p.TransformRotate(90, x, y)
	d.p.Text(x, y, s)
	d.p.TransformEnd()
}
