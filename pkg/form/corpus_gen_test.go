package form_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"flag"
	"fmt"
	"hash/crc32"
	"image"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/thidua/thidua/pkg/campaign"
	"github.com/thidua/thidua/pkg/form"
	"github.com/thidua/thidua/pkg/form/formtest"
)

// updateCorpus rewrites testdata/corpus from the recipes below:
//
//	go test ./pkg/form -run TestCorpus -corpus.update
var updateCorpus = flag.Bool("corpus.update", false, "rewrite testdata/corpus")

const corpusDir = "../../testdata/corpus"

// corpusForm is a good form of the corpus's unit; recipes change it.
func corpusForm(c *campaign.Campaign) formtest.Form {
	return formtest.Form{
		Campaign: c, Unit: "Phòng Thử nghiệm", UnitCode: "PTN", Period: "Quý III/2026",
		Date: time.Date(2026, 10, 5, 0, 0, 0, 0, time.UTC),
		Self: formtest.Full(c),
	}
}

// mustForm writes f as xlsx.
func mustForm(t testing.TB, f formtest.Form) []byte {
	t.Helper()
	b, err := formtest.Bytes(f)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// editBook opens an xlsx, lets edit change it with excelize and returns the
// saved bytes.
func editBook(t testing.TB, data []byte, edit func(x *excelize.File) error) []byte {
	t.Helper()
	x, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if err := edit(x); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if _, err := x.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// zipPart is one entry of a hand-crafted zip.
type zipPart struct {
	name string
	data []byte
	// claim, when not zero, is the uncompressed size the entry's headers
	// state (a lie when it differs from len(data)).
	claim uint64
}

// rezip returns the entries of an xlsx with edit applied to each (nil
// drops the entry) and extra entries appended.
func rezip(t testing.TB, data []byte, edit func(name string, b []byte) []byte, extra ...zipPart) []zipPart {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out []zipPart
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if edit != nil {
			b = edit(f.Name, b)
		}
		if b != nil {
			out = append(out, zipPart{name: f.Name, data: b})
		}
	}
	return append(out, extra...)
}

// writeZip deflates the parts; a part with a claim gets headers that state
// that size (written raw, so archive/zip does not correct them).
func writeZip(t testing.TB, parts []zipPart) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		if p.claim == 0 {
			w, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := w.Write(p.data); err != nil {
				t.Fatal(err)
			}
			continue
		}
		var comp bytes.Buffer
		fw, _ := flate.NewWriter(&comp, flate.BestCompression)
		fw.Write(p.data)
		fw.Close()
		h := &zip.FileHeader{Name: p.name, Method: zip.Deflate, CRC32: crc(p.data),
			CompressedSize64: uint64(comp.Len()), UncompressedSize64: p.claim}
		w, err := zw.CreateRaw(h)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(comp.Bytes())
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// addRel adds a relationship to a .rels part.
func addRel(b []byte, id, typ, target, mode string) []byte {
	m := ""
	if mode != "" {
		m = ` TargetMode="` + mode + `"`
	}
	rel := fmt.Sprintf(`<Relationship Id="%s" Type="%s" Target="%s"%s/>`, id, typ, target, m)
	return bytes.Replace(b, []byte("</Relationships>"), []byte(rel+"</Relationships>"), 1)
}

// addOverride adds a content type override.
func addOverride(b []byte, part, ct string) []byte {
	o := fmt.Sprintf(`<Override PartName="%s" ContentType="%s"/>`, part, ct)
	return bytes.Replace(b, []byte("</Types>"), []byte(o+"</Types>"), 1)
}

// corpusRecipe makes one committed corpus file.
type corpusRecipe struct {
	name string
	make func(t testing.TB, c *campaign.Campaign) []byte
}

func withForm(edit func(f *formtest.Form)) func(testing.TB, *campaign.Campaign) []byte {
	return func(t testing.TB, c *campaign.Campaign) []byte {
		f := corpusForm(c)
		edit(&f)
		return mustForm(t, f)
	}
}

func templated(edit func(f *formtest.Form)) func(testing.TB, *campaign.Campaign) []byte {
	return withForm(func(f *formtest.Form) {
		f.Layout.Template = true
		edit(f)
	})
}

// corpusRecipes are the committed files of testdata/corpus; their expected
// outcome is in corpusCases (corpus_test.go).
func corpusRecipes() []corpusRecipe {
	bigText := strings.Repeat("Tiêu chí đánh giá rất dài ", 1200) // ~32,000 characters, Excel's cell limit
	return []corpusRecipe{
		{"good-a.xlsx", templated(func(f *formtest.Form) { f.Unit, f.UnitCode = "Văn phòng Sở", "VP" })},
		{"good-b.xlsx", withForm(func(f *formtest.Form) {
			f.Unit, f.UnitCode = "Phòng Đối chứng", "PDC"
			f.Self = f.Self.With("1.2", "6.5")
		})},
		{"sheet-renamed.xlsx", withForm(func(f *formtest.Form) { f.Layout.ScoreSheet = "Sheet1"; f.Layout.InfoSheet = "Sheet2" })},
		{"header-missing.xlsx", func(t testing.TB, c *campaign.Campaign) []byte {
			b := mustForm(t, func() formtest.Form { f := corpusForm(c); f.Layout.Template = true; return f }())
			return editBook(t, b, func(x *excelize.File) error {
				rows, _ := x.GetRows(form.SheetScore)
				for i, r := range rows {
					for _, v := range r {
						if v == "Mã" || strings.HasPrefix(v, "Tự chấm") {
							return x.RemoveRow(form.SheetScore, i+1)
						}
					}
				}
				return fmt.Errorf("no header row")
			})
		}},
		{"two-header-rows.xlsx", func(t testing.TB, c *campaign.Campaign) []byte {
			f := corpusForm(c)
			f.ExtraRows = []formtest.ExtraRow{{Code: "Mã", Title: "Nội dung", Self: formtest.Text("Tự chấm")}}
			b := mustForm(t, f)
			return editBook(t, b, func(x *excelize.File) error {
				// The header copied again right under itself.
				return x.DuplicateRow(form.SheetScore, 1)
			})
		}},
		{"codes-twice.xlsx", withForm(func(f *formtest.Form) {
			f.ExtraRows = []formtest.ExtraRow{{Code: "1.1.a", Title: "Dán lại", Self: formtest.Num("1")}}
		})},
		{"scores-wrong-column.xlsx", withForm(func(f *formtest.Form) {
			f.Notes = map[string]string{}
			for k, v := range f.Self {
				f.Notes[k] = v.V
			}
			f.Self = formtest.Scores{}
		})},
		{"date-odd-format.xlsx", withForm(func(f *formtest.Form) { f.Date = time.Time{}; f.DateText = "Oct 5th, 2026" })},
		{"date-text-iso.xlsx", withForm(func(f *formtest.Form) { f.Date = time.Time{}; f.DateText = "2026.10.05 (thứ Hai)" })},
		{"period-unreadable.xlsx", withForm(func(f *formtest.Form) { f.Period = "Quý V năm hai nghìn" })},
		{"huge-strings.xlsx", withForm(func(f *formtest.Form) {
			f.Preparer = bigText
			f.Evidence = map[string]string{"1.1.a": bigText, "1.2": bigText}
		})},
		{"huge-unit-name.xlsx", withForm(func(f *formtest.Form) { f.Unit, f.UnitCode = bigText, "DAI" })},
		{"control-chars.xlsx", withForm(func(f *formtest.Form) {
			f.Unit = "Phòng\u202e Kế\u200b toán\x07"
			f.Notes = map[string]string{"1.2": "ghi chú\x00có NUL"}
		})},
		{"formula-injection.xlsx", withForm(func(f *formtest.Form) {
			f.Unit = `=HYPERLINK("http://127.0.0.1:9/x","bấm")`
			f.Evidence = map[string]string{"1.2": "+cmd|' /C calc'!A0", "1.1.a": "@SUM(1+1)*cmd|' /C calc'!A0"}
		})},
		{"external-link.xlsx", externalLink},
		{"macro.xlsm", macroBook},
		{"images.xlsx", func(t testing.TB, c *campaign.Campaign) []byte {
			b := mustForm(t, func() formtest.Form { f := corpusForm(c); f.Layout.Template = true; return f }())
			return editBook(t, b, func(x *excelize.File) error {
				return x.AddPictureFromBytes(form.SheetScore, "I2", &excelize.Picture{Extension: ".png", File: tinyPNG(), Format: &excelize.GraphicOptions{AltText: "con dấu"}})
			})
		}},
		{"comments.xlsx", func(t testing.TB, c *campaign.Campaign) []byte {
			b := mustForm(t, func() formtest.Form { f := corpusForm(c); f.Layout.Template = true; return f }())
			return editBook(t, b, func(x *excelize.File) error {
				return x.AddComment(form.SheetScore, excelize.Comment{Cell: "E8", Author: "Kế toán",
					Paragraph: []excelize.RichTextRun{{Text: "=1+1 điểm này chưa chắc"}}})
			})
		}},
		{"hidden-rows.xlsx", func(t testing.TB, c *campaign.Campaign) []byte {
			b := mustForm(t, func() formtest.Form { f := corpusForm(c); f.Layout.Template = true; return f }())
			return editBook(t, b, func(x *excelize.File) error {
				for r := 8; r <= 10; r++ {
					if err := x.SetRowVisible(form.SheetScore, r, false); err != nil {
						return err
					}
				}
				return nil
			})
		}},
		{"over-max.xlsx", withForm(func(f *formtest.Form) { f.Self = f.Self.With("1.2", "99") })},
		{"negative.xlsx", withForm(func(f *formtest.Form) { f.Self = f.Self.With("1.2", "-3") })},
		{"not-a-number.xlsx", withForm(func(f *formtest.Form) { f.Self = f.Self.With("1.2", formtest.Text("tám điểm")) })},
		{"no-unit.xlsx", withForm(func(f *formtest.Form) { f.Unit, f.UnitCode = "", "" })},
		{"blank-form.xlsx", withForm(func(f *formtest.Form) { f.Self = nil })},
		{"unknown-code.xlsx", withForm(func(f *formtest.Form) {
			f.ExtraRows = []formtest.ExtraRow{{Code: "9.9", Title: "Tiêu chí tự thêm", Self: formtest.Num("5")}}
		})},
		{"rows-missing.xlsx", withForm(func(f *formtest.Form) { f.OmitRows = []string{"1.2"} })},
		{"other-campaign.xlsx", withForm(func(f *formtest.Form) { f.CampaignCode = "PHONG-TRAO-KHAC" })},
		{"other-table.xlsx", templated(func(f *formtest.Form) { f.FingerprintValue = "sha256:0000000000000000" })},
		{"formula-self-ref.xlsx", selfRefFormula},
		{"formula-whole-sheet.xlsx", wholeSheetFormula},
		{"truncated.xlsx", func(t testing.TB, c *campaign.Campaign) []byte {
			b := mustForm(t, corpusForm(c))
			return b[:len(b)/2]
		}},
		{"empty.xlsx", func(testing.TB, *campaign.Campaign) []byte { return nil }},
		{"pdf-renamed.xlsx", func(testing.TB, *campaign.Campaign) []byte {
			return []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
		}},
		{"html-saved-as.xls", func(testing.TB, *campaign.Campaign) []byte {
			return []byte(`<html xmlns:x="urn:schemas-microsoft-com:office:excel"><body><table><tr><td>Mã</td><td>Tự chấm</td></tr><tr><td>1.1.a</td><td>4</td></tr></table></body></html>`)
		}},
		{"csv-renamed.xlsx", func(testing.TB, *campaign.Campaign) []byte {
			return []byte("Mã,Nội dung,Tự chấm\n1.1.a,Chấp hành,4\n")
		}},
		{"docx-renamed.xlsx", func(t testing.TB, c *campaign.Campaign) []byte {
			return writeZip(t, []zipPart{
				{name: "[Content_Types].xml", data: []byte(`<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`)},
				{name: "word/document.xml", data: []byte(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>`)},
			})
		}},
		{"xlsx-inside-zip.xlsx", func(t testing.TB, c *campaign.Campaign) []byte {
			return writeZip(t, []zipPart{{name: "phieu-cham-diem.xlsx", data: mustForm(t, corpusForm(c))}})
		}},
		{"xlsb-renamed.xlsx", func(t testing.TB, c *campaign.Campaign) []byte {
			return writeZip(t, []zipPart{
				{name: "[Content_Types].xml", data: []byte(`<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/></Types>`)},
				{name: "xl/workbook.bin", data: []byte{0x83, 0x01, 0x00, 0x84, 0x01, 0x00}},
			})
		}},
		{"password.xlsx", func(testing.TB, *campaign.Campaign) []byte { return formtest.EncryptedWorkbook() }},
		{"excel95.xls", func(testing.TB, *campaign.Campaign) []byte {
			return formtest.OLEFile(map[string][]byte{"Book": bytes.Repeat([]byte{0x09, 0x08, 0x08, 0x00, 0x00, 0x05, 0x05, 0x00, 0, 0, 0, 0}, 64)})
		}},
		{"word-doc.xls", func(testing.TB, *campaign.Campaign) []byte {
			return formtest.OLEFile(map[string][]byte{"WordDocument": bytes.Repeat([]byte{0xEC, 0xA5}, 512)})
		}},
		{"zip-lying-sizes.xlsx", lyingSizes},
		{"zip-duplicate-entries.xlsx", func(t testing.TB, c *campaign.Campaign) []byte {
			b := mustForm(t, corpusForm(c))
			var wb []byte
			parts := rezip(t, b, func(n string, d []byte) []byte {
				if n == "xl/workbook.xml" {
					wb = d
				}
				return d
			})
			// A second workbook.xml naming a sheet that does not exist.
			evil := bytes.Replace(wb, []byte(`name="`), []byte(`name="Giả mạo`), 1)
			return writeZip(t, append(parts, zipPart{name: "xl/workbook.xml", data: evil}))
		}},
		{"zip-slip.xlsx", func(t testing.TB, c *campaign.Campaign) []byte {
			b := mustForm(t, corpusForm(c))
			return writeZip(t, rezip(t, b, nil,
				zipPart{name: "../../../../../../tmp/thidua-zip-slip.txt", data: []byte("escaped")},
				zipPart{name: "/tmp/thidua-zip-slip-abs.txt", data: []byte("escaped")}))
		}},
		{"xml-entity-bomb.xlsx", func(t testing.TB, c *campaign.Campaign) []byte {
			b := mustForm(t, corpusForm(c))
			bomb := `<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;"><!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">]>` +
				`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>&h;</t></si></sst>`
			return writeZip(t, rezip(t, b, func(n string, d []byte) []byte {
				if n == "xl/sharedStrings.xml" {
					return []byte(bomb)
				}
				return d
			}))
		}},
		{"deep-nesting.xlsx", func(t testing.TB, c *campaign.Campaign) []byte {
			b := mustForm(t, corpusForm(c))
			deep := `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><r>` +
				strings.Repeat("<rPr>", 200000) + strings.Repeat("</rPr>", 200000) + `</r></si></sst>`
			return writeZip(t, rezip(t, b, func(n string, d []byte) []byte {
				if n == "xl/sharedStrings.xml" {
					return []byte(deep)
				}
				return d
			}))
		}},
		{"many-sheets.xlsx", func(t testing.TB, c *campaign.Campaign) []byte {
			b := mustForm(t, corpusForm(c))
			return editBook(t, b, func(x *excelize.File) error {
				for i := 0; i < 300; i++ {
					if _, err := x.NewSheet(fmt.Sprintf("Trang %d", i)); err != nil {
						return err
					}
				}
				return nil
			})
		}},
		// Issue 14: XML errors inside a valid zip reject the form, naming
		// the part, instead of reading as the end of the sheet.
		{"sheet-cut-mid-row.xlsx", func(t testing.TB, c *campaign.Campaign) []byte {
			return templatePart(t, c, "xl/worksheets/sheet2.xml", func(d []byte) []byte {
				at := bytes.Index(d, []byte(`<row r="12"`))
				return d[:at+bytes.Index(d[at:], []byte("<c "))+12]
			})
		}},
		{"info-malformed.xlsx", func(t testing.TB, c *campaign.Campaign) []byte {
			return templatePart(t, c, "xl/worksheets/sheet1.xml", func(d []byte) []byte {
				at := bytes.Index(d, []byte(`<row r="6"`))
				end := at + bytes.Index(d[at:], []byte("</c>"))
				return append(append(append([]byte{}, d[:end]...), "</x>"...), d[end+4:]...)
			})
		}},
		// A boolean TRUE typed as a score: not a number, not 1 point.
		{"boolean-score.xlsx", func(t testing.TB, c *campaign.Campaign) []byte {
			l := form.TemplateLayout(c)
			ref := colName(l.Cols[form.ColSelf]) + fmt.Sprint(l.Rows["1.2"])
			return templatePart(t, c, "xl/worksheets/sheet2.xml", func(d []byte) []byte {
				return replaceCell(t, d, ref, `<c r="`+ref+`" t="b"><v>1</v></c>`)
			})
		}},
		// A chain of 5,300 formulas without values below the table: the
		// score referring to its end is not calculated, and says so.
		{"formula-chain-deep.xlsx", func(t testing.TB, c *campaign.Campaign) []byte { return formulaChain(t, c, 5300) }},
		// Thousands of rows of unknown codes after the table: a thousand are
		// looked at, fifty listed, the rest counted.
		{"unknown-codes-many.xlsx", func(t testing.TB, c *campaign.Campaign) []byte {
			return templatePart(t, c, "xl/worksheets/sheet2.xml", appendRows(oneCellRows(1000, 2000, "A", func(i int) string { return "9." + fmt.Sprint(i) })))
		}},
		// Issue 13: an OpenDocument spreadsheet is refused with how to save
		// it as .xlsx; thidua's own workbook is skipped, however named.
		{"spreadsheet.ods", func(t testing.TB, c *campaign.Campaign) []byte { return odsFile(t) }},
		{"thidua-output.xlsx", func(t testing.TB, c *campaign.Campaign) []byte { return outputWorkbook(t, c) }},
		{"review-only.xlsx", func(t testing.TB, c *campaign.Campaign) []byte {
			return editBook(t, outputWorkbook(t, c), func(x *excelize.File) error {
				for _, n := range x.GetSheetList() {
					if n != "Thẩm định" {
						if err := x.DeleteSheet(n); err != nil {
							return err
						}
					}
				}
				return nil
			})
		}},
		{"cell-xfd1048576.xlsx", func(t testing.TB, c *campaign.Campaign) []byte {
			b := mustForm(t, corpusForm(c))
			return editBook(t, b, func(x *excelize.File) error {
				return x.SetCellStr(form.SheetScore, "XFD1048576", "ô cuối cùng của trang tính")
			})
		}},
	}
}

// externalLink: a score cell whose formula reads another workbook over
// HTTP ([1]Sheet1!A1), with the external link part and its relationship.
// The URL is replaced by the test with a local server's.
const externalURL = "http://127.0.0.1:1/thidua-external.xlsx"

func externalLink(t testing.TB, c *campaign.Campaign) []byte {
	f := corpusForm(c)
	f.Layout.Template = true
	f.Self = f.Self.With("1.2", formtest.Calc("=[1]Sheet1!A1"))
	b := mustForm(t, f)
	link := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><externalBook r:id="rId1"><sheetNames><sheetName val="Sheet1"/></sheetNames><sheetDataSet><sheetData sheetId="0"><row r="1"><cell r="A1"><v>7</v></cell></row></sheetData></sheetDataSet></externalBook></externalLink>`
	linkRels := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLinkPath" Target="` + externalURL + `" TargetMode="External"/></Relationships>`
	parts := rezip(t, b, func(n string, d []byte) []byte {
		switch n {
		case "[Content_Types].xml":
			return addOverride(d, "/xl/externalLinks/externalLink1.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml")
		case "xl/_rels/workbook.xml.rels":
			return addRel(d, "rIdExt1", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLink", "externalLinks/externalLink1.xml", "")
		case "xl/workbook.xml":
			if bytes.Contains(d, []byte("<calcPr")) {
				return bytes.Replace(d, []byte("<calcPr"), []byte(`<externalReferences><externalReference r:id="rIdExt1"/></externalReferences><calcPr`), 1)
			}
			return bytes.Replace(d, []byte("</sheets>"), []byte(`</sheets><externalReferences><externalReference r:id="rIdExt1"/></externalReferences>`), 1)
		}
		return d
	},
		zipPart{name: "xl/externalLinks/externalLink1.xml", data: []byte(link)},
		zipPart{name: "xl/externalLinks/_rels/externalLink1.xml.rels", data: []byte(linkRels)},
	)
	return writeZip(t, parts)
}

// macroBook: an .xlsm with a vbaProject.bin holding an auto-open macro's
// source text; the reader must read the cells and never look at it.
func macroBook(t testing.TB, c *campaign.Campaign) []byte {
	b := mustForm(t, func() formtest.Form { f := corpusForm(c); f.Layout.Template = true; return f }())
	vba := formtest.OLEFile(map[string][]byte{
		"dir":          bytes.Repeat([]byte{0x01}, 64),
		"ThisWorkbook": []byte("Attribute VB_Name = \"ThisWorkbook\"\r\nPrivate Sub Workbook_Open()\r\n  Shell \"cmd /c echo pwned\"\r\nEnd Sub\r\n"),
	})
	parts := rezip(t, b, func(n string, d []byte) []byte {
		switch n {
		case "[Content_Types].xml":
			d = bytes.Replace(d, []byte("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"), []byte("application/vnd.ms-excel.sheet.macroEnabled.main+xml"), 1)
			return bytes.Replace(d, []byte("</Types>"), []byte(`<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>`), 1)
		case "xl/_rels/workbook.xml.rels":
			return addRel(d, "rIdVba1", "http://schemas.microsoft.com/office/2006/relationships/vbaProject", "vbaProject.bin", "")
		}
		return d
	}, zipPart{name: "xl/vbaProject.bin", data: vba})
	return writeZip(t, parts)
}

// selfRefFormula: score cells whose formulas refer to themselves and to
// each other (a circular reference without cached values).
func selfRefFormula(t testing.TB, c *campaign.Campaign) []byte {
	f := corpusForm(c)
	f.Layout.Template = true
	l := form.TemplateLayout(c)
	col, _ := excelize.ColumnNumberToName(l.Cols[form.ColSelf])
	r12 := l.Rows["1.2"]
	f.Self = f.Self.With("1.2", formtest.Calc(fmt.Sprintf("=%s%d+1", col, r12)),
		"1.3", formtest.Calc(fmt.Sprintf("=%s%d*2", col, r12)))
	return mustForm(t, f)
}

// wholeSheetFormula: a score cell summing the whole sheet, 17 billion
// cells, which a naive evaluator walks cell by cell.
func wholeSheetFormula(t testing.TB, c *campaign.Campaign) []byte {
	f := corpusForm(c)
	f.Layout.Template = true
	f.Self = f.Self.With("1.2", formtest.Calc("=SUM(A1:XFD1048576)/1000000"), "1.3", formtest.Calc(`=LEN(REPT("a",2000000000))`))
	return mustForm(t, f)
}

// lyingSizes: a workbook whose zip headers state tiny sizes for entries
// that inflate to 64 MB of spaces inside the scoring sheet.
func lyingSizes(t testing.TB, c *campaign.Campaign) []byte {
	b := mustForm(t, corpusForm(c))
	parts := rezip(t, b, nil)
	for i := range parts {
		if strings.HasPrefix(parts[i].name, "xl/worksheets/") {
			d := parts[i].data
			pad := bytes.Repeat([]byte(" "), 64<<20)
			at := bytes.Index(d, []byte("<sheetData"))
			parts[i].data = append(append(append([]byte{}, d[:at]...), pad...), d[at:]...)
			parts[i].claim = uint64(len(d))
		}
	}
	return writeZip(t, parts)
}

func crc(b []byte) uint32 { return crc32.ChecksumIEEE(b) }

// templatePart is the corpus's good form (made by the template) with one
// part of its package changed by edit.
func templatePart(t testing.TB, c *campaign.Campaign, part string, edit func([]byte) []byte) []byte {
	f := corpusForm(c)
	f.Layout.Template = true
	done := false
	parts := rezip(t, mustForm(t, f), func(n string, d []byte) []byte {
		if n == part {
			done = true
			return edit(d)
		}
		return d
	})
	if !done {
		t.Fatalf("no part %s", part)
	}
	return writeZip(t, parts)
}

// replaceCell replaces the element of cell ref in a sheet's XML.
func replaceCell(t testing.TB, d []byte, ref, cell string) []byte {
	i := bytes.Index(d, []byte(`<c r="`+ref+`"`))
	if i < 0 {
		t.Fatalf("no cell %s", ref)
	}
	j := i + bytes.Index(d[i:], []byte("</c>")) + 4
	if k := bytes.Index(d[i:], []byte("/>")); k >= 0 && i+k+2 < j {
		j = i + k + 2
	}
	return append(append(append([]byte{}, d[:i]...), cell...), d[j:]...)
}

// odsFile is a small OpenDocument spreadsheet, as LibreOffice saves one.
func odsFile(t testing.TB) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.CreateHeader(&zip.FileHeader{Name: "mimetype", Method: zip.Store})
	w.Write([]byte("application/vnd.oasis.opendocument.spreadsheet"))
	for _, p := range []zipPart{
		{name: "content.xml", data: []byte(`<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="Chấm điểm"><table:table-row><table:table-cell><text:p>Mã</text:p></table:table-cell><table:table-cell><text:p>Tự chấm</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>`)},
		{name: "META-INF/manifest.xml", data: []byte(`<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>`)},
	} {
		w, err := zw.Create(p.name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(p.data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// outputWorkbook is a consolidated workbook as thidua writes it (see
// pkg/report/xlsx; made here with excelize so that the corpus does not
// depend on the writer's API): its seven sheets, a "Chi tiết" sheet whose
// header has "Mã" and "Tự chấm" (read as a form, it would score a unit
// "Đơn vị") and the council's "Thẩm định" sheet.
func outputWorkbook(t testing.TB, c *campaign.Campaign) []byte {
	x := excelize.NewFile()
	defer x.Close()
	sheets := []string{"Tổng hợp", "Chi tiết", "Thẩm định", "Kiểm tra", "Chưa nộp", "Biểu đồ", "Nguồn"}
	if err := x.SetSheetName("Sheet1", sheets[0]); err != nil {
		t.Fatal(err)
	}
	for _, s := range sheets[1:] {
		if _, err := x.NewSheet(s); err != nil {
			t.Fatal(err)
		}
	}
	set := func(sheet string, row int, vals ...any) {
		cell, _ := excelize.CoordinatesToCellName(1, row)
		if err := x.SetSheetRow(sheet, cell, &vals); err != nil {
			t.Fatal(err)
		}
	}
	set("Tổng hợp", 1, "BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM THI ĐUA QUÝ III NĂM 2026")
	set("Tổng hợp", 3, "Hạng", "Mã đơn vị", "Đơn vị", "Khối", "Tổng điểm", "Xếp loại")
	set("Tổng hợp", 4, 1, "VP", "Văn phòng Sở", "Khối phòng", 100, "Xuất sắc")
	set("Chi tiết", 1, "Mã đơn vị", "Đơn vị", "Mã", "Nội dung", "Điểm tối đa", "Tự chấm", "Điểm", "Tệp", "Ô")
	set("Thẩm định", 1, "Mã đơn vị", "Đơn vị", "Mã", "Nội dung", "Điểm tối đa", "Tự chấm", "Thẩm định", "Ghi chú thẩm định")
	r := 2
	for _, row := range c.NewIndex().Rows {
		set("Chi tiết", r, "VP", "Văn phòng Sở", row.Code, row.Title, row.Max.String(), row.Max.String(), row.Max.String(), "vp.xlsx", "D9")
		set("Thẩm định", r, "VP", "Văn phòng Sở", row.Code, row.Title, row.Max.String(), row.Max.String())
		r++
	}
	set("Kiểm tra", 1, "Tệp", "Trang", "Ô", "Mức", "Mã", "Nội dung")
	set("Chưa nộp", 1, "Mã đơn vị", "Đơn vị")
	set("Nguồn", 1, "Tệp", "Kích thước", "SHA-256", "Tình trạng")
	set("Nguồn", 2, "vp.xlsx", 13000, strings.Repeat("0", 64), "scored")
	if err := x.SetDocProps(&excelize.DocProperties{Creator: "thidua", LastModifiedBy: "thidua",
		Created: "2026-10-10T00:00:00Z", Modified: "2026-10-10T00:00:00Z"}); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := x.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// tinyPNG returns a small PNG (a red square: a unit's stamp).
func tinyPNG() []byte {
	img := image.NewRGBA(image.Rect(0, 0, 8, 8))
	for i := range img.Pix {
		if i%4 == 0 || i%4 == 3 {
			img.Pix[i] = 0xff
		}
	}
	var b bytes.Buffer
	_ = png.Encode(&b, img)
	return b.Bytes()
}

// TestCorpusGenerate rewrites testdata/corpus with -corpus.update, and
// otherwise checks that every recipe has its committed file.
func TestCorpusGenerate(t *testing.T) {
	c := defaultCampaign(t)
	var names []string
	for _, r := range corpusRecipes() {
		names = append(names, r.name)
		p := filepath.Join(corpusDir, r.name)
		if !*updateCorpus {
			if _, err := os.Stat(p); err != nil {
				t.Errorf("%s: %v (run go test ./pkg/form -run TestCorpusGenerate -corpus.update)", r.name, err)
			}
			continue
		}
		if err := os.MkdirAll(corpusDir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, r.make(t, c), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	sort.Strings(names)
	if *updateCorpus {
		t.Logf("wrote %d files", len(names))
	}
}
