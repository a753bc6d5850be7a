package campaign

import (
	"fmt"
	"math"
	"strings"

	"github.com/thidua/thidua/pkg/diag"
	"github.com/thidua/thidua/pkg/vntext"
)

// CheckOptions are what the checks need besides the table.
type CheckOptions struct {
	// Groups are the roster's groups (units: group); with Roster set, an
	// applies_to naming another group is an error (TD025).
	Groups []string
	// Roster says Groups is the roster's list (possibly empty); without it
	// applies_to is not checked against the roster.
	Roster bool
}

// Check reports the inconsistencies of the table without a roster: see
// CheckWith.
func (c *Campaign) Check() diag.List { return c.CheckWith(CheckOptions{}) }

// CheckWith reports the inconsistencies of the table (docs/config.md#checks):
// repeated or malformed codes, weighted children's maxima that do not add
// up to their parent, contents that do not add up to the scale, bands out
// of order, tie-break keys that name no content, unknown sanctions or a
// max-band naming no band, bonus or deduction items that exceed their cap
// or a cap of 0 with items, and the rules of rows: weights, choices and
// levels within 0…max, figures (linear or ordered steps, points within
// their bounds, a leaf of points ≤ 0 with max 0), applies_to groups on the
// roster, period_kind, evaluation and total_floor. Each diagnostic carries
// the line the entry was written on (LineNo) when the table was decoded
// from YAML. The result is empty for a consistent table.
func (c *Campaign) CheckWith(o CheckOptions) diag.List {
	k := &checker{c: c, o: o, roster: map[string]bool{}, counts: map[string]int{}, lines: map[string]int{}}
	for _, g := range o.Groups {
		if f := vntext.Fold(g); f != "" {
			k.roster[f] = true
		}
	}
	k.tree()
	k.groups()
	for _, code := range k.order {
		if n := k.counts[NormCode(code)]; n > 1 {
			k.add(k.lines[NormCode(code)], "TD001", code, n)
		}
	}
	k.bands()
	k.keys()
	return k.out
}

// checker gathers the findings of CheckWith.
type checker struct {
	c      *Campaign
	o      CheckOptions
	out    diag.List
	roster map[string]bool // the roster's groups, folded
	counts map[string]int  // how often each code was seen
	lines  map[string]int  // the line of a code's second appearance
	order  []string        // codes in order of first appearance
}

func (k *checker) add(line int, code string, args ...any) {
	k.out = append(k.out, diag.New(code, args...).AtLine(line))
}

// seen counts a code.
func (k *checker) seen(code string, line int) {
	n := NormCode(code)
	if k.counts[n] == 0 {
		k.order = append(k.order, code)
	} else if k.lines[n] == 0 {
		k.lines[n] = line
	}
	k.counts[n]++
}

// tree checks the contents: codes, maxima and their weighted sums, weights,
// applies_to and the rows' rules; then that the contents add up to the
// scale.
func (k *checker) tree() {
	c := k.c
	if len(c.Contents) == 0 {
		k.add(c.Pos.KeyLine("contents"), "TD013")
	}
	var walk func(n *Node, groups []string)
	walk = func(n *Node, groups []string) {
		line := n.Pos.Line
		k.seen(n.Code, line)
		if !validCode(n.Code) {
			k.add(line, "TD012", n.Code)
		}
		if n.Max < 0 || n.Max == 0 && n.MinPoints() >= 0 {
			k.add(n.Pos.KeyLine("max"), "TD007", n.Code)
		}
		if len(n.Criteria) > 0 {
			var sum Points
			for _, ch := range n.Criteria {
				sum += Weighted(ch.Max, ch.EffectiveWeight())
			}
			if sum != n.Max {
				k.add(n.Pos.KeyLine("max"), "TD002", n.Code, sum.VI(), n.Max.VI())
			}
		}
		if n.Weight < 0 || n.Weight == 0 && n.Pos.Has("weight") {
			k.add(n.Pos.KeyLine("weight"), "TD015", n.Code, n.Weight.VI())
		}
		for _, g := range n.AppliesTo {
			if strings.TrimSpace(g) == "" || k.o.Roster && !k.roster[vntext.Fold(g)] {
				k.add(n.Pos.KeyLine("applies_to"), "TD025", n.Code, g)
			}
		}
		groups = intersectGroups(groups, n.AppliesTo)
		if groups != nil && len(groups) == 0 && len(n.AppliesTo) > 0 {
			k.add(n.Pos.KeyLine("applies_to"), "TD034", n.Code)
		}
		c.checkRule(&k.out, n.Code, n.Max, n.Rule, n.Pos, !n.IsLeaf(), false)
		for _, ch := range n.Criteria {
			walk(ch, groups)
		}
	}
	var total Points
	for _, n := range c.Contents {
		walk(n, nil)
		total += Weighted(n.Max, n.EffectiveWeight())
	}
	if len(c.Contents) > 0 && total != c.Scale {
		k.add(c.Pos.KeyLine("scale"), "TD003", total.VI(), c.Scale.VI())
	}
}

