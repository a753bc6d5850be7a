package form_test

import (
	"bytes"
	"github.com/thidua/thidua/pkg/form"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/thidua/thidua/pkg/campaign"
	"github.com/thidua/thidua/pkg/diag"
	ft "github.com/thidua/thidua/pkg/form/formtest"
	"github.com/thidua/thidua/pkg/vntext"
)

// goodScores is a plausible complete form: every content leaf at its max
// except a few, a bonus and a deduction.
func goodScores(c *campaign.Campaign) ft.Scores {
	return ft.Full(c).With("1.1.a", "3.5", "2.1", "7.25", "5.2", "4", "T1", "2", "D1", "1")
}

func goodForm(c *campaign.Campaign) ft.Form {
	return ft.Form{
		Campaign: c, Unit: "Văn phòng Sở", UnitCode: "VP", Period: "Quý III/2026",
		CampaignCode: c.Code, Preparer: "Nguyễn Thị Bình", Phone: "0226 3852 111", Email: "vp@example.vn",
		Date: time.Date(2026, 10, 5, 0, 0, 0, 0, time.UTC),
		Self: goodScores(c), Evidence: map[string]string{"1.2": "Kế hoạch số 12/KH-VP ngày 02/7/2026"},
	}
}

func TestReadVariants(t *testing.T) {
	c := defaultCampaign(t)
	with := func(mod func(f *ft.Form)) ft.Form {
		f := goodForm(c)
		mod(&f)
		return f
	}
	tcvn := with(func(f *ft.Form) { f.Layout.Font = ".VnTime" })
	tcvn.Evidence = map[string]string{"1.2": "Kế hoạch số 12/KH-VP"}
	tests := []struct {
		name     string
		form     ft.Form
		codes    []string // distinct diagnostic codes expected, sorted
		rejected bool
		unit     string
		self     map[string]campaign.Points // expected self-scores (-1 = unset)
		evidence string                     // of row 1.2
	}{
		{name: "template", form: with(func(f *ft.Form) { f.Layout.Template = true }),
			unit: "Văn phòng Sở", self: map[string]campaign.Points{"1.1.a": 350, "2.1": 725, "T1": 200, "D1": 100, "1.1": 750, "1": 1950},
			evidence: "Kế hoạch số 12/KH-VP ngày 02/7/2026"},
		{name: "hand-made plain", form: goodForm(c), unit: "Văn phòng Sở", self: map[string]campaign.Points{"1.1.a": 350, "2.1": 725, "1.1": -1}},
		{name: "messy layout", form: with(func(f *ft.Form) {
			f.Layout = ft.Layout{TitleRows: 3, BlankRowsEvery: 4, TrailingDots: true, MergedHeader: true, NoInfoSheet: true,
				ScoreSheet: "Bảng chấm điểm", ExtraSheets: []string{"Ghi chú"},
				Columns:    []ft.Column{ft.ColTitle, ft.ColCode, ft.ColMax, ft.ColEvidence, ft.ColReview, ft.ColSelf, ft.ColNote},
				HeaderText: map[ft.Column]string{ft.ColCode: "STT", ft.ColSelf: "Điểm tự chấm (đ)", ft.ColReview: "Khối chấm", ft.ColMax: "Điểm chuẩn", ft.ColTitle: "Tiêu chí"}}
		}), unit: "Văn phòng Sở", self: map[string]campaign.Points{"1.1.a": 350, "D1": 100}, evidence: "Kế hoạch số 12/KH-VP ngày 02/7/2026"},
		{name: "NFD text", form: with(func(f *ft.Form) { f.Layout.NFD = true }), unit: "Văn phòng Sở", self: map[string]campaign.Points{"2.1": 725},
			evidence: "Kế hoạch số 12/KH-VP ngày 02/7/2026"},
		{name: "TCVN3 font", form: tcvn, codes: []string{"TD212"}, unit: "Văn phòng Sở", self: map[string]campaign.Points{"2.1": 725}, evidence: "Kế hoạch số 12/KH-VP"},
		{name: "VNI font", form: with(func(f *ft.Form) { f.Layout.Font = "VNI-Times"; f.Layout.Template = true }), codes: []string{"TD212"}, unit: "Văn phòng Sở",
			evidence: "Kế hoạch số 12/KH-VP ngày 02/7/2026"},
		{name: "decimal comma text and float noise", form: with(func(f *ft.Form) {
			f.Self = f.Self.With("2.1", ft.Text("7,25"), "1.2", ft.Text(" 7,5 "), "5.2", "4.4000000000000004", "D2", ft.Text("-2"))
		}), unit: "Văn phòng Sở", self: map[string]campaign.Points{"2.1": 725, "1.2": 750, "5.2": 440, "D2": 200}},
		{name: "formulas without cached values", form: with(func(f *ft.Form) {
			f.Layout.Template = true
			f.Self = f.Self.With("1.2", ft.Calc("=4+3.5"), "2.2", ft.Calc("=C13"))
		}), unit: "Văn phòng Sở", self: map[string]campaign.Points{"1.2": 750, "2.2": 800, "1": 1900}},
		{name: "negative deduction", form: with(func(f *ft.Form) { f.Self = f.Self.With("D3", "-2") }), self: map[string]campaign.Points{"D3": 200}, unit: "Văn phòng Sở"},
		{name: "over max", form: with(func(f *ft.Form) { f.Self = f.Self.With("1.2", "12") }), codes: []string{"TD204"}, rejected: true, unit: "Văn phòng Sở"},
		{name: "over max in a template: no warning on its parents", form: with(func(f *ft.Form) {
			f.Layout.Template = true
			f.Self = f.Self.With("1.1.a", "9")
		}), codes: []string{"TD204"}, rejected: true, unit: "Văn phòng Sở"},
		{name: "review over max and negative self", form: with(func(f *ft.Form) {
			f.Self = f.Self.With("1.3", "-1")
			f.Review = ft.Scores{"1.2": ft.Num("9")}
		}), codes: []string{"TD205", "TD206"}, rejected: true, unit: "Văn phòng Sở"},
		{name: "not a number", form: with(func(f *ft.Form) { f.Self = f.Self.With("1.2", ft.Text("tám")) }), codes: []string{"TD203"}, rejected: true, unit: "Văn phòng Sở"},
		{name: "blank leaf", form: with(func(f *ft.Form) { delete(f.Self, "6.2") }), codes: []string{"TD202"}, unit: "Văn phòng Sở", self: map[string]campaign.Points{"6.2": -1}},
		{name: "unknown and repeated codes", form: with(func(f *ft.Form) {
			f.ExtraRows = []ft.ExtraRow{{Code: "9.9", Title: "Mục lạ", Self: ft.Num("1")}, {Code: "1.2", Title: "lặp", Self: ft.Num("1")}, {Code: "Cộng", Title: "tổng"}}
		}), codes: []string{"TD208", "TD215"}, unit: "Văn phòng Sở", self: map[string]campaign.Points{"1.2": 800}},
		{name: "parent disagrees", form: with(func(f *ft.Form) { f.ParentSelf = ft.Scores{"1.1": ft.Num("8"), "2": ft.Num("19.25")} }),
			codes: []string{"TD209"}, unit: "Văn phòng Sở", self: map[string]campaign.Points{"1.1": 800}},
		{name: "scores typed as text under SUM rows: the cause said once", form: with(func(f *ft.Form) {
			f.Layout.Template = true
			f.Self = f.Self.With("1.2", ft.Text("7,5"), "2.1", ft.Text("6,5"), "3.1", ft.Text("5,25"), "4.1", ft.Text("4,5"), "5.1", ft.Text("9,5"))
		}), codes: []string{"TD224"}, unit: "Văn phòng Sở", self: map[string]campaign.Points{"1.2": 750, "2.1": 650}},
		{name: "missing rows", form: with(func(f *ft.Form) { f.OmitRows = []string{"6.2", "T2"} }), codes: []string{"TD216"}, unit: "Văn phòng Sở"},
		{name: "no unit", form: with(func(f *ft.Form) { f.Unit = "" }), codes: []string{"TD201"}, rejected: true},
		{name: "bad period and date, other campaign", form: with(func(f *ft.Form) {
			f.Period, f.Date, f.DateText, f.CampaignCode = "Quý 5/2026", time.Time{}, "31/02/2026", "khac-2020"
		}), codes: []string{"TD111", "TD210", "TD211"}, unit: "Văn phòng Sở"},
		{name: "campaign written by its name, folded", form: with(func(f *ft.Form) {
			f.CampaignCode = "ca nuoc doan ket, chung suc, dong long thi dua phong, chong va chien thang dai dich covid-19"
		}), unit: "Văn phòng Sở"},
		{name: "date as text", form: with(func(f *ft.Form) { f.Date, f.DateText = time.Time{}, "05/10/2026" }), unit: "Văn phòng Sở"},
		{name: "other criteria table", form: with(func(f *ft.Form) { f.Layout.Template = true; f.FingerprintValue = "sha256:0000000000000000" }),
			codes: []string{"TD110"}, rejected: true, unit: "Văn phòng Sở"},
		{name: "rounded", form: with(func(f *ft.Form) { f.Self = f.Self.With("1.2", "7.555") }), codes: []string{"TD214"}, unit: "Văn phòng Sở", self: map[string]campaign.Points{"1.2": 756}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := ft.Bytes(tt.form)
			if err != nil {
				t.Fatal(err)
			}
			s := readBytes(t, c, "f.xlsx", b)
			want := tt.codes
			if want == nil {
				want = []string{}
			}
			if got := codes(s.Diags); !reflect.DeepEqual(got, want) {
				t.Errorf("codes = %v, want %v%s", got, want, dump(s.Diags))
			}
			if s.Rejected() != tt.rejected {
				t.Errorf("rejected = %v, want %v", s.Rejected(), tt.rejected)
			}
			if s.Unit != tt.unit {
				t.Errorf("unit = %q, want %q", s.Unit, tt.unit)
			}
			for code, want := range tt.self {
				if got := selfOf(s, code); got != want {
					t.Errorf("self %s = %d, want %d", code, got, want)
				}
			}
			if tt.evidence != "" {
				if ln, _ := s.Line("1.2"); ln == nil || ln.Evidence != tt.evidence {
					t.Errorf("evidence = %+v, want %q", ln, tt.evidence)
				}
			}
			for _, d := range s.Diags {
				if d.File != "f.xlsx" {
					t.Errorf("diagnostic without file: %+v", d)
				}
				if d.Severity == diag.Error && d.Code >= "TD2" && d.Cell == "" && d.Code != "TD201" {
					t.Errorf("cell error without a cell: %s", d.Line("vi"))
				}
			}
		})
	}
}

