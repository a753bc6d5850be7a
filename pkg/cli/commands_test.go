package cli

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"
	"github.com/thidua/thidua/pkg/vntext"
)

// parse runs args through a root command holding only the command that
// build makes (its runF captures the options instead of running the job)
// and returns the exit status and stderr.
func parse(t *testing.T, args []string, build func(app *App) *cobra.Command) (int, string) {
	t.Helper()
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	t.Chdir(t.TempDir())
	s, _, errb := Test()
	app := &App{IO: s, Ctx: context.Background(), Now: time.Now, Lang: "vi", LogFormat: "text"}
	root := newRootCmd(app)
	root.AddCommand(build(app))
	root.SetArgs(args)
	root.SetOut(s.Out)
	root.SetErr(s.Err)
	_, err := root.ExecuteC()
	return exitCode(err), errb.String() + func() string {
		if err != nil {
			return errorText(err, "vi")
		}
		return ""
	}()
}

func TestReportFlags(t *testing.T) {
	var got *ReportOptions
	capture := func(app *App) *cobra.Command {
		return NewCmdReport(app, func(o *ReportOptions) error { got = o; return nil })
	}
	t.Setenv("THIDUA_NUMBER", "7")
	t.Setenv("THIDUA_OUTPUT", "from-env")
	code, msg := parse(t, []string{"--no-config", "report", "forms", "more", "--period", "Quý III/2026", "-o", "out",
		"--format", "pdf, XLSX", "--date", "2026-10-10", "--strict", "--unit-sheets"}, capture)
	if code != 0 || got == nil {
		t.Fatalf("exit %d: %s", code, msg)
	}
	c := got.Config
	if strings.Join(got.Paths, " ") != "forms more" || c.Period.Code() != "2026-Q3" || c.Output != "out" ||
		strings.Join(c.Formats, ",") != "xlsx,pdf" || c.Date.Format("2006-01-02") != "2026-10-10" ||
		!c.Strict || !c.UnitSheets || c.Number != "7" || c.JSON {
		t.Errorf("options: paths=%v period=%s output=%q formats=%v date=%v strict=%v unit-sheets=%v number=%q json=%v",
			got.Paths, c.Period.Code(), c.Output, c.Formats, c.Date, c.Strict, c.UnitSheets, c.Number, c.JSON)
	}

	// Defaults: every format, no period, the date left to the clock.
	got = nil
	t.Setenv("THIDUA_OUTPUT", "")
	if code, msg := parse(t, []string{"--no-config", "report", "forms"}, capture); code != 0 {
		t.Fatalf("exit %d: %s", code, msg)
	}
	if c := got.Config; strings.Join(c.Formats, ",") != "xlsx,pdf,docx,json,csv" || !c.Period.IsZero() || !c.Date.IsZero() || c.Output != "" {
		t.Errorf("defaults: formats=%v period=%v date=%v output=%q", c.Formats, c.Period, c.Date, c.Output)
	}

	for _, tt := range []struct {
		name string
		args []string
		env  [2]string
		want string
	}{
		{"no paths", []string{"report"}, [2]string{}, "report"},
		{"demo with paths", []string{"report", "--demo", "x"}, [2]string{}, "demo"},
		{"bad date flag", []string{"report", "x", "--date", "2026-13-45"}, [2]string{}, `--date: giá trị "2026-13-45"`},
		{"bad date env", []string{"report", "x"}, [2]string{"THIDUA_DATE", "2026-13-45"}, `THIDUA_DATE: giá trị "2026-13-45"`},
		{"bad format", []string{"report", "x", "--format", "xlsx,doc"}, [2]string{}, `--format: giá trị "xlsx,doc"`},
		{"bad period", []string{"report", "x", "--period", "Quý 5/2026"}, [2]string{}, `--period`},
		{"bad bool env", []string{"report", "x"}, [2]string{"THIDUA_STRICT", "maybe"}, `THIDUA_STRICT`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if tt.env[0] != "" {
				t.Setenv(tt.env[0], tt.env[1])
			}
			got = nil
			code, msg := parse(t, append([]string{"--no-config"}, tt.args...), capture)
			if code != ExitUsage || got != nil || !strings.Contains(msg, tt.want) {
				t.Errorf("exit %d, ran %v, message %q; want exit 2 naming %q", code, got != nil, msg, tt.want)
			}
		})
	}
}

