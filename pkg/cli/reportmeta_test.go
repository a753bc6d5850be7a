package cli

import (
	"strings"
	"testing"
	"time"

	"github.com/thidua/thidua/pkg/config"
	"github.com/thidua/thidua/pkg/report"
)

func TestReportMetaAnnex(t *testing.T) {
	cfg := &config.Config{Units: []config.Unit{
		{Code: "A", Group: "Khối 2"}, {Code: "B", Group: " khối 2 "}, {Code: "C"}, {Code: "D", Group: "Khối 1"},
	}}
	cfg.Report.Annex = config.AnnexByGroup
	m := reportMeta(cfg, time.Time{}, "")
	if m.Annex != report.AnnexByGroup || strings.Join(m.Groups, "|") != "Khối 2|Khối 1" {
		t.Errorf("annex %q, groups %q", m.Annex, m.Groups)
	}
}
