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
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"
	"github.com/spf13/viper"
	"gopkg.in/yaml.v3"

	"github.com/thidua/thidua/pkg/campaign"
	"github.com/thidua/thidua/pkg/diag"
	"github.com/thidua/thidua/pkg/vntext"
	"github.com/thidua/thidua/templates"
)

// Organization is the issuing agency of the report.
type Organization struct {
	Parent       string `yaml:"parent"`
	Name         string `yaml:"name"`
	Abbreviation string `yaml:"abbreviation"`
	Place        string `yaml:"place"`
}

// Signer is who signs the report.
type Signer struct {
	Authority string `yaml:"authority"`
	Title     string `yaml:"title"`
	Name      string `yaml:"name"`
}

// Unit is one unit of the roster.
type Unit struct {
	Code    string   `yaml:"code"`
	Name    string   `yaml:"name"`
	Group   string   `yaml:"group"`
	Aliases []string `yaml:"aliases,omitempty"`
}

// Config is the whole configuration of a run.
type Config struct {
	Organization Organization      `yaml:"organization"`
	Signer       Signer            `yaml:"signer"`
	Recipients   []string          `yaml:"recipients"`
	DeadlineDays int               `yaml:"deadline_days"`
	Units        []Unit            `yaml:"units"`
	Campaign     campaign.Campaign `yaml:"campaign"`

	// Run options; each can also be set by a flag and a THIDUA_* variable.
	Lang       string `yaml:"lang,omitempty"`        // vi or en
	LogFormat  string `yaml:"log_format,omitempty"`  // text or json
	Output     string `yaml:"output,omitempty"`      // output directory of report
	Format     string `yaml:"format,omitempty"`      // xlsx,pdf,json,csv
	Period     string `yaml:"period,omitempty"`      // e.g. 2026-Q3
	Narrative  string `yaml:"narrative,omitempty"`   // the user's own narrative template
	Number     string `yaml:"number,omitempty"`      // document number of the report
	Date       string `yaml:"date,omitempty"`        // report date YYYY-MM-DD (reproducible outputs)
	Review     string `yaml:"review,omitempty"`      // the council's reviewed workbook
	Previous   string `yaml:"previous,omitempty"`    // an earlier JSON result to compare with
	Strict     bool   `yaml:"strict,omitempty"`      // warnings make exit status 3
	JSON       bool   `yaml:"json,omitempty"`        // print the JSON result on stdout
	UnitSheets bool   `yaml:"unit_sheets,omitempty"` // append one page per unit to the PDF
	Quiet      bool   `yaml:"quiet,omitempty"`       // errors only
	Verbose    bool   `yaml:"verbose,omitempty"`     // per-file timings and every note

	// Source is where the file layer came from: a path, or "" for the
	// embedded default. Not a key.
	Source string `yaml:"-"`
}

// Keys are the scalar keys that flags and THIDUA_* variables can set,
// with the environment variable of each (THIDUA_ + upper case, dots as _).
var Keys = []string{
	"lang", "log_format", "output", "format", "period", "narrative", "deadline_days",
	"number", "date", "review", "previous", "strict", "json", "unit_sheets", "quiet", "verbose",
	"organization.parent", "organization.name", "organization.abbreviation", "organization.place",
	"signer.authority", "signer.title", "signer.name",
}

// EnvName returns the environment variable of key: THIDUA_LOG_FORMAT.
func EnvName(key string) string {
	return "THIDUA_" + strings.ToUpper(strings.ReplaceAll(key, ".", "_"))
}

// Options say where the configuration comes from.
type Options struct {
	File     string         // --config; "" to search ./thidua.yaml, then the user config dir
	NoConfig bool           // --no-config: the embedded default only
	Flags    *pflag.FlagSet // flags bound to keys (see FlagKeys)
	FlagKeys map[string]string
	Dir      string // directory to look for thidua.yaml in; "" = working directory
}

// DefaultName is the name of the configuration file.
const DefaultName = "thidua.yaml"

