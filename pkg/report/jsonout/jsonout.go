// Package jsonout writes a scoring result as the machine-readable JSON of
// docs/outputs.md#json (schema "thidua.report/v1", JSON Schema
// docs/schema/thidua.report.v1.json).
//
// Besides its core fields the JSON has these additive fields, which
// readers of thidua.report/v1 may ignore:
//
//   - "review_changes": [{unit, code, old, new, cell}] — every change made
//     by the council's review (--review); "old" is null when the row had
//     no review score before.
//   - "diagnostics": [{code, severity, file, sheet, cell, message}] — the
//     run-level diagnostics (roster, period, review) that belong to no
//     single input file.
//   - per unit, for longer periods only: "quarters": [{period, total,
//     present}] and, with --previous, "change": {points, rank} ("new": true
//     for a unit that was not in the earlier result).
//   - "summary.expected": the roster size.
//
// Scores are JSON numbers written from integer hundredths as exact decimal
// text (89.5, 18, 86.25): never float noise, never trailing zeros. Lists
// are [] when empty, never null. Messages are in report.Meta.Lang.
//
// Read reads such a result back, checking its schema; Report.Result and
// Report.Previous turn it into an earlier quarter of a half-year or year
// roll-up, or into the earlier period of --previous.
package jsonout

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"

	"github.com/thidua/thidua/pkg/campaign"
	"github.com/thidua/thidua/pkg/diag"
	"github.com/thidua/thidua/pkg/report"
	"github.com/thidua/thidua/pkg/score"
)

// Schema is the value of the "schema" field.
const Schema = "thidua.report/v1"

// Number is a score in hundredths that marshals as an exact JSON number
// with at most two decimals.
type Number campaign.Points

// MarshalJSON writes n as decimal text: 8950 → 89.5, 1800 → 18.
func (n Number) MarshalJSON() ([]byte, error) {
	return []byte(campaign.Points(n).String()), nil
}

// UnmarshalJSON reads a JSON number with at most two decimals; null
// leaves n as it is.
func (n *Number) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil
	}
	p, err := campaign.ParsePoints(string(b))
	if err != nil {
		return err
	}
	*n = Number(p)
	return nil
}

// Output describes the JSON file of a run.
var Output = report.Output{Kind: "json", Stem: "ket-qua", About: "kết quả cho máy đọc (schema thidua.report/v1)"}

// Report is the thidua.report/v1 document.
type Report struct {
	Schema        string         `json:"schema"`
	Campaign      Campaign       `json:"campaign"`
	Period        Period         `json:"period"`
	Units         []Unit         `json:"units"`
	Missing       []Missing      `json:"missing"`
	Files         []File         `json:"files"`
	ReviewChanges []ReviewChange `json:"review_changes"`
	Diagnostics   []RunDiag      `json:"diagnostics"`
	Summary       Summary        `json:"summary"`
	// MissingEvaluators are the expected evaluators none of whose forms
	// counted (evaluation.by evaluators or peers); absent under
	// self-evaluation or when every evaluator sent its scores.
	MissingEvaluators []Evaluator `json:"missing_evaluators,omitempty"`
}

// Evaluator names an evaluator: its roster or configured code ("" when
// none) and its name.
type Evaluator struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// Campaign names the criteria table.
type Campaign struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// Period is the reporting period.
type Period struct {
	Code  string `json:"code"`
	Label string `json:"label"`
}

// Content is one top-level content of a unit.
type Content struct {
	Code  string `json:"code"`
	Max   Number `json:"max"`
	Self  Number `json:"self"`
	Score Number `json:"score"`
}

// Quarter is a unit's total in one quarter of a longer period.
type Quarter struct {
	Period  string `json:"period"`
	Total   Number `json:"total"`
	Present bool   `json:"present"`
}

// Change is a unit's change since an earlier result.
type Change struct {
	Points *Number `json:"points,omitempty"`
	Rank   *int    `json:"rank,omitempty"`
	New    bool    `json:"new,omitempty"` // not in the earlier result
}

// Unit is one scored unit.
type Unit struct {
	Code      string    `json:"code"`
	Name      string    `json:"name"`
	Group     string    `json:"group"`
	File      string    `json:"file"`
	Contents  []Content `json:"contents"`
	Base      Number    `json:"base"`
	Bonus     Number    `json:"bonus"`
	Deduction Number    `json:"deduction"`
	Total     Number    `json:"total"`
	Rank      int       `json:"rank"`
	GroupRank int       `json:"group_rank"`
	Band      string    `json:"band"`
	Late      bool      `json:"late"`
	Reviewed  bool      `json:"reviewed"`
	Flags     []string  `json:"flags"`
	Quarters  []Quarter `json:"quarters,omitempty"`
	Change    *Change   `json:"change,omitempty"`
	// Max is the unit's own maximum (M) when it differs from the scale:
	// contents that do not apply to it (applies_to, KAD) or weights made
	// it so; absent otherwise.
	Max *Number `json:"max,omitempty"`
	// Excluded: an exclude sanction ("không xét"): no band, the rank kept.
	Excluded bool `json:"excluded,omitempty"`
	// Evaluators are the evaluators whose forms counted for the unit
	// (evaluation.by evaluators or peers), in order; absent under
	// self-evaluation.
	Evaluators []Evaluator `json:"evaluators,omitempty"`
}

