package cli

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/thidua/thidua/pkg/campaign"
	"github.com/thidua/thidua/pkg/diag"
	"github.com/thidua/thidua/pkg/report/jsonout"
	"github.com/thidua/thidua/pkg/score"
	"github.com/thidua/thidua/pkg/submission"
	"github.com/thidua/thidua/pkg/vntext"
)

// splitJSONPaths separates earlier JSON results (*.json files named on the
// command line) from the form paths.
func splitJSONPaths(paths []string) (forms, results []string) {
	for _, p := range paths {
		if st, err := os.Stat(p); err == nil && !st.IsDir() && strings.EqualFold(filepath.Ext(p), ".json") {
			results = append(results, p)
			continue
		}
		forms = append(forms, p)
	}
	return forms, results
}

// scoreLongPeriod scores a half year or a year (docs/scoring.md#longer-periods): the forms are
// grouped by the quarter they report on and scored quarter by quarter, the
// earlier JSON results are taken as they are, and the quarters are rolled
// up. A form for a quarter outside the period, or with no readable period,
// is rejected (it cannot be placed in a quarter).
func scoreLongPeriod(period vntext.Period, inputs []submission.Input, results []*score.Result, jsonInputs []score.FileResult, opts score.Options) *score.Result {
	byQ := map[vntext.Period][]submission.Input{}
	var outside []submission.Input
	for _, in := range inputs {
		s := in.Submission
		switch {
		case s == nil || s.Rejected():
			outside = append(outside, in)
		case s.Period.Kind == vntext.Quarter && period.Contains(s.Period):
			byQ[s.Period] = append(byQ[s.Period], in)
		default:
			d := diag.New("TD321", firstNonEmpty(s.PeriodText, "—"), period.Label()).At(firstNonEmpty(s.InfoSheet, "Thông tin"), s.PeriodCell)
			s.Diags = append(s.Diags, d)
			outside = append(outside, in)
		}
	}
	quarters := append([]*score.Result(nil), results...)
	qs := period.Quarters()
	for i, q := range qs {
		ins := byQ[q]
		if i == 0 {
			ins = append(ins, outside...) // skipped and rejected files are still accounted for
		}
		if len(ins) == 0 {
			continue
		}
		o := opts
		o.Period = q
		quarters = append(quarters, score.Run(ins, o))
	}
	res := score.Rollup(period, quarters, opts)
	res.Files = append(res.Files, jsonInputs...)
	sort.SliceStable(res.Files, func(i, j int) bool { return res.Files[i].Path < res.Files[j].Path })
	res.CountFiles()
	return res
}

// readResult reads an earlier thidua.report/v1 JSON result back as a
// quarter's result for a roll-up.
func readResult(path string, c *campaign.Campaign) (*score.Result, score.FileResult, error) {
	fr := score.FileResult{Path: path, Status: submission.Rejected}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fr, err
	}
	sum := sha256.Sum256(data)
	fr.SHA256 = hex.EncodeToString(sum[:])
	fr.Size = int64(len(data))
	var rep jsonout.Report
	if err := json.Unmarshal(data, &rep); err != nil {
		return nil, fr, err
	}
	if rep.Schema != "thidua.report/v1" {
		return nil, fr, fmt.Errorf("schema %q, want thidua.report/v1", rep.Schema)
	}
	p, err := vntext.ParsePeriod(rep.Period.Code)
	if err != nil || p.Kind != vntext.Quarter {
		return nil, fr, fmt.Errorf("period %q is not a quarter", rep.Period.Code)
	}
	if rep.Campaign.Code != c.Code {
		return nil, fr, fmt.Errorf("campaign %q, want %q", rep.Campaign.Code, c.Code)
	}
	r := &score.Result{Campaign: c, Period: p}
	for _, u := range rep.Units {
		ur := score.UnitResult{
			Code: u.Code, Name: u.Name, Group: u.Group, File: u.File, OnRoster: true,
			Base: campaign.Points(u.Base), Bonus: campaign.Points(u.Bonus), Deduction: campaign.Points(u.Deduction),
			Total: campaign.Points(u.Total), Rank: u.Rank, GroupRank: u.GroupRank, Band: u.Band,
			Late: u.Late, Reviewed: u.Reviewed, Flags: u.Flags,
		}
		for _, ct := range u.Contents {
			title := ""
			if n := c.Content(ct.Code); n != nil {
				title = n.Title
			}
			ur.Contents = append(ur.Contents, score.ContentScore{Code: ct.Code, Title: title, Max: campaign.Points(ct.Max), Self: campaign.Points(ct.Self), Score: campaign.Points(ct.Score)})
		}
		r.Units = append(r.Units, ur)
	}
	r.Summary.Scored = len(r.Units)
	fr.Status = submission.Scored
	return r, fr, nil
}
