// Package submission holds what a unit sent, as read from its form: who,
// which period, when, and every row's self score, review score, evidence
// and note with the cell each came from, plus the diagnostics of reading.
// It is plain data shared by the form reader (which fills it) and the
// scorer (which reads it); it imports no spreadsheet library.
//
// What the reader fills for the rules of a criteria table
// (docs/config.md, docs/forms.md):
//
//   - a levels leaf: Score.Points (the level's points) and Score.Level (the
//     level's name as configured) when the cell holds a name; just the
//     points when it holds points. A name or points that are not a level
//     reject the form (the scorer only guards);
//   - a choices leaf: Score.Points; a value that is not a choice rejects
//     the form;
//   - a figure leaf: Line.Figure, the "Số liệu" cell (a count or a
//     percentage ≥ 0 in hundredths; a cell formatted as a percentage holds
//     a fraction, read ×100: 0,95 is 95). The scorer computes the points;
//     a "Tự chấm" typed beside it is kept in Line.Self and only compared;
//   - an optional node: Line.KAD when its own score cell reads "KAD" or
//     "Không áp dụng" (its children may be blank or KAD);
//   - evaluators (evaluation.by evaluators or peers): Submission.Evaluator,
//     the "Đơn vị chấm" (or "Người chấm") value of "Thông tin", with its
//     cell; the score column "Điểm chấm" is read into Line.Self;
//   - a "Bảng điểm" sheet (many units in one sheet): one Submission for the
//     file, holding the "Thông tin" values (period, date, evaluator) and
//     every diagnostic, with Matrix holding one Submission per unit row
//     (Unit, UnitCode, MatrixRow and the row's Lines, one Line per leaf
//     code column, Self.Cell naming the cell). Forms() expands it.
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

// Score is one score cell of a form (or the figure cell of a figure leaf).
type Score struct {
	Points campaign.Points // in hundredths; meaningful when Set
	Set    bool            // false when the cell was blank
	Cell   string          // "E12"; "" when the row had no such column
	Raw    string          // the text as read, for messages
	// Level is, on a levels leaf, the name of the level the cell gave (as
	// the campaign spells it); "" when the cell held points. The scorer
	// takes the named level's points.
	Level string
}

// Line is one coded row of the "Chấm điểm" sheet, or one unit's cell of a
// leaf code column of a "Bảng điểm" sheet.
type Line struct {
	Code     string // as in the campaign when known, else as written
	Title    string
	Row      int // 1-based sheet row
	Self     Score
	Review   Score
	Evidence string
	Note     string

	// Figure is the "Số liệu" cell of a figure leaf: the figure (≥ 0) in
	// hundredths; the points are computed from it by the scorer.
	Figure Score
	// KAD says the row's own score cell reads "KAD" / "Không áp dụng": an
	// optional node the unit says does not apply to it.
	KAD     bool
	KADCell string
	// EvidenceCell is the "Minh chứng" cell of the row; "" when the form
	// has no such column.
	EvidenceCell string
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

	// Evaluator is who scored the form under evaluation.by evaluators or
	// peers: "Đơn vị chấm" (or "Người chấm") as written, a name or (peers)
	// a roster unit's code or name; "" when absent.
	Evaluator     string
	EvaluatorCell string // cell of the "Đơn vị chấm" value ("C9"); "" when unknown

	// Matrix holds, for a "Bảng điểm" sheet, one submission per unit row,
	// in sheet order; nil for a per-unit form. The file's own submission
	// holds the "Thông tin" values and the diagnostics; a row's Period,
	// PeriodText, Date, Evaluator and Sheet may be left blank: Forms fills
	// them from the file's.
	Matrix []*Submission
	// MatrixRow is, for a row of a "Bảng điểm" sheet, its 1-based sheet
	// row; 0 for a per-unit form.
	MatrixRow int
}

// Rejected reports whether reading found an error: in the form, or in any
// row of its "Bảng điểm" sheet (one bad cell rejects the whole file, as it
// does a per-unit form).
func (s *Submission) Rejected() bool {
	if s.Diags.HasErrors() {
		return true
	}
	for _, m := range s.Matrix {
		if m != nil && m.Diags.HasErrors() {
			return true
		}
	}
	return false
}

// IsMatrix reports whether s is a "Bảng điểm" sheet of many units.
func (s *Submission) IsMatrix() bool { return len(s.Matrix) > 0 }

// Forms returns the per-unit forms s holds: s itself, or the rows of its
// "Bảng điểm" sheet, each a copy with the file's path, size, hash, info
// sheet, fingerprint, and (where the row has none) period, date, evaluator
// and sheet filled in from s. The rows' own Diags are left out: they are
// the file's.
func (s *Submission) Forms() []*Submission {
	if !s.IsMatrix() {
		return []*Submission{s}
	}
	out := make([]*Submission, 0, len(s.Matrix))
	for _, m := range s.Matrix {
		if m == nil {
			continue
		}
		r := *m
		r.Matrix, r.Diags = nil, nil
		r.Path, r.Size, r.SHA256 = s.Path, s.Size, s.SHA256
		r.InfoSheet, r.Fingerprint, r.Campaign = s.InfoSheet, s.Fingerprint, s.Campaign
		if r.Period.IsZero() && r.PeriodText == "" {
			r.Period, r.PeriodText, r.PeriodCell = s.Period, s.PeriodText, s.PeriodCell
		}
		if r.Date.IsZero() {
			r.Date, r.DateCell = s.Date, s.DateCell
		}
		if r.Evaluator == "" {
			r.Evaluator, r.EvaluatorCell = s.Evaluator, s.EvaluatorCell
		}
		if r.Sheet == "" {
			r.Sheet = s.Sheet
		}
		if r.Preparer == "" {
			r.Preparer, r.Phone, r.Email = s.Preparer, s.Phone, s.Email
		}
		out = append(out, &r)
	}
	return out
}

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
