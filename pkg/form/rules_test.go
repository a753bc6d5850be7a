package form_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/thidua/thidua/pkg/form"
	ft "github.com/thidua/thidua/pkg/form/formtest"
	"github.com/thidua/thidua/pkg/submission"
)

// TestReadRules reads forms of rulesTable made by the template, one rule
// at a time: what the line holds, and the diagnostics with their cells.
func TestReadRules(t *testing.T) {
	c := yamlCampaign(t, rulesTable)
	l := form.TemplateLayout(c)
	cell := func(col form.Column, code string) string {
		ref, _ := excelizeRef(l.Cols[col], l.Rows[code])
		return ref
	}
	type want struct {
		code      string // the line checked
		self, fig string // "" not set; points or figure as "8,5"
		level     string
		kad       bool
		diags     []string // codes, all of them
		rejected  bool
		at        string // the cell of the first of diags ("" not checked)
	}
	tests := []struct {
		name          string
		self, figures ft.Scores
		review        ft.Scores
		want          want
	}{
		{name: "complete form", want: want{code: "1.1", self: "6"}},
		{name: "choice", self: ft.Scores{"1.1": ft.Num("3")}, want: want{code: "1.1", self: "3"}},
		{name: "choice on a bonus item", self: ft.Scores{"T1": ft.Num("10")}, want: want{code: "T1", self: "10"}},
		{name: "not a choice", self: ft.Scores{"1.1": ft.Num("5")},
			want: want{code: "1.1", diags: []string{"TD227"}, rejected: true, at: cell(form.ColSelf, "1.1")}},
		{name: "choice as text", self: ft.Scores{"1.1": ft.Text("3,0")}, want: want{code: "1.1", self: "3", diags: []string{"TD224"}}},
		{name: "level by name, folded", self: ft.Scores{"1.2": ft.Text("  kha ")}, want: want{code: "1.2", self: "3", level: "Khá"}},
		{name: "level by its points", self: ft.Scores{"1.2": ft.Num("2")}, want: want{code: "1.2", self: "2"}},
		{name: "level unknown", self: ft.Scores{"1.2": ft.Text("Xuất sắc")},
			want: want{code: "1.2", diags: []string{"TD228"}, rejected: true, at: cell(form.ColSelf, "1.2")}},
		{name: "points that are no level", self: ft.Scores{"1.2": ft.Num("1")},
			want: want{code: "1.2", diags: []string{"TD228"}, rejected: true, at: cell(form.ColSelf, "1.2")}},
		// The template's formula in a figure row's score cell is not read:
		// the scorer computes the points (TestTemplateFigureFormulas checks
		// that the formula gives the same).
		{name: "figure, linear", figures: ft.Scores{"3.2": ft.Num("4")},
			want: want{code: "3.2", fig: "4"}},
		{name: "figure, linear with a negative per", figures: ft.Scores{"1.3": ft.Num("3")},
			want: want{code: "1.3", fig: "3"}},
		{name: "figure, linear clamped at min", figures: ft.Scores{"1.3": ft.Num("14")},
			want: want{code: "1.3", fig: "14"}},
		{name: "figure, steps", figures: ft.Scores{"1.4": ft.Num("95")},
			want: want{code: "1.4", fig: "95"}},
		{name: "figure, below every step", figures: ft.Scores{"1.4": ft.Num("40")},
			want: want{code: "1.4", fig: "40"}},
		{name: "figure in a percentage cell", figures: ft.Scores{"1.4": ft.Pct("0.955")},
			want: want{code: "1.4", fig: "95,5"}},
		{name: "figure typed with %", figures: ft.Scores{"1.4": ft.Text("95,5 %")},
			want: want{code: "1.4", fig: "95,5"}},
		{name: "figure with decimals", figures: ft.Scores{"3.2": ft.Num("2.5")},
			want: want{code: "3.2", fig: "2,5"}},
		{name: "figure negative", figures: ft.Scores{"1.3": ft.Num("-1")},
			want: want{code: "1.3", diags: []string{"TD226"}, rejected: true, at: cell(form.ColFigure, "1.3")}},
		{name: "figure not a number", figures: ft.Scores{"1.4": ft.Text("gần đủ")},
			want: want{code: "1.4", diags: []string{"TD225"}, rejected: true, at: cell(form.ColFigure, "1.4")}},
		{name: "figure blank", figures: ft.Scores{"1.4": ft.Num("")},
			want: want{code: "1.4"}},
		{name: "points typed beside a figure are read, not checked", self: ft.Scores{"1.3": ft.Num("-2")},
			want: want{code: "1.3", self: "-2", fig: "0"}},
		{name: "text typed beside a figure is ignored", self: ft.Scores{"3.2": ft.Text("đủ")}, figures: ft.Scores{"3.2": ft.Num("4")},
			want: want{code: "3.2", fig: "4", diags: []string{"TD230"}, at: cell(form.ColSelf, "3.2")}},
		{name: "review of a negative figure row", review: ft.Scores{"1.3": ft.Num("-2")}, want: want{code: "1.3", fig: "0"}},
		{name: "review below a figure row's min", review: ft.Scores{"1.3": ft.Num("-6")},
			want: want{code: "1.3", diags: []string{"TD207"}, rejected: true, at: cell(form.ColReview, "1.3")}},
		{name: "review not a choice", review: ft.Scores{"1.1": ft.Num("4")},
			want: want{code: "1.1", self: "6", diags: []string{"TD227"}, rejected: true, at: cell(form.ColReview, "1.1")}},
		{name: "KAD on an optional node", self: ft.Scores{"3": ft.Text("KAD"), "3.1": ft.Num("")}, figures: ft.Scores{"3.2": ft.Num("")},
			want: want{code: "3", kad: true}},
		{name: "Không áp dụng, folded", self: ft.Scores{"3": ft.Text("không áp dụng")}, want: want{code: "3", kad: true}},
		{name: "KAD on the node and its children", self: ft.Scores{"3": ft.Text("KAD"), "3.1": ft.Text("KAD")}, want: want{code: "3", kad: true}},
		{name: "KAD on a child only", self: ft.Scores{"3.1": ft.Text("KAD")},
			want: want{code: "3.1", diags: []string{"TD236"}, at: cell(form.ColSelf, "3.1")}},
		{name: "KAD where the table does not allow it", self: ft.Scores{"1.1": ft.Text("KAD")},
			want: want{code: "1.1", diags: []string{"TD229"}, rejected: true, at: cell(form.ColSelf, "1.1")}},
		{name: "KAD on a parent that is not optional", self: ft.Scores{"1": ft.Text("Không áp dụng")},
			want: want{code: "1", diags: []string{"TD229"}, rejected: true, at: cell(form.ColSelf, "1")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			self, figures := fullRules()
			for k, v := range tt.self {
				self[k] = v
			}
			for k, v := range tt.figures {
				figures[k] = v
			}
			s := readForm(t, ft.Form{Campaign: c, Unit: "Đơn vị A", Period: "Quý III/2026", Self: self, Figures: figures, Review: tt.review,
				Evidence: map[string]string{"1.4": "Báo cáo số 12"}, Layout: ft.Layout{Template: true}})
			w := tt.want
			if got := codes(s.Diags); !slices.Equal(got, append([]string{}, w.diags...)) && !(len(got) == 0 && len(w.diags) == 0) {
				t.Errorf("diagnostics %v, want %v%s", got, w.diags, dump(s.Diags))
			}
			if s.Rejected() != w.rejected {
				t.Errorf("rejected %v", s.Rejected())
			}
			if w.at != "" && len(w.diags) > 0 {
				if d, _ := diagAt(s.Diags, w.diags[0]); d.Cell != w.at || d.Sheet != form.SheetScore {
					t.Errorf("%s at %s!%s, want %s", d.Code, d.Sheet, d.Cell, w.at)
				}
			}
			ln, ok := s.Line(w.code)
			if !ok {
				t.Fatalf("no line %s", w.code)
			}
			pt := func(sc submission.Score) string {
				if !sc.Set {
					return ""
				}
				return sc.Points.VI()
			}
			if got := pt(ln.Self); got != w.self && !w.rejected {
				t.Errorf("self %q, want %q (raw %q)", got, w.self, ln.Self.Raw)
			}
			if got := pt(ln.Figure); got != w.fig && !w.rejected {
				t.Errorf("figure %q, want %q", got, w.fig)
			}
			if ln.Self.Level != w.level || ln.KAD != w.kad {
				t.Errorf("level %q kad %v", ln.Self.Level, ln.KAD)
			}
			if w.kad && ln.KADCell != cell(form.ColSelf, w.code) {
				t.Errorf("KAD cell %q", ln.KADCell)
			}
			if ln.Figure.Set && ln.Figure.Cell != cell(form.ColFigure, w.code) {
				t.Errorf("figure cell %q", ln.Figure.Cell)
			}
			if ev, _ := s.Line("1.4"); ev.EvidenceCell != cell(form.ColEvidence, "1.4") || ev.Evidence != "Báo cáo số 12" {
				t.Errorf("evidence %q at %q", ev.Evidence, ev.EvidenceCell)
			}
		})
	}
}

