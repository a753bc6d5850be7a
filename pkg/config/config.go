// Package config loads thidua's configuration: the organisation, signer,
// recipients, roster, criteria table and run options, layered as
// flag > THIDUA_* environment > thidua.yaml > embedded default, with
// unknown keys rejected (file and line named) and values validated.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"
	"gopkg.in/yaml.v3"

	"github.com/thidua/thidua/pkg/campaign"
	"github.com/thidua/thidua/pkg/diag"
	"github.com/thidua/thidua/pkg/vntext"
	"github.com/thidua/thidua/templates"
)

// Organization is the issuing agency of the report.
type Organization struct {
	Parent       string `yaml:"parent" opt:"organization.parent"`
	Name         string `yaml:"name" opt:"organization.name"`
	Abbreviation string `yaml:"abbreviation" opt:"organization.abbreviation"`
	Place        string `yaml:"place" opt:"organization.place"`
}

// Signer is who signs the report.
type Signer struct {
	Authority string `yaml:"authority" opt:"signer.authority"`
	Title     string `yaml:"title" opt:"signer.title"`
	Name      string `yaml:"name" opt:"signer.name"`
}

// Unit is one unit of the roster.
type Unit struct {
	Code    string   `yaml:"code"`
	Name    string   `yaml:"name"`
	Group   string   `yaml:"group"`
	Aliases []string `yaml:"aliases,omitempty"`
	// Short is the unit's name on a chart's axis ("QL vận tải"); empty:
	// shortened from Name (report.ShortNames).
	Short string `yaml:"short,omitempty"`
}

// Report holds the report options of thidua.yaml's top-level report
// section (docs/config.md#report).
type Report struct {
	// Annex is how the PDF annex lists units: "" or "ranking" (one table
	// in rank order) or "by-group" (each roster group under its own
	// heading, in group rank order).
	Annex string `yaml:"annex,omitempty"`
}

// The values of report.annex.
const (
	AnnexRanking = "ranking"
	AnnexByGroup = "by-group"
)

// Config is the whole configuration of a run.
type Config struct {
	Organization Organization      `yaml:"organization"`
	Signer       Signer            `yaml:"signer"`
	Recipients   []string          `yaml:"recipients"`
	DeadlineDays int               `yaml:"deadline_days" opt:"deadline_days"`
	Units        []Unit            `yaml:"units"`
	Campaign     campaign.Campaign `yaml:"campaign"`
	Report       Report            `yaml:"report,omitempty"`

	// Run options (see Options): each is a key of thidua.yaml, a THIDUA_*
	// variable and, for some, a flag. They are decoded by Load from the
	// table, typed, not by the YAML decoder.
	Lang       string        `yaml:"-" opt:"lang"`        // vi or en
	LogFormat  string        `yaml:"-" opt:"log_format"`  // text or json
	Output     string        `yaml:"-" opt:"output"`      // output directory of report
	Formats    []string      `yaml:"-" opt:"format"`      // outputs to write, in LoadOptions.Formats order
	Period     vntext.Period `yaml:"-" opt:"period"`      // zero = not set
	Narrative  string        `yaml:"-" opt:"narrative"`   // the user's own narrative template
	Number     string        `yaml:"-" opt:"number"`      // document number of the report
	Date       time.Time     `yaml:"-" opt:"date"`        // report date (reproducible outputs); zero = not set
	Review     []string      `yaml:"-" opt:"review"`      // the council's reviewed workbooks, one per period
	Previous   string        `yaml:"-" opt:"previous"`    // an earlier JSON result to compare with
	Strict     bool          `yaml:"-" opt:"strict"`      // warnings make exit status 3
	JSON       bool          `yaml:"-" opt:"json"`        // print the JSON result on stdout
	UnitSheets bool          `yaml:"-" opt:"unit_sheets"` // append one page per unit to the PDF
	Quiet      bool          `yaml:"-" opt:"quiet"`       // errors only
	Verbose    bool          `yaml:"-" opt:"verbose"`     // per-file timings and every note

	// Source is where the file layer came from: a path, or "" for the
	// embedded default. Not a key.
	Source string `yaml:"-"`
}

// fileDoc is a configuration file as decoded: the typed sections, and the
// run options as written (with their lines), checked against Options.
type fileDoc struct {
	Config `yaml:",inline"`
	Run    map[string]yaml.Node `yaml:",inline"`
}

