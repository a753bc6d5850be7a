package cli

import (
	"github.com/schollz/progressbar/v3"
)

// progress is a progress bar on a terminal's stderr while forms are read;
// it does nothing under -q, --json, --log-format json or when stderr is not
// a terminal.
type progress struct {
	bar *progressbar.ProgressBar
}

func newProgress(app *App, total int, jsonOut bool) *progress {
	log := app.logger()
	if !app.IO.ErrTTY || app.Quiet || jsonOut || log.json || total < 2 {
		return &progress{}
	}
	desc := "Đọc phiếu"
	if app.lang() == "en" {
		desc = "Reading forms"
	}
	return &progress{bar: progressbar.NewOptions(total,
		progressbar.OptionSetWriter(app.IO.Err),
		progressbar.OptionSetDescription(desc),
		progressbar.OptionShowCount(),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionThrottle(100e6),
	)}
}

// Add counts one form read; safe for concurrent use.
func (p *progress) Add() {
	if p.bar != nil {
		_ = p.bar.Add(1)
	}
}

// Finish clears the bar.
func (p *progress) Finish() {
	if p.bar != nil {
		_ = p.bar.Finish()
	}
}