// groups checks the bonus and deduction items (codes, maxima, sanctions,
// rules) and the caps.
func (k *checker) groups() {
	c := k.c
	groups := []struct {
		g      *Group
		key    string
		prefix string
	}{{&c.Bonus, "group.bonus", "T"}, {&c.Deductions, "group.deduction", "D"}}
	for _, gr := range groups {
		var sum Points
		for _, it := range gr.g.Items {
			line := it.Pos.Line
			k.seen(it.Code, line)
			if !validCode(it.Code) {
				k.add(line, "TD012", it.Code)
			} else if !strings.HasPrefix(strings.ToUpper(it.Code), gr.prefix) {
				k.add(line, "TD014", diag.T("vi", gr.key), it.Code, gr.prefix)
			}
			if it.Max <= 0 {
				k.add(it.Pos.KeyLine("max"), "TD007", it.Code)
			}
			if !it.Sanction.Valid() {
				k.add(it.Pos.KeyLine("sanction"), "TD006", string(it.Sanction), it.Code)
			} else if label, ok := it.Sanction.MaxBand(); ok && c.bandIndex(label) < 0 {
				k.add(it.Pos.KeyLine("sanction"), "TD026", string(it.Sanction), it.Code, label)
			}
			c.checkRule(&k.out, it.Code, it.Max, it.Rule, it.Pos, false, true)
			sum += it.Max
		}
		switch {
		case gr.g.Cap < 0, gr.g.Cap == 0 && gr.g.CapSet && len(gr.g.Items) > 0:
			k.add(gr.g.Pos.KeyLine("cap"), "TD027", diag.T("vi", gr.key), gr.g.Cap.VI())
		case gr.g.Cap > 0 && sum > gr.g.Cap:
			k.add(gr.g.Pos.KeyLine("cap"), "TD010", diag.T("vi", gr.key), sum.VI(), gr.g.Cap.VI())
		}
	}
}

// bands checks the bands' order and ratios, and the tie-break keys.
func (k *checker) bands() {
	c := k.c
	for i, b := range c.Bands {
		if i > 0 && b.Min >= c.Bands[i-1].Min {
			k.add(b.Pos.Line, "TD004", b.Label, b.Min.VI(), c.Bands[i-1].Label, c.Bands[i-1].Min.VI())
		}
		if b.MinContentRatio < 0 || b.MinContentRatio > 1 {
			k.add(b.Pos.KeyLine("min_content_ratio"), "TD009", b.Label, "min_content_ratio", fmt.Sprint(b.MinContentRatio))
		}
		if b.Quota < 0 || b.Quota > 1 {
			k.add(b.Pos.KeyLine("quota"), "TD009", b.Label, "quota", fmt.Sprint(b.Quota))
		}
	}
	if n := len(c.Bands); n > 0 && c.Bands[n-1].Min > 0 {
		k.add(c.Bands[n-1].Pos.Line, "TD011", c.Bands[n-1].Label, c.Bands[n-1].Min.VI())
	}
	for _, key := range c.TieBreak {
		if !c.validTieBreak(key) {
			k.add(c.Pos.KeyLine("tie_break"), "TD005", key)
		}
	}
}

// keys checks period_kind, total_floor and evaluation.
func (k *checker) keys() {
	c := k.c
	if pk := strings.TrimSpace(c.PeriodKind); pk != "" {
		if _, ok := vntext.ParsePeriodKind(pk); !ok {
			k.add(c.Pos.KeyLine("period_kind"), "TD028", c.PeriodKind)
		}
	}
	if tf := strings.TrimSpace(c.TotalFloor); tf != "" && tf != "0" && tf != "none" {
		k.add(c.Pos.KeyLine("total_floor"), "TD030", c.TotalFloor)
	}
	ev := c.Evaluation
	switch by := c.EvaluatedBy(); by {
	case EvalSelf, EvalEvaluators, EvalPeers:
		if ev.ExcludeSelf != nil && by != EvalPeers {
			k.add(ev.Pos.KeyLine("exclude_self"), "TD033", "evaluation.exclude_self", EvalPeers)
		}
		if len(ev.Evaluators) > 0 && by != EvalEvaluators {
			k.add(ev.Pos.KeyLine("evaluators"), "TD033", "evaluation.evaluators", EvalEvaluators)
		}
	default:
		k.add(ev.Pos.KeyLine("by"), "TD029", ev.By)
	}
	seenEval := map[string]bool{}
	for _, e := range ev.Evaluators {
		f := vntext.Fold(e.Label())
		if f == "" || seenEval[f] {
			k.add(ev.Pos.KeyLine("evaluators"), "TD031", "evaluation.evaluators", "evaluation", e.Label())
		}
		seenEval[f] = true
	}
}

