package campaign

import (
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/thidua/thidua/templates"
)

// rich uses every rule of docs/config.md: it is consistent.
const rich = `code: r
scale: 100
normalize: true
total_floor: none
period_kind: month
evaluation: {by: peers}
contents:
  - code: "1"
    title: Một
    max: 20
    criteria:
      - {code: "1.1", max: 6, choices: [6, 3, 0]}
      - {code: "1.2", max: 4, levels: {"Tốt": 4, "Khá": 3, "Đạt": 2, "Chưa đạt": 0}}
      - {code: "1.3", max: 0, evidence: required, figure: {label: "Số lần", start: 0, per: -0.5, min: -5}}
      - code: "1.4"
        max: 10
        figure: {label: "Tỷ lệ (%)", steps: [{from: 100, points: 10}, {from: 90, points: 8}, {from: 0, points: 0}]}
  - code: "2"
    max: 30
    weight: 2
    applies_to: ["Khối B"]
    optional: true
    criteria: [{code: "2.1", max: 30}]
  - {code: "3", max: 20}
bonus:
  cap: 25
  items:
    - {code: T1, max: 15, choices: [0, 10, 15]}
    - {code: T2, max: 10, figure: {label: "Số gương", per: 2}}
deductions:
  items:
    - {code: D1, max: 10, sanction: "max-band:Khá"}
    - {code: D2, max: 10, sanction: exclude}
bands: [{label: Tốt, min: 80}, {label: Khá, min: 50}, {label: Đạt, min: 0}]
`

var rosterGroups = CheckOptions{Groups: []string{"Khối A", "Khối B"}, Roster: true}

func TestDecodeRules(t *testing.T) {
	c := decode(t, rich)
	if !c.Normalize || !c.FloorNone() || c.EvaluatedBy() != EvalPeers || !c.ExcludeSelf() || c.Kind().String() != "month" {
		t.Errorf("campaign keys: %+v", c)
	}
	var names []string
	for _, l := range c.Contents[0].Criteria[1].Levels {
		names = append(names, l.Name)
	}
	if strings.Join(names, ",") != "Tốt,Khá,Đạt,Chưa đạt" {
		t.Errorf("levels lost their order: %v", names)
	}
	if l, ok := c.Contents[0].Criteria[1].Levels.Lookup(" chua  dat "); !ok || l.Points != 0 || l.Name != "Chưa đạt" {
		t.Errorf("folded level lookup: %+v %v", l, ok)
	}
	f := c.Contents[0].Criteria[2].Figure
	if f == nil || f.Per != -50 || f.Min != -500 || f.Label != "Số lần" || !f.Linear() {
		t.Errorf("figure %+v", f)
	}
	if n := c.Contents[1]; n.Weight != 200 || !n.Optional || n.AppliesTo[0] != "Khối B" || n.Pos.Line != 18 {
		t.Errorf("content 2: %+v", n)
	}
	if c.Bonus.CapSet != true || c.Deductions.CapSet || c.Deductions.EffectiveCap() != 2000 || c.MaxTotal() != 12500 {
		t.Errorf("caps: bonus set %v, deductions set %v, %d, max total %d", c.Bonus.CapSet, c.Deductions.CapSet, c.Deductions.EffectiveCap(), c.MaxTotal())
	}
	if l, ok := c.Deductions.Items[0].Sanction.MaxBand(); !ok || l != "Khá" {
		t.Errorf("max-band %q %v", l, ok)
	}
	rows := c.Rows()
	r21 := rows[slices.IndexFunc(rows, func(r Row) bool { return r.Code == "2.1" })]
	if !slices.Equal(r21.AppliesTo, []string{"Khối B"}) || r21.AppliesToGroup("khoi a") || !r21.AppliesToGroup("KHỐI B") || !r21.AppliesToGroup("") {
		t.Errorf("2.1 inherits applies_to: %+v", r21)
	}
	r13 := rows[slices.IndexFunc(rows, func(r Row) bool { return r.Code == "1.3" })]
	if !r13.Evidence || r13.Min != -500 || r13.Figure == nil || r13.Line != 14 {
		t.Errorf("1.3 row: %+v", r13)
	}
	if r1 := rows[0]; r1.Min != -500 || r1.Weight != 100 {
		t.Errorf("content 1 min %d weight %d", r1.Min, r1.Weight)
	}
	if l := c.CheckWith(rosterGroups); len(l) != 0 {
		for _, d := range l {
			t.Error(d.Line("vi"))
		}
	}
	// Marshalled and read back, levels keep their order.
	b, err := yaml.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	back := decode(t, string(b))
	if back.Fingerprint() != c.Fingerprint() {
		t.Errorf("round trip changed the fingerprint:\n%s", b)
	}
}

