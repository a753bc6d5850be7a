package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/thidua/thidua/pkg/config"
)

// outputSet writes a run's output files atomically: each file is written to a
// temp file in the output directory and renamed into place only when every
// file is complete (commit). Abort removes the temp files, so an error or an
// interrupt leaves no partial output under a final name.
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

// commit renames every temp file into place.
func (o *outputSet) commit() ([]string, error) {
	for i, t := range o.temps {
		if err := os.Chmod(t, 0o644); err != nil {
			o.abort()
			return nil, err
		}
		if err := os.Rename(t, o.finals[i]); err != nil {
			o.abort()
			return nil, err
		}
	}
	o.temps = nil
	return o.finals, nil
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

// outputKind is one output of report: the name --format takes, its file
// name for a period code, and a line of help.
type outputKind struct {
	kind string
	file func(period string) string
	help string
}

// outputKinds are the outputs of report, in writing order. The format
// option, the file names, the overwrite check and the help read this table.
var outputKinds = []outputKind{
	{"xlsx", func(p string) string { return "tong-hop-" + p + ".xlsx" },
		"bảng tổng hợp (Tổng hợp, Chi tiết, Thẩm định, Kiểm tra, Chưa nộp, Biểu đồ, Nguồn)"},
	{"pdf", func(p string) string { return "bao-cao-" + p + ".pdf" },
		"báo cáo theo thể thức Nghị định 30/2020/NĐ-CP"},
	{"json", func(p string) string { return "ket-qua-" + p + ".json" },
		"kết quả cho máy đọc (schema thidua.report/v1)"},
	{"csv", func(p string) string { return "ket-qua-" + p + ".csv" },
		"bảng Tổng hợp dạng CSV (UTF-8 có BOM)"},
}

// formatKinds lists the names --format takes, in writing order.
func formatKinds() []string {
	out := make([]string, len(outputKinds))
	for i, k := range outputKinds {
		out[i] = k.kind
	}
	return out
}

// outputNames maps each output kind to its file name for the period.
func outputNames(period string) map[string]string {
	out := map[string]string{}
	for _, k := range outputKinds {
		out[k.kind] = k.file(period)
	}
	return out
}

// outputsHelp lists the outputs for the report command's help.
func outputsHelp() string {
	var b strings.Builder
	for _, k := range outputKinds {
		fmt.Fprintf(&b, "  %-20s %s\n", k.file("<kỳ>"), k.help)
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
