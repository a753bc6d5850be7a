package campaign

import (
	"fmt"
	"reflect"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/thidua/thidua/pkg/vntext"
)

// UnmarshalYAML decodes a criteria table. Unknown keys are errors at any
// depth, worded as the YAML decoder words them ("line 12: field maxx not
// found in type campaign.Node") so that the configuration loader names the
// line; and every entry records where it was written (Pos), for the
// messages of Check, and whether its cap was written (Group.CapSet).
func (c *Campaign) UnmarshalYAML(n *yaml.Node) error {
	type plain Campaign
	var unknown []string
	checkKnown(n, reflect.TypeOf(plain{}), &unknown)
	if len(unknown) > 0 {
		return &yaml.TypeError{Errors: unknown}
	}
	var p plain
	if err := n.Decode(&p); err != nil {
		return err
	}
	*c = Campaign(p)
	c.setPos(n)
	return nil
}

// checkKnown reports every mapping key under n that type t has no field
// for. Types that decode themselves (Points, Levels, Evaluator) check
// their own values.
func checkKnown(n *yaml.Node, t reflect.Type, out *[]string) {
	if n == nil {
		return
	}
	if n.Kind == yaml.DocumentNode && len(n.Content) == 1 {
		n = n.Content[0]
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if reflect.PointerTo(t).Implements(reflect.TypeOf((*yaml.Unmarshaler)(nil)).Elem()) && t != reflect.TypeOf(Campaign{}) {
		return
	}
	switch t.Kind() {
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			return
		}
		fields := yamlFields(t)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			ft, ok := fields[k.Value]
			if !ok {
				*out = append(*out, fmt.Sprintf("line %d: field %s not found in type %s", k.Line, k.Value, t.String()))
				continue
			}
			checkKnown(n.Content[i+1], ft, out)
		}
	case reflect.Slice:
		if n.Kind == yaml.SequenceNode {
			for _, ch := range n.Content {
				checkKnown(ch, t.Elem(), out)
			}
		}
	case reflect.Map:
		if n.Kind == yaml.MappingNode {
			for i := 1; i < len(n.Content); i += 2 {
				checkKnown(n.Content[i], t.Elem(), out)
			}
		}
	}
}

// yamlFields maps the YAML keys of struct type t (inline structs merged)
// to their field types.
func yamlFields(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("yaml")
		name, opts, _ := strings.Cut(tag, ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		if strings.Contains(opts, "inline") {
			for k, v := range yamlFields(f.Type) {
				out[k] = v
			}
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		out[name] = f.Type
	}
	return out
}

// mapping returns the key → value pairs of a mapping node.
func mapping(n *yaml.Node) map[string]*yaml.Node {
	out := map[string]*yaml.Node{}
	if n == nil || n.Kind != yaml.MappingNode {
		return out
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		out[n.Content[i].Value] = n.Content[i+1]
	}
	return out
}

// posOf returns the position of a mapping node: its line and its keys'.
func posOf(n *yaml.Node) Pos {
	if n == nil {
		return Pos{}
	}
	p := Pos{Line: n.Line, keys: map[string]int{}}
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			p.keys[n.Content[i].Value] = n.Content[i].Line
		}
	}
	return p
}

// seq returns the items of a sequence node.
func seq(n *yaml.Node) []*yaml.Node {
	if n == nil || n.Kind != yaml.SequenceNode {
		return nil
	}
	return n.Content
}

// setPos records where each entry of c was written, walking the decoded
// table and its YAML node side by side.
func (c *Campaign) setPos(n *yaml.Node) {
	if n.Kind == yaml.DocumentNode && len(n.Content) == 1 {
		n = n.Content[0]
	}
	c.Pos = posOf(n)
	m := mapping(n)
	var nodes func(ns []*Node, yn []*yaml.Node)
	nodes = func(ns []*Node, yn []*yaml.Node) {
		for i, nd := range ns {
			if i >= len(yn) || nd == nil {
				return
			}
			nd.Pos = posOf(yn[i])
			nm := mapping(yn[i])
			if nd.Figure != nil {
				nd.Figure.Pos = posOf(nm["figure"])
			}
			nodes(nd.Criteria, seq(nm["criteria"]))
		}
	}
	nodes(c.Contents, seq(m["contents"]))
	for _, g := range []struct {
		g   *Group
		key string
	}{{&c.Bonus, "bonus"}, {&c.Deductions, "deductions"}} {
		gn := m[g.key]
		g.g.Pos = posOf(gn)
		g.g.CapSet = g.g.Pos.Has("cap")
		items := seq(mapping(gn)["items"])
		for i := range g.g.Items {
			if i >= len(items) {
				break
			}
			it := &g.g.Items[i]
			it.Pos = posOf(items[i])
			if it.Figure != nil {
				it.Figure.Pos = posOf(mapping(items[i])["figure"])
			}
		}
	}
	bands := seq(m["bands"])
	for i := range c.Bands {
		if i < len(bands) {
			c.Bands[i].Pos = posOf(bands[i])
		}
	}
	c.Evaluation.Pos = posOf(m["evaluation"])
}

