package jsonout

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/thidua/thidua/pkg/campaign"
	"github.com/thidua/thidua/pkg/diag"
	"github.com/thidua/thidua/pkg/score"
	"github.com/thidua/thidua/pkg/submission"
	"github.com/thidua/thidua/pkg/vntext"
)

// Read reads a JSON result that thidua wrote (schema "thidua.report/v1")
// back from r. The error says what is wrong in terms of the file: not
// JSON at all, JSON but not a thidua result (no "schema", or another
// document such as validate's), or a result with a field that does not
// read (a score with three decimals, text where a number belongs).
// Fields a later thidua adds are ignored.
func Read(r io.Reader) (*Report, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	var probe struct {
		Schema any `json:"schema"`
	}
	if err := json.Unmarshal(data, &probe); err != nil {
		var syn *json.SyntaxError
		switch {
		case errors.As(err, &syn):
			return nil, diag.Errorf("json.notjson", Schema, syn.Offset)
		case errors.Is(err, io.ErrUnexpectedEOF) || len(bytes.TrimSpace(data)) == 0:
			return nil, diag.Errorf("json.notjson", Schema, len(data))
		}
		return nil, diag.Errorf("json.notobject", Schema)
	}
	switch s, _ := probe.Schema.(string); {
	case s == Schema:
	case s == "":
		return nil, diag.Errorf("json.noschema", Schema)
	default:
		return nil, diag.Errorf("json.otherschema", s, Schema)
	}
	var rep Report
	if err := json.Unmarshal(data, &rep); err != nil {
		return nil, diag.Errorf("json.badfield", Schema, err)
	}
	return &rep, nil
}

// ReadFile reads the JSON result in the file at path (see Read).
func ReadFile(path string) (*Report, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Read(f)
}

// Result returns the report as a quarter's result over the campaign c, for
// a roll-up into a longer period: the units with their contents (titles
// from c), totals, ranks, bands, flags, lateness and review, and
// Summary.Scored. Rows, files and diagnostics are not carried back. The
// report must be for a quarter and for c's campaign code; units read back
// are taken as on the roster (the roll-up matches them again).
func (rep *Report) Result(c *campaign.Campaign) (*score.Result, error) {
	p, err := vntext.ParsePeriod(rep.Period.Code)
	if err != nil || p.Kind != vntext.Quarter && p.Kind != vntext.Month && p.Kind != vntext.Semester {
		return nil, fmt.Errorf("period %q is not a period that rolls up into a longer one (a month, a quarter or a semester)", rep.Period.Code)
	}
	if rep.Campaign.Code != c.Code {
		return nil, fmt.Errorf("campaign %q, want %q", rep.Campaign.Code, c.Code)
	}
	r := &score.Result{Campaign: c, Period: p}
	for _, u := range rep.Units {
		ur := score.UnitResult{
			Code: u.Code, Name: u.Name, Group: u.Group, File: u.File, OnRoster: true,
			Base: campaign.Points(u.Base), Bonus: campaign.Points(u.Bonus), Deduction: campaign.Points(u.Deduction),
			Total: campaign.Points(u.Total), Rank: u.Rank, GroupRank: u.GroupRank, Band: u.Band,
			Late: u.Late, Reviewed: u.Reviewed, Flags: u.Flags,
		}
		for _, ct := range u.Contents {
			title := ""
			if n := c.Content(ct.Code); n != nil {
				title = n.Title
			}
			ur.Contents = append(ur.Contents, score.ContentScore{Code: ct.Code, Title: title,
				Max: campaign.Points(ct.Max), Self: campaign.Points(ct.Self), Score: campaign.Points(ct.Score)})
		}
		r.Units = append(r.Units, ur)
	}
	r.Summary.Scored = len(r.Units)
	return r, nil
}

// Previous returns the units of the report (code, total, rank) as an
// earlier result for score.ApplyPrevious.
func (rep *Report) Previous() []score.PrevUnit {
	out := make([]score.PrevUnit, 0, len(rep.Units))
	for _, u := range rep.Units {
		out = append(out, score.PrevUnit{Code: u.Code, Total: campaign.Points(u.Total), Rank: u.Rank})
	}
	return out
}

// ReadQuarters reads the JSON results in the files at paths as quarters'
// results over c for a roll-up (see Result). Every file is returned in
// files, in the order of paths, with its size and SHA-256: scored when its
// result is in quarters, else rejected with a TD322 error saying why it
// cannot be used. readFile reads a file's bytes (nil: os.ReadFile); the
// command line passes a reader bounded in size that opens regular files
// only.
func ReadQuarters(paths []string, c *campaign.Campaign, readFile func(string) ([]byte, error)) (quarters []*score.Result, files []score.FileResult) {
	if readFile == nil {
		readFile = os.ReadFile
	}
	for _, p := range paths {
		r, fr, err := readQuarter(p, c, readFile)
		if err != nil {
			fr.Diags = append(fr.Diags, diag.New("TD322", err).In(p))
		} else {
			quarters = append(quarters, r)
		}
		files = append(files, fr)
	}
	return quarters, files
}

func readQuarter(path string, c *campaign.Campaign, readFile func(string) ([]byte, error)) (*score.Result, score.FileResult, error) {
	fr := score.FileResult{Path: path, Status: submission.Rejected}
	data, err := readFile(path)
	if err != nil {
		return nil, fr, err
	}
	sum := sha256.Sum256(data)
	fr.SHA256 = hex.EncodeToString(sum[:])
	fr.Size = int64(len(data))
	rep, err := Read(bytes.NewReader(data))
	if err != nil {
		return nil, fr, err
	}
	r, err := rep.Result(c)
	if err != nil {
		return nil, fr, err
	}
	fr.Status = submission.Scored
	return r, fr, nil
}
