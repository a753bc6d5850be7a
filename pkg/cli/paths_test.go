package cli

import (
	"path/filepath"
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
		{[]string{"/home/x/phieu/vp.xlsx"}, "/home/x/phieu/vp.xlsx", "vp.xlsx"},
		{[]string{"q1", "q2"}, "q2/vp.xlsx", "q2/vp.xlsx"},
		{[]string{"/data", "/data/phieu"}, "/data/phieu/vp.xlsx", "phieu/vp.xlsx"}, // the nearer PATH
		{[]string{"/"}, "/a/b.xlsx", "a/b.xlsx"},
		{[]string{"/home/x/phieu"}, "/home/x/phieu-cu/vp.xlsx", "vp.xlsx"}, // not under it: the name alone
		{[]string{"forms"}, "/tmp/review/tong-hop.xlsx", "tong-hop.xlsx"},
		{[]string{"forms"}, "ra/tong-hop.xlsx", "ra/tong-hop.xlsx"},
		{nil, "", ""},
	} {
		if got := newPathShower(tc.args).show(tc.path); got != tc.want {
			t.Errorf("args %q: show(%q) = %q, want %q", tc.args, tc.path, got, tc.want)
		}
	}
	s := newPathShower([]string{"/home/x/phieu"})
	if got := s.text("open /home/x/phieu/vp.xlsx: permission denied"); got != "open phieu/vp.xlsx: permission denied" {
		t.Errorf("text = %q", got)
	}
}

// TestShowPaths: every path of a result that the outputs show is made
// relative to its argument: files (sorted again), their diagnostics and
// the paths in their messages, units' source files, the run's diagnostics.
func TestShowPaths(t *testing.T) {
	if filepath.Separator != '/' {
		t.Skip("the cases are written with /")
	}
	r := &score.Result{
		Files: []score.FileResult{
			{Path: "/home/x/phieu/b.xlsx", Diags: diag.List{diag.New("TD305", "VP", "Văn phòng", "/home/x/phieu/a.xlsx", "01/10/2026").In("/home/x/phieu/b.xlsx")}},
			{Path: "/home/x/phieu/a.xlsx"},
			{Path: "/srv/q2/a.xlsx"},
		},
		Units: []score.UnitResult{{Code: "VP", File: "/home/x/phieu/a.xlsx"}},
		Diags: diag.List{diag.New("TD402", "X").In("/home/x/ra/tong-hop.xlsx")},
	}
	showPaths(r, []string{"/home/x/phieu", "/srv/q2", "/home/x/ra/tong-hop.xlsx"})
	var got []string
	for _, f := range r.Files {
		got = append(got, f.Path)
	}
	if want := []string{"phieu/a.xlsx", "phieu/b.xlsx", "q2/a.xlsx"}; filepath.Join(got...) != filepath.Join(want...) {
		t.Errorf("files = %q, want %q", got, want)
	}
	d := r.Files[1].Diags[0]
	if d.File != "phieu/b.xlsx" || d.Args[2] != "phieu/a.xlsx" {
		t.Errorf("diagnostic %q in %q", d.Args, d.File)
	}
	if r.Units[0].File != "phieu/a.xlsx" || r.Diags[0].File != "tong-hop.xlsx" {
		t.Errorf("unit file %q, run diagnostic file %q", r.Units[0].File, r.Diags[0].File)
	}
}
