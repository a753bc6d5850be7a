package config

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/thidua/thidua/pkg/diag"
	"github.com/thidua/thidua/pkg/vntext"
)

// Type is the kind of value an option takes. Each type has one parser
// (Option.Parse), used alike for a flag, a THIDUA_* variable and a key of
// thidua.yaml, so a value means the same wherever it is written.
type Type int

// The option types.
const (
	String Type = iota // any text
	Path               // a file or directory path
	Bool               // true/false, 1/0, yes/no (case ignored)
	Int                // a whole number ≥ 0
	Date               // YYYY-MM-DD
	Period             // a period code or label: 2026-Q3, "Quý III/2026", 2026-H1, 2026
	Choice             // one of Choices
	List               // comma-separated names out of Choices (at least one)
	Paths              // one or more paths: a repeated flag, a list in thidua.yaml, the OS's path-list separator in THIDUA_*
)

// Option is one run option, declared once: its key in thidua.yaml, its
// THIDUA_* variable, its flag (if any) and on which commands, its type,
// its default and its help. The cobra flags, Load, the environment
// binding, the manual pages and the README's option list all derive from
// Options.
type Option struct {
	Key      string   // key in thidua.yaml, dotted for nested keys ("organization.name")
	Flag     string   // long flag name; "" = no flag (config file and environment only)
	Short    string   // one-letter flag, or ""
	Commands []string // commands that have the flag; nil = every command (a global flag)
	Type     Type
	Choices  []string // the names a Choice or List takes; for "format", see LoadOptions.Formats
	Default  string   // the value when no layer sets one ("" = empty / false / 0)
	Usage    string   // help text: Vietnamese / English
}

// Env returns the option's environment variable: THIDUA_ + the key in upper
// case, dots as underscores (THIDUA_ORGANIZATION_NAME).
func (o Option) Env() string { return EnvName(o.Key) }

// EnvName returns the environment variable of key: THIDUA_LOG_FORMAT.
func EnvName(key string) string {
	return "THIDUA_" + strings.ToUpper(strings.ReplaceAll(key, ".", "_"))
}

// On reports whether command has the option's flag.
func (o Option) On(command string) bool {
	if o.Flag == "" {
		return false
	}
	if o.Commands == nil {
		return true
	}
	for _, c := range o.Commands {
		if c == command {
			return true
		}
	}
	return false
}

// Global reports whether the option's flag is on every command.
func (o Option) Global() bool { return o.Flag != "" && o.Commands == nil }