// LoadOptions say where the configuration comes from.
type LoadOptions struct {
	File     string         // --config; "" to search ./thidua.yaml, then the user config dir
	NoConfig bool           // --no-config: the embedded default only
	Flags    *pflag.FlagSet // the command's flags (global ones included); nil = none
	Command  string         // the command whose flags these are ("" = any option's flag)
	Dir      string         // directory to look for thidua.yaml in; "" = working directory
	Formats  []string       // the output kinds the "format" option takes, in writing order (its default: all)
	Require  bool           // a configuration file must be found (NoConfig aside): the commands whose outputs name the agency and its units
}

// DefaultName is the name of the configuration file.
const DefaultName = "thidua.yaml"

// Locate returns the configuration file a run uses: the given file, else
// THIDUA_CONFIG, else ./thidua.yaml, else thidua/thidua.yaml in the user
// config dir; "" means the embedded default.
func Locate(o LoadOptions) (string, error) {
	if o.NoConfig {
		return "", nil
	}
	if o.File != "" {
		if _, err := os.Stat(o.File); err != nil {
			return "", diag.Errorf("err.config.missing", o.File)
		}
		return o.File, nil
	}
	if env := os.Getenv("THIDUA_CONFIG"); env != "" {
		if _, err := os.Stat(env); err != nil {
			return "", diag.Errorf("err.config.missing", env)
		}
		return env, nil
	}
	local := filepath.Join(o.Dir, DefaultName)
	if _, err := os.Stat(local); err == nil {
		return local, nil
	}
	if d, err := os.UserConfigDir(); err == nil {
		p := filepath.Join(d, "thidua", DefaultName)
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	return "", nil
}

// Load reads the configuration in layers (flag > THIDUA_* > file >
// embedded default), decodes every run option of Options with its type's
// parser, and validates the result. A bad option value is a *ValueError
// naming where it was written.
func Load(o LoadOptions) (*Config, error) {
	path, err := Locate(o)
	if err != nil {
		return nil, err
	}
	if path == "" && o.Require && !o.NoConfig {
		where := filepath.Join("~", ".config", "thidua")
		if d, err := os.UserConfigDir(); err == nil {
			where = filepath.Join(d, "thidua")
		}
		return nil, diag.Errorf("err.config.none", where)
	}
	merged, probe, err := layerFile(path)
	if err != nil {
		return nil, err
	}
	var own map[string]yaml.Node
	if probe != nil {
		own = probe.Run
	}
	name := path
	if name == "" {
		name = "(embedded) " + DefaultName
	}
	var doc fileDoc
	if err := decodeStrict(merged, name, &doc); err != nil {
		return nil, err
	}
	cfg := doc.Config
	cfg.Source = path
	if probe != nil {
		if probe.Campaign.Pos.Line > 0 {
			// The file's own campaign, decoded from the file: its lines
			// are the file's and its levels keep their order.
			cfg.Campaign = probe.Campaign
		} else {
			cfg.Campaign.ForgetPositions() // the default's, laid under the file
		}
	}
	fileVals, err := runValues(own, path)
	if err != nil {
		return nil, err
	}
	// Nested keys (organization.name …) were decoded with their section;
	// they are the file layer of their option.
	fields := optionFields(&cfg)
	for _, opt := range Options {
		if strings.Contains(opt.Key, ".") || opt.Key == "deadline_days" {
			if _, set := fileVals[opt.Key]; !set {
				fileVals[opt.Key] = raw{fmt.Sprint(fields[opt.Key].Interface()), FromFile, name}
			}
		}
	}
	for _, opt := range Options {
		r := layer(opt, flagsFor(o), fileVals)
		if opt.Key == "format" && r.source == FromDefault {
			if len(o.Formats) == 0 {
				continue // the caller writes no outputs
			}
			r.value = strings.Join(o.Formats, ",")
		}
		v, err := opt.parse(r.value, o.Formats)
		if err != nil {
			return nil, &ValueError{Source: r.source, Where: r.where, Key: opt.Key, Value: r.value, Want: opt.want(o.Formats)}
		}
		if f, ok := fields[opt.Key]; ok {
			f.Set(reflect.ValueOf(v))
		}
	}
	cfg.normalize()
	if err := cfg.Validate(); err != nil {
		return nil, diag.Errorf("err.config.invalid", name, err.Error())
	}
	return &cfg, nil
}

// flagsFor returns the flags Load may read: those of the options the
// command has (a command's own flag of the same name, such as template's
// -o, is not the option).
func flagsFor(o LoadOptions) *pflag.FlagSet {
	if o.Flags == nil {
		return nil
	}
	fs := pflag.NewFlagSet("options", pflag.ContinueOnError)
	for _, opt := range Options {
		if o.Command != "" && !opt.On(o.Command) {
			continue
		}
		if f := o.Flags.Lookup(opt.Flag); f != nil {
			fs.AddFlag(f)
		}
	}
	return fs
}

// runValues returns the run options a configuration file sets, with their
// lines; a top-level key that is neither a section nor an option is an
// error naming the line.
func runValues(own map[string]yaml.Node, path string) (map[string]raw, error) {
	out := map[string]raw{}
	keys := make([]string, 0, len(own))
	for k := range own {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return own[keys[i]].Line < own[keys[j]].Line })
	for _, k := range keys {
		n := own[k]
		opt, ok := Lookup(k)
		if !ok || strings.Contains(k, ".") {
			return nil, diag.Errorf("err.config.unknown", path, n.Line, k)
		}
		where := fmt.Sprintf("%s:%d", path, n.Line)
		switch {
		case n.Kind == yaml.ScalarNode:
			out[k] = raw{n.Value, FromFile, where}
		case n.Kind == yaml.SequenceNode && opt.Type == Paths:
			var items []string
			for _, it := range n.Content {
				if it.Kind != yaml.ScalarNode {
					return nil, &ValueError{Source: FromFile, Where: where, Key: k, Value: "…", Want: opt.want(nil)}
				}
				items = append(items, it.Value)
			}
			out[k] = raw{strings.Join(items, pathsSep), FromFile, where}
		default:
			return nil, &ValueError{Source: FromFile, Where: where, Key: k, Value: "…", Want: opt.want(nil)}
		}
	}
	return out, nil
}

