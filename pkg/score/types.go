// Package score turns submissions into a result: it matches forms to the
// roster, resolves duplicates, checks periods and deadlines, scores every
// unit in integer hundredths (leaf = review else self, parents capped,
// capped bonus and deductions, clamped total), ranks units overall and in
// their group, classifies them into bands with sanctions and quotas, and
// applies the council's review. It does no I/O and imports no spreadsheet,
// PDF or command-line library.
package score

import (
	"time"

	"github.com/thidua/thidua/pkg/campaign"
	"github.com/thidua/thidua/pkg/diag"
	"github.com/thidua/thidua/pkg/submission"
	"github.com/thidua/thidua/pkg/vntext"
)

// Points is campaign.Points, re-exported for brevity.
type Points = campaign.Points

// Flags a unit can carry. They are stable strings shown as they are in the
// JSON, the workbook and the report.
const (
	FlagCouncil  = "cần bình xét"            // a tie group crossed a band quota: the council decides
	FlagLate     = "nộp muộn"                // dated after period end + deadline_days
	FlagNotOnRos = "ngoài danh sách"         // not on the roster
	FlagNoTop    = "không xếp loại cao nhất" // a no-top sanction applied
	FlagDownOne  = "hạ một bậc"              // a down-one sanction applied
	FlagMissingQ = "thiếu phiếu quý"         // longer period: a quarter had no scored form
	FlagMissingM = "thiếu phiếu tháng"       // longer period rolled up from months: a month had no scored form
	FlagMissingS = "thiếu phiếu học kỳ"      // school year: a semester had no scored form
	FlagMaxBand  = "giới hạn xếp loại"       // a max-band sanction lowered the band
	FlagExcluded = "không xét"               // an exclude sanction: not classified (the unit keeps its rank)
)

// missingPartFlags are the flags of a unit missing in a part of a longer
// period, by the part's kind.
var missingPartFlags = map[vntext.PeriodKind]string{
	vntext.Quarter: FlagMissingQ, vntext.Month: FlagMissingM, vntext.Semester: FlagMissingS,
}

// IsMissingPartFlag reports whether f says a unit had no scored form in a
// part (quarter, month, semester) of a longer period.
func IsMissingPartFlag(f string) bool {
	return f == FlagMissingQ || f == FlagMissingM || f == FlagMissingS
}

// Unit is a roster unit.
type Unit struct {
	Code    string
	Name    string
	Group   string
	Aliases []string
	Short   string // the name on a chart's axis; "" = shortened from Name
}

// ReviewOverride is one non-blank "Thẩm định" cell of the council's review
// sheet (docs/scoring.md#council-review).
type ReviewOverride struct {
	UnitCode string
	Code     string // row code
	Points   Points
	Reason   string        // the council's "Ghi chú thẩm định" beside it, if any
	Period   vntext.Period // the period the review workbook was made for; zero = any
	Cell     string        // where it was read, e.g. "Thẩm định!G14"
	File     string        // the review workbook it was read from (for diagnostics)
	// Figure says Points is a corrected figure of a figure leaf (not
	// points): the points are computed from it.
	Figure bool
}

// Options are the inputs of scoring besides the submissions.
type Options struct {
	Campaign     *campaign.Campaign
	Roster       []Unit
	Period       vntext.Period // the --period; zero = the majority of the forms
	DeadlineDays int
	Review       []ReviewOverride
}

// EvaluatorRef names an evaluator: a roster unit (peers), an entry of the
// campaign's evaluation.evaluators, or a name as written on the forms.
type EvaluatorRef struct {
	Code string // the roster or configured code; "" when none
	Name string // the name as configured, else as written
}

// Label returns the evaluator's name, else its code.
func (e EvaluatorRef) Label() string {
	if e.Name != "" {
		return e.Name
	}
	return e.Code
}

// Evaluation is one evaluator's form counted for a unit (evaluation.by
// evaluators or peers).
type Evaluation struct {
	Evaluator EvaluatorRef
	File      string
	Sheet     string
	Row       int // the unit's row in a "Bảng điểm" sheet; 0 for a per-unit form
	Date      time.Time
	Late      bool
}

