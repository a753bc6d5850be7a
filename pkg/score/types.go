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
)

// Unit is a roster unit.
type Unit struct {
	Code    string
	Name    string
	Group   string
	Aliases []string
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
}

// Options are the inputs of scoring besides the submissions.
type Options struct {
	Campaign     *campaign.Campaign
	Roster       []Unit
	Period       vntext.Period // the --period; zero = the majority of the forms
	DeadlineDays int
	Review       []ReviewOverride
}

// ContentScore is one top-level content of a unit.
type ContentScore struct {
	Code  string
	Title string
	Max   Points
	Self  Points // the unit's own score (self-scores only, capped)
	Score Points // final
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
}

// QuarterTotal is a unit's total in one quarter of a longer period.
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
	Quarters  []QuarterTotal // longer periods only
	Change    *Change        // with --previous only
}

// FileResult is what became of one input file.
type FileResult struct {
	Path   string
	Size   int64
	SHA256 string
	Status submission.Status
	Unit   string // roster code (or the code/name written) when known
	Diags  diag.List
}

// ReviewChange is one change made by the council's review (--review).
type ReviewChange struct {
	UnitCode string
	UnitName string
	Code     string
	Old      Points // the score before the council's change: the form's review score, else the unit's own
	OldSet   bool   // false when the row had neither (a blank self-score)
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
	Bands      []BandCount // in the campaign's band order, zero counts included
	Expected   int         // roster size
}

// Result is the outcome of scoring a period.
type Result struct {
	Campaign *campaign.Campaign
	Period   vntext.Period
	Units    []UnitResult // in rank order; equal ranks by code
	Missing  []Unit       // roster units with no scored form, roster order
	Files    []FileResult // every input exactly once, sorted by path
	Changes  []ReviewChange
	Diags    diag.List // run-level diagnostics (roster, period, review)
	Summary  Summary
}

// Problems reports whether the run found problems that make `report` exit
// 3: rejected files, missing or late units (and, when strict, warnings).
func (r *Result) Problems(strict bool) bool {
	s := r.Summary
	if s.Rejected > 0 || s.Missing > 0 || s.Late > 0 || r.Diags.HasErrors() {
		return true
	}
	for _, u := range r.Units {
		for _, f := range u.Flags {
			if f == FlagMissingQ { // a unit missing in a quarter of a longer period
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
