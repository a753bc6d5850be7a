package report

import (
	"bytes"
	"fmt"
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
	Average     string   // mean score over the units it applies to: "17,5"
	Percent     string   // the scores' share of the maxima that apply: "87,5%"
	Units       int      // how many scored units it applies to (not applicable, KAD: left out)
	ratio       [2]int64 // the mean's share of Max as a fraction, for ranking
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
	RejectedShown          []Rejection // the first MaxListed of Rejected, for the official report
	RejectedMore           int         // how many of Rejected RejectedShown leaves out (see the workbook)
	Average                string
	Highest, Lowest        []UnitRef
	HighestTotal           string
	LowestTotal            string
	Bands                  []BandRow // empty when the table ranks only (bands: [])
	Contents               []ContentRow
	Strongest, Weakest     *ContentRow
	Council                []UnitRef
	Changes                []ChangeRow
	ChangesShown           []ChangeRow // the first MaxListed of Changes
	ChangesMore            int         // how many of Changes ChangesShown leaves out

	// Excluded are the units an exclude sanction left unclassified
	// ("không xét"); Capped those a max-band sanction held below their
	// band ("giới hạn xếp loại").
	Excluded, Capped []UnitRef
	// Evaluators is how many evaluators' forms counted (evaluation.by
	// evaluators or peers; 0 under self-evaluation); ExpectedEvaluators
	// how many were expected; MissingEvaluators names the expected ones
	// that sent nothing that counted.
	Evaluators         int
	ExpectedEvaluators int
	MissingEvaluators  []string
}

// Bounds of what the official report shows of lists that grow with the
// inputs (a folder of 50,000 broken files, a council changing every row):
// the report says how many and points to the workbook, which keeps them
// all. A unit name longer than MaxNameRunes is cut with "…" in the report.
const (
	MaxListed    = 15
	MaxNameRunes = 150
)

// shortText cuts s to at most n runes, marking the cut with "…".
func shortText(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	rs := []rune(s)
	return strings.TrimSpace(string(rs[:n-1])) + "…"
}

