package form

import (
	"errors"
	"strings"

	"github.com/thidua/thidua/pkg/campaign"
	"github.com/thidua/thidua/pkg/diag"
	"github.com/thidua/thidua/pkg/submission"
	"github.com/thidua/thidua/pkg/vntext"
)

// score reads the score cell of column col on row r. bad is true when an
// error was reported for the cell (the form is then rejected).
func (p *parser) score(g *grid, r gridRow, hd header, col Column, row campaign.Row) (sc submission.Score, bad bool) {
	c := hd.cols[col]
	if c == 0 {
		return sc, false
	}
	raw, ref := p.cellRaw(g, r, c, row)
	sc.Cell = ref
	if raw == "" {
		return sc, false
	}
	return p.points(g.name, ref, raw, hd.text[col], col == ColReview, row, sc)
}

// cellRaw returns the text of column c of row r and its reference: the
// value as stored, or for a formula without a cached value its calculated
// value ("" when it is not calculated, which is reported), cleaned.
func (p *parser) cellRaw(g *grid, r gridRow, c int, row campaign.Row) (raw, ref string) {
	ref = cellRef(c, r.n)
	raw = strings.TrimSpace(r.cell(c))
	if raw == "" {
		f := ""
		if g.formula != nil {
			f = g.formula(ref)
		}
		switch {
		case f != "":
			shown := "=" + strings.TrimPrefix(f, "=")
			switch risk := formulaRisk(ref, f, g.formula); risk {
			case "":
			case riskTooDeep, riskTooMany:
				p.add(diag.New("TD223", shown, row.Code, maxFormulaDepth, maxFormulaCells).At(g.name, ref))
				return "", ref
			default:
				p.add(diag.New("TD219", shown, row.Code).At(g.name, ref))
				return "", ref
			}
			v, err := g.calc(ref)
			if errors.Is(err, errNoCalc) {
				p.add(diag.New("TD223", shown, row.Code, maxFormulaDepth, maxFormulaCells).At(g.name, ref))
				return "", ref
			}
			if err != nil {
				p.add(diag.New("TD213", shown, row.Code, err.Error()).At(g.name, ref))
				return "", ref
			}
			raw = strings.TrimSpace(v)
		case g.fcells[ref] != "" && row.Leaf:
			// A formula that is not looked up: the sheet was not read to
			// its end, or the workbook is too large to calculate. (A
			// parent's value is only checked against its children.)
			p.add(diag.New("TD223", "="+strings.TrimPrefix(g.fcells[ref], "="), row.Code, maxFormulaDepth, maxFormulaCells).At(g.name, ref))
			return "", ref
		}
	}
	return vntext.Clean(raw), ref
}

// points reads raw, the text of a score cell (ref, of the column headed
// colText), as points: a number with at most two decimals, within the
// row's range on a leaf (0…max; down to the row's min on a figure row of
// negative points). sc holds the cell already.
func (p *parser) points(sheet, ref, raw, colText string, review bool, row campaign.Row, sc submission.Score) (submission.Score, bool) {
	sc.Raw = raw
	v, exact, err := vntext.ParseHundredths(raw)
	if err != nil {
		switch {
		case !review && isKAD(raw):
			// "Không áp dụng" where the table does not allow it.
			p.add(diag.New("TD229", row.Code, raw).At(sheet, ref))
			return sc, true
		case !row.Leaf:
			return sc, false
		}
		p.add(diag.New("TD203", colText, row.Code, raw).At(sheet, ref))
		return sc, true
	}
	if row.Kind == campaign.KindDeduction && v < 0 {
		v = -v // "-2" and "2" both mean two points off
	}
	pts := campaign.Points(v)
	if row.Leaf {
		if !exact {
			p.add(diag.New("TD214", colText, row.Code, pts.VI()).At(sheet, ref))
		}
		switch {
		case pts < min(row.Min, 0):
			code := "TD206"
			if review {
				code = "TD207"
			}
			p.add(diag.New(code, pts.VI(), row.Code).At(sheet, ref))
			return sc, true
		case pts > row.Max:
			code := "TD204"
			if review {
				code = "TD205"
			}
			p.add(diag.New(code, pts.VI(), row.Max.VI(), row.Code).At(sheet, ref))
			return sc, true
		}
	}
	sc.Points, sc.Set = pts, true
	return sc, false
}

