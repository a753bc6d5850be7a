package score

import (
	"github.com/thidua/thidua/pkg/campaign"
	"github.com/thidua/thidua/pkg/diag"
	"github.com/thidua/thidua/pkg/vntext"
)

// validateReview checks the council's overrides (docs/scoring.md#council-review) against the
// scored units and the criteria table and returns the valid ones keyed by
// unit code key, then normalised row code. Overrides for a unit that has no
// scored form in the period (TD402), a code the table does not have
// (TD403) or a parent row (TD404) are warnings and are ignored; a value
// outside min…max (0…max unless a figure allows negative points; a
// corrected figure below 0, or a figure for a row without one) is an error
// (TD405) and is ignored; the same unit and row
// given twice keeps the last value (TD406). Deduction values may be written
// negative ("-2" = 2 points off). An override made for another period than
// the one scored (a quarter of a roll-up) is left to that period.
func validateReview(t *table, ovs []ReviewOverride, unitCodes []string, period vntext.Period) (map[string]map[string]ReviewOverride, diag.List) {
	units := map[string]string{} // code key → code as scored
	for _, c := range unitCodes {
		units[codeKey(c)] = c
	}
	out := map[string]map[string]ReviewOverride{}
	var ds diag.List
	for _, o := range ovs {
		if !o.Period.IsZero() && !period.IsZero() && o.Period != period {
			continue // a review of another period of a roll-up
		}
		sheet, cell := splitCell(o.Cell)
		pos := func(d diag.Diagnostic) diag.Diagnostic { return d.In(o.File).At(sheet, cell) }
		uk := codeKey(o.UnitCode)
		code, ok := units[uk]
		if !ok || uk == "" {
			ds = append(ds, pos(diag.New("TD402", o.UnitCode)))
			continue
		}
		ri, ok := t.row(o.Code)
		if !ok {
			ds = append(ds, pos(diag.New("TD403", o.Code)))
			continue
		}
		r := t.rows[ri]
		if !r.Leaf {
			ds = append(ds, pos(diag.New("TD404", r.Code)))
			continue
		}
		v := o.Points
		if r.Kind == campaign.KindDeduction && v < 0 && !o.Figure {
			v = -v
		}
		switch {
		case o.Figure && (r.Figure == nil || v < 0):
			ds = append(ds, pos(diag.New("TD405", o.Points.VI(), code, r.Code, r.Max.VI())))
			continue
		case !o.Figure && (v < min(r.Min, 0) || v > r.Max):
			ds = append(ds, pos(diag.New("TD405", o.Points.VI(), code, r.Code, r.Max.VI())))
			continue
		}
		o.Points = v
		o.UnitCode = code
		rk := campaign.NormCode(r.Code)
		m := out[uk]
		if m == nil {
			m = map[string]ReviewOverride{}
			out[uk] = m
		}
		if prev, dup := m[rk]; dup && prev.Points != v {
			ds = append(ds, pos(diag.New("TD406", code, r.Code, v.VI())))
		}
		m[rk] = o
	}
	return out, ds
}

// reviewNote is the note that lists one review change (TD401).
func reviewNote(ch ReviewChange, ov map[string]map[string]ReviewOverride) diag.Diagnostic {
	old := "—"
	if ch.OldSet {
		old = ch.Old.VI()
	}
	d := diag.New("TD401", ch.UnitCode, ch.Code, old, ch.New.VI(), reasonText(ch.Reason))
	if o, ok := ov[codeKey(ch.UnitCode)][campaign.NormCode(ch.Code)]; ok {
		sheet, cell := splitCell(o.Cell)
		d = d.In(o.File).At(sheet, cell)
	}
	return d
}

// reasonText is the council's reason as TD401 quotes it: ": lý do" or "".
func reasonText(reason string) string {
	if reason == "" {
		return ""
	}
	return " — " + reason
}
