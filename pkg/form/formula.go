package form

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Formulas without a cached value are calculated by the reader (a form
// saved by a program that does not calculate). A formula comes from the
// unit's file, so before it is calculated it is checked to be the kind a
// form holds: arithmetic, SUM and a few other functions over a few cells of
// the same sheet. Anything else (a link to another workbook or sheet, a
// defined name, a range of a whole column, REPT or INDIRECT) could make the
// calculation fetch, hang or fill the memory, and is not calculated; the
// cell then counts as blank with a warning (TD219, or TD223 when it leads
// through more than maxFormulaDepth formulas or maxFormulaCells cells).

// formulaFuncs are the functions a score formula may call.
var formulaFuncs = map[string]bool{
	"SUM": true, "ROUND": true, "ROUNDUP": true, "ROUNDDOWN": true, "MIN": true, "MAX": true,
	"AVERAGE": true, "IF": true, "AND": true, "OR": true, "NOT": true, "ABS": true, "INT": true,
	"COUNT": true, "COUNTA": true, "VALUE": true, "IFERROR": true, "PRODUCT": true, "TRUNC": true,
	"MROUND": true, "N": true, "TRUE": true, "FALSE": true,
}

const (
	maxFormulaLen   = 1024 // characters of one formula
	maxFormulaRange = 2000 // cells of one range
	maxFormulaCells = 5000 // cells looked at while checking one formula and the ones it refers to
	maxFormulaDepth = 32   // formulas referring to formulas
)

var (
	reFormulaString = regexp.MustCompile(`"(?:[^"]|"")*"`)
	reFormulaFunc   = regexp.MustCompile(`([A-Za-z_][A-Za-z0-9_.]*)\s*\(`)
	reFormulaRange  = regexp.MustCompile(`\$?([A-Za-z]{1,3})\$?([0-9]+)\s*:\s*\$?([A-Za-z]{1,3})\$?([0-9]+)`)
	reFormulaCell   = regexp.MustCompile(`\$?([A-Za-z]{1,3})\$?([0-9]+)`)
	reFormulaWord   = regexp.MustCompile(`[A-Za-z_\p{L}][A-Za-z0-9_.\p{L}]*`)
	reFormulaNumber = regexp.MustCompile(`[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?`)
)

// formulaRisk returns why the formula f of cell ref must not be
// calculated ("" when it may be), in English for logs and tests; formulaOf
// returns the formula of another cell of the sheet ("" when it holds a
// value).
func formulaRisk(ref, f string, formulaOf func(ref string) string) string {
	c := &formulaCheck{formulaOf: formulaOf, state: map[string]int{ref: 1}}
	return c.check(f, 0)
}

type formulaCheck struct {
	formulaOf func(ref string) string
	state     map[string]int // 1 while a cell's formula is being checked, 2 when done
	cells     int
}

// The reasons of formulaRisk for a formula that is not wrong in itself but
// leads through too many others (TD223 rather than TD219).
const (
	riskTooDeep = "formulas nested too deep"
	riskTooMany = "formula refers to too many cells"
)

func (c *formulaCheck) check(f string, depth int) string {
	if depth > maxFormulaDepth {
		return riskTooDeep
	}
	if len(f) > maxFormulaLen {
		return "formula too long"
	}
	f = reFormulaString.ReplaceAllString(strings.TrimPrefix(f, "="), `""`)
	if strings.ContainsAny(f, "[]") {
		return "link to another workbook"
	}
	if strings.ContainsAny(f, "!'") {
		return "reference to another sheet"
	}
	var risk string
	f = reFormulaFunc.ReplaceAllStringFunc(f, func(m string) string {
		name := strings.ToUpper(strings.TrimSpace(strings.TrimSuffix(m, "(")))
		if !formulaFuncs[name] && risk == "" {
			risk = "function " + name
		}
		return " ("
	})
	if risk != "" {
		return risk
	}
	var refs []string
	f = reFormulaRange.ReplaceAllStringFunc(f, func(m string) string {
		p := reFormulaRange.FindStringSubmatch(m)
		c1, r1, ok1 := cellCoords(p[1], p[2])
		c2, r2, ok2 := cellCoords(p[3], p[4])
		if !ok1 || !ok2 {
			risk = "invalid range"
			return " "
		}
		if c1 > c2 {
			c1, c2 = c2, c1
		}
		if r1 > r2 {
			r1, r2 = r2, r1
		}
		if (c2-c1+1)*(r2-r1+1) > maxFormulaRange {
			risk = "range too large"
			return " "
		}
		for col := c1; col <= c2; col++ {
			for row := r1; row <= r2; row++ {
				refs = append(refs, cellRef(col, row))
			}
		}
		return " "
	})
	if risk != "" {
		return risk
	}
	if strings.Contains(f, ":") {
		return "a whole column or row"
	}
	f = reFormulaCell.ReplaceAllStringFunc(f, func(m string) string {
		p := reFormulaCell.FindStringSubmatch(m)
		col, row, ok := cellCoords(p[1], p[2])
		if !ok {
			risk = "invalid cell " + m
			return " "
		}
		refs = append(refs, cellRef(col, row))
		return " "
	})
	if risk != "" {
		return risk
	}
	f = reFormulaNumber.ReplaceAllString(f, " ")
	if w := reFormulaWord.FindString(f); w != "" {
		return "name " + w
	}
	for _, ref := range refs {
		switch c.state[ref] {
		case 1:
			return "circular reference to " + ref
		case 2:
			continue
		}
		if c.cells++; c.cells > maxFormulaCells {
			return riskTooMany
		}
		if g := c.formulaOf(ref); g != "" {
			c.state[ref] = 1
			if r := c.check(g, depth+1); r != "" {
				return r
			}
		}
		c.state[ref] = 2
	}
	return ""
}

// cellCoords returns the 1-based column and row of a reference's parts.
func cellCoords(col, row string) (int, int, bool) {
	c, err := excelize.ColumnNameToNumber(strings.ToUpper(col))
	if err != nil {
		return 0, 0, false
	}
	r, err := strconv.Atoi(row)
	if err != nil || r < 1 || r > excelize.TotalRows {
		return 0, 0, false
	}
	return c, r, true
}
