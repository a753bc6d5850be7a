package cli

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/thidua/thidua/pkg/config"
	"github.com/thidua/thidua/pkg/diag"
	"github.com/thidua/thidua/pkg/form"
	"github.com/thidua/thidua/pkg/report"
	"github.com/thidua/thidua/pkg/report/jsonout"
	"github.com/thidua/thidua/pkg/report/xlsx"
	"github.com/thidua/thidua/pkg/score"
	"github.com/thidua/thidua/pkg/submission"
	"github.com/thidua/thidua/pkg/vntext"
)

// reportJob is one run of `thidua report`. Each step of reportSteps reads
// what the steps before it made and adds its own part; no step reaches
// back into an earlier one.
type reportJob struct {
	ctx  context.Context
	app  *App
	opts *ReportOptions
	cfg  *config.Config
	log  *logger

	// options
	now       time.Time // the report date
	narrative string    // the user's narrative template ("" = embedded)
	paths     []string  // form paths (the demo's folder with --demo)
	jsonPaths []string  // earlier JSON results named as inputs (longer periods)
	outRoot   string    // -o, "" = ./thidua-out/<period>/
	tmp       string    // the run's scratch directory
	cleanup   []func()

	// collect, read
	inputs []submission.Input

	// review
	reviews     []reviewFile
	review      []score.ReviewOverride
	reviewDiags diag.List

	// score, previous
	res *score.Result

	// write, commit
	outDir  string
	names   map[string]string // output kind → file name
	outs    *outputSet
	written []string
	removed []string    // earlier outputs of the period removed after the commit
	meta    report.Meta // what the outputs show besides the result
}

// reportStep is one named step of the report pipeline.
type reportStep struct {
	name string
	run  func(*reportJob) error
}

// reportSteps is the report pipeline, in order.
var reportSteps = []reportStep{
	{"options", (*reportJob).resolveOptions},
	{"collect", (*reportJob).collect},
	{"read", (*reportJob).read},
	{"review", (*reportJob).readReview},
	{"score", (*reportJob).score},
	{"previous", (*reportJob).previous},
	{"write", (*reportJob).write},
	{"commit", (*reportJob).commit},
	{"summary", (*reportJob).summary},
}

// reportRun runs the pipeline; -v prints one timing line per step.
func reportRun(o *ReportOptions) error {
	j := &reportJob{ctx: o.App.Ctx, app: o.App, opts: o, cfg: o.Config, log: o.App.logger()}
	defer func() {
		for i := len(j.cleanup) - 1; i >= 0; i-- {
			j.cleanup[i]()
		}
	}()
	for _, s := range reportSteps {
		t0 := time.Now()
		if err := s.run(j); err != nil {
			if j.outs != nil {
				j.outs.abort()
			}
			return err
		}
		if err := j.ctx.Err(); err != nil {
			if j.outs != nil {
				j.outs.abort()
			}
			return err
		}
		j.log.Debug("step", "name", s.name, "elapsed", time.Since(t0).Round(time.Microsecond))
	}
	return j.exit()
}

// resolveOptions checks the campaign and settles what the options leave
// open: the report date, the narrative template, the inputs, the output
// root and the scratch directory.
func (j *reportJob) resolveOptions() error {
	cfg := j.cfg
	if found := cfg.CheckCampaign(); found.HasErrors() {
		for _, d := range found {
			d.File = cfgName(cfg, cfg.Lang)
			j.log.Diag(d)
		}
		return diag.Errorf("report.campaign", cfgName(cfg, cfg.Lang))
	}
	// The user's own narrative template is read before any work, so that a
	// wrong path stops the run instead of falling back to the embedded one.
	if cfg.Narrative != "" && writesDocument(cfg) {
		b, err := os.ReadFile(cfg.Narrative)
		if err != nil {
			return diag.Errorf("report.narrative", cfg.Narrative, err)
		}
		j.narrative = string(b)
	}
	j.now = j.app.Now()
	if !cfg.Date.IsZero() {
		j.now = cfg.Date
	}
	for _, p := range j.opts.Paths {
		if _, err := os.Lstat(p); err != nil {
			return diag.Errorf("report.nopath", p)
		}
	}
	j.paths = j.opts.Paths
	if j.opts.Demo {
		// The embedded forms, written where the user can open them.
		dir := filepath.Join(demoRoot, "phieu")
		if err := writeDemoForms(dir); err != nil {
			return err
		}
		j.paths = []string{dir}
		j.log.Info(j.app.T("report.demo", dir))
	}
	// Where the outputs go is known before reading, so the reader skips it.
	j.outRoot = cfg.Output
	if j.outRoot != "" {
		for _, p := range j.paths {
			if samePath(j.outRoot, p) {
				return usagef("%s", j.app.T("report.outisinput", j.outRoot))
			}
			if st, err := os.Stat(p); err == nil && st.IsDir() && insideDir(j.outRoot, p) {
				return usagef("%s", j.app.T("report.outinside", j.outRoot, p))
			}
		}
	}
	j.paths, j.jsonPaths = splitJSONPaths(j.paths)
	if p := cfg.Period; len(j.jsonPaths) > 0 && (p.IsZero() || len(p.PartKinds()) == 0) {
		return usagef("%s", j.app.T("report.jsonperiod"))
	}
	tmp, err := os.MkdirTemp("", "thidua-run-*")
	if err != nil {
		return err
	}
	j.tmp = tmp
	j.cleanup = append(j.cleanup, func() { os.RemoveAll(tmp) })
	return nil
}

