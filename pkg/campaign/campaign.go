// Package campaign holds the criteria table of an emulation campaign: the
// tree of contents, criteria and sub-items with their maxima, the capped
// bonus and deduction groups with their sanctions, the bands, the tie-break
// keys, a fingerprint that ties a form to its table, and the consistency
// checks of `thidua campaign check`. It does no I/O beyond decoding.
package campaign

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/thidua/thidua/pkg/vntext"
)

// Points is a score in hundredths of a point; 850 is 8.5 points. All
// arithmetic on scores is done on Points, never on floats.
type Points int64

// String formats p with a decimal point, as JSON and codes do: "8.5".
func (p Points) String() string { return vntext.FormatHundredths(int64(p), '.') }

// VI formats p with a decimal comma: "8,5".
func (p Points) VI() string { return vntext.FormatVI(int64(p)) }

// Float returns p as a float for output only (JSON numbers, spreadsheet cells).
func (p Points) Float() float64 { return float64(p) / 100 }

// ParsePoints reads "8,5", "8.5" or a number into Points.
func ParsePoints(s string) (Points, error) {
	v, exact, err := vntext.ParseHundredths(s)
	if err != nil {
		return 0, fmt.Errorf("%q is not a number", s)
	}
	if !exact {
		return 0, fmt.Errorf("%q has more than two decimals", s)
	}
	return Points(v), nil
}

// UnmarshalYAML lets a maximum be written 8, 8.5 or "8,5" in the config.
func (p *Points) UnmarshalYAML(n *yaml.Node) error {
	v, err := ParsePoints(n.Value)
	if err != nil || n.Kind != yaml.ScalarNode {
		return fmt.Errorf("dòng %d: %q không phải là số điểm (tối đa 2 chữ số thập phân) / line %d: not a score", n.Line, n.Value, n.Line)
	}
	*p = v
	return nil
}

// MarshalYAML writes p as a plain number.
func (p Points) MarshalYAML() (any, error) {
	if p%100 == 0 {
		return int64(p / 100), nil
	}
	return p.Float(), nil
}

// Node is one row of the criteria tree: a content (nội dung), a criterion
// (tiêu chí) or a sub-item (tiểu mục), at any depth. Every key besides
// code, title, max and criteria is optional (docs/config.md#contents).
type Node struct {
	Code     string  `yaml:"code"`
	Title    string  `yaml:"title"`
	Max      Points  `yaml:"max"`
	Criteria []*Node `yaml:"criteria,omitempty"`

	// Rule says how a leaf's points are given: choices, levels or a
	// figure, and whether evidence is required.
	Rule `yaml:",inline"`
	// Weight is how many times the node's score and max count in its
	// parent (or in the scale, for a content), in hundredths: 200 is 2×.
	// 0 means not written: 1×.
	Weight Points `yaml:"weight,omitempty"`
	// AppliesTo lists the roster groups whose units have this node (and
	// everything under it); empty: every unit.
	AppliesTo []string `yaml:"applies_to,omitempty"`
	// Optional lets a unit write "KAD" (không áp dụng) in the node's own
	// score cell: the node then leaves the unit's maximum.
	Optional bool `yaml:"optional,omitempty"`

	Pos Pos `yaml:"-"` // where the node was written; zero when not decoded from YAML
}

// IsLeaf reports whether n has no children; scores are read on leaves.
func (n *Node) IsLeaf() bool { return len(n.Criteria) == 0 }

// EffectiveWeight returns the node's weight in hundredths: Weight, or 100
// (1×) when none is written.
func (n *Node) EffectiveWeight() Points {
	if n.Weight == 0 {
		return 100
	}
	return n.Weight
}

// Item is a bonus (điểm thưởng) or deduction (điểm trừ) row. Its points
// may come from choices, levels or a figure like a leaf's.
type Item struct {
	Code     string   `yaml:"code"`
	Title    string   `yaml:"title"`
	Max      Points   `yaml:"max"`
	Sanction Sanction `yaml:"sanction,omitempty"`
	Rule     `yaml:",inline"`

	Pos Pos `yaml:"-"`
}

