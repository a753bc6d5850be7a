package cli

import (
	"github.com/spf13/cobra"

	"github.com/thidua/thidua/pkg/diag"
)

// NewCmdCompletion builds `thidua completion SHELL`.
func NewCmdCompletion(app *App, root *cobra.Command) *cobra.Command {
	return &cobra.Command{
		Use:   "completion bash|zsh|fish|powershell",
		Short: "Tạo script tự hoàn thành lệnh cho shell / shell completion script",
		Long: `In ra script tự hoàn thành lệnh (completion) cho shell.

  bash:        source <(thidua completion bash)
  zsh:         thidua completion zsh > "${fpath[1]}/_thidua"
  fish:        thidua completion fish > ~/.config/fish/completions/thidua.fish
  powershell:  thidua completion powershell | Out-String | Invoke-Expression`,
		ValidArgs: []string{"bash", "zsh", "fish", "powershell"},
		Args:      usageArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			out := app.IO.Out
			switch args[0] {
			case "bash":
				return root.GenBashCompletionV2(out, true)
			case "zsh":
				return root.GenZshCompletion(out)
			case "fish":
				return root.GenFishCompletion(out, true)
			case "powershell":
				return root.GenPowerShellCompletionWithDesc(out)
			}
			return &usageError{diag.Errorf("completion.shell", args[0])}
		},
	}
}
