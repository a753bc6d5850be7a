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
// (tiêu chí) or a sub-item (tiểu mục), at any depth.
type Node struct {
	Code     string  `yaml:"code"`
	Title    string  `yaml:"title"`
	Max      Points  `yaml:"max"`
	Criteria []*Node `yaml:"criteria,omitempty"`
}

// IsLeaf reports whether n has no children; scores are read on leaves.
func (n *Node) IsLeaf() bool { return len(n.Criteria) == 0 }

// Item is a bonus (điểm thưởng) or deduction (điểm trừ) row.
type Item struct {
	Code     string   `yaml:"code"`
	Title    string   `yaml:"title"`
	Max      Points   `yaml:"max"`
	Sanction Sanction `yaml:"sanction,omitempty"`
}

// Sanction is what a non-zero deduction does to the band.
type Sanction string

// The sanctions a deduction item can carry.
const (
	NoSanction Sanction = ""
	NoTop      Sanction = "no-top"   // cannot hold the highest band
	DownOne    Sanction = "down-one" // one band lower than otherwise
)

// Group is the bonus or the deduction group: items and the cap on their sum.
type Group struct {
	Cap   Points `yaml:"cap"`
	Items []Item `yaml:"items"`
}

// Band is a classification (xếp loại), highest first in the campaign.
type Band struct {
	Label           string  `yaml:"label"`
	Min             Points  `yaml:"min"`
	MinContentRatio float64 `yaml:"min_content_ratio,omitempty"`
	Quota           float64 `yaml:"quota,omitempty"`
}

// Campaign is a criteria table.
type Campaign struct {
	Code       string   `yaml:"code"`
	Name       string   `yaml:"name"`
	Scale      Points   `yaml:"scale"`
	Contents   []*Node  `yaml:"contents"`
	Bonus      Group    `yaml:"bonus"`
	Deductions Group    `yaml:"deductions"`
	Bands      []Band   `yaml:"bands"`
	TieBreak   []string `yaml:"tie_break"`
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
	Max      Points
	Kind     Kind
	Depth    int    // 0 for contents, bonus and deduction items
	Parent   string // parent code, "" at the top
	Content  string // code of the content this row belongs to ("" for bonus/deduction)
	Children []string
	Leaf     bool
	Sanction Sanction
}

// Rows returns every row of the table in form order: the contents tree
// depth-first, then bonus items, then deduction items.
func (c *Campaign) Rows() []Row {
	var out []Row
	var walk func(n *Node, depth int, parent, content string)
	walk = func(n *Node, depth int, parent, content string) {
		r := Row{Code: n.Code, Title: n.Title, Max: n.Max, Kind: KindCriterion, Depth: depth, Parent: parent, Content: content, Leaf: n.IsLeaf()}
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
			walk(ch, depth+1, n.Code, content)
		}
	}
	for _, n := range c.Contents {
		walk(n, 0, "", "")
	}
	for _, it := range c.Bonus.Items {
		out = append(out, Row{Code: it.Code, Title: it.Title, Max: it.Max, Kind: KindBonus, Leaf: true})
	}
	for _, it := range c.Deductions.Items {
		out = append(out, Row{Code: it.Code, Title: it.Title, Max: it.Max, Kind: KindDeduction, Leaf: true, Sanction: it.Sanction})
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

// MaxTotal is the highest total a unit can reach: scale plus bonus cap.
func (c *Campaign) MaxTotal() Points { return c.Scale + c.Bonus.Cap }

// Fingerprint identifies the scoring structure of the table (codes, maxima,
// caps and the tree shape; not titles, bands or tie-breaks): a form made for
// a table with another fingerprint cannot be read against this one.
func (c *Campaign) Fingerprint() string {
	var b strings.Builder
	fmt.Fprintf(&b, "campaign=%s;scale=%d\n", c.Code, c.Scale)
	for _, r := range c.Rows() {
		fmt.Fprintf(&b, "%d|%s|%s|%d|%s\n", r.Kind, r.Parent, NormCode(r.Code), r.Max, r.Sanction)
	}
	fmt.Fprintf(&b, "bonus_cap=%d;deduction_cap=%d\n", c.Bonus.Cap, c.Deductions.Cap)
	sum := sha256.Sum256([]byte(b.String()))
	return "sha256:" + hex.EncodeToString(sum[:8])
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
