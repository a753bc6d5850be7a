package cli

import (
	"os"
	"path/filepath"
	"strings"
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

// knownFormats are the outputs of report, in writing order.
var knownFormats = []string{"xlsx", "pdf", "json", "csv"}

// parseFormats reads "xlsx,pdf" into a set; unknown names are usage errors.
func parseFormats(s string) (map[string]bool, error) {
	out := map[string]bool{}
	for _, f := range strings.Split(s, ",") {
		f = strings.ToLower(strings.TrimSpace(f))
		if f == "" {
			continue
		}
		ok := false
		for _, k := range knownFormats {
			if f == k {
				ok = true
			}
		}
		if !ok {
			return nil, usagef("--format: %q (xlsx, pdf, json, csv)", f)
		}
		out[f] = true
	}
	if len(out) == 0 {
		return nil, usagef("--format: empty")
	}
	return out, nil
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
