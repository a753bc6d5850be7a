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
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/thidua/thidua/pkg/config"
	"github.com/thidua/thidua/pkg/diag"
)

// App holds what every command needs during one run: the streams, the
// clock, the location of the configuration and the configuration itself,
// loaded once on first use. It is the factory the commands are built with.
type App struct {
	IO  *IOStreams
	Ctx context.Context
	Now func() time.Time // the one clock; --date pins it

	ConfigFile string // --config
	NoConfig   bool   // --no-config

	// The global options, set from the configuration once it is loaded
	// (before that, from the flags and the environment).
	Lang      string
	Quiet     bool
	Verbose   bool
	LogFormat string

	flags   *pflag.FlagSet // every flag of the executing command, global ones included
	command string         // the executing command's name, for the options it has
	prof    profiler       // hidden --cpuprofile, --memprofile
	cfg     *config.Config
	log     *logger
}

// Config loads the configuration (once per run): flag > THIDUA_* >
// thidua.yaml > embedded default, every option decoded by the table in
// pkg/config.
func (a *App) Config() (*config.Config, error) {
	if a.cfg != nil {
		return a.cfg, nil
	}
	cfg, err := config.Load(config.LoadOptions{
		File: a.ConfigFile, NoConfig: a.NoConfig,
		Flags: a.flags, Command: a.command, Formats: formatKinds(),
		Require: a.command == "report" || a.command == "validate" || a.command == "template",
	})
	if err != nil {
		return nil, err
	}
	a.cfg = cfg
	a.Lang, a.LogFormat = cfg.Lang, cfg.LogFormat
	a.Quiet, a.Verbose = cfg.Quiet, cfg.Verbose
	if a.Quiet && a.Verbose {
		return nil, usagef("--quiet, --verbose: %s", diag.T(a.Lang, "err.quietverbose"))
	}
	return cfg, nil
}

// T returns a catalog message in the run's language.
func (a *App) T(key string, args ...any) string { return diag.T(a.lang(), key, args...) }

// lang returns the language for messages: the loaded configuration's, else
// the global options' as resolved from the flags and the environment.
func (a *App) lang() string {
	if a.cfg != nil {
		return a.cfg.Lang
	}
	return a.Lang
}

// resolveGlobals sets the global options from the command line and the
// environment, before any configuration file is read, and checks every
// option value the command line and the environment give the command: a
// bad one is a usage error naming the flag or the variable.
func (a *App) resolveGlobals(cmd *cobra.Command) error {
	a.flags, a.command = cmd.Flags(), cmd.Name()
	for _, o := range config.Options {
		if !o.Global() && !o.On(a.command) {
			continue
		}
		v, err := config.Resolve(o.Key, a.flags, formatKinds())
		if err != nil {
			return err
		}
		switch o.Key {
		case "lang":
			a.Lang = v.(string)
		case "log_format":
			a.LogFormat = v.(string)
		case "quiet":
			a.Quiet = v.(bool)
		case "verbose":
			a.Verbose = v.(bool)
		}
	}
	if a.Quiet && a.Verbose {
		return usagef("--quiet, --verbose: %s", diag.T(a.Lang, "err.quietverbose"))
	}
	return nil
}

// boolFlag is a boolean flag read by config.ParseBool, so that --strict=no
// means what THIDUA_STRICT=no and strict: no mean.
type boolFlag bool

func (b *boolFlag) String() string { return strconv.FormatBool(bool(*b)) }

// Set parses the flag's value.
func (b *boolFlag) Set(s string) error {
	v, err := config.ParseBool(s)
	if err != nil {
		return err
	}
	*b = boolFlag(v)
	return nil
}

// Type names the flag's type in help.
func (b *boolFlag) Type() string { return "bool" }

// IsBoolFlag lets the flag be given without a value.
func (b *boolFlag) IsBoolFlag() bool { return true }

