package score

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/thidua/thidua/pkg/campaign"
	"github.com/thidua/thidua/pkg/diag"
	"github.com/thidua/thidua/pkg/submission"
	"github.com/thidua/thidua/pkg/vntext"
	"github.com/thidua/thidua/templates"
)

// defaultConfig is the part of the embedded thidua.yaml the tests need.
type defaultConfig struct {
	Units []struct {
		Code    string   `yaml:"code"`
		Name    string   `yaml:"name"`
		Group   string   `yaml:"group"`
		Aliases []string `yaml:"aliases"`
	} `yaml:"units"`
	Campaign campaign.Campaign `yaml:"campaign"`
}

var (
	defOnce   sync.Once
	defCamp   *campaign.Campaign
	defRoster []Unit
	defErr    error
)

func loadDefault(tb testing.TB) (*campaign.Campaign, []Unit) {
	tb.Helper()
	defOnce.Do(func() {
		var cfg defaultConfig
		if defErr = yaml.Unmarshal(templates.DefaultConfig, &cfg); defErr != nil {
			return
		}
		defCamp = &cfg.Campaign
		for _, u := range cfg.Units {
			defRoster = append(defRoster, Unit{Code: u.Code, Name: u.Name, Group: u.Group, Aliases: u.Aliases})
		}
	})
	if defErr != nil {
		tb.Fatalf("decoding the default config: %v", defErr)
	}
	if len(defCamp.Contents) != 6 || len(defRoster) == 0 {
		tb.Fatalf("default config: %d contents, %d units", len(defCamp.Contents), len(defRoster))
	}
	return defCamp, defRoster
}