// Locate returns the configuration file a run uses: the given file, else
// ./thidua.yaml, else thidua/thidua.yaml in the user config dir; "" means the
// embedded default.
func Locate(o Options) (string, error) {
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

// Load reads the configuration in layers and validates it.
func Load(o Options) (*Config, error) {
	path, err := Locate(o)
	if err != nil {
		return nil, err
	}
	merged, err := layerFile(path)
	if err != nil {
		return nil, err
	}
	name := path
	if name == "" {
		name = "(embedded) " + DefaultName
	}
	var cfg Config
	if err := decodeStrict(merged, name, &cfg); err != nil {
		return nil, err
	}
	cfg.Source = path

	// viper layers flags and THIDUA_* variables over the file values.
	v := viper.New()
	v.SetConfigType("yaml")
	if err := v.ReadConfig(bytes.NewReader(merged)); err != nil {
		return nil, diag.Errorf("err.config.yaml", name, err)
	}
	for _, k := range Keys {
		_ = v.BindEnv(k, EnvName(k))
	}
	if o.Flags != nil {
		for flag, key := range o.FlagKeys {
			if f := o.Flags.Lookup(flag); f != nil {
				_ = v.BindPFlag(key, f)
			}
		}
	}
	cfg.Lang = v.GetString("lang")
	cfg.LogFormat = v.GetString("log_format")
	cfg.Output = v.GetString("output")
	cfg.Format = v.GetString("format")
	cfg.Period = v.GetString("period")
	cfg.Narrative = v.GetString("narrative")
	cfg.Number = v.GetString("number")
	cfg.Date = v.GetString("date")
	if t, ok := v.Get("date").(time.Time); ok { // date: 2026-10-10 unquoted in YAML
		cfg.Date = t.Format("2006-01-02")
	}
	cfg.Review = v.GetString("review")
	cfg.Previous = v.GetString("previous")
	for _, b := range []struct {
		key string
		dst *bool
	}{{"strict", &cfg.Strict}, {"json", &cfg.JSON}, {"unit_sheets", &cfg.UnitSheets}, {"quiet", &cfg.Quiet}, {"verbose", &cfg.Verbose}} {
		if s := strings.TrimSpace(v.GetString(b.key)); s != "" {
			val, err := strconv.ParseBool(s)
			if err != nil {
				return nil, diag.Errorf("err.config.value", name, b.key, s)
			}
			*b.dst = val
		}
	}
	if s := v.GetString("deadline_days"); s != "" {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil {
			return nil, diag.Errorf("err.config.value", name, "deadline_days", s)
		}
		cfg.DeadlineDays = n
	}
	cfg.Organization.Parent = v.GetString("organization.parent")
	cfg.Organization.Name = v.GetString("organization.name")
	cfg.Organization.Abbreviation = v.GetString("organization.abbreviation")
	cfg.Organization.Place = v.GetString("organization.place")
	cfg.Signer.Authority = v.GetString("signer.authority")
	cfg.Signer.Title = v.GetString("signer.title")
	cfg.Signer.Name = v.GetString("signer.name")
	cfg.normalize()
	if err := cfg.Validate(); err != nil {
		return nil, diag.Errorf("err.config.invalid", name, err.Error())
	}
	return &cfg, nil
}

// layerFile returns the YAML of the embedded default with every top-level
// key that the file sets replaced by the file's value (shallow: a file that
// sets campaign replaces the whole campaign, never merges into the example).
func layerFile(path string) ([]byte, error) {
	if path == "" {
		return templates.DefaultConfig, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, diag.Errorf("err.config.read", path, err)
	}
	// Check the file on its own first, so errors name its lines.
	var probe Config
	if err := decodeStrict(data, path, &probe); err != nil {
		return nil, err
	}
	var base, top map[string]any
	if err := yaml.Unmarshal(templates.DefaultConfig, &base); err != nil {
		return nil, err
	}
	if err := yaml.Unmarshal(data, &top); err != nil {
		return nil, diag.Errorf("err.config.yaml", path, err)
	}
	for k, val := range top {
		base[k] = val
	}
	return yaml.Marshal(base)
}

var reUnknown = regexp.MustCompile(`line (\d+): field (\S+) not found`)

// decodeStrict decodes YAML into cfg, rejecting unknown keys with the file
// and line.
func decodeStrict(data []byte, name string, cfg *Config) error {
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
		u.Code, u.Name, u.Group = vntext.Clean(u.Code), vntext.Clean(u.Name), vntext.Clean(u.Group)
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
	if c.Lang == "" {
		c.Lang = "vi"
	}
	if c.LogFormat == "" {
		c.LogFormat = "text"
	}
}

// Validate checks the values that would make a run meaningless. The
// criteria table's own consistency is campaign.Check's job.
func (c *Config) Validate() error {
	var probs []string
	if c.Lang != "vi" && c.Lang != "en" {
		probs = append(probs, fmt.Sprintf("lang %q (vi|en)", c.Lang))
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		probs = append(probs, fmt.Sprintf("log_format %q (text|json)", c.LogFormat))
	}
	if c.DeadlineDays < 0 {
		probs = append(probs, fmt.Sprintf("deadline_days %d < 0", c.DeadlineDays))
	}
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
	if c.Period != "" {
		if _, err := vntext.ParsePeriod(c.Period); err != nil {
			probs = append(probs, "period: "+err.Error())
		}
	}
	if len(probs) > 0 {
		return errors.New(strings.Join(probs, "; "))
	}
	return nil
}
