package report

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/thidua/thidua/internal/reporttest"
	"github.com/thidua/thidua/pkg/campaign"
	"github.com/thidua/thidua/pkg/diag"
	"github.com/thidua/thidua/pkg/score"
	"github.com/thidua/thidua/pkg/submission"
	"github.com/thidua/thidua/pkg/vntext"
	"github.com/thidua/thidua/templates"
)

// defaultCampaign reads the criteria table of the embedded thidua.yaml
// (without pkg/config, which this package must not import): six contents,
// scale 100, bonus up to 10, five bands.
func defaultCampaign(t *testing.T) *campaign.Campaign {
	t.Helper()
	var cfg struct {
		Campaign campaign.Campaign `yaml:"campaign"`
	}
	if err := yaml.NewDecoder(bytes.NewReader(templates.DefaultConfig)).Decode(&cfg); err != nil {
		t.Fatalf("default config: %v", err)
	}
	return &cfg.Campaign
}

// meta is a letterhead dated 05/01/2026.
func meta() Meta {
	return Meta{
		Date:       time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC),
		Org:        Organization{Parent: "UBND TỈNH HÀ NAM", Name: "SỞ GIAO THÔNG VẬN TẢI", Abbreviation: "SGTVT", Place: "Hà Nam"},
		Signer:     Signer{Authority: "KT. GIÁM ĐỐC", Title: "PHÓ GIÁM ĐỐC", Name: "Nguyễn Văn A"},
		Recipients: []string{"Lãnh đạo Sở", "Lưu: VT, VP"},
	}
}

// figures is a quarter of three units over the default table: a tie for
// the lowest total, a late unit, one for the council, one missing.
func figures(t *testing.T) *score.Result {
	c := defaultCampaign(t)
	mk := func(code, band string, total campaign.Points, contents ...campaign.Points) score.UnitResult {
		u := score.UnitResult{Code: code, Name: "Đơn vị " + code, Band: band, Total: total, OnRoster: true}
		for i, n := range c.Contents {
			u.Contents = append(u.Contents, score.ContentScore{Code: n.Code, Max: n.Max, Score: contents[i]})
		}
		return u
	}
	r := &score.Result{Campaign: c, Period: vntext.Period{Year: 2026, Kind: vntext.Quarter, N: 3},
		Units: []score.UnitResult{
			mk("A", "Xuất sắc", 9250, 2000, 1900, 1500, 1400, 1500, 1000),
			mk("B", "Tốt", 8625, 1800, 1700, 1400, 1200, 1400, 900),
			mk("C", "Tốt", 8625, 1600, 1500, 1300, 1000, 1300, 800),
		},
		Missing: []score.Unit{{Code: "M", Name: "Đơn vị thiếu"}},
	}
	r.Units[1].Late = true
	r.Units[2].Flags = []string{score.FlagCouncil}
	return r
}

