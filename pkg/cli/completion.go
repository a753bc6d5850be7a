package cli

import (
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/thidua/thidua/pkg/config"
	"github.com/thidua/thidua/pkg/diag"
	"github.com/thidua/thidua/pkg/vntext"
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
		Args:      exactArgs(1),
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

// registerOptionCompletions completes the values of the options whose
// flags command has (command "" = the global ones on root): the choices
// of a choice or list, recent periods for a period, files for a path.
func registerOptionCompletions(app *App, cmd *cobra.Command, command string) {
	for _, o := range config.Options {
		if command == "" && !o.Global() || command != "" && (o.Global() || !o.On(command)) {
			continue
		}
		var fn cobra.CompletionFunc
		switch o.Type {
		case config.Choice:
			fn = cobra.FixedCompletions(o.Choices, cobra.ShellCompDirectiveNoFileComp)
		case config.List:
			fn = completeList(formatKinds())
		case config.Period:
			fn = func(c *cobra.Command, _ []string, _ string) ([]string, cobra.ShellCompDirective) {
				return recentPeriods(time.Now(), periodKind(app, c)), cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveKeepOrder
			}
		case config.Bool, config.Int, config.Date, config.String:
			fn = cobra.NoFileCompletions
		default:
			continue // paths: the shell completes files
		}
		_ = cmd.RegisterFlagCompletionFunc(o.Flag, fn)
	}
}

// completeList completes a comma-separated list: the names not yet written
// after what is typed so far.
func completeList(names []string) cobra.CompletionFunc {
	return func(_ *cobra.Command, _ []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		prefix, done := "", map[string]bool{}
		if i := strings.LastIndex(toComplete, ","); i >= 0 {
			prefix = toComplete[:i+1]
			for _, n := range strings.Split(toComplete[:i], ",") {
				done[strings.TrimSpace(n)] = true
			}
		}
		var out []string
		for _, n := range names {
			if !done[n] {
				out = append(out, prefix+n)
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
	}
}

// recentPeriods offers the periods a secretary reports on around now, for
// a campaign whose forms cover kind: the latest periods of that kind (most
// recent first), then the longer periods they roll up into.
func recentPeriods(now time.Time, kind vntext.PeriodKind) []string {
	var out []string
	seen := map[string]bool{}
	add := func(p vntext.Period) {
		if c := p.Code(); !seen[c] && !p.IsZero() {
			seen[c] = true
			out = append(out, c)
		}
	}
	y, m := now.Year(), int(now.Month())
	// The school year (and its semesters) starts in September.
	sy := y
	if m < 9 {
		sy = y - 1
	}
	sem := vntext.Period{Year: sy, Kind: vntext.Semester, N: 1}
	if m >= 1 && m <= 8 && !(m == 1 && now.Day() <= 15) {
		sem.N = 2
	}
	switch kind {
	case vntext.Month:
		for i := 0; i < 6; i++ {
			t := time.Date(y, time.Month(m-i), 1, 0, 0, 0, 0, time.UTC)
			add(vntext.Period{Year: t.Year(), Kind: vntext.Month, N: int(t.Month())})
		}
		add(vntext.QuarterOf(now))
		add(vntext.Period{Year: y, Kind: vntext.Year})
	case vntext.Semester, vntext.SchoolYear:
		add(sem)
		if sem.N == 2 {
			add(vntext.Period{Year: sy, Kind: vntext.Semester, N: 1})
		} else {
			add(vntext.Period{Year: sy - 1, Kind: vntext.Semester, N: 2})
		}
		add(vntext.Period{Year: sy, Kind: vntext.SchoolYear})
		add(vntext.Period{Year: sy - 1, Kind: vntext.SchoolYear})
	default:
		q := vntext.QuarterOf(now)
		for i := 0; i < 4; i++ {
			add(q)
			q = vntext.QuarterOf(q.Start().AddDate(0, 0, -1))
		}
		for _, yy := range []int{y, y - 1} {
			if yy < y || m > 6 {
				add(vntext.Period{Year: yy, Kind: vntext.Half, N: 2})
			}
			add(vntext.Period{Year: yy, Kind: vntext.Half, N: 1})
			add(vntext.Period{Year: yy, Kind: vntext.Year})
		}
	}
	return out
}

// periodKind is what one form covers in the configured campaign
// (period_kind), for completing --period; quarters when no configuration
// loads.
func periodKind(app *App, c *cobra.Command) vntext.PeriodKind {
	if app == nil {
		return vntext.Quarter
	}
	app.flags, app.command = c.Flags(), c.Name()
	cfg, err := app.Config()
	if err != nil {
		return vntext.Quarter
	}
	return cfg.Campaign.Kind()
}