func TestDecodeUnknownKeys(t *testing.T) {
	for _, tc := range []struct{ edit, want string }{
		{`weight: 2`, "line 20: field wieght not found"},
		{`per: -0.5`, "line 14: field pre not found"},
		{`by: peers`, "line 6: field byy not found"},
	} {
		bad := strings.Replace(rich, tc.edit, strings.Replace(strings.Replace(strings.Replace(tc.edit, "weight", "wieght", 1), "per:", "pre:", 1), "by:", "byy:", 1), 1)
		var c Campaign
		err := yaml.Unmarshal([]byte(bad), &c)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", tc.edit, err, tc.want)
		}
	}
	var c Campaign
	err := yaml.Unmarshal([]byte("code: x\nevaluation: {by: evaluators, evaluators: [{code: A, nam: B}]}\n"), &c)
	if err == nil || !strings.Contains(err.Error(), "line 2: field nam not found") {
		t.Errorf("evaluator key: %v", err)
	}
	if err := yaml.Unmarshal([]byte("code: x\ncontents: [{code: '1', max: 5, levels: [4, 3]}]\n"), &c); err == nil {
		t.Error("levels as a list decoded")
	}
	if err := yaml.Unmarshal([]byte("code: x\nevaluation: {by: evaluators, evaluators: [Sở Nội vụ, {code: STC, name: Sở Tài chính}]}\n"), &c); err != nil ||
		len(c.Evaluation.Evaluators) != 2 || c.Evaluation.Evaluators[0].Name != "Sở Nội vụ" || c.Evaluation.Evaluators[1].Code != "STC" {
		t.Errorf("evaluators: %+v %v", c.Evaluation.Evaluators, err)
	}
}

