package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/thidua/thidua/pkg/form/formtest"
)

// TestInterruptLeavesNothing interrupts a long report run with SIGINT and
// checks the exit status 130 and that no output (final or temporary) is
// left in the output directory.
func TestInterruptLeavesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("long run")
	}
	dir := t.TempDir()
	forms := filepath.Join(dir, "forms")
	if err := os.MkdirAll(forms, 0o755); err != nil {
		t.Fatal(err)
	}
	c := campaignForTest(t)
	data, err := formtest.Bytes(formtest.Form{Campaign: c, Unit: "Văn phòng Sở", UnitCode: "VP", Period: "Quý III/2026",
		Self: formtest.Full(c), Layout: formtest.Layout{Template: true}})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 600; i++ {
		if err := os.WriteFile(filepath.Join(forms, "f"+itoa(i)+".xlsx"), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(dir, "out")
	cmd := exec.Command(os.Args[0], "--no-config", "report", forms, "-o", out, "--workers", "1", "--date", "2026-10-10")
	tmp := filepath.Join(dir, "tmp") // the run's own TMPDIR, so other tests cannot interfere
	if err := os.MkdirAll(tmp, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd.Env = append(os.Environ(), "THIDUA_TEST_AS_MAIN=1", "TMPDIR="+tmp)
	cmd.Dir = dir
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(400 * time.Millisecond)
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	err = cmd.Wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 130 {
		t.Fatalf("exit: %v, want status 130", err)
	}
	entries, _ := os.ReadDir(out)
	for _, e := range entries {
		t.Errorf("left behind: %s", e.Name())
	}
	// Nothing was left in the temp directory by this run either.
	left, _ := os.ReadDir(tmp)
	for _, l := range left {
		t.Errorf("temp file left behind: %s", l.Name())
	}
}

func itoa(i int) string {
	const d = "0123456789"
	if i < 10 {
		return d[i : i+1]
	}
	return itoa(i/10) + d[i%10:i%10+1]
}