func TestReadInfo(t *testing.T) {
	c := defaultCampaign(t)
	b, err := ft.Bytes(goodForm(c))
	if err != nil {
		t.Fatal(err)
	}
	s := readBytes(t, c, "vp.xlsx", b)
	if s.UnitCode != "VP" || s.Preparer != "Nguyễn Thị Bình" || s.Email != "vp@example.vn" || s.Campaign != c.Code {
		t.Errorf("info = %+v", s)
	}
	if s.Period != (vntext.Period{Year: 2026, Kind: vntext.Quarter, N: 3}) || s.PeriodText != "Quý III/2026" {
		t.Errorf("period = %+v %q", s.Period, s.PeriodText)
	}
	if !s.Date.Equal(time.Date(2026, 10, 5, 0, 0, 0, 0, time.UTC)) || s.DateCell != "B9" || s.PeriodCell != "B4" || s.InfoSheet != form.SheetInfo {
		t.Errorf("date = %v at %q", s.Date, s.DateCell)
	}
	if s.Sheet != form.SheetScore || s.Size == 0 || len(s.SHA256) != 64 {
		t.Errorf("sheet %q size %d sha %q", s.Sheet, s.Size, s.SHA256)
	}
	ln, _ := s.Line("1.1.a")
	if ln.Self.Cell != "D4" || ln.Row != 4 || ln.Title == "" {
		t.Errorf("line 1.1.a = %+v", ln)
	}
}

