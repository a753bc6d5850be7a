package cli

import (
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/thidua/thidua/pkg/diag"
	"github.com/thidua/thidua/pkg/score"
)

// pathShower writes the paths of a run's input files the way its outputs
// show them (docs/outputs.md#paths): relative to the folder argument each
// came from, under that folder's own name, with "/" between folders. For
// PATH /home/x/phieu the form /home/x/phieu/vp.xlsx is "phieu/vp.xlsx", for
// PATH . it is "vp.xlsx". A file named as an argument (a form, a .json
// result, the --review workbook, the --previous result) counts as found in
// its folder: /home/x/phieu/vp.xlsx is "phieu/vp.xlsx" too, vp.xlsx is
// "vp.xlsx". A report sent upward then carries neither the secretary's
// folders (C:\Users\…) nor where the command happened to run, and the
// quarters of a longer period (q1 and q2) stay apart ("q1/vp.xlsx").
type pathShower struct {
	roots []pathRoot
}

// pathRoot is one argument: its cleaned path and the name it shows as
// ("" for ".", ".." or a file system root, whose files show bare).
type pathRoot struct {
	clean, show string
}

// newPathShower makes the shower of the arguments args; isDir tells a
// folder from a file.
func newPathShower(args []string, isDir func(string) bool) *pathShower {
	s := &pathShower{}
	for _, a := range args {
		if a == "" {
			continue
		}
		c := filepath.Clean(a)
		if !isDir(a) {
			c = filepath.Dir(c) // a file: its folder
		}
		show := filepath.Base(c)
		if show == "." || show == ".." || show == string(filepath.Separator) || strings.HasSuffix(c, string(filepath.Separator)) {
			show = ""
		}
		s.roots = append(s.roots, pathRoot{c, show})
	}
	// the longest argument first: a PATH inside another is the nearer one
	sort.SliceStable(s.roots, func(i, j int) bool { return len(s.roots[i].clean) > len(s.roots[j].clean) })
	return s
}

// show returns how the outputs show path p.
func (s *pathShower) show(p string) string {
	if p == "" {
		return p
	}
	c := filepath.Clean(p)
	sep := string(filepath.Separator)
	for _, r := range s.roots {
		var rel string
		switch {
		case c == r.clean:
			return filepath.ToSlash(filepath.Base(c))
		case r.clean == "." && !filepath.IsAbs(c) && !strings.HasPrefix(c, ".."+sep) && c != "..":
			rel = c
		case strings.HasSuffix(r.clean, sep) && strings.HasPrefix(c, r.clean): // a root: "/", `C:\`
			rel = c[len(r.clean):]
		case strings.HasPrefix(c, r.clean+sep):
			rel = c[len(r.clean)+1:]
		default:
			continue
		}
		if r.show != "" {
			rel = r.show + sep + rel
		}
		return filepath.ToSlash(rel)
	}
	if filepath.IsAbs(c) || filepath.VolumeName(c) != "" {
		return filepath.ToSlash(filepath.Base(c))
	}
	return filepath.ToSlash(c)
}

// text rewrites the paths inside a message argument ("open /home/x/phieu/
// vp.xlsx: permission denied"): each argument's path that is not how it
// shows is replaced by how it shows.
func (s *pathShower) text(t string) string {
	sep := string(filepath.Separator)
	for _, r := range s.roots {
		if r.clean == "." || !strings.Contains(t, r.clean) {
			continue
		}
		show := r.show
		if show != "" {
			show += "/"
		}
		prefix := r.clean
		if !strings.HasSuffix(prefix, sep) {
			prefix += sep
		}
		t = strings.ReplaceAll(t, prefix, show)
	}
	return t
}

// diags shows the paths of a list of diagnostics: their files and any
// argument that is a path.
func (s *pathShower) diags(l diag.List) diag.List {
	if len(l) == 0 {
		return l
	}
	out := make(diag.List, len(l))
	for i, d := range l {
		d.File = s.show(d.File)
		if len(d.Args) > 0 {
			args := make([]any, len(d.Args))
			for j, a := range d.Args {
				if t, ok := a.(string); ok {
					a = s.text(t)
				}
				args[j] = a
			}
			d.Args = args
		}
		out[i] = d
	}
	return out
}

// showPaths rewrites, in place, every input path of r that the outputs
// show: each file's path and diagnostics, each unit's source file and the
// run's diagnostics; the files stay sorted by (shown) path.
func showPaths(r *score.Result, args []string) {
	s := newPathShower(args, func(p string) bool {
		st, err := os.Stat(p)
		return err == nil && st.IsDir()
	})
	for i := range r.Files {
		f := &r.Files[i]
		f.Path = s.show(f.Path)
		f.Diags = s.diags(f.Diags)
	}
	sort.SliceStable(r.Files, func(i, j int) bool { return r.Files[i].Path < r.Files[j].Path })
	for i := range r.Units {
		r.Units[i].File = s.show(r.Units[i].File)
	}
	r.Diags = s.diags(r.Diags)
}