// addOptionFlags declares on fs the flags of the options that command has
// (command "" = the global ones), from the table in pkg/config.
func addOptionFlags(fs *pflag.FlagSet, command string) {
	for _, o := range config.Options {
		if command == "" && !o.Global() || command != "" && (o.Global() || !o.On(command)) {
			continue
		}
		usage := o.Usage
		def := o.Default
		if o.Key == "format" {
			def = strings.Join(formatKinds(), ",")
		}
		switch o.Type {
		case config.Bool:
			f := fs.VarPF(new(boolFlag), o.Flag, o.Short, usage)
			f.NoOptDefVal = "true"
		case config.Paths:
			fs.StringArrayP(o.Flag, o.Short, nil, usage)
		default:
			fs.StringP(o.Flag, o.Short, def, usage)
		}
	}
}

// Main runs thidua with the arguments (without the program name) and
// returns the exit status. It is all of main, so tests can call it.
//
// The first Ctrl-C (or SIGTERM) stops the work and removes what it had
// begun to write (exit 130); a second one exits at once.
func Main(args []string, s *IOStreams) int {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sigs)
	go watchSignals(sigs, cancel, func() {
		fmt.Fprintln(s.Err, "thidua: bị ngắt / interrupted")
		os.Exit(ExitInterrupted)
	})
	if l := decideLaunch(args, ownsConsole(), isDir); l != launchTerminal {
		exe, _ := os.Executable()
		return desktopMain(ctx, l, args, s, filepath.Dir(exe))
	}
	return run(ctx, args, s)
}

// watchSignals cancels the run at the first signal (the work stops and
// removes what it began to write) and calls exitNow at the second.
func watchSignals(sigs <-chan os.Signal, cancel func(), exitNow func()) {
	if _, ok := <-sigs; !ok {
		return
	}
	cancel()
	if _, ok := <-sigs; ok {
		exitNow()
	}
}

func run(ctx context.Context, args []string, s *IOStreams) int {
	app := &App{IO: s, Ctx: ctx, Now: time.Now, Lang: "vi", LogFormat: "text"}
	root := NewRootCmd(app)
	root.SetArgs(args)
	root.SetOut(s.Out)
	root.SetErr(s.Err)
	cmd, err := root.ExecuteC()
	app.prof.stop()
	if err == nil {
		return ExitOK
	}
	if cmd != nil && app.cfg == nil {
		// The configuration was not loaded: messages in the language the
		// command line and the environment ask for, if they say it right.
		app.flags = cmd.Flags()
		if v, err := config.Resolve("lang", app.flags, nil); err == nil {
			app.Lang = v.(string)
		}
		if v, err := config.Resolve("log_format", app.flags, nil); err == nil {
			app.LogFormat = v.(string)
		}
	}
	if strings.HasPrefix(err.Error(), "unknown command") {
		err = unknownCommand(root, args)
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
	root := newRootCmd(app)
	root.AddCommand(
		NewCmdInit(app, nil),
		NewCmdTemplate(app, nil),
		NewCmdValidate(app, nil),
		NewCmdReport(app, nil),
		NewCmdCampaign(app, nil),
		NewCmdVersion(app),
		NewCmdCompletion(app, root),
	)
	for _, c := range root.Commands() {
		c.SilenceUsage = true
	}
	return root
}

// newRootCmd builds the root command with the global flags and no
// subcommands.
func newRootCmd(app *App) *cobra.Command {
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
		Args:          cobra.NoArgs, // "unknown command", turned into a suggestion by run
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			if err := app.resolveGlobals(cmd); err != nil {
				return err
			}
			return app.prof.start()
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return cmd.Help()
		},
	}
	root.SetFlagErrorFunc(flagError)
	root.SuggestionsMinimumDistance = 2
	v, c, d := Version()
	root.Version = fmt.Sprintf("%s (commit %s, built %s)", v, c, d)
	root.SetVersionTemplate("thidua {{.Version}}\n")
	pf := root.PersistentFlags()
	pf.StringVar(&app.ConfigFile, "config", "", "tệp cấu hình (mặc định ./thidua.yaml, rồi thư mục cấu hình của người dùng) / config file")
	pf.BoolVar(&app.NoConfig, "no-config", false, "chỉ dùng cấu hình mặc định nhúng sẵn / use the embedded default only")
	addOptionFlags(pf, "")
	registerOptionCompletions(app, root, "")
	app.prof.addFlags(pf)
	return root
}
