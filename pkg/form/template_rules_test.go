package form_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/thidua/thidua/pkg/campaign"
	"github.com/thidua/thidua/pkg/config"
	"github.com/thidua/thidua/pkg/form"
	ft "github.com/thidua/thidua/pkg/form/formtest"
)

// openTemplate writes the template of o and opens it with excelize.
func openTemplate(t *testing.T, o form.TemplateOptions) *excelize.File {
	t.Helper()
	b, err := form.TemplateBytes(o)
	if err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { x.Close() })
	return x
}

// validations returns the data validations of a sheet by their reference.
func validations(t *testing.T, x *excelize.File, sheet string) map[string]*excelize.DataValidation {
	t.Helper()
	dvs, err := x.GetDataValidations(sheet)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*excelize.DataValidation{}
	for _, dv := range dvs {
		out[dv.Sqref] = dv
	}
	return out
}

// loadExample loads docs/examples/<name>.yaml.
func loadExample(t *testing.T, name string) *config.Config {
	t.Helper()
	cfg, err := config.Load(config.LoadOptions{File: filepath.Join("..", "..", "docs", "examples", name+".yaml")})
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// TestTemplateRules: the form follows the table — a "Số liệu" column only
// with figure rows, drop-downs of the choices and level names, a figure
// row's score as a formula, KAD where a node is optional, the rule under
// the title, the guide saying only the rules the table has.
func TestTemplateRules(t *testing.T) {
	c := yamlCampaign(t, rulesTable, "Khối A", "Khối B")
	x := openTemplate(t, form.TemplateOptions{Campaign: c})
	l := form.TemplateLayout(c)
	get := func(sheet string, col, row int) string {
		ref, _ := excelize.CoordinatesToCellName(col, row)
		v, _ := x.GetCellValue(sheet, ref)
		return v
	}
	ref := func(col form.Column, code string) string {
		r, _ := excelize.CoordinatesToCellName(l.Cols[col], l.Rows[code])
		return r
	}
	var headers []string
	for c := 1; c <= 8; c++ {
		headers = append(headers, get(form.SheetScore, c, l.HeaderRow))
	}
	if want := []string{"Mã", "Nội dung", "Điểm tối đa", "Số liệu", "Tự chấm", "Thẩm định", "Minh chứng (*)", "Ghi chú"}; !slices.Equal(headers, want) {
		t.Errorf("headers %q", headers)
	}
	dvs := validations(t, x, form.SheetScore)
	list := func(code string, col form.Column, want string) {
		t.Helper()
		dv := dvs[ref(col, code)]
		if dv == nil || dv.Type != "list" || dv.Formula1 != want {
			t.Errorf("%s: validation %+v, want list %s", code, dv, want)
		}
	}
	list("1.1", form.ColSelf, `"6,3,0"`)
	list("1.1", form.ColReview, `"6,3,0"`)
	list("1.2", form.ColSelf, `"Tốt,Khá,Đạt,Chưa đạt"`)
	list("T1", form.ColSelf, `"0,10,15"`)
	list("3", form.ColSelf, `"KAD,Không áp dụng"`)
	if dv := dvs[ref(form.ColFigure, "1.4")]; dv == nil || dv.Type != "decimal" || dv.Operator != "greaterThanOrEqual" || dv.Formula1 != "0" {
		t.Errorf("figure validation %+v", dv)
	}
	if dv := dvs[ref(form.ColReview, "1.3")]; dv == nil || dv.Type != "decimal" || dv.Formula1 != "-5" || dv.Formula2 != "0" {
		t.Errorf("review of 1.3: %+v", dv)
	}
	if dv := dvs[ref(form.ColSelf, "3.1")]; dv == nil || dv.Type != "decimal" {
		t.Errorf("3.1 (under an optional node, not optional itself): %+v", dv)
	}
	if dv := dvs[ref(form.ColEvidence, "1.4")]; dv == nil || dv.Prompt == nil || !strings.Contains(*dv.Prompt, "Bắt buộc") {
		t.Errorf("evidence prompt of 1.4: %+v", dv)
	}
	for code, want := range map[string]string{
		"3.2": `IF(COUNT(D14)=0,"",MIN(6,MAX(0,1+ROUND(1.25*D14,2))))`,
		"1.3": `IF(COUNT(D8)=0,"",MIN(0,MAX(-5,ROUND(-0.5*D8,2))))`,
		"1.4": `IF(COUNT(D9)=0,"",IF(D9>=100,10,IF(D9>=90,8,IF(D9>=50,4,0))))`,
		// A parent sums its children, a levels child by its level's points;
		// the total counts content 2 twice.
		"1": `SUM(E6,IF(E7="Tốt",4,IF(E7="Khá",3,IF(E7="Đạt",2,IF(E7="Chưa đạt",0,N(E7))))),E8,E9)`,
	} {
		if f, _ := x.GetCellFormula(form.SheetScore, ref(form.ColSelf, code)); f != want {
			t.Errorf("formula of %s: %s\n want %s", code, f, want)
		}
	}
	if f, _ := x.GetCellFormula(form.SheetScore, "E"+itoa(l.TotalRow)); !strings.Contains(f, "ROUND(N(E10)*2,2)") || !strings.HasPrefix(f, "MAX(0,") {
		t.Errorf("total %s", f)
	}
	// The rule is said under the title.
	if v := get(form.SheetScore, l.Cols[form.ColTitle], l.Rows["1.3"]); !strings.Contains(v, "Số lần") || !strings.Contains(v, "điểm = -0,5 × số liệu, thấp nhất -5, cao nhất 0") {
		t.Errorf("1.3 title %q", v)
	}
	guide := strings.Join(colA(t, x, form.SheetGuide), "\n")
	for _, want := range []string{"Số liệu", "1.3, 1.4, 3.2, T2, D3", "KAD", "hệ số 2", "1.2: Tốt (4)", "1.1: 6; 3; 0", "bắt buộc ghi minh chứng (1.4)"} {
		if !strings.Contains(guide, want) {
			t.Errorf("guide lacks %q:\n%s", want, guide)
		}
	}
	// The default table's guide says none of it.
	def := openTemplate(t, form.TemplateOptions{Campaign: defaultCampaign(t)})
	guide = strings.Join(colA(t, def, form.SheetGuide), "\n")
	for _, no := range []string{"Số liệu", "KAD", "hệ số", "xếp mức", "Đơn vị chấm"} {
		if strings.Contains(guide, no) {
			t.Errorf("the default table's guide says %q", no)
		}
	}
}

// colA returns the values of column A of a sheet.
func colA(t *testing.T, x *excelize.File, sheet string) []string {
	rows, err := x.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range rows {
		if len(r) > 0 {
			out = append(out, r[0])
		}
	}
	return out
}

// TestTemplateGroupAndEvaluator: a unit's form for its group leaves out
// the rows of another group (parents and total without them); an
// evaluator's form names "Đơn vị chấm" and scores in "Điểm chấm".
func TestTemplateGroupAndEvaluator(t *testing.T) {
	src := strings.Replace(rulesTable, "scale: 40", "scale: 40\nevaluation: {by: evaluators}", 1)
	c := yamlCampaign(t, src, "Khối A", "Khối B")
	o := form.TemplateOptions{Campaign: c, Group: "Khối A", Evaluator: "Sở Nội vụ", UnitName: "Đơn vị A", UnitCode: "A"}
	x := openTemplate(t, o)
	l := form.TemplateLayoutFor(o)
	if _, ok := l.Rows["2"]; ok {
		t.Error("the form of Khối A has content 2")
	}
	if _, ok := l.Rows["2.1"]; ok {
		t.Error("the form of Khối A has row 2.1")
	}
	get := func(sheet string, col, row int) string {
		ref, _ := excelize.CoordinatesToCellName(col, row)
		v, _ := x.GetCellValue(sheet, ref)
		return v
	}
	// 40 − 2 × 5 + bonus 15 + 10 = 55
	if v := get(form.SheetScore, l.Cols[form.ColMax], l.TotalRow); v != "55" {
		t.Errorf("total max %q", v)
	}
	if v := get(form.SheetScore, l.Cols[form.ColSelf], l.HeaderRow); v != "Điểm chấm" {
		t.Errorf("score header %q", v)
	}
	if v := get(form.SheetInfo, 1, l.InfoRows[form.FieldEvaluator]); v != "Đơn vị chấm" {
		t.Errorf("label %q", v)
	}
	if v := get(form.SheetInfo, l.InfoValueCol, l.InfoRows[form.FieldEvaluator]); v != "Sở Nội vụ" {
		t.Errorf("evaluator %q", v)
	}
	if v := get(form.SheetInfo, 1, l.InfoRows[form.FieldUnit]); v != "Đơn vị được chấm" {
		t.Errorf("unit label %q", v)
	}
	meta := map[string]string{}
	rows, _ := x.GetRows(form.SheetHidden)
	for _, r := range rows {
		if len(r) >= 2 {
			meta[r[0]] = r[1]
		}
	}
	if meta["group"] != "Khối A" || meta["fingerprint"] != c.Fingerprint() {
		t.Errorf("_thidua %v", meta)
	}
	// The default table's fingerprint is the one forms already carry.
	if fp := defaultCampaign(t).Fingerprint(); fp != "sha256:ef6dbca01757b089" {
		t.Errorf("default fingerprint %s", fp)
	}
}

// TestTemplateLongList: a drop-down longer than a validation may hold (or
// with a comma in a name) lists its values on the hidden sheet.
func TestTemplateLongList(t *testing.T) {
	var names []string
	var lv strings.Builder
	for i := 0; i < 12; i++ {
		n := fmt.Sprintf("Mức %d: hoàn thành %d phần trăm chỉ tiêu, có báo cáo", i, 100-i*5)
		names = append(names, n)
		fmt.Fprintf(&lv, "%q: %d, ", n, 12-i)
	}
	src := `code: x
scale: 12
contents: [{code: "1", max: 12, criteria: [{code: "1.1", max: 12, levels: {` + strings.TrimSuffix(lv.String(), ", ") + `}}]}]
`
	c := yamlCampaign(t, src)
	x := openTemplate(t, form.TemplateOptions{Campaign: c})
	l := form.TemplateLayout(c)
	ref, _ := excelize.CoordinatesToCellName(l.Cols[form.ColSelf], l.Rows["1.1"])
	dv := validations(t, x, form.SheetScore)[ref]
	if dv == nil || dv.Type != "list" || dv.Formula1 != "'_thidua'!$D$1:$D$12" {
		t.Fatalf("validation %+v", dv)
	}
	if v, _ := x.GetCellValue(form.SheetHidden, "D12"); v != names[11] {
		t.Errorf("D12 %q", v)
	}
	// The reader still reads the hidden sheet's keys, and a level name.
	b, err := ft.Bytes(ft.Form{Campaign: c, Unit: "A", Self: ft.Scores{"1.1": ft.Text(names[3])}, Layout: ft.Layout{Template: true}})
	if err != nil {
		t.Fatal(err)
	}
	s := readBytes(t, c, "f.xlsx", b)
	if ln, _ := s.Line("1.1"); s.Rejected() || ln.Self.Points != 900 || s.Fingerprint != c.Fingerprint() {
		t.Errorf("%+v%s", ln.Self, dump(s.Diags))
	}
}

// figureValues are the figures the formulas are tried on: each side of
// the examples' steps, fractions that round, zero and large figures.
var figureValues = []string{"", "0", "0.5", "1", "2.5", "3", "4", "7.5", "8", "14", "40", "49.99", "50", "69.99", "84.5", "90", "95", "99.99", "100", "105", "110", "1000"}

// TestTemplateFigureFormulas: the formula the template puts in a figure
// row's score cell gives the points campaign.Figure gives, for every
// figure row of rulesTable and of the three example tables — as excelize
// calculates it, and, with LibreOffice installed, as LibreOffice does
// (the file converted, which recalculates, then its cached values read).
// The formula uses IF, MIN, MAX, ROUND and comparisons only, which Excel
// 2010 and later evaluate the same way (ROUND half away from zero, as the
// table's rule).
func TestTemplateFigureFormulas(t *testing.T) {
	tables := map[string]*campaign.Campaign{"rules": yamlCampaign(t, rulesTable)}
	for _, n := range []string{"thanh-pho-cham-quan-huyen", "doan-thanh-nien-huyen", "truong-chi-doan-hoc-ky"} {
		tables[n] = &loadExample(t, n).Campaign
	}
	dir := t.TempDir()
	type check struct {
		file, ref, code string
		want            campaign.Points
		fig             string
	}
	var checks []check
	var files []string
	for name, c := range tables {
		l := form.TemplateLayout(c)
		for k, v := range figureValues {
			figs := ft.Scores{}
			fig, _ := campaign.ParsePoints(v)
			for _, r := range c.Rows() {
				if r.Figure == nil {
					continue
				}
				figs[r.Code] = ft.Num(v)
				ref, _ := excelize.CoordinatesToCellName(l.Cols[form.ColSelf], l.Rows[r.Code])
				file := filepath.Join(dir, fmt.Sprintf("%s-%02d.xlsx", name, k))
				want := r.Figure.Points(fig, r.Max)
				if v == "" {
					want = blankCell // the score stays blank while the figure is
				}
				checks = append(checks, check{file, ref, r.Code, want, v})
			}
			b, err := ft.Bytes(ft.Form{Campaign: c, Unit: "X", Figures: figs, Layout: ft.Layout{Template: true}})
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, fmt.Sprintf("%s-%02d.xlsx", name, k))
			writeFile(t, path, b)
			files = append(files, path)
		}
	}
	value := func(x *excelize.File, ref string, calc bool) campaign.Points {
		t.Helper()
		var v string
		var err error
		if calc {
			v, err = x.CalcCellValue(form.SheetScore, ref, excelize.Options{RawCellValue: true})
		} else {
			v, err = x.GetCellValue(form.SheetScore, ref, excelize.Options{RawCellValue: true})
		}
		if err != nil {
			t.Fatalf("%s: %v", ref, err)
		}
		if v == "" {
			return blankCell
		}
		p, err := campaign.ParsePoints(v)
		if err != nil {
			// A float's noise: ROUND gives hundredths.
			var f float64
			fmt.Sscan(v, &f)
			p = campaign.Points(int64(f*100 + 0.5*sign(f)))
		}
		return p
	}
	open := map[string]*excelize.File{}
	get := func(path string) *excelize.File {
		if x, ok := open[path]; ok {
			return x
		}
		x, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { x.Close() })
		open[path] = x
		return x
	}
	for _, ck := range checks {
		if got := value(get(ck.file), ck.ref, true); got != ck.want {
			t.Errorf("excelize: %s %s figure %s: %s, want %s", filepath.Base(ck.file), ck.code, ck.fig, got.VI(), ck.want.VI())
		}
	}
	if soffice() == "" {
		t.Log("LibreOffice not installed: its calculation is not checked here")
		return
	}
	out := t.TempDir()
	profile := "file://" + filepath.Join(out, ".lo-profile")
	args := append([]string{"-env:UserInstallation=" + profile, "--headless", "--convert-to", "xlsx", "--outdir", out}, files...)
	cmd := exec.Command(soffice(), args...)
	done := make(chan error, 1)
	var msg bytes.Buffer
	cmd.Stdout, cmd.Stderr = &msg, &msg
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("soffice: %v\n%s", err, msg.String())
		}
	case <-time.After(5 * time.Minute):
		cmd.Process.Kill()
		t.Fatal("soffice took too long")
	}
	for _, ck := range checks {
		path := filepath.Join(out, filepath.Base(ck.file))
		if _, err := os.Stat(path); err != nil {
			t.Fatalf("LibreOffice wrote no %s", path)
		}
		if got := value(get(path), ck.ref, false); got != ck.want {
			t.Errorf("LibreOffice: %s %s figure %s: %s, want %s", filepath.Base(ck.file), ck.code, ck.fig, got.VI(), ck.want.VI())
		}
	}
}