// ForgetPositions drops the lines recorded when the table was decoded: for
// a table decoded from text other than the file its messages will name
// (the configuration loader lays the file over the embedded default).
func (c *Campaign) ForgetPositions() {
	c.Pos = Pos{}
	var walk func(ns []*Node)
	walk = func(ns []*Node) {
		for _, n := range ns {
			n.Pos.Line = 0
			if n.Figure != nil {
				n.Figure.Pos.Line = 0
			}
			walk(n.Criteria)
		}
	}
	walk(c.Contents)
	for _, g := range []*Group{&c.Bonus, &c.Deductions} {
		g.Pos.Line = 0
		for i := range g.Items {
			g.Items[i].Pos.Line = 0
			if g.Items[i].Figure != nil {
				g.Items[i].Figure.Pos.Line = 0
			}
		}
	}
	for i := range c.Bands {
		c.Bands[i].Pos.Line = 0
	}
	c.Evaluation.Pos.Line = 0
}

// UnmarshalYAML reads levels written as a mapping name: points, keeping
// the order written.
func (ls *Levels) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return &yaml.TypeError{Errors: []string{fmt.Sprintf("line %d: levels: viết dạng {tên mức: điểm, …} / write levels as {name: points, …}", n.Line)}}
	}
	out := Levels{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		var p Points
		if err := p.UnmarshalYAML(n.Content[i+1]); err != nil {
			return err
		}
		out = append(out, Level{Name: vntext.Clean(n.Content[i].Value), Points: p})
	}
	*ls = out
	return nil
}

// MarshalYAML writes levels as a mapping in their order.
func (ls Levels) MarshalYAML() (any, error) {
	m := &yaml.Node{Kind: yaml.MappingNode}
	for _, l := range ls {
		v, _ := l.Points.MarshalYAML()
		var vn yaml.Node
		if err := vn.Encode(v); err != nil {
			return nil, err
		}
		m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: l.Name}, &vn)
	}
	return m, nil
}

// UnmarshalYAML reads an evaluator written as a name, or as {code, name,
// aliases}.
func (e *Evaluator) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		*e = Evaluator{Name: vntext.Clean(n.Value)}
		return nil
	case yaml.MappingNode:
		var out Evaluator
		var errs []string
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			switch k.Value {
			case "code":
				out.Code = vntext.Clean(v.Value)
			case "name":
				out.Name = vntext.Clean(v.Value)
			case "aliases":
				for _, a := range seq(v) {
					out.Aliases = append(out.Aliases, vntext.Clean(a.Value))
				}
			default:
				errs = append(errs, fmt.Sprintf("line %d: field %s not found in type campaign.Evaluator", k.Line, k.Value))
			}
		}
		if len(errs) > 0 {
			return &yaml.TypeError{Errors: errs}
		}
		*e = out
		return nil
	}
	return &yaml.TypeError{Errors: []string{fmt.Sprintf("line %d: evaluators: viết tên, hoặc {code, name} / write a name or {code, name}", n.Line)}}
}

// MarshalYAML writes an evaluator as its name when it has nothing else.
func (e Evaluator) MarshalYAML() (any, error) {
	if e.Code == "" && len(e.Aliases) == 0 {
		return e.Name, nil
	}
	type plain struct {
		Code    string   `yaml:"code,omitempty"`
		Name    string   `yaml:"name,omitempty"`
		Aliases []string `yaml:"aliases,omitempty"`
	}
	return plain{e.Code, e.Name, e.Aliases}, nil
}

// CleanRules puts the texts of the rules in NFC, trimmed: applies_to
// groups, level names, sanctions, figure labels, evidence, total_floor,
// period_kind, evaluation.by and the evaluators (codes, names and titles
// are the loader's).
func (c *Campaign) CleanRules() {
	rule := func(r *Rule) {
		for i := range r.Levels {
			r.Levels[i].Name = vntext.Clean(r.Levels[i].Name)
		}
		if r.Figure != nil {
			r.Figure.Label = vntext.Clean(r.Figure.Label)
		}
		r.Evidence = strings.TrimSpace(r.Evidence)
	}
	var walk func(ns []*Node)
	walk = func(ns []*Node) {
		for _, n := range ns {
			for i := range n.AppliesTo {
				n.AppliesTo[i] = vntext.Clean(n.AppliesTo[i])
			}
			rule(&n.Rule)
			walk(n.Criteria)
		}
	}
	walk(c.Contents)
	for _, g := range []*Group{&c.Bonus, &c.Deductions} {
		for i := range g.Items {
			it := &g.Items[i]
			rule(&it.Rule)
			if l, ok := it.Sanction.MaxBand(); ok {
				it.Sanction = Sanction(MaxBandPrefix + vntext.Clean(l))
			} else {
				it.Sanction = Sanction(strings.TrimSpace(string(it.Sanction)))
			}
		}
	}
	c.TotalFloor = strings.TrimSpace(c.TotalFloor)
	c.PeriodKind = strings.TrimSpace(c.PeriodKind)
	c.Evaluation.By = strings.TrimSpace(c.Evaluation.By)
	for i := range c.Evaluation.Evaluators {
		e := &c.Evaluation.Evaluators[i]
		e.Code, e.Name = vntext.Clean(e.Code), vntext.Clean(e.Name)
		for j := range e.Aliases {
			e.Aliases[j] = vntext.Clean(e.Aliases[j])
		}
	}
}