func TestBoolValues(t *testing.T) {
	var got *ReportOptions
	capture := func(app *App) *cobra.Command {
		return NewCmdReport(app, func(o *ReportOptions) error { got = o; return nil })
	}
	for v, want := range map[string]bool{"yes": true, "no": false, "1": true, "0": false, "TRUE": true, "false": false} {
		t.Setenv("THIDUA_STRICT", v)
		t.Setenv("THIDUA_QUIET", v)
		got = nil
		if code, msg := parse(t, []string{"--no-config", "report", "x"}, capture); code != 0 {
			t.Fatalf("%s: exit %d: %s", v, code, msg)
		}
		if got.Config.Strict != want || got.Config.Quiet != want {
			t.Errorf("THIDUA_STRICT/QUIET=%s: strict=%v quiet=%v", v, got.Config.Strict, got.Config.Quiet)
		}
	}
}

// TestBoolFlags: a boolean flag takes the values its variable and key take.
func TestBoolFlags(t *testing.T) {
	var got *ReportOptions
	capture := func(app *App) *cobra.Command {
		return NewCmdReport(app, func(o *ReportOptions) error { got = o; return nil })
	}
	for args, want := range map[string]bool{"--strict": true, "--strict=no": false, "--strict=yes": true, "--strict=0": false, "--strict=TRUE": true} {
		got = nil
		if code, msg := parse(t, []string{"--no-config", "report", "x", args}, capture); code != 0 || got.Config.Strict != want {
			t.Errorf("%s: exit %d (%s), strict %v", args, code, msg, got != nil && got.Config.Strict)
		}
	}
	if code, msg := parse(t, []string{"--no-config", "--quiet=yes", "report", "x"}, capture); code != 0 || !got.Config.Quiet {
		t.Errorf("--quiet=yes: exit %d %s", code, msg)
	}
	if code, msg := parse(t, []string{"--no-config", "-q", "-v", "report", "x"}, capture); code != ExitUsage || !strings.Contains(msg, "chỉ chọn một") {
		t.Errorf("-q -v: exit %d %q", code, msg)
	}
	if code, _ := parse(t, []string{"--no-config", "report", "x", "--strict=maybe"}, capture); code != ExitUsage {
		t.Errorf("--strict=maybe: exit %d", code)
	}
}

func TestValidateFlags(t *testing.T) {
	var got *ValidateOptions
	code, msg := parse(t, []string{"--no-config", "validate", "a.xlsx", "b", "--json"}, func(app *App) *cobra.Command {
		return NewCmdValidate(app, func(o *ValidateOptions) error { got = o; return nil })
	})
	if code != 0 || got == nil || strings.Join(got.Paths, " ") != "a.xlsx b" || !got.Config.JSON {
		t.Fatalf("exit %d (%s), options %+v", code, msg, got)
	}
	got = nil
	if code, _ := parse(t, []string{"--no-config", "validate"}, func(app *App) *cobra.Command {
		return NewCmdValidate(app, func(o *ValidateOptions) error { got = o; return nil })
	}); code != ExitUsage || got != nil {
		t.Errorf("no paths: exit %d, ran %v", code, got != nil)
	}
}

