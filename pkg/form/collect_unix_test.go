//go:build unix

package form_test

import (
	"context"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/thidua/thidua/pkg/form"
	"github.com/thidua/thidua/pkg/submission"
)

// collectTimed runs Collect and ReadAll on paths, failing the test when
// either is still running after 20 s (a FIFO opened for reading blocks
// until a writer comes; none ever does here).
func collectTimed(t *testing.T, paths ...string) []submission.Input {
	t.Helper()
	done := make(chan []submission.Input, 1)
	go func() {
		inputs, err := form.Collect(paths, form.CollectOptions{})
		if err != nil {
			t.Error(err)
		}
		if err := form.ReadAll(context.Background(), inputs, form.ReadOptions{Campaign: defaultCampaign(t), TmpDir: t.TempDir()}, 2, nil); err != nil {
			t.Error(err)
		}
		done <- inputs
	}()
	select {
	case in := <-done:
		return in
	case <-time.After(20 * time.Second):
		t.Fatal("Collect or ReadAll hangs")
	}
	return nil
}

// outcome is how an input ended: read (scored or rejected by its
// content), rejected before reading, or skipped; with its first code.
func outcome(in submission.Input) (string, string) {
	switch {
	case in.Skip != nil:
		return skipped, in.Skip.Code
	case in.Submission == nil:
		return "unread", ""
	case len(in.Submission.Diags) > 0:
		if d, ok := in.Submission.Diags.FirstError(); ok {
			return reject, d.Code
		}
		return "read", in.Submission.Diags[0].Code
	}
	return "read", ""
}

