package cli

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/thidua/thidua/pkg/campaign"
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
