// Package cli is thidua's command line: the cobra commands (one file per
// command), flag and environment binding into the configuration, the
// mapping of errors to exit statuses, and terminal concerns (progress,
// logging). Only this package knows about flags, terminals and exit codes.
package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/thidua/thidua/pkg/config"
	"github.com/thidua/thidua/pkg/diag"
	"github.com/thidua/thidua/pkg/vntext"
)

// App holds what every command needs during one run: the streams, the
// global flags and the configuration, loaded once on first use.
type App struct {
	IO  *IOStreams
	Ctx context.Context
	Now func() time.Time // the one clock; --date pins it

	ConfigFile string
	NoConfig   bool
	Lang       string
	Quiet      bool
	Verbose    bool
	LogFormat  string

	flags *pflag.FlagSet // every flag of the executing command, global ones included
	prof  profiler       // hidden --cpuprofile, --memprofile
	cfg   *config.Config
	log   *logger
}

// flagKeys binds command-line flags to configuration keys (flag > env > file).
var flagKeys = map[string]string{
	"lang":        "lang",
	"log-format":  "log_format",
	"output":      "output",
	"format":      "format",
	"period":      "period",
	"number":      "number",
	"date":        "date",
	"review":      "review",
	"previous":    "previous",
	"strict":      "strict",
	"json":        "json",
	"unit-sheets": "unit_sheets",
	"quiet":       "quiet",
	"verbose":     "verbose",
}

// Config loads the configuration (once per run).
func (a *App) Config() (*config.Config, error) {
	if a.cfg != nil {
		return a.cfg, nil
	}
	cfg, err := config.Load(config.Options{
		File: a.ConfigFile, NoConfig: a.NoConfig,
		Flags: a.flags, FlagKeys: flagKeys,
	})
	if err != nil {
		return nil, err
	}
	a.cfg = cfg
	a.Lang = cfg.Lang
	a.Quiet, a.Verbose = cfg.Quiet, cfg.Verbose
	if a.Quiet && a.Verbose {
		return nil, usagef("--quiet, --verbose: %s", "chọn một / choose one")
	}
	return cfg, nil
}

// T returns a catalog message in the run's language.
func (a *App) T(key string, args ...any) string { return diag.T(a.lang(), key, args...) }

// lang returns the language for messages: the flag, THIDUA_LANG, the
// loaded config, else Vietnamese.
func (a *App) lang() string {
	if a.flags != nil {
		if f := a.flags.Lookup("lang"); f != nil && f.Changed {
			return f.Value.String()
		}
	}
	if a.cfg != nil {
		return a.cfg.Lang
	}
	if l := os.Getenv("THIDUA_LANG"); l == "en" || l == "vi" {
		return l
	}
	return "vi"
}

// Main runs thidua with the arguments (without the program name) and
// returns the exit status. It is all of main, so tests can call it.
func Main(args []string, s *IOStreams) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return run(ctx, args, s)
}

func run(ctx context.Context, args []string, s *IOStreams) int {
	app := &App{IO: s, Ctx: ctx, Now: time.Now}
	root := NewRootCmd(app)
	root.SetArgs(args)
	root.SetOut(s.Out)
	root.SetErr(s.Err)
	cmd, err := root.ExecuteC()
	app.prof.stop()
	if err == nil {
		return ExitOK
	}
	if cmd != nil {
		app.flags = cmd.Flags()
	}
	if strings.HasPrefix(err.Error(), "unknown command") {
		err = &usageError{err}
	}
	code := exitCode(err)
	var pe *problemsError
	log := app.logger()
	switch {
	case errors.As(err, &pe):
	case code == ExitInterrupted:
		log.Error(app.T("interrupted"))
	case code == ExitUsage:
		name := "thidua"
		if cmd != nil {
			name = cmd.CommandPath()
		}
		log.Error(app.T("err.usage", errorText(err, app.lang()), name))
	default:
		log.Error(fmt.Sprintf("%s: %s", app.T("err.prefix"), errorText(err, app.lang())))
	}
	return code
}

// NewRootCmd builds the command tree.
func NewRootCmd(app *App) *cobra.Command {
	root := &cobra.Command{
		Use:   "thidua",
		Short: "Tổng hợp, chấm điểm và báo cáo thi đua — emulation scoring and reports",
		Long: `thidua tổng hợp phiếu chấm điểm thi đua của các đơn vị, chấm điểm theo bảng tiêu chí,
xếp hạng, xếp loại và in báo cáo theo thể thức Nghị định 30/2020/NĐ-CP.

thidua collects the units' emulation scoring forms, scores them against the
campaign's criteria table, ranks and classifies them, and writes the
consolidated workbook, the official PDF report, JSON and CSV.

  thidua init                     viết tệp cấu hình mẫu thidua.yaml
  thidua template --per-unit      phát phiếu cho từng đơn vị
  thidua validate phieu/          kiểm tra phiếu đã thu
  thidua report phieu/            chấm điểm và in báo cáo`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          cobra.NoArgs,
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			app.flags = cmd.Flags()
			if err := app.prof.start(); err != nil {
				return err
			}
			if l := app.Lang; cmd.Flags().Changed("lang") && l != "vi" && l != "en" {
				return &usageError{diag.Errorf("err.lang", l)}
			}
			if f := app.LogFormat; cmd.Flags().Changed("log-format") && f != "text" && f != "json" {
				return &usageError{diag.Errorf("err.logformat", f)}
			}
			// A bad --period is a usage error (2), not a bad configuration (1).
			if f := cmd.Flags().Lookup("period"); f != nil && f.Changed {
				if _, err := vntext.ParsePeriod(f.Value.String()); err != nil {
					return &usageError{diag.Errorf("err.period", f.Value.String())}
				}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return cmd.Help()
		},
	}
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		return &usageError{err}
	})
	pf := root.PersistentFlags()
	pf.StringVar(&app.ConfigFile, "config", "", "tệp cấu hình (mặc định ./thidua.yaml, rồi thư mục cấu hình của người dùng) / config file")
	pf.BoolVar(&app.NoConfig, "no-config", false, "chỉ dùng cấu hình mặc định nhúng sẵn / use the embedded default only")
	pf.StringVar(&app.Lang, "lang", "vi", "ngôn ngữ thông báo: vi|en / message language")
	pf.BoolVarP(&app.Quiet, "quiet", "q", false, "chỉ in lỗi / print errors only")
	pf.BoolVarP(&app.Verbose, "verbose", "v", false, "in chi tiết / verbose")
	pf.StringVar(&app.LogFormat, "log-format", "text", "định dạng nhật ký: text|json / log format")
	root.MarkFlagsMutuallyExclusive("quiet", "verbose")
	app.prof.addFlags(pf)

	root.AddCommand(
		NewCmdInit(app),
		NewCmdTemplate(app),
		NewCmdValidate(app),
		NewCmdReport(app),
		NewCmdCampaign(app),
		NewCmdVersion(app),
		NewCmdCompletion(app, root),
	)
	for _, c := range root.Commands() {
		c.SilenceUsage = true
	}
	return root
}