// checkRule checks the choices, levels, figure and evidence of one row
// (code, max). parent: the row has children (no rule allowed); item: a
// bonus or deduction item (points never below 0).
func (c *Campaign) checkRule(out *diag.List, code string, max Points, r Rule, pos Pos, parent, item bool) {
	add := func(line int, dc string, args ...any) {
		*out = append(*out, diag.New(dc, args...).AtLine(line))
	}
	var keys []string
	if r.Choices != nil {
		keys = append(keys, "choices")
	}
	if r.Levels != nil {
		keys = append(keys, "levels")
	}
	if r.Figure != nil {
		keys = append(keys, "figure")
	}
	if e := strings.TrimSpace(r.Evidence); e != "" && e != EvidenceRequired {
		add(pos.KeyLine("evidence"), "TD032", code, r.Evidence)
	}
	if len(keys) == 0 {
		return
	}
	if parent {
		add(pos.KeyLine(keys[0]), "TD018", code, strings.Join(keys, ", "))
		return
	}
	if len(keys) > 1 {
		add(pos.KeyLine(keys[1]), "TD019", code, strings.Join(keys, ", "))
		return
	}
	// Choices and levels: typed points, within 0…max.
	values := func(key string, vs []Points, names []string) {
		line := pos.KeyLine(key)
		hi := Points(math.MinInt64)
		dup := map[string]bool{}
		for i, v := range vs {
			if v < 0 || v > max {
				add(line, "TD016", v.VI(), key, code, max.VI())
			}
			hi = max2(hi, v)
			k := v.String()
			if names != nil {
				k = vntext.Fold(names[i])
			}
			if k == "" || dup[k] {
				shown := v.VI()
				if names != nil {
					shown = names[i]
				}
				add(line, "TD031", key, code, shown)
			}
			dup[k] = true
		}
		if len(vs) > 0 && hi >= 0 && hi < max {
			add(line, "TD017", key, code, hi.VI(), max.VI())
		}
	}
	switch {
	case r.Choices != nil:
		values("choices", r.Choices, nil)
	case r.Levels != nil:
		vs, names := make([]Points, len(r.Levels)), make([]string, len(r.Levels))
		for i, l := range r.Levels {
			vs[i], names[i] = l.Points, l.Name
		}
		values("levels", vs, names)
	case r.Figure != nil:
		c.checkFigure(out, code, max, r.Figure, pos, item)
	}
}

// checkFigure checks a figure: linear or steps (not both), steps ordered
// and within [min, max], min sane, and a leaf of points ≤ 0 with max 0.
func (c *Campaign) checkFigure(out *diag.List, code string, mx Points, f *Figure, pos Pos, item bool) {
	add := func(line int, dc string, args ...any) {
		*out = append(*out, diag.New(dc, args...).AtLine(line))
	}
	line := pos.KeyLine("figure")
	fp := f.Pos
	linear := f.Per != 0 || f.Start != 0 || fp.Has("per") || fp.Has("start")
	if linear == (len(f.Steps) > 0) {
		add(line, "TD020", code)
		return
	}
	if f.Min > 0 || f.Min > mx || item && f.Min != 0 {
		add(fp.KeyLine("min"), "TD023", code, f.Min.VI())
		return
	}
	if !linear {
		asc, desc := true, true
		for i, st := range f.Steps {
			if st.From < 0 {
				asc, desc = false, false
			}
			if i > 0 {
				prev := f.Steps[i-1].From
				asc = asc && st.From > prev
				desc = desc && st.From < prev
			}
		}
		if !asc && !desc {
			add(fp.KeyLine("steps"), "TD021", code)
		}
		for _, st := range f.Steps {
			if st.Points < f.Min || st.Points > mx {
				add(fp.KeyLine("steps"), "TD022", st.From.VI(), code, st.Points.VI(), f.Min.VI(), mx.VI())
			}
		}
	}
	if _, hi := f.Bounds(); hi <= 0 && mx > 0 {
		add(pos.KeyLine("max"), "TD024", code, mx.VI())
	}
}

func max2(a, b Points) Points {
	if a > b {
		return a
	}
	return b
}

// bandIndex returns the index of the band labelled label (compared
// folded), or -1.
func (c *Campaign) bandIndex(label string) int {
	k := vntext.Fold(label)
	for i, b := range c.Bands {
		if vntext.Fold(b.Label) == k {
			return i
		}
	}
	return -1
}

// BandIndex returns the index of the band labelled label (compared folded:
// case and diacritics ignored), or -1 when there is none.
func (c *Campaign) BandIndex(label string) int { return c.bandIndex(label) }

// validTieBreak reports whether k is bonus, deduction, base or
// content:<code of a content>.
func (c *Campaign) validTieBreak(k string) bool {
	switch k {
	case "bonus", "deduction", "base":
		return true
	}
	if code, ok := strings.CutPrefix(k, "content:"); ok {
		return c.Content(code) != nil
	}
	return false
}

func validCode(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '.' || r == '_' || r == '-') {
			return false
		}
	}
	return true
}
