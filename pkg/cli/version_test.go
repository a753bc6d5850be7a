package cli

import (
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

func TestVersionAndCompletionArgs(t *testing.T) {
	if code, msg := parse(t, []string{"version", "x"}, func(app *App) *cobra.Command { return NewCmdVersion(app) }); code != ExitUsage || !strings.Contains(msg, "không nhận đối số") {
		t.Errorf("version x: exit %d %q", code, msg)
	}
	if code, _ := parse(t, []string{"version"}, func(app *App) *cobra.Command { return NewCmdVersion(app) }); code != 0 {
		t.Errorf("version: exit %d", code)
	}
	for _, tt := range []struct {
		args []string
		want int
	}{{[]string{"completion", "bash"}, 0}, {[]string{"completion"}, ExitUsage}, {[]string{"completion", "tcsh"}, ExitUsage}} {
		code, msg := parse(t, tt.args, func(app *App) *cobra.Command { return NewCmdCompletion(app, &cobra.Command{Use: "thidua"}) })
		if code != tt.want {
			t.Errorf("%v: exit %d (%s), want %d", tt.args, code, msg, tt.want)
		}
	}
}
