package main

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/xuri/excelize/v2"
	"gopkg.in/yaml.v3"

	"github.com/thidua/thidua/pkg/campaign"
	"github.com/thidua/thidua/pkg/cli"
	"github.com/thidua/thidua/pkg/form/formtest"
	"github.com/thidua/thidua/pkg/report/jsonout"
	"github.com/thidua/thidua/templates"
)

// TestMain lets testscript run the real command line as "thidua".
func TestMain(m *testing.M) {
	if os.Getenv("THIDUA_TEST_AS_MAIN") == "1" {
		os.Exit(cli.Main(os.Args[1:], cli.System()))
	}
	testscript.Main(m, map[string]func(){
		"thidua": func() { os.Exit(cli.Main(os.Args[1:], cli.System())) },
	})
}

// TestScripts runs the end-to-end scenarios in testdata/script.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 filepath.Join("..", "..", "testdata", "script"),
		RequireExplicitExec: false,
		Setup: func(env *testscript.Env) error {
			root, err := filepath.Abs(filepath.Join("..", ".."))
			if err != nil {
				return err
			}
			env.Setenv("TESTDATA", filepath.Join(root, "testdata"))
			// Keep the user's own config out of the tests.
			env.Setenv("XDG_CONFIG_HOME", filepath.Join(env.WorkDir, ".config"))
			env.Setenv("HOME", env.WorkDir)
			return nil
		},
		Condition: func(cond string) (bool, error) {
			switch cond {
			case "root":
				return os.Geteuid() == 0, nil
			}
			return false, fmt.Errorf("unknown condition %q", cond)
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"cpfixture":  cmdCpFixture,
			"xlsxcells":  cmdXlsxCells,
			"zipentry":   cmdZipEntry,
			"sha256eq":   cmdSameBytes,
			"status":     cmdStatus,
			"mkform":     cmdMkForm,
			"resultsum":  cmdResultSum,
			"setreview":  cmdSetReview,
			"zipgrep":    cmdZipGrep,
			"jsonlines":  cmdJSONLines,
			"samestatus": cmdSameStatus,
			"dropsheet":  cmdDropSheet,
			"setcells":   cmdSetCells,
		},
	})
}

// cpfixture SRC... DIR copies files from $TESTDATA (relative) into DIR.
func cmdCpFixture(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 2 {
		ts.Fatalf("usage: cpfixture SRC... DIR")
	}
	dir := ts.MkAbs(args[len(args)-1])
	ts.Check(os.MkdirAll(dir, 0o755))
	for _, src := range args[:len(args)-1] {
		data, err := os.ReadFile(filepath.Join(ts.Getenv("TESTDATA"), src))
		ts.Check(err)
		ts.Check(os.WriteFile(filepath.Join(dir, filepath.Base(src)), data, 0o644))
	}
}

// xlsxcells FILE SHEET prints every non-empty cell of the sheet as
// "A1=value" lines on stdout, so scripts can check a workbook's cells.
func cmdXlsxCells(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: xlsxcells FILE SHEET")
	}
	f, err := excelize.OpenFile(ts.MkAbs(args[0]))
	ts.Check(err)
	defer f.Close()
	rows, err := f.GetRows(args[1])
	if err != nil {
		if neg {
			return
		}
		ts.Fatalf("%v", err)
	}
	var b strings.Builder
	for r, row := range rows {
		for c, v := range row {
			if v == "" {
				continue
			}
			ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
			fmt.Fprintf(&b, "%s=%s\n", ref, v)
		}
	}
	ts.Stdout().Write([]byte(b.String()))
}

// zipentry FILE NAME... succeeds when the zip holds every named entry.
func cmdZipEntry(ts *testscript.TestScript, neg bool, args []string) {
	zr, err := zip.OpenReader(ts.MkAbs(args[0]))
	ts.Check(err)
	defer zr.Close()
	have := map[string]bool{}
	for _, f := range zr.File {
		have[f.Name] = true
	}
	for _, n := range args[1:] {
		if have[n] == neg {
			names := make([]string, 0, len(have))
			for k := range have {
				names = append(names, k)
			}
			sort.Strings(names)
			ts.Fatalf("zip entry %s present=%v; entries: %v", n, have[n], names)
		}
	}
}