// Options is the table of run options. Order is the order of help and docs.
var Options = []Option{
	{Key: "lang", Flag: "lang", Type: Choice, Choices: []string{"vi", "en"}, Default: "vi",
		Usage: "ngôn ngữ thông báo: vi|en / message language"},
	{Key: "quiet", Flag: "quiet", Short: "q", Type: Bool,
		Usage: "chỉ in lỗi / print errors only"},
	{Key: "verbose", Flag: "verbose", Short: "v", Type: Bool,
		Usage: "in chi tiết / verbose"},
	{Key: "log_format", Flag: "log-format", Type: Choice, Choices: []string{"text", "json"}, Default: "text",
		Usage: "định dạng nhật ký: text|json / log format"},
	{Key: "output", Flag: "output", Short: "o", Commands: []string{"report"}, Type: Path,
		Usage: "thư mục kết quả (mặc định ./thidua-out/<kỳ>/) / output directory"},
	{Key: "period", Flag: "period", Commands: []string{"report", "validate", "template"}, Type: Period,
		Usage: "kỳ báo cáo: 2026-Q3, 2026-H1, 2026 hoặc \"Quý III/2026\" / period"},
	{Key: "format", Flag: "format", Commands: []string{"report"}, Type: List,
		Usage: "các tệp kết quả / outputs to write"},
	{Key: "review", Flag: "review", Commands: []string{"report"}, Type: Paths,
		Usage: "bảng tổng hợp đã thẩm định (sheet Thẩm định), một tệp cho mỗi kỳ / the council's reviewed workbook, one per period"},
	{Key: "previous", Flag: "previous", Commands: []string{"report"}, Type: Path,
		Usage: "kết quả JSON kỳ trước, để so sánh / an earlier JSON result to compare with"},
	{Key: "date", Flag: "date", Commands: []string{"report"}, Type: Date,
		Usage: "ngày báo cáo YYYY-MM-DD (cố định mọi mốc thời gian trong tệp) / report date"},
	{Key: "number", Flag: "number", Commands: []string{"report"}, Type: String,
		Usage: "số văn bản, ví dụ 15 (để trống cho văn thư điền) / document number"},
	{Key: "strict", Flag: "strict", Commands: []string{"report"}, Type: Bool,
		Usage: "coi cảnh báo là vấn đề (mã thoát 3) / warnings make exit status 3"},
	{Key: "json", Flag: "json", Commands: []string{"report", "validate"}, Type: Bool,
		Usage: "in kết quả JSON ra stdout / print the JSON result on stdout"},
	{Key: "unit_sheets", Flag: "unit-sheets", Commands: []string{"report"}, Type: Bool,
		Usage: "thêm phụ lục phiếu chấm điểm từng đơn vị vào PDF / append one page per unit to the PDF"},
	{Key: "narrative", Type: Path,
		Usage: "mẫu lời văn báo cáo của riêng bạn / your own narrative template for the PDF"},
	{Key: "deadline_days", Type: Int,
		Usage: "số ngày sau cuối kỳ còn được nộp / days after the period's end before a form is late"},
	{Key: "organization.parent", Type: String, Usage: "cơ quan chủ quản / parent agency"},
	{Key: "organization.name", Type: String, Usage: "cơ quan ban hành / issuing agency"},
	{Key: "organization.abbreviation", Type: String, Usage: "chữ viết tắt trong số ký hiệu / abbreviation in the document code"},
	{Key: "organization.place", Type: String, Usage: "địa danh trước ngày tháng / place before the date"},
	{Key: "signer.authority", Type: String, Usage: "quyền hạn ký (KT., TL., TM.) / signing authority"},
	{Key: "signer.title", Type: String, Usage: "chức vụ người ký / signer's title"},
	{Key: "signer.name", Type: String, Usage: "họ và tên người ký / signer's name"},
}

// Lookup returns the option with the key.
func Lookup(key string) (Option, bool) {
	for _, o := range Options {
		if o.Key == key {
			return o, true
		}
	}
	return Option{}, false
}

// Source says which layer a value came from.
type Source int

// The layers, highest first.
const (
	FromFlag Source = iota
	FromEnv
	FromFile
	FromDefault
)

// ValueError is a bad option value. Where names the place it was written
// ("--date", "THIDUA_DATE", "thidua.yaml:12"), so that the user can find
// it; Source says whether it came from the command line or the
// environment (a usage error) or from a configuration file (a bad
// configuration).
type ValueError struct {
	Source Source
	Where  string
	Key    string
	Value  string
	Want   string
}

func (e *ValueError) err() *diag.Err {
	return diag.Errorf("err.option.value", e.Where, e.Value, e.Key, e.Want)
}

// Error returns the message in Vietnamese.
func (e *ValueError) Error() string { return e.err().Error() }

// Unwrap gives the catalog error, so the message can be printed in the
// user's language.
func (e *ValueError) Unwrap() error { return e.err() }

// Usage reports whether the value was given on the command line or in the
// environment (exit status 2) rather than in a configuration file.
func (e *ValueError) Usage() bool { return e.Source == FromFlag || e.Source == FromEnv }

// ParseBool reads a boolean: true/false, 1/0, yes/no, on/off (case and
// surrounding spaces ignored). It is the one boolean parser of flags,
// THIDUA_* variables and thidua.yaml.
func ParseBool(s string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true", "1", "yes", "on", "t", "y":
		return true, nil
	case "false", "0", "no", "off", "f", "n":
		return false, nil
	}
	return false, fmt.Errorf("not a boolean: %q", s)
}

// ParseDate reads a report date YYYY-MM-DD.
func ParseDate(s string) (time.Time, error) {
	return time.Parse("2006-01-02", strings.TrimSpace(s))
}

// want describes the values the option takes, for error messages.
func (o Option) want(formats []string) string {
	switch o.Type {
	case Bool:
		return "true/false, 1/0, yes/no"
	case Int:
		return "số nguyên ≥ 0 / a whole number ≥ 0"
	case Date:
		return "YYYY-MM-DD"
	case Period:
		return "2026-Q3, 2026-H1, 2026, \"Quý III/2026\""
	case Choice:
		return strings.Join(o.Choices, "|")
	case List:
		return strings.Join(o.choices(formats), ",")
	case Paths:
		return "paths"
	}
	return "text"
}

