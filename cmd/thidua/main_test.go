package main

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/xuri/excelize/v2"

	"github.com/thidua/thidua/pkg/cli"
)

// TestMain lets testscript run the real command line as "thidua".
func TestMain(m *testing.M) {
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
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"cpfixture": cmdCpFixture,
			"xlsxcells": cmdXlsxCells,
			"zipentry":  cmdZipEntry,
			"sha256eq":  cmdSameBytes,
			"status":    cmdStatus,
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
