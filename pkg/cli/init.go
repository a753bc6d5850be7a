package cli

import (
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/thidua/thidua/pkg/config"
	"github.com/thidua/thidua/pkg/diag"
	"github.com/thidua/thidua/templates"
)

// InitOptions are the inputs of `thidua init`.
type InitOptions struct {
	App   *App
	Dir   string
	Force bool
}

// NewCmdInit builds `thidua init [DIR]`. runF runs the job (nil =
// initRun); tests pass their own.
func NewCmdInit(app *App, runF func(*InitOptions) error) *cobra.Command {
	opts := &InitOptions{App: app}
	cmd := &cobra.Command{
		Use:   "init [DIR]",
		Short: "Viết tệp cấu hình mẫu thidua.yaml / write an example thidua.yaml",
		Long: `Viết tệp cấu hình mẫu thidua.yaml (cơ quan, người ký, danh sách đơn vị, bảng tiêu chí
của phong trào thi đua phòng, chống Covid-19 năm 2021) vào DIR (mặc định: thư mục hiện tại).
Không ghi đè tệp đã có, trừ khi dùng --force.

Writes the example configuration into DIR (default: the current directory).`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Dir = "."
			if len(args) == 1 {
				opts.Dir = args[0]
			}
			if runF != nil {
				return runF(opts)
			}
			return initRun(opts)
		},
	}
	cmd.Flags().BoolVarP(&opts.Force, "force", "f", false, "ghi đè tệp đã có / overwrite")
	return cmd
}

func initRun(o *InitOptions) error {
	if err := os.MkdirAll(o.Dir, 0o755); err != nil {
		return err
	}
	path := filepath.Join(o.Dir, config.DefaultName)
	if _, err := os.Stat(path); err == nil && !o.Force {
		return diag.Errorf("init.exists", path)
	}
	if err := writeFileAtomic(path, templates.DefaultConfig, 0o644); err != nil {
		return err
	}
	if !o.App.Quiet {
		_, _ = o.App.IO.Err.Write([]byte(o.App.T("init.wrote", path) + "\n"))
	}
	return nil
}

// writeFileAtomic writes data to a temp file in path's directory and renames
// it into place, so a crash never leaves a half-written file under path.
func writeFileAtomic(path string, data []byte, perm os.FileMode) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, ".thidua-*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer os.Remove(tmp)
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp, perm); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
