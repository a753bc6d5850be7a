package report

import (
	"strings"
	"testing"

	"github.com/thidua/thidua/internal/reporttest"
	"github.com/thidua/thidua/pkg/campaign"
	"github.com/thidua/thidua/pkg/score"
	"github.com/thidua/thidua/pkg/vntext"
)

func quarter(n int) vntext.Period { return vntext.Period{Year: 2026, Kind: vntext.Quarter, N: n} }

func TestSummaryLayout(t *testing.T) {
	// A result without a criteria table takes the first unit's contents.
	bare := &score.Result{Units: []score.UnitResult{{Contents: []score.ContentScore{{Code: "A", Max: 500}, {Code: "B", Max: 500}}}}}
	// Quarters are listed once, in the order the units give them.
	spread := &score.Result{Units: []score.UnitResult{
		{Quarters: []score.QuarterTotal{{Period: quarter(1)}, {Period: quarter(2)}}},
		{Quarters: []score.QuarterTotal{{Period: quarter(2)}, {Period: quarter(3)}}, Change: &score.Change{}},
	}}
	for _, tc := range []struct {
		name     string
		r        *score.Result
		contents string
		quarters string
		change   bool
	}{
		{"nil", nil, "", "", false},
		{"empty", &score.Result{}, "", "", false},
		{"quarter", reporttest.Result(), "1 2", "", false},
		{"year", reporttest.Year(), "1 2", "2026-Q1 2026-Q2 2026-Q3 2026-Q4", true},
		{"no table", bare, "A B", "", false},
		{"quarters and change from any unit", spread, "", "2026-Q1 2026-Q2 2026-Q3", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := SummaryLayout(tc.r)
			var cs, qs []string
			for _, c := range l.Contents {
				cs = append(cs, c.Code)
			}
			for _, q := range l.Quarters {
				qs = append(qs, q.Code())
			}
			if got := strings.Join(cs, " "); got != tc.contents {
				t.Errorf("contents = %q, want %q", got, tc.contents)
			}
			if got := strings.Join(qs, " "); got != tc.quarters {
				t.Errorf("quarters = %q, want %q", got, tc.quarters)
			}
			if l.Change != tc.change {
				t.Errorf("change = %v, want %v", l.Change, tc.change)
			}
		})
	}
	if l := SummaryLayout(reporttest.Result()); l.Contents[1].Max != 8000 || l.Contents[1].Title == "" {
		t.Errorf("content 2 = %+v, want the table's title and maximum", l.Contents[1])
	}
}

func TestContentScoreAndQuarterTotal(t *testing.T) {
	u := &score.UnitResult{
		Contents: []score.ContentScore{{Code: "1", Score: 1800}, {Code: "II", Score: 700}},
		Quarters: []score.QuarterTotal{{Period: quarter(1), Total: 8000, Present: true}, {Period: quarter(2), Total: 0}},
	}
	for _, tc := range []struct {
		code string
		want campaign.Points
		ok   bool
	}{{"1", 1800, true}, {"1.", 1800, true}, {"ii", 700, true}, {"3", 0, false}} {
		if got, ok := ContentScore(u, tc.code); got != tc.want || ok != tc.ok {
			t.Errorf("ContentScore(%q) = %d, %v; want %d, %v", tc.code, got, ok, tc.want, tc.ok)
		}
	}
	for _, tc := range []struct {
		q    vntext.Period
		want campaign.Points
		ok   bool
	}{{quarter(1), 8000, true}, {quarter(2), 0, true}, {quarter(3), 0, false}} {
		if got, ok := QuarterTotal(u, tc.q); got != tc.want || ok != tc.ok {
			t.Errorf("QuarterTotal(%s) = %d, %v; want %d, %v", tc.q.Code(), got, ok, tc.want, tc.ok)
		}
	}
}

func TestChangeText(t *testing.T) {
	for _, tc := range []struct {
		c         *score.Change
		lang      string
		pts, rank string
	}{
		{nil, "vi", "", ""},
		{&score.Change{}, "vi", "", "mới"},
		{&score.Change{}, "en", "", "new"},
		{&score.Change{Known: true, Points: 250, Rank: 2}, "vi", "+2.5", "▲2"},
		{&score.Change{Known: true, Points: -100, Rank: -1}, "vi", "-1", "▼1"},
		{&score.Change{Known: true}, "en", "0", "0"},
	} {
		pts, rank := ChangeText(tc.c, tc.lang)
		if pts != tc.pts || rank != tc.rank {
			t.Errorf("ChangeText(%+v, %s) = %q, %q; want %q, %q", tc.c, tc.lang, pts, rank, tc.pts, tc.rank)
		}
	}
}

func TestOutputFileName(t *testing.T) {
	for _, tc := range []struct {
		o      Output
		period string
		want   string
	}{
		{Output{Kind: "xlsx", Stem: "tong-hop"}, "2026-Q3", "tong-hop-2026-Q3.xlsx"},
		{Output{Kind: "pdf", Stem: "bao-cao", Document: true}, "2026-H1", "bao-cao-2026-H1.pdf"},
		{Output{Kind: "json", Stem: "ket-qua"}, "2026", "ket-qua-2026.json"},
	} {
		if got := tc.o.FileName(tc.period); got != tc.want {
			t.Errorf("FileName(%q) = %q, want %q", tc.period, got, tc.want)
		}
	}
}
