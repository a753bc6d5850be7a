package cli

import (
	"sort"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/thidua/thidua/pkg/diag"
)

// Argument checks whose failures are usage errors (exit 2) in the run's
// language, in place of cobra's English "accepts at most 1 arg(s)".

// noArgs accepts no argument.
func noArgs(cmd *cobra.Command, args []string) error { return argsBetween(0, 0)(cmd, args) }

// minArgs accepts n arguments or more.
func minArgs(n int) cobra.PositionalArgs { return argsBetween(n, -1) }

// maxArgs accepts at most n arguments.
func maxArgs(n int) cobra.PositionalArgs { return argsBetween(0, n) }

// exactArgs accepts exactly n arguments.
func exactArgs(n int) cobra.PositionalArgs { return argsBetween(n, n) }

// argsBetween accepts from lo to hi arguments (hi < 0: no upper bound).
func argsBetween(lo, hi int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		n := len(args)
		switch {
		case hi == 0 && n > 0:
			return &usageError{diag.Errorf("args.none", cmd.CommandPath(), strings.Join(args, " "))}
		case n < lo:
			return &usageError{diag.Errorf("args.min", cmd.CommandPath(), lo, n)}
		case hi >= 0 && n > hi:
			return &usageError{diag.Errorf("args.max", cmd.CommandPath(), hi, n)}
		}
		return nil
	}
}

// flagError turns pflag's errors into usage errors in the run's language,
// with the closest flag of the command offered for an unknown one.
func flagError(cmd *cobra.Command, err error) error {
	msg := err.Error()
	var name string
	switch {
	case strings.HasPrefix(msg, "unknown flag: --"):
		name = strings.TrimPrefix(msg, "unknown flag: --")
	case strings.HasPrefix(msg, "unknown shorthand flag: "):
		// "unknown shorthand flag: 'x' in -xyz"
		if i := strings.Index(msg, "'"); i >= 0 && i+2 < len(msg) {
			name = msg[i+1 : i+2]
		}
	default:
		return &usageError{err}
	}
	if s := closestFlag(cmd, name); s != "" {
		return &usageError{diag.Errorf("args.flag.suggest", flagText(name), s)}
	}
	return &usageError{diag.Errorf("args.flag", flagText(name))}
}

func flagText(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

// closestFlag returns the command's flag nearest to name ("--perod" →
// "--period"), or "" when none is close.
func closestFlag(cmd *cobra.Command, name string) string {
	type cand struct {
		flag string
		d    int
	}
	var cs []cand
	visit := func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		d := levenshtein(strings.ToLower(name), f.Name)
		if strings.HasPrefix(f.Name, name) && len(name) >= 3 {
			d = 1
		}
		if d <= 2 && d < len(f.Name) {
			cs = append(cs, cand{"--" + f.Name, d})
		}
	}
	cmd.Flags().VisitAll(visit)
	cmd.InheritedFlags().VisitAll(visit)
	if len(cs) == 0 {
		return ""
	}
	sort.Slice(cs, func(i, j int) bool { return cs[i].d < cs[j].d || cs[i].d == cs[j].d && cs[i].flag < cs[j].flag })
	return cs[0].flag
}

// unknownCommand is the usage error for a command cobra does not know,
// with cobra's suggestions in the run's language.
func unknownCommand(root *cobra.Command, args []string) error {
	name := ""
	for _, a := range args {
		if !strings.HasPrefix(a, "-") {
			name = a
			break
		}
	}
	if s := root.SuggestionsFor(name); len(s) > 0 {
		return &usageError{diag.Errorf("args.command.suggest", name, strings.Join(s, ", "))}
	}
	return &usageError{diag.Errorf("args.command", name)}
}

// levenshtein is the edit distance between a and b.
func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur := make([]int, len(rb)+1)
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(rb)]
}
