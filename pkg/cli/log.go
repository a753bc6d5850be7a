package cli

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"sync"

	"github.com/thidua/thidua/pkg/diag"
)

// logger writes everything that is not a result to stderr: diagnostics,
// progress notes and errors. In text mode diagnostics are compiler-style
// lines; with --log-format json every line is one JSON object (level, msg,
// code, file, sheet, cell …) and nothing else is written. -q keeps errors
// only; -v adds debug lines (per-file timings).
type logger struct {
	mu      sync.Mutex
	w       io.Writer
	lang    string
	json    bool
	quiet   bool
	verbose bool
	sl      *slog.Logger

	hiddenNotes int             // notes not printed (text mode without -v)
	seenFont    map[string]bool // files whose first legacy-font note was printed
}

// HiddenNotes returns how many notes were not printed.
func (l *logger) HiddenNotes() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.hiddenNotes
}

func newLogger(w io.Writer, lang, format string, quiet, verbose bool) *logger {
	l := &logger{w: w, lang: lang, json: format == "json", quiet: quiet, verbose: verbose}
	if l.json {
		level := slog.LevelInfo
		switch {
		case quiet:
			level = slog.LevelError
		case verbose:
			level = slog.LevelDebug
		}
		l.sl = slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: level}))
	}
	return l
}

// logger returns the run's logger, made on first use.
func (a *App) logger() *logger {
	if a.log == nil {
		format := a.LogFormat
		if a.cfg != nil && !a.flagChanged("log-format") {
			format = a.cfg.LogFormat
		}
		a.log = newLogger(a.IO.Err, a.lang(), format, a.Quiet, a.Verbose)
	}
	return a.log
}

func (a *App) flagChanged(name string) bool {
	if a.flags == nil {
		return false
	}
	f := a.flags.Lookup(name)
	return f != nil && f.Changed
}

// Diag logs one diagnostic. In text mode without -v only the first
// legacy-font conversion note of each file is printed (a TCVN3 form has one
// per cell, which would drown the errors); all of them are in the JSON log,
// the JSON result and the workbook's "Kiểm tra" sheet.
func (l *logger) Diag(d diag.Diagnostic) {
	if l.quiet && d.Severity != diag.Error {
		return
	}
	if d.Code == "TD212" && !l.json && !l.verbose {
		l.mu.Lock()
		if l.seenFont == nil {
			l.seenFont = map[string]bool{}
		}
		first := !l.seenFont[d.File]
		l.seenFont[d.File] = true
		if !first {
			l.hiddenNotes++
			l.mu.Unlock()
			return
		}
		l.mu.Unlock()
	}
	if l.json {
		level := slog.LevelInfo
		switch d.Severity {
		case diag.Error:
			level = slog.LevelError
		case diag.Warning:
			level = slog.LevelWarn
		}
		attrs := []slog.Attr{slog.String("code", d.Code), slog.String("severity", d.Severity.String())}
		if d.File != "" {
			attrs = append(attrs, slog.String("file", d.File))
		}
		if d.Sheet != "" {
			attrs = append(attrs, slog.String("sheet", d.Sheet))
		}
		if d.Cell != "" {
			attrs = append(attrs, slog.String("cell", d.Cell))
		}
		l.sl.LogAttrs(context.Background(), level, d.Message(l.lang), attrs...)
		return
	}
	d.File = termSafe(d.File, false)
	l.mu.Lock()
	defer l.mu.Unlock()
	fmt.Fprintln(l.w, termSafe(d.Line(l.lang), true))
}

// Info logs a progress or summary message (not under -q).
func (l *logger) Info(msg string, args ...any) {
	if l.json {
		l.sl.Info(msg, args...)
		return
	}
	if l.quiet {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	fmt.Fprintln(l.w, termSafe(msg, true))
}

// Debug logs a detail shown only with -v.
func (l *logger) Debug(msg string, args ...any) {
	if l.json {
		l.sl.Debug(msg, args...)
		return
	}
	if !l.verbose {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	fmt.Fprint(l.w, termSafe(msg, true))
	for i := 0; i+1 < len(args); i += 2 {
		fmt.Fprintf(l.w, " %v=%s", args[i], termSafe(fmt.Sprint(args[i+1]), false))
	}
	fmt.Fprintln(l.w)
}

// Error logs a failure message.
func (l *logger) Error(msg string) {
	if l.json {
		l.sl.Error(msg)
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	fmt.Fprintln(l.w, "thidua: "+termSafe(msg, true))
}
