package report

import (
	"fmt"
	"strings"

	"github.com/thidua/thidua/pkg/campaign"
	"github.com/thidua/thidua/pkg/score"
)

// The chart shows at most ChartMax units one by one; above it, the
// ChartEnds best and the ChartEnds worst (the annex lists them all).
const (
	ChartMax  = 40
	ChartEnds = 15
)

// RGB is a colour of the chart.
type RGB [3]uint8

// palette colours bands from the highest down; it stays distinct in grey.
var palette = []RGB{
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

// NoBandColor is the colour of units without a band.
var NoBandColor = RGB{170, 170, 170}

// BandColor returns the colour of a band label of r's campaign; in a
// rank-only result (no bands) every bar takes the first colour of the
// palette.
func BandColor(r *score.Result, label string) RGB {
	if !HasBands(r) {
		return palette[0]
	}
	if r.Campaign != nil {
		for i, b := range r.Campaign.Bands {
			if b.Label == label {
				return palette[i%len(palette)]
			}
		}
	}
	return NoBandColor
}

// ChartBar is one slot of the chart: a unit's bar, or the gap ("…")
// between the best and the worst units of a long list.
type ChartBar struct {
	Gap   bool
	Label string          // the unit's short name under the bar (ShortNames)
	Total campaign.Points // the height
	Value string          // the total written over the bar: "103,5"
	Color RGB
}

// LegendItem is one band of the legend: "Xuất sắc (2)" and its colour.
type LegendItem struct {
	Text  string
	Color RGB
}

// BarChart is what the documents' bar chart of the units' totals shows: the
// bars in rank order coloured by band, the scale, the legend of every
// band (none for a rank-only table), the title and, for a long list, the note that only its ends are
// shown. The PDF draws it; the Word document shows it as a picture.
type BarChart struct {
	Title  string // "Biểu đồ tổng điểm của các đơn vị quý III năm 2026"
	Note   string // "(15 đơn vị điểm cao nhất và …)", or ""
	Bars   []ChartBar
	Max    campaign.Points // the top of the scale, a multiple of Step
	Step   campaign.Points // the grid step
	Legend []LegendItem
}

// ChartOf returns the chart of r's units, titled for the period in running
// text ("quý III năm 2026"); no bars when r has no unit. Each bar is
// labelled with its unit's short name (ShortNames: the roster's short:,
// else the name shortened), never an internal code. clean, when not
// nil, is applied to each bar's label, then to each legend text.
func ChartOf(r *score.Result, period string, clean func(string) string) BarChart {
	if clean == nil {
		clean = func(s string) string { return s }
	}
	units := r.Units
	c := BarChart{Title: "Biểu đồ tổng điểm của các đơn vị " + period}
	if len(units) == 0 {
		return c
	}
	idx := make([]int, 0, len(units))
	if len(units) > ChartMax {
		for i := 0; i < ChartEnds; i++ {
			idx = append(idx, i)
		}
		idx = append(idx, -1)
		for i := len(units) - ChartEnds; i < len(units); i++ {
			idx = append(idx, i)
		}
		c.Note = fmt.Sprintf("(%d đơn vị điểm cao nhất và %d đơn vị điểm thấp nhất trong %d đơn vị; đầy đủ tại Phụ lục)", ChartEnds, ChartEnds, len(units))
	} else {
		for i := range units {
			idx = append(idx, i)
		}
	}
	names := ShortNames(units)
	for _, i := range idx {
		if i < 0 {
			c.Bars = append(c.Bars, ChartBar{Gap: true})
			continue
		}
		u := &units[i]
		c.Bars = append(c.Bars, ChartBar{Label: clean(shortText(names[i], MaxNameRunes)), Total: u.Total, Value: u.Total.VI(), Color: BandColor(r, u.Band)})
	}

	counts := map[string]int{}
	for _, u := range units {
		counts[u.Band]++
	}
	if !HasBands(r) {
		counts = map[string]int{} // rank only: no legend
	}
	add := func(label string, n int, col RGB) {
		c.Legend = append(c.Legend, LegendItem{Text: clean(fmt.Sprintf("%s (%d)", label, n)), Color: col})
	}
	if r.Campaign != nil {
		for _, b := range r.Campaign.Bands {
			add(b.Label, counts[b.Label], BandColor(r, b.Label))
		}
	}
	if counts[""] > 0 {
		add("Chưa xếp loại", counts[""], NoBandColor)
	}

	var top campaign.Points
	if r.Campaign != nil {
		top = r.Campaign.MaxTotal()
	}
	for _, u := range units {
		top = max(top, u.Total)
	}
	if top <= 0 {
		top = 100 * 100
	}
	c.Step = niceStep(top)
	c.Max = (top + c.Step - 1) / c.Step * c.Step
	return c
}

// ChartLabelLines is the most lines a unit's short name takes level
// under its bar; a name that needs more, or a word wider than the bar's
// slot, turns every label upright (ChartLabels).
const ChartLabelLines = 3

// ChartLabels lays out the labels of bars for slots slot mm wide, as both
// documents draw them: when every word of every label fits its slot, each
// label level under its bar on up to ChartLabelLines lines of even
// lengths ("Sát hạch / lái xe", not "Sát hạch lái / xe"); else every
// label upright on one line, cut to ChartLabelMax (ShortenLabel). width
// is a text's width in mm in the labels' font. A gap's label is nil.
func ChartLabels(bars []ChartBar, slot float64, width func(string) float64) (lines [][]string, upright bool) {
	w := slot * 0.94
	lines = make([][]string, len(bars))
	for s, b := range bars {
		if b.Gap {
			continue
		}
		widest := 0.0
		for _, word := range strings.Fields(b.Label) {
			widest = max(widest, width(word))
		}
		upright = upright || widest > w
		lines[s] = balancedLines(b.Label, widest, w, width)
		upright = upright || len(lines[s]) > ChartLabelLines
	}
	if upright {
		for s, b := range bars {
			if !b.Gap {
				lines[s] = []string{ShortenLabel(b.Label, width)}
			}
		}
	}
	return lines, upright
}

// balancedLines wraps s in at most w mm into as few lines as w allows, of
// even lengths: the narrowest width, not below its widest word, that needs
// no more lines.
func balancedLines(s string, widest, w float64, width func(string) float64) []string {
	lines := wrapWords(s, w, width)
	if len(lines) < 2 || widest > w {
		return lines
	}
	lo, hi := widest, w
	for range 12 {
		mid := (lo + hi) / 2
		if len(wrapWords(s, mid, width)) > len(lines) {
			lo = mid
		} else {
			hi = mid
		}
	}
	return wrapWords(s, hi, width)
}

// wrapWords breaks s at its spaces into lines at most w mm wide (a word
// wider than w stands alone on its line), measuring as the PDF's text
// wrapping does: the words' widths and a space's between them.
func wrapWords(s string, w float64, width func(string) float64) []string {
	var lines []string
	space := width(" ")
	var cur strings.Builder
	curW := 0.0
	for _, word := range strings.Fields(s) {
		ww := width(word)
		if cur.Len() > 0 && curW+space+ww <= w+0.001 {
			cur.WriteByte(' ')
			cur.WriteString(word)
			curW += space + ww
			continue
		}
		if cur.Len() > 0 {
			lines = append(lines, cur.String())
			cur.Reset()
		}
		cur.WriteString(word)
		curW = ww
	}
	if cur.Len() > 0 {
		lines = append(lines, cur.String())
	}
	return lines
}

// ChartLabelMax is the widest a bar's label may be on one line (turned
// upright), in mm; a longer one is cut by ShortenLabel.
const ChartLabelMax = 32

// ShortenLabel cuts l, two runes at a time and marked "…", until width
// (its width in mm in the label's font) is at most ChartLabelMax.
func ShortenLabel(l string, width func(string) float64) string {
	for width(l) > ChartLabelMax && len([]rune(l)) > 2 {
		rs := []rune(l)
		l = string(rs[:len(rs)-2]) + "…"
	}
	return l
}

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
