// Command sample writes a realistic set of N filled forms for tests,
// benchmarks and demos (scripts/bench.sh, the fault tests of pkg/cli), and
// with -sample-config the thidua.yaml whose roster holds the set's units,
// so that a report on the set scores, ranks and lists missing units as it
// would in an office. The mix of forms is formtest.Sample's (see
// docs/BENCHMARKS.md). It is a separate program so that the test form
// writer (pkg/form/formtest) stays out of the thidua binary.
//
//	go run ./scripts/sample -n 1000 -outdir /tmp/forms -sample-config /tmp/forms.yaml
//
// The criteria table, deadline and default period come from -config, else
// from the embedded default configuration. -period (e.g. 2026-Q3) sets
// the forms' period, -sample-seed makes another set of the same shape.
// Exit status: 0 done, 1 failed, 2 usage error.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"

	"gopkg.in/yaml.v3"

	"github.com/thidua/thidua/pkg/campaign"
	"github.com/thidua/thidua/pkg/config"
	"github.com/thidua/thidua/pkg/form/formtest"
	"github.com/thidua/thidua/pkg/vntext"
)

// options are the command line of sample.
type options struct {
	n            int
	outDir       string
	sampleConfig string
	seed         uint64
	period       string
	config       string
	quiet        bool
}

// errUsage marks a mistake on the command line (exit status 2).
var errUsage = errors.New("usage")

func main() {
	os.Exit(run(os.Args[1:], os.Stderr))
}

// run runs sample with the arguments and returns its exit status.
func run(args []string, stderr io.Writer) int {
	var o options
	fs := flag.NewFlagSet("sample", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.IntVar(&o.n, "n", 0, "number of filled forms to write (required)")
	fs.StringVar(&o.outDir, "outdir", "", "directory to write the forms into (required)")
	fs.StringVar(&o.sampleConfig, "sample-config", "", "also write the matching thidua.yaml (roster of the N units) to this file")
	fs.Uint64Var(&o.seed, "sample-seed", 1, "seed of the sample set")
	fs.StringVar(&o.period, "period", "", "period of the forms, e.g. 2026-Q3 (default: the config's, else 2026-Q3)")
	fs.StringVar(&o.config, "config", "", "configuration with the criteria table (default: the embedded one)")
	fs.BoolVar(&o.quiet, "q", false, "print nothing but errors")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if o.n <= 0 || o.outDir == "" || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "usage: sample -n N -outdir DIR [-sample-config FILE] [-sample-seed S] [-period P] [-config FILE] [-q]")
		return 2
	}
	if err := write(o, stderr); err != nil {
		fmt.Fprintln(stderr, "sample:", err)
		if errors.Is(err, errUsage) {
			return 2
		}
		return 1
	}
	return 0
}

// write writes the sample set of o, and its configuration when asked.
func write(o options, stderr io.Writer) error {
	cfg, err := config.Load(config.LoadOptions{File: o.config, NoConfig: o.config == ""})
	if err != nil {
		return err
	}
	period := cfg.Period
	if p := o.period; p != "" {
		if period, err = vntext.ParsePeriod(p); err != nil {
			return fmt.Errorf("%w: period %q: %v", errUsage, p, err)
		}
	}
	opts := formtest.SampleOptions{Campaign: &cfg.Campaign, N: o.n, Period: period,
		DeadlineDays: cfg.DeadlineDays, Seed: o.seed}
	roster, err := formtest.WriteSample(o.outDir, opts, runtime.NumCPU())
	if err != nil {
		return err
	}
	if !o.quiet {
		fmt.Fprintf(stderr, "wrote %d forms into %s\n", o.n, o.outDir)
	}
	if o.sampleConfig == "" {
		return nil
	}
	units := make([]config.Unit, len(roster))
	for i, u := range roster {
		units[i] = config.Unit{Code: u.Code, Name: u.Name, Group: u.Group, Aliases: u.Aliases}
	}
	doc := struct {
		DeadlineDays int               `yaml:"deadline_days"`
		Units        []config.Unit     `yaml:"units"`
		Campaign     campaign.Campaign `yaml:"campaign"`
	}{cfg.DeadlineDays, units, cfg.Campaign}
	var b bytes.Buffer
	b.WriteString("# thidua.yaml của bộ phiếu mẫu (scripts/sample): danh sách " + strconv.Itoa(len(units)) +
		" đơn vị và bảng tiêu chí;\n# các khóa khác lấy từ cấu hình mặc định.\n")
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return err
	}
	if err := writeFileAtomic(o.sampleConfig, b.Bytes()); err != nil {
		return err
	}
	// The file must load back to the same table, or the set would not score.
	back, err := config.Load(config.LoadOptions{File: o.sampleConfig})
	if err != nil {
		return err
	}
	if back.Campaign.Fingerprint() != cfg.Campaign.Fingerprint() || len(back.Units) != len(units) {
		return fmt.Errorf("%s: the written configuration does not load back to the same table", o.sampleConfig)
	}
	if !o.quiet {
		fmt.Fprintf(stderr, "wrote %s\n", o.sampleConfig)
	}
	return nil
}

// writeFileAtomic writes data to path through a temporary file in the same
// directory, so that path is either the old file or the whole new one.
func writeFileAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".sample-*.tmp")
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
	if err := os.Chmod(tmp, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