func TestCheckRules(t *testing.T) {
	tests := []struct {
		name     string
		from, to string
		codes    []string
	}{
		{"consistent", "", "", nil},
		{"weighted contents do not add up to the scale", "weight: 2", "weight: 3", []string{"TD003"}},
		{"weight 0", "weight: 2", "weight: 0", []string{"TD015", "TD003"}},
		{"negative weight", "weight: 2", "weight: -1", []string{"TD015", "TD003"}},
		{"weighted children do not add up", `criteria: [{code: "2.1", max: 30}]`, `criteria: [{code: "2.1", max: 15, weight: 3}]`, []string{"TD002"}},
		{"weighted children add up", `criteria: [{code: "2.1", max: 30}]`, `criteria: [{code: "2.1", max: 15, weight: 2}]`, nil},
		{"choice above max", "choices: [6, 3, 0]", "choices: [7, 3, 0]", []string{"TD016"}},
		{"negative choice", "choices: [6, 3, 0]", "choices: [6, 3, -1]", []string{"TD016"}},
		{"choices never reach max", "choices: [6, 3, 0]", "choices: [5, 3, 0]", []string{"TD017"}},
		{"repeated choice", "choices: [6, 3, 0]", "choices: [6, 3, 3]", []string{"TD031"}},
		{"level above max", `"Tốt": 4,`, `"Tốt": 5,`, []string{"TD016"}},
		{"repeated level name", `"Khá": 3`, `"TỐT": 3`, []string{"TD031"}},
		{"rule on a parent", `criteria: [{code: "2.1", max: 30}]`, `choices: [30, 0]
    criteria: [{code: "2.1", max: 30}]`, []string{"TD018"}},
		{"two rules", "choices: [6, 3, 0]", "choices: [6, 3, 0], levels: {A: 6}", []string{"TD019"}},
		{"linear and steps", "per: -0.5, min: -5}", "per: -0.5, min: -5, steps: [{from: 1, points: -1}]}", []string{"TD020"}},
		{"neither linear nor steps", `figure: {label: "Số gương", per: 2}`, `figure: {label: "Số gương"}`, []string{"TD020"}},
		{"steps out of order", "{from: 90, points: 8}, {from: 0", "{from: 0, points: 8}, {from: 90", []string{"TD021"}},
		{"steps repeated", "{from: 90, points: 8}", "{from: 100, points: 8}", []string{"TD021"}},
		{"steps ascending", "[{from: 100, points: 10}, {from: 90, points: 8}, {from: 0, points: 0}]", "[{from: 0, points: 0}, {from: 90, points: 8}, {from: 100, points: 10}]", nil},
		{"step above max", "{from: 100, points: 10}", "{from: 100, points: 12}", []string{"TD022"}},
		{"step below min", "{from: 0, points: 0}", "{from: 0, points: -1}", []string{"TD022"}},
		{"figure min above 0", "min: -5}", "min: 1}", []string{"TD007", "TD023"}},
		{"negative min on a bonus item", "per: 2}", "per: 2, min: -1}", []string{"TD023"}},
		{"points only ≤ 0 with a max", `{code: "1.3", max: 0,`, `{code: "1.3", max: 2,`, []string{"TD002", "TD024"}},
		{"max 0 without negative points", `{code: "3", max: 20}`, `{code: "3", max: 0}`, []string{"TD007", "TD003"}},
		{"applies_to names no roster group", `applies_to: ["Khối B"]`, `applies_to: ["Khối C"]`, []string{"TD025"}},
		{"max-band names no band", `"max-band:Khá"`, `"max-band:Giỏi"`, []string{"TD026"}},
		{"max-band folded", `"max-band:Khá"`, `"max-band:kha"`, nil},
		{"unknown sanction", "sanction: exclude", "sanction: expel", []string{"TD006"}},
		{"cap 0 with items", "deductions:\n  items:", "deductions:\n  cap: 0\n  items:", []string{"TD027"}},
		{"negative cap", "cap: 25", "cap: -1", []string{"TD027"}},
		{"period_kind", "period_kind: month", "period_kind: week", []string{"TD028"}},
		{"evaluation.by", "by: peers", "by: council", []string{"TD029"}},
		{"exclude_self without peers", "by: peers", "by: self, exclude_self: false", []string{"TD033"}},
		{"evaluators without by evaluators", "by: peers", "by: peers, evaluators: [X]", []string{"TD033"}},
		{"evaluators repeated", "by: peers", "by: evaluators, evaluators: [X, x]", []string{"TD031"}},
		{"total_floor", "total_floor: none", "total_floor: -10", []string{"TD030"}},
		{"total_floor 0", "total_floor: none", "total_floor: 0", nil},
		{"evidence", "evidence: required", "evidence: yes", []string{"TD032"}},
		{"rank only", "bands: [{label: Tốt, min: 80}, {label: Khá, min: 50}, {label: Đạt, min: 0}]", "bands: []", []string{"TD026"}},
		{"rank only, no max-band", `sanction: "max-band:Khá"`, "sanction: no-top", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := rich
			if tt.from != "" {
				if !strings.Contains(src, tt.from) {
					t.Fatalf("%q not in the table", tt.from)
				}
				src = strings.Replace(src, tt.from, tt.to, 1)
			}
			if tt.name == "rank only, no max-band" {
				src = strings.Replace(src, "bands: [{label: Tốt, min: 80}, {label: Khá, min: 50}, {label: Đạt, min: 0}]", "", 1)
			}
			got := decode(t, src).CheckWith(rosterGroups)
			var codes []string
			for _, d := range got {
				codes = append(codes, d.Code)
				if d.LineNo == 0 {
					t.Errorf("%s has no line", d.Code)
				}
				for _, lang := range []string{"vi", "en"} {
					if m := d.Message(lang); strings.Contains(m, "%!") {
						t.Errorf("%s: %s", d.Code, m)
					}
				}
			}
			if !slices.Equal(codes, tt.codes) {
				t.Errorf("codes = %v, want %v", codes, tt.codes)
				for _, d := range got {
					t.Log(d.In("t.yaml").Line("vi"))
				}
			}
		})
	}
}

