// Command gendocs writes thidua's manual pages (one per command, section 1)
// and its shell completion scripts from the command tree that the binary
// itself uses (cli.NewRootCmd), so the pages cannot drift from --help; and
// the user guide as an HTML page that opens with a double-click
// (-guide-html, from docs/huong-dan-su-dung.md).
//
// The release build calls it from goreleaser's before hooks:
//
//	go run ./cmd/gendocs -man dist-docs/man -completions dist-docs/completions -guide-html dist-docs/huong-dan-su-dung.html
//
// and the pages kept in the repository are refreshed with
//
//	go generate ./cmd/gendocs
//
// -date fixes the date printed in the pages (YYYY-MM-DD or RFC 3339; default
// SOURCE_DATE_EPOCH, else today), so that a release is reproducible.
package main

//go:generate go run . -man ../../docs/man -readme ../../README.md,../../docs/config.md

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
	"github.com/spf13/pflag"

	"github.com/thidua/thidua/pkg/cli"
	"github.com/thidua/thidua/pkg/config"
)

// options says what to generate and where.
type options struct {
	ManDir         string    // manual pages go here ("" = none)
	CompletionsDir string    // completion scripts go here ("" = none)
	Date           time.Time // the date printed in the pages
	Version        string    // printed in the pages' footer ("" = none)
	Readme         []string  // pages whose option list (between the options markers) is rewritten
	Guide          string    // the user guide in Markdown (for GuideHTML)
	GuideHTML      string    // the guide as one HTML page goes here ("" = none)
}

// completionFiles maps each shell to the file its script is written to,
// named as the shells' packaging conventions expect.
var completionFiles = []struct {
	shell, file string
}{
	{"bash", "thidua.bash"},
	{"zsh", "_thidua"},
	{"fish", "thidua.fish"},
	{"powershell", "thidua.ps1"},
}

func main() {
	os.Exit(run(os.Args[1:], os.Stderr))
}

// run parses the arguments, generates, and returns the exit status.
func run(args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("gendocs", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var opts options
	var date string
	fs.StringVar(&opts.ManDir, "man", "", "directory for the manual pages")
	fs.StringVar(&opts.CompletionsDir, "completions", "", "directory for the shell completion scripts")
	fs.StringVar(&date, "date", "", "date printed in the pages: YYYY-MM-DD or RFC 3339 (default SOURCE_DATE_EPOCH, else today)")
	fs.StringVar(&opts.Version, "version", "", "version printed in the pages' footer")
	fs.Func("readme", "comma-separated pages whose option list (between the options markers) is rewritten", func(v string) error {
		opts.Readme = append(opts.Readme, strings.Split(v, ",")...)
		return nil
	})
	fs.StringVar(&opts.Guide, "guide", filepath.Join("docs", "huong-dan-su-dung.md"), "the user guide in Markdown")
	fs.StringVar(&opts.GuideHTML, "guide-html", "", "write the user guide as a self-contained HTML page to this file")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 || (opts.ManDir == "" && opts.CompletionsDir == "" && len(opts.Readme) == 0 && opts.GuideHTML == "") {
		fmt.Fprintln(stderr, "usage: gendocs [-man DIR] [-completions DIR] [-readme FILE] [-guide-html FILE [-guide MD]] [-date D] [-version V]")
		return 2
	}
	d, err := parseDate(date, os.Getenv("SOURCE_DATE_EPOCH"), time.Now)
	if err != nil {
		fmt.Fprintln(stderr, "gendocs:", err)
		return 2
	}
	opts.Date = d
	if err := generate(opts); err != nil {
		fmt.Fprintln(stderr, "gendocs:", err)
		return 1
	}
	return 0
}

// parseDate returns the pages' date: the flag (a date or an RFC 3339
// timestamp, as goreleaser's {{.CommitDate}}), else SOURCE_DATE_EPOCH
// (seconds), else today. The zero date 0001-01-01 counts as no date.
// The result is a UTC calendar date.
func parseDate(flagValue, epoch string, now func() time.Time) (time.Time, error) {
	var t time.Time
	if flagValue != "" {
		var err error
		if t, err = time.Parse("2006-01-02", flagValue); err != nil {
			if t, err = time.Parse(time.RFC3339, flagValue); err != nil {
				return time.Time{}, fmt.Errorf("bad -date %q: want YYYY-MM-DD or RFC 3339", flagValue)
			}
		}
	}
	switch {
	case t.Year() > 1:
		// the flag's date; year 1 is goreleaser's {{.CommitDate}} when it
		// found no commit information (a snapshot in a clone without a
		// remote): fall back as if no date were given
	case epoch != "":
		sec, err := strconv.ParseInt(epoch, 10, 64)
		if err != nil {
			return time.Time{}, fmt.Errorf("bad SOURCE_DATE_EPOCH %q: want seconds since 1970", epoch)
		}
		t = time.Unix(sec, 0)
	default:
		t = now()
	}
	t = t.UTC()
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), nil
}

