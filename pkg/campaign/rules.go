package campaign

import (
	"math"
	"math/bits"
	"strings"

	"github.com/thidua/thidua/pkg/vntext"
)

// Rule says how a leaf (a criterion leaf, a bonus or a deduction item)
// gets its points besides "a number from 0 to max": at most one of
// Choices, Levels and Figure (docs/config.md#choices-levels-and-figures).
type Rule struct {
	// Choices are the only points the leaf may take (e.g. 6, 3, 0).
	Choices []Points `yaml:"choices,omitempty"`
	// Levels are named levels with their points, in the order written
	// (e.g. Tốt 4, Khá 3, Đạt 2, Chưa đạt 0). The form offers the names;
	// the reader accepts a name (folded) or its points.
	Levels Levels `yaml:"levels,omitempty"`
	// Figure computes the points from a figure the unit enters (a count or
	// a percentage) in the form's "Số liệu" column.
	Figure *Figure `yaml:"figure,omitempty"`
	// Evidence is "required" when a leaf claiming points must have its
	// "Minh chứng" cell filled (a warning otherwise); on a parent node it
	// holds for every leaf under it.
	Evidence string `yaml:"evidence,omitempty"`
}

// EvidenceRequired is the only value of Rule.Evidence.
const EvidenceRequired = "required"

// EvidenceRequired reports whether evidence: required is written.
func (r Rule) EvidenceRequired() bool { return strings.TrimSpace(r.Evidence) == EvidenceRequired }

// HasRule reports whether the leaf's points come from choices, levels or a
// figure.
func (r Rule) HasRule() bool { return r.Choices != nil || r.Levels != nil || r.Figure != nil }

// Level is one named level of a leaf: "Tốt" → 4 points.
type Level struct {
	Name   string
	Points Points
}

// Levels are a leaf's named levels, in the order the configuration writes
// them (a YAML mapping name: points).
type Levels []Level

// Lookup returns the points of the level named name, compared folded
// (case, diacritics and spaces ignored: "tot" is "Tốt").
func (ls Levels) Lookup(name string) (Level, bool) {
	k := vntext.Fold(name)
	if k == "" {
		return Level{}, false
	}
	for _, l := range ls {
		if vntext.Fold(l.Name) == k {
			return l, true
		}
	}
	return Level{}, false
}

// ByPoints returns the first level worth p points.
func (ls Levels) ByPoints(p Points) (Level, bool) {
	for _, l := range ls {
		if l.Points == p {
			return l, true
		}
	}
	return Level{}, false
}

// Figure turns a measured figure (≥ 0, in hundredths: 9550 is 95,5) into
// points: linear Start + Per × figure, or Steps (the points of the highest
// From not above the figure; 0 below every step). The points are rounded
// half away from zero to hundredths and kept within [Min, the leaf's max].
type Figure struct {
	Label string `yaml:"label,omitempty"` // the "Số liệu" heading on the form: "Số lần", "Tỷ lệ (%)"
	Start Points `yaml:"start,omitempty"`
	Per   Points `yaml:"per,omitempty"`
	Steps []Step `yaml:"steps,omitempty"`
	// Min is the lowest points the leaf can take (default 0); below 0 makes
	// a leaf of negative points, summed by its parent.
	Min Points `yaml:"min,omitempty"`

	Pos Pos `yaml:"-"`
}

// Step is one step of a figure: a figure from From on gives Points.
type Step struct {
	From   Points `yaml:"from"`
	Points Points `yaml:"points"`
}

// Linear reports whether the figure is linear (start/per) rather than steps.
func (f *Figure) Linear() bool { return len(f.Steps) == 0 }

// Raw returns the points figure gives before they are kept within [Min,
// max]: Start + Per × figure rounded half away from zero to hundredths, or
// the points of the highest step whose From is not above figure (0 below
// every step).
func (f *Figure) Raw(figure Points) Points {
	if !f.Linear() {
		best, found := Points(0), false
		var bestFrom Points
		for _, st := range f.Steps {
			if st.From <= figure && (!found || st.From > bestFrom) {
				best, bestFrom, found = st.Points, st.From, true
			}
		}
		return best
	}
	return satAdd(f.Start, mulDivRound(f.Per, figure, 100))
}

// Points returns the points figure gives a leaf whose max is max: Raw kept
// within [Min, max].
func (f *Figure) Points(figure, max Points) Points {
	v := f.Raw(figure)
	lo := min(f.Min, max)
	if v < lo {
		v = lo
	}
	if v > max {
		v = max
	}
	return v
}

// Bounds returns the lowest and highest raw points the figure can give
// for figures ≥ 0 (math.MinInt64/MaxInt64 standing for no bound).
func (f *Figure) Bounds() (lo, hi Points) {
	if !f.Linear() {
		lo, hi = Points(math.MaxInt64), Points(math.MinInt64)
		minFrom := Points(math.MaxInt64)
		for _, st := range f.Steps {
			lo, hi = min(lo, st.Points), max(hi, st.Points)
			minFrom = min(minFrom, st.From)
		}
		if minFrom > 0 { // a figure below every step scores 0
			lo, hi = min(lo, 0), max(hi, 0)
		}
		return lo, hi
	}
	switch {
	case f.Per > 0:
		return f.Start, Points(math.MaxInt64)
	case f.Per < 0:
		return Points(math.MinInt64), f.Start
	}
	return f.Start, f.Start
}

