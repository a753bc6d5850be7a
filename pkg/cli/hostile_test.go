package cli_test

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The outputs of a report under faults (issue 8): a killed run leaves no
// partial file under a final name, a full disk or a directory the user may
// not write gives exit status 1 with a clear message and no output. These
// tests run the real binary.

// binary builds thidua for a test into a directory any user may read
// (the binary is also run as another user).
func binary(t *testing.T) string {
	t.Helper()
	return build(t, "thidua", "github.com/thidua/thidua/cmd/thidua")
}

// build builds the main package pkg as name into a directory any user may
// read.
func build(t *testing.T, name, pkg string) string {
	t.Helper()
	dir := t.TempDir()
	os.Chmod(filepath.Dir(dir), 0o755)
	os.Chmod(dir, 0o755)
	bin := filepath.Join(dir, name)
	out, err := exec.Command("go", "build", "-o", bin, pkg).CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// childEnv is the environment of a run in dir: its own home and temporary
// directory (other packages' tests watch the system's for leftovers).
func childEnv(t *testing.T, dir string) []string {
	tmp := filepath.Join(dir, "tmp")
	if err := os.MkdirAll(tmp, 0o777); err != nil {
		t.Fatal(err)
	}
	os.Chmod(tmp, 0o777)
	return append(os.Environ(), "HOME="+dir, "XDG_CONFIG_HOME="+dir, "NO_COLOR=1", "TMPDIR="+tmp)
}

// run runs thidua in dir and returns its exit status and stderr.
func run(t *testing.T, bin, dir string, cred *syscall.Credential, args ...string) (int, string) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Env = childEnv(t, dir)
	if cred != nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode(), stderr.String()
	}
	if err != nil {
		t.Fatal(err)
	}
	return 0, stderr.String()
}

// sampleSet writes n filled forms and their config into a new directory
// that any user may read, with scripts/sample.
func sampleSet(t *testing.T, n string) string {
	t.Helper()
	sample := build(t, "sample", "github.com/thidua/thidua/scripts/sample")
	dir := t.TempDir()
	os.Chmod(filepath.Dir(dir), 0o755) // t.TempDir's parent is private
	os.Chmod(dir, 0o755)
	if code, errs := run(t, sample, dir, nil, "-n", n, "-outdir", "forms", "-sample-config", "thidua.yaml", "-period", "2026-Q3", "-q"); code != 0 {
		t.Fatalf("scripts/sample: %d %s", code, errs)
	}
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil {
			if info.IsDir() {
				os.Chmod(p, 0o755)
			} else {
				os.Chmod(p, 0o644)
			}
		}
		return nil
	})
	return dir
}

var outputNames = []string{"tong-hop-2026-Q3.xlsx", "bao-cao-2026-Q3.pdf", "ket-qua-2026-Q3.json", "ket-qua-2026-Q3.csv"}

