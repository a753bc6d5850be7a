package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/thidua/thidua/pkg/config"
	"github.com/thidua/thidua/pkg/form/formtest"
	"github.com/thidua/thidua/templates"
)

func TestDecideLaunch(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a.xlsx")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		own  bool
		want launch
	}{
		{"terminal, no args", nil, false, launchTerminal},
		{"terminal, a folder", []string{dir}, false, launchTerminal},
		{"double click", nil, true, launchDoubleClick},
		{"folder dropped", []string{dir}, true, launchDrop},
		{"file dropped", []string{file}, true, launchTerminal},
		{"two folders dropped", []string{dir, dir}, true, launchTerminal},
		{"a command in its own console", []string{"version"}, true, launchTerminal},
	}
	for _, tt := range tests {
		if got := decideLaunch(tt.args, tt.own, isDir); got != tt.want {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestDesktopDoubleClick(t *testing.T) {
	s, out, errb := Test()
	s.In = strings.NewReader("\n")
	if code := desktopMain(context.Background(), launchDoubleClick, nil, s, t.TempDir()); code != 0 {
		t.Fatalf("exit %d", code)
	}
	if !strings.Contains(errb.String(), "Kéo thư mục") || !strings.Contains(errb.String(), "Nhấn Enter") || out.Len() != 0 {
		t.Errorf("shown:\n%s", errb.String())
	}
}

// TestDesktopDrop drops a folder of forms onto the program: report runs
// with the thidua.yaml beside the folder and writes thidua-out beside it.
func TestDesktopDrop(t *testing.T) {
	t.Chdir(t.TempDir())
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	parent := t.TempDir()
	forms := filepath.Join(parent, "phieu")
	cfg, err := config.Load(config.LoadOptions{NoConfig: true})
	if err != nil {
		t.Fatal(err)
	}
	f := formtest.Form{Campaign: &cfg.Campaign, Unit: "Văn phòng Sở", UnitCode: "VP", Period: "Quý III/2026",
		Date: time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)}
	if err := os.MkdirAll(forms, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := formtest.WriteFile(filepath.Join(forms, "vp.xlsx"), f); err != nil {
		t.Fatal(err)
	}

	// No configuration beside the folder or the program: said, exit 1.
	s, _, errb := Test()
	s.In = strings.NewReader("\n")
	if code := desktopMain(context.Background(), launchDrop, []string{forms}, s, t.TempDir()); code != ExitFailed ||
		!strings.Contains(errb.String(), "thidua init") {
		t.Fatalf("exit %d:\n%s", code, errb.String())
	}

	if err := os.WriteFile(filepath.Join(parent, "thidua.yaml"), templates.DefaultConfig, 0o644); err != nil {
		t.Fatal(err)
	}
	s, _, errb = Test()
	s.In = strings.NewReader("\n")
	code := desktopMain(context.Background(), launchDrop, []string{forms}, s, t.TempDir())
	if code != ExitProblems { // eleven units of the example roster have no form
		t.Fatalf("exit %d:\n%s", code, errb.String())
	}
	if _, err := os.Stat(filepath.Join(parent, "thidua-out", "2026-Q3", "bao-cao-2026-Q3.pdf")); err != nil {
		t.Errorf("no report beside the folder: %v\n%s", err, errb.String())
	}
	for _, want := range []string{"1 đã chấm", "Kết quả ở thư mục: " + filepath.Join(parent, "thidua-out"), "Nhấn Enter"} {
		if !strings.Contains(errb.String(), want) {
			t.Errorf("missing %q in:\n%s", want, errb.String())
		}
	}
}

// TestSecondSignalExits: the first Ctrl-C cancels the run, the second
// exits at once.
func TestSecondSignalExits(t *testing.T) {
	sigs := make(chan os.Signal, 2)
	cancelled, exited := make(chan bool, 1), make(chan bool, 1)
	go watchSignals(sigs, func() { cancelled <- true }, func() { exited <- true })
	sigs <- os.Interrupt
	select {
	case <-cancelled:
	case <-time.After(5 * time.Second):
		t.Fatal("the first signal did not cancel the run")
	}
	select {
	case <-exited:
		t.Fatal("exited at the first signal")
	default:
	}
	sigs <- os.Interrupt
	select {
	case <-exited:
	case <-time.After(5 * time.Second):
		t.Fatal("the second signal did not exit")
	}
}