// maxResultFile bounds an earlier JSON result read back (--previous, a
// roll-up's inputs): 10,000 units' result is about 20 MB.
const maxResultFile = 256 << 20

// readResultFile reads an earlier JSON result: a regular file only, bounded
// in size, stopped by Ctrl-C.
func (j *reportJob) readResultFile(path string) ([]byte, error) {
	return form.ReadFileBounded(j.ctx, path, maxResultFile)
}

// collect lists the input files.
func (j *reportJob) collect() error {
	inputs, err := form.CollectContext(j.ctx, j.paths, form.CollectOptions{SkipDirs: skipDirs(j.outRoot)})
	j.inputs = inputs
	if err != nil {
		return err
	}
	// No form at all: without --period there is no period to report on,
	// and an all-missing report of a guessed quarter would be wrong.
	if countForms(j.inputs) == 0 && len(j.jsonPaths) == 0 && j.cfg.Period.IsZero() {
		for _, in := range j.inputs {
			j.log.Diag(*in.Skip)
		}
		return diag.Errorf("report.noforms", strings.Join(j.opts.Paths, ", "))
	}
	return nil
}

// read reads every form, on all cores, under a soft memory limit sized to
// the job.
func (j *reportJob) read() error {
	// Without the limit the heap may grow to twice what is live before the
	// collector runs, which at the peak (writing the workbook) is the
	// difference between 90 and 130 MiB at 1,000 forms. Under the limit the
	// collector may wait longer (GOGC 400): reading makes much short-lived
	// garbage and little live data, and collecting it less often saves a
	// sixth of the CPU time. GOGC and GOMEMLIMIT, when set, win.
	if os.Getenv("GOMEMLIMIT") == "" {
		old := debug.SetMemoryLimit(memoryLimit(len(j.inputs)))
		j.cleanup = append(j.cleanup, func() { debug.SetMemoryLimit(old) })
		if os.Getenv("GOGC") == "" {
			old := debug.SetGCPercent(400)
			j.cleanup = append(j.cleanup, func() { debug.SetGCPercent(old) })
		}
	}
	ropts := form.ReadOptions{Campaign: &j.cfg.Campaign, TmpDir: j.tmp}
	if j.app.Verbose || j.log.json {
		ropts.OnRead = func(path string, d time.Duration) {
			j.log.Debug("read", "file", path, "elapsed", d.Round(time.Microsecond))
		}
	}
	bar := newProgress(j.app, len(j.inputs), j.cfg.JSON)
	workers := j.opts.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	form.ReadAll(j.ctx, j.inputs, ropts, workers, bar.Add)
	bar.Finish()
	return nil
}

// countForms counts the inputs that were read as forms (rejected ones
// included): what is not skipped.
func countForms(inputs []submission.Input) int {
	n := 0
	for _, in := range inputs {
		if in.Skip == nil {
			n++
		}
	}
	return n
}