// EvaluatorStatus is what one evaluator did in the period: the files it
// sent, the units it scored, whether it was late or sent nothing.
type EvaluatorStatus struct {
	EvaluatorRef
	Expected bool     // on the list of expected evaluators (the roster for peers)
	Files    []string // the files counted, sorted
	Units    int      // units scored
	Late     bool     // a counted form was dated after the deadline
	Missing  bool     // expected, and no form of it counted
}

// ContentScore is one top-level content of a unit.
type ContentScore struct {
	Code  string
	Title string
	Max   Points
	Self  Points // the unit's own score (self-scores only, capped); under evaluators, their mean
	Score Points // final, not weighted

	// Weight is how many times the content counts in the base, in
	// hundredths (100 = 1×; 0 in results built without it: 1×).
	Weight Points
	// MaxApplicable is the content's maximum for this unit: Max less what
	// does not apply to it (applies_to, KAD); 0 when it does not apply.
	MaxApplicable Points
	// NotApplicable: the content does not apply to the unit (applies_to
	// another group, marked KAD, or nothing under it applies): it is left
	// out of the unit's maximum, of min_content_ratio and of content
	// averages.
	NotApplicable bool
	KAD           bool // the unit marked the content itself KAD
}

// RowScore is one row of the criteria table for one unit (every row, leaf
// and parent, in table order).
type RowScore struct {
	Code       string
	Title      string
	Kind       campaign.Kind
	Depth      int
	Leaf       bool
	Max        Points
	Self       Points
	SelfSet    bool
	Review     Points
	ReviewSet  bool   // a review score exists (form or council)
	Final      Points // leaf: review else self; parent: min(sum of children, max)
	SelfCell   string // "E12" in the form's scoring sheet
	ReviewCell string
	Evidence   string
	Note       string
	ReviewNote string // the council's reason for a review score it set (--review)

	Weight        Points // how many times the row counts in its parent, in hundredths (100 = 1×; 0: 1×)
	MaxApplicable Points // the row's maximum for this unit (0 when it does not apply)
	NotApplicable bool   // the row does not apply to the unit (applies_to, or KAD on it or above it)
	KAD           bool   // the unit (or its evaluators) marked this row KAD
	Figure        Points // a figure leaf: the figure (under evaluators, their mean)
	FigureSet     bool
	FigureCell    string
	Level         string // a levels leaf: the name of the level of Final, when Final is a level's points
	Evaluators    int    // leaf: how many forms gave it a value (1 or 0 under self-evaluation)
}

// QuarterTotal is a unit's total in one part (a quarter, a month, a
// semester) of a longer period.
type QuarterTotal struct {
	Period  vntext.Period
	Total   Points
	Present bool // false: no scored form that quarter (counts 0)
}

// Change is a unit's change since an earlier result (--previous).
type Change struct {
	Points Points // total now − total then
	Rank   int    // rank then − rank now (positive = moved up)
	Known  bool   // the unit was in the earlier result
}

// UnitResult is one scored unit.
type UnitResult struct {
	Code      string
	Name      string
	Group     string
	Short     string // the roster's short name, "" when it has none
	File      string
	Sheet     string // scoring sheet name in File
	OnRoster  bool
	Date      time.Time
	Contents  []ContentScore
	Rows      []RowScore
	Base      Points
	Bonus     Points
	Deduction Points
	Total     Points
	Rank      int
	GroupRank int
	Band      string
	Late      bool
	Reviewed  bool // any final leaf came from a review score
	Flags     []string
	Quarters  []QuarterTotal // longer periods only: one per part (quarter, month or semester)
	Change    *Change        // with --previous only

	// MaxApplicable is M, the unit's own maximum: the weighted maxima of
	// the contents that apply to it (the scale when everything applies).
	MaxApplicable Points
	// RawBase is the weighted sum of the content scores; Base equals it
	// unless the campaign normalises (Base = RawBase × scale ÷ M).
	RawBase Points
	// Excluded: an exclude sanction ("không xét"): no band; the unit keeps
	// its rank.
	Excluded bool
	// Evaluations are the evaluators' forms counted for the unit
	// (evaluation.by evaluators or peers), by evaluator name; nil under
	// self-evaluation.
	Evaluations []Evaluation
}

// EvaluatorNames returns the names of the evaluators counted for u, in
// order.
func (u *UnitResult) EvaluatorNames() []string {
	var out []string
	for _, e := range u.Evaluations {
		out = append(out, e.Evaluator.Label())
	}
	return out
}