// sha256eq A B succeeds when the two files have the same bytes.
func cmdSameBytes(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: sha256eq A B")
	}
	a, err := os.ReadFile(ts.MkAbs(args[0]))
	ts.Check(err)
	b, err := os.ReadFile(ts.MkAbs(args[1]))
	ts.Check(err)
	if bytes.Equal(a, b) == neg {
		ts.Fatalf("%s and %s: equal=%v", args[0], args[1], !neg)
	}
}

// status CODE PROG ARGS... runs PROG like exec and fails unless it exits
// with CODE; its stdout and stderr are then checked with stdout/stderr.
func cmdStatus(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 2 {
		ts.Fatalf("usage: status CODE PROG ARGS...")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	runErr := ts.Exec(args[1], args[2:]...)
	got := 0
	if runErr != nil {
		var ee *exec.ExitError
		if !errors.As(runErr, &ee) {
			ts.Fatalf("%s: %v", args[1], runErr)
		}
		got = ee.ExitCode()
	}
	if (got == want) == neg {
		ts.Fatalf("%s exited %d, want %d", args[1], got, want)
	}
}

// mkform FILE [unit=NAME] [code=C] [period=P] [date=YYYY-MM-DD] [full]
// [s:CODE=V]... [r:CODE=V]... [t:CODE=TEXT]... [hand] [font=F] [nfd]
// writes a filled form for the embedded default campaign: "full" starts
// from the maximum on every content leaf (base 100) and 0 on bonus and
// deduction items; s: sets a self-score, r: a review score, t: a self-score
// typed as text ("8,5"); "hand" makes a hand-made form instead of the
// template's.
func cmdMkForm(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 1 {
		ts.Fatalf("usage: mkform FILE [key=value]...")
	}
	c := defaultCampaign(ts)
	f := formtest.Form{Campaign: c, Period: "Quý III/2026", Self: formtest.Scores{}, Review: formtest.Scores{}, Layout: formtest.Layout{Template: true}}
	for _, a := range args[1:] {
		k, v, _ := strings.Cut(a, "=")
		switch {
		case k == "unit":
			f.Unit = v
		case k == "code":
			f.UnitCode = v
		case k == "period":
			f.Period = v
		case k == "date":
			d, err := time.Parse("2006-01-02", v)
			ts.Check(err)
			f.Date = d
		case k == "full":
			for code, cell := range formtest.Full(c) {
				f.Self[code] = cell
			}
		case k == "hand":
			f.Layout.Template = false
		case k == "font":
			f.Layout.Font = v
			f.Layout.Template = false
		case k == "campaign":
			f.CampaignCode = v
		case k == "nfd":
			f.Layout.NFD = true
			f.Layout.Template = false
		case strings.HasPrefix(k, "s:"):
			f.Self[k[2:]] = formtest.Num(v)
		case strings.HasPrefix(k, "t:"):
			f.Self[k[2:]] = formtest.Text(v)
		case strings.HasPrefix(k, "r:"):
			f.Review[k[2:]] = formtest.Num(v)
		default:
			ts.Fatalf("mkform: unknown argument %q", a)
		}
	}
	path := ts.MkAbs(args[0])
	ts.Check(os.MkdirAll(filepath.Dir(path), 0o755))
	ts.Check(formtest.WriteFile(path, f))
}

func defaultCampaign(ts *testscript.TestScript) *campaign.Campaign {
	c, err := loadDefaultCampaign()
	ts.Check(err)
	return c
}

func campaignForTest(t *testing.T) *campaign.Campaign {
	c, err := loadDefaultCampaign()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func loadDefaultCampaign() (*campaign.Campaign, error) {
	var cfg struct {
		Campaign campaign.Campaign `yaml:"campaign"`
	}
	err := yaml.Unmarshal(templates.DefaultConfig, &cfg)
	return &cfg.Campaign, err
}

// resultsum FILE prints a thidua.report/v1 JSON result compactly for cmp:
// one line per unit (rank code total band flags), the missing units, every
// file with its status and diagnostic codes, and the summary.
func cmdResultSum(ts *testscript.TestScript, neg bool, args []string) {
	var rep jsonout.Report
	ts.Check(json.Unmarshal([]byte(ts.ReadFile(args[0])), &rep))
	var b strings.Builder
	fmt.Fprintf(&b, "period %s %s\n", rep.Period.Code, rep.Period.Label)
	for _, u := range rep.Units {
		fmt.Fprintf(&b, "unit %d %s total=%s base=%s bonus=%s deduction=%s band=%s group_rank=%d late=%v reviewed=%v flags=%s\n",
			u.Rank, u.Code, num(u.Total), num(u.Base), num(u.Bonus), num(u.Deduction), u.Band, u.GroupRank, u.Late, u.Reviewed, strings.Join(u.Flags, ","))
	}
	for _, m := range rep.Missing {
		fmt.Fprintf(&b, "missing %s %s\n", m.Code, m.Name)
	}
	for _, f := range rep.Files {
		var codes []string
		for _, d := range f.Diagnostics {
			if d.Severity != "note" {
				codes = append(codes, d.Code)
			}
		}
		sort.Strings(codes)
		fmt.Fprintf(&b, "file %s %s unit=%s %s\n", filepath.ToSlash(f.Path), f.Status, f.Unit, strings.Join(uniq(codes), ","))
	}
	for _, c := range rep.ReviewChanges {
		fmt.Fprintf(&b, "change %s %s %s -> %s%s\n", c.Unit, c.Code, nump(c.Old), num(c.New), reasonSuffix(c.Reason))
	}
	sm := rep.Summary
	fmt.Fprintf(&b, "summary files=%d scored=%d rejected=%d skipped=%d duplicates=%d missing=%d late=%d average=%s\n",
		sm.Files, sm.Scored, sm.Rejected, sm.Skipped, sm.Duplicates, sm.Missing, sm.Late, num(sm.Average))
	ts.Stdout().Write([]byte(b.String()))
}

func num(n jsonout.Number) string { return campaign.Points(n).String() }

func nump(n *jsonout.Number) string {
	if n == nil {
		return "-"
	}
	return num(*n)
}

func uniq(s []string) []string {
	var out []string
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}

// setreview FILE UNIT CODE VALUE types VALUE into the "Thẩm định" cell of
// the council's sheet for the unit and row code, as a council member would.
func cmdSetReview(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 4 && len(args) != 5 {
		ts.Fatalf("usage: setreview FILE UNIT CODE VALUE [REASON]")
	}
	path := ts.MkAbs(args[0])
	f, err := excelize.OpenFile(path)
	ts.Check(err)
	defer f.Close()
	rows, err := f.GetRows("Thẩm định")
	ts.Check(err)
	hdr, unitCol, codeCol, revCol := -1, -1, -1, -1
	for i, row := range rows {
		for j, v := range row {
			switch v {
			case "Mã đơn vị":
				unitCol = j
			case "Mã":
				codeCol = j
			case "Thẩm định":
				revCol = j
			}
		}
		if unitCol >= 0 && codeCol >= 0 && revCol >= 0 {
			hdr = i
			break
		}
	}
	if hdr < 0 {
		ts.Fatalf("no review header in %s", args[0])
	}
	for i := hdr + 1; i < len(rows); i++ {
		row := rows[i]
		if len(row) > codeCol && row[unitCol] == args[1] && row[codeCol] == args[2] {
			ref, _ := excelize.CoordinatesToCellName(revCol+1, i+1)
			v, err := strconv.ParseFloat(args[3], 64)
			ts.Check(err)
			ts.Check(f.SetCellFloat("Thẩm định", ref, v, -1, 64))
			if len(args) == 5 {
				note, _ := excelize.CoordinatesToCellName(revCol+2, i+1)
				ts.Check(f.SetCellStr("Thẩm định", note, args[4]))
			}
			ts.Check(f.Save())
			return
		}
	}
	ts.Fatalf("no row for unit %s code %s", args[1], args[2])
}

// zipgrep FILE REGEXP succeeds when some entry of the zip (an xlsx) matches
// REGEXP, printing "entry: match" lines.
func cmdZipGrep(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: zipgrep FILE REGEXP")
	}
	re, err := regexp.Compile(args[1])
	ts.Check(err)
	zr, err := zip.OpenReader(ts.MkAbs(args[0]))
	ts.Check(err)
	defer zr.Close()
	found := false
	for _, f := range zr.File {
		rc, err := f.Open()
		ts.Check(err)
		data, err := io.ReadAll(rc)
		rc.Close()
		ts.Check(err)
		for _, m := range re.FindAll(data, -1) {
			found = true
			fmt.Fprintf(ts.Stdout(), "%s: %s\n", f.Name, m)
		}
	}
	if found == neg {
		ts.Fatalf("zipgrep %s %q: found=%v", args[0], args[1], found)
	}
}

// jsonlines FILE fails unless every line of FILE is one JSON object with
// "level" and "msg".
func cmdJSONLines(ts *testscript.TestScript, neg bool, args []string) {
	data := ts.ReadFile(args[0])
	n := 0
	for _, line := range strings.Split(strings.TrimRight(data, "\n"), "\n") {
		if line == "" {
			ts.Fatalf("empty line in %s", args[0])
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			ts.Fatalf("not JSON: %q: %v", line, err)
		}
		if _, ok := m["level"]; !ok {
			ts.Fatalf("no level: %q", line)
		}
		if _, ok := m["msg"]; !ok {
			ts.Fatalf("no msg: %q", line)
		}
		n++
	}
	fmt.Fprintf(ts.Stdout(), "%d JSON lines\n", n)
}

// samestatus VALIDATE.json REPORT.json checks that validate --json and
// report's JSON give every file the same status and unit.
func cmdSameStatus(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: samestatus VALIDATE.json REPORT.json")
	}
	type file struct{ Path, Status, Unit string }
	read := func(name string) map[string]file {
		var doc struct{ Files []file }
		data, err := os.ReadFile(ts.MkAbs(name))
		ts.Check(err)
		ts.Check(json.Unmarshal(data, &doc))
		out := map[string]file{}
		for _, f := range doc.Files {
			out[f.Path] = f
		}
		return out
	}
	v, r := read(args[0]), read(args[1])
	if len(v) != len(r) {
		ts.Fatalf("validate lists %d files, report %d", len(v), len(r))
	}
	for p, fv := range v {
		if fr, ok := r[p]; !ok || fr.Status != fv.Status || fr.Unit != fv.Unit {
			ts.Fatalf("%s: validate %s/%s, report %s/%s", p, fv.Status, fv.Unit, fr.Status, fr.Unit)
		}
	}
}

