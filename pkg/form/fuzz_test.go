package form

import (
	"bytes"
	"errors"
	"io"
	"os"
	"testing"

	"github.com/richardlehane/mscfb"

	"github.com/thidua/thidua/pkg/diag"
)

// workbookStream returns the BIFF8 stream of a committed .xls fixture.
func workbookStream(t testing.TB) []byte {
	data, err := os.ReadFile("../../testdata/forms/good-libreoffice.xls")
	if err != nil {
		t.Fatal(err)
	}
	r, err := mscfb.New(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	for {
		f, err := r.Next()
		if err != nil {
			t.Fatal("no Workbook stream")
		}
		if f.Name == "Workbook" {
			b, err := io.ReadAll(f)
			if err != nil {
				t.Fatal(err)
			}
			return b
		}
	}
}

// FuzzParseBIFF: the .xls reader never panics and never loops, whatever the
// bytes (the reader's own recover is not involved here), and no sheet it
// loads holds more than the per-sheet limits.
func FuzzParseBIFF(f *testing.F) {
	s := workbookStream(f)
	f.Add(s[:2048]) // small seeds: the fuzzer crawls on the 32 KB stream
	f.Add(s[:4096])
	f.Add([]byte{0x09, 0x08, 0x02, 0x00, 0x00, 0x06})
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := parseBIFF(data)
		if err != nil {
			return
		}
		for _, n := range b.sheetNames() {
			g, err := b.load(n, func(diag.Diagnostic) {})
			if errors.Is(err, errBIFFBudget) {
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			cells := 0
			for _, r := range g.rows {
				cells += len(r.cells)
				if len(r.cells) > MaxCols {
					t.Fatalf("row %d: %d columns", r.n, len(r.cells))
				}
			}
			if len(g.rows) > MaxSheetRows || cells > MaxSheetCells {
				t.Fatalf("sheet %s: %d rows, %d cells", n, len(g.rows), cells)
			}
		}
	})
}

// TestParseBIFFFixture reads the fixture's sheets straight from the stream.
func TestParseBIFFFixture(t *testing.T) {
	b, err := parseBIFF(workbookStream(t))
	if err != nil {
		t.Fatal(err)
	}
	names := b.sheetNames()
	if len(names) != 4 || names[0] != SheetInfo || names[1] != SheetScore || !b.hidden(SheetHidden) || b.hidden(SheetScore) {
		t.Fatalf("sheets %q", names)
	}
	g, err := b.load(SheetScore, nil)
	if err != nil {
		t.Fatal(err)
	}
	if h, ok := findHeader(g); !ok || h.cols[ColSelf] != 4 {
		t.Errorf("header %+v", h)
	}
	if b.font(0) == "" {
		t.Error("no font for XF 0")
	}
}