func TestScoreSheetMissing(t *testing.T) {
	c := defaultCampaign(t)
	build := func(mod func(x *excelize.File)) []byte {
		x := excelize.NewFile()
		defer x.Close()
		x.SetSheetName("Sheet1", "Thông tin")
		x.SetCellStr("Thông tin", "A1", "Đơn vị")
		x.SetCellStr("Thông tin", "B1", "Văn phòng Sở")
		mod(x)
		var buf bytes.Buffer
		if _, err := x.WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"no scoring sheet", build(func(x *excelize.File) {}), "TD107"},
		{"no header row", build(func(x *excelize.File) {
			x.NewSheet("Chấm điểm")
			x.SetCellStr("Chấm điểm", "A1", "Mã")
			x.SetCellStr("Chấm điểm", "B1", "Nội dung")
		}), "TD108"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := readBytes(t, c, "x.xlsx", tt.data)
			if got := codes(s.Diags); !reflect.DeepEqual(got, []string{tt.want}) || !s.Rejected() {
				t.Errorf("codes = %v, want [%s]%s", got, tt.want, dump(s.Diags))
			}
		})
	}
}

func TestLegacyNoteNamesCell(t *testing.T) {
	c := defaultCampaign(t)
	f := goodForm(c)
	f.Layout.Font = ".VnTimeH"
	f.Unit = "VĂN PHÒNG SỞ"
	b, err := ft.Bytes(f)
	if err != nil {
		t.Fatal(err)
	}
	s := readBytes(t, c, "h.xlsx", b)
	if s.Unit != "VĂN PHÒNG SỞ" {
		t.Errorf("unit = %q", s.Unit)
	}
	found := false
	for _, d := range s.Diags {
		if d.Code == "TD212" && d.Sheet == form.SheetInfo && d.Cell == "B2" {
			found = true
			if !strings.Contains(d.Message("vi"), ".VnTimeH") {
				t.Errorf("note does not name the font: %s", d.Line("vi"))
			}
		}
	}
	if !found {
		t.Errorf("no TD212 note on Thông tin!B2:%s", dump(s.Diags))
	}
}