// TestCollectEveryEntry: every entry under a forms folder is listed once,
// with its reason — FIFOs, devices and sockets (never opened), links to
// them, a link to / (never followed), a tree deeper than MaxWalkDepth,
// files that are not forms, .ods, thidua's own outputs however named.
func TestCollectEveryEntry(t *testing.T) {
	c := defaultCampaign(t)
	dir := t.TempDir()
	forms := filepath.Join(dir, "forms")
	write := func(rel string, data []byte) {
		p := filepath.Join(forms, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	good := mustForm(t, corpusForm(c))
	output, err := os.ReadFile(filepath.Join(corpusDir, "thidua-output.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	write("a.xlsx", good)
	write("minh-chung.pdf", []byte("%PDF-1.4\n"))
	write("cong-van.docx", []byte("PK\x03\x04"))
	write("anh.png", []byte("\x89PNG\r\n"))
	write("ghi-chu.txt", []byte("ghi chú"))
	write("bang-tinh.ods", odsFile(t))
	write("ketqua/tong-hop-2026-Q3.xlsx", output)
	write("ketqua/ban-sao.xlsx", output) // renamed: recognised by its sheets
	write("ketqua/ket-qua-2026-Q3.json", []byte(`{"schema":"thidua.report/v1"}`))
	write("ketqua/ket-qua-2026-Q3.csv", []byte("\ufeffHạng"))
	write("ketqua/bao-cao-2026-Q3.pdf", []byte("%PDF-1.4\n"))
	if err := syscall.Mkfifo(filepath.Join(forms, "ong.xlsx"), 0o644); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	os.Symlink("/dev/zero", filepath.Join(forms, "zero.xlsx"))
	os.Symlink("/", filepath.Join(forms, "root"))
	os.Symlink("ketqua", filepath.Join(forms, "ketqua-link"))
	os.Symlink("khong-co.txt", filepath.Join(forms, "hong.txt"))
	if l, err := net.Listen("unix", filepath.Join(forms, "s.sock")); err == nil {
		defer l.Close()
	}
	deep := forms
	for i := 0; i < form.MaxWalkDepth+3; i++ {
		deep = filepath.Join(deep, "d")
	}
	os.MkdirAll(deep, 0o755)
	os.WriteFile(filepath.Join(deep, "sau.xlsx"), good, 0o644)

	inputs := collectTimed(t, forms)
	got := map[string]string{}
	for _, in := range inputs {
		rel, _ := filepath.Rel(forms, in.Path)
		st, code := outcome(in)
		if _, dup := got[rel]; dup {
			t.Errorf("%s listed twice", rel)
		}
		got[rel] = st + " " + code
	}
	tooDeep := strings.Repeat("d/", form.MaxWalkDepth) + "d"
	want := map[string]string{
		"a.xlsx":                       "read ",
		"minh-chung.pdf":               "skipped TD122",
		"cong-van.docx":                "skipped TD122",
		"anh.png":                      "skipped TD122",
		"ghi-chu.txt":                  "skipped TD122",
		"bang-tinh.ods":                "rejected TD123",
		"ketqua/tong-hop-2026-Q3.xlsx": "skipped TD124",
		"ketqua/ban-sao.xlsx":          "skipped TD124",
		"ketqua/ket-qua-2026-Q3.json":  "skipped TD124",
		"ketqua/ket-qua-2026-Q3.csv":   "skipped TD124",
		"ketqua/bao-cao-2026-Q3.pdf":   "skipped TD124",
		"ong.xlsx":                     "skipped TD121",
		"zero.xlsx":                    "skipped TD121",
		"root":                         "skipped TD125",
		"ketqua-link":                  "skipped TD125",
		"hong.txt":                     "skipped TD121",
		"s.sock":                       "skipped TD121",
		tooDeep:                        "skipped TD126",
	}
	if _, err := os.Stat(filepath.Join(forms, "s.sock")); err != nil {
		delete(want, "s.sock")
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: %q, want %q", k, got[k], v)
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("%s listed: %s", k, got[k])
		}
	}
}

// TestCollectNamedNonRegular: a FIFO or a device named as PATH, or a link
// to one, is skipped without being opened.
func TestCollectNamedNonRegular(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "x.xlsx")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	zero := filepath.Join(dir, "z.xlsx")
	os.Symlink("/dev/zero", zero)
	inputs := collectTimed(t, fifo, zero, "/dev/null")
	if len(inputs) != 3 {
		t.Fatalf("%d inputs", len(inputs))
	}
	for _, in := range inputs {
		if st, code := outcome(in); st != skipped || code != "TD121" {
			t.Errorf("%s: %s %s", in.Path, st, code)
		}
	}
	// Read itself refuses them as well, without blocking.
	s := readTimed(t, defaultCampaign(t), fifo, time.Second)
	checkCase(t, s, reject, "TD115")
}

// TestReadFileBounded: the helper for every file a user names refuses
// what is not a regular file and what is larger than its limit, unread,
// and stops when its context is done.
func TestReadFileBounded(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "p")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	ctx := context.Background()
	var nr *form.NotRegularError
	for _, p := range []string{fifo, "/dev/zero", dir} {
		if _, err := form.ReadFileBounded(ctx, p, 1<<20); !errors.As(err, &nr) {
			t.Errorf("%s: %v, want NotRegularError", p, err)
		}
	}
	big := filepath.Join(dir, "big.json")
	os.WriteFile(big, make([]byte, 5000), 0o644)
	var tl *form.TooLargeError
	if _, err := form.ReadFileBounded(ctx, big, 4096); !errors.As(err, &tl) || tl.Size != 5000 {
		t.Errorf("big: %v", err)
	}
	if b, err := form.ReadFileBounded(ctx, big, 5000); err != nil || len(b) != 5000 {
		t.Errorf("at the limit: %d bytes, %v", len(b), err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := form.ReadFileBounded(cancelled, big, 0); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
	if _, err := form.ReadFileBounded(ctx, filepath.Join(dir, "none"), 0); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing: %v", err)
	}
}

// TestCollectUnreadableDir: a folder that cannot be read, and the files of
// a folder that can be listed but not searched, are listed with their
// reason, never dropped. Run as root, the test runs itself again as the user nobody.
func TestCollectUnreadableDir(t *testing.T) {
	if dir := os.Getenv("THIDUA_UNREADABLE_DIR"); dir != "" {
		inputs, err := form.Collect([]string{dir}, form.CollectOptions{})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, in := range inputs {
			rel, _ := filepath.Rel(dir, in.Path)
			st, code := outcome(in)
			got[rel] = st + " " + code
		}
		want := map[string]string{"a.xlsx": "unread ", "khoa": "skipped TD127", "mo/b.xlsx": "unread ", "an": "skipped TD127",
			"doc/e.xlsx": "rejected TD115", "doc/ghi-chu.txt": "rejected TD115"}
		for k, v := range want {
			if got[k] != v {
				t.Errorf("%s: %q, want %q (all: %v)", k, got[k], v, got)
			}
		}
		return
	}
	if os.Geteuid() != 0 {
		t.Skip("run as root: it runs itself as nobody")
	}
	rerunAsNobody(t, "TestCollectUnreadableDir", func(dir string) []string {
		forms := filepath.Join(dir, "forms")
		for _, d := range []string{"khoa", "mo", "an", "doc"} {
			os.MkdirAll(filepath.Join(forms, d), 0o755)
		}
		os.WriteFile(filepath.Join(forms, "a.xlsx"), []byte("x"), 0o644)
		os.WriteFile(filepath.Join(forms, "mo", "b.xlsx"), []byte("x"), 0o644)
		os.WriteFile(filepath.Join(forms, "khoa", "c.xlsx"), []byte("x"), 0o644)
		os.WriteFile(filepath.Join(forms, "an", "d.xlsx"), []byte("x"), 0o644)
		os.WriteFile(filepath.Join(forms, "doc", "e.xlsx"), []byte("x"), 0o644)
		os.WriteFile(filepath.Join(forms, "doc", "ghi-chu.txt"), []byte("x"), 0o644)
		os.Chmod(filepath.Join(forms, "doc"), 0o644) // can be listed, not searched
		os.Chmod(filepath.Join(forms, "khoa"), 0)    // cannot be listed
		os.Chmod(filepath.Join(forms, "an"), 0o311)  // cannot be listed, can be searched
		return []string{"THIDUA_UNREADABLE_DIR=" + forms}
	})
}
