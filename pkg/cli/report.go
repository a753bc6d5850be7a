package cli

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/thidua/thidua/pkg/config"
	"github.com/thidua/thidua/pkg/diag"
	"github.com/thidua/thidua/pkg/form"
	"github.com/thidua/thidua/pkg/report/jsonout"
	"github.com/thidua/thidua/pkg/report/pdf"
	"github.com/thidua/thidua/pkg/report/xlsx"
	"github.com/thidua/thidua/pkg/score"
	"github.com/thidua/thidua/pkg/vntext"
)

// ReportOptions are the inputs of `thidua report`.
type ReportOptions struct {
	App        *App
	Paths      []string
	Output     string // -o; "" = config output, else ./thidua-out/<period>/
	Period     string
	Format     string
	Review     string
	Previous   string
	Date       string
	Number     string
	Strict     bool
	JSON       bool
	Demo       bool
	UnitSheets bool
	Workers    int
}

// NewCmdReport builds `thidua report`.
func NewCmdReport(app *App) *cobra.Command {
	opts := &ReportOptions{App: app}
	cmd := &cobra.Command{
		Use:   "report PATH... [flags]",
		Short: "Chấm điểm, xếp hạng, xếp loại và in báo cáo / score, rank, classify and report",
		Long: `Đọc các phiếu chấm điểm (tệp .xlsx, .xlsm, .xls hoặc thư mục chứa chúng), kiểm tra, chấm
điểm theo bảng tiêu chí, xếp hạng, xếp loại và ghi kết quả vào ./thidua-out/<kỳ>/:
  tong-hop-<kỳ>.xlsx   bảng tổng hợp (Tổng hợp, Chi tiết, Thẩm định, Kiểm tra, Chưa nộp, Biểu đồ, Nguồn)
  bao-cao-<kỳ>.pdf     báo cáo theo thể thức Nghị định 30/2020/NĐ-CP
  ket-qua-<kỳ>.json    kết quả cho máy đọc (schema thidua.report/v1)
  ket-qua-<kỳ>.csv     bảng Tổng hợp dạng CSV (UTF-8 có BOM)

Reads the forms under PATH, scores, ranks and classifies the units, and writes the
outputs atomically. --demo runs the whole job on sample forms embedded in the binary
and writes into ./thidua-demo/.

` + exitStatusHelp,
		Example: `  thidua report phieu/
  thidua report phieu/ --period 2026-Q3 --date 2026-10-10 --number 15
  thidua report phieu/ --review thidua-out/2026-Q3/tong-hop-2026-Q3.xlsx
  thidua report --demo`,
		Args: usageArgs(cobra.ArbitraryArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			if !opts.Demo && len(args) == 0 {
				return usagef("%s", app.T("report.nopaths"))
			}
			if opts.Demo && len(args) > 0 {
				return usagef("%s", app.T("report.demoargs"))
			}
			return reportRun(opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Output, "output", "o", "", "thư mục kết quả (mặc định ./thidua-out/<kỳ>/) / output directory")
	f.StringVar(&opts.Period, "period", "", "kỳ báo cáo: 2026-Q3, 2026-H1, 2026 (mặc định: kỳ của đa số phiếu) / period")
	f.StringVar(&opts.Format, "format", "xlsx,pdf,json,csv", "các tệp kết quả / outputs to write")
	f.StringVar(&opts.Review, "review", "", "bảng tổng hợp đã thẩm định (sheet Thẩm định) / the council's reviewed workbook")
	f.StringVar(&opts.Previous, "previous", "", "kết quả JSON kỳ trước, để so sánh / an earlier JSON result to compare with")
	f.StringVar(&opts.Date, "date", "", "ngày báo cáo YYYY-MM-DD (cố định mọi mốc thời gian trong tệp) / report date")
	f.StringVar(&opts.Number, "number", "", "số văn bản, ví dụ 15 (để trống cho văn thư điền) / document number")
	f.BoolVar(&opts.Strict, "strict", false, "coi cảnh báo là vấn đề (mã thoát 3) / warnings make exit status 3")
	f.BoolVar(&opts.JSON, "json", false, "in kết quả JSON ra stdout / print the JSON result on stdout")
	f.BoolVar(&opts.Demo, "demo", false, "chạy thử trên bộ phiếu mẫu nhúng sẵn, ghi vào ./thidua-demo/ / run on the embedded demo forms")
	f.BoolVar(&opts.UnitSheets, "unit-sheets", false, "thêm phụ lục phiếu chấm điểm từng đơn vị vào PDF / append one page per unit to the PDF")
	f.IntVar(&opts.Workers, "workers", 0, "số luồng đọc phiếu (mặc định: số lõi CPU) / reader goroutines")
	_ = f.MarkHidden("workers")
	return cmd
}

// reportRun is the pipeline: config → collect → read → review → score → write.
func reportRun(o *ReportOptions) error {
	app := o.App
	ctx := app.Ctx
	if app.flagChanged("format") {
		if _, err := parseFormats(o.Format); err != nil {
			return err
		}
	}
	if o.Date != "" {
		if _, err := time.Parse("2006-01-02", o.Date); err != nil {
			return usagef("--date %q: YYYY-MM-DD", o.Date)
		}
	}
	if o.Demo && !app.flagChanged("config") {
		app.NoConfig = true // the demo forms are made for the embedded table
	}
	cfg, err := app.Config()
	if err != nil {
		return err
	}
	lang := cfg.Lang
	// Flags, THIDUA_* variables and the config file, in that order.
	o.Number, o.Date, o.Review, o.Previous = cfg.Number, cfg.Date, cfg.Review, cfg.Previous
	o.Strict, o.JSON, o.UnitSheets = cfg.Strict, cfg.JSON, cfg.UnitSheets
	log := app.logger()
	camp := &cfg.Campaign
	if found := camp.Check(); found.HasErrors() {
		for _, d := range found {
			d.File = cfgName(cfg, lang)
			log.Diag(d)
		}
		return diag.Errorf("report.campaign", cfgName(cfg, lang))
	}
	formats, err := parseFormats(firstNonEmpty(cfg.Format, "xlsx,pdf,json,csv"))
	if err != nil {
		return err
	}
	// The user's own narrative template is read before any work, so that a
	// wrong path stops the run instead of falling back to the embedded one.
	narrative := ""
	if cfg.Narrative != "" && formats["pdf"] {
		b, err := os.ReadFile(cfg.Narrative)
		if err != nil {
			return diag.Errorf("report.narrative", cfg.Narrative, err)
		}
		narrative = string(b)
	}
	now := app.Now()
	if o.Date != "" {
		t, err := time.Parse("2006-01-02", o.Date)
		if err != nil {
			return diag.Errorf("err.config.value", cfgName(cfg, lang), "date", o.Date+" (YYYY-MM-DD)")
		}
		now = t
	}
	var period vntext.Period
	if cfg.Period != "" {
		if period, err = vntext.ParsePeriod(cfg.Period); err != nil {
			return usagef("--period %q: %v", cfg.Period, err)
		}
	}
	for _, p := range o.Paths {
		if _, err := os.Lstat(p); err != nil {
			return diag.Errorf("report.nopath", p)
		}
	}

	// Demo: write the embedded forms where the user can open them.
	paths := o.Paths
	demoRoot := ""
	if o.Demo {
		demoRoot = "thidua-demo"
		dir := filepath.Join(demoRoot, "phieu")
		if err := writeDemoForms(dir); err != nil {
			return err
		}
		paths = []string{dir}
		log.Info(app.T("report.demo", dir))
	}

	// Where the outputs go (-o, THIDUA_OUTPUT or output:, bound into the
	// config); known before reading so the reader skips it.
	outRoot := cfg.Output
	if outRoot != "" {
		for _, p := range paths {
			if samePath(outRoot, p) {
				return usagef("%s", app.T("report.outisinput", outRoot))
			}
		}
	}
	tmp, err := os.MkdirTemp("", "thidua-run-*")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)

	start := time.Now()
	paths, jsonPaths := splitJSONPaths(paths)
	if len(jsonPaths) > 0 && (period.IsZero() || period.Kind == vntext.Quarter) {
		return usagef("%s", app.T("report.jsonperiod"))
	}
	inputs, err := form.Collect(paths, form.CollectOptions{SkipDirs: skipDirs(outRoot)})
	if err != nil {
		return err
	}
	// A soft memory limit sized to the job: without it the heap may grow
	// to twice what is live before the collector runs, which at the peak
	// (writing the workbook) is the difference between 90 and 130 MiB at
	// 1,000 forms. Under the limit the collector may wait longer (GOGC
	// 400): reading makes much short-lived garbage and little live data,
	// and collecting it less often saves a sixth of the CPU time. GOGC and
	// GOMEMLIMIT, when set, win.
	if os.Getenv("GOMEMLIMIT") == "" {
		old := debug.SetMemoryLimit(memoryLimit(len(inputs)))
		defer debug.SetMemoryLimit(old)
		if os.Getenv("GOGC") == "" {
			old := debug.SetGCPercent(400)
			defer debug.SetGCPercent(old)
		}
	}
	readOpts := form.ReadOptions{Campaign: camp, TmpDir: tmp}
	if app.Verbose || log.json {
		readOpts.OnRead = func(path string, d time.Duration) {
			log.Debug("read", "file", path, "elapsed", d.Round(time.Microsecond))
		}
	}
	bar := newProgress(app, len(inputs), o.JSON)
	workers := o.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	form.ReadAll(ctx, inputs, readOpts, workers, bar.Add)
	bar.Finish()
	if err := ctx.Err(); err != nil {
		return err
	}
	log.Debug("read", "files", len(inputs), "elapsed", time.Since(start).Round(time.Millisecond))

	sopts := score.Options{
		Campaign:     camp,
		Roster:       roster(cfg),
		Period:       period,
		DeadlineDays: cfg.DeadlineDays,
	}
	var reviewDiags diag.List
	if o.Review != "" {
		ov, ds, err := xlsx.ReadReview(o.Review, camp)
		if err != nil {
			return diag.Errorf("report.review", o.Review, err)
		}
		for i := range ov {
			ov[i].File = o.Review
		}
		for i := range ds {
			if ds[i].File == "" {
				ds[i].File = o.Review
			}
		}
		sopts.Review = ov
		reviewDiags = ds
	}
	var res *score.Result
	if !period.IsZero() && period.Kind != vntext.Quarter {
		quarters, jsonFiles := jsonout.ReadQuarters(jsonPaths, camp)
		res = score.RunLongPeriod(period, inputs, quarters, jsonFiles, sopts)
	} else {
		res = score.Run(inputs, sopts)
	}
	res.Diags = append(reviewDiags, res.Diags...)
	// The result holds what the outputs need: the forms' rows and texts
	// can go (a tenth of the memory at 10,000 forms). Paths stay for the
	// overwrite check below.
	for i := range inputs {
		inputs[i].Submission = nil
	}
	if o.Previous != "" {
		prev, err := jsonout.ReadFile(o.Previous)
		if err != nil {
			return diag.Errorf("report.previous", o.Previous, err)
		}
		score.ApplyPrevious(res, prev.Previous())
	}
	if err := ctx.Err(); err != nil {
		return err
	}

	// No --period and no readable form: the last quarter that ended before
	// the report date (a report dated 10/10 covers the third quarter).
	if res.Period.IsZero() {
		res.Period = vntext.QuarterOf(vntext.QuarterOf(now).Start().AddDate(0, 0, -1))
		log.Info(app.T("report.noperiod", res.Period.Label()))
	}
	// Refuse outputs that would overwrite an input.
	code := res.Period.Code()
	outDir := outRoot
	if outDir == "" {
		base := "thidua-out"
		if o.Demo {
			base = demoRoot
		}
		outDir = filepath.Join(base, code)
	}
	names := map[string]string{
		"xlsx": "tong-hop-" + code + ".xlsx",
		"pdf":  "bao-cao-" + code + ".pdf",
		"json": "ket-qua-" + code + ".json",
		"csv":  "ket-qua-" + code + ".csv",
	}
	for _, in := range inputs {
		for _, n := range names {
			if samePath(in.Path, filepath.Join(outDir, n)) {
				return diag.Errorf("report.overwrite", filepath.Join(outDir, n))
			}
		}
	}
	if o.Review != "" && formats["xlsx"] && samePath(o.Review, filepath.Join(outDir, names["xlsx"])) {
		// The council's workbook is an input too: keep it, write beside it.
		names["xlsx"] = "tong-hop-" + code + "-sau-tham-dinh.xlsx"
	}

	// Print the diagnostics before writing, so a long write does not hide them.
	printDiagnostics(log, res)

	// The PDF is rendered while the workbook is written (both only read
	// the result; on two cores this takes the PDF off the run's time). Its
	// warnings (characters the font cannot draw) are listed in the
	// workbook, the JSON and the CSV too: the workbook asks for them when
	// it writes its Kiểm tra sheet, and they join res.Diags once the
	// workbook is done.
	var pdfBuf bytes.Buffer
	type pdfOutcome struct {
		diags []diag.Diagnostic
		err   error
	}
	pdfDone := make(chan pdfOutcome, 1)
	if formats["pdf"] {
		popts := pdfOptions(cfg, o, now, narrative)
		go func() {
			ds, err := pdf.Write(&pdfBuf, res, popts)
			for i := range ds {
				ds[i] = ds[i].In(filepath.Join(outDir, names["pdf"]))
			}
			pdfDone <- pdfOutcome{ds, err}
		}()
	} else {
		pdfDone <- pdfOutcome{}
	}
	var pdfOut *pdfOutcome
	waitPDF := func() pdfOutcome {
		if pdfOut == nil {
			r := <-pdfDone
			pdfOut = &r
			for _, d := range r.diags {
				log.Diag(d)
			}
		}
		return *pdfOut
	}
	// The JSON report is built when first needed, after the workbook is
	// written, so that the two never take memory at the same time.
	var rep *jsonout.Report
	report := func() jsonout.Report {
		if rep == nil {
			r := jsonout.Build(res, jsonout.Meta{Lang: lang})
			rep = &r
		}
		return *rep
	}
	outs, err := newOutputSet(outDir)
	if err != nil {
		return diag.Errorf("report.outdir", outDir, err)
	}
	write := func(kind string, fn func(io.Writer) error) error {
		if !formats[kind] {
			return nil
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		t0 := time.Now()
		f, err := outs.create(names[kind])
		if err != nil {
			return err
		}
		if err := fn(f); err != nil {
			f.Close()
			return err
		}
		if err := f.Close(); err != nil {
			return err
		}
		log.Debug("wrote", "format", kind, "elapsed", time.Since(t0).Round(time.Millisecond))
		return nil
	}
	werr := errors.Join(
		write("xlsx", func(w io.Writer) error {
			return xlsx.Write(w, res, xlsx.Options{Lang: lang, Created: now, Org: cfg.Organization.Name,
				LateDiags: func() []diag.Diagnostic { return waitPDF().diags }})
		}),
		func() error {
			// The PDF's outcome is needed from here on, whatever was written.
			p := waitPDF()
			res.Diags = append(res.Diags, p.diags...)
			return p.err
		}(),
		write("pdf", func(w io.Writer) error {
			_, err := w.Write(pdfBuf.Bytes())
			return err
		}),
		write("json", func(w io.Writer) error { return jsonout.Write(w, report()) }),
		write("csv", func(w io.Writer) error { return jsonout.WriteCSV(w, res, lang) }),
	)
	if werr == nil {
		werr = ctx.Err()
	}
	if werr != nil {
		outs.abort()
		if errors.Is(werr, context.Canceled) {
			return werr
		}
		return diag.Errorf("report.write", outDir, werr)
	}
	written, err := outs.commit()
	if err != nil {
		return diag.Errorf("report.write", outDir, err)
	}
	if o.JSON {
		if err := jsonout.Write(app.IO.Out, report()); err != nil {
			return err
		}
	}
	s := res.Summary
	log.Info(app.T("report.summary", s.Files, s.Scored, s.Rejected, s.Skipped, s.Duplicates, s.Missing, s.Late, res.Period.Label()),
		"files", s.Files, "scored", s.Scored, "rejected", s.Rejected, "skipped", s.Skipped, "duplicates", s.Duplicates, "missing", s.Missing, "late", s.Late, "period", code)
	if n := log.HiddenNotes(); n > 0 {
		log.Info(app.T("report.notes", n))
	}
	for _, w := range written {
		log.Info(app.T("report.wrote", w), "file", w)
	}
	if o.Demo {
		return nil // the demo's problems are the point of it
	}
	if res.Problems(o.Strict) {
		return &problemsError{s.Rejected + s.Missing + s.Late}
	}
	return nil
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
		out[i] = score.Unit{Code: u.Code, Name: u.Name, Group: u.Group, Aliases: u.Aliases}
	}
	return out
}

func pdfOptions(cfg *config.Config, o *ReportOptions, now time.Time, narrative string) pdf.Options {
	return pdf.Options{
		Lang: cfg.Lang, Date: now, Number: o.Number,
		Parent: cfg.Organization.Parent, Agency: cfg.Organization.Name,
		Abbrev: cfg.Organization.Abbreviation, Place: cfg.Organization.Place,
		SignerAuthority: cfg.Signer.Authority, SignerTitle: cfg.Signer.Title, SignerName: cfg.Signer.Name,
		Recipients: cfg.Recipients, NarrativeTemplate: narrative, UnitSheets: o.UnitSheets,
	}
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