// blankCell stands for a blank value among points.
const blankCell = campaign.Points(-1 << 40)

func sign(f float64) float64 {
	if f < 0 {
		return -1
	}
	return 1
}

// TestTemplateExamplesValid: every template of the example tables (blank,
// per group, per evaluator, Bảng điểm) has validations Excel accepts:
// valid text within Excel's limits (title 32, prompt 255, error 225, an
// inline list 255 characters), and reads back as a clean blank form.
func TestTemplateExamplesValid(t *testing.T) {
	for _, name := range []string{"thanh-pho-cham-quan-huyen", "doan-thanh-nien-huyen", "truong-chi-doan-hoc-ky"} {
		cfg := loadExample(t, name)
		c := &cfg.Campaign
		var units []form.TemplateUnit
		groups := map[string]bool{"": true}
		for _, u := range cfg.Units {
			units = append(units, form.TemplateUnit{Code: u.Code, Name: u.Name, Group: u.Group})
			groups[u.Group] = true
		}
		var opts []form.TemplateOptions
		for g := range groups {
			opts = append(opts, form.TemplateOptions{Campaign: c, Group: g, Evaluator: "Sở Nội vụ"},
				form.TemplateOptions{Campaign: c, Group: g, Matrix: true, Units: units})
		}
		for _, o := range opts {
			x := openTemplate(t, o)
			sheet := form.SheetScore
			if o.Matrix {
				sheet = form.SheetMatrix
			}
			dvs, err := x.GetDataValidations(sheet)
			if err != nil {
				t.Fatal(err)
			}
			for _, dv := range dvs {
				for _, p := range []struct {
					s   *string
					max int
				}{{dv.PromptTitle, 32}, {dv.Prompt, 255}, {dv.ErrorTitle, 32}, {dv.Error, 225}} {
					if p.s != nil && (!utf8.ValidString(*p.s) || len(utf16.Encode([]rune(*p.s))) > p.max) {
						t.Errorf("%s %s %s: %q", name, o.Group, dv.Sqref, *p.s)
					}
				}
				if dv.Type == "list" && strings.HasPrefix(dv.Formula1, `"`) && len(utf16.Encode([]rune(dv.Formula1))) > 257 {
					t.Errorf("%s %s: list of %d characters", name, dv.Sqref, len(dv.Formula1))
				}
			}
			b, _ := form.TemplateBytes(o)
			s := readBytes(t, c, name+".xlsx", b)
			if o.Matrix {
				if !slices.Equal(codes(s.Diags), []string{"TD231"}) && !slices.Equal(codes(s.Diags), []string{"TD231", "TD234"}) {
					t.Errorf("%s %q blank matrix: %v%s", name, o.Group, codes(s.Diags), dump(s.Diags))
				}
				continue
			}
			for _, d := range s.Diags {
				if d.Code != "TD201" && d.Code != "TD218" && d.Code != "TD202" {
					t.Errorf("%s %q blank form: %s", name, o.Group, d.Line("vi"))
				}
			}
		}
	}
}
