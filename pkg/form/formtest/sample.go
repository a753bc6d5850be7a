package formtest

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/thidua/thidua/pkg/campaign"
	"github.com/thidua/thidua/pkg/form"
	"github.com/thidua/thidua/pkg/vntext"
)

// SampleUnit is one unit of a sample roster.
type SampleUnit struct {
	Code, Name, Group string
	Aliases           []string
}

// unitKinds are the kinds of unit a sample roster is made of, with their
// emulation group.
var unitKinds = []struct{ prefix, alias, group string }{
	{"Trường Tiểu học", "Trường TH", "Khối giáo dục"},
	{"Trường THCS", "THCS", "Khối giáo dục"},
	{"Trường Mầm non", "Trường MN", "Khối giáo dục"},
	{"Trạm Y tế xã", "TYT xã", "Khối y tế"},
	{"Ủy ban nhân dân xã", "UBND xã", "Khối xã, phường"},
	{"Ủy ban nhân dân phường", "UBND phường", "Khối xã, phường"},
	{"Phòng Văn hóa - Thông tin", "Phòng VH-TT", "Khối phòng chuyên môn"},
	{"Trung tâm Văn hóa thể thao", "TTVHTT", "Khối đơn vị sự nghiệp"},
	{"Ban Quản lý dự án", "Ban QLDA", "Khối đơn vị sự nghiệp"},
	{"Hội Nông dân xã", "HND xã", "Khối đoàn thể"},
}

// places are the place names sample units are named after.
var places = []string{
	"An Bình", "An Phú", "Bình Minh", "Bình Nghĩa", "Châu Sơn", "Đại Cương", "Đồng Du", "Đồng Hóa",
	"Hòa Hậu", "Hợp Lý", "Kim Bảng", "Lam Hạ", "Liêm Chính", "Liêm Tuyết", "Mộc Bắc", "Mỹ Thọ",
	"Nhân Chính", "Nhân Hưng", "Phù Vân", "Quang Trung", "Quế Sơn", "Tân Sơn", "Thanh Châu", "Thanh Hà",
	"Thi Sơn", "Tiên Hiệp", "Trịnh Xá", "Trần Hưng Đạo", "Tượng Lĩnh", "Văn Lý", "Vũ Bản", "Xuân Khê",
	"Yên Bắc", "Yên Nam", "Ngọc Lũ", "Bối Cầu", "Đức Lý", "Chuyên Ngoại", "Hưng Công", "Đinh Xá",
}

// SampleRoster returns a roster of n units with realistic Vietnamese
// names (each unique), codes DV0001… and emulation groups.
func SampleRoster(n int) []SampleUnit {
	out := make([]SampleUnit, n)
	per := len(unitKinds) * len(places)
	for i := range out {
		k := unitKinds[i%len(unitKinds)]
		p := places[(i/len(unitKinds))%len(places)]
		name, alias := k.prefix+" "+p, k.alias+" "+p
		if round := i / per; round > 0 {
			name += " số " + strconv.Itoa(round+1)
			alias += " số " + strconv.Itoa(round+1)
		}
		out[i] = SampleUnit{Code: fmt.Sprintf("DV%04d", i+1), Name: name, Group: k.group, Aliases: []string{alias}}
	}
	return out
}

// SampleOptions say what Sample makes.
type SampleOptions struct {
	Campaign *campaign.Campaign // required
	// N is the number of files; the roster has N units.
	N int
	// Period is the period of the forms; zero means 2026-Q3.
	Period vntext.Period
	// DeadlineDays is the configured grace after the period's end (the
	// default configuration's 5 when 0); a few forms are dated after it.
	DeadlineDays int
	// Seed makes another set of the same shape.
	Seed uint64
}

// SampleFile is one file of a sample set.
type SampleFile struct {
	Name string
	Form Form
}

// evidence and notes are what units write in the "Minh chứng" and "Ghi
// chú" columns.
var (
	evidenceText = []string{
		"Kế hoạch số %d/KH-%s ngày %d/%d/2026 triển khai thực hiện; biên bản họp quán triệt toàn thể cán bộ",
		"Báo cáo số %d/BC-%s ngày %d/%d/2026 về kết quả thực hiện; danh sách kèm theo",
		"Quyết định số %d/QĐ-%s ngày %d/%d/2026; sổ theo dõi và hình ảnh hoạt động lưu tại đơn vị",
		"Công văn số %d/CV-%s ngày %d/%d/2026 gửi cấp trên đúng hạn; phiếu chuyển văn bản",
	}
	noteText = []string{
		"Hoàn thành đúng tiến độ, không phát sinh vướng mắc",
		"Còn chậm 01 báo cáo tháng do thay đổi cán bộ phụ trách",
		"Đề nghị Hội đồng xem xét thêm minh chứng gửi kèm qua hệ thống điện tử",
		"Đã khắc phục tồn tại của kỳ trước",
	}
)

