package cli

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/thidua/thidua/templates"
)

// writeDemoForms writes the demo forms embedded in the binary into dir,
// replacing earlier copies, so the user can open them next to the outputs.
func writeDemoForms(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	entries, err := fs.ReadDir(templates.Demo, "demo")
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".xlsx") && !strings.HasSuffix(e.Name(), ".xls") {
			continue
		}
		data, err := fs.ReadFile(templates.Demo, path.Join("demo", e.Name()))
		if err != nil {
			return err
		}
		if err := writeFileAtomic(filepath.Join(dir, e.Name()), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// demoRoot is where report --demo writes its forms and outputs.
const demoRoot = "thidua-demo"