func TestNarrativeOf(t *testing.T) {
	nd := NarrativeOf(figures(t), meta(), nil)
	sample := NarrativeOf(reporttest.Result(), meta(), nil)
	for _, c := range []struct{ name, got, want string }{
		{"average", nd.Average, "88,33"},
		{"highest", listNames(nd.Highest) + " " + nd.HighestTotal, "Đơn vị A 92,5"},
		{"lowest (a tie)", listNames(nd.Lowest) + " " + nd.LowestTotal, "Đơn vị B và Đơn vị C 86,25"},
		{"late", listNames(nd.Late), "Đơn vị B"},
		{"council", listNames(nd.Council), "Đơn vị C"},
		{"missing", listNames(nd.Missing), "Đơn vị thiếu"},
		{"period", nd.Period + " / " + nd.PeriodLower + " / " + nd.PeriodCode, "Quý III năm 2026 / quý III năm 2026 / 2026-Q3"},
		{"agency", nd.Parent + " / " + nd.Agency + " / " + nd.AgencyName, "UBND TỈNH HÀ NAM / SỞ GIAO THÔNG VẬN TẢI / Sở Giao thông vận tải"},
		{"place and date", nd.Place + ", " + nd.Date, "Hà Nam, ngày 05 tháng 01 năm 2026"},
		{"content 1", nd.Contents[0].Average + " " + nd.Contents[0].Percent, "18 90%"},
		{"content 6", nd.Contents[5].Average + " " + nd.Contents[5].Percent, "9 60%"},
		{"strongest", nd.Strongest.Code, "3"},
		{"weakest", nd.Weakest.Code, "6"},
		{"band Tốt", nd.Bands[1].Label + " " + nd.Bands[1].Percent + " " + listNames(nd.Bands[1].Units), "Tốt 66,67% Đơn vị B và Đơn vị C"},
		{"band Yếu", nd.Bands[4].Label + " " + nd.Bands[4].Percent, "Yếu 0%"},
		{"scale", nd.Scale + "/" + nd.MaxTotal, "100/110"},
		// the sample: a unit off the roster, a rejected form, a council change
		{"off roster", listNames(sample.OffRoster), `=HYPERLINK("http://x","y")`},
		{"rejected", func() string {
			var ss []string
			for _, r := range sample.Rejected {
				ss = append(ss, r.Unit+" | "+r.File+" | "+r.Reason)
			}
			return strings.Join(ss, "; ")
		}(), "Thanh tra Sở | ttr.xlsx | điểm tự chấm 12 vượt điểm tối đa 8 (tiêu chí 1.2)"}, // the name from the missing list
		{"changes", func() string {
			var ss []string
			for _, c := range sample.Changes {
				ss = append(ss, c.Unit+" "+c.Code+": "+c.Old+" → "+c.New)
			}
			return strings.Join(ss, "; ")
		}(), "Văn phòng Sở 2.1: 48 → 45; Trung tâm Đăng kiểm xe cơ giới 1.2: 9,5 → 9"}, // 48: the self-score
	} {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	if nd.Scored != 3 || nd.OnTime != 2 || nd.Expected != 4 || nd.Longer {
		t.Errorf("counts scored=%d ontime=%d expected=%d longer=%v", nd.Scored, nd.OnTime, nd.Expected, nd.Longer)
	}
	if y := NarrativeOf(reporttest.Year(), meta(), nil); !y.Longer || y.PeriodCode != "2026" {
		t.Errorf("year: longer=%v code=%q", y.Longer, y.PeriodCode)
	}
}

// TestNarrativeEdges: nothing scored, no band, equal contents, no agency.
func TestNarrativeEdges(t *testing.T) {
	empty := NarrativeOf(nil, Meta{Date: meta().Date}, nil)
	if empty.Average != "0" || empty.Scored != 0 || empty.Highest != nil || empty.Strongest != nil || empty.AgencyName != "cơ quan" {
		t.Errorf("nil result: %+v", empty)
	}
	r := figures(t)
	r.Units[0].Band = ""
	for i := range r.Units {
		for j := range r.Units[i].Contents {
			r.Units[i].Contents[j].Score = r.Units[i].Contents[j].Max / 2
		}
	}
	nd := NarrativeOf(r, meta(), nil)
	last := nd.Bands[len(nd.Bands)-1]
	if last.Label != "Chưa xếp loại" || last.Count != 1 || last.Percent != "33,33%" {
		t.Errorf("unbanded row = %+v", last)
	}
	if nd.Strongest != nil || nd.Weakest != nil {
		t.Errorf("contents all at half their maximum: strongest %v, weakest %v", nd.Strongest, nd.Weakest)
	}
}

// TestNarrativeClean: clean sees every text taken from the result and the
// metadata, and what it returns is what the template gets.
func TestNarrativeClean(t *testing.T) {
	r := figures(t)
	r.Units[0].Name = "Phòng 🚀 Kế hoạch"
	var seen []string
	clean := func(s string) string {
		seen = append(seen, s)
		return strings.ReplaceAll(s, "🚀", "?")
	}
	nd := NarrativeOf(r, meta(), clean)
	if got := listNames(nd.Highest); got != "Phòng ? Kế hoạch" {
		t.Errorf("highest = %q", got)
	}
	for _, want := range []string{"Phòng 🚀 Kế hoạch", "Hà Nam", "SỞ GIAO THÔNG VẬN TẢI", "Xuất sắc", "Đơn vị thiếu"} {
		found := false
		for _, s := range seen {
			found = found || s == want
		}
		if !found {
			t.Errorf("clean never saw %q", want)
		}
	}
	// the same order every time
	first := append([]string(nil), seen...)
	seen = nil
	NarrativeOf(r, meta(), clean)
	if !reflect.DeepEqual(first, seen) {
		t.Error("clean saw the texts in another order the second time")
	}
}

func TestExecuteNarrative(t *testing.T) {
	data := NarrativeOf(reporttest.Result(), meta(), nil)
	n, err := ExecuteNarrative("", data)
	if err != nil {
		t.Fatal(err)
	}
	var all []string
	charts := 0
	for _, b := range n.Blocks {
		all = append(all, b.Text)
		if b.Kind == Chart {
			charts++
		}
	}
	text := strings.Join(all, "\n")
	for _, bad := range []string{"<no value>", "%!", "{{", "@chart"} {
		if strings.Contains(text, bad) {
			t.Errorf("template residue %q in:\n%s", bad, text)
		}
	}
	if charts != 1 || !strings.Contains(text, "Điểm trung bình của") {
		t.Errorf("embedded template: %d charts, text:\n%s", charts, text)
	}
	if !strings.HasPrefix(n.Summary, "Kết quả chấm điểm thi đua “Cả nước đoàn kết") || !strings.HasSuffix(n.Summary, "” quý III năm 2026") {
		t.Errorf("default summary = %q", n.Summary)
	}

	own := "{{define \"trich-yeu\"}}  Tổng hợp riêng\n {{.PeriodLower}} {{end}}# I. KẾT QUẢ\n{{.Scored}} đơn vị: {{list .Highest}}.\n\n- {{upper .PeriodCode}}"
	n, err = ExecuteNarrative(own, data)
	if err != nil {
		t.Fatal(err)
	}
	want := []Block{{Heading, "I. KẾT QUẢ"}, {Paragraph, "6 đơn vị: Văn phòng Sở."}, {Dash, "- 2026-Q3"}}
	if n.Summary != "Tổng hợp riêng quý III năm 2026" || !reflect.DeepEqual(n.Blocks, want) {
		t.Errorf("own template: summary %q, blocks %+v", n.Summary, n.Blocks)
	}

	for _, bad := range []string{"{{.Nope}}", "{{if}}", "{{define \"trich-yeu\"}}{{.Nope}}{{end}}"} {
		_, err := ExecuteNarrative(bad, data)
		var de *diag.Err
		if !errors.As(err, &de) || de.Key != "pdf.template" {
			t.Errorf("ExecuteNarrative(%q) = %v, want a pdf.template error", bad, err)
		}
	}
}

func TestParseBlocks(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   string
		want []Block
	}{
		{"paragraphs", "Một\nhai\n\n\nBa", []Block{{Paragraph, "Một hai"}, {Paragraph, "Ba"}}},
		{"heading", "# I. KẾT QUẢ\nVăn bản", []Block{{Heading, "I. KẾT QUẢ"}, {Paragraph, "Văn bản"}}},
		{"dashes", "Mở:\n- a;\n- b\n  tiếp.\nSau", []Block{{Paragraph, "Mở:"}, {Dash, "- a;"}, {Dash, "- b tiếp. Sau"}}},
		{"chart", "A\n@chart\nB", []Block{{Paragraph, "A"}, {Chart, ""}, {Paragraph, "B"}}},
		{"spaces", "  a   b  \n\t\n", []Block{{Paragraph, "a b"}}},
		{"hash word", "#hashtag text", []Block{{Paragraph, "#hashtag text"}}},
		{"empty", "\n\n", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := parseBlocks(tc.in); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestNarrativeHelpers(t *testing.T) {
	refs := func(ns ...string) []UnitRef {
		var out []UnitRef
		for _, n := range ns {
			out = append(out, UnitRef{Name: n})
		}
		return out
	}
	for _, tc := range []struct {
		in   []UnitRef
		want string
	}{{nil, ""}, {refs("A"), "A"}, {refs("A", "B"), "A và B"}, {refs("A", "B", "C"), "A, B và C"}} {
		if got := listNames(tc.in); got != tc.want {
			t.Errorf("listNames(%v) = %q, want %q", tc.in, got, tc.want)
		}
	}
	for _, tc := range []struct{ a, b, want int64 }{{7, 2, 4}, {5, 2, 3}, {4, 3, 1}, {0, 5, 0}, {9, 0, 0}, {-7, 2, -4}} {
		if got := divRound(tc.a, tc.b); got != tc.want {
			t.Errorf("divRound(%d, %d) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
	for _, tc := range []struct {
		a, b [2]int64
		want bool
	}{{[2]int64{1, 2}, [2]int64{2, 3}, true}, {[2]int64{2, 3}, [2]int64{1, 2}, false}, {[2]int64{1, 2}, [2]int64{2, 4}, false},
		{[2]int64{0, 0}, [2]int64{1, 5}, true}, {[2]int64{1, 5}, [2]int64{0, 0}, false}, {[2]int64{0, 0}, [2]int64{0, 5}, false}} {
		if got := less(tc.a, tc.b); got != tc.want {
			t.Errorf("less(%v, %v) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
	for _, tc := range []struct{ in, want string }{
		{"Giữ vững ổn định; đấu tranh", "Giữ vững ổn định"},
		{"Công tác: tuyên truyền", "Công tác"},
		{"một hai ba bốn năm sáu bảy tám chín mười mười một mười hai mười ba", "một hai ba bốn năm sáu bảy tám chín mười mười một…"},
		// never cut inside brackets, never leave one open
		{"Thực hiện Chỉ thị (số 15: phòng dịch) tốt; báo cáo", "Thực hiện Chỉ thị (số 15: phòng dịch) tốt"},
		{"Công tác (theo Chỉ thị: 15/CT-TTg)", "Công tác (theo Chỉ thị: 15/CT-TTg)"},
		{"một hai ba bốn năm sáu bảy (tám chín mười mười một mười hai mười ba)", "một hai ba bốn năm sáu bảy…"},
		{"Nội dung) lạ: phần sau", "Nội dung) lạ"},
	} {
		if got := shortTitle(tc.in); got != tc.want {
			t.Errorf("shortTitle(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	for _, tc := range []struct{ in, want string }{{"Quý III năm 2026", "quý III năm 2026"}, {"Năm 2026", "năm 2026"}, {"", ""}} {
		if got := lowerFirst(tc.in); got != tc.want {
			t.Errorf("lowerFirst(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestNarrativeBounds: lists that grow with the inputs are cut in the
// official report (the workbook keeps them whole), and so are names long
// enough to fill pages.
func TestNarrativeBounds(t *testing.T) {
	r := reporttest.Result()
	long := strings.Repeat("Phòng Quản lý kết cấu hạ tầng giao thông ", 800) // 32,800 characters
	r.Units[0].Name = long
	for i := 0; i < 40; i++ {
		r.Files = append(r.Files, score.FileResult{Path: fmt.Sprintf("phieu/hong-%02d.xlsx", i), Status: submission.Rejected,
			Diags: diag.List{diag.New("TD101", "x")}})
	}
	for i := 0; i < 30; i++ {
		r.Changes = append(r.Changes, score.ReviewChange{UnitCode: r.Units[0].Code, Code: "1.2", New: 100, OldSet: true, Old: 200})
	}
	nd := NarrativeOf(r, meta(), nil)
	if len(nd.RejectedShown) != MaxListed || nd.RejectedMore != len(nd.Rejected)-MaxListed || len(nd.Rejected) < 40 {
		t.Errorf("rejected: %d shown, %d more, %d in all", len(nd.RejectedShown), nd.RejectedMore, len(nd.Rejected))
	}
	if len(nd.ChangesShown) != MaxListed || nd.ChangesMore != len(nd.Changes)-MaxListed {
		t.Errorf("changes: %d shown, %d more", len(nd.ChangesShown), nd.ChangesMore)
	}
	for _, u := range append(nd.Highest, nd.Lowest...) {
		if n := utf8.RuneCountInString(u.Name); n > MaxNameRunes {
			t.Errorf("a name of %d runes reaches the report", n)
		}
	}
	many := make([]UnitRef, 50)
	for i := range many {
		many[i] = UnitRef{Name: fmt.Sprintf("Đơn vị %d", i+1)}
	}
	if got := listNames(many); !strings.HasSuffix(got, "Đơn vị 15 và 35 đơn vị khác") || strings.Contains(got, "Đơn vị 16") {
		t.Errorf("list of 50 = %q", got)
	}
	n, err := ExecuteNarrative("", nd)
	if err != nil {
		t.Fatal(err)
	}
	var text strings.Builder
	for _, b := range n.Blocks {
		text.WriteString(b.Text + "\n")
	}
	if got := text.String(); !strings.Contains(got, fmt.Sprintf("Và %d phiếu khác bị trả lại", nd.RejectedMore)) ||
		strings.Count(got, "bị trả lại, không chấm điểm được") != MaxListed || !strings.Contains(got, fmt.Sprintf("Và %d điểm chấm khác", nd.ChangesMore)) {
		t.Errorf("narrative does not bound its lists:\n%s", got)
	}
}

// TestRankOnly: a table with bands: [] ranks only: no band sentences, no
// band counts, no legend, no band column.
func TestRankOnly(t *testing.T) {
	r := figures(t)
	c := *r.Campaign
	c.Bands = nil
	r.Campaign = &c
	for i := range r.Units {
		r.Units[i].Band, r.Units[i].Flags = "", nil // no bands, no council at a band's threshold
	}
	nd := NarrativeOf(r, meta(), nil)
	if len(nd.Bands) != 0 {
		t.Errorf("bands = %+v", nd.Bands)
	}
	n, err := ExecuteNarrative("", nd)
	if err != nil {
		t.Fatal(err)
	}
	var text []string
	for _, b := range n.Blocks {
		text = append(text, b.Text)
	}
	all := strings.Join(text, "\n")
	for _, bad := range []string{"xếp loại", "Chưa xếp loại"} {
		if strings.Contains(all, bad) {
			t.Errorf("rank-only narrative has %q:\n%s", bad, all)
		}
	}
	if !strings.Contains(all, "Điểm trung bình của 3 đơn vị là 88,33 điểm") {
		t.Errorf("the narrative lost its figures:\n%s", all)
	}
	if ch := ChartOf(r, "quý III năm 2026", nil); len(ch.Legend) != 0 || ch.Bars[0].Color == NoBandColor {
		t.Errorf("rank-only chart: legend %+v, colour %v", ch.Legend, ch.Bars[0].Color)
	}
	if h := heads(RankingColumns(r, nil)); strings.Contains(h, "Xếp loại") {
		t.Errorf("rank-only annex heads %q", h)
	}
	if l := SummaryLayout(r); l.Bands {
		t.Error("rank-only layout has bands")
	}
}

// TestNarrativeAdapts: content means over the units a content applies to,
// the units not classified named, the evaluators counted.
func TestNarrativeAdapts(t *testing.T) {
	r := figures(t)
	// content 6 does not apply to C (applies_to), content 5 C marked KAD
	r.Units[2].Contents[5].NotApplicable = true
	r.Units[2].Contents[5].Score = 0
	r.Units[2].Contents[4].KAD, r.Units[2].Contents[4].NotApplicable = true, true
	r.Units[2].Contents[4].Score = 0
	r.Units[0].Excluded, r.Units[0].Band = true, ""
	r.Units[0].Flags = []string{score.FlagExcluded}
	r.Units[1].Flags = []string{score.FlagMaxBand}
	r.Evaluators = []score.EvaluatorStatus{
		{EvaluatorRef: score.EvaluatorRef{Code: "STC", Name: "Sở Tài chính"}, Expected: true, Files: []string{"stc.xlsx"}, Units: 3},
		{EvaluatorRef: score.EvaluatorRef{Code: "SNV", Name: "Sở Nội vụ"}, Expected: true, Missing: true},
		{EvaluatorRef: score.EvaluatorRef{Name: "Sở Xây dựng"}, Files: []string{"sxd.xlsx"}, Units: 1},
	}
	nd := NarrativeOf(r, meta(), nil)
	c5, c6 := nd.Contents[4], nd.Contents[5]
	// 6: (10 + 9) / 2 = 9,5 of 15 → 19/30 = 63,33%; 5: (15 + 14) / 2 = 14,5 → 96,67%
	if got := c6.Average + " " + c6.Percent + " " + strconv.Itoa(c6.Units); got != "9,5 63,33% 2" {
		t.Errorf("content 6 = %q", got)
	}
	if got := c5.Average + " " + c5.Percent + " " + strconv.Itoa(c5.Units); got != "14,5 96,67% 2" {
		t.Errorf("content 5 = %q", got)
	}
	if listNames(nd.Excluded) != "Đơn vị A" || listNames(nd.Capped) != "Đơn vị B" {
		t.Errorf("excluded %q, capped %q", listNames(nd.Excluded), listNames(nd.Capped))
	}
	if nd.Evaluators != 2 || nd.ExpectedEvaluators != 2 || strings.Join(nd.MissingEvaluators, ",") != "Sở Nội vụ" {
		t.Errorf("evaluators %d of %d, missing %q", nd.Evaluators, nd.ExpectedEvaluators, nd.MissingEvaluators)
	}
	n, err := ExecuteNarrative("", nd)
	if err != nil {
		t.Fatal(err)
	}
	var all []string
	for _, b := range n.Blocks {
		all = append(all, b.Text)
	}
	text := strings.Join(all, "\n")
	for _, w := range []string{
		"bình quân 9,5/15 điểm, đạt 63,33% (tính trên 2 đơn vị áp dụng nội dung này).",
		"Đơn vị không xét xếp loại (vi phạm theo quy định của phong trào), vẫn giữ thứ hạng theo tổng điểm: Đơn vị A.",
		"giới hạn mức xếp loại theo quy định của phong trào: Đơn vị B.",
		"- Số đơn vị chấm đã gửi kết quả chấm điểm: 2 đơn vị chấm (theo danh sách: 2 đơn vị chấm).",
		"- Đơn vị chấm chưa gửi kết quả chấm điểm: 1 đơn vị chấm (Sở Nội vụ).",
	} {
		if !strings.Contains(text, w) {
			t.Errorf("narrative lacks %q:\n%s", w, text)
		}
	}

	// A content that applies to no unit: said so, and neither strongest nor weakest.
	for i := range r.Units {
		r.Units[i].Contents[5].NotApplicable = true
	}
	nd = NarrativeOf(r, meta(), nil)
	if nd.Contents[5].Units != 0 || nd.Weakest == nil || nd.Weakest.Code == "6" || nd.Strongest.Code == "6" {
		t.Errorf("content 6 applying to none: units %d, weakest %+v", nd.Contents[5].Units, nd.Weakest)
	}
	n, _ = ExecuteNarrative("", nd)
	found := false
	for _, b := range n.Blocks {
		found = found || strings.Contains(b.Text, "): không áp dụng cho đơn vị nào.")
	}
	if !found {
		t.Error("no sentence for the content that applies to no unit")
	}
}