// TestReadRulesHandMade: a hand-made form of a table with figures, its
// columns in another order, "Số lần" for the figure column and no
// template formula: the typed points are read, the figure too.
func TestReadRulesHandMade(t *testing.T) {
	c := yamlCampaign(t, rulesTable)
	self, figures := fullRules()
	self["3.2"] = ft.Num("6")
	s := readForm(t, ft.Form{Campaign: c, Unit: "Đơn vị A", Period: "Quý III/2026", Self: self, Figures: figures,
		Evidence: map[string]string{"1.4": "BC 12"},
		Layout: ft.Layout{Columns: []ft.Column{ft.ColCode, ft.ColTitle, ft.ColSelf, ft.ColFigure, ft.ColEvidence},
			HeaderText: map[ft.Column]string{ft.ColFigure: "Số lần"}}})
	if len(s.Diags) != 0 {
		t.Fatalf("diagnostics:%s", dump(s.Diags))
	}
	ln, _ := s.Line("3.2")
	if !ln.Figure.Set || ln.Figure.Points != 400 || ln.Self.Points != 600 || ln.Figure.Cell != "D"+itoa(ln.Row) {
		t.Errorf("3.2: %+v", ln)
	}
}

// TestReadEvaluator: a form of a table scored by evaluators names its
// evaluator on "Thông tin" and has "Điểm chấm" for its score column; a
// blank cell is not scored by that evaluator (no TD202).
func TestReadEvaluator(t *testing.T) {
	src := strings.Replace(rulesTable, "scale: 40", "scale: 40\nevaluation: {by: evaluators}", 1)
	c := yamlCampaign(t, src)
	self, figures := fullRules()
	delete(self, "3.1")
	s := readForm(t, ft.Form{Campaign: c, Unit: "Đơn vị A", Period: "Quý III/2026", Evaluator: "Sở Nội vụ",
		Self: self, Figures: figures, Evidence: map[string]string{"1.4": "BC"}, Layout: ft.Layout{Template: true}})
	if len(s.Diags) != 0 {
		t.Fatalf("diagnostics:%s", dump(s.Diags))
	}
	l := form.TemplateLayoutFor(form.TemplateOptions{Campaign: c})
	want, _ := excelizeRef(l.InfoValueCol, l.InfoRows[form.FieldEvaluator])
	if s.Evaluator != "Sở Nội vụ" || s.EvaluatorCell != want || s.Unit != "Đơn vị A" {
		t.Errorf("evaluator %q at %q (want %s), unit %q", s.Evaluator, s.EvaluatorCell, want, s.Unit)
	}
	if ln, _ := s.Line("1.1"); !ln.Self.Set || ln.Self.Points != 600 {
		t.Errorf("1.1 from Điểm chấm: %+v", ln.Self)
	}
	// A hand-made form: "Người chấm" and a "Điểm chấm" column.
	s = readForm(t, ft.Form{Campaign: c, Unit: "Đơn vị A", Period: "Quý III/2026", Evaluator: "Sở Tài chính", Self: self, Figures: figures,
		Layout: ft.Layout{Columns: []ft.Column{ft.ColCode, ft.ColTitle, ft.ColFigure, ft.ColSelf},
			HeaderText: map[ft.Column]string{ft.ColSelf: "Điểm chấm"}}})
	if s.Evaluator != "Sở Tài chính" || s.Rejected() {
		t.Errorf("hand-made: evaluator %q%s", s.Evaluator, dump(s.Diags))
	}
	if ln, _ := s.Line("1.2"); ln.Self.Level != "Tốt" {
		t.Errorf("1.2 %+v", ln.Self)
	}
}