func reasonSuffix(r string) string {
	if r == "" {
		return ""
	}
	return " (" + r + ")"
}

// dropsheet FILE SHEET deletes a sheet from a workbook (a review workbook
// made by hand has no hidden _thidua sheet).
func cmdDropSheet(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: dropsheet FILE SHEET")
	}
	f, err := excelize.OpenFile(ts.MkAbs(args[0]))
	ts.Check(err)
	defer f.Close()
	ts.Check(f.DeleteSheet(args[1]))
	ts.Check(f.Save())
}

// setcells FILE SHEET CELL=VALUE... fills cells of a workbook as a unit
// would type them: a number where the value reads as one, else text.
func cmdSetCells(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 3 {
		ts.Fatalf("usage: setcells FILE SHEET CELL=VALUE...")
	}
	f, err := excelize.OpenFile(ts.MkAbs(args[0]))
	ts.Check(err)
	defer f.Close()
	for _, a := range args[2:] {
		cell, v, ok := strings.Cut(a, "=")
		if !ok {
			ts.Fatalf("setcells: %q is not CELL=VALUE", a)
		}
		if n, err := strconv.ParseFloat(v, 64); err == nil {
			ts.Check(f.SetCellFloat(args[1], cell, n, -1, 64))
		} else {
			ts.Check(f.SetCellStr(args[1], cell, v))
		}
	}
	ts.Check(f.Save())
}
