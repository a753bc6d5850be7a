package docx

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/thidua/thidua/internal/reporttest"
	"github.com/thidua/thidua/pkg/report"
	"github.com/thidua/thidua/pkg/score"
)

// TestRenderSamples writes sample documents when THIDUA_DOCX_SAMPLES names a
// directory (for looking at the layout in Word or LibreOffice); it does
// nothing otherwise.
func TestRenderSamples(t *testing.T) {
	dir := os.Getenv("THIDUA_DOCX_SAMPLES")
	if dir == "" {
		t.Skip("set THIDUA_DOCX_SAMPLES=DIR to write sample documents")
	}
	write := func(name string, r *score.Result, m report.Meta) {
		if err := os.WriteFile(filepath.Join(dir, name), render(t, r, m), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("result.docx", reporttest.Result(), meta())
	write("year.docx", reporttest.Year(), meta())
	sheets := meta()
	sheets.UnitSheets = true
	write("sheets.docx", reporttest.Result(), sheets)
	write("u200.docx", many(200), meta())
	write("u30.docx", many(30), meta())
}
