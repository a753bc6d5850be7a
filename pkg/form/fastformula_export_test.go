package form

import (
	"bytes"
	"context"
	"fmt"

	"github.com/xuri/excelize/v2"
)

// CompareFastFormulas reads the workbook in data as Read does and, for
// every cell with a formula and no cached value on every sheet, compares
// the formula and the value of the fast path (fastformula.go) with
// excelize's own. It returns how many values the fast path computed itself,
// how many it left to excelize, and every difference.
func CompareFastFormulas(data []byte) (fast, slow int, diffs []string, err error) {
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{RawCellValue: true})
	if err != nil {
		return 0, 0, nil, err
	}
	defer f.Close()
	b, err := openXLSXBytes(data)
	if err != nil {
		return 0, 0, nil, err
	}
	defer b.close()
	type result struct{ formula, value string }
	type cellAt struct{ sheet, ref string }
	got := map[cellAt]result{}
	var order []cellAt
	for _, name := range b.sheetNames() {
		g, err := b.load(name, nil)
		if err != nil {
			return 0, 0, nil, err
		}
		xml := b.parts.bytesOf(b.sheet(name).path)
		sc := scanSheet(xml)
		if xml == nil || sc == nil || !sc.agrees(g) {
			return 0, 0, nil, fmt.Errorf("sheet %s: the byte scan did not apply", name)
		}
		for ref, c := range sc.cells {
			col, row, _ := excelize.CellNameToCoordinates(ref)
			if !c.hasF || (&sumEval{g: g, scan: sc}).grid(col, row) != "" {
				continue
			}
			if _, ok := (&sumEval{g: g, scan: sc}).cell(ref, 0); ok {
				fast++
			} else {
				slow++
			}
			v, err := g.calc(ref)
			if err != nil {
				v = "error: " + err.Error()
			}
			at := cellAt{name, ref}
			got[at] = result{g.formula(ref), v}
			order = append(order, at)
		}
	}
	for _, at := range order {
		wantF, _ := f.GetCellFormula(at.sheet, at.ref)
		wantV, err := f.CalcCellValue(at.sheet, at.ref, excelize.Options{RawCellValue: true})
		if err != nil {
			wantV = "error: " + err.Error()
		}
		if g := got[at]; g.formula != wantF || g.value != wantV {
			diffs = append(diffs, fmt.Sprintf("%s!%s: fast %q = %q, excelize %q = %q", at.sheet, at.ref, g.formula, g.value, wantF, wantV))
		}
	}
	return fast, slow, diffs, nil
}

// ScanSheetOK reports whether the byte scan accepts a worksheet's XML.
func ScanSheetOK(xml []byte) bool { return scanSheet(xml) != nil }

// openXLSXBytes opens a workbook held in memory as Read does.
func openXLSXBytes(data []byte) (*xlsxBook, error) {
	parts := newPartStore()
	if _, d := sniff(data, DefaultUnzipSizeLimit, parts); d != nil {
		return nil, fmt.Errorf("%s", d.Message("en"))
	}
	return openXLSX(context.Background(), parts, newReadBudget(), ReadOptions{})
}
