package cli

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/thidua/thidua/pkg/campaign"
	"github.com/thidua/thidua/pkg/report/jsonout"
	"github.com/thidua/thidua/pkg/score"
)

// readPrevious reads the units of an earlier thidua.report/v1 JSON result.
func readPrevious(path string) ([]score.PrevUnit, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var rep jsonout.Report
	if err := json.Unmarshal(data, &rep); err != nil {
		return nil, err
	}
	if rep.Schema != "thidua.report/v1" {
		return nil, fmt.Errorf("schema %q, want thidua.report/v1", rep.Schema)
	}
	out := make([]score.PrevUnit, 0, len(rep.Units))
	for _, u := range rep.Units {
		out = append(out, score.PrevUnit{Code: u.Code, Total: campaign.Points(u.Total), Rank: u.Rank})
	}
	return out, nil
}
