// Package submission holds what a unit sent, as read from its form: who,
// which period, when, and every row's self score, review score, evidence
// and note with the cell each came from, plus the diagnostics of reading.
// It is plain data shared by the form reader (which fills it) and the
// scorer (which reads it); it imports no spreadsheet library.
package submission

import (
	"time"

	"github.com/thidua/thidua/pkg/campaign"
	"github.com/thidua/thidua/pkg/diag"
	"github.com/thidua/thidua/pkg/vntext"
)

// Status says what became of an input file.
type Status string

// File statuses (docs/scoring.md#files): every input file ends with exactly one.
const (
	Scored    Status = "scored"
	Rejected  Status = "rejected"
	Skipped   Status = "skipped"
	Duplicate Status = "duplicate"
)

// Score is one score cell of a form.
type Score struct {
	Points campaign.Points // in hundredths; meaningful when Set
	Set    bool            // false when the cell was blank
	Cell   string          // "E12"; "" when the row had no such column
	Raw    string          // the text as read, for messages
}

// Line is one coded row of the "Chấm điểm" sheet.
type Line struct {
	Code     string // as in the campaign when known, else as written
	Title    string
	Row      int // 1-based sheet row
	Self     Score
	Review   Score
	Evidence string
	Note     string
}

// Submission is one form as read.
type Submission struct {
	Path   string // as the user gave it (relative paths kept relative)
	Size   int64
	SHA256 string

	Unit       string        // "Đơn vị" as written (NFC, converted from legacy fonts)
	UnitCode   string        // "Mã đơn vị"
	PeriodText string        // "Kỳ báo cáo" as written
	PeriodCell string        // cell of the "Kỳ báo cáo" value ("C5"); "" when unknown
	InfoSheet  string        // name of the "Thông tin" sheet as found; "" when unknown
	Period     vntext.Period // parsed; zero when absent or unreadable
	Campaign   string        // "Phong trào"
	Preparer   string        // "Người lập"
	Phone      string
	Email      string
	Date       time.Time // "Ngày lập"; zero when absent
	DateCell   string

	Fingerprint string // from the hidden _thidua sheet, "" for hand-made forms
	Sheet       string // name of the scoring sheet as found

	Lines []Line // in sheet order; leaf and parent rows alike
	Diags diag.List
}

// Rejected reports whether reading found an error.
func (s *Submission) Rejected() bool { return s.Diags.HasErrors() }

// Line returns the line with the given campaign code.
func (s *Submission) Line(code string) (*Line, bool) {
	k := campaign.NormCode(code)
	for i := range s.Lines {
		if campaign.NormCode(s.Lines[i].Code) == k {
			return &s.Lines[i], true
		}
	}
	return nil, false
}

// Input is one file found under the PATH arguments: either read into a
// Submission or skipped before reading (lock file, hidden, output
// directory, not a spreadsheet extension given explicitly …).
type Input struct {
	Path       string
	Size       int64
	SHA256     string
	Submission *Submission // nil when skipped
	Skip       *diag.Diagnostic
}