// TestKilledMidWrite kills `thidua report` with SIGKILL while it writes
// its outputs: every output under its final name is then either absent or
// byte for byte the complete file of an undisturbed run.
func TestKilledMidWrite(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills a real run")
	}
	bin := binary(t)
	dir := sampleSet(t, "80")
	args := []string{"--config", "thidua.yaml", "report", "forms", "--date", "2026-10-10"}
	if code, errs := run(t, bin, dir, nil, append(args, "-o", "ref")...); code != 0 && code != 3 {
		t.Fatalf("reference run: %d %s", code, errs)
	}
	ref := map[string][]byte{}
	for _, n := range outputNames {
		b, err := os.ReadFile(filepath.Join(dir, "ref", n))
		if err != nil {
			t.Fatal(err)
		}
		ref[n] = b
	}
	midWrite := 0
	for i, delay := range []time.Duration{0, time.Millisecond, 5 * time.Millisecond, 20 * time.Millisecond, 50 * time.Millisecond, 100 * time.Millisecond, 200 * time.Millisecond} {
		out := filepath.Join(dir, "out"+string(rune('a'+i)))
		cmd := exec.Command(bin, append(args, "-o", out)...)
		cmd.Dir = dir
		cmd.Env = childEnv(t, dir)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan struct{})
		go func() { cmd.Wait(); close(exited) }()
		// Wait for the first temporary output file, then kill.
		sawTemp := false
	watch:
		for {
			select {
			case <-exited:
				break watch
			default:
			}
			if ents, err := os.ReadDir(out); err == nil {
				for _, e := range ents {
					if strings.HasSuffix(e.Name(), ".tmp") {
						sawTemp = true
						break watch
					}
				}
			}
			time.Sleep(200 * time.Microsecond)
		}
		time.Sleep(delay)
		cmd.Process.Signal(syscall.SIGKILL)
		<-exited
		if sawTemp {
			midWrite++
		}
		finals := 0
		for _, n := range outputNames {
			b, err := os.ReadFile(filepath.Join(out, n))
			if errors.Is(err, os.ErrNotExist) {
				continue
			}
			if err != nil {
				t.Fatal(err)
			}
			finals++
			if !bytes.Equal(b, ref[n]) {
				t.Errorf("killed %v after the first temporary file: %s is partial (%d of %d bytes)", delay, n, len(b), len(ref[n]))
			}
		}
		t.Logf("kill %v after the first temporary file (seen: %v): %d complete outputs", delay, sawTemp, finals)
	}
	if midWrite == 0 {
		t.Error("no run was killed while writing: the test proves nothing")
	}
	// A later run over the same directory completes despite the leftovers.
	if code, errs := run(t, bin, dir, nil, append(args, "-o", filepath.Join(dir, "outa"))...); code != 0 && code != 3 {
		t.Fatalf("run after a kill: %d %s", code, errs)
	}
	for _, n := range outputNames {
		b, err := os.ReadFile(filepath.Join(dir, "outa", n))
		if err != nil || !bytes.Equal(b, ref[n]) {
			t.Errorf("after a kill, the next run's %s differs from the reference (%v)", n, err)
		}
	}
}

// TestFullDisk writes the outputs onto a 64 KB tmpfs: exit status 1, a
// message naming the directory and the disk, and no file under a final
// name. Skipped where tmpfs cannot be mounted (not root, no CAP_SYS_ADMIN).
func TestFullDisk(t *testing.T) {
	bin := binary(t)
	dir := sampleSet(t, "20")
	mnt := filepath.Join(dir, "full")
	os.Mkdir(mnt, 0o755)
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mnt).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs: %v %s", err, out)
	}
	defer exec.Command("umount", mnt).Run()
	code, errs := run(t, bin, dir, nil, "--config", "thidua.yaml", "report", "forms", "--date", "2026-10-10", "-o", filepath.Join(mnt, "out"))
	if code != 1 {
		t.Errorf("exit status %d, want 1:\n%s", code, errs)
	}
	if !strings.Contains(errs, "no space left on device") || !strings.Contains(errs, "không để lại tệp dở dang") {
		t.Errorf("message does not say the disk is full:\n%s", errs)
	}
	ents, _ := os.ReadDir(filepath.Join(mnt, "out"))
	for _, e := range ents {
		t.Errorf("left %s on the full disk", e.Name())
	}
}

// TestReadOnlyOutput: an output directory the user may not write gives
// exit status 1 and a message before anything is written. As root, the run
// is made as the user nobody (root may write anywhere).
func TestReadOnlyOutput(t *testing.T) {
	bin := binary(t)
	dir := sampleSet(t, "5")
	ro := filepath.Join(dir, "chi-doc")
	if err := os.Mkdir(ro, 0o555); err != nil {
		t.Fatal(err)
	}
	os.Chmod(ro, 0o555)
	var cred *syscall.Credential
	if os.Geteuid() == 0 {
		cred = &syscall.Credential{Uid: 65534, Gid: 65534}
	}
	for _, out := range []string{ro, filepath.Join(ro, "con")} {
		code, errs := run(t, bin, dir, cred, "--config", "thidua.yaml", "report", "forms", "--date", "2026-10-10", "-o", out)
		if code != 1 {
			t.Errorf("-o %s: exit status %d, want 1:\n%s", out, code, errs)
		}
		if !strings.Contains(errs, "không ghi được vào thư mục kết quả") || !strings.Contains(errs, "permission denied") {
			t.Errorf("-o %s: message is not clear:\n%s", out, errs)
		}
	}
	if ents, _ := os.ReadDir(ro); len(ents) != 0 {
		t.Errorf("%d files written into the read-only directory", len(ents))
	}
}