func (o Option) choices(formats []string) []string {
	if o.Key == "format" {
		return formats
	}
	return o.Choices
}

// parse checks and converts a raw value; the caller adds where it was
// written.
func (o Option) parse(s string, formats []string) (any, error) {
	if strings.TrimSpace(s) == "" && o.Type != List && o.Type != Choice {
		return o.zero(), nil
	}
	switch o.Type {
	case Bool:
		return ParseBool(s)
	case Int:
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 0 {
			return nil, fmt.Errorf("bad int")
		}
		return n, nil
	case Date:
		return ParseDate(s)
	case Period:
		return vntext.ParsePeriod(s)
	case Choice:
		v := strings.ToLower(strings.TrimSpace(s))
		for _, c := range o.Choices {
			if v == c {
				return v, nil
			}
		}
		return nil, fmt.Errorf("not a choice")
	case List:
		return parseList(s, o.choices(formats))
	case Paths:
		var out []string
		for _, p := range strings.Split(s, pathsSep) {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
		return out, nil
	}
	return s, nil
}

// pathsSep joins the values of a Paths option as layered: a newline, which
// no path of a real form holds.
const pathsSep = "\n"

// zero is the value of an option that no layer sets.
func (o Option) zero() any {
	switch o.Type {
	case Bool:
		return false
	case Int:
		return 0
	case Date:
		return time.Time{}
	case Period:
		return vntext.Period{}
	case Paths:
		return []string(nil)
	}
	return ""
}

// parseList reads "xlsx, PDF" into the names in the order of known; a name
// not in known, or no name at all, is an error.
func parseList(s string, known []string) ([]string, error) {
	set := map[string]bool{}
	for _, f := range strings.Split(s, ",") {
		f = strings.ToLower(strings.TrimSpace(f))
		if f == "" {
			continue
		}
		ok := false
		for _, k := range known {
			ok = ok || f == k
		}
		if !ok {
			return nil, fmt.Errorf("unknown %q", f)
		}
		set[f] = true
	}
	var out []string
	for _, k := range known {
		if set[k] {
			out = append(out, k)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("empty")
	}
	return out, nil
}

// raw is one option's value as written, with where it came from.
type raw struct {
	value  string
	source Source
	where  string
}

// layer finds an option's raw value: the flag if the command has it and it
// was set, else the THIDUA_* variable if set, else the file's value
// (fileVals, with its place), else the option's default.
func layer(o Option, flags *pflag.FlagSet, fileVals map[string]raw) raw {
	if flags != nil && o.Flag != "" {
		if f := flags.Lookup(o.Flag); f != nil && f.Changed {
			v := f.Value.String()
			if sv, ok := f.Value.(pflag.SliceValue); ok {
				v = strings.Join(sv.GetSlice(), pathsSep)
			}
			return raw{v, FromFlag, "--" + o.Flag}
		}
	}
	if v, ok := os.LookupEnv(o.Env()); ok && strings.TrimSpace(v) != "" {
		if o.Type == Paths {
			v = strings.Join(filepath.SplitList(v), pathsSep)
		}
		return raw{v, FromEnv, o.Env()}
	}
	if r, ok := fileVals[o.Key]; ok {
		return r
	}
	return raw{o.Default, FromDefault, "(mặc định)"}
}

// Resolve returns one option's value from the command line and the
// environment only (flag > THIDUA_* > default), parsed; formats are the
// names the "format" option takes. It serves what must be known before the
// configuration file is read, such as the language of an error about that
// file, and checks a command line before any work.
func Resolve(key string, flags *pflag.FlagSet, formats []string) (any, error) {
	o, ok := Lookup(key)
	if !ok {
		return nil, fmt.Errorf("no option %q", key)
	}
	r := layer(o, flags, nil)
	if r.source == FromDefault && o.Type == List {
		return formats, nil
	}
	v, err := o.parse(r.value, formats)
	if err != nil {
		return nil, &ValueError{Source: r.source, Where: r.where, Key: o.Key, Value: r.value, Want: o.want(formats)}
	}
	return v, nil
}

// EnvKeys lists the keys that THIDUA_* variables can set, sorted.
func EnvKeys() []string {
	var out []string
	for _, o := range Options {
		out = append(out, o.Key)
	}
	sort.Strings(out)
	return out
}
