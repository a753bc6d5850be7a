package form

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/thidua/thidua/pkg/diag"
	"github.com/thidua/thidua/pkg/submission"
)

// Extensions are the file extensions Collect picks up in directories.
var Extensions = []string{".xlsx", ".xlsm", ".xls"}

func isSpreadsheet(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	for _, e := range Extensions {
		if ext == e {
			return true
		}
	}
	return false
}

// lockOrHidden returns the skip diagnostic for an Office lock file ("~$…",
// ".~lock…#") or a hidden file, or nil.
func lockOrHidden(name string) *diag.Diagnostic {
	switch {
	case strings.HasPrefix(name, "~$") || strings.HasPrefix(name, ".~lock"):
		d := diag.New("TD112", name)
		return &d
	case strings.HasPrefix(name, "."):
		d := diag.New("TD113", name)
		return &d
	}
	return nil
}

// Collect finds the forms under paths: files are taken as given (whatever
// their extension), directories are walked recursively for .xlsx, .xlsm
// and .xls files. Office lock files and hidden files are skipped, and so
// are the directories in skipDirs (the output directory), each reported as
// a skipped input with a note. Symbolic links to directories are followed
// once (a loop cannot hang the walk); hidden directories are not entered. A
// path that does not exist is an input whose submission holds the error.
// Inputs come back sorted by path, each with its size, and a file reached
// twice is listed once. A skipped file has its SHA-256 too; a file to be
// read gets it from ReadAll, which hashes the bytes it reads anyway
// (hashing here as well would read every form twice before the work
// starts). The error is reserved for failures of the walk itself; today
// every problem is reported on an input instead.
func Collect(paths []string, opts CollectOptions) ([]submission.Input, error) {
	c := &collector{seen: map[string]bool{}, visited: map[string]bool{}, skip: map[string]bool{}}
	for _, d := range opts.SkipDirs {
		if d != "" {
			c.skip[realPath(d)] = true
		}
	}
	for _, p := range paths {
		c.arg(p)
	}
	sort.SliceStable(c.out, func(i, j int) bool { return c.out[i].Path < c.out[j].Path })
	return c.out, nil
}

// CollectOptions tune Collect.
type CollectOptions struct {
	// SkipDirs are directories not to read (the output directory); one
	// found under a PATH argument is listed as skipped.
	SkipDirs []string
}

type collector struct {
	out     []submission.Input
	seen    map[string]bool // real paths of files listed
	visited map[string]bool // real paths of directories walked
	skip    map[string]bool
}

func realPath(p string) string {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		p = r
	}
	if a, err := filepath.Abs(p); err == nil {
		p = a
	}
	return filepath.Clean(p)
}

func (c *collector) arg(p string) {
	st, err := os.Stat(p)
	if err != nil {
		d := openDiag(err, p)
		d.File = p
		c.out = append(c.out, submission.Input{Path: p, Submission: &submission.Submission{Path: p, Diags: diag.List{d}}})
		return
	}
	if st.IsDir() {
		c.dir(p)
		return
	}
	c.file(p, st)
}

func (c *collector) dir(p string) {
	rp := realPath(p)
	if c.skip[rp] {
		d := diag.New("TD114", p).In(p)
		c.out = append(c.out, submission.Input{Path: p, Skip: &d})
		return
	}
	if c.visited[rp] {
		return
	}
	c.visited[rp] = true
	entries, err := os.ReadDir(p)
	if err != nil {
		d := diag.New("TD115", err.Error()).In(p)
		c.out = append(c.out, submission.Input{Path: p, Submission: &submission.Submission{Path: p, Diags: diag.List{d}}})
		return
	}
	for _, e := range entries {
		name := e.Name()
		full := filepath.Join(p, name)
		st, err := os.Stat(full) // follows links
		if err != nil {
			// A link that is dangling or loops: listed when named like a
			// form, so that it is not silently left out.
			if isSpreadsheet(name) && !c.seen[full] {
				c.seen[full] = true
				d := diag.New("TD115", err.Error()).In(full)
				c.out = append(c.out, submission.Input{Path: full, Submission: &submission.Submission{Path: full, Diags: diag.List{d}}})
			}
			continue
		}
		if st.IsDir() {
			if strings.HasPrefix(name, ".") && !strings.HasPrefix(name, ".~lock") {
				continue
			}
			c.dir(full)
			continue
		}
		if !st.Mode().IsRegular() {
			continue
		}
		if strings.HasPrefix(name, "~$") || strings.HasPrefix(name, ".~lock") || isSpreadsheet(name) {
			c.file(full, st)
		}
	}
}

func (c *collector) file(p string, st os.FileInfo) {
	rp := realPath(p)
	if c.seen[rp] {
		return
	}
	c.seen[rp] = true
	in := submission.Input{Path: p, Size: st.Size()}
	if d := lockOrHidden(filepath.Base(p)); d != nil {
		dd := d.In(p)
		in.Skip = &dd
		in.SHA256, _ = hashFile(p)
	}
	c.out = append(c.out, in)
}

func hashFile(p string) (string, error) {
	f, err := os.Open(p)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// ReadAll reads every input that is neither skipped nor already read,
// with workers goroutines (at least 1), filling in each input's Submission
// in place, so the results keep the inputs' order whatever order the reads
// finish in. progress, when not nil, is called once per file read (from the
// workers; it must be safe for concurrent use). When ctx is cancelled no
// new file is started and ctx's error is returned.
func ReadAll(ctx context.Context, inputs []submission.Input, opts ReadOptions, workers int, progress func()) error {
	if workers < 1 {
		workers = 1
	}
	jobs := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				start := time.Now()
				s := Read(ctx, inputs[i].Path, opts)
				if opts.OnRead != nil {
					opts.OnRead(inputs[i].Path, time.Since(start))
				}
				if inputs[i].SHA256 == "" {
					inputs[i].SHA256 = s.SHA256
				}
				if inputs[i].Size == 0 {
					inputs[i].Size = s.Size
				}
				inputs[i].Submission = s
				if progress != nil {
					progress()
				}
			}
		}()
	}
	var err error
feed:
	for i := range inputs {
		if inputs[i].Skip != nil || inputs[i].Submission != nil {
			continue
		}
		if err = ctx.Err(); err != nil { // select below picks at random when both are ready
			break feed
		}
		select {
		case jobs <- i:
		case <-ctx.Done():
			err = ctx.Err()
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	if err == nil {
		err = ctx.Err()
	}
	return err
}
