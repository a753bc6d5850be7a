package campaign

import (
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

func decode(t *testing.T, s string) *Campaign {
	t.Helper()
	var c Campaign
	if err := yaml.Unmarshal([]byte(s), &c); err != nil {
		t.Fatal(err)
	}
	return &c
}

const good = `
code: t
scale: 20
contents:
  - code: "1"
    max: 10
    criteria:
      - {code: "1.1", max: 4}
      - code: "1.2"
        max: 6
        criteria:
          - {code: "1.2.a", max: 3}
          - {code: "1.2.b", max: 3}
  - {code: "2", max: 10}
bonus: {cap: 5, items: [{code: T1, max: 5}]}
deductions: {cap: 10, items: [{code: D1, max: 5, sanction: no-top}, {code: D2, max: 5, sanction: down-one}]}
bands: [{label: A, min: 18, min_content_ratio: 0.8, quota: 0.25}, {label: B, min: 10}, {label: C, min: 0}]
tie_break: [bonus, "content:2", deduction, base]
`

func TestCheck(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(string) string
		codes []string
	}{
		{"consistent", func(s string) string { return s }, nil},
		{"children do not add up", func(s string) string { return strings.Replace(s, `{code: "1.1", max: 4}`, `{code: "1.1", max: 5}`, 1) }, []string{"TD002"}},
		{"deep children do not add up", func(s string) string {
			return strings.Replace(s, `{code: "1.2.b", max: 3}`, `{code: "1.2.b", max: 2}`, 1)
		}, []string{"TD002"}},
		{"scale", func(s string) string { return strings.Replace(s, "scale: 20", "scale: 100", 1) }, []string{"TD003"}},
		{"repeated code", func(s string) string { return strings.Replace(s, `code: "1.2.b"`, `code: "1.2.a"`, 1) }, []string{"TD001"}},
		{"repeated code with trailing dot", func(s string) string { return strings.Replace(s, `code: "1.2.b"`, `code: "1.2.a."`, 1) }, []string{"TD001"}},
		{"bands out of order", func(s string) string { return strings.Replace(s, "{label: B, min: 10}", "{label: B, min: 19}", 1) }, []string{"TD004"}},
		{"tie-break names no content", func(s string) string { return strings.Replace(s, `"content:2"`, `"content:7"`, 1) }, []string{"TD005"}},
		{"unknown tie-break", func(s string) string { return strings.Replace(s, `tie_break: [bonus`, `tie_break: [luck`, 1) }, []string{"TD005"}},
		{"sanction", func(s string) string { return strings.Replace(s, "sanction: no-top", "sanction: fire", 1) }, []string{"TD006"}},
		{"zero max", func(s string) string { return strings.Replace(s, `{code: "2", max: 10}`, `{code: "2", max: 0}`, 1) }, []string{"TD007", "TD003"}},
		{"ratio out of range", func(s string) string { return strings.Replace(s, "quota: 0.25", "quota: 25", 1) }, []string{"TD009"}},
		{"bonus over cap", func(s string) string { return strings.Replace(s, "bonus: {cap: 5", "bonus: {cap: 3", 1) }, []string{"TD010"}},
		{"lowest band not from 0", func(s string) string { return strings.Replace(s, "{label: C, min: 0}", "{label: C, min: 5}", 1) }, []string{"TD011"}},
		{"bonus prefix", func(s string) string { return strings.Replace(s, "{code: T1, max: 5}", "{code: X1, max: 5}", 1) }, []string{"TD014"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := decode(t, tt.edit(good))
			got := c.Check()
			var codes []string
			for _, d := range got {
				codes = append(codes, d.Code)
			}
			if strings.Join(codes, ",") != strings.Join(tt.codes, ",") {
				t.Errorf("codes = %v, want %v", codes, tt.codes)
				for _, d := range got {
					t.Log(d.Line("vi"))
				}
			}
		})
	}
}

func TestCheckMessageNamesCodeAndSums(t *testing.T) {
	c := decode(t, strings.Replace(good, `{code: "1.1", max: 4}`, `{code: "1.1", max: 4.5}`, 1))
	l := c.Check()
	if len(l) != 1 {
		t.Fatalf("%v", l)
	}
	msg := l[0].Message("vi")
	for _, want := range []string{`"1"`, "10,5", "10"} {
		if !strings.Contains(msg, want) {
			t.Errorf("%q lacks %q", msg, want)
		}
	}
	if en := l[0].Message("en"); !strings.Contains(en, "add up to 10.5") && !strings.Contains(en, "add up to 10,5") {
		t.Errorf("en: %q", en)
	}
}

func TestRowsAndIndex(t *testing.T) {
	c := decode(t, good)
	rows := c.Rows()
	var codes []string
	for _, r := range rows {
		codes = append(codes, r.Code)
	}
	want := "1,1.1,1.2,1.2.a,1.2.b,2,T1,D1,D2"
	if strings.Join(codes, ",") != want {
		t.Errorf("rows %v", codes)
	}
	ix := c.NewIndex()
	for _, q := range []string{"1.2.a.", " 1.2.A ", "t1", "D2."} {
		if _, ok := ix.Lookup(q); !ok {
			t.Errorf("lookup %q failed", q)
		}
	}
	r, _ := ix.Lookup("1.2.b")
	if r.Content != "1" || r.Parent != "1.2" || r.Depth != 2 || !r.Leaf {
		t.Errorf("row 1.2.b = %+v", r)
	}
	if c.MaxTotal() != 2500 {
		t.Errorf("max total %d", c.MaxTotal())
	}
}

func TestFingerprint(t *testing.T) {
	a := decode(t, good)
	b := decode(t, strings.Replace(good, "code: t\n", "code: t\nname: other title\n", 1))
	if a.Fingerprint() != b.Fingerprint() {
		t.Error("title change changed the fingerprint")
	}
	c := decode(t, strings.Replace(good, `{code: "1.1", max: 4}`, `{code: "1.1", max: 5}`, 1))
	if a.Fingerprint() == c.Fingerprint() {
		t.Error("max change kept the fingerprint")
	}
}

func TestPointsFormat(t *testing.T) {
	for _, tt := range []struct {
		p     Points
		s, vi string
	}{{850, "8.5", "8,5"}, {800, "8", "8"}, {825, "8.25", "8,25"}, {-200, "-2", "-2"}, {5, "0.05", "0,05"}} {
		if tt.p.String() != tt.s || tt.p.VI() != tt.vi {
			t.Errorf("%d → %s %s", tt.p, tt.p.String(), tt.p.VI())
		}
	}
}