// FileResult is what became of one input file.
type FileResult struct {
	Path   string
	Size   int64
	SHA256 string
	Status submission.Status
	Unit   string // roster code (or the code/name written) when known; a "Bảng điểm" sheet: its first unit
	Diags  diag.List

	Evaluator string   // the evaluator named on the form (evaluation.by evaluators or peers)
	Units     []string // a "Bảng điểm" sheet: the codes of the units it gave scores for, counted or not, in sheet order
}

// ReviewChange is one change made by the council's review (--review).
type ReviewChange struct {
	UnitCode string
	UnitName string
	Code     string
	Old      Points // the score before the council's change: the form's review score, else the unit's own
	OldSet   bool   // false when the row had neither (a blank self-score)
	OldSelf  bool   // Old is the unit's own score (the form had no review score there)
	New      Points
	Reason   string // the council's "Ghi chú thẩm định"
	Cell     string
}

// BandCount is how many units hold a band.
type BandCount struct {
	Label string
	Count int
}

// Summary adds up the result: Files = Scored + Rejected + Skipped + Duplicates.
type Summary struct {
	Files      int
	Scored     int
	Rejected   int
	Skipped    int
	Duplicates int
	Missing    int
	Late       int
	Average    Points      // mean total of scored units, rounded half up to hundredths
	Bands      []BandCount // in the campaign's band order, zero counts included; empty when ranking only
	Expected   int         // roster size

	Excluded          int // units not classified by an exclude sanction
	MissingEvaluators int // expected evaluators none of whose forms counted
	LateEvaluators    int // evaluators with a late form counted
}

// Result is the outcome of scoring a period.
type Result struct {
	Campaign *campaign.Campaign
	Period   vntext.Period
	Units    []UnitResult // in rank order; equal ranks by code
	Missing  []Unit       // roster units with no scored form, roster order
	Files    []FileResult // every input exactly once, sorted by path
	Changes  []ReviewChange
	// Reviewed are the periods scored from forms here (the period, or
	// each part of a roll-up) whose review overrides were applied; a
	// review made for a period not in it was not used.
	Reviewed []vntext.Period
	Diags    diag.List // run-level diagnostics (roster, period, review)
	Summary  Summary

	// Evaluators lists every evaluator (evaluation.by evaluators or
	// peers): the expected ones in configured (roster) order, then the
	// others by name; nil under self-evaluation.
	Evaluators []EvaluatorStatus
}

// MissingEvaluators returns the expected evaluators that sent nothing that
// counted.
func (r *Result) MissingEvaluators() []EvaluatorRef {
	var out []EvaluatorRef
	for _, e := range r.Evaluators {
		if e.Missing {
			out = append(out, e.EvaluatorRef)
		}
	}
	return out
}

// Problems reports whether the run found problems that make `report` exit
// 3: rejected files, missing or late units (and, when strict, warnings).
func (r *Result) Problems(strict bool) bool {
	s := r.Summary
	if s.Rejected > 0 || s.Missing > 0 || s.Late > 0 || s.MissingEvaluators > 0 || s.LateEvaluators > 0 || r.Diags.HasErrors() {
		return true
	}
	for _, u := range r.Units {
		for _, f := range u.Flags {
			if IsMissingPartFlag(f) { // a unit missing in a part of a longer period
				return true
			}
		}
	}
	if !strict {
		return false
	}
	if r.Diags.Count(diag.Warning) > 0 {
		return true
	}
	for _, f := range r.Files {
		if f.Diags.Count(diag.Warning) > 0 {
			return true
		}
	}
	return false
}

// CountFiles sets the file counts of the summary from Files, so that
// Files = Scored + Rejected + Skipped + Duplicates always holds.
func (r *Result) CountFiles() {
	s := &r.Summary
	s.Files, s.Scored, s.Rejected, s.Skipped, s.Duplicates = len(r.Files), 0, 0, 0, 0
	for _, f := range r.Files {
		switch f.Status {
		case submission.Scored:
			s.Scored++
		case submission.Rejected:
			s.Rejected++
		case submission.Skipped:
			s.Skipped++
		case submission.Duplicate:
			s.Duplicates++
		}
	}
}
