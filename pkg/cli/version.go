package cli

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// Build information, set by the release build with
// -ldflags "-X github.com/thidua/thidua/pkg/cli.version=…".
var (
	version = ""
	commit  = ""
	date    = ""
)

// Version returns the version, commit and build date, falling back to the
// module build information when the release build did not set them.
func Version() (v, c, d string) {
	v, c, d = version, commit, date
	if bi, ok := debug.ReadBuildInfo(); ok {
		if v == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			v = bi.Main.Version
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				if c == "" {
					c = s.Value
				}
			case "vcs.time":
				if d == "" {
					d = s.Value
				}
			}
		}
	}
	if v == "" {
		v = "dev"
	}
	if c == "" {
		c = "unknown"
	}
	if d == "" {
		d = "unknown"
	}
	return v, c, d
}

// NewCmdVersion builds `thidua version`.
func NewCmdVersion(app *App) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "In phiên bản / print the version",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			v, c, d := Version()
			fmt.Fprintf(app.IO.Out, "thidua %s (commit %s, built %s, %s %s/%s)\n", v, c, d, runtime.Version(), runtime.GOOS, runtime.GOARCH)
			return nil
		},
	}
}
