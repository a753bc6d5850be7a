package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/thidua/thidua/pkg/campaign"
	"github.com/thidua/thidua/pkg/config"
	"github.com/thidua/thidua/pkg/diag"
	"github.com/thidua/thidua/pkg/form"
)

// TemplateOptions are the inputs of `thidua template`.
type TemplateOptions struct {
	App       *App
	Output    string // -o: the form file
	PerUnit   bool
	OutDir    string
	Force     bool
	Matrix    bool   // --matrix: a Bảng điểm sheet with one row per roster unit
	Group     string // --group: the roster group a Bảng điểm (or --per-unit) is for
	Evaluator string // --evaluator: who scores with the forms (evaluation.by evaluators or peers)

	Config *config.Config // the resolved configuration (its period pre-fills the form)
}

// NewCmdTemplate builds `thidua template [-o FILE] [--per-unit --outdir DIR] [--period P]`.
// runF runs the job (nil = templateRun); tests pass their own.
func NewCmdTemplate(app *App, runF func(*TemplateOptions) error) *cobra.Command {
	opts := &TemplateOptions{App: app}
	cmd := &cobra.Command{
		Use:   "template [-o FILE] [--per-unit --outdir DIR] [--period P]",
		Short: "Tạo phiếu chấm điểm cho đơn vị / write the form for units",
		Long: `Tạo phiếu chấm điểm (.xlsx) theo bảng tiêu chí đang cấu hình: trang "Thông tin",
trang "Chấm điểm" (mỗi mục một dòng, ô nhập điểm có kiểm tra 0…điểm tối đa, các ô
khác bị khóa không mật khẩu), trang "Hướng dẫn" và trang ẩn "_thidua" ghi dấu vân tay
của bảng tiêu chí. --period điền sẵn kỳ báo cáo.

Với --per-unit --outdir DIR: mỗi đơn vị trong danh sách (units) một phiếu, điền sẵn
tên và mã đơn vị. Tên tệp: phieu-<mã>-<tên đơn vị viết không dấu>.xlsx, chỉ gồm chữ
thường a-z, số và dấu "-" (tên đơn vị không thể đưa tệp ra ngoài DIR).

Writes the blank form (default phieu-cham-diem[-PERIOD].xlsx), or with --per-unit one
pre-filled form per roster unit into DIR, named phieu-<code>-<ascii name>.xlsx.
Existing files are kept unless --force.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.PerUnit && opts.OutDir == "" {
				return &usageError{diag.Errorf("template.perunit")}
			}
			if opts.PerUnit && opts.Output != "" {
				return &usageError{diag.Errorf("template.outconflict")}
			}
			if opts.Matrix && opts.PerUnit {
				return &usageError{diag.Errorf("template.matrixperunit")}
			}
			cfg, err := app.Config()
			if err != nil {
				return err
			}
			opts.Config = cfg
			if runF != nil {
				return runF(opts)
			}
			return templateRun(opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Output, "output", "o", "", "tệp phiếu cần ghi / the form file to write")
	f.BoolVar(&opts.PerUnit, "per-unit", false, "mỗi đơn vị một phiếu / one form per roster unit")
	f.StringVar(&opts.OutDir, "outdir", "", "thư mục ghi phiếu của từng đơn vị / directory for --per-unit")
	addOptionFlags(f, "template")
	f.BoolVarP(&opts.Force, "force", "f", false, "ghi đè tệp đã có / overwrite existing files")
	f.BoolVar(&opts.Matrix, "matrix", false, "bảng điểm nhiều đơn vị trên một trang (sheet Bảng điểm) / one Bảng điểm sheet for many units")
	f.StringVar(&opts.Group, "group", "", "chỉ các đơn vị của khối này / only the units of this roster group")
	f.StringVar(&opts.Evaluator, "evaluator", "", "đơn vị chấm điền sẵn (chấm chéo, nhiều người chấm) / the evaluator who scores with the forms")
	registerOptionCompletions(app, cmd, "template")
	return cmd
}

func templateRun(o *TemplateOptions) error {
	app, cfg := o.App, o.Config
	period := cfg.Period
	base := form.TemplateOptions{Campaign: &cfg.Campaign, Period: period, Org: cfg.Organization.Name, Date: app.Now(),
		Evaluator: o.Evaluator, Group: o.Group}
	if o.Group != "" && !hasGroup(cfg, o.Group) {
		return &usageError{diag.Errorf("template.nogroup", o.Group)}
	}
	log := app.logger()
	write := func(path string, opts form.TemplateOptions) error {
		if _, err := os.Stat(path); err == nil && !o.Force {
			return diag.Errorf("template.exists", path)
		}
		var b bytes.Buffer
		if err := form.WriteTemplate(&b, opts); err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		return writeFileAtomic(path, b.Bytes(), 0o644)
	}
	if !o.PerUnit {
		path := o.Output
		stem := "phieu-cham-diem"
		if o.Matrix {
			stem = "bang-diem"
			base.Matrix = true
			for _, u := range cfg.Units {
				base.Units = append(base.Units, form.TemplateUnit{Code: u.Code, Name: u.Name, Group: u.Group})
			}
			if o.Group != "" {
				stem += "-" + strings.TrimPrefix(form.SafeFileName("", o.Group, ""), "phieu-")
			}
		}
		if path == "" {
			path = stem + ".xlsx"
			if !period.IsZero() {
				path = stem + "-" + period.Code() + ".xlsx"
			}
		}
		if err := write(path, base); err != nil {
			return err
		}
		log.Info(app.T("template.wrote", path))
		return nil
	}
	if len(cfg.Units) == 0 {
		return diag.Errorf("template.nounits")
	}
	if err := os.MkdirAll(o.OutDir, 0o755); err != nil {
		return err
	}
	used := map[string]int{}
	n := 0
	for _, u := range cfg.Units {
		if o.Group != "" && !strings.EqualFold(strings.TrimSpace(u.Group), strings.TrimSpace(o.Group)) {
			continue
		}
		if o.Evaluator != "" && cfg.Campaign.EvaluatedBy() == campaign.EvalPeers && cfg.Campaign.ExcludeSelf() && sameUnit(u, o.Evaluator) {
			continue // a peer does not score itself
		}
		n++
		name := form.SafeFileName(u.Code, u.Name, "")
		used[name]++
		if n := used[name]; n > 1 {
			name += "-" + strconv.Itoa(n)
		}
		opts := base
		opts.UnitName, opts.UnitCode, opts.Group = u.Name, u.Code, u.Group
		path := filepath.Join(o.OutDir, name+".xlsx")
		if err := write(path, opts); err != nil {
			return err
		}
		log.Debug(app.T("template.wrote", path))
	}
	log.Info(app.T("template.wrote.n", n, o.OutDir))
	return nil
}

// hasGroup reports whether a roster unit is in group (case and spaces
// aside).
func hasGroup(cfg *config.Config, group string) bool {
	for _, u := range cfg.Units {
		if strings.EqualFold(strings.TrimSpace(u.Group), strings.TrimSpace(group)) {
			return true
		}
	}
	return false
}

// sameUnit reports whether a roster unit is the one named (by code or name,
// case and spaces aside).
func sameUnit(u config.Unit, named string) bool {
	k := strings.ToLower(strings.TrimSpace(named))
	return k == strings.ToLower(u.Code) || k == strings.ToLower(strings.TrimSpace(u.Name))
}
