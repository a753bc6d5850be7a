package jsonout

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/thidua/thidua/internal/reporttest"
	"github.com/thidua/thidua/pkg/campaign"
	"github.com/thidua/thidua/pkg/report"
	"github.com/thidua/thidua/pkg/score"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// golden compares got with testdata/golden/jsonout/name (from the module
// root), rewriting it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("..", "..", "..", "testdata", "golden", "jsonout", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it):\n--- got ---\n%s", name, got)
	}
}

func TestNumberMarshal(t *testing.T) {
	for _, tc := range []struct {
		in   campaign.Points
		want string
	}{
		{8950, "89.5"}, {1800, "18"}, {8625, "86.25"}, {0, "0"}, {1, "0.01"}, {10, "0.1"}, {-250, "-2.5"}, {11000, "110"}, {705, "7.05"},
	} {
		b, err := json.Marshal(Number(tc.in))
		if err != nil || string(b) != tc.want {
			t.Errorf("Number(%d) = %s, %v; want %s", tc.in, b, err, tc.want)
		}
		var back Number
		if err := json.Unmarshal(b, &back); err != nil || campaign.Points(back) != tc.in {
			t.Errorf("round trip of %s = %d, %v", b, back, err)
		}
	}
}

func TestBandsOrderAndEscaping(t *testing.T) {
	b := Bands{{"Xuất sắc", 3}, {"Tốt", 6}, {"A\"<b>", 0}, {"Khá", 1}}
	got, err := marshalNoEscape(b)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"Xuất sắc":3,"Tốt":6,"A\"<b>":0,"Khá":1}`
	if string(got) != want {
		t.Errorf("got %s, want %s", got, want)
	}
	empty, _ := json.Marshal(Bands{})
	if string(empty) != "{}" {
		t.Errorf("empty bands = %s", empty)
	}
}

func TestGoldenJSON(t *testing.T) {
	for _, tc := range []struct {
		name string
		r    *score.Result
		lang string
	}{
		{"quarter-vi.json", reporttest.Result(), "vi"},
		{"quarter-en.json", reporttest.Result(), "en"},
		{"year-vi.json", reporttest.Year(), "vi"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if _, err := Write(&buf, tc.r, report.Meta{Lang: tc.lang}); err != nil {
				t.Fatal(err)
			}
			golden(t, tc.name, buf.Bytes())
		})
	}
}

// TestJSONShape decodes the document generically and checks the documented
// field names, nesting, types and the rules: empty lists are [], scores are
// numbers with at most two decimals.
func TestJSONShape(t *testing.T) {
	empty := &score.Result{Campaign: reporttest.Campaign()}
	for _, r := range []*score.Result{reporttest.Result(), reporttest.Year(), empty} {
		var buf bytes.Buffer
		if _, err := Write(&buf, r, report.Meta{}); err != nil {
			t.Fatal(err)
		}
		if !bytes.HasSuffix(buf.Bytes(), []byte("}\n")) || !bytes.HasPrefix(buf.Bytes(), []byte("{\n  \"schema\"")) {
			t.Errorf("not indented by two spaces with a trailing newline:\n%.80s", buf.String())
		}
		if bytes.Contains(buf.Bytes(), []byte("null")) && len(r.Changes) == 0 {
			t.Errorf("null in a document without review changes:\n%s", buf.String())
		}
		dec := json.NewDecoder(bytes.NewReader(buf.Bytes()))
		dec.UseNumber()
		var doc map[string]any
		if err := dec.Decode(&doc); err != nil {
			t.Fatal(err)
		}
		if doc["schema"] != Schema {
			t.Errorf("schema = %v", doc["schema"])
		}
		for _, k := range []string{"units", "missing", "files", "review_changes", "diagnostics"} {
			if _, ok := doc[k].([]any); !ok {
				t.Errorf("%s is %T, want a list", k, doc[k])
			}
		}
		wantKeys(t, doc["campaign"], "code", "name")
		wantKeys(t, doc["period"], "code", "label")
		wantKeys(t, doc["summary"], "files", "scored", "rejected", "skipped", "duplicates", "missing", "late", "average", "bands")
		for _, u := range doc["units"].([]any) {
			wantKeys(t, u, "code", "name", "group", "file", "contents", "base", "bonus", "deduction", "total", "rank", "group_rank", "band", "late", "reviewed", "flags")
			um := u.(map[string]any)
			if _, ok := um["flags"].([]any); !ok {
				t.Errorf("flags is %T", um["flags"])
			}
			for _, k := range []string{"base", "bonus", "deduction", "total"} {
				checkScore(t, um[k])
			}
			for _, c := range um["contents"].([]any) {
				wantKeys(t, c, "code", "max", "self", "score")
				checkScore(t, c.(map[string]any)["score"])
			}
		}
		for _, f := range doc["files"].([]any) {
			wantKeys(t, f, "path", "sha256", "status", "unit", "diagnostics")
			for _, d := range f.(map[string]any)["diagnostics"].([]any) {
				wantKeys(t, d, "code", "severity", "sheet", "cell", "message")
			}
		}
	}
}

func wantKeys(t *testing.T, v any, keys ...string) {
	t.Helper()
	m, ok := v.(map[string]any)
	if !ok {
		t.Errorf("%T is not an object", v)
		return
	}
	for _, k := range keys {
		if _, ok := m[k]; !ok {
			t.Errorf("key %q missing in %v", k, m)
		}
	}
}

func checkScore(t *testing.T, v any) {
	t.Helper()
	n, ok := v.(json.Number)
	if !ok {
		t.Errorf("score %v is %T, not a number", v, v)
		return
	}
	s := n.String()
	if i := strings.IndexByte(s, '.'); i >= 0 && (len(s)-i-1 > 2 || strings.HasSuffix(s, "0")) {
		t.Errorf("score %s has noise or trailing zeros", s)
	}
}

// TestSummaryAddsUp checks files = scored + rejected + skipped + duplicates,
// that every file appears once, and that the band counts add up to the
// scored units.
func TestSummaryAddsUp(t *testing.T) {
	r := reporttest.Result()
	rep := Build(r, report.Meta{})
	s := rep.Summary
	if s.Files != s.Scored+s.Rejected+s.Skipped+s.Duplicates {
		t.Errorf("files %d ≠ %d + %d + %d + %d", s.Files, s.Scored, s.Rejected, s.Skipped, s.Duplicates)
	}
	if s.Files != len(r.Files) || len(rep.Files) != len(r.Files) {
		t.Errorf("files %d, listed %d, input %d", s.Files, len(rep.Files), len(r.Files))
	}
	seen := map[string]bool{}
	for _, f := range rep.Files {
		if seen[f.Path] {
			t.Errorf("file %s listed twice", f.Path)
		}
		seen[f.Path] = true
	}
	bands := 0
	for _, b := range s.Bands {
		bands += b.Count
	}
	if bands != len(rep.Units) {
		t.Errorf("band counts add up to %d, units %d", bands, len(rep.Units))
	}
	if s.Scored != len(rep.Units) {
		t.Errorf("scored %d, units %d", s.Scored, len(rep.Units))
	}
	if s.Missing != len(rep.Missing) || s.Missing != 2 {
		t.Errorf("missing %d, listed %d", s.Missing, len(rep.Missing))
	}
	var sum campaign.Points
	for _, u := range rep.Units {
		sum += campaign.Points(u.Total)
		if u.Base+u.Bonus-u.Deduction != u.Total && u.Total != 0 {
			t.Errorf("unit %s: %v + %v − %v ≠ %v", u.Code, u.Base, u.Bonus, u.Deduction, u.Total)
		}
	}
	n := campaign.Points(len(rep.Units))
	if want := (2*sum + n) / (2 * n); campaign.Points(s.Average) != want {
		t.Errorf("average %v, want %v", s.Average, want)
	}
}

// TestBandsFallback counts bands from the units when the scorer left the
// summary's band counts out.
func TestBandsFallback(t *testing.T) {
	r := reporttest.Result()
	want := r.Summary.Bands
	r.Summary.Bands = nil
	got := Build(r, report.Meta{}).Summary.Bands
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if got[i].Label != want[i].Label || got[i].Count != want[i].Count {
			t.Errorf("band %d = %v, want %v", i, got[i], want[i])
		}
	}
}

func TestReviewChangesAndChange(t *testing.T) {
	rep := Build(reporttest.Year(), report.Meta{Lang: "en"})
	if len(rep.ReviewChanges) != 2 || rep.ReviewChanges[0].Old != nil || rep.ReviewChanges[1].Old == nil || *rep.ReviewChanges[1].Old != 950 {
		t.Errorf("review changes = %+v", rep.ReviewChanges)
	}
	for _, u := range rep.Units {
		if len(u.Quarters) != 4 || u.Change == nil {
			t.Errorf("unit %s: quarters %v change %v", u.Code, u.Quarters, u.Change)
		}
	}
	if c := rep.Units[4].Change; !c.New || c.Points != nil {
		t.Errorf("new unit change = %+v", c)
	}
	if rep.Period.Label != "2026" || rep.Period.Code != "2026" {
		t.Errorf("period = %+v", rep.Period)
	}
}

// TestReadBack: a written document reads back into Report (as --previous
// and roll-ups over earlier results do) and writes out the same bytes.
func TestReadBack(t *testing.T) {
	for _, r := range []*score.Result{reporttest.Result(), reporttest.Year()} {
		var a, b bytes.Buffer
		if _, err := Write(&a, r, report.Meta{}); err != nil {
			t.Fatal(err)
		}
		var rep Report
		if err := json.Unmarshal(a.Bytes(), &rep); err != nil {
			t.Fatal(err)
		}
		if err := Encode(&b, rep); err != nil {
			t.Fatal(err)
		}
		if a.String() != b.String() {
			t.Errorf("read back differs:\n%s\n---\n%s", a.String(), b.String())
		}
	}
	var bands Bands
	for _, bad := range []string{`[1]`, `{"a":"x"}`, `{"a":1`} {
		if err := json.Unmarshal([]byte(bad), &bands); err == nil {
			t.Errorf("bands %s read without error", bad)
		}
	}
	var n Number
	if err := json.Unmarshal([]byte(`1.234`), &n); err == nil {
		t.Error("a score with three decimals read without error")
	}
}

// TestNil: a nil result gives an empty, valid document, never a panic.
func TestNil(t *testing.T) {
	var buf bytes.Buffer
	if _, err := Write(&buf, nil, report.Meta{}); err != nil || !json.Valid(buf.Bytes()) {
		t.Errorf("Write(nil): %v\n%s", err, buf.String())
	}
}
