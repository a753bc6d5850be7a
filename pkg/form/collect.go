package form

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/thidua/thidua/pkg/diag"
	"github.com/thidua/thidua/pkg/submission"
)

// Extensions are the file extensions of the forms Collect reads in
// directories.
var Extensions = []string{".xlsx", ".xlsm", ".xls"}

// convertible are spreadsheet formats thidua does not read, each with the
// program that saves it as .xlsx (TD123).
var convertible = map[string][2]string{
	".ods":  {"OpenDocument (.ods)", "LibreOffice"},
	".fods": {"OpenDocument (.fods)", "LibreOffice"},
	".xlsb": {"Excel Binary (.xlsb)", "Excel"},
}

func isSpreadsheet(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	for _, e := range Extensions {
		if ext == e {
			return true
		}
	}
	return false
}

// isOutputName reports whether a file is named like one of thidua's own
// outputs that are not workbooks: ket-qua-<period>.json/.csv,
// bao-cao-<period>.pdf/.docx. (The consolidated workbook, however named, is
// recognised by its sheets when it is read: see isThiduaOutput.)
func isOutputName(name string) bool {
	n := strings.ToLower(name)
	ext := filepath.Ext(n)
	switch {
	case strings.HasPrefix(n, "ket-qua-") && (ext == ".json" || ext == ".csv"):
		return true
	case strings.HasPrefix(n, "bao-cao-") && (ext == ".pdf" || ext == ".docx"):
		return true
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

// Collect finds the inputs under paths, every entry accounted for. A file
// named in paths is read as a form whatever its extension, if it is a
// regular file. A directory is walked recursively and every entry in it is
// listed: .xlsx, .xlsm and .xls files to be read; .ods and .xlsb rejected
// with how to save them as .xlsx (TD123); thidua's own JSON, CSV, PDF and
// Word outputs (TD124), other files (TD122), Office lock files and hidden
// files (TD112, TD113), hidden folders (TD128), the directories in
// opts.SkipDirs (TD114), folders more than MaxWalkDepth levels down (TD126)
// and folders that cannot be read (TD127) skipped, each with its reason.
//
// Only regular files are ever opened: a FIFO, a device or a socket, named
// or found, or reached through a symbolic link, is skipped (TD121). A link
// to a file is followed (the file is listed once, under the first path
// that reaches it); a link to a directory found while walking is not
// (TD125): the walk never leaves the directory it was given, and a link
// loop cannot hang it. A link named in paths is followed. A link that
// leads nowhere is rejected (TD115) when named like a form, else skipped.
// A path that does not exist is an input whose submission holds the
// error.
//
// Inputs come back sorted by path, each file with its size. A skipped
// lock or hidden file has its SHA-256 too (when within the file size
// limit); files that are not forms are not read at all; a file to be read
// gets it from ReadAll, which hashes the bytes it reads anyway. The error is reserved for failures of the walk itself; today
// every problem is reported on an input instead.
func Collect(paths []string, opts CollectOptions) ([]submission.Input, error) {
	return CollectContext(context.Background(), paths, opts)
}

// CollectContext is Collect, stopping with ctx's error when ctx is done
// (walking a large tree and hashing skipped lock and hidden files take
// time).
func CollectContext(ctx context.Context, paths []string, opts CollectOptions) ([]submission.Input, error) {
	c := &collector{ctx: ctx, seen: map[string]bool{}, visited: map[string]bool{}, skip: map[string]bool{}}
	for _, d := range opts.SkipDirs {
		if d != "" {
			c.skip[realPath(d)] = true
		}
	}
	for _, p := range paths {
		c.arg(p)
		if err := ctx.Err(); err != nil {
			return nil, err
		}
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
	ctx     context.Context
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

// rejected lists an input refused before it is read.
func (c *collector) rejected(p string, d diag.Diagnostic) {
	d.File = p
	c.out = append(c.out, submission.Input{Path: p, Submission: &submission.Submission{Path: p, Diags: diag.List{d}}})
}

// skipped lists an input that is not read; st, when not nil, is the
// regular file whose size and hash are listed with it.
func (c *collector) skipped(p string, st fs.FileInfo, d diag.Diagnostic) {
	d = d.In(p)
	in := submission.Input{Path: p, Skip: &d}
	if st != nil {
		in.Size = st.Size()
		in.SHA256 = hashFile(c.ctx, p)
	}
	c.out = append(c.out, in)
}

// once reports whether the file at p is listed for the first time.
func (c *collector) once(p string) bool {
	rp := realPath(p)
	if c.seen[rp] {
		return false
	}
	c.seen[rp] = true
	return true
}

// arg lists a PATH argument.
func (c *collector) arg(p string) {
	st, err := os.Stat(p) // follows a link named by the user
	if err != nil {
		if lst, lerr := os.Lstat(p); lerr == nil && lst.Mode()&fs.ModeSymlink != 0 {
			c.rejected(p, diag.New("TD115", err.Error())) // a link that leads nowhere
			return
		}
		c.rejected(p, openDiag(err, p))
		return
	}
	switch {
	case st.IsDir():
		c.dir(p, 0)
	case st.Mode().IsRegular():
		c.file(p, st)
	default:
		if c.once(p) {
			c.skipped(p, nil, diag.New("TD121", filepath.Base(p), kindTag(st.Mode())))
		}
	}
}

// dir walks a directory depth levels below its PATH argument.
func (c *collector) dir(p string, depth int) {
	rp := realPath(p)
	if c.skip[rp] {
		c.skipped(p, nil, diag.New("TD114", p))
		return
	}
	if c.visited[rp] {
		return
	}
	c.visited[rp] = true
	entries, err := os.ReadDir(p)
	if err != nil {
		if depth == 0 {
			// The folder the user named: it cannot be read at all.
			c.rejected(p, diag.New("TD115", err.Error()))
			return
		}
		c.skipped(p, nil, diag.New("TD127", p, errText(err)))
		// os.ReadDir returns the entries read before the error too.
	}
	for _, e := range entries {
		if c.ctx.Err() != nil {
			return
		}
		name := e.Name()
		full := filepath.Join(p, name)
		switch t := e.Type(); {
		case t&fs.ModeSymlink != 0:
			c.link(full, name)
		case t.IsDir():
			switch {
			case strings.HasPrefix(name, ".") && !strings.HasPrefix(name, ".~lock"):
				c.skipped(full, nil, diag.New("TD128", name))
			case depth+1 > MaxWalkDepth:
				c.skipped(full, nil, diag.New("TD126", full, MaxWalkDepth))
			default:
				c.dir(full, depth+1)
			}
		case t.IsRegular():
			st, err := e.Info()
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) {
					continue // removed while the folder was read
				}
				c.rejected(full, diag.New("TD115", err.Error()))
				continue
			}
			c.found(full, name, st)
		default:
			if c.once(full) {
				c.skipped(full, nil, diag.New("TD121", name, kindTag(t)))
			}
		}
	}
}

// link lists a symbolic link found in a directory.
func (c *collector) link(full, name string) {
	st, err := os.Stat(full)
	if err != nil {
		// A link that is dangling, loops or cannot be followed.
		if isSpreadsheet(name) {
			if c.once(full) {
				c.rejected(full, diag.New("TD115", err.Error()))
			}
			return
		}
		c.skipped(full, nil, diag.New("TD121", name, "symlink → ?: "+errText(err)))
		return
	}
	switch {
	case st.IsDir():
		target, _ := os.Readlink(full)
		c.skipped(full, nil, diag.New("TD125", full, target))
	case st.Mode().IsRegular():
		c.found(full, name, st)
	default:
		if c.once(full) {
			c.skipped(full, nil, diag.New("TD121", name, "symlink → "+kindTag(st.Mode())))
		}
	}
}

// found lists a regular file found while walking a directory.
func (c *collector) found(full, name string, st fs.FileInfo) {
	ext := strings.ToLower(filepath.Ext(name))
	switch {
	case lockOrHidden(name) != nil || isSpreadsheet(name):
		c.file(full, st)
	case convertible[ext] != [2]string{}:
		if c.once(full) {
			k := convertible[ext]
			in := submission.Input{Path: full, Size: st.Size(), SHA256: hashFile(c.ctx, full)}
			in.Submission = &submission.Submission{Path: full, Size: in.Size, SHA256: in.SHA256, Diags: diag.List{diag.New("TD123", k[0], k[1]).In(full)}}
			c.out = append(c.out, in)
		}
	case isOutputName(name):
		if c.once(full) {
			c.skipped(full, nil, diag.New("TD124", name))
			c.out[len(c.out)-1].Size = st.Size()
		}
	default:
		// Not hashed: a folder of forms may hold gigabytes of scanned
		// evidence that nothing needs to read.
		if c.once(full) {
			c.skipped(full, nil, diag.New("TD122", name))
			c.out[len(c.out)-1].Size = st.Size()
		}
	}
}

// file lists a regular file to be read (or a lock or hidden file, skipped).
func (c *collector) file(p string, st fs.FileInfo) {
	if !c.once(p) {
		return
	}
	if d := lockOrHidden(filepath.Base(p)); d != nil {
		c.skipped(p, st, *d)
		return
	}
	c.out = append(c.out, submission.Input{Path: p, Size: st.Size()})
}

// errText is an error's text without the path os puts in front of it.
func errText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// hashFile returns the SHA-256 of a regular file up to DefaultMaxFileSize
// ("" for anything else), read in chunks that each check ctx.
func hashFile(ctx context.Context, p string) string {
	f, st, err := OpenRegular(p)
	if err != nil {
		return ""
	}
	defer f.Close()
	if st.Size() > DefaultMaxFileSize {
		return ""
	}
	h := sha256.New()
	buf := make([]byte, 256<<10)
	var n int64
	for {
		if ctx.Err() != nil {
			return ""
		}
		k, err := f.Read(buf)
		h.Write(buf[:k])
		if n += int64(k); n > DefaultMaxFileSize {
			return ""
		}
		if err == io.EOF {
			return hex.EncodeToString(h.Sum(nil))
		}
		if err != nil {
			return ""
		}
	}
}

// ReadAll reads every input that is neither skipped nor already read,
// with workers goroutines (at least 1), filling in each input's Submission
// in place, so the results keep the inputs' order whatever order the reads
// finish in. A file that turns out to be one of thidua's own outputs gets
// Skip (TD124) instead. progress, when not nil, is called once per file
// read (from the workers; it must be safe for concurrent use). When ctx is
// cancelled no new file is started, the reads under way stop at their next
// check, and ctx's error is returned.
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
				s, skip := readPath(ctx, inputs[i].Path, opts)
				if opts.OnRead != nil {
					opts.OnRead(inputs[i].Path, time.Since(start))
				}
				if inputs[i].SHA256 == "" {
					inputs[i].SHA256 = s.SHA256
				}
				if inputs[i].Size == 0 {
					inputs[i].Size = s.Size
				}
				if skip != nil {
					d := skip.In(inputs[i].Path)
					inputs[i].Skip = &d
				} else {
					inputs[i].Submission = s
				}
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
