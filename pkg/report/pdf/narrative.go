package pdf

import (
	"bytes"
	"path/filepath"
	"strings"
	"text/template"
	"unicode"
	"unicode/utf8"

	"github.com/thidua/thidua/pkg/campaign"
	"github.com/thidua/thidua/pkg/diag"
	"github.com/thidua/thidua/pkg/score"
	"github.com/thidua/thidua/pkg/submission"
	"github.com/thidua/thidua/pkg/vntext"
	"github.com/thidua/thidua/templates"
)

// UnitRef is a unit as the narrative template sees it.
type UnitRef struct {
	Code, Name, Group string
	Total             string // "86,25"
	Band              string
	Rank              int
}

// Rejection is a rejected form: who sent it, the file and the first error.
type Rejection struct {
	Unit, File, Reason string
}

// BandRow is one band with how many units hold it.
type BandRow struct {
	Label   string
	Count   int
	Percent string // share of scored units: "25%"
	Units   []UnitRef
}

// ContentRow is one content of the campaign with the units' mean score.
type ContentRow struct {
	Code, Title string
	Short       string // the title up to its first clause
	Max         string
	Average     string // mean score: "17,5"
	Percent     string // mean as a share of Max: "87,5%"
	ratio       [2]int64
}

// ChangeRow is a score changed by the council's review.
type ChangeRow struct {
	Unit, UnitCode, Code string
	Old, New             string
	OldSet               bool // Old was a review score (else the self-score)
}

// NarrativeData is what the narrative template (templates/bao-cao.tmpl)
// receives. Every number is already written the Vietnamese way.
type NarrativeData struct {
	Campaign, CampaignCode string
	Period, PeriodLower    string // "Quý III năm 2026", "quý III năm 2026"
	PeriodCode             string
	Longer                 bool // a half year or a year
	Parent, Agency         string
	AgencyName             string // the agency in running text: "Sở Giao thông vận tải"
	Place, Date            string // "Hà Nam", "ngày 05 tháng 01 năm 2026"
	Scale, MaxTotal        string
	Expected               int
	Scored, OnTime         int
	Late, Missing          []UnitRef
	OffRoster              []UnitRef
	Rejected               []Rejection
	Average                string
	Highest, Lowest        []UnitRef
	HighestTotal           string
	LowestTotal            string
	Bands                  []BandRow
	Contents               []ContentRow
	Strongest, Weakest     *ContentRow
	Council                []UnitRef
	Changes                []ChangeRow
}

type blockKind int

const (
	blkPara blockKind = iota
	blkHeading
	blkDash
	blkChart
)

type block struct {
	kind blockKind
	text string
}

// narrative is the executed template.
type narrative struct {
	Data    NarrativeData
	Summary string // trích yếu
	Blocks  []block
}

// funcs are the helpers offered to the narrative template.
var funcs = template.FuncMap{
	"list":  listNames,
	"names": names,
	"join":  strings.Join,
	"upper": strings.ToUpper,
	"lower": strings.ToLower,
	"add":   func(a, b int) int { return a + b },
}

// names returns the units' names.
func names(us []UnitRef) []string {
	out := make([]string, len(us))
	for i, u := range us {
		out[i] = u.Name
	}
	return out
}

// listNames joins names the Vietnamese way: "A, B và C".
func listNames(us []UnitRef) string { return joinVI(names(us)) }

func joinVI(s []string) string {
	switch len(s) {
	case 0:
		return ""
	case 1:
		return s[0]
	}
	return strings.Join(s[:len(s)-1], ", ") + " và " + s[len(s)-1]
}