// Missing is a roster unit without a scored form.
type Missing struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// Diagnostic is a diagnostic of one input file.
type Diagnostic struct {
	Code     string `json:"code"`
	Severity string `json:"severity"`
	Sheet    string `json:"sheet"`
	Cell     string `json:"cell"`
	Message  string `json:"message"`
}

// RunDiag is a run-level diagnostic.
type RunDiag struct {
	Code     string `json:"code"`
	Severity string `json:"severity"`
	File     string `json:"file"`
	Sheet    string `json:"sheet"`
	Cell     string `json:"cell"`
	Message  string `json:"message"`
}

// File is what became of one input file.
type File struct {
	Path        string       `json:"path"`
	SHA256      string       `json:"sha256"`
	Status      string       `json:"status"`
	Unit        string       `json:"unit"`
	Diagnostics []Diagnostic `json:"diagnostics"`
}

// ReviewChange is one change made by the council's review.
type ReviewChange struct {
	Unit   string  `json:"unit"`
	Code   string  `json:"code"`
	Old    *Number `json:"old"` // the score that counted before; null when the row had none
	New    Number  `json:"new"`
	Reason string  `json:"reason"` // the council's "Ghi chú thẩm định"
	Cell   string  `json:"cell"`
}

// BandCount is one entry of Bands.
type BandCount struct {
	Label string
	Count int
}

// Bands is the number of units per band, marshalled as a JSON object whose
// keys keep the campaign's band order (highest first).
type Bands []BandCount