// mulDivRound returns a × b ÷ d rounded half away from zero, saturating
// instead of overflowing (d > 0).
func mulDivRound(a, b Points, d int64) Points {
	neg := (a < 0) != (b < 0)
	ua, ub := absU(int64(a)), absU(int64(b))
	hi, lo := bits.Mul64(ua, ub)
	if hi >= uint64(d) { // the quotient would not fit
		if neg {
			return Points(math.MinInt64 + 1)
		}
		return Points(math.MaxInt64)
	}
	q, r := bits.Div64(hi, lo, uint64(d))
	if 2*r >= uint64(d) {
		q++
	}
	if q > math.MaxInt64 {
		q = math.MaxInt64
	}
	if neg {
		return -Points(q)
	}
	return Points(q)
}

func absU(v int64) uint64 {
	if v < 0 {
		return uint64(-(v + 1)) + 1
	}
	return uint64(v)
}

func satAdd(a, b Points) Points {
	s := a + b
	if a > 0 && b > 0 && s < 0 {
		return Points(math.MaxInt64)
	}
	if a < 0 && b < 0 && s >= 0 {
		return Points(math.MinInt64 + 1)
	}
	return s
}

// MinPoints returns the lowest points n can take: its figure's Min when
// that is below 0 (for a leaf), else 0; for a parent the weighted sum of
// its children's (parents are not clamped below).
func (n *Node) MinPoints() Points {
	if n.IsLeaf() {
		if n.Figure != nil && n.Figure.Min < 0 {
			return n.Figure.Min
		}
		return 0
	}
	var s Points
	for _, ch := range n.Criteria {
		s += Weighted(ch.MinPoints(), ch.EffectiveWeight())
	}
	return s
}

// Weighted returns p counted w times (w in hundredths: 200 is 2×), rounded
// half away from zero to hundredths.
func Weighted(p, w Points) Points {
	if w == 100 || w == 0 {
		return p
	}
	return mulDivRound(p, w, 100)
}

// Evaluation says who scores a unit (docs/scoring.md#evaluators).
type Evaluation struct {
	// By is self (the default: each unit scores itself), evaluators
	// (departments or a council score each unit; forms name "Đơn vị
	// chấm") or peers (chấm chéo: roster units score each other).
	By string `yaml:"by,omitempty"`
	// ExcludeSelf (peers only; default true) drops a unit's score of
	// itself.
	ExcludeSelf *bool `yaml:"exclude_self,omitempty"`
	// Evaluators lists who is expected to send scores under by:
	// evaluators, so that those who sent nothing can be listed. Written as
	// names, or as {code, name, aliases}.
	Evaluators []Evaluator `yaml:"evaluators,omitempty"`

	Pos Pos `yaml:"-"`
}

// Evaluation modes.
const (
	EvalSelf       = "self"
	EvalEvaluators = "evaluators"
	EvalPeers      = "peers"
)

// Evaluator is an expected evaluator under by: evaluators.
type Evaluator struct {
	Code    string
	Name    string
	Aliases []string
}

// Label returns the evaluator's name, else its code.
func (e Evaluator) Label() string {
	if e.Name != "" {
		return e.Name
	}
	return e.Code
}

// EvaluatedBy returns the evaluation mode: self, evaluators or peers
// (self when not written).
func (c *Campaign) EvaluatedBy() string {
	by := strings.TrimSpace(c.Evaluation.By)
	if by == "" {
		return EvalSelf
	}
	return by
}

// ExcludeSelf reports whether a peer's score of itself is dropped (default
// true).
func (c *Campaign) ExcludeSelf() bool {
	return c.Evaluation.ExcludeSelf == nil || *c.Evaluation.ExcludeSelf
}

// FloorNone reports whether totals may go below 0 (total_floor: none).
func (c *Campaign) FloorNone() bool { return strings.TrimSpace(c.TotalFloor) == "none" }

// Kind returns the kind of period one form covers (period_kind): a
// quarter when not written or not valid.
func (c *Campaign) Kind() vntext.PeriodKind {
	if k, ok := vntext.ParsePeriodKind(strings.TrimSpace(c.PeriodKind)); ok {
		return k
	}
	return vntext.Quarter
}

// Pos is where an entry of the table was written in the configuration:
// the line of the entry and of each of its keys.
type Pos struct {
	Line int            // the entry's first line; 0 when not decoded from YAML
	keys map[string]int // line of each key written
}

// Has reports whether key was written in the entry.
func (p Pos) Has(key string) bool { _, ok := p.keys[key]; return ok }

// KeyLine returns the line of key, else the entry's line.
func (p Pos) KeyLine(key string) int {
	if l, ok := p.keys[key]; ok {
		return l
	}
	return p.Line
}
