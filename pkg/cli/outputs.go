package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/thidua/thidua/pkg/config"
	"github.com/thidua/thidua/pkg/diag"
	"github.com/thidua/thidua/pkg/report"
	"github.com/thidua/thidua/pkg/report/csv"
	"github.com/thidua/thidua/pkg/report/docx"
	"github.com/thidua/thidua/pkg/report/jsonout"
	"github.com/thidua/thidua/pkg/report/pdf"
	"github.com/thidua/thidua/pkg/report/xlsx"
	"github.com/thidua/thidua/pkg/score"
)

// outputSet writes a run's output files all or nothing: each file is
// written to a temp file in the output directory and synced; commit checks
// every final name, then renames the temp files into place, putting back
// what it replaced if a rename fails, and syncs the directory. Abort
// removes the temp files, so an error or an interrupt leaves no partial
// output under a final name.
type outputSet struct {
	dir     string
	temps   []string // temp paths, in order
	finals  []string // final paths, same order
	created bool     // dir was created by us (removed on abort when empty)
}

func newOutputSet(dir string) (*outputSet, error) {
	o := &outputSet{dir: dir}
	if _, err := os.Stat(dir); os.IsNotExist(err) {
		o.created = true
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	// Probe that the directory is writable before doing any work.
	f, err := os.CreateTemp(dir, ".thidua-probe-*")
	if err != nil {
		o.abort()
		return nil, err
	}
	f.Close()
	os.Remove(f.Name())
	return o, nil
}

// create opens the temp file for the final name.
func (o *outputSet) create(name string) (*os.File, error) {
	f, err := os.CreateTemp(o.dir, "."+name+".*.tmp")
	if err != nil {
		return nil, err
	}
	o.temps = append(o.temps, f.Name())
	o.finals = append(o.finals, filepath.Join(o.dir, name))
	return f, nil
}

// finish syncs and closes a file made by create.
func (o *outputSet) finish(f *os.File) error {
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// commit renames every temp file into place, all or none: a final name
// that is not a regular file stops it before the first rename, and a
// rename that fails puts back the files already replaced.
func (o *outputSet) commit() ([]string, error) {
	for _, final := range o.finals {
		if st, err := os.Lstat(final); err == nil && !st.Mode().IsRegular() {
			o.abort()
			return nil, &os.PathError{Op: "commit", Path: final, Err: errNotRegular}
		}
	}
	type done struct{ final, backup string }
	var renamed []done
	rollback := func() {
		for i := len(renamed) - 1; i >= 0; i-- {
			os.Remove(renamed[i].final)
			if renamed[i].backup != "" {
				os.Rename(renamed[i].backup, renamed[i].final)
			}
		}
	}
	for i, t := range o.temps {
		final := o.finals[i]
		if err := os.Chmod(t, 0o644); err != nil {
			rollback()
			o.abort()
			return nil, err
		}
		d := done{final: final}
		if _, err := os.Lstat(final); err == nil {
			d.backup = t + ".old"
			if err := os.Rename(final, d.backup); err != nil {
				rollback()
				o.abort()
				return nil, err
			}
		}
		if err := os.Rename(t, final); err != nil {
			if d.backup != "" {
				os.Rename(d.backup, final)
			}
			rollback()
			o.abort()
			return nil, err
		}
		renamed = append(renamed, d)
	}
	for _, d := range renamed {
		if d.backup != "" {
			os.Remove(d.backup)
		}
	}
	o.temps = nil
	syncDir(o.dir)
	return o.finals, nil
}

var errNotRegular = errors.New("không phải tệp thường / not a regular file")

// syncDir flushes a directory's entries to disk (where the system allows
// it: Windows does not, and its renames are durable anyway).
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}

// removeStale removes the earlier outputs of period in dir that this run
// did not write (keep), and returns the paths removed. Only files named as
// thidua names its outputs are touched; an input (keep) never is.
func removeStale(dir, period string, keep []string) []string {
	ours := map[string]bool{}
	for _, o := range outputs {
		ours[o.FileName(period)] = true
		ours[o.FileName(period+"-sau-tham-dinh")] = true
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var removed []string
	for _, e := range entries {
		if !ours[e.Name()] || !e.Type().IsRegular() {
			continue
		}
		p := filepath.Join(dir, e.Name())
		kept := false
		for _, k := range keep {
			kept = kept || samePath(p, k)
		}
		if !kept && os.Remove(p) == nil {
			removed = append(removed, p)
		}
	}
	if len(removed) > 0 {
		syncDir(dir)
	}
	return removed
}

// abort removes every temp file (and the directory if we made it and it is
// empty).
func (o *outputSet) abort() {
	for _, t := range o.temps {
		os.Remove(t)
	}
	o.temps = nil
	if o.created {
		os.Remove(o.dir) // only succeeds when empty
	}
}

// insideDir reports whether path is dir or lies below it, comparing real
// paths (links resolved, a path that does not exist yet by its nearest
// existing parent).
func insideDir(path, dir string) bool {
	rel, err := filepath.Rel(realAbs(dir), realAbs(path))
	return err == nil && (rel == "." || rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)))
}

