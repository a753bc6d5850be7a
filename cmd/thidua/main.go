// Command thidua collects emulation scoring forms, scores, ranks and
// classifies the units, and writes the consolidated workbook and the
// official report. See `thidua --help`.
package main

import (
	"os"

	"github.com/thidua/thidua/pkg/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], cli.System()))
}