// checkParents warns where a parent row's value differs from the sum of its
// children (docs/forms.md#scores); the scorer uses the children.
func (p *parser) checkParents(g *grid, hd header, seen map[string]int) {
	lineOf := func(code string) *submission.Line {
		if i, ok := seen[campaign.NormCode(code)]; ok {
			return &p.s.Lines[i]
		}
		return nil
	}
	// A parent above an invalid score is not checked: the error says it
	// all; nor one above a cell the sheet's own formulas cannot count as
	// the reader does (unsummed).
	var hasBad func(code string) bool
	hasBad = func(code string) bool {
		if p.bad != nil || p.unsummed != nil {
			if k := campaign.NormCode(code); p.bad[k] || p.unsummed[k] {
				return true
			}
		}
		row, _ := p.ix.Lookup(code)
		for _, ch := range row.Children {
			if hasBad(ch) {
				return true
			}
		}
		return false
	}
	var sum func(code string, review bool) campaign.Points
	sum = func(code string, review bool) campaign.Points {
		row, ok := p.ix.Lookup(code)
		if !ok {
			return 0
		}
		if row.Leaf {
			ln := lineOf(code)
			if ln == nil {
				return 0
			}
			if review {
				return ln.Review.Points
			}
			if row.Figure != nil && !ln.Self.Set && ln.Figure.Set {
				// The template's formula gives the figure's points.
				return row.Figure.Points(ln.Figure.Points, row.Max)
			}
			return ln.Self.Points
		}
		var t campaign.Points
		for _, ch := range row.Children {
			// A child counts × its weight, as the template's formula adds it.
			w := campaign.Points(100)
			if p.rules.weights {
				if cr, ok := p.ix.Lookup(ch); ok {
					w = cr.Weight
				}
			}
			t += campaign.Weighted(sum(ch, review), w)
		}
		return t
	}
	// A parent whose cell is a formula (=SUM(…)) and disagrees with its
	// children most likely sums scores typed as text, which a spreadsheet's
	// SUM counts as 0: that cause is said once per column of the form
	// (TD224), not once per row.
	type formulaMismatch struct {
		n          int
		first      submission.Score
		code       string
		want       campaign.Points
		firstFound bool
	}
	var byFormula [2]formulaMismatch
	isFormula := func(ref string) bool {
		return g.fcells[ref] != "" || g.formula != nil && g.formula(ref) != ""
	}
	for i := range p.s.Lines {
		ln := &p.s.Lines[i]
		row, ok := p.ix.Lookup(ln.Code)
		if !ok || row.Leaf || hasBad(row.Code) {
			continue
		}
		for k, review := range []bool{false, true} {
			sc, col := ln.Self, ColSelf
			if review {
				sc, col = ln.Review, ColReview
			}
			if !sc.Set {
				continue
			}
			want := sum(row.Code, review)
			switch {
			case want == sc.Points:
			case isFormula(sc.Cell):
				m := &byFormula[k]
				m.n++
				if !m.firstFound {
					m.first, m.code, m.want, m.firstFound = sc, row.Code, want, true
				}
			default:
				p.add(diag.New("TD209", hd.text[col], row.Code, sc.Points.VI(), want.VI()).At(g.name, sc.Cell))
			}
		}
	}
	for k, m := range byFormula {
		if m.n == 0 {
			continue
		}
		col := ColSelf
		if k == 1 {
			col = ColReview
		}
		p.add(diag.New("TD224", m.n, hd.text[col], m.code, m.first.Cell, m.first.Points.VI(), m.want.VI()).At(g.name, m.first.Cell))
	}
}