// TestReadDefaultTableUnchanged: "Điểm chấm" beside "Tự chấm" on a form
// of a table scored by the units themselves does not take the self-score
// column, and a form without "Đơn vị chấm" has no evaluator.
func TestReadDefaultTableUnchanged(t *testing.T) {
	c := defaultCampaign(t)
	s := readForm(t, ft.Form{Campaign: c, Unit: "Văn phòng Sở", Period: "Quý III/2026", Self: goodScores(c),
		Layout: ft.Layout{Columns: []ft.Column{ft.ColCode, ft.ColTitle, ft.ColReview, ft.ColSelf},
			HeaderText: map[ft.Column]string{ft.ColReview: "Điểm chấm"}}})
	if s.Rejected() || s.Evaluator != "" {
		t.Fatalf("%v%s", s.Evaluator, dump(s.Diags))
	}
	if got := selfOf(s, "2.1"); got != 725 {
		t.Errorf("2.1 = %v", got)
	}
}

// TestReadPerGroupForm: a unit's form made for its group leaves out the
// rows of another group without a warning; a blank form (no group) that
// lacks them is not warned either, since the reader cannot know the group.
func TestReadPerGroupForm(t *testing.T) {
	c := yamlCampaign(t, rulesTable, "Khối A", "Khối B")
	self, figures := fullRules()
	delete(self, "2.1")
	opts := &form.TemplateOptions{Campaign: c, Group: "Khối A", UnitName: "Đơn vị A", UnitCode: "A"}
	s := readForm(t, ft.Form{Campaign: c, Unit: "Đơn vị A", Period: "Quý III/2026", Self: self, Figures: figures,
		Evidence: map[string]string{"1.4": "BC"}, TemplateOptions: opts, Layout: ft.Layout{Template: true}})
	if len(s.Diags) != 0 {
		t.Fatalf("diagnostics:%s", dump(s.Diags))
	}
	if _, ok := s.Line("2.1"); ok {
		t.Error("the form of Khối A has row 2.1")
	}
	// The form of Khối B has it; left blank, it is warned.
	opts = &form.TemplateOptions{Campaign: c, Group: "Khối B"}
	s = readForm(t, ft.Form{Campaign: c, Unit: "Đơn vị B", Period: "Quý III/2026", Self: self, Figures: figures,
		Evidence: map[string]string{"1.4": "BC"}, TemplateOptions: opts, Layout: ft.Layout{Template: true}})
	if got := codes(s.Diags); !slices.Equal(got, []string{"TD202"}) {
		t.Errorf("Khối B: %v%s", got, dump(s.Diags))
	}
}