// Sanction is what a non-zero deduction does to the band.
type Sanction string

// The sanctions a deduction item can carry; several apply in this order:
// no-top, down-one, max-band, exclude (docs/scoring.md#sanctions).
const (
	NoSanction Sanction = ""
	NoTop      Sanction = "no-top"   // cannot hold the highest band
	DownOne    Sanction = "down-one" // one band lower than otherwise
	Exclude    Sanction = "exclude"  // not classified ("không xét"); the unit keeps its rank
	// MaxBandPrefix starts "max-band:<label>": at best the band <label>.
	MaxBandPrefix = "max-band:"
)

// MaxBand returns the band label of a "max-band:<label>" sanction.
func (s Sanction) MaxBand() (string, bool) {
	l, ok := strings.CutPrefix(string(s), MaxBandPrefix)
	return strings.TrimSpace(l), ok
}

// Valid reports whether s is one of the sanctions (a max-band sanction
// with any label; whether the band exists is checked by Check).
func (s Sanction) Valid() bool {
	switch s {
	case NoSanction, NoTop, DownOne, Exclude:
		return true
	}
	l, ok := s.MaxBand()
	return ok && l != ""
}

// Group is the bonus or the deduction group: items and the cap on their sum.
type Group struct {
	// Cap limits the sum of the items. 0 (or not written) means no cap
	// beyond the items' own maxima: see EffectiveCap.
	Cap   Points `yaml:"cap"`
	Items []Item `yaml:"items"`
	// CapSet says the configuration wrote a cap key (set by decoding), so
	// that "cap: 0" with items can be reported (docs/config.md#bonus-and-deductions).
	CapSet bool `yaml:"-"`

	Pos Pos `yaml:"-"`
}

// EffectiveCap is the most the group adds up to: Cap when above 0, else
// the sum of the items' maxima.
func (g Group) EffectiveCap() Points {
	if g.Cap > 0 {
		return g.Cap
	}
	var s Points
	for _, it := range g.Items {
		s += it.Max
	}
	return s
}

// Band is a classification (xếp loại), highest first in the campaign.
type Band struct {
	Label           string  `yaml:"label"`
	Min             Points  `yaml:"min"`
	MinContentRatio float64 `yaml:"min_content_ratio,omitempty"`
	Quota           float64 `yaml:"quota,omitempty"`

	Pos Pos `yaml:"-"`
}

// Campaign is a criteria table.
type Campaign struct {
	Code       string   `yaml:"code"`
	Name       string   `yaml:"name"`
	Scale      Points   `yaml:"scale"`
	Contents   []*Node  `yaml:"contents"`
	Bonus      Group    `yaml:"bonus"`
	Deductions Group    `yaml:"deductions"`
	Bands      []Band   `yaml:"bands"` // empty: rank only, no classification
	TieBreak   []string `yaml:"tie_break"`

	// Normalize: a unit's base is raw × scale ÷ its applicable maximum
	// (docs/scoring.md#totals).
	Normalize bool `yaml:"normalize,omitempty"`
	// TotalFloor is "" or "0" (totals are clamped at 0) or "none" (totals
	// may go below 0).
	TotalFloor string `yaml:"total_floor,omitempty"`
	// Evaluation says who scores a unit: the unit itself, evaluators or
	// peers (docs/scoring.md#evaluators).
	Evaluation Evaluation `yaml:"evaluation,omitempty"`
	// PeriodKind is what one form covers: quarter (when empty), month,
	// semester, school-year, half or year.
	PeriodKind string `yaml:"period_kind,omitempty"`

	Pos Pos `yaml:"-"`
}

// Kind says which part of the table a row belongs to.
type Kind int

// Row kinds.
const (
	KindContent   Kind = iota + 1 // top level of the tree
	KindCriterion                 // any row below a content
	KindBonus
	KindDeduction
)