func TestCheckWithoutRosterSkipsGroups(t *testing.T) {
	c := decode(t, strings.Replace(rich, `["Khối B"]`, `["Khối C"]`, 1))
	if l := c.Check(); len(l) != 0 {
		t.Errorf("without a roster: %v", l)
	}
	if l := c.CheckWith(CheckOptions{Roster: true}); len(l) != 1 || l[0].Code != "TD025" {
		t.Errorf("empty roster: %v", l)
	}
	d := c.CheckWith(rosterGroups)[0]
	if d.LineNo != 21 || d.In("thidua.yaml").Position() != "thidua.yaml:21" {
		t.Errorf("TD025 at %d: %q", d.LineNo, d.In("thidua.yaml").Line("vi"))
	}
	if empty := decode(t, strings.Replace(rich, `["Khối B"]`, `["Khối A"]`, 1)); len(empty.CheckWith(rosterGroups)) != 0 {
		t.Error("Khối A is on the roster")
	}
	nested := decode(t, strings.Replace(rich, `criteria: [{code: "2.1", max: 30}]`, `criteria: [{code: "2.1", max: 30, applies_to: ["Khối A"]}]`, 1))
	if l := nested.CheckWith(rosterGroups); len(l) != 1 || l[0].Code != "TD034" {
		t.Errorf("disjoint applies_to: %v", l)
	}
}

func TestFigurePoints(t *testing.T) {
	late := &Figure{Per: -50, Min: -500}                                                                              // −0,5 per late report, at most −5
	mark := &Figure{Start: 100, Per: 25}                                                                              // 1 + 0,25 per item
	rate := &Figure{Steps: []Step{{From: 10000, Points: 1000}, {From: 9000, Points: 800}, {From: 5000, Points: 400}}} // ≥ 100 % → 10 …
	tests := []struct {
		f       *Figure
		fig     Points
		max     Points
		want    Points
		comment string
	}{
		{late, 0, 0, 0, "0 × −0,5 = 0"},
		{late, 300, 0, -150, "3 × −0,5 = −1,5"},
		{late, 1100, 0, -500, "11 × −0,5 = −5,5, kept at min −5"},
		{mark, 300, 500, 175, "1 + 3 × 0,25 = 1,75"},
		{mark, 2000, 500, 500, "1 + 20 × 0,25 = 6, kept at max 5"},
		{mark, 150, 500, 138, "1 + 1,5 × 0,25 = 1,375 → 1,38 (half away from zero)"},
		{&Figure{Per: -25}, 250, 0, 0, "−0,625, kept at min 0"},
		{&Figure{Per: -25, Min: -1000}, 250, 0, -63, "2,5 × −0,25 = −0,625 → −0,63 (half away from zero)"},
		{rate, 10000, 1000, 1000, "100 % → 10"},
		{rate, 9550, 1000, 800, "95,5 % → the step from 90: 8"},
		{rate, 9000, 1000, 800, "exactly 90 % → 8"},
		{rate, 4999, 1000, 0, "below every step → 0"},
		{rate, 12000, 1000, 1000, "above the highest step → its points"},
		{&Figure{Per: 100}, 1 << 62, 1000, 1000, "a huge figure saturates, kept at max"},
	}
	for _, tc := range tests {
		if got := tc.f.Points(tc.fig, tc.max); got != tc.want {
			t.Errorf("%s: got %s", tc.comment, got.VI())
		}
	}
	if lo, hi := rate.Bounds(); lo != 0 || hi != 1000 {
		t.Errorf("steps bounds %d…%d", lo, hi)
	}
	if _, hi := late.Bounds(); hi != 0 {
		t.Errorf("late bounds hi %d", hi)
	}
	if w := Weighted(350, 150); w != 525 {
		t.Errorf("3,5 × 1,5 = %s", w.VI())
	}
}