// MarshalJSON writes {"Xuất sắc":3,"Tốt":6,…} in band order.
func (b Bands) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('{')
	for i, c := range b {
		if i > 0 {
			buf.WriteByte(',')
		}
		k, err := marshalNoEscape(c.Label)
		if err != nil {
			return nil, err
		}
		buf.Write(k)
		buf.WriteByte(':')
		buf.WriteString(strconv.Itoa(c.Count))
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

// UnmarshalJSON reads the band object back, keeping its key order.
func (b *Bands) UnmarshalJSON(data []byte) error {
	if string(data) == "null" {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return fmt.Errorf("bands: want an object, got %v", tok)
	}
	out := Bands{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		label, _ := tok.(string)
		var n int
		if err := dec.Decode(&n); err != nil {
			return fmt.Errorf("bands: count of %q: %w", label, err)
		}
		out = append(out, BandCount{Label: label, Count: n})
	}
	if _, err := dec.Token(); err != nil {
		return err
	}
	*b = out
	return nil
}

// marshalNoEscape marshals v without HTML escaping and without the
// encoder's trailing newline.
func marshalNoEscape(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// Summary adds the run up: files = scored + rejected + skipped + duplicates.
type Summary struct {
	Files      int    `json:"files"`
	Scored     int    `json:"scored"`
	Rejected   int    `json:"rejected"`
	Skipped    int    `json:"skipped"`
	Duplicates int    `json:"duplicates"`
	Missing    int    `json:"missing"`
	Late       int    `json:"late"`
	Expected   int    `json:"expected"`
	Average    Number `json:"average"`
	Bands      Bands  `json:"bands"`
}

// Build turns a result into the JSON document. The file counts of the
// summary are counted from r.Files and the missing and late counts from
// r.Missing and r.Units, so that the document always adds up; the average
// and the band counts come from r.Summary (band counts are counted from
// the units when the scorer left them out). Of m it uses only the
// language of messages and labels (m.Lang).
func Build(r *score.Result, m report.Meta) Report {
	if r == nil {
		r = &score.Result{}
	}
	lang := m.Lang
	rep := Report{
		Schema:        Schema,
		Units:         []Unit{},
		Missing:       []Missing{},
		Files:         []File{},
		ReviewChanges: []ReviewChange{},
		Diagnostics:   []RunDiag{},
	}
	if c := r.Campaign; c != nil {
		rep.Campaign = Campaign{Code: c.Code, Name: c.Name}
	}
	rep.Period = Period{Code: r.Period.Code(), Label: r.Period.Label()}
	if lang == "en" {
		rep.Period.Label = r.Period.LabelEN()
	}
	late := 0
	for _, u := range r.Units {
		if u.Late {
			late++
		}
		ju := buildUnit(u)
		if r.Campaign != nil && u.MaxApplicable != 0 && u.MaxApplicable != r.Campaign.Scale {
			m := Number(u.MaxApplicable)
			ju.Max = &m
		}
		rep.Units = append(rep.Units, ju)
	}
	for _, e := range r.MissingEvaluators() {
		rep.MissingEvaluators = append(rep.MissingEvaluators, Evaluator{Code: e.Code, Name: e.Label()})
	}
	for _, m := range r.Missing {
		rep.Missing = append(rep.Missing, Missing{Code: m.Code, Name: m.Name})
	}
	s := Summary{Missing: len(r.Missing), Late: late, Expected: r.Summary.Expected, Average: Number(r.Summary.Average)}
	for _, f := range r.Files {
		jf := File{Path: f.Path, SHA256: f.SHA256, Status: string(f.Status), Unit: f.Unit, Diagnostics: []Diagnostic{}}
		for _, d := range f.Diags {
			jf.Diagnostics = append(jf.Diagnostics, Diagnostic{Code: d.Code, Severity: d.Severity.String(), Sheet: d.Sheet, Cell: d.Cell, Message: d.Message(lang)})
		}
		rep.Files = append(rep.Files, jf)
	}
	counted := score.Result{Files: r.Files}
	counted.CountFiles()
	c := counted.Summary
	s.Files, s.Scored, s.Rejected, s.Skipped, s.Duplicates = c.Files, c.Scored, c.Rejected, c.Skipped, c.Duplicates
	for _, c := range r.Changes {
		rc := ReviewChange{Unit: c.UnitCode, Code: c.Code, New: Number(c.New), Reason: c.Reason, Cell: c.Cell}
		if c.OldSet {
			old := Number(c.Old)
			rc.Old = &old
		}
		rep.ReviewChanges = append(rep.ReviewChanges, rc)
	}
	for _, d := range r.Diags {
		rep.Diagnostics = append(rep.Diagnostics, RunDiag{Code: d.Code, Severity: d.Severity.String(), File: d.File, Sheet: d.Sheet, Cell: d.Cell, Message: d.Message(lang)})
	}
	s.Bands = buildBands(r)
	rep.Summary = s
	return rep
}

func buildUnit(u score.UnitResult) Unit {
	ju := Unit{
		Code: u.Code, Name: u.Name, Group: u.Group, File: u.File,
		Contents: []Content{},
		Base:     Number(u.Base), Bonus: Number(u.Bonus), Deduction: Number(u.Deduction), Total: Number(u.Total),
		Rank: u.Rank, GroupRank: u.GroupRank, Band: u.Band, Late: u.Late, Reviewed: u.Reviewed,
		Flags: []string{},
	}
	for _, c := range u.Contents {
		ju.Contents = append(ju.Contents, Content{Code: c.Code, Max: Number(c.Max), Self: Number(c.Self), Score: Number(c.Score)})
	}
	ju.Flags = append(ju.Flags, u.Flags...)
	ju.Excluded = u.Excluded
	for _, e := range u.Evaluations {
		ju.Evaluators = append(ju.Evaluators, Evaluator{Code: e.Evaluator.Code, Name: e.Evaluator.Label()})
	}
	for _, q := range u.Quarters {
		ju.Quarters = append(ju.Quarters, Quarter{Period: q.Period.Code(), Total: Number(q.Total), Present: q.Present})
	}
	if ch := u.Change; ch != nil {
		if ch.Known {
			pts, rank := Number(ch.Points), ch.Rank
			ju.Change = &Change{Points: &pts, Rank: &rank}
		} else {
			ju.Change = &Change{New: true}
		}
	}
	return ju
}

// buildBands returns the band counts in campaign order, every band of the
// campaign included (zero counts too).
func buildBands(r *score.Result) Bands {
	out := Bands{}
	if len(r.Summary.Bands) > 0 {
		for _, b := range r.Summary.Bands {
			out = append(out, BandCount{Label: b.Label, Count: b.Count})
		}
		return out
	}
	if r.Campaign == nil {
		return out
	}
	for _, b := range r.Campaign.Bands {
		n := 0
		for _, u := range r.Units {
			if u.Band == b.Label {
				n++
			}
		}
		out = append(out, BandCount{Label: b.Label, Count: n})
	}
	return out
}

// Write writes the JSON document of r (Build) to w, as Encode does. It
// reports no diagnostics.
func Write(w io.Writer, r *score.Result, m report.Meta) (diag.List, error) {
	return nil, Encode(w, Build(r, m))
}

// Encode writes rep as JSON indented by two spaces, with a trailing newline
// and without HTML escaping (so "<" and "&" in names stay readable).
func Encode(w io.Writer, rep Report) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(rep)
}