// Row is a flattened row of the table, in form order.
type Row struct {
	Code     string
	Title    string
	Max      Points // the row's own max (not weighted)
	Kind     Kind
	Depth    int    // 0 for contents, bonus and deduction items
	Parent   string // parent code, "" at the top
	Content  string // code of the content this row belongs to ("" for bonus/deduction)
	Children []string
	Leaf     bool
	Sanction Sanction

	// The rules of the row (docs/config.md#contents); zero values for a
	// table that uses none.
	Weight    Points   // how many times the row counts in its parent, in hundredths (100 = 1×)
	Choices   []Points // the only points the leaf may take; nil = any
	Levels    Levels   // named levels; nil = none
	Figure    *Figure  // points computed from a figure; nil = none
	AppliesTo []string // the groups whose units have the row: its own applies_to within its ancestors'; nil = every unit
	Optional  bool     // the row (its own score cell) may be marked KAD
	Evidence  bool     // evidence required on the row (or on an ancestor)
	Min       Points   // the lowest points the row can take: below 0 only under a figure whose min is below 0
	Line      int      // the line the row was written on in the configuration; 0 when unknown
}

// AppliesToGroup reports whether a unit of the given roster group has the
// row. A unit without a group has every row.
func (r Row) AppliesToGroup(group string) bool {
	if r.AppliesTo == nil || strings.TrimSpace(group) == "" {
		return true
	}
	g := vntext.Fold(group)
	for _, a := range r.AppliesTo {
		if vntext.Fold(a) == g {
			return true
		}
	}
	return false
}

// Rows returns every row of the table in form order: the contents tree
// depth-first, then bonus items, then deduction items.
func (c *Campaign) Rows() []Row {
	var out []Row
	var walk func(n *Node, depth int, parent, content string, groups []string, evidence bool)
	walk = func(n *Node, depth int, parent, content string, groups []string, evidence bool) {
		groups = intersectGroups(groups, n.AppliesTo)
		evidence = evidence || n.EvidenceRequired()
		r := Row{Code: n.Code, Title: n.Title, Max: n.Max, Kind: KindCriterion, Depth: depth, Parent: parent, Content: content, Leaf: n.IsLeaf(),
			Weight: n.EffectiveWeight(), AppliesTo: groups, Optional: n.Optional, Evidence: evidence, Line: n.Pos.Line}
		if r.Leaf {
			r.Choices, r.Levels, r.Figure = n.Choices, n.Levels, n.Figure
		}
		r.Min = n.MinPoints()
		if depth == 0 {
			r.Kind = KindContent
			r.Content = n.Code
			content = n.Code
		}
		for _, ch := range n.Criteria {
			r.Children = append(r.Children, ch.Code)
		}
		out = append(out, r)
		for _, ch := range n.Criteria {
			walk(ch, depth+1, n.Code, content, groups, evidence)
		}
	}
	for _, n := range c.Contents {
		walk(n, 0, "", "", nil, false)
	}
	item := func(it Item, k Kind) Row {
		return Row{Code: it.Code, Title: it.Title, Max: it.Max, Kind: k, Leaf: true, Sanction: it.Sanction,
			Weight: 100, Choices: it.Choices, Levels: it.Levels, Figure: it.Figure, Evidence: it.EvidenceRequired(), Line: it.Pos.Line}
	}
	for _, it := range c.Bonus.Items {
		out = append(out, item(it, KindBonus))
	}
	for _, it := range c.Deductions.Items {
		out = append(out, item(it, KindDeduction))
	}
	return out
}

// intersectGroups returns the groups of both lists (folded comparison),
// in the order of b; nil stands for every group.
func intersectGroups(a, b []string) []string {
	if len(b) == 0 {
		return a
	}
	if a == nil {
		return append([]string{}, b...)
	}
	in := map[string]bool{}
	for _, g := range a {
		in[vntext.Fold(g)] = true
	}
	out := []string{}
	for _, g := range b {
		if in[vntext.Fold(g)] {
			out = append(out, g)
		}
	}
	return out
}

// NormCode normalises a row code for lookup: trimmed, trailing dot dropped,
// upper case letters for T/D prefixes, lower case sub-item letters kept.
func NormCode(s string) string {
	s = strings.TrimSpace(vntext.NFC(s))
	s = strings.TrimRight(s, ". ")
	s = strings.Join(strings.Fields(s), "")
	return strings.ToLower(s)
}