// readReview reads the council's review sheets (--review, one per period).
// Each workbook must say it was made for this criteria table and for the
// period reported on (in a half year or year, for one of its quarters):
// another one is refused before anything is scored.
func (j *reportJob) readReview() error {
	cfg := j.cfg
	fp := cfg.Campaign.Fingerprint()
	seen := map[vntext.Period]string{}
	for _, path := range cfg.Review {
		// Read bounded (a FIFO or /dev/zero named here must not hang the
		// run) and refuse a workbook with damaged XML rather than lose the
		// council's changes after the damage.
		data, err := form.ReadFileBounded(j.ctx, path, xlsx.ReviewFileLimit)
		if err == nil {
			err = form.CheckPackageXML(j.ctx, data, xlsx.ReviewXMLLimit)
		}
		if err != nil {
			if errors.Is(err, context.Canceled) {
				return err
			}
			return diag.Errorf("report.review", path, err)
		}
		rv, err := xlsx.ReadReviewData(data, path, &cfg.Campaign)
		if err != nil {
			return diag.Errorf("report.review", path, err)
		}
		id := rv.Identity
		switch {
		case id.Format == "" || id.Period.IsZero():
			return diag.Errorf("report.review.unknown", path)
		case id.Fingerprint != fp:
			return diag.Errorf("report.review.table", path, id.Campaign, id.Fingerprint, cfg.Campaign.Code, fp)
		}
		if other, dup := seen[id.Period]; dup {
			return usagef("%s", j.app.T("report.review.twice", other, path, id.Period.Label()))
		}
		seen[id.Period] = path
		if p := cfg.Period; !p.IsZero() && !reviewFits(id.Period, p) {
			return diag.Errorf("report.review.period", path, id.Period.Label(), p.Label())
		}
		for i := range rv.Diags {
			if rv.Diags[i].File == "" {
				rv.Diags[i].File = path
			}
		}
		j.reviews = append(j.reviews, reviewFile{path, id.Period})
		j.review = append(j.review, rv.Overrides...)
		j.reviewDiags = append(j.reviewDiags, rv.Diags...)
	}
	return nil
}

// reviewFile is one --review workbook and the period it was made for.
type reviewFile struct {
	path   string
	period vntext.Period
}

// reviewFits reports whether a review made for period rp applies to a run
// over p: the same period, or a quarter of a half year or year.
func reviewFits(rp, p vntext.Period) bool {
	return rp == p || p.Kind != vntext.Quarter && rp.Kind == vntext.Quarter && p.Contains(rp)
}

// score scores the period: a quarter from its forms, a longer period by
// rolling up its quarters (forms and earlier JSON results).
func (j *reportJob) score() error {
	cfg := j.cfg
	sopts := score.Options{
		Campaign:     &cfg.Campaign,
		Roster:       roster(cfg),
		Period:       cfg.Period,
		DeadlineDays: cfg.DeadlineDays,
		Review:       j.review,
	}
	if p := cfg.Period; !p.IsZero() { // a longer period rolls up its parts; one with none reads its forms as they are
		quarters, jsonFiles := jsonout.ReadQuarters(j.jsonPaths, &cfg.Campaign, j.readResultFile)
		j.res = score.RunLongPeriod(p, j.inputs, quarters, jsonFiles, sopts)
	} else {
		j.res = score.Run(j.inputs, sopts)
	}
	j.res.Diags = append(j.reviewDiags, j.res.Diags...)
	// Without --period the period is the forms'; a review made for another
	// one would change the wrong quarter.
	for _, rv := range j.reviews {
		if !j.res.Period.IsZero() && !reviewFits(rv.period, j.res.Period) {
			return diag.Errorf("report.review.period", rv.path, rv.period.Label(), j.res.Period.Label())
		}
		// A review applies to a period scored from forms in this run: not
		// to a roll-up itself, nor to a part read from an earlier JSON
		// result.
		if !slices.Contains(j.res.Reviewed, rv.period) {
			return diag.Errorf("report.review.unused", rv.path, rv.period.Label())
		}
	}
	// The result holds what the outputs need: the forms' rows and texts
	// can go (a tenth of the memory at 10,000 forms). Paths stay for the
	// overwrite check.
	for i := range j.inputs {
		j.inputs[i].Submission = nil
	}
	// No --period and no readable form: the last quarter that ended before
	// the report date (a report dated 10/10 covers the third quarter).
	if j.res.Period.IsZero() {
		j.res.Period = vntext.QuarterOf(vntext.QuarterOf(j.now).Start().AddDate(0, 0, -1))
		j.log.Info(j.app.T("report.noperiod", j.res.Period.Label()))
	}
	return nil
}

// previous adds each unit's change since an earlier result (--previous).
func (j *reportJob) previous() error {
	path := j.cfg.Previous
	if path == "" {
		return nil
	}
	data, err := j.readResultFile(path)
	if err != nil {
		if errors.Is(err, context.Canceled) {
			return err
		}
		return diag.Errorf("report.previous", path, err)
	}
	prev, err := jsonout.Read(bytes.NewReader(data))
	if err != nil {
		return diag.Errorf("report.previous", path, err)
	}
	// A change "since" a later (or the same) period would read backwards.
	p, err := vntext.ParsePeriod(prev.Period.Code)
	if cur := j.res.Period; err != nil || !p.End().Before(cur.Start()) {
		return diag.Errorf("report.previous.later", path, prev.Period.Code, cur.Label())
	}
	score.ApplyPrevious(j.res, prev.Previous())
	return nil
}

