package form_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/thidua/thidua/pkg/diag"
	"github.com/thidua/thidua/pkg/form"
)

// fuzzSeeds are the committed fixtures the reader fuzz starts from: real
// xlsx, xls and broken files, kept small so the fuzzer mutates quickly.
var fuzzSeeds = []string{
	"forms/good-template.xlsx", "forms/good-openpyxl.xlsx", "forms/good-libreoffice.xls",
	"forms/messy-layout.xlsx", "forms/tcvn3.xlsx", "forms/truncated.xlsx", "forms/not-a-spreadsheet.xlsx",
	"forms/~$good-template.xlsx",
	"corpus/xlsx-inside-zip.xlsx", "corpus/zip-duplicate-entries.xlsx", "corpus/external-link.xlsx",
	"corpus/formula-self-ref.xlsx", "corpus/password.xlsx", "corpus/excel95.xls",
	"corpus/sheet-cut-mid-row.xlsx", "corpus/info-malformed.xlsx", "corpus/boolean-score.xlsx", "corpus/spreadsheet.ods",
	"corpus/unknown-codes-many.xlsx",
}

// FuzzReadBytes: form.ReadBytes never panics, never hangs and always
// answers with either an error diagnostic or a readable submission, whatever
// the bytes. A panic the reader recovers from is still a failure here: it
// is reported as TD106 with a Go runtime error, which this target rejects.
// Whatever the bytes, the per-form bounds hold: at most
// MaxDiagnosticsPerCode diagnostics of a code (and one TD131 note), at most
// one line per row of the criteria table, no sheet read past MaxSheetRows.
func FuzzReadBytes(f *testing.F) {
	for _, n := range fuzzSeeds {
		data, err := os.ReadFile("../../testdata/" + n)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
	c := defaultCampaign(f)
	rows := c.NewIndex().Rows
	tmp := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		opts := form.ReadOptions{Campaign: c, TmpDir: tmp, MaxFileSize: 1 << 20, UnzipSizeLimit: 8 << 20}
		s := form.ReadBytes(context.Background(), "fuzz.xlsx", data, opts)
		if s == nil {
			t.Fatal("nil submission")
		}
		if s.Size != int64(len(data)) || len(s.SHA256) != 64 {
			t.Fatalf("size %d sha %q for %d bytes", s.Size, s.SHA256, len(data))
		}
		perCode := map[string]int{}
		for _, d := range s.Diags {
			if perCode[d.Code]++; perCode[d.Code] > form.MaxDiagnosticsPerCode || d.Code == "TD131" && perCode[d.Code] > 1 {
				t.Fatalf("%d diagnostics %s, cap %d", perCode[d.Code], d.Code, form.MaxDiagnosticsPerCode)
			}
			if d.File != "fuzz.xlsx" {
				t.Fatalf("diagnostic without the file: %+v", d)
			}
			if d.Code == "" || diag.SeverityOf(d.Code) != d.Severity {
				t.Fatalf("unregistered diagnostic %+v", d)
			}
			if d.Code == "TD106" && strings.Contains(fmt.Sprint(d.Args...), "runtime error") {
				t.Fatalf("reader panicked: %v", d.Args)
			}
			_ = d.Message("vi")
		}
		if len(s.Lines) > len(rows) {
			t.Fatalf("%d lines for a table of %d rows", len(s.Lines), len(rows))
		}
		for _, ln := range s.Lines {
			if ln.Row < 1 || ln.Row > 1048576 {
				t.Fatalf("line %s on row %d", ln.Code, ln.Row)
			}
		}
		if !s.Diags.HasErrors() {
			seen := map[string]bool{}
			for _, ln := range s.Lines {
				if seen[ln.Code] {
					t.Fatalf("code %s twice in a valid submission", ln.Code)
				}
				seen[ln.Code] = true
			}
		}
		entries, _ := os.ReadDir(tmp)
		if len(entries) != 0 {
			t.Fatalf("temporary files left behind: %d", len(entries))
		}
	})
}

// FuzzSheetXML fuzzes the XML of the scoring sheet inside a valid package
// (FuzzReadBytes mostly breaks the zip): the reader's own XML parsing
// never panics, and the per-form bounds hold whatever the sheet says.
func FuzzSheetXML(f *testing.F) {
	c := defaultCampaign(f)
	form0 := corpusForm(c)
	form0.Layout.Template = true
	pkg := mustForm(f, form0)
	var sheet []byte
	rezip(f, pkg, func(n string, d []byte) []byte {
		if n == scoreSheetPart {
			sheet = d
		}
		return d
	})
	f.Add(sheet)
	f.Add(sheet[:len(sheet)/2])
	f.Add([]byte(`<worksheet><sheetData><row r="3"><c r="A3" t="s"><v>0</v></c><c r="B3" t="b"><v>1</v></c></row><row r="2"/></sheetData></worksheet>`))
	f.Add(append(bytes.Replace(sheet, []byte("</sheetData>"), oneCellRows(1000, 1200, "A", func(i int) string { return fmt.Sprint("9.", i) }), 1), "</sheetData></worksheet>"...))
	rows := c.NewIndex().Rows
	f.Fuzz(func(t *testing.T, xml []byte) {
		data := writeZip(t, rezip(t, pkg, func(n string, d []byte) []byte {
			if n == scoreSheetPart {
				return xml
			}
			return d
		}))
		s := form.ReadBytes(context.Background(), "fuzz.xlsx", data, form.ReadOptions{Campaign: c})
		perCode := map[string]int{}
		for _, d := range s.Diags {
			if perCode[d.Code]++; perCode[d.Code] > form.MaxDiagnosticsPerCode {
				t.Fatalf("%d diagnostics %s", perCode[d.Code], d.Code)
			}
			if d.Code == "TD106" && strings.Contains(fmt.Sprint(d.Args...), "runtime error") {
				t.Fatalf("reader panicked: %v", d.Args)
			}
		}
		if len(s.Lines) > len(rows) {
			t.Fatalf("%d lines for a table of %d rows", len(s.Lines), len(rows))
		}
	})
}