// Sample returns a realistic set of o.N filled forms for the roster
// SampleRoster(o.N), with the usual messiness in the usual proportions:
// about 85 % forms made by `thidua template` with varied scores and
// evidence on every row, 8 % hand-made layouts (title rows, renamed and
// reordered columns, merged headers, blank rows, scores typed as text with
// a decimal comma, decomposed Unicode, labels above the table), 2 % typed
// in a legacy TCVN3 or VNI font, 1 % with formulas lacking a cached value;
// across them 2 % late, 1 % rejected (a score above the row's maximum), and
// 2 % of the files are an earlier copy of another unit's form (duplicates:
// the later one wins, and as many roster units are missing). The same
// options give the same set.
func Sample(o SampleOptions) []SampleFile {
	c := o.Campaign
	per := o.Period
	if per.IsZero() {
		per, _ = vntext.ParsePeriod("2026-Q3")
	}
	dl := o.DeadlineDays
	if dl == 0 {
		dl = 5
	}
	end := per.End()
	rng := rand.New(rand.NewPCG(o.Seed, 0x7468696475610001))
	roster := SampleRoster(o.N)
	rows := c.Rows()
	out := make([]SampleFile, 0, o.N)
	for i := 0; i < o.N; i++ {
		u := roster[i]
		dup := i > 0 && i%50 == 25 // 2 %: an earlier copy of the previous unit's form
		if dup {
			u = roster[i-1]
		}
		pct := 55 + rng.IntN(46) // 55…100 %
		self := Scores{}
		ev, notes := map[string]string{}, map[string]string{}
		for _, r := range rows {
			if !r.Leaf {
				continue
			}
			switch r.Kind {
			case campaign.KindBonus:
				if rng.IntN(5) == 0 {
					self[r.Code] = Pts(campaign.Points(50 * (1 + rng.IntN(int(r.Max)/50))))
				}
				continue
			case campaign.KindDeduction:
				if rng.IntN(12) == 0 {
					self[r.Code] = Pts(100)
				}
				continue
			}
			p := int64(pct + rng.IntN(9) - 4)
			v := min(int64(r.Max)*p/100/25*25, int64(r.Max))
			self[r.Code] = Pts(campaign.Points(max(v, 0)))
			ev[r.Code] = fmt.Sprintf(evidenceText[rng.IntN(len(evidenceText))], 10+rng.IntN(300), u.Code, 1+rng.IntN(28), 7+rng.IntN(3))
			if rng.IntN(4) == 0 {
				notes[r.Code] = noteText[rng.IntN(len(noteText))]
			}
		}
		date := end.AddDate(0, 0, -3+rng.IntN(dl+3)) // before the deadline
		if i%50 == 7 {                               // 2 % late
			date = end.AddDate(0, 0, dl+2+rng.IntN(7))
		}
		if dup {
			date = end.AddDate(0, 0, -10)
		}
		f := Form{Campaign: c, Unit: u.Name, UnitCode: u.Code, Period: per.Label(),
			Preparer: "Nguyễn Thị " + places[rng.IntN(len(places))], Phone: fmt.Sprintf("0226 38%02d %03d", rng.IntN(100), rng.IntN(1000)),
			Date: date, Self: self, Evidence: ev, Notes: notes, Layout: Layout{Template: true}}
		if i%100 == 13 { // 1 % rejected
			leaf := firstLeaf(rows)
			f.Self = f.Self.With(leaf.Code, Pts(leaf.Max+100))
		}
		name := form.SafeFileName(u.Code, u.Name, "")
		switch m := i % 100; {
		case m == 3 || m == 53: // 2 % legacy fonts
			f.Layout = Layout{Font: [...]string{".VnTime", "VNI-Times"}[m/50]}
		case m == 71: // 1 % formulas without a cached value
			for code, cell := range f.Self {
				if cell.V != "" && cell.V != "0" && rng.IntN(3) == 0 {
					f.Self[code] = Calc("=" + cell.V + "+0")
				}
			}
		case m%12 == 5: // 8 % hand-made
			f.Layout = handMadeLayouts[(i/12)%len(handMadeLayouts)]
			if i%3 == 0 {
				f.Unit, f.UnitCode = u.Aliases[0], "" // matched by alias
			}
			if i%2 == 0 { // scores typed as text with a decimal comma
				for code, cell := range f.Self {
					if cell.Kind == Number {
						f.Self[code] = Text(strings.ReplaceAll(cell.V, ".", ","))
					}
				}
			}
			name = strings.ReplaceAll(fmt.Sprintf("%s bao cao thi dua %s", u.Code, per.Code()), " ", "_")
		}
		if dup {
			name += "-ban-cu"
		}
		out = append(out, SampleFile{Name: name + ".xlsx", Form: f})
	}
	return out
}

func firstLeaf(rows []campaign.Row) campaign.Row {
	for _, r := range rows {
		if r.Leaf && (r.Kind == campaign.KindContent || r.Kind == campaign.KindCriterion) {
			return r
		}
	}
	return rows[0]
}

// handMadeLayouts are the layouts of the hand-made sample forms.
var handMadeLayouts = []Layout{
	{TitleRows: 2, TrailingDots: true, Columns: []Column{ColCode, ColTitle, ColMax, ColEvidence, ColSelf, ColReview, ColNote},
		HeaderText: map[Column]string{ColCode: "STT", ColMax: "Điểm chuẩn", ColSelf: "Điểm tự chấm"}},
	{TitleRows: 1, MergedHeader: true, BlankRowsEvery: 4},
	{NoInfoSheet: true, NFD: true},
	{TitleRows: 3, ExtraSheets: []string{"Ghi chú"}, ScoreSheet: "Bảng điểm"},
}

// WriteSample writes the files of Sample(o) into dir with the given number
// of goroutines, and returns the roster the set is made for.
func WriteSample(dir string, o SampleOptions, workers int) ([]SampleUnit, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	files := Sample(o)
	workers = max(workers, 1)
	jobs := make(chan SampleFile)
	errs := make(chan error, workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range jobs {
				if err := WriteFile(filepath.Join(dir, f.Name), f.Form); err != nil {
					select {
					case errs <- fmt.Errorf("%s: %w", f.Name, err):
					default:
					}
				}
			}
		}()
	}
	for _, f := range files {
		jobs <- f
	}
	close(jobs)
	wg.Wait()
	select {
	case err := <-errs:
		return nil, err
	default:
	}
	return SampleRoster(o.N), nil
}
