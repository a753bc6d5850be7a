package form

import (
	"slices"
	"strings"

	"github.com/thidua/thidua/pkg/campaign"
	"github.com/thidua/thidua/pkg/diag"
	"github.com/thidua/thidua/pkg/submission"
	"github.com/thidua/thidua/pkg/vntext"
)

// The rules of a criteria table as the reader applies them
// (docs/forms.md#rules-of-the-criteria-table): a choices leaf takes one of its points, a levels
// leaf a level's name (folded) or its points, a figure leaf its figure from
// the "Số liệu" column (the points are computed by the scorer; a "Tự chấm"
// typed beside it is read and only compared), an optional node "KAD" in its
// own score cell. Anything else in such a cell rejects the form with the
// cell named. A table without rules never comes here: its forms are read
// exactly as before.

// tableRules is what the reader needs to know of a table's rules, worked
// out once per form.
type tableRules struct {
	any       bool              // the table has a rule (choices, levels, figure, optional)
	figures   bool              // some leaf has a figure
	optAnc    map[string]string // normalised code → code of its nearest optional ancestor
	evaluated bool              // evaluation.by evaluators or peers: a blank cell is "not scored by them"
	weights   bool              // some row has a weight other than 1
	groups    bool              // some row is only some groups' (applies_to)
}

// newTableRules looks at the table's rows.
func newTableRules(c *campaign.Campaign, ix *campaign.Index) tableRules {
	var t tableRules
	if c != nil {
		t.evaluated = c.EvaluatedBy() != campaign.EvalSelf
	}
	for _, r := range ix.Rows {
		if r.Choices != nil || r.Levels != nil || r.Figure != nil || r.Optional {
			t.any = true
		}
		t.figures = t.figures || r.Figure != nil
		t.weights = t.weights || r.Weight != 100 && r.Weight != 0
		t.groups = t.groups || r.AppliesTo != nil
	}
	if !t.any {
		return t
	}
	byCode := make(map[string]campaign.Row, len(ix.Rows))
	for _, r := range ix.Rows {
		byCode[campaign.NormCode(r.Code)] = r
	}
	for _, r := range ix.Rows {
		for p := r.Parent; p != ""; {
			pr, ok := byCode[campaign.NormCode(p)]
			if !ok {
				break
			}
			if pr.Optional {
				if t.optAnc == nil {
					t.optAnc = map[string]string{}
				}
				t.optAnc[campaign.NormCode(r.Code)] = pr.Code
				break
			}
			p = pr.Parent
		}
	}
	return t
}

// ruled reports whether row's cells are read under a rule.
func (t tableRules) ruled(row campaign.Row) bool {
	if !t.any {
		return false
	}
	return row.Choices != nil || row.Levels != nil || row.Figure != nil || row.Optional || t.optAnc[campaign.NormCode(row.Code)] != ""
}

// kadWords are the folded texts that mark an optional node "không áp
// dụng".
var kadWords = foldSet("KAD", "Không áp dụng", "K.A.D", "Ko áp dụng")

// isKAD reports whether a cell's text says "not applicable".
func isKAD(raw string) bool {
	if len(raw) > 40 {
		return false
	}
	return kadWords[headerKey(raw)]
}

// kadChild is a KAD written on a row under an optional node rather than in
// the node's own cell: it counts as blank, and is worth a warning unless
// the node itself is KAD.
type kadChild struct {
	code, raw, ref, anc string
}

// kadMarks collects the KAD marks of one form (or one row of a Bảng điểm
// sheet).
type kadMarks struct {
	kad      map[string]bool // normalised codes marked KAD in their own cell
	children []kadChild
}

func (k *kadMarks) mark(code string) {
	if k.kad == nil {
		k.kad = map[string]bool{}
	}
	k.kad[campaign.NormCode(code)] = true
}

// kadChildOf reports whether code's cell said KAD under an optional node.
func (k *kadMarks) kadChildOf(code string) bool {
	n := campaign.NormCode(code)
	for _, c := range k.children {
		if campaign.NormCode(c.code) == n {
			return true
		}
	}
	return false
}

// under reports whether code is, or is under, a node marked KAD.
func (k *kadMarks) under(ix *campaign.Index, code string) bool {
	if len(k.kad) == 0 {
		return false
	}
	for code != "" {
		if k.kad[campaign.NormCode(code)] {
			return true
		}
		r, ok := ix.Lookup(code)
		if !ok {
			return false
		}
		code = r.Parent
	}
	return false
}