// optionFields maps each option key to its field of cfg (struct tag opt).
func optionFields(cfg *Config) map[string]reflect.Value {
	out := map[string]reflect.Value{}
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			if k := t.Field(i).Tag.Get("opt"); k != "" {
				out[k] = v.Field(i)
			} else if v.Field(i).Kind() == reflect.Struct && t.Field(i).Type.PkgPath() == t.PkgPath() {
				walk(v.Field(i))
			}
		}
	}
	walk(reflect.ValueOf(cfg).Elem())
	return out
}

// layerFile returns the YAML of the embedded default with every top-level
// key that the file sets replaced by the file's value (shallow: a file that
// sets campaign replaces the whole campaign, never merges into the example),
// and the file decoded on its own: the run options it sets, as written
// (with their lines), and its campaign (nil for the embedded default).
func layerFile(path string) ([]byte, *fileDoc, error) {
	if path == "" {
		return templates.DefaultConfig, nil, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, diag.Errorf("err.config.read", path, err)
	}
	// Check the file on its own first, so errors name its lines.
	var probe fileDoc
	if err := decodeStrict(data, path, &probe); err != nil {
		return nil, nil, err
	}
	var base, top map[string]any
	if err := yaml.Unmarshal(templates.DefaultConfig, &base); err != nil {
		return nil, nil, err
	}
	if err := yaml.Unmarshal(data, &top); err != nil {
		return nil, nil, diag.Errorf("err.config.yaml", path, err)
	}
	for k, val := range top {
		base[k] = val
	}
	merged, err := yaml.Marshal(base)
	return merged, &probe, err
}

var reUnknown = regexp.MustCompile(`line (\d+): field (\S+) not found`)

// decodeStrict decodes YAML into cfg, rejecting unknown keys with the file
// and line.
func decodeStrict(data []byte, name string, cfg any) error {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(cfg); err != nil {
		if errors.Is(err, io.EOF) {
			return nil // an empty file sets nothing
		}
		var te *yaml.TypeError
		if errors.As(err, &te) {
			for _, e := range te.Errors {
				if m := reUnknown.FindStringSubmatch(e); m != nil {
					line, _ := strconv.Atoi(m[1])
					return diag.Errorf("err.config.unknown", name, line, m[2])
				}
			}
			return diag.Errorf("err.config.value", name, "YAML", strings.Join(te.Errors, "; "))
		}
		if strings.Contains(err.Error(), "yaml:") {
			return diag.Errorf("err.config.yaml", name, err)
		}
		return diag.Errorf("err.config.value", name, "YAML", err)
	}
	return nil
}