// write names the outputs, refuses to overwrite an input, prints the
// diagnostics, and renders every output into a temp file beside its final
// name.
func (j *reportJob) write() error {
	code := j.res.Period.Code()
	j.outDir = j.outRoot
	if j.outDir == "" {
		base := "thidua-out"
		if j.opts.Demo {
			base = demoRoot
		}
		j.outDir = filepath.Join(base, code)
	}
	j.names = outputNames(code)
	for _, in := range j.inputs {
		for _, n := range j.names {
			if samePath(in.Path, filepath.Join(j.outDir, n)) {
				return diag.Errorf("report.overwrite", filepath.Join(j.outDir, n))
			}
		}
	}
	if wb := xlsx.Output; hasFormat(j.cfg, wb.Kind) && isReview(j.cfg, filepath.Join(j.outDir, j.names[wb.Kind])) {
		// The council's workbook is an input too: keep it, write beside it.
		j.names[wb.Kind] = wb.FileName(code + "-sau-tham-dinh")
	}
	// Print the diagnostics before writing, so a long write does not hide
	// them, with the paths as the user gave them; the outputs show each
	// path relative to the argument it came from.
	printDiagnostics(j.log, j.res)
	showPaths(j.res, j.pathArgs())

	outs, err := newOutputSet(j.outDir)
	if err != nil {
		return diag.Errorf("report.outdir", j.outDir, err)
	}
	j.outs = outs
	if err := j.render(); err != nil {
		if errors.Is(err, context.Canceled) {
			return err
		}
		return diag.Errorf("report.write", j.outDir, err)
	}
	return nil
}

// pathArgs are the arguments the run's input files came from: the PATHs
// (the demo's folder), the earlier results of a longer period, the
// --review workbooks and the --previous result.
func (j *reportJob) pathArgs() []string {
	args := append(append([]string(nil), j.paths...), j.jsonPaths...)
	args = append(args, j.cfg.Review...)
	if j.cfg.Previous != "" {
		args = append(args, j.cfg.Previous)
	}
	return args
}

// render writes each output the run asks for into the output set
// (writeOutputs: the documents first, so that their warnings reach the
// data outputs).
func (j *reportJob) render() error {
	j.meta = reportMeta(j.cfg, j.now, j.narrative)
	if err := writeOutputs(j.ctx, j.log, j.outs, chosenOutputs(j.cfg), j.names, j.res, j.meta); err != nil {
		return err
	}
	return j.ctx.Err()
}

// commit renames every rendered output into place, all or none, then
// removes the period's earlier outputs that this run did not write again
// (a rerun with fewer formats must not leave yesterday's ranks beside
// today's).
func (j *reportJob) commit() error {
	written, err := j.outs.commit()
	if err != nil {
		return diag.Errorf("report.write", j.outDir, err)
	}
	j.written = written
	keep := append([]string(nil), written...)
	keep = append(keep, j.cfg.Review...)
	for _, in := range j.inputs {
		keep = append(keep, in.Path)
	}
	j.removed = removeStale(j.outDir, j.res.Period.Code(), keep)
	return nil
}

// summary prints the JSON result (--json), the counts and what was written.
func (j *reportJob) summary() error {
	if j.cfg.JSON {
		if _, err := jsonout.Write(j.app.IO.Out, j.res, j.meta); err != nil {
			return err
		}
	}
	s, code := j.res.Summary, j.res.Period.Code()
	j.log.Info(j.app.T("report.summary", s.Files, s.Scored, s.Rejected, s.Skipped, s.Duplicates, s.Missing, s.Late, j.res.Period.Label()),
		"files", s.Files, "scored", s.Scored, "rejected", s.Rejected, "skipped", s.Skipped, "duplicates", s.Duplicates, "missing", s.Missing, "late", s.Late, "period", code)
	if n := j.log.HiddenNotes(); n > 0 {
		j.log.Info(j.app.T("report.notes", n))
	}
	for _, w := range j.written {
		j.log.Info(j.app.T("report.wrote", w), "file", w)
	}
	for _, r := range j.removed {
		j.log.Info(j.app.T("report.removed", r), "removed", r)
	}
	return nil
}

// exit is the run's outcome once every step is done: problems (rejected
// files, missing or late units, warnings under --strict) exit 3, except
// in the demo, whose problems are the point of it.
func (j *reportJob) exit() error {
	if j.opts.Demo {
		return nil
	}
	if j.res.Problems(j.cfg.Strict) {
		s := j.res.Summary
		return &problemsError{s.Rejected + s.Missing + s.Late}
	}
	return nil
}

// isReview reports whether path is one of the run's --review workbooks.
func isReview(cfg *config.Config, path string) bool {
	for _, r := range cfg.Review {
		if samePath(r, path) {
			return true
		}
	}
	return false
}