// flush warns of the KAD marks written under an optional node that was
// not itself marked KAD (TD236).
func (k *kadMarks) flush(p *parser, sheet string) {
	for _, c := range k.children {
		if !k.under(p.ix, c.anc) {
			p.add(diag.New("TD236", c.code, c.raw, c.anc).At(sheet, c.ref))
		}
	}
}

// kad reads a KAD mark in the own score cell of row: the node leaves the
// unit's maximum when it is optional; under an optional node it counts as
// blank; elsewhere it is an error (TD229). It returns whether it was an
// error.
func (p *parser) kad(sheet, ref, raw string, row campaign.Row, ln *submission.Line, marks *kadMarks) bool {
	switch {
	case row.Optional:
		ln.KAD, ln.KADCell = true, ref
		marks.mark(row.Code)
		return false
	case p.rules.optAnc[campaign.NormCode(row.Code)] != "":
		marks.children = append(marks.children, kadChild{code: row.Code, raw: raw, ref: ref, anc: p.rules.optAnc[campaign.NormCode(row.Code)]})
		return false
	}
	p.add(diag.New("TD229", row.Code, raw).At(sheet, ref))
	return true
}

// ruledCell reads the score cell of a leaf under the rules of its row:
// a choice, a level (name or points), or plain points; self is false for
// the review column. sc holds the cell already.
func (p *parser) ruledCell(sheet, ref, raw, colText string, review bool, row campaign.Row, sc submission.Score) (submission.Score, bool) {
	switch {
	case row.Figure != nil && !review:
		return p.besideFigure(sheet, ref, raw, colText, row, sc), false
	case row.Levels == nil && row.Choices == nil:
		return p.points(sheet, ref, raw, colText, review, row, sc)
	}
	sc.Raw = raw
	v, exact, err := vntext.ParseHundredths(raw)
	if err != nil {
		if row.Levels != nil {
			if l, ok := row.Levels.Lookup(raw); ok {
				sc.Points, sc.Level, sc.Set = l.Points, l.Name, true
				if !strings.EqualFold(raw, l.Name) {
					p.markUnsummed(row.Code) // the sheet's formula knows the exact name only
				}
				return sc, false
			}
			p.add(diag.New("TD228", colText, row.Code, raw, levelList(row.Levels)).At(sheet, ref))
			return sc, true
		}
		p.add(diag.New("TD203", colText, row.Code, raw).At(sheet, ref))
		return sc, true
	}
	if row.Kind == campaign.KindDeduction && v < 0 {
		v = -v
	}
	pts := campaign.Points(v)
	if !exact {
		p.add(diag.New("TD214", colText, row.Code, pts.VI()).At(sheet, ref))
	}
	if row.Levels != nil {
		if _, ok := row.Levels.ByPoints(pts); !ok {
			p.add(diag.New("TD228", colText, row.Code, raw, levelList(row.Levels)).At(sheet, ref))
			return sc, true
		}
	} else if !slices.Contains(row.Choices, pts) {
		p.add(diag.New("TD227", colText, row.Code, pts.VI(), choiceList(row.Choices)).At(sheet, ref))
		return sc, true
	}
	sc.Points, sc.Set = pts, true
	return sc, false
}

// besideFigure reads a "Tự chấm" typed beside a figure: points that the
// scorer only compares with the figure's, so never an error; text that is
// not a number is ignored with a warning (TD230).
func (p *parser) besideFigure(sheet, ref, raw, colText string, row campaign.Row, sc submission.Score) submission.Score {
	sc.Raw = raw
	v, exact, err := vntext.ParseHundredths(raw)
	if err != nil {
		p.add(diag.New("TD230", colText, row.Code, raw).At(sheet, ref))
		p.markUnsummed(row.Code)
		return sc
	}
	if row.Kind == campaign.KindDeduction && v < 0 {
		v = -v
	}
	if !exact {
		p.add(diag.New("TD214", colText, row.Code, campaign.Points(v).VI()).At(sheet, ref))
	}
	sc.Points, sc.Set = campaign.Points(v), true
	return sc
}

