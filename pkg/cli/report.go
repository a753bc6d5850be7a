package cli

import (
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/thidua/thidua/pkg/config"
	"github.com/thidua/thidua/pkg/diag"
	"github.com/thidua/thidua/pkg/report"
	"github.com/thidua/thidua/pkg/score"
)

// ReportOptions are the inputs of `thidua report`: the arguments, the
// command's own flags, and the run options resolved from the table in
// pkg/config (flag > THIDUA_* > thidua.yaml > embedded default).
type ReportOptions struct {
	App     *App
	Paths   []string
	Demo    bool // --demo: the embedded demo forms, written into ./thidua-demo/
	Workers int  // hidden --workers: reader goroutines (0 = one per CPU)

	Config *config.Config // the resolved configuration and run options
}

// NewCmdReport builds `thidua report`. runF runs the job (nil = reportRun);
// tests pass their own to check flag parsing and option resolution.
func NewCmdReport(app *App, runF func(*ReportOptions) error) *cobra.Command {
	opts := &ReportOptions{App: app}
	cmd := &cobra.Command{
		Use:   "report PATH... [flags]",
		Short: "Chấm điểm, xếp hạng, xếp loại và in báo cáo / score, rank, classify and report",
		Long: `Đọc các phiếu chấm điểm (tệp .xlsx, .xlsm, .xls hoặc thư mục chứa chúng), kiểm tra, chấm
điểm theo bảng tiêu chí, xếp hạng, xếp loại và ghi kết quả vào ./thidua-out/<kỳ>/:
` + outputsHelp() + `
Reads the forms under PATH, scores, ranks and classifies the units, and writes the
outputs atomically. --demo runs the whole job on sample forms embedded in the binary
and writes into ./thidua-demo/.

` + exitStatusHelp,
		Example: `  thidua report phieu/
  thidua report phieu/ --period 2026-Q3 --date 2026-10-10 --number 15
  thidua report phieu/ --review thidua-out/2026-Q3/tong-hop-2026-Q3.xlsx
  thidua report --demo`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			if !opts.Demo && len(args) == 0 {
				return usagef("%s", app.T("report.nopaths"))
			}
			if opts.Demo && len(args) > 0 {
				return usagef("%s", app.T("report.demoargs"))
			}
			if opts.Demo && !app.flagChanged("config") {
				app.NoConfig = true // the demo forms are made for the embedded table
			}
			cfg, err := app.Config()
			if err != nil {
				return err
			}
			opts.Config = cfg
			if cfg.JSON && app.IO.Out == os.Stdout && stdoutClosed() {
				return diag.Errorf("err.stdout.closed")
			}
			if runF != nil {
				return runF(opts)
			}
			return reportRun(opts)
		},
	}
	f := cmd.Flags()
	addOptionFlags(f, "report")
	f.BoolVar(&opts.Demo, "demo", false, "chạy thử trên bộ phiếu mẫu nhúng sẵn, ghi vào ./thidua-demo/ / run on the embedded demo forms")
	f.IntVar(&opts.Workers, "workers", 0, "số luồng đọc phiếu (mặc định: số lõi CPU) / reader goroutines")
	_ = f.MarkHidden("workers")
	registerOptionCompletions(app, cmd, "report")
	return cmd
}

// memoryLimit is the soft memory limit of a run over n inputs: a base for
// the program, the fonts and the reading workers, and what each form's
// result and share of the consolidated workbook take while it is written.
// It is soft: a larger job than planned runs more collections, never fails.
func memoryLimit(n int) int64 {
	const base, perForm = 56 << 20, 20 << 10
	return base + int64(n)*perForm
}

// printDiagnostics logs every file's and the run's diagnostics, then the
// missing units.
func printDiagnostics(log *logger, res *score.Result) {
	for _, f := range res.Files {
		for _, d := range f.Diags {
			if d.File == "" {
				d.File = f.Path
			}
			log.Diag(d)
		}
	}
	for _, d := range res.Diags {
		log.Diag(d)
	}
}

func cfgName(cfg *config.Config, lang string) string {
	if cfg.Source != "" {
		return cfg.Source
	}
	if lang == "en" {
		return "(embedded default)"
	}
	return "(mặc định)"
}

func roster(cfg *config.Config) []score.Unit {
	out := make([]score.Unit, len(cfg.Units))
	for i, u := range cfg.Units {
		out[i] = score.Unit{Code: u.Code, Name: u.Name, Group: u.Group, Aliases: u.Aliases, Short: u.Short}
	}
	return out
}

// reportMeta is what the outputs show besides the result, from the
// configuration and the run's date.
func reportMeta(cfg *config.Config, now time.Time, narrative string) report.Meta {
	org, sg := cfg.Organization, cfg.Signer
	return report.Meta{
		Lang: cfg.Lang, Date: now, Number: cfg.Number,
		Org:        report.Organization{Parent: org.Parent, Name: org.Name, Abbreviation: org.Abbreviation, Place: org.Place},
		Signer:     report.Signer{Authority: sg.Authority, Title: sg.Title, Name: sg.Name},
		Recipients: cfg.Recipients, Narrative: narrative, UnitSheets: cfg.UnitSheets,
		Annex: cfg.Report.Annex, Groups: rosterGroups(cfg),
	}
}

// rosterGroups returns the roster's groups in order of first appearance.
func rosterGroups(cfg *config.Config) []string {
	var out []string
	seen := map[string]bool{}
	for _, u := range cfg.Units {
		g := strings.TrimSpace(u.Group)
		if k := strings.ToLower(g); g != "" && !seen[k] {
			seen[k] = true
			out = append(out, g)
		}
	}
	return out
}

// skipDirs lists directories the reader must not descend into: the output
// root and the demo root's outputs.
func skipDirs(dirs ...string) []string {
	var out []string
	for _, d := range dirs {
		if d != "" {
			out = append(out, d)
		}
	}
	out = append(out, "thidua-out")
	return out
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if strings.TrimSpace(x) != "" {
			return x
		}
	}
	return ""
}
