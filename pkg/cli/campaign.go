package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/thidua/thidua/pkg/campaign"
	"github.com/thidua/thidua/pkg/config"
	"github.com/thidua/thidua/pkg/diag"
)

// NewCmdCampaign builds `thidua campaign` and its subcommand `check`.
// runF runs `campaign check` (nil = campaignCheckRun); tests pass their own.
func NewCmdCampaign(app *App, runF func(*CampaignCheckOptions) error) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "campaign",
		Short: "Bảng tiêu chí của phong trào / the campaign's criteria table",
		Args:  noArgs,
		RunE:  func(cmd *cobra.Command, args []string) error { return cmd.Help() },
	}
	cmd.AddCommand(newCmdCampaignCheck(app, runF))
	return cmd
}

// CampaignCheckOptions are the inputs of `thidua campaign check`.
type CampaignCheckOptions struct {
	App  *App
	File string
}

func newCmdCampaignCheck(app *App, runF func(*CampaignCheckOptions) error) *cobra.Command {
	opts := &CampaignCheckOptions{App: app}
	return &cobra.Command{
		Use:   "check [FILE]",
		Short: "Kiểm tra bảng tiêu chí / check a criteria table",
		Long: `Kiểm tra bảng tiêu chí trong tệp cấu hình FILE (mặc định: cấu hình đang dùng):
mã trùng, điểm tối đa các tiêu chí con không cộng đúng bằng dòng cha, tổng các nội dung
khác thang điểm, các mức xếp loại không theo thứ tự, khóa phân định thứ hạng sai.
Thoát với mã 3 nếu có vấn đề.

Checks the criteria table: repeated codes, children's maxima that do not add up
to their parent, bands out of order, tie-break keys naming no content. Exit 3 on
findings.

` + exitStatusHelp,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.File = args[0]
			}
			if runF != nil {
				return runF(opts)
			}
			return campaignCheckRun(opts)
		},
	}
}

func campaignCheckRun(o *CampaignCheckOptions) error {
	app := o.App
	var cfg *config.Config
	var err error
	if o.File != "" {
		app.ConfigFile, app.NoConfig = o.File, false
	}
	cfg, err = app.Config()
	if err != nil {
		return err
	}
	name := cfg.Source
	if name == "" {
		name = "(mặc định)"
		if app.lang() == "en" {
			name = "(embedded default)"
		}
	}
	found := cfg.CheckCampaign()
	lang := app.lang()
	for _, d := range found {
		d.File = name
		fmt.Fprintln(app.IO.Err, d.Line(lang))
	}
	nerr, nwarn := found.Count(diag.Error), found.Count(diag.Warning)
	if nerr+nwarn > 0 {
		fmt.Fprintln(app.IO.Err, app.T("campaign.findings", name, nerr, nwarn))
		return &problemsError{nerr + nwarn}
	}
	if !app.Quiet {
		c := &cfg.Campaign
		fmt.Fprintln(app.IO.Out, app.T("campaign.ok", name, len(c.Contents), leafCount(c), c.Scale.VI(), c.Bonus.EffectiveCap().VI(), c.Fingerprint()))
	}
	return nil
}

func leafCount(c *campaign.Campaign) int {
	n := 0
	for _, r := range c.Rows() {
		if r.Leaf {
			n++
		}
	}
	return n
}
