package form_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/thidua/thidua/pkg/campaign"
	"github.com/thidua/thidua/pkg/diag"
	"github.com/thidua/thidua/pkg/form"
	"github.com/thidua/thidua/pkg/submission"
)

// Hostile forms too big to commit are built here, at run time: a few
// megabytes of zip that unpack to tens of megabytes of XML. Each must be
// read within the per-form bounds (limits.go) whatever it holds; the bound
// is asserted on memory (runtime.MemStats), never on wall-clock time.

// scoreSheetPart is the part of the template's "Chấm điểm" sheet.
const scoreSheetPart = "xl/worksheets/sheet2.xml"

// editScoreSheet returns a good template form whose scoring sheet's XML is
// changed by edit.
func editScoreSheet(t testing.TB, c *campaign.Campaign, edit func(xml []byte) []byte) []byte {
	t.Helper()
	return templatePart(t, c, scoreSheetPart, func(d []byte) []byte {
		if !bytes.Contains(d, []byte("<f>")) {
			t.Fatal("sheet2.xml is not the scoring sheet")
		}
		return edit(d)
	})
}

// appendRows puts rows (XML) at the end of the scoring sheet's data.
func appendRows(rows []byte) func([]byte) []byte {
	return func(d []byte) []byte {
		at := bytes.LastIndex(d, []byte("</sheetData>"))
		out := make([]byte, 0, len(d)+len(rows))
		return append(append(append(out, d[:at]...), rows...), d[at:]...)
	}
}

// oneCellRows is n rows from row `from` on, each with one cell in column
// col holding what val gives: an inline string, or the number 1 when val
// is nil.
func oneCellRows(from, n int, col string, val func(i int) string) []byte {
	b := make([]byte, 0, n*48)
	for i := 0; i < n; i++ {
		r := strconv.AppendInt(nil, int64(from+i), 10)
		b = append(b, `<row r="`...)
		b = append(b, r...)
		b = append(b, `"><c r="`+col...)
		b = append(b, r...)
		if val == nil {
			b = append(b, `"><v>1</v></c></row>`...)
			continue
		}
		b = append(b, `" t="inlineStr"><is><t>`...)
		b = append(b, val(i)...)
		b = append(b, `</t></is></c></row>`...)
	}
	return b
}

// readMeasured reads data from a file, as `thidua report` does, and
// returns the submission, the bytes allocated while reading
// (runtime.MemStats.TotalAlloc) and the largest heap seen.
func readMeasured(t testing.TB, c *campaign.Campaign, name string, data []byte) (s *submission.Submission, total, peak uint64) {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	base := before.HeapAlloc
	peak = peakHeap(func() {
		s = form.Read(context.Background(), p, form.ReadOptions{Campaign: c})
	})
	runtime.ReadMemStats(&after)
	if peak > base {
		peak -= base
	} else {
		peak = 0
	}
	return s, after.TotalAlloc - before.TotalAlloc, peak
}

// hostileCase is a form built at run time and what reading it must give.
type hostileCase struct {
	name   string
	make   func(t testing.TB, c *campaign.Campaign) []byte
	status string
	code   string
}

