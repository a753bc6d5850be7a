package cli

import (
	"encoding/json"
	"os"
	"runtime"
	"strings"

	"github.com/spf13/cobra"

	"github.com/thidua/thidua/pkg/config"
	"github.com/thidua/thidua/pkg/diag"
	"github.com/thidua/thidua/pkg/form"
	"github.com/thidua/thidua/pkg/score"
)

// ValidateOptions are the inputs of `thidua validate`.
type ValidateOptions struct {
	App     *App
	Paths   []string
	Workers int // 0 = runtime.NumCPU()

	Config *config.Config // the resolved configuration and run options (--json)
}

// NewCmdValidate builds `thidua validate PATH... [--json]`. runF runs the
// job (nil = validateRun); tests pass their own.
func NewCmdValidate(app *App, runF func(*ValidateOptions) error) *cobra.Command {
	opts := &ValidateOptions{App: app}
	cmd := &cobra.Command{
		Use:   "validate PATH... [--json]",
		Short: "Kiểm tra phiếu đã thu / check collected forms",
		Long: `Đọc và kiểm tra các phiếu chấm điểm (tệp .xlsx, .xlsm, .xls hoặc thư mục chứa chúng),
in từng vấn đề theo dạng "tệp:Trang!Ô: lỗi TD…: …" ra stderr. Không ghi tệp nào.
Phiếu có lỗi bị loại; cảnh báo và ghi chú không loại phiếu. Tệp khóa của Office
(~$…, .~lock…#) và tệp ẩn được bỏ qua và liệt kê.

Reads and checks the forms (files or directories searched recursively) and prints
every problem compiler-style on stderr; writes nothing. --json prints
{"schema":"thidua.validate/v1","files":[…]} on stdout.

` + exitStatusHelp,
		Args: minArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
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
			return validateRun(opts)
		},
	}
	addOptionFlags(cmd.Flags(), "validate")
	registerOptionCompletions(app, cmd, "validate")
	return cmd
}

// ValidateSchema is the schema tag of `validate --json`.
const ValidateSchema = "thidua.validate/v1"

type validateJSON struct {
	Schema string             `json:"schema"`
	Files  []validateFileJSON `json:"files"`
}

type validateFileJSON struct {
	Path        string     `json:"path"`
	SHA256      string     `json:"sha256"`
	Status      string     `json:"status"`
	Unit        string     `json:"unit"`
	Diagnostics []diagJSON `json:"diagnostics"`
}

type diagJSON struct {
	Code     string `json:"code"`
	Severity string `json:"severity"`
	Sheet    string `json:"sheet"`
	Cell     string `json:"cell"`
	Message  string `json:"message"`
}

func validateRun(o *ValidateOptions) error {
	app, cfg := o.App, o.Config
	lang := app.lang()
	log := app.logger()
	inputs, err := form.CollectContext(app.Ctx, o.Paths, form.CollectOptions{SkipDirs: skipDirs()})
	if err != nil {
		return err
	}
	workers := o.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	bar := newProgress(app, len(inputs), cfg.JSON)
	err = form.ReadAll(app.Ctx, inputs, form.ReadOptions{Campaign: &cfg.Campaign}, workers, bar.Add)
	bar.Finish()
	if err != nil {
		return err
	}
	// The files are classified exactly as report classifies them: the same
	// roster matcher, duplicates, period and lateness rules.
	sopts := score.Options{Campaign: &cfg.Campaign, Roster: roster(cfg), Period: cfg.Period, DeadlineDays: cfg.DeadlineDays}
	var res *score.Result
	if p := cfg.Period; !p.IsZero() { // a longer period rolls up its parts; one with none reads its forms as they are
		res = score.RunLongPeriod(p, inputs, nil, nil, sopts)
	} else {
		res = score.Run(inputs, sopts)
	}
	out := validateJSON{Schema: ValidateSchema, Files: []validateFileJSON{}}
	for _, fr := range res.Files {
		f := validateFileJSON{Path: fr.Path, SHA256: fr.SHA256, Status: string(fr.Status), Unit: fr.Unit, Diagnostics: []diagJSON{}}
		ds := append(diag.List(nil), fr.Diags...)
		ds.Sort()
		for _, d := range ds {
			if d.File == "" {
				d.File = fr.Path
			}
			log.Diag(d)
			f.Diagnostics = append(f.Diagnostics, diagJSON{Code: d.Code, Severity: d.Severity.String(), Sheet: d.Sheet, Cell: d.Cell, Message: d.Message(lang)})
		}
		out.Files = append(out.Files, f)
	}
	s := res.Summary
	log.Info(app.T("validate.summary", s.Files, s.Scored, s.Rejected, s.Skipped, s.Duplicates))
	if countForms(inputs) == 0 {
		log.Error(app.T("validate.noforms", strings.Join(o.Paths, ", ")))
		return &problemsError{1}
	}
	if cfg.JSON {
		enc := json.NewEncoder(app.IO.Out)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(out); err != nil {
			return err
		}
	}
	if s.Rejected > 0 {
		return &problemsError{s.Rejected}
	}
	return nil
}