// realAbs returns p absolute with its links resolved as far as it exists.
func realAbs(p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		return filepath.Clean(p)
	}
	rest := ""
	for cur := a; ; cur = filepath.Dir(cur) {
		if r, err := filepath.EvalSymlinks(cur); err == nil {
			return filepath.Join(r, rest)
		}
		if filepath.Dir(cur) == cur {
			return a
		}
		rest = filepath.Join(filepath.Base(cur), rest)
	}
}

// output is one output of report: what it is (its kind, file name, and
// whether it is a document) and the function that writes it.
type output struct {
	report.Output
	write report.WriteFunc
}

// outputs are the outputs of report, in the order their files are written
// and listed. The format option (its names, default and completion), the
// file names, the overwrite check, the writing and the help read this
// table; a new output is a writer package with an Output and a Write, and
// a line here.
var outputs = []output{
	{xlsx.Output, xlsx.Write},
	{pdf.Output, pdf.Write},
	{docx.Output, docx.Write},
	{jsonout.Output, jsonout.Write},
	{csv.Output, csv.Write},
}

// formatKinds lists the names --format takes, in writing order.
func formatKinds() []string {
	out := make([]string, len(outputs))
	for i, o := range outputs {
		out[i] = o.Kind
	}
	return out
}

// outputNames maps each output kind to its file name for the period.
func outputNames(period string) map[string]string {
	out := map[string]string{}
	for _, o := range outputs {
		out[o.Kind] = o.FileName(period)
	}
	return out
}

// outputsHelp lists the outputs for the report command's help.
func outputsHelp() string {
	var b strings.Builder
	for _, o := range outputs {
		fmt.Fprintf(&b, "  %-20s %s\n", o.FileName("<kỳ>"), o.About)
	}
	return b.String()
}

// hasFormat reports whether the run writes the output kind.
func hasFormat(cfg *config.Config, kind string) bool {
	for _, f := range cfg.Formats {
		if f == kind {
			return true
		}
	}
	return false
}

// chosenOutputs returns the outputs the run writes, in table order.
func chosenOutputs(cfg *config.Config) []output {
	var out []output
	for _, o := range outputs {
		if hasFormat(cfg, o.Kind) {
			out = append(out, o)
		}
	}
	return out
}

// writesDocument reports whether the run writes a document (the PDF).
func writesDocument(cfg *config.Config) bool {
	for _, o := range chosenOutputs(cfg) {
		if o.Document {
			return true
		}
	}
	return false
}

// writeOutputs writes the chosen outputs of res, each to the file names
// gives for its kind, into outs (temp files until the commit). The
// documents (the PDF and the Word file) are rendered first, into memory and
// side by side: what they report (characters the PDF's font cannot draw)
// is logged and joins res.Diags, in table order, so that every
// data output written after them (the workbook's Kiểm tra sheet, the JSON)
// lists it. Then every file is written, in table order. The data outputs
// report nothing today; should one, its diagnostics are logged and reach
// the outputs after it.
func writeOutputs(ctx context.Context, log *logger, outs *outputSet, chosen []output, names map[string]string, res *score.Result, m report.Meta) error {
	// What a writer found is said on the terminal with the output's path
	// and listed in the data outputs with its name (they sit beside it).
	found := func(kind string, ds diag.List) {
		for _, d := range ds {
			log.Diag(d.In(filepath.Join(outs.dir, names[kind])))
			res.Diags = append(res.Diags, d.In(names[kind]))
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	// The documents only read res and m: they are rendered side by side,
	// and what they report joins res.Diags in table order afterwards.
	type doc struct {
		kind string
		b    []byte
		ds   diag.List
		err  error
		took time.Duration
	}
	var docs []*doc
	var wg sync.WaitGroup
	for _, o := range chosen {
		if !o.Document {
			continue
		}
		d := &doc{kind: o.Kind}
		docs = append(docs, d)
		wg.Add(1)
		go func() {
			defer wg.Done()
			t0 := time.Now()
			var buf bytes.Buffer
			d.ds, d.err = o.write(&buf, res, m)
			d.b, d.took = buf.Bytes(), time.Since(t0)
		}()
	}
	wg.Wait()
	rendered := map[string][]byte{}
	for _, d := range docs {
		found(d.kind, d.ds)
		if d.err != nil {
			return d.err
		}
		rendered[d.kind] = d.b
		log.Debug("rendered", "format", d.kind, "elapsed", d.took.Round(time.Millisecond))
	}
	for _, o := range chosen {
		if err := ctx.Err(); err != nil {
			return err
		}
		t0 := time.Now()
		f, err := outs.create(names[o.Kind])
		if err != nil {
			return err
		}
		var ds diag.List
		if b, ok := rendered[o.Kind]; ok {
			_, err = f.Write(b)
		} else {
			ds, err = o.write(f, res, m)
		}
		if err != nil {
			f.Close()
			return err
		}
		if err := outs.finish(f); err != nil {
			return err
		}
		found(o.Kind, ds)
		log.Debug("wrote", "format", o.Kind, "elapsed", time.Since(t0).Round(time.Millisecond))
	}
	return nil
}

// samePath reports whether a and b name the same file.
func samePath(a, b string) bool {
	aa, err1 := filepath.Abs(a)
	bb, err2 := filepath.Abs(b)
	if err1 == nil && err2 == nil && aa == bb {
		return true
	}
	sa, err1 := os.Stat(a)
	sb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(sa, sb)
}