// TestReadRulesFromXLS: a form of rulesTable saved by LibreOffice as .xls
// (cached formula values, a percentage format in BIFF) reads as the .xlsx.
func TestReadRulesFromXLS(t *testing.T) {
	if soffice() == "" {
		t.Skip("LibreOffice is not installed")
	}
	c := yamlCampaign(t, rulesTable)
	self, figures := fullRules()
	figures["1.4"] = ft.Pct("0.95")
	figures["3.2"] = ft.Num("3")
	b, err := ft.Bytes(ft.Form{Campaign: c, Unit: "Đơn vị A", Period: "Quý III/2026", Self: self, Figures: figures,
		Evidence: map[string]string{"1.4": "BC"}, Layout: ft.Layout{Template: true}})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	src := dir + "/rules.xlsx"
	writeFile(t, src, b)
	for _, format := range []string{"xlsx", "xls"} {
		out := convert(t, src, format, t.TempDir())
		s := form.Read(context.Background(), out, form.ReadOptions{Campaign: c})
		if len(s.Diags) != 0 {
			t.Errorf("%s:%s", format, dump(s.Diags))
		}
		ln, _ := s.Line("1.4")
		l32, _ := s.Line("3.2")
		l12, _ := s.Line("1.2")
		if ln.Figure.Points != 9500 || l32.Figure.Points != 300 || l12.Self.Level != "Tốt" {
			t.Errorf("%s: 1.4 %+v; 3.2 %+v; 1.2 %+v", format, ln.Figure, l32.Figure, l12.Self)
		}
		// An .xls keeps no formula: the cached points are read, to be
		// compared (1 + 1,25 × 3); the 95 % the sheet's formula took for
		// 0,95 gives 0 there, which the scorer would warn of.
		if format == "xls" && (l32.Self.Points != 475 || ln.Self.Points != 0) {
			t.Errorf("xls: 3.2 self %+v, 1.4 self %+v", l32.Self, ln.Self)
		}
		if format == "xlsx" && (l32.Self.Set || ln.Self.Set) {
			t.Errorf("xlsx: the formula of a figure row is read: %+v %+v", l32.Self, ln.Self)
		}
	}
}
