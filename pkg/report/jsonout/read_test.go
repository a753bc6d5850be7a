package jsonout

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/thidua/thidua/internal/reporttest"
	"github.com/thidua/thidua/pkg/campaign"
	"github.com/thidua/thidua/pkg/diag"
	"github.com/thidua/thidua/pkg/report"
	"github.com/thidua/thidua/pkg/score"
	"github.com/thidua/thidua/pkg/submission"
	"github.com/thidua/thidua/pkg/vntext"
)

// written is the JSON of r as thidua writes it.
func written(t *testing.T, r *score.Result) []byte {
	t.Helper()
	var b bytes.Buffer
	if _, err := Write(&b, r, report.Meta{}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestReadRoundTrip: what Build and Encode make, Read gives back unchanged,
// and as a quarter's result it holds the units as scored.
func TestReadRoundTrip(t *testing.T) {
	for _, r := range []*score.Result{reporttest.Result(), reporttest.Year()} {
		data := written(t, r)
		rep, err := Read(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		if want := Build(r, report.Meta{}); !reflect.DeepEqual(*rep, want) {
			t.Errorf("%s: read back differs from what was built", r.Period.Code())
		}
		var again bytes.Buffer
		if err := Encode(&again, *rep); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(again.Bytes(), data) {
			t.Errorf("%s: written again differs", r.Period.Code())
		}
	}

	r := reporttest.Result()
	rep, err := Read(bytes.NewReader(written(t, r)))
	if err != nil {
		t.Fatal(err)
	}
	q, err := rep.Result(r.Campaign)
	if err != nil {
		t.Fatal(err)
	}
	if q.Period != r.Period || q.Campaign != r.Campaign || q.Summary.Scored != len(r.Units) || len(q.Units) != len(r.Units) {
		t.Fatalf("result %s, %d units, scored %d", q.Period.Code(), len(q.Units), q.Summary.Scored)
	}
	for i, u := range q.Units {
		w := r.Units[i]
		if u.Code != w.Code || u.Name != w.Name || u.Group != w.Group || u.File != w.File || u.Total != w.Total ||
			u.Base != w.Base || u.Bonus != w.Bonus || u.Deduction != w.Deduction || u.Rank != w.Rank ||
			u.GroupRank != w.GroupRank || u.Band != w.Band || u.Late != w.Late || u.Reviewed != w.Reviewed ||
			!slices.Equal(u.Flags, w.Flags) || !u.OnRoster {
			t.Errorf("unit %d: %+v, want %+v", i, u, w)
		}
		if len(u.Contents) != len(w.Contents) {
			t.Fatalf("unit %s: %d contents, want %d", u.Code, len(u.Contents), len(w.Contents))
		}
		for j, ct := range u.Contents {
			if wc := w.Contents[j]; ct != wc {
				t.Errorf("unit %s content %d: %+v, want %+v", u.Code, j, ct, wc)
			}
		}
	}

	prev := rep.Previous()
	if len(prev) != len(r.Units) {
		t.Fatalf("%d previous units, want %d", len(prev), len(r.Units))
	}
	for i, p := range prev {
		if w := r.Units[i]; p != (score.PrevUnit{Code: w.Code, Total: w.Total, Rank: w.Rank}) {
			t.Errorf("previous %d: %+v", i, p)
		}
	}
}

// TestReadErrors: every file that is not a usable result is refused with
// a message that says so in the file's terms.
func TestReadErrors(t *testing.T) {
	good := string(written(t, reporttest.Result()))
	tests := []struct {
		name string
		data string
		want []string // all in the message
	}{
		{"a PDF", "%PDF-1.7\n%âãÏÓ\n", []string{"not a thidua JSON result", "not JSON", Schema}},
		{"plain text", "Phòng Kế hoạch", []string{"not a thidua JSON result", "not JSON"}},
		{"empty", "", []string{"not a thidua JSON result", "not JSON"}},
		{"cut short", good[:len(good)/2], []string{"not a thidua JSON result", "not JSON"}},
		{"a JSON array", `[1, 2]`, []string{"not a thidua JSON result", "not an object"}},
		{"JSON without a schema", `{"units": []}`, []string{"not a thidua JSON result", `no "schema": "thidua.report/v1"`}},
		{"validate's JSON", `{"schema": "thidua.validate/v1", "files": []}`, []string{"not a thidua JSON result", `"thidua.validate/v1"`, `want "thidua.report/v1"`}},
		{"a later schema", `{"schema": "thidua.report/v2"}`, []string{`"thidua.report/v2"`, `want "thidua.report/v1"`}},
		{"a score with three decimals", strings.Replace(good, `"base": `, `"base": 1.125, "_": `, 1), []string{Schema, "does not read"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rep, err := Read(strings.NewReader(tc.data))
			if err == nil {
				t.Fatalf("read without error: %+v", rep)
			}
			var de *diag.Err
			if !errors.As(err, &de) {
				t.Fatalf("error %v is not a catalog error (no Vietnamese text)", err)
			}
			for _, w := range tc.want {
				if !strings.Contains(de.Text("en"), w) {
					t.Errorf("error %q lacks %q", de.Text("en"), w)
				}
			}
		})
	}
}

// TestResultRefuses: only a quarter's result of the same campaign rolls up.
func TestResultRefuses(t *testing.T) {
	c := reporttest.Campaign()
	for _, tc := range []struct {
		name   string
		period vntext.Period
		code   string
		want   string
	}{
		{"a year", vntext.Period{Year: 2026, Kind: vntext.Year}, c.Code, `period "2026" is not a period that rolls up`},
		{"a half year", vntext.Period{Year: 2026, Kind: vntext.Half, N: 1}, c.Code, `period "2026-H1" is not a period that rolls up`},
		{"another campaign", vntext.Period{Year: 2026, Kind: vntext.Quarter, N: 2}, "other", `campaign "other", want "covid19-2021"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := reporttest.Result()
			r.Period = tc.period
			r.Campaign = &campaign.Campaign{Code: tc.code, Name: "x"}
			rep, err := Read(bytes.NewReader(written(t, r)))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := rep.Result(c); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want %q", err, tc.want)
			}
		})
	}
	rep := &Report{Schema: Schema, Period: Period{Code: "not a period"}, Campaign: Campaign{Code: c.Code}}
	if _, err := rep.Result(c); err == nil {
		t.Error("a report without a readable period rolled up")
	}
}

// TestReadQuarters: every file is listed with its size and SHA-256, as
// scored or rejected with TD322 naming why.
func TestReadQuarters(t *testing.T) {
	dir := t.TempDir()
	c := reporttest.Campaign()
	q2 := reporttest.Result()
	q2.Period = vntext.Period{Year: 2026, Kind: vntext.Quarter, N: 2}
	files := map[string][]byte{
		"q2.json":      written(t, q2),
		"year.json":    written(t, reporttest.Year()),
		"bao-cao.json": []byte("PDF pretending to be JSON"),
	}
	var paths []string
	for _, name := range []string{"q2.json", "year.json", "bao-cao.json", "missing.json"} {
		p := filepath.Join(dir, name)
		if data, ok := files[name]; ok {
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		paths = append(paths, p)
	}
	quarters, frs := ReadQuarters(paths, c, nil)
	if len(quarters) != 1 || quarters[0].Period != q2.Period || len(quarters[0].Units) != len(q2.Units) {
		t.Fatalf("quarters %v", quarters)
	}
	if len(frs) != len(paths) {
		t.Fatalf("%d files, want %d", len(frs), len(paths))
	}
	want := []struct {
		status submission.Status
		msg    string
	}{
		{submission.Scored, ""},
		{submission.Rejected, "is not a period that rolls up"},
		{submission.Rejected, "not a thidua JSON result"},
		{submission.Rejected, "no such file"},
	}
	for i, f := range frs {
		if f.Path != paths[i] || f.Status != want[i].status {
			t.Errorf("%s: %s, want %s", f.Path, f.Status, want[i].status)
		}
		if data, ok := files[filepath.Base(f.Path)]; ok {
			if f.Size != int64(len(data)) || len(f.SHA256) != 64 {
				t.Errorf("%s: size %d sha %q", f.Path, f.Size, f.SHA256)
			}
		}
		if want[i].msg == "" {
			if len(f.Diags) != 0 {
				t.Errorf("%s: diagnostics %v", f.Path, f.Diags)
			}
			continue
		}
		if len(f.Diags) != 1 || f.Diags[0].Code != "TD322" || f.Diags[0].File != f.Path ||
			!strings.Contains(f.Diags[0].Message("en"), want[i].msg) {
			t.Errorf("%s: diagnostics %v, want TD322 with %q", f.Path, f.Diags, want[i].msg)
		}
	}
}