// hostileCases are the forms of issue 14 that a small zip makes costly.
func hostileCases() []hostileCase {
	return []hostileCase{
		// 1,000,000 one-cell rows after the table (5 MB zipped, 40 MB of
		// XML): once the table is read, the rest is ignored.
		{"million-rows-past-table", func(t testing.TB, c *campaign.Campaign) []byte {
			return editScoreSheet(t, c, appendRows(oneCellRows(1000, 1000000, "A", nil)))
		}, warned, "TD221"},
		// 400,000 rows of unknown codes after the table: 400,000 TD208 and
		// 58 MB of messages before; now a thousand rows are looked at and
		// fifty warnings listed.
		{"unknown-codes-past-table", func(t testing.TB, c *campaign.Campaign) []byte {
			return editScoreSheet(t, c, appendRows(oneCellRows(1000, 400000, "A", func(i int) string { return "9." + strconv.Itoa(i) })))
		}, warned, "TD131"},
		// The same million rows in a form missing a row of its table:
		// reading stops before the table is complete, the form is refused.
		{"million-rows-table-incomplete", func(t testing.TB, c *campaign.Campaign) []byte {
			return editScoreSheet(t, c, func(d []byte) []byte {
				d = regexp.MustCompile(`<row r="9"[ >].*?</row>`).ReplaceAll(d, nil) // criterion 1.2
				return appendRows(oneCellRows(1000, 1000000, "B", nil))(d)
			})
		}, reject, "TD220"},
		// 300,000 shared strings.
		{"shared-strings", func(t testing.TB, c *campaign.Campaign) []byte {
			f := corpusForm(c)
			f.Layout.Template = true
			var sst bytes.Buffer
			sst.WriteString(`<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
			for i := 0; i < 300000; i++ {
				fmt.Fprintf(&sst, "<si><t>%d</t></si>", i)
			}
			sst.WriteString("</sst>")
			return writeZip(t, rezip(t, mustForm(t, f), func(n string, d []byte) []byte {
				if n == "xl/sharedStrings.xml" {
					return sst.Bytes()
				}
				return d
			}))
		}, reject, "TD129"},
		// 30 MB of column definitions before the sheet's data.
		{"xml-before-data", func(t testing.TB, c *campaign.Campaign) []byte {
			return editScoreSheet(t, c, func(d []byte) []byte {
				at := bytes.Index(d, []byte("<sheetData"))
				junk := bytes.Repeat([]byte(`<sheetFormatPr defaultRowHeight="15"/>`), 30<<20/38)
				return append(append(append([]byte{}, d[:at]...), junk...), d[at:]...)
			})
		}, reject, "TD130"},
		// One cell of 4 MB of text.
		{"huge-cell", func(t testing.TB, c *campaign.Campaign) []byte {
			return editScoreSheet(t, c, appendRows(oneCellRows(1000, 1, "B", func(int) string { return strings.Repeat("a", 4<<20) })))
		}, reject, "TD120"},
		// Elements nested a million deep inside a row.
		{"deep-row", func(t testing.TB, c *campaign.Campaign) []byte {
			return editScoreSheet(t, c, appendRows([]byte(`<row r="1000">`+strings.Repeat("<x>", 1000000)+strings.Repeat("</x>", 1000000)+`</row>`)))
		}, reject, "TD120"},
		// 200,000 cells after the table sharing one 30,000-character text
		// (6 GB of text if each cell had its own copy).
		{"shared-text-bomb", func(t testing.TB, c *campaign.Campaign) []byte {
			f := corpusForm(c)
			f.Layout.Template = true
			big := strings.Repeat("Nội dung rất dài ", 1800)
			b := mustForm(t, f)
			var n int
			parts := rezip(t, b, func(name string, d []byte) []byte {
				if name == "xl/sharedStrings.xml" {
					n = bytes.Count(d, []byte("<si>"))
					return bytes.Replace(d, []byte("</sst>"), []byte("<si><t>"+big+"</t></si></sst>"), 1)
				}
				return d
			})
			rows := make([]byte, 0, 200000*60)
			for r := 1000; r < 1000+200000/8; r++ {
				rows = append(rows, `<row r="`+strconv.Itoa(r)+`">`...)
				for col := 'A'; col < 'A'+8; col++ {
					rows = append(rows, `<c r="`+string(col)+strconv.Itoa(r)+`" t="s"><v>`+strconv.Itoa(n)+`</v></c>`...)
				}
				rows = append(rows, "</row>"...)
			}
			for i := range parts {
				if parts[i].name == scoreSheetPart {
					parts[i].data = appendRows(rows)(parts[i].data)
				}
			}
			return writeZip(t, parts)
		}, warned, "TD221"},
		// 2,000 sheets.
		{"many-sheets", func(t testing.TB, c *campaign.Campaign) []byte { return manySheets(t, c, 2000, true) }, reject, "TD130"},
		// 900 sheets and none named like the scoring sheet: each is looked
		// at for a header row.
		{"many-sheets-searched", func(t testing.TB, c *campaign.Campaign) []byte { return manySheets(t, c, 900, false) }, reject, "TD107"},
		// A sheet of 3.5 MB (rows of long text after the table) whose score
		// cell holds a formula only excelize calculates: the largest sheet
		// excelize is given (MaxCalcPackage).
		{"calc-big-sheet", func(t testing.TB, c *campaign.Campaign) []byte {
			l := form.TemplateLayout(c)
			col := colName(l.Cols[form.ColSelf])
			return editScoreSheet(t, c, func(d []byte) []byte {
				d = setFormula(t, d, fmt.Sprintf("%s%d", col, l.Rows["1.2"]), "2*3")
				return appendRows(oneCellRows(1000, 700, "H", func(int) string { return strings.Repeat("Minh chứng ", 360) }))(d)
			})
		}, ok, ""},
		// A form with 30 MB of pictures: the largest file read
		// (DefaultMaxFileSize); pictures are never parsed.
		{"largest-file", func(t testing.TB, c *campaign.Campaign) []byte {
			f := corpusForm(c)
			f.Layout.Template = true
			noise := make([]byte, 30<<20)
			rng := rand.New(rand.NewPCG(1, 2))
			for i := 0; i+8 <= len(noise); i += 8 {
				binary.LittleEndian.PutUint64(noise[i:], rng.Uint64())
			}
			return writeZip(t, rezip(t, mustForm(t, f), nil, zipPart{name: "xl/media/image1.jpeg", data: noise}))
		}, ok, ""},
		// A formula chain 5,300 cells long below the table: the sheet ends
		// in 5,000 empty rows (formulas without values), so formulas are
		// not looked up; the score cell referring to it says so.
		{"formula-chain-cut", func(t testing.TB, c *campaign.Campaign) []byte { return formulaChain(t, c, 5300) }, warned, "TD223"},
		// The same chain 1,000 long, read whole: too deep to calculate.
		{"formula-chain-deep", func(t testing.TB, c *campaign.Campaign) []byte { return formulaChain(t, c, 1000) }, warned, "TD223"},
	}
}

// manySheets is a workbook of n sheets, each a copy of one small sheet; named
// keeps the form's own sheets among them.
func manySheets(t testing.TB, c *campaign.Campaign, n int, named bool) []byte {
	f := corpusForm(c)
	f.Layout.Template = true
	var sheets, rels, types bytes.Buffer
	for i := 0; i < n; i++ {
		fmt.Fprintf(&sheets, `<sheet name="Trang %d" sheetId="%d" r:id="rIdX%d"/>`, i, 1000+i, i)
		fmt.Fprintf(&rels, `<Relationship Id="rIdX%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/extra%d.xml"/>`, i, i)
		fmt.Fprintf(&types, `<Override PartName="/xl/worksheets/extra%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`, i)
	}
	var extra []zipPart
	page := []byte(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
		string(oneCellRows(1, 30, "A", func(i int) string { return "Ghi chú " + strconv.Itoa(i) })) + `</sheetData></worksheet>`)
	for i := 0; i < n; i++ {
		extra = append(extra, zipPart{name: fmt.Sprintf("xl/worksheets/extra%d.xml", i), data: page})
	}
	parts := rezip(t, mustForm(t, f), func(name string, d []byte) []byte {
		switch name {
		case "xl/workbook.xml":
			if !named {
				d = regexp.MustCompile(`<sheet [^>]*?(/>|></sheet>)`).ReplaceAll(d, nil)
			}
			return bytes.Replace(d, []byte("</sheets>"), append(sheets.Bytes(), "</sheets>"...), 1)
		case "xl/_rels/workbook.xml.rels":
			return bytes.Replace(d, []byte("</Relationships>"), append(rels.Bytes(), "</Relationships>"...), 1)
		case "[Content_Types].xml":
			return bytes.Replace(d, []byte("</Types>"), append(types.Bytes(), "</Types>"...), 1)
		}
		return d
	}, extra...)
	return writeZip(t, parts)
}

// setFormula gives cell ref of a sheet's XML the formula f, without a value.
func setFormula(t testing.TB, d []byte, ref, f string) []byte {
	return replaceCell(t, d, ref, fmt.Sprintf(`<c r="%s"><f>%s</f></c>`, ref, f))
}

// formulaChain is a template form whose 1.2 score is =Z<200+n>, the end of
// a chain of n formulas without values in column Z, each adding 0 to the
// one above.
func formulaChain(t testing.TB, c *campaign.Campaign, n int) []byte {
	const first = 200
	l := form.TemplateLayout(c)
	col := colName(l.Cols[form.ColSelf])
	return editScoreSheet(t, c, func(d []byte) []byte {
		d = setFormula(t, d, fmt.Sprintf("%s%d", col, l.Rows["1.2"]), fmt.Sprintf("Z%d", first+n))
		var rows bytes.Buffer
		fmt.Fprintf(&rows, `<row r="%d"><c r="Z%d"><v>1</v></c></row>`, first, first)
		for r := first + 1; r <= first+n; r++ {
			fmt.Fprintf(&rows, `<row r="%d"><c r="Z%d"><f>Z%d+0</f></c></row>`, r, r, r-1)
		}
		return appendRows(rows.Bytes())(d)
	})
}

// Bounds of one hostile form: the issue asks for 100 MiB at most.
const (
	maxPeakHeap   = 100 << 20
	maxTotalAlloc = 600 << 20
)

// TestHostileBounds reads each hostile form: it gives its diagnostic,
// within the memory bound, and at most MaxDiagnosticsPerCode of each code.
func TestHostileBounds(t *testing.T) {
	if testing.Short() {
		t.Skip("builds forms of tens of megabytes")
	}
	if raceEnabled {
		// It measures memory, which the race detector multiplies; the same
		// reading code runs under it in the other tests and the fuzz seeds.
		t.Skip("memory bounds are not measured under the race detector")
	}
	c := defaultCampaign(t)
	for _, hc := range hostileCases() {
		t.Run(hc.name, func(t *testing.T) {
			data := hc.make(t, c)
			s, total, peak := readMeasured(t, c, hc.name+".xlsx", data)
			checkCase(t, s, hc.status, hc.code)
			t.Logf("%d KB zipped: %d MB allocated, peak heap %d MB, %d diagnostics", len(data)>>10, total>>20, peak>>20, len(s.Diags))
			if peak > maxPeakHeap && !raceEnabled {
				t.Errorf("peak heap %d MB, limit %d MB", peak>>20, maxPeakHeap>>20)
			}
			if total > maxTotalAlloc && !raceEnabled {
				t.Errorf("%d MB allocated, limit %d MB", total>>20, maxTotalAlloc>>20)
			}
			checkDiagCap(t, s.Diags)
		})
	}
}

// checkDiagCap fails when a file has more diagnostics than the cap allows.
func checkDiagCap(t testing.TB, l diag.List) {
	t.Helper()
	n := map[string]int{}
	for _, d := range l {
		if n[d.Code]++; n[d.Code] > form.MaxDiagnosticsPerCode {
			t.Fatalf("more than %d diagnostics %s", form.MaxDiagnosticsPerCode, d.Code)
		}
	}
}

// BenchmarkReadHostile reads each hostile form; with -benchmem it reports
// the bytes allocated per form, and peak-MiB the largest heap seen while
// reading it. docs/SECURITY.md quotes a run.
func BenchmarkReadHostile(b *testing.B) {
	c := defaultCampaign(b)
	for _, hc := range hostileCases() {
		data := hc.make(b, c)
		b.Run(hc.name, func(b *testing.B) {
			b.ReportAllocs()
			var peak uint64
			start := time.Now()
			for i := 0; i < b.N; i++ {
				_, _, p := readMeasured(b, c, hc.name+".xlsx", data)
				peak = max(peak, p)
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-MiB")
			b.ReportMetric(time.Since(start).Seconds()/float64(b.N), "s/form")
		})
	}
}