// TestDefaultFingerprint pins the embedded table's fingerprint as it was
// before the rules of docs/config.md existed: forms handed out carry it.
func TestDefaultFingerprint(t *testing.T) {
	var cfg struct {
		Campaign Campaign `yaml:"campaign"`
	}
	dec := yaml.NewDecoder(strings.NewReader(string(templates.DefaultConfig)))
	var raw map[string]yaml.Node
	if err := dec.Decode(&raw); err != nil {
		t.Fatal(err)
	}
	n := raw["campaign"]
	if err := n.Decode(&cfg.Campaign); err != nil {
		t.Fatal(err)
	}
	const want = "sha256:ef6dbca01757b089"
	if got := cfg.Campaign.Fingerprint(); got != want {
		t.Errorf("default fingerprint %s, want %s", got, want)
	}
}

func TestFingerprintRules(t *testing.T) {
	base := decode(t, good)
	fp := base.Fingerprint()
	same := []struct{ from, to string }{
		{"code: t\n", "code: t\nperiod_kind: month\n"},
		{`{code: "1.1", max: 4}`, `{code: "1.1", max: 4, evidence: required}`},
		{`{code: "1.1", max: 4}`, `{code: "1.1", max: 4, weight: 1}`},
		{"code: t\n", "code: t\nevaluation: {by: self}\ntotal_floor: 0\n"},
		{"bands: [", "bands: [{label: Z, min: 30}, "},
	}
	for _, s := range same {
		if got := decode(t, strings.Replace(good, s.from, s.to, 1)).Fingerprint(); got != fp {
			t.Errorf("%q changed the fingerprint", s.to)
		}
	}
	differ := []struct{ from, to string }{
		{`{code: "1.1", max: 4}`, `{code: "1.1", max: 4, choices: [4, 0]}`},
		{`{code: "1.1", max: 4}`, `{code: "1.1", max: 4, levels: {A: 4, B: 0}}`},
		{`{code: "1.1", max: 4}`, `{code: "1.1", max: 4, figure: {per: 1}}`},
		{`{code: "1.1", max: 4}`, `{code: "1.1", max: 4, applies_to: [X]}`},
		{`{code: "1.1", max: 4}`, `{code: "1.1", max: 4, optional: true}`},
		{`{code: "2", max: 10}`, `{code: "2", max: 5, weight: 2}`},
		{"code: t\n", "code: t\nnormalize: true\n"},
		{"code: t\n", "code: t\ntotal_floor: none\n"},
		{"code: t\n", "code: t\nevaluation: {by: peers}\n"},
		{"sanction: no-top", "sanction: exclude"},
	}
	seen := map[string]string{fp: "base"}
	for _, d := range differ {
		got := decode(t, strings.Replace(good, d.from, d.to, 1)).Fingerprint()
		if prev, dup := seen[got]; dup {
			t.Errorf("%q has the fingerprint of %q", d.to, prev)
		}
		seen[got] = d.to
	}
	// A level's name counts folded: "Tốt" and "TỐT" are one level.
	a := decode(t, strings.Replace(good, `{code: "1.1", max: 4}`, `{code: "1.1", max: 4, levels: {"Tốt": 4}}`, 1))
	b := decode(t, strings.Replace(good, `{code: "1.1", max: 4}`, `{code: "1.1", max: 4, levels: {"TỐT": 4}}`, 1))
	if a.Fingerprint() != b.Fingerprint() {
		t.Error("a level name's case changed the fingerprint")
	}
}
