package form_test

import (
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
}

// FuzzReadBytes: form.ReadBytes never panics, never hangs and always
// answers with either an error diagnostic or a readable submission, whatever
// the bytes. A panic the reader recovers from is still a failure here: it
// is reported as TD106 with a Go runtime error, which this target rejects.
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
		for _, d := range s.Diags {
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