// narrative builds the template data, executes the template and splits its
// output into blocks.
func (d *doc) narrative() (*narrative, error) {
	data := d.narrativeData()
	text := d.opts.NarrativeTemplate
	if strings.TrimSpace(text) == "" {
		text = templates.Narrative
	}
	t, err := template.New("bao-cao").Funcs(funcs).Parse(text)
	if err != nil {
		return nil, diag.Errorf("pdf.template", err)
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		return nil, diag.Errorf("pdf.template", err)
	}
	n := &narrative{Data: data, Blocks: parseBlocks(buf.String())}
	for i := range n.Blocks {
		n.Blocks[i].text = d.z.clean(n.Blocks[i].text)
	}
	n.Summary = "Kết quả chấm điểm thi đua"
	if data.Campaign != "" {
		n.Summary += " “" + strings.Trim(data.Campaign, "“”\"") + "”"
	}
	if data.PeriodLower != "" {
		n.Summary += " " + data.PeriodLower
	}
	if tt := t.Lookup("trich-yeu"); tt != nil {
		buf.Reset()
		if err := tt.Execute(&buf, data); err != nil {
			return nil, diag.Errorf("pdf.template", err)
		}
		if s := strings.Join(strings.Fields(buf.String()), " "); s != "" {
			n.Summary = d.z.clean(s)
		}
	}
	return n, nil
}

// parseBlocks reads the template's mini-format: blank lines separate
// paragraphs, "# " starts a heading, "- " a dash paragraph, "@chart" places
// the chart.
func parseBlocks(s string) []block {
	var out []block
	var cur *block
	flush := func() {
		if cur != nil && strings.TrimSpace(cur.text) != "" {
			cur.text = strings.Join(strings.Fields(cur.text), " ")
			out = append(out, *cur)
		}
		cur = nil
	}
	for _, line := range strings.Split(s, "\n") {
		l := strings.TrimSpace(line)
		switch {
		case l == "":
			flush()
		case l == "@chart":
			flush()
			out = append(out, block{kind: blkChart})
		case strings.HasPrefix(l, "# ") || l == "#":
			flush()
			cur = &block{kind: blkHeading, text: strings.TrimPrefix(l, "#")}
			flush()
		case strings.HasPrefix(l, "- "):
			flush()
			cur = &block{kind: blkDash, text: l}
		case cur != nil:
			cur.text += " " + l
		default:
			cur = &block{kind: blkPara, text: l}
		}
	}
	flush()
	return out
}