// pts parses "8,5" or "8.5" into Points and fails the test on error.
func pts(tb testing.TB, s string) Points {
	tb.Helper()
	p, err := campaign.ParsePoints(s)
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

func mustPeriod(tb testing.TB, s string) vntext.Period {
	tb.Helper()
	p, err := vntext.ParsePeriod(s)
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

// formOpt changes a form being built.
type formOpt func(tb testing.TB, c *campaign.Campaign, s *submission.Submission)

// mkForm builds a read form for c: period 2026-Q3, dated 03/10/2026, every
// content leaf self-scored at its maximum, bonus and deduction items 0;
// then opts apply.
func mkForm(tb testing.TB, c *campaign.Campaign, path, code, name string, opts ...formOpt) submission.Input {
	tb.Helper()
	s := &submission.Submission{
		Path: path, Size: 1000, SHA256: "sha-" + path,
		Unit: name, UnitCode: code,
		PeriodText: "Quý III/2026", Period: mustPeriod(tb, "2026-Q3"), PeriodCell: "C5",
		Date: time.Date(2026, 10, 3, 0, 0, 0, 0, time.UTC), DateCell: "C10",
		Sheet: "Chấm điểm",
	}
	for i, r := range c.Rows() {
		ln := submission.Line{Code: r.Code, Title: r.Title, Row: 8 + i}
		ln.Self.Cell = fmt.Sprintf("D%d", 8+i)
		ln.Review.Cell = fmt.Sprintf("E%d", 8+i)
		if r.Leaf {
			v := r.Max
			if r.Kind != campaign.KindContent && r.Kind != campaign.KindCriterion {
				v = 0
			}
			ln.Self.Points, ln.Self.Set, ln.Self.Raw = v, true, v.VI()
		}
		s.Lines = append(s.Lines, ln)
	}
	for _, o := range opts {
		o(tb, c, s)
	}
	return submission.Input{Path: path, Size: s.Size, SHA256: s.SHA256, Submission: s}
}

// rows sets leaf cells: "1.2=5" (self), "1.2=5/6" (self/review), "1.2=/6"
// (review only), "1.2=" (blank self).
func rows(kv ...string) formOpt {
	return func(tb testing.TB, c *campaign.Campaign, s *submission.Submission) {
		tb.Helper()
		for _, e := range kv {
			code, val, ok := strings.Cut(e, "=")
			if !ok {
				tb.Fatalf("bad row spec %q", e)
			}
			ln, ok := s.Line(code)
			if !ok {
				tb.Fatalf("form has no row %q", code)
			}
			self, rev, hasRev := strings.Cut(val, "/")
			ln.Self = setScore(tb, ln.Self, self)
			if hasRev {
				ln.Review = setScore(tb, ln.Review, rev)
			}
		}
	}
}

func setScore(tb testing.TB, sc submission.Score, v string) submission.Score {
	tb.Helper()
	if v == "" {
		sc.Set, sc.Points, sc.Raw = false, 0, ""
		return sc
	}
	sc.Points, sc.Set, sc.Raw = pts(tb, v), true, v
	return sc
}

// contents sets a content's self score to the given points, spread over
// its leaves in order (each leaf filled up to its maximum).
func contents(kv ...string) formOpt {
	return func(tb testing.TB, c *campaign.Campaign, s *submission.Submission) {
		tb.Helper()
		for _, e := range kv {
			code, val, _ := strings.Cut(e, "=")
			left := pts(tb, val)
			found := false
			for _, r := range c.Rows() {
				if r.Content != code || !r.Leaf {
					continue
				}
				found = true
				v := min(left, r.Max)
				left -= v
				ln, _ := s.Line(r.Code)
				ln.Self.Points, ln.Self.Set = v, true
			}
			if !found || left != 0 {
				tb.Fatalf("cannot spread %s over content %s", val, code)
			}
		}
	}
}

// total makes the form's base the given points by taking points off the
// content leaves of c in turns (at most half a point from a leaf per turn,
// last leaf first), so that the loss is spread over every content; with no
// bonus or deduction the total is then exactly v.
func total(v string) formOpt {
	return func(tb testing.TB, c *campaign.Campaign, s *submission.Submission) {
		tb.Helper()
		drop := c.Scale - pts(tb, v)
		rs := c.Rows()
		for progress := true; drop > 0 && progress; {
			progress = false
			for i := len(rs) - 1; i >= 0 && drop > 0; i-- {
				r := rs[i]
				if !r.Leaf || r.Content == "" {
					continue
				}
				ln, _ := s.Line(r.Code)
				d := min(drop, ln.Self.Points, 50)
				if d > 0 {
					ln.Self.Points -= d
					drop -= d
					progress = true
				}
			}
		}
		if drop != 0 {
			tb.Fatalf("cannot make a total of %s", v)
		}
	}
}

func period(p string) formOpt {
	return func(tb testing.TB, _ *campaign.Campaign, s *submission.Submission) {
		tb.Helper()
		s.PeriodText = p
		s.Period = vntext.Period{}
		if p != "" {
			s.Period = mustPeriod(tb, p)
		}
	}
}

func dated(d string) formOpt {
	return func(tb testing.TB, _ *campaign.Campaign, s *submission.Submission) {
		tb.Helper()
		s.Date = time.Time{}
		if d != "" {
			t, err := vntext.ParseDate(d)
			if err != nil {
				tb.Fatal(err)
			}
			s.Date = t
		}
	}
}

func withError() formOpt {
	return func(_ testing.TB, _ *campaign.Campaign, s *submission.Submission) {
		s.Diags = append(s.Diags, mkErr())
	}
}

// mkErr is an error as the form reader would report it (a test-only code).
func mkErr() diag.Diagnostic {
	return diag.Diagnostic{Code: "TDTEST", Severity: diag.Error, Sheet: "Chấm điểm", Cell: "D9"}
}

// unit returns the unit with the given code or fails.
func unit(tb testing.TB, r *Result, code string) UnitResult {
	tb.Helper()
	for _, u := range r.Units {
		if u.Code == code {
			return u
		}
	}
	tb.Fatalf("no unit %q in %v", code, unitCodes(r))
	return UnitResult{}
}

func unitCodes(r *Result) []string {
	var out []string
	for _, u := range r.Units {
		out = append(out, u.Code)
	}
	return out
}

func file(tb testing.TB, r *Result, path string) FileResult {
	tb.Helper()
	for _, f := range r.Files {
		if f.Path == path {
			return f
		}
	}
	tb.Fatalf("no file %q", path)
	return FileResult{}
}

// codes lists the diagnostic codes of l.
func codes(l diag.List) []string {
	var out []string
	for _, d := range l {
		out = append(out, d.Code)
	}
	return out
}

func hasCode(l diag.List, code string) (diag.Diagnostic, bool) {
	for _, d := range l {
		if d.Code == code {
			return d, true
		}
	}
	return diag.Diagnostic{}, false
}

// checkInvariants checks what must hold of every result: every file once,
// sorted, with a status; the summary adds up; every diagnostic formats
// cleanly in both languages; units in rank order.
func checkInvariants(tb testing.TB, r *Result, inputs int) {
	tb.Helper()
	if len(r.Files) != inputs {
		tb.Errorf("files: %d, inputs: %d", len(r.Files), inputs)
	}
	for i, f := range r.Files {
		if i > 0 && r.Files[i-1].Path >= f.Path {
			tb.Errorf("files not sorted or repeated at %q", f.Path)
		}
		switch f.Status {
		case submission.Scored, submission.Rejected, submission.Skipped, submission.Duplicate:
		default:
			tb.Errorf("file %q has status %q", f.Path, f.Status)
		}
		checkMessages(tb, f.Diags)
	}
	checkMessages(tb, r.Diags)
	s := r.Summary
	if s.Files != s.Scored+s.Rejected+s.Skipped+s.Duplicates {
		tb.Errorf("summary does not add up: %+v", s)
	}
	matrices := false
	for _, f := range r.Files {
		matrices = matrices || len(f.Units) > 0
	}
	if s.Scored != len(r.Units) && r.Period.Kind == vntext.Quarter && r.Evaluators == nil && !matrices && (len(r.Units) == 0 || r.Units[0].Quarters == nil) {
		tb.Errorf("scored %d, units %d", s.Scored, len(r.Units))
	}
	n := 0
	for _, b := range s.Bands {
		n += b.Count
	}
	if n > len(r.Units) {
		tb.Errorf("band counts add up to %d, more than %d units", n, len(r.Units))
	}
	if len(r.Campaign.Bands) != len(s.Bands) {
		tb.Errorf("summary bands %v, campaign has %d", s.Bands, len(r.Campaign.Bands))
	}
	for i := 1; i < len(r.Units); i++ {
		a, b := r.Units[i-1], r.Units[i]
		if a.Rank > b.Rank || a.Rank == b.Rank && a.Code > b.Code {
			tb.Errorf("units out of order: %s(%d) before %s(%d)", a.Code, a.Rank, b.Code, b.Rank)
		}
	}
}

func checkMessages(tb testing.TB, l diag.List) {
	tb.Helper()
	all := diag.Codes()
	for _, d := range l {
		if _, ok := all[d.Code]; !ok && d.Code != "TDTEST" {
			tb.Errorf("diagnostic code %s is not in the catalog", d.Code)
			continue
		}
		for _, lang := range []string{"vi", "en"} {
			if m := d.Message(lang); strings.Contains(m, "%!") {
				tb.Errorf("%s message (%s) badly formatted: %s", d.Code, lang, m)
			}
		}
	}
}
