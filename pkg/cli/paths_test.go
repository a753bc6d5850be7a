package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/thidua/thidua/pkg/diag"
	"github.com/thidua/thidua/pkg/score"
)

func TestPathShower(t *testing.T) {
	if filepath.Separator != '/' {
		t.Skip("the cases are written with /")
	}
	for _, tc := range []struct {
		args []string
		path string
		want string
	}{
		{[]string{"/home/x/phieu"}, "/home/x/phieu/vp.xlsx", "phieu/vp.xlsx"},
		{[]string{"/home/x/phieu/"}, "/home/x/phieu/sub/a.xlsx", "phieu/sub/a.xlsx"},
		{[]string{"."}, "vp.xlsx", "vp.xlsx"},
		{[]string{"."}, "sub/vp.xlsx", "sub/vp.xlsx"},
		{[]string{"./"}, "./sub/vp.xlsx", "sub/vp.xlsx"},
		{[]string{"forms"}, "forms/vp.xlsx", "forms/vp.xlsx"},
		{[]string{"../x/phieu"}, "../x/phieu/vp.xlsx", "phieu/vp.xlsx"},
		{[]string{".."}, "../vp.xlsx", "vp.xlsx"},
		{[]string{"/home/x/phieu/vp.xlsx"}, "/home/x/phieu/vp.xlsx", "phieu/vp.xlsx"}, // a file: under its folder's name
		{[]string{"f/x.xlsx"}, "f/x.xlsx", "f/x.xlsx"},
		{[]string{"vp.xlsx"}, "vp.xlsx", "vp.xlsx"},
		{[]string{"/vp.xlsx"}, "/vp.xlsx", "vp.xlsx"},
		{[]string{"q1", "q2"}, "q2/vp.xlsx", "q2/vp.xlsx"},
		{[]string{"/data", "/data/phieu"}, "/data/phieu/vp.xlsx", "phieu/vp.xlsx"}, // the nearer PATH
		{[]string{"/"}, "/a/b.xlsx", "a/b.xlsx"},
		{[]string{"/home/x/phieu"}, "/home/x/phieu-cu/vp.xlsx", "vp.xlsx"}, // not under it: the name alone
		{[]string{"forms"}, "/tmp/review/tong-hop.xlsx", "tong-hop.xlsx"},  // under no argument: the name alone
		{[]string{"forms", "/tmp/review/tong-hop.xlsx"}, "/tmp/review/tong-hop.xlsx", "review/tong-hop.xlsx"},
		{[]string{"forms"}, "ra/tong-hop.xlsx", "ra/tong-hop.xlsx"},
		{nil, "", ""},
	} {
		if got := newPathShower(tc.args, testIsDir).show(tc.path); got != tc.want {
			t.Errorf("args %q: show(%q) = %q, want %q", tc.args, tc.path, got, tc.want)
		}
	}
	s := newPathShower([]string{"/home/x/phieu"}, testIsDir)
	if got := s.text("open /home/x/phieu/vp.xlsx: permission denied"); got != "open phieu/vp.xlsx: permission denied" {
		t.Errorf("text = %q", got)
	}
}

// TestShowPaths: every path of a result that the outputs show is made
// relative to its argument: files (sorted again), their diagnostics and
// the paths in their messages, units' source files, the run's diagnostics.
func TestShowPaths(t *testing.T) {
	base := t.TempDir()
	phieu, q2, review := filepath.Join(base, "phieu"), filepath.Join(base, "q2"), filepath.Join(base, "ra", "tong-hop.xlsx")
	for _, d := range []string{phieu, q2, filepath.Dir(review)} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(review, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	a, b := filepath.Join(phieu, "a.xlsx"), filepath.Join(phieu, "b.xlsx")
	r := &score.Result{
		Files: []score.FileResult{
			{Path: b, Diags: diag.List{diag.New("TD305", "VP", "Văn phòng", a, "01/10/2026").In(b)}},
			{Path: a},
			{Path: filepath.Join(q2, "a.xlsx")},
		},
		Units: []score.UnitResult{{Code: "VP", File: a}},
		Diags: diag.List{diag.New("TD402", "X").In(review), diag.New("TD115", "open "+a+": permission denied").In(a)},
	}
	showPaths(r, []string{phieu, q2, review})
	var got []string
	for _, f := range r.Files {
		got = append(got, f.Path)
	}
	if want := []string{"phieu/a.xlsx", "phieu/b.xlsx", "q2/a.xlsx"}; strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("files = %q, want %q", got, want)
	}
	d := r.Files[1].Diags[0]
	if d.File != "phieu/b.xlsx" || d.Args[2] != "phieu/a.xlsx" {
		t.Errorf("diagnostic %q in %q", d.Args, d.File)
	}
	if r.Units[0].File != "phieu/a.xlsx" || r.Diags[0].File != "ra/tong-hop.xlsx" {
		t.Errorf("unit file %q, run diagnostic file %q", r.Units[0].File, r.Diags[0].File)
	}
	if msg := r.Diags[1].Args[0]; msg != "open phieu/a.xlsx: permission denied" {
		t.Errorf("message argument %q", msg)
	}
}

// testIsDir takes the test cases' arguments ending in .xlsx or .json for
// files.
func testIsDir(p string) bool {
	ext := filepath.Ext(p)
	return ext != ".xlsx" && ext != ".json"
}
