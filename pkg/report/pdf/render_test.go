package pdf

import (
	"os"
	"testing"

	"github.com/thidua/thidua/pkg/report"
)

// TestRenderSamples writes sample PDFs when THIDUA_PDF_SAMPLES names a
// directory (for looking at the layout); it does nothing otherwise.
func TestRenderSamples(t *testing.T) {
	dir := os.Getenv("THIDUA_PDF_SAMPLES")
	if dir == "" {
		t.Skip("set THIDUA_PDF_SAMPLES=DIR to write sample reports")
	}
	write := func(name string, o report.Meta, n int) {
		res := realistic(t)
		if n > 0 {
			res = synthetic(t, n)
		}
		if n < 0 {
			res.Units[0].Name = "Tổ công tác 😀 中 Việt"
		}
		f, err := os.Create(dir + "/" + name)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		ds, err := Write(f, res, o)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range ds {
			t.Log(d.Line("vi"))
		}
	}
	o := opts()
	write("realistic.pdf", o, 0)
	o.UnitSheets = true
	o.Number = "15"
	write("sheets.pdf", o, 0)
	write("u200.pdf", opts(), 200)
	write("u30.pdf", opts(), 30)
	write("emoji.pdf", opts(), -1)
}
