package form_test

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"sync/atomic"
	"testing"
	"time"

	"github.com/thidua/thidua/pkg/form"
	ft "github.com/thidua/thidua/pkg/form/formtest"
	"github.com/thidua/thidua/pkg/submission"
)

func TestCollect(t *testing.T) {
	c := defaultCampaign(t)
	good, err := ft.Bytes(goodForm(c))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(rel string, data []byte) {
		p := filepath.Join(dir, rel)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("forms/a.xlsx", good)
	write("forms/sub/b.XLS", []byte("not really"))
	write("forms/sub/c.xlsm", good)
	write("forms/~$a.xlsx", []byte("lock"))
	write("forms/.~lock.a.xlsx#", []byte("lock"))
	write("forms/.hidden.xlsx", good)
	write("forms/notes.txt", []byte("x"))
	write("forms/.git/d.xlsx", good)
	write("forms/out/ket-qua.xlsx", good)
	write("single.dat", good)
	os.MkdirAll(filepath.Join(dir, "forms/x.xlsx"), 0o755) // a directory named like a form
	if err := os.Symlink("..", filepath.Join(dir, "forms/sub/loop")); err != nil {
		t.Fatal(err)
	}
	os.Symlink(filepath.Join(dir, "forms/a.xlsx"), filepath.Join(dir, "forms/sub/link-to-a.xlsx"))

	t.Chdir(dir)
	done := make(chan []submission.Input)
	go func() {
		in, _ := form.Collect([]string{"forms", "single.dat", "missing.xlsx", "forms/a.xlsx"}, form.CollectOptions{SkipDirs: []string{"forms/out"}})
		done <- in
	}()
	var inputs []submission.Input
	select {
	case inputs = <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Collect hangs (symlink loop?)")
	}
	type row struct {
		Path, Status, Code string
	}
	var got []row
	for _, in := range inputs {
		r := row{Path: filepath.ToSlash(in.Path)}
		switch {
		case in.Skip != nil:
			r.Status, r.Code = "skipped", in.Skip.Code
			if in.Skip.File != in.Path {
				t.Errorf("%s: skip note names %q", in.Path, in.Skip.File)
			}
			// A skipped lock or hidden file is never read: Collect hashes
			// it for the list of sources. (Files that are not forms are
			// not read at all; folders and links to them have no hash.)
			if (in.Skip.Code == "TD112" || in.Skip.Code == "TD113") && len(in.SHA256) != 64 {
				t.Errorf("%s: skipped without its sha %q", in.Path, in.SHA256)
			}
		case in.Submission != nil:
			r.Status, r.Code = "error", in.Submission.Diags[0].Code
		default:
			r.Status = "read"
			if in.Size == 0 {
				t.Errorf("%s: size %d", in.Path, in.Size)
			}
		}
		got = append(got, r)
	}
	want := []row{
		{"forms/.git", "skipped", "TD128"},
		{"forms/.hidden.xlsx", "skipped", "TD113"},
		{"forms/.~lock.a.xlsx#", "skipped", "TD112"},
		{"forms/a.xlsx", "read", ""},
		{"forms/notes.txt", "skipped", "TD122"},
		{"forms/out", "skipped", "TD114"},
		{"forms/sub/b.XLS", "read", ""},
		{"forms/sub/c.xlsm", "read", ""},
		{"forms/sub/loop", "skipped", "TD125"},
		{"forms/~$a.xlsx", "skipped", "TD112"},
		{"missing.xlsx", "error", "TD116"},
		{"single.dat", "read", ""},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Collect:\n got %v\nwant %v", got, want)
	}

	// ReadAll fills every readable input, in place, whatever the worker count.
	var n atomic.Int32
	if err := form.ReadAll(context.Background(), inputs, form.ReadOptions{Campaign: c, TmpDir: t.TempDir()}, 3, func() { n.Add(1) }); err != nil {
		t.Fatal(err)
	}
	if n.Load() != 4 {
		t.Errorf("progress called %d times, want 4", n.Load())
	}
	for _, in := range inputs {
		if in.Skip == nil && in.Submission == nil {
			t.Errorf("%s not read", in.Path)
		}
		if in.Submission != nil && in.Submission.Path != in.Path {
			t.Errorf("submission path %q for %q", in.Submission.Path, in.Path)
		}
		// Every file read has its hash, from the bytes read.
		if in.Submission != nil && in.Path != "missing.xlsx" && (len(in.SHA256) != 64 || in.SHA256 != in.Submission.SHA256) {
			t.Errorf("%s: sha %q after reading (submission %q)", in.Path, in.SHA256, in.Submission.SHA256)
		}
	}
	status := map[string]bool{}
	for _, in := range inputs {
		if in.Submission != nil {
			status[filepath.ToSlash(in.Path)] = in.Submission.Rejected()
		}
	}
	wantRej := map[string]bool{"forms/a.xlsx": false, "forms/sub/b.XLS": true, "forms/sub/c.xlsm": false, "missing.xlsx": true, "single.dat": false}
	if !reflect.DeepEqual(status, wantRej) {
		t.Errorf("rejected = %v, want %v", status, wantRej)
	}
}

func TestReadAllCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	inputs := []submission.Input{{Path: "a.xlsx"}, {Path: "b.xlsx"}}
	if err := form.ReadAll(ctx, inputs, form.ReadOptions{Campaign: defaultCampaign(t)}, 2, nil); err == nil {
		t.Error("no error after cancel")
	}
}