func TestTemplateFlags(t *testing.T) {
	var got *TemplateOptions
	build := func(app *App) *cobra.Command {
		return NewCmdTemplate(app, func(o *TemplateOptions) error { got = o; return nil })
	}
	code, msg := parse(t, []string{"--no-config", "template", "--per-unit", "--outdir", "d", "--period", "Quý III/2026", "-f"}, build)
	if code != 0 || got == nil || !got.PerUnit || got.OutDir != "d" || !got.Force || got.Config.Period.Code() != "2026-Q3" {
		t.Fatalf("exit %d (%s), options %+v", code, msg, got)
	}
	// template's -o is the form file, not the report's output option.
	got = nil
	if code, msg := parse(t, []string{"--no-config", "template", "-o", "phieu.xlsx"}, build); code != 0 || got.Output != "phieu.xlsx" || got.Config.Output != "" {
		t.Fatalf("exit %d (%s): output %q, config output %q", code, msg, got.Output, got.Config.Output)
	}
	got = nil
	if code, msg := parse(t, []string{"--no-config", "template", "--matrix", "--group", "Khối phòng chuyên môn", "--evaluator", "Sở Nội vụ"}, build); code != 0 || !got.Matrix || got.Group != "Khối phòng chuyên môn" || got.Evaluator != "Sở Nội vụ" {
		t.Fatalf("exit %d (%s): %+v", code, msg, got)
	}
	for _, args := range [][]string{{"template", "--per-unit"}, {"template", "--per-unit", "--outdir", "d", "-o", "x.xlsx"}, {"template", "extra"}, {"template", "--matrix", "--per-unit", "--outdir", "d"}} {
		got = nil
		if code, _ := parse(t, append([]string{"--no-config"}, args...), build); code != ExitUsage || got != nil {
			t.Errorf("%v: exit %d, ran %v", args, code, got != nil)
		}
	}
}

func TestInitFlags(t *testing.T) {
	var got *InitOptions
	build := func(app *App) *cobra.Command {
		return NewCmdInit(app, func(o *InitOptions) error { got = o; return nil })
	}
	if code, msg := parse(t, []string{"init", "cfg", "--force"}, build); code != 0 || got.Dir != "cfg" || !got.Force {
		t.Fatalf("exit %d (%s): %+v", code, msg, got)
	}
	if code, _ := parse(t, []string{"init"}, build); code != 0 || got.Dir != "." || got.Force {
		t.Fatalf("exit %d: %+v", code, got)
	}
}

func TestCampaignCheckFlags(t *testing.T) {
	var got *CampaignCheckOptions
	build := func(app *App) *cobra.Command {
		return NewCmdCampaign(app, func(o *CampaignCheckOptions) error { got = o; return nil })
	}
	if code, msg := parse(t, []string{"campaign", "check", "bang.yaml"}, build); code != 0 || got.File != "bang.yaml" {
		t.Fatalf("exit %d (%s): %+v", code, msg, got)
	}
	got = nil
	if code, _ := parse(t, []string{"campaign", "check", "a", "b"}, build); code != ExitUsage || got != nil {
		t.Errorf("two files: exit %d", code)
	}
}

func TestRecentPeriods(t *testing.T) {
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	for _, tt := range []struct {
		now  time.Time
		kind vntext.PeriodKind
		want string
	}{
		{day(2026, 11, 3), vntext.Quarter, "2026-Q4 2026-Q3 2026-Q2 2026-Q1 2026-H2 2026-H1 2026 2025-H2 2025-H1 2025"},
		{day(2026, 2, 3), vntext.Month, "2026-02 2026-01 2025-12 2025-11 2025-10 2025-09 2026-Q1 2026"},
		{day(2026, 11, 3), vntext.Semester, "2026-2027-HK1 2025-2026-HK2 2026-2027 2025-2026"},
		{day(2027, 3, 1), vntext.SchoolYear, "2026-2027-HK2 2026-2027-HK1 2026-2027 2025-2026"},
	} {
		if got := strings.Join(recentPeriods(tt.now, tt.kind), " "); got != tt.want {
			t.Errorf("recentPeriods(%s, %v) = %q, want %q", tt.now.Format("2006-01-02"), tt.kind, got, tt.want)
		}
	}
}
