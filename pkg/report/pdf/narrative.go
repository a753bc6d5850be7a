package pdf

import "github.com/thidua/thidua/pkg/report"

// narrative computes the narrative's figures and executes its template
// (report.NarrativeOf and report.ExecuteNarrative), every text made safe
// for the embedded fonts: the data before it goes into the template, the
// blocks and the summary line after.
func (d *doc) narrative() (*report.Narrative, error) {
	data := report.NarrativeOf(d.r, d.m, d.z.clean)
	n, err := report.ExecuteNarrative(d.m.Narrative, data)
	if err != nil {
		return nil, err
	}
	for i := range n.Blocks {
		n.Blocks[i].Text = d.z.clean(n.Blocks[i].Text)
	}
	n.Summary = d.z.clean(n.Summary)
	return n, nil
}