// figure reads the figure cell ref (its text raw, as cellRaw gives it) of
// a figure leaf: a number ≥ 0 in hundredths. A cell formatted as a percentage holds a
// fraction, read × 100 (0,95 is 95); text may end in "%" ("95 %" is 95).
// Text that is not a number (TD225) and a negative figure (TD226) reject
// the form.
func (p *parser) figure(g *grid, ref, raw, colText string, row campaign.Row) (sc submission.Score, bad bool) {
	sc.Cell = ref
	if raw == "" {
		return sc, false
	}
	sc.Raw = raw
	text := raw
	if g.pct[ref] {
		text = times100(raw)
		p.markUnsummed(row.Code) // the sheet's formula sees the fraction
	} else if t, ok := strings.CutSuffix(strings.TrimSpace(raw), "%"); ok {
		text = t
		p.markUnsummed(row.Code)
	}
	v, exact, err := vntext.ParseHundredths(text)
	if err != nil {
		p.add(diag.New("TD225", colText, row.Code, raw).At(g.name, ref))
		return sc, true
	}
	pts := campaign.Points(v)
	if !exact {
		p.add(diag.New("TD214", colText, row.Code, pts.VI()).At(g.name, ref))
	}
	if pts < 0 {
		p.add(diag.New("TD226", pts.VI(), row.Code).At(g.name, ref))
		return sc, true
	}
	sc.Points, sc.Set = pts, true
	return sc, false
}

// times100 moves the decimal point of a plain number two places right
// ("0.955" → "95.5", "1" → "100"), so that a percentage's fraction is read
// without float arithmetic; other text is returned as it is.
func times100(s string) string {
	s = strings.TrimSpace(s)
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, frac, _ := strings.Cut(s, ".")
	if whole == "" && frac == "" || strings.Trim(whole+frac, "0123456789") != "" {
		return sign + s
	}
	for len(frac) < 2 {
		frac += "0"
	}
	whole, frac = strings.TrimLeft(whole+frac[:2], "0"), frac[2:]
	if whole == "" {
		whole = "0"
	}
	if frac != "" {
		return sign + whole + "." + frac
	}
	return sign + whole
}

// levelList lists a row's levels for messages: "Tốt (4), Khá (3)".
func levelList(ls campaign.Levels) string {
	parts := make([]string, len(ls))
	for i, l := range ls {
		parts[i] = l.Name + " (" + l.Points.VI() + ")"
	}
	return strings.Join(parts, ", ")
}

// choiceList lists a row's choices for messages: "6; 3; 0".
func choiceList(cs []campaign.Points) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = c.VI()
	}
	return strings.Join(parts, "; ")
}

// readRuled reads the score cells of a row under its rules into ln: the
// own score cell (a KAD mark, a choice, a level, points beside a figure),
// the review cell and, on a figure leaf, the figure. It returns whether an
// error was reported for the self or the review cell.
func (p *parser) readRuled(g *grid, r gridRow, hd header, row campaign.Row, ln *submission.Line, marks *kadMarks) (bad, badReview bool) {
	if c := hd.cols[ColSelf]; c > 0 {
		ref := cellRef(c, r.n)
		ln.Self.Cell = ref
		raw := ""
		// A figure row's score cell holding a formula (the template's)
		// computes the points the scorer computes: only what a unit typed
		// there is read, to be compared.
		if row.Figure == nil || !row.Leaf || g.fcells[ref] == "" {
			raw, _ = p.cellRaw(g, r, c, row)
		}
		switch {
		case raw == "":
		case isKAD(raw):
			bad = p.kad(g.name, ref, raw, row, ln, marks)
		case row.Leaf:
			ln.Self, bad = p.ruledCell(g.name, ref, raw, hd.text[ColSelf], false, row, ln.Self)
		default:
			ln.Self, bad = p.points(g.name, ref, raw, hd.text[ColSelf], false, row, ln.Self)
		}
	}
	if c := hd.cols[ColReview]; c > 0 {
		raw, ref := p.cellRaw(g, r, c, row)
		ln.Review.Cell = ref
		if raw != "" {
			if row.Leaf {
				ln.Review, badReview = p.ruledCell(g.name, ref, raw, hd.text[ColReview], true, row, ln.Review)
			} else {
				ln.Review, badReview = p.points(g.name, ref, raw, hd.text[ColReview], true, row, ln.Review)
			}
		}
	}
	if c := hd.cols[ColFigure]; c > 0 && row.Figure != nil && row.Leaf {
		var badFig bool
		raw, ref := p.cellRaw(g, r, c, row)
		ln.Figure, badFig = p.figure(g, ref, raw, hd.text[ColFigure], row)
		bad = bad || badFig
	}
	return bad, badReview
}
