package report

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/thidua/thidua/internal/reporttest"
	"github.com/thidua/thidua/pkg/campaign"
	"github.com/thidua/thidua/pkg/score"
)

func TestChartOf(t *testing.T) {
	r := reporttest.Result()
	c := ChartOf(r, "quý III năm 2026", nil)
	if c.Title != "Biểu đồ tổng điểm của các đơn vị quý III năm 2026" || c.Note != "" {
		t.Errorf("title %q note %q", c.Title, c.Note)
	}
	if len(c.Bars) != len(r.Units) {
		t.Fatalf("%d bars", len(c.Bars))
	}
	if b := c.Bars[0]; b.Label != "Văn phòng" || b.Total != r.Units[0].Total || b.Value != r.Units[0].Total.VI() || b.Color != BandColor(r, "Xuất sắc") {
		t.Errorf("bar 0 = %+v", b)
	}
	if c.Max != 11000 || c.Step != 1000 {
		t.Errorf("scale %v step %v", c.Max, c.Step)
	}
	var legend []string
	for _, l := range c.Legend {
		legend = append(legend, l.Text)
	}
	if got := strings.Join(legend, "|"); got != "Xuất sắc (1)|Tốt (2)|Khá (1)|Trung bình (1)|Yếu (1)" {
		t.Errorf("legend %q", got)
	}

	// More than ChartMax units: the best and worst ChartEnds with a gap.
	big := &score.Result{Campaign: r.Campaign}
	for i := 0; i < 50; i++ {
		big.Units = append(big.Units, score.UnitResult{Code: fmt.Sprint("U", i), Total: campaign.Points(9000 - 100*i), Band: "Tốt"})
	}
	big.Units[49].Band = ""
	c = ChartOf(big, "năm 2026", nil)
	if len(c.Bars) != 2*ChartEnds+1 || !c.Bars[ChartEnds].Gap || c.Bars[ChartEnds+1].Label != "U35" || c.Note == "" {
		t.Errorf("long chart: %d bars, note %q", len(c.Bars), c.Note)
	}
	if l := c.Legend[len(c.Legend)-1]; l.Text != "Chưa xếp loại (1)" || l.Color != NoBandColor {
		t.Errorf("last legend item %+v", l)
	}
	// every bar's label is its unit's short name (ShortNames), never its
	// code, and clean is applied to it
	r2 := reporttest.Result()
	r2.Units[1].Short = "Tên ngắn"
	names := ShortNames(r2.Units)
	c = ChartOf(r2, "", func(s string) string { return "<" + s + ">" })
	for i, b := range c.Bars {
		u := r2.Units[i]
		if b.Label != "<"+names[i]+">" || (names[i] != u.Code && b.Label == "<"+u.Code+">") {
			t.Errorf("bar %d label %q, want %q", i, b.Label, names[i])
		}
	}
	if c.Bars[1].Label != "<Tên ngắn>" {
		t.Errorf("the roster's short name is not the label: %q", c.Bars[1].Label)
	}
	if len(ChartOf(&score.Result{}, "", nil).Bars) != 0 {
		t.Error("bars without units")
	}
}

func TestChartHelpers(t *testing.T) {
	for _, tc := range []struct{ top, want campaign.Points }{{11000, 1000}, {10000, 1000}, {100000, 10000}, {2000, 200}, {500, 100}, {100, 100}} {
		if got := niceStep(tc.top); got != tc.want {
			t.Errorf("niceStep(%d) = %d, want %d", tc.top, got, tc.want)
		}
	}
	w := func(s string) float64 { return 3 * float64(len([]rune(s))) }
	if got := ShortenLabel("ABCDEFGHIJKLM", w); got != "ABCDEFGHI…" {
		t.Errorf("ShortenLabel = %q", got)
	}
	if got := ShortenLabel("ABC", w); got != "ABC" {
		t.Errorf("ShortenLabel short = %q", got)
	}
}

// TestChartLabels: short names sit level under their bars on up to three
// lines of even lengths; one word wider than a slot, or a name needing
// more lines, turns every label upright on one line; a gap has none.
func TestChartLabels(t *testing.T) {
	width := func(s string) float64 { return float64(len([]rune(s))) } // 1 mm a character
	bars := []ChartBar{{Label: "Sát hạch lái xe"}, {Gap: true}, {Label: "Văn phòng"}, {Label: "Quản lý dự án giao thông"}}
	lines, upright := ChartLabels(bars, 12/0.94, width)
	want := [][]string{{"Sát hạch", "lái xe"}, nil, {"Văn phòng"}, {"Quản lý dự", "án giao", "thông"}}
	if upright || !reflect.DeepEqual(lines, want) {
		t.Errorf("ChartLabels = %q, upright %v; want %q level", lines, upright, want)
	}
	// "Quản lý dự án giao thông" needs four lines of 7 mm: all turn upright
	lines, upright = ChartLabels(bars, 7/0.94, width)
	if !upright || len(lines[0]) != 1 || lines[0][0] != "Sát hạch lái xe" || lines[1] != nil {
		t.Errorf("ChartLabels in narrow slots = %q, upright %v", lines, upright)
	}
	// a word wider than the slot: upright too, cut to ChartLabelMax
	long := []ChartBar{{Label: "Đoàn " + strings.Repeat("x", 40)}}
	lines, upright = ChartLabels(long, 20, width)
	if !upright || width(lines[0][0]) > ChartLabelMax || !strings.HasSuffix(lines[0][0], "…") {
		t.Errorf("ChartLabels of a long word = %q, upright %v", lines, upright)
	}
}