// narrativeData computes the figures of the narrative in integer hundredths.
func (d *doc) narrativeData() NarrativeData {
	r := d.r
	c := r.Campaign
	if c == nil {
		c = &campaign.Campaign{}
	}
	cl := d.z.clean
	nd := NarrativeData{
		Campaign:     cl(vntext.Clean(c.Name)),
		CampaignCode: cl(c.Code),
		Period:       r.Period.Label(),
		PeriodLower:  lowerFirst(r.Period.Label()),
		PeriodCode:   r.Period.Code(),
		Longer:       r.Period.Kind == vntext.Half || r.Period.Kind == vntext.Year,
		Parent:       cl(upper(vntext.Clean(d.opts.Parent))),
		Agency:       cl(upper(vntext.Clean(d.opts.Agency))),
		AgencyName:   cl(agencyName(vntext.Clean(d.opts.Agency))),
		Place:        cl(vntext.Clean(d.opts.Place)),
		Date:         vntext.DateLine(d.opts.Date),
		Scale:        c.Scale.VI(),
		MaxTotal:     c.MaxTotal().VI(),
		Expected:     r.Summary.Expected,
		Scored:       len(r.Units),
		Average:      "0",
	}
	if nd.AgencyName == "" {
		nd.AgencyName = "cơ quan"
	}
	ref := func(u *score.UnitResult) UnitRef {
		return UnitRef{Code: cl(u.Code), Name: cl(vntext.Clean(u.Name)), Group: cl(vntext.Clean(u.Group)),
			Total: u.Total.VI(), Band: cl(u.Band), Rank: u.Rank}
	}
	var sum, hi, lo campaign.Points
	for i := range r.Units {
		u := &r.Units[i]
		sum += u.Total
		if i == 0 || u.Total > hi {
			hi = u.Total
		}
		if i == 0 || u.Total < lo {
			lo = u.Total
		}
		if u.Late {
			nd.Late = append(nd.Late, ref(u))
		}
		if !u.OnRoster {
			nd.OffRoster = append(nd.OffRoster, ref(u))
		}
		for _, f := range u.Flags {
			if f == score.FlagCouncil {
				nd.Council = append(nd.Council, ref(u))
				break
			}
		}
	}
	nd.OnTime = nd.Scored - len(nd.Late)
	n := int64(len(r.Units))
	if n > 0 {
		nd.Average = campaign.Points(divRound(int64(sum), n)).VI()
		nd.HighestTotal, nd.LowestTotal = hi.VI(), lo.VI()
		for i := range r.Units {
			u := &r.Units[i]
			if u.Total == hi {
				nd.Highest = append(nd.Highest, ref(u))
			}
			if u.Total == lo {
				nd.Lowest = append(nd.Lowest, ref(u))
			}
		}
	}
	if nd.Expected == 0 {
		nd.Expected = len(r.Units) - len(nd.OffRoster) + len(r.Missing)
	}
	for _, m := range r.Missing {
		nd.Missing = append(nd.Missing, UnitRef{Code: cl(m.Code), Name: cl(vntext.Clean(m.Name)), Group: cl(vntext.Clean(m.Group))})
	}
	for _, f := range r.Files {
		if f.Status != submission.Rejected {
			continue
		}
		rej := Rejection{File: cl(filepath.Base(f.Path)), Unit: cl(d.unitName(f.Unit))}
		if rej.Unit == "" {
			rej.Unit = "đơn vị chưa xác định"
		}
		if e, ok := f.Diags.FirstError(); ok {
			rej.Reason = cl(strings.TrimRight(e.Message("vi"), ". "))
		}
		if rej.Reason == "" {
			rej.Reason = "tệp không đọc được"
		}
		nd.Rejected = append(nd.Rejected, rej)
	}

	// bands in the campaign's order, then units with no band
	counts := map[string][]UnitRef{}
	for i := range r.Units {
		counts[r.Units[i].Band] = append(counts[r.Units[i].Band], ref(&r.Units[i]))
	}
	pct := func(k int) string {
		if n == 0 {
			return "0%"
		}
		return vntext.FormatVI(divRound(int64(k)*10000, n)) + "%"
	}
	for _, b := range c.Bands {
		us := counts[b.Label]
		nd.Bands = append(nd.Bands, BandRow{Label: cl(b.Label), Count: len(us), Percent: pct(len(us)), Units: us})
		delete(counts, b.Label)
	}
	if us := counts[""]; len(us) > 0 {
		nd.Bands = append(nd.Bands, BandRow{Label: "Chưa xếp loại", Count: len(us), Percent: pct(len(us)), Units: us})
	}

	// contents: mean score and its share of the maximum
	for _, cn := range c.Contents {
		var s int64
		for i := range r.Units {
			for _, cs := range r.Units[i].Contents {
				if campaign.NormCode(cs.Code) == campaign.NormCode(cn.Code) {
					s += int64(cs.Score)
					break
				}
			}
		}
		row := ContentRow{Code: cl(cn.Code), Title: cl(vntext.Clean(cn.Title)), Short: cl(shortTitle(vntext.Clean(cn.Title))),
			Max: cn.Max.VI(), Average: "0", Percent: "0%", ratio: [2]int64{s, n * int64(cn.Max)}}
		if n > 0 && cn.Max > 0 {
			row.Average = campaign.Points(divRound(s, n)).VI()
			row.Percent = vntext.FormatVI(divRound(s*10000, n*int64(cn.Max))) + "%"
		}
		nd.Contents = append(nd.Contents, row)
	}
	if n > 0 && len(nd.Contents) > 1 {
		best, worst := 0, 0
		for i := range nd.Contents {
			if less(nd.Contents[best].ratio, nd.Contents[i].ratio) {
				best = i
			}
			if less(nd.Contents[i].ratio, nd.Contents[worst].ratio) {
				worst = i
			}
		}
		if less(nd.Contents[worst].ratio, nd.Contents[best].ratio) {
			nd.Strongest, nd.Weakest = &nd.Contents[best], &nd.Contents[worst]
		}
	}

	// the council's changes
	for _, ch := range r.Changes {
		row := ChangeRow{Unit: cl(vntext.Clean(ch.UnitName)), UnitCode: cl(ch.UnitCode), Code: cl(ch.Code), New: ch.New.VI(), OldSet: ch.OldSet}
		if row.Unit == "" {
			row.Unit = cl(d.unitName(ch.UnitCode))
		}
		if ch.OldSet {
			row.Old = ch.Old.VI()
		} else {
			row.Old = d.selfScore(ch.UnitCode, ch.Code).VI()
		}
		nd.Changes = append(nd.Changes, row)
	}
	return nd
}