// newRoot builds the command tree exactly as the binary does, prepared for
// documentation: no "auto generated" stamp, descriptions made safe for
// the Markdown that cobra/doc renders to roff (flag help included).
func newRoot() *cobra.Command {
	streams, _, _ := cli.Test() // nothing runs; the streams are never written
	root := cli.NewRootCmd(&cli.App{IO: streams, Ctx: context.Background(), Now: time.Now})
	escaped := map[*pflag.Flag]bool{}
	walk(root, func(c *cobra.Command) {
		c.DisableAutoGenTag = true
		c.Long = manMarkdown(c.Long)
		c.Flags().VisitAll(func(f *pflag.Flag) {
			if !escaped[f] {
				escaped[f] = true
				f.Usage = escapeMarkdown(f.Usage)
			}
		})
	})
	root.Long += environmentSection()
	return root
}

// environmentSection is the root page's ENVIRONMENT section, listed from
// the configuration keys that THIDUA_* variables can set.
func environmentSection() string {
	var b strings.Builder
	b.WriteString("\n# ENVIRONMENT\n")
	b.WriteString("Cờ dòng lệnh > biến môi trường THIDUA\\_\\* > tệp thidua.yaml > cấu hình mặc định nhúng sẵn. ")
	b.WriteString("Flags override THIDUA\\_\\* variables, which override thidua.yaml, which overrides the embedded default.\n\n")
	b.WriteString("    THIDUA_CONFIG                     tệp cấu hình / the configuration file (như --config)\n")
	for _, o := range config.Options {
		fmt.Fprintf(&b, "    %-33s %s\n", o.Env(), o.Key)
	}
	return b.String()
}

// The README's option list stands between these markers.
const (
	optionsBegin = "<!-- options:begin (go generate ./cmd/gendocs) -->"
	optionsEnd   = "<!-- options:end -->"
)

// optionTable is the README's list of run options, one row per option of
// config.Options: the key, its flag and variable, its default and meaning.
func optionTable() string {
	var b strings.Builder
	b.WriteString("| key (`thidua.yaml`) | flag | environment | default | meaning |\n| --- | --- | --- | --- | --- |\n")
	for _, o := range config.Options {
		flag := ""
		if o.Flag != "" {
			flag = "`--" + o.Flag + "`"
			if o.Short != "" {
				flag = "`-" + o.Short + "`, " + flag
			}
			if o.Commands != nil {
				flag += " (" + strings.Join(o.Commands, ", ") + ")"
			}
		}
		def := o.Default
		if o.Key == "format" {
			def = "xlsx,pdf,docx,json,csv"
		}
		if def != "" {
			def = "`" + def + "`"
		}
		fmt.Fprintf(&b, "| `%s` | %s | `%s` | %s | %s |\n", o.Key, flag, o.Env(), def, strings.ReplaceAll(o.Usage, "|", "\\|"))
	}
	return b.String()
}

// rewriteReadme replaces the option list between the markers of text.
func rewriteReadme(text string) (string, error) {
	i := strings.Index(text, optionsBegin)
	j := strings.Index(text, optionsEnd)
	if i < 0 || j < i {
		return "", fmt.Errorf("no %q … %q markers", optionsBegin, optionsEnd)
	}
	return text[:i+len(optionsBegin)] + "\n" + optionTable() + text[j:], nil
}

// walk calls fn on c and every command below it.
func walk(c *cobra.Command, fn func(*cobra.Command)) {
	fn(c)
	for _, sub := range c.Commands() {
		walk(sub, fn)
	}
}

// documented reports whether c gets a manual page (cobra/doc's rule).
func documented(c *cobra.Command) bool {
	return c.IsAvailableCommand() && !c.IsAdditionalHelpTopicCommand()
}

// manPageNames lists the manual page file names for the tree under root.
func manPageNames(root *cobra.Command) []string {
	var names []string
	var visit func(c *cobra.Command)
	visit = func(c *cobra.Command) {
		names = append(names, strings.ReplaceAll(c.CommandPath(), " ", "-")+".1")
		for _, sub := range c.Commands() {
			if documented(sub) {
				visit(sub)
			}
		}
	}
	visit(root)
	return names
}