// NarrativeOf computes the figures of the narrative of r in integer
// hundredths and writes them the Vietnamese way: the counts (expected,
// scored, on time, late, missing, off the roster, rejected), the average,
// the highest and lowest units, the bands with their shares, each
// content's mean and its share of the maximum (with the strongest and the
// weakest content), the units for the council and the council's changes.
// The letterhead fields come from m; m.Date should be set.
//
// clean, when not nil, is applied to every text taken from r or m before
// it goes in (a PDF replaces the characters its font cannot draw), always
// in the same order, so that what it reports comes in the same order.
func NarrativeOf(r *score.Result, m Meta, clean func(string) string) NarrativeData {
	if r == nil {
		r = &score.Result{}
	}
	cl := clean
	if cl == nil {
		cl = func(s string) string { return s }
	}
	c := r.Campaign
	if c == nil {
		c = &campaign.Campaign{}
	}
	nd := NarrativeData{
		Campaign:     cl(vntext.Clean(c.Name)),
		CampaignCode: cl(c.Code),
		Period:       r.Period.Label(),
		PeriodLower:  lowerFirst(r.Period.Label()),
		PeriodCode:   r.Period.Code(),
		Longer:       r.Period.Kind == vntext.Half || r.Period.Kind == vntext.Year,
		Parent:       cl(strings.ToUpper(vntext.Clean(m.Org.Parent))),
		Agency:       cl(strings.ToUpper(vntext.Clean(m.Org.Name))),
		AgencyName:   cl(AgencyName(vntext.Clean(m.Org.Name))),
		Place:        cl(vntext.Clean(m.Org.Place)),
		Date:         vntext.DateLine(m.Date),
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
		return UnitRef{Code: cl(shortText(u.Code, MaxNameRunes)), Name: cl(shortText(vntext.Clean(u.Name), MaxNameRunes)), Group: cl(shortText(vntext.Clean(u.Group), MaxNameRunes)),
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
		excluded := u.Excluded
		for _, f := range u.Flags {
			switch f {
			case score.FlagCouncil:
				nd.Council = append(nd.Council, ref(u))
			case score.FlagExcluded:
				excluded = true
			case score.FlagMaxBand:
				nd.Capped = append(nd.Capped, ref(u))
			}
		}
		if excluded {
			nd.Excluded = append(nd.Excluded, ref(u))
		}
	}
	for _, e := range r.Evaluators {
		if e.Expected {
			nd.ExpectedEvaluators++
		}
		switch {
		case e.Missing:
			nd.MissingEvaluators = append(nd.MissingEvaluators, cl(shortText(vntext.Clean(e.Label()), MaxNameRunes)))
		case e.Units > 0 || len(e.Files) > 0:
			nd.Evaluators++
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
		rej := Rejection{File: cl(shortText(filepath.Base(f.Path), MaxNameRunes)), Unit: cl(shortText(unitName(r, f.Unit), MaxNameRunes))}
		if rej.Unit == "" {
			rej.Unit = "đơn vị chưa xác định"
		}
		if e, ok := f.Diags.FirstError(); ok {
			rej.Reason = cl(shortText(strings.TrimRight(e.Message("vi"), ". "), 2*MaxNameRunes))
		}
		if rej.Reason == "" {
			rej.Reason = "tệp không đọc được"
		}
		nd.Rejected = append(nd.Rejected, rej)
	}
	nd.RejectedShown, nd.RejectedMore = firstN(nd.Rejected, MaxListed)

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
	if us := counts[""]; len(us) > 0 && HasBands(r) { // rank only: no bands at all
		nd.Bands = append(nd.Bands, BandRow{Label: "Chưa xếp loại", Count: len(us), Percent: pct(len(us)), Units: us})
	}

	// contents: mean score over the units each applies to, and its share
	// of the maxima that apply (docs/scoring.md)
	for _, cn := range c.Contents {
		var s, most, k int64
		for i := range r.Units {
			for _, cs := range r.Units[i].Contents {
				if campaign.NormCode(cs.Code) != campaign.NormCode(cn.Code) {
					continue
				}
				if cs.NotApplicable || cs.KAD {
					break
				}
				m := cn.Max
				if cs.MaxApplicable > 0 {
					m = cs.MaxApplicable
				}
				s, most, k = s+int64(cs.Score), most+int64(m), k+1
				break
			}
		}
		row := ContentRow{Code: cl(cn.Code), Title: cl(vntext.Clean(cn.Title)), Short: cl(shortTitle(vntext.Clean(cn.Title))),
			Max: cn.Max.VI(), Average: "0", Percent: "0%", Units: int(k), ratio: [2]int64{s, most}}
		if k > 0 && most > 0 {
			row.Average = campaign.Points(divRound(s, k)).VI()
			row.Percent = vntext.FormatVI(divRound(s*10000, most)) + "%"
		}
		nd.Contents = append(nd.Contents, row)
	}
	if n > 0 && len(nd.Contents) > 1 {
		best, worst := 0, 0
		for i := range nd.Contents {
			if nd.Contents[i].ratio[1] == 0 {
				continue // applies to no unit: neither the strongest nor the weakest
			}
			if nd.Contents[best].ratio[1] == 0 {
				best, worst = i, i
			}
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
		row := ChangeRow{Unit: cl(shortText(vntext.Clean(ch.UnitName), MaxNameRunes)), UnitCode: cl(ch.UnitCode), Code: cl(ch.Code), New: ch.New.VI(),
			OldSet: ch.OldSet && !ch.OldSelf, Old: ch.Old.VI()}
		if row.Unit == "" {
			row.Unit = cl(unitName(r, ch.UnitCode))
		}
		if !ch.OldSet {
			row.Old = selfScore(r, ch.UnitCode, ch.Code).VI()
		}
		nd.Changes = append(nd.Changes, row)
	}
	nd.ChangesShown, nd.ChangesMore = firstN(nd.Changes, MaxListed)
	return nd
}

// firstN returns the first n of xs and how many it leaves out.
func firstN[T any](xs []T, n int) ([]T, int) {
	if len(xs) <= n {
		return xs, 0
	}
	return xs[:n], len(xs) - n
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
func unitName(r *score.Result, code string) string {
	for _, u := range r.Units {
		if u.Code == code {
			return vntext.Clean(u.Name)
		}
	}
	for _, u := range r.Missing {
		if u.Code == code {
			return vntext.Clean(u.Name)
		}
	}
	return vntext.Clean(code)
}

// selfScore is a unit's self-score on a row, for changes with no earlier
// review score.
func selfScore(r *score.Result, unit, code string) campaign.Points {
	for _, u := range r.Units {
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

// shortTitle cuts a content title at its first clause (";" or ":" outside
// brackets) and to about twelve words, never inside brackets: a cut that
// would leave a bracket open goes before it ("Công tác (theo Chỉ thị: 15)
// …", not "Công tác (theo Chỉ thị").
func shortTitle(s string) string {
	depth, end := 0, -1
	for i, r := range s {
		switch r {
		case '(', '[':
			depth++
		case ')', ']':
			depth = max(0, depth-1)
		case ';', ':':
			if depth == 0 && i > 0 {
				end = i
			}
		}
		if end >= 0 {
			break
		}
	}
	if end >= 0 {
		s = s[:end]
	}
	w := strings.Fields(s)
	if len(w) <= 12 {
		return strings.Join(w, " ")
	}
	cut := strings.Join(w[:12], " ")
	if open := unclosed(cut); open >= 0 {
		cut = cut[:open]
	}
	return strings.TrimRight(cut, " ,;:-–") + "…"
}

// unclosed returns the index of the first bracket of s left open, or -1.
func unclosed(s string) int {
	var open []int
	for i, r := range s {
		switch r {
		case '(', '[':
			open = append(open, i)
		case ')', ']':
			if len(open) > 0 {
				open = open[:len(open)-1]
			}
		}
	}
	if len(open) == 0 {
		return -1
	}
	return open[0]
}

// BlockKind is the kind of a block of the executed narrative.
type BlockKind int

// The kinds of blocks of the narrative's mini-format.
const (
	Paragraph BlockKind = iota // a body paragraph; blank lines separate them
	Heading                    // a line starting with "# "
	Dash                       // a paragraph starting with "- "
	Chart                      // a line "@chart": where the chart goes
)

// Block is one block of the executed narrative; Text has its white space
// collapsed (a heading's without the "#").
type Block struct {
	Kind BlockKind
	Text string
}

// Narrative is the narrative template executed over its data: the summary
// line under "BÁO CÁO" (trích yếu) and the body's blocks.
type Narrative struct {
	Data    NarrativeData
	Summary string
	Blocks  []Block
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

// listNames joins names the Vietnamese way: "A, B và C"; past MaxListed
// names it says how many more there are ("A, B, … và 35 đơn vị khác").
func listNames(us []UnitRef) string {
	shown, more := firstN(us, MaxListed)
	if more > 0 {
		return strings.Join(names(shown), ", ") + fmt.Sprintf(" và %d đơn vị khác", more)
	}
	return joinVI(names(us))
}

func joinVI(s []string) string {
	switch len(s) {
	case 0:
		return ""
	case 1:
		return s[0]
	}
	return strings.Join(s[:len(s)-1], ", ") + " và " + s[len(s)-1]
}

// ExecuteNarrative executes the narrative template text ("" or blank: the
// embedded templates.Narrative) over data and splits its output into
// blocks. The summary line is the template's "trich-yeu" when it defines
// one, else "Kết quả chấm điểm thi đua “<campaign>” <period>". A template
// that does not parse or fails gives a *diag.Err.
func ExecuteNarrative(text string, data NarrativeData) (*Narrative, error) {
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
	n := &Narrative{Data: data, Blocks: parseBlocks(buf.String())}
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
			n.Summary = s
		}
	}
	return n, nil
}

// parseBlocks reads the template's mini-format: blank lines separate
// paragraphs, "# " starts a heading, "- " a dash paragraph, "@chart" places
// the chart.
func parseBlocks(s string) []Block {
	var out []Block
	var cur *Block
	flush := func() {
		if cur != nil && strings.TrimSpace(cur.Text) != "" {
			cur.Text = strings.Join(strings.Fields(cur.Text), " ")
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
			out = append(out, Block{Kind: Chart})
		case strings.HasPrefix(l, "# ") || l == "#":
			flush()
			cur = &Block{Kind: Heading, Text: strings.TrimPrefix(l, "#")}
			flush()
		case strings.HasPrefix(l, "- "):
			flush()
			cur = &Block{Kind: Dash, Text: l}
		case cur != nil:
			cur.Text += " " + l
		default:
			cur = &Block{Kind: Paragraph, Text: l}
		}
	}
	flush()
	return out
}

// LastText returns the index of the narrative's last paragraph or dash
// item — the closing text a document keeps on the page of the signature —
// or -1 when it has none.
func (n *Narrative) LastText() int {
	last := -1
	for i, b := range n.Blocks {
		if b.Kind == Dash || b.Kind == Paragraph {
			last = i
		}
	}
	return last
}