// Index maps normalised codes to rows.
type Index struct {
	Rows   []Row
	byCode map[string]int
}

// NewIndex builds the lookup index of c.
func (c *Campaign) NewIndex() *Index {
	ix := &Index{Rows: c.Rows(), byCode: map[string]int{}}
	for i, r := range ix.Rows {
		k := NormCode(r.Code)
		if _, dup := ix.byCode[k]; !dup {
			ix.byCode[k] = i
		}
	}
	return ix
}

// Lookup returns the row with the given code (trailing dots, case and
// spaces ignored).
func (ix *Index) Lookup(code string) (Row, bool) {
	i, ok := ix.byCode[NormCode(code)]
	if !ok {
		return Row{}, false
	}
	return ix.Rows[i], true
}

// MaxTotal is the highest total a unit can reach: scale plus the bonus
// group's effective cap.
func (c *Campaign) MaxTotal() Points { return c.Scale + c.Bonus.EffectiveCap() }

// Fingerprint identifies the scoring structure of the table (codes, maxima,
// caps, sanctions and the tree shape, and the rules that change how a form
// is filled or scored: weights, choices, levels, figures, applies_to,
// optional, normalize, total_floor and evaluation; not titles, bands,
// tie-breaks, evidence or period_kind): a form made for a table with
// another fingerprint cannot be read against this one. A rule adds to the
// fingerprint only when it is written, so a table without them keeps the
// fingerprint it always had.
func (c *Campaign) Fingerprint() string {
	var b strings.Builder
	fmt.Fprintf(&b, "campaign=%s;scale=%d\n", c.Code, c.Scale)
	for _, r := range c.Rows() {
		fmt.Fprintf(&b, "%d|%s|%s|%d|%s", r.Kind, r.Parent, NormCode(r.Code), r.Max, r.Sanction)
		b.WriteString(r.fingerprintRules())
		b.WriteByte('\n')
	}
	fmt.Fprintf(&b, "bonus_cap=%d;deduction_cap=%d\n", c.Bonus.Cap, c.Deductions.Cap)
	if c.Normalize {
		b.WriteString("normalize\n")
	}
	if c.FloorNone() {
		b.WriteString("total_floor=none\n")
	}
	if by := c.EvaluatedBy(); by != EvalSelf {
		fmt.Fprintf(&b, "evaluation=%s;exclude_self=%t\n", by, c.ExcludeSelf())
	}
	sum := sha256.Sum256([]byte(b.String()))
	return "sha256:" + hex.EncodeToString(sum[:8])
}

// fingerprintRules is the part of a row's fingerprint line its rules add:
// "" when it has none.
func (r Row) fingerprintRules() string {
	var b strings.Builder
	if r.Weight != 100 && r.Weight != 0 {
		fmt.Fprintf(&b, "|w=%d", r.Weight)
	}
	if r.Choices != nil {
		b.WriteString("|choices=")
		for i, v := range r.Choices {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, "%d", v)
		}
	}
	if r.Levels != nil {
		b.WriteString("|levels=")
		for i, l := range r.Levels {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, "%s:%d", vntext.Fold(l.Name), l.Points)
		}
	}
	if f := r.Figure; f != nil {
		fmt.Fprintf(&b, "|figure=%d,%d,%d", f.Start, f.Per, f.Min)
		for _, st := range f.Steps {
			fmt.Fprintf(&b, ";%d>%d", st.From, st.Points)
		}
	}
	if r.AppliesTo != nil {
		gs := make([]string, len(r.AppliesTo))
		for i, g := range r.AppliesTo {
			gs[i] = vntext.Fold(g)
		}
		sort.Strings(gs)
		b.WriteString("|applies_to=" + strings.Join(gs, ","))
	}
	if r.Optional {
		b.WriteString("|optional")
	}
	return b.String()
}

// Content returns the top-level content with the given code.
func (c *Campaign) Content(code string) *Node {
	for _, n := range c.Contents {
		if NormCode(n.Code) == NormCode(code) {
			return n
		}
	}
	return nil
}