// generate writes the manual pages and completion scripts that opts asks for.
func generate(opts options) error {
	for _, page := range opts.Readme {
		text, err := os.ReadFile(page)
		if err != nil {
			return err
		}
		fresh, err := rewriteReadme(string(text))
		if err != nil {
			return fmt.Errorf("%s: %w", page, err)
		}
		if err := os.WriteFile(page, []byte(fresh), 0o644); err != nil {
			return err
		}
	}
	if opts.ManDir != "" {
		if err := os.MkdirAll(opts.ManDir, 0o755); err != nil {
			return err
		}
		// Pages of commands that no longer exist must not linger.
		stale, _ := filepath.Glob(filepath.Join(opts.ManDir, "thidua*.1"))
		for _, p := range stale {
			if err := os.Remove(p); err != nil {
				return err
			}
		}
		date := opts.Date
		source := "thidua"
		if opts.Version != "" {
			source += " " + strings.TrimPrefix(opts.Version, "v")
		}
		header := &doc.GenManHeader{
			Section: "1",
			Date:    &date,
			Source:  source,
			Manual:  "thidua manual",
		}
		if err := doc.GenManTree(newRoot(), header, opts.ManDir); err != nil {
			return fmt.Errorf("manual pages: %w", err)
		}
	}
	if opts.GuideHTML != "" {
		footer := "thidua"
		if opts.Version != "" {
			footer += " " + strings.TrimPrefix(opts.Version, "v")
		}
		if !opts.Date.IsZero() {
			footer += " — " + opts.Date.Format("02/01/2006")
		}
		if err := writeGuide(opts.Guide, opts.GuideHTML, footer); err != nil {
			return fmt.Errorf("guide: %w", err)
		}
	}
	if opts.CompletionsDir != "" {
		if err := os.MkdirAll(opts.CompletionsDir, 0o755); err != nil {
			return err
		}
		root := newRoot()
		for _, cf := range completionFiles {
			if err := writeCompletion(root, cf.shell, filepath.Join(opts.CompletionsDir, cf.file)); err != nil {
				return fmt.Errorf("%s completion: %w", cf.shell, err)
			}
		}
	}
	return nil
}

// writeCompletion writes one shell's completion script to path.
func writeCompletion(root *cobra.Command, shell, path string) (err error) {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	switch shell {
	case "bash":
		return root.GenBashCompletionV2(f, true)
	case "zsh":
		return root.GenZshCompletion(f)
	case "fish":
		return root.GenFishCompletion(f, true)
	case "powershell":
		return root.GenPowerShellCompletionWithDesc(f)
	}
	return errors.New("unknown shell " + shell)
}

// manMarkdown turns a command's plain-text Long description into the
// Markdown that cobra/doc expects: indented lines (examples, file lists,
// the exit-status table) become verbatim blocks so their columns survive;
// an upper-case line of its own ("EXIT STATUS") becomes a section heading;
// in prose, characters that Markdown would swallow (<kỳ>, *, _) are escaped.
func manMarkdown(long string) string {
	lines := strings.Split(strings.TrimRight(long, "\n"), "\n")
	var b strings.Builder
	inBlock := false
	for i, line := range lines {
		indented := strings.HasPrefix(line, " ") || strings.HasPrefix(line, "\t")
		switch {
		case indented:
			if !inBlock {
				if i > 0 && strings.TrimSpace(lines[i-1]) != "" {
					b.WriteString("\n")
				}
				inBlock = true
			}
			b.WriteString("    " + line + "\n")
		case strings.TrimSpace(line) == "":
			inBlock = false
			b.WriteString("\n")
		case isHeading(line):
			inBlock = false
			b.WriteString("# " + strings.TrimSpace(line) + "\n")
		default:
			if inBlock {
				b.WriteString("\n")
				inBlock = false
			}
			b.WriteString(escapeMarkdown(line) + "\n")
		}
	}
	return b.String()
}

// isHeading reports whether a line is an upper-case title such as
// "EXIT STATUS".
func isHeading(line string) bool {
	s := strings.TrimSpace(line)
	if len(s) < 3 {
		return false
	}
	for _, r := range s {
		if !(r >= 'A' && r <= 'Z') && r != ' ' {
			return false
		}
	}
	return true
}

// escapeMarkdown backslash-escapes the characters that Markdown treats as
// markup in running text.
func escapeMarkdown(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\', '`', '*', '_', '<', '>', '[', ']':
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