// less compares two non-negative fractions a[0]/a[1] < b[0]/b[1]; a zero
// denominator counts as zero.
func less(a, b [2]int64) bool {
	if a[1] == 0 || b[1] == 0 {
		return a[1] == 0 && b[1] != 0 && b[0] > 0
	}
	return a[0]*b[1] < b[0]*a[1]
}

// divRound divides rounding half up (for non-negative numerators).
func divRound(a, b int64) int64 {
	if b == 0 {
		return 0
	}
	if a < 0 {
		return -divRound(-a, b)
	}
	return (2*a + b) / (2 * b)
}

// unitName finds a roster or scored unit's name by its code; otherwise the
// code (or name written) itself.
func (d *doc) unitName(code string) string {
	for _, u := range d.r.Units {
		if u.Code == code {
			return vntext.Clean(u.Name)
		}
	}
	for _, u := range d.r.Missing {
		if u.Code == code {
			return vntext.Clean(u.Name)
		}
	}
	return vntext.Clean(code)
}

// selfScore is a unit's self-score on a row, for changes with no earlier
// review score.
func (d *doc) selfScore(unit, code string) campaign.Points {
	for _, u := range d.r.Units {
		if u.Code != unit {
			continue
		}
		for _, rs := range u.Rows {
			if campaign.NormCode(rs.Code) == campaign.NormCode(code) {
				return rs.Self
			}
		}
	}
	return 0
}

// lowerFirst lower-cases the first letter: "Quý III năm 2026" → "quý III
// năm 2026".
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// shortTitle cuts a content title at its first clause (";" or ":") and to
// about twelve words.
func shortTitle(s string) string {
	if i := strings.IndexAny(s, ";:"); i > 0 {
		s = s[:i]
	}
	w := strings.Fields(s)
	if len(w) > 12 {
		return strings.TrimRight(strings.Join(w[:12], " "), ",") + "…"
	}
	return strings.Join(w, " ")
}

// agencyName writes an agency named in capitals the way running text does:
// "SỞ GIAO THÔNG VẬN TẢI" → "Sở Giao thông vận tải", "UBND TỈNH HÀ NAM" →
// "UBND tỉnh Hà Nam". Names not written in capitals are kept as they are.
func agencyName(s string) string {
	if s == "" || s != strings.ToUpper(s) || s == strings.ToLower(s) {
		return s
	}
	acronyms := map[string]bool{"ubnd": true, "hđnd": true, "mttq": true, "tp": true, "tp.": true, "cp": true, "ttg": true, "tw": true, "bch": true, "cđcs": true, "tnhh": true}
	// Organ types after which the next word starts with a capital, and
	// place types after which every word does (a proper name follows).
	organs := map[string]bool{"sở": true, "bộ": true, "ban": true, "phòng": true, "cục": true, "vụ": true, "viện": true,
		"trường": true, "tâm": true, "phòng,": true, "chi": false, "đoàn": true, "hội": true, "ủy": false, "đảng": false, "thanh": false}
	places := map[string]bool{"tỉnh": true, "phố": true, "huyện": true, "quận": true, "xã": true, "phường": true, "trấn": true}
	words := strings.Fields(strings.ToLower(s))
	capNext, capAll := true, false
	for i, w := range words {
		switch {
		case acronyms[w]:
			words[i] = strings.ToUpper(w)
		case capNext || capAll:
			words[i] = upperFirst(w)
		}
		capNext = organs[w] && !capAll
		if places[w] {
			capAll = true
		}
	}
	return strings.Join(words, " ")
}

func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