// normalize puts every text of the configuration in NFC and trims it.
func (c *Config) normalize() {
	c.Organization.Parent = vntext.Clean(c.Organization.Parent)
	c.Organization.Name = vntext.Clean(c.Organization.Name)
	c.Organization.Abbreviation = vntext.Clean(c.Organization.Abbreviation)
	c.Organization.Place = vntext.Clean(c.Organization.Place)
	c.Signer.Authority = vntext.Clean(c.Signer.Authority)
	c.Signer.Title = vntext.Clean(c.Signer.Title)
	c.Signer.Name = vntext.Clean(c.Signer.Name)
	for i := range c.Recipients {
		c.Recipients[i] = vntext.Clean(c.Recipients[i])
	}
	for i := range c.Units {
		u := &c.Units[i]
		u.Code, u.Name, u.Group, u.Short = vntext.Clean(u.Code), vntext.Clean(u.Name), vntext.Clean(u.Group), vntext.Clean(u.Short)
		for j := range u.Aliases {
			u.Aliases[j] = vntext.Clean(u.Aliases[j])
		}
	}
	c.Campaign.Code = vntext.Clean(c.Campaign.Code)
	c.Campaign.Name = vntext.Clean(c.Campaign.Name)
	var walk func(ns []*campaign.Node)
	walk = func(ns []*campaign.Node) {
		for _, n := range ns {
			n.Code, n.Title = vntext.Clean(n.Code), vntext.Clean(n.Title)
			walk(n.Criteria)
		}
	}
	walk(c.Campaign.Contents)
	for _, g := range []*campaign.Group{&c.Campaign.Bonus, &c.Campaign.Deductions} {
		for i := range g.Items {
			g.Items[i].Code, g.Items[i].Title = vntext.Clean(g.Items[i].Code), vntext.Clean(g.Items[i].Title)
		}
	}
	for i := range c.Campaign.Bands {
		c.Campaign.Bands[i].Label = vntext.Clean(c.Campaign.Bands[i].Label)
	}
	c.Campaign.CleanRules()
	c.Report.Annex = strings.TrimSpace(c.Report.Annex)
}

// Validate checks the values that would make a run meaningless. The
// criteria table's own consistency is campaign.Check's job.
func (c *Config) Validate() error {
	var probs []string
	if c.Campaign.Code == "" {
		probs = append(probs, "campaign.code trống / empty")
	}
	codes, names := map[string]bool{}, map[string]string{}
	for i, u := range c.Units {
		if u.Code == "" || u.Name == "" {
			probs = append(probs, fmt.Sprintf("units[%d]: code/name trống / empty", i))
			continue
		}
		k := vntext.Fold(u.Code)
		if codes[k] {
			probs = append(probs, fmt.Sprintf("units: mã đơn vị %q trùng / repeated", u.Code))
		}
		codes[k] = true
		for _, n := range append([]string{u.Name}, u.Aliases...) {
			f := vntext.Fold(n)
			if other, ok := names[f]; ok && other != u.Code {
				probs = append(probs, fmt.Sprintf("units: tên %q dùng cho cả %s và %s / used twice", n, other, u.Code))
			}
			names[f] = u.Code
		}
	}
	switch c.Report.Annex {
	case "", AnnexRanking, AnnexByGroup:
	default:
		probs = append(probs, fmt.Sprintf("report.annex %q: dùng ranking hoặc by-group / use ranking or by-group", c.Report.Annex))
	}
	if len(probs) > 0 {
		return errors.New(strings.Join(probs, "; "))
	}
	return nil
}

// CheckCampaign runs the criteria table's checks with the roster's groups,
// so that an applies_to naming no roster group is reported
// (campaign.CheckWith).
func (c *Config) CheckCampaign() diag.List {
	groups := make([]string, 0, len(c.Units))
	for _, u := range c.Units {
		if u.Group != "" {
			groups = append(groups, u.Group)
		}
	}
	return c.Campaign.CheckWith(campaign.CheckOptions{Groups: groups, Roster: true})
}
