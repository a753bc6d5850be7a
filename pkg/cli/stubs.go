package cli

import (
	"github.com/spf13/cobra"

	"github.com/thidua/thidua/pkg/diag"
)

// NewCmdTemplate builds `thidua template`.
func NewCmdTemplate(app *App) *cobra.Command {
	return &cobra.Command{
		Use:   "template [-o FILE] [--per-unit --outdir DIR] [--period P]",
		Short: "Tạo phiếu chấm điểm cho đơn vị / the form for units (chưa có / not yet)",
		Args:  usageArgs(cobra.NoArgs),
		RunE:  func(cmd *cobra.Command, args []string) error { return diag.Errorf("notyet", "template") },
	}
}

// NewCmdValidate builds `thidua validate`.
func NewCmdValidate(app *App) *cobra.Command {
	return &cobra.Command{
		Use:   "validate PATH...",
		Short: "Kiểm tra phiếu đã thu / check forms (chưa có / not yet)",
		Args:  usageArgs(cobra.MinimumNArgs(1)),
		RunE:  func(cmd *cobra.Command, args []string) error { return diag.Errorf("notyet", "validate") },
	}
}

// NewCmdReport builds `thidua report`.
func NewCmdReport(app *App) *cobra.Command {
	return &cobra.Command{
		Use:   "report PATH...",
		Short: "Chấm điểm, xếp hạng và in báo cáo / score, rank and report (chưa có / not yet)",
		Args:  usageArgs(cobra.ArbitraryArgs),
		RunE:  func(cmd *cobra.Command, args []string) error { return diag.Errorf("notyet", "report") },
	}
}
