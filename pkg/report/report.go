// Package report holds what every output of a scoring run shows, so that
// the writers (report/xlsx, report/pdf, report/jsonout, report/csv) share
// it without importing one another: the metadata of the run and of its
// document (Meta), the one shape of a writer (WriteFunc), the description
// of an output (Output), the layout of the summary table ("Tổng hợp") with
// its change text, the figures and text of the narrative (NarrativeOf,
// ExecuteNarrative), and the texts of the letterhead and the signature
// block (Meta.DocumentCode, Meta.DateLine, Meta.RecipientLines,
// AgencyName). A document writer (the PDF, and any other rendering of the
// same report) takes them from here, so that its report reads the same.
//
// Everything here is pure: functions of a *score.Result and a Meta, no
// files, no flags. The command line fills Meta from its configuration.
package report

import (
	"io"
	"time"

	"github.com/thidua/thidua/pkg/diag"
	"github.com/thidua/thidua/pkg/score"
)

// Meta is what the outputs need besides the result: the run's language
// and date, and the letterhead, signature and options of the document.
type Meta struct {
	// Lang is the language of labels and messages in the data outputs:
	// "vi" (default) or "en". The documents are always Vietnamese: they
	// are official papers.
	Lang string
	// Date is the report date: printed in the documents and used for
	// every timestamp inside the files, so that the same inputs and date
	// give the same bytes. Zero: the PDF takes the current time, the
	// workbook a fixed date and no "generated on" line.
	Date time.Time
	// Number is the document number ("15"); "" leaves a blank for the
	// clerk: "Số:      /BC-SGTVT".
	Number string
	// Org is the issuing organisation.
	Org Organization
	// Signer makes the signature block.
	Signer Signer
	// Recipients are listed under "Nơi nhận:"; see RecipientLines.
	Recipients []string
	// Narrative is the text of a narrative template replacing the
	// embedded templates.Narrative ("" = embedded).
	Narrative string
	// UnitSheets appends "Phụ lục II" to the documents: one scoring sheet
	// per unit.
	UnitSheets bool
	// Annex is how the documents' ranking annex lists units: "" or
	// AnnexRanking (one table in rank order), AnnexByGroup (each group
	// under its own heading, in group-rank order).
	Annex string
	// Groups are the roster's groups in order of first appearance: the
	// order of the groups of an annex by group (nil: the order their
	// first units are ranked).
	Groups []string
}

// Organization is the issuing organisation of the report.
type Organization struct {
	Parent       string // the parent agency (cơ quan chủ quản): "UBND TỈNH HÀ NAM"
	Name         string // the agency: "SỞ GIAO THÔNG VẬN TẢI"
	Abbreviation string // its abbreviation in the document code: "SGTVT"
	Place        string // the place name before the date: "Hà Nam"
}

// Signer is who signs the report.
type Signer struct {
	Authority string // "KT. GIÁM ĐỐC"; may be ""
	Title     string // "PHÓ GIÁM ĐỐC"
	Name      string // "Nguyễn Văn A"
}

// WriteFunc is the one shape of an output writer: it writes the output of
// r to w. The diagnostics are what the writer found in the result (a
// document lists the characters its font cannot draw); the error is set
// when nothing usable was written.
type WriteFunc func(w io.Writer, r *score.Result, m Meta) (diag.List, error)

// Output describes one kind of output file of a run.
type Output struct {
	// Kind names the output in --format and is the file's extension:
	// "xlsx", "pdf", "json", "csv".
	Kind string
	// Stem is the file name before the period code: "tong-hop".
	Stem string
	// Document marks an official document (the PDF): it shows the text
	// through its own font, so it may report characters it cannot draw,
	// and those reports belong in the data outputs (the workbook's Kiểm
	// tra sheet, the JSON). A run renders its documents first.
	Document bool
	// About says what the file holds, for the help text.
	About string
}

// FileName is the file of the output for a period code:
// "tong-hop-2026-Q3.xlsx".
func (o Output) FileName(period string) string {
	return o.Stem + "-" + period + "." + o.Kind
}
