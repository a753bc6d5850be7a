package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"image/png"
	"io"
	"path"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/thidua/thidua/internal/reporttest"
	"github.com/thidua/thidua/pkg/campaign"
	"github.com/thidua/thidua/pkg/diag"
	"github.com/thidua/thidua/pkg/report"
	"github.com/thidua/thidua/pkg/score"
	"github.com/thidua/thidua/pkg/vntext"
	"github.com/thidua/thidua/templates"
)

// meta is the letterhead of the default configuration, dated 10/10/2026.
func meta() report.Meta {
	return report.Meta{
		Lang: "vi", Date: time.Date(2026, 10, 10, 0, 0, 0, 0, time.UTC), Number: "15",
		Org:        report.Organization{Parent: "UBND TỈNH HÀ NAM", Name: "SỞ GIAO THÔNG VẬN TẢI", Abbreviation: "SGTVT", Place: "Hà Nam"},
		Signer:     report.Signer{Authority: "KT. GIÁM ĐỐC", Title: "PHÓ GIÁM ĐỐC", Name: "Nguyễn Văn A"},
		Recipients: []string{"Ban Thi đua - Khen thưởng tỉnh", "Lãnh đạo Sở", "Lưu: VT, VP"},
	}
}

func render(t testing.TB, r *score.Result, m report.Meta) []byte {
	t.Helper()
	var buf bytes.Buffer
	ds, err := Write(&buf, r, m)
	if err != nil {
		t.Fatalf("Write: %v", err)
	}
	if len(ds) != 0 {
		t.Errorf("diagnostics: %v", ds)
	}
	return buf.Bytes()
}

// parts unzips a document: every part by name, and the names in order.
func parts(t testing.TB, b []byte) (map[string][]byte, []string) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	out := map[string][]byte{}
	var names []string
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if _, dup := out[f.Name]; dup {
			t.Errorf("entry %s twice", f.Name)
		}
		out[f.Name] = data
		names = append(names, f.Name)
	}
	return out, names
}

// elem is an element of a parsed part: its name (prefix:local as written
// in WordprocessingML's usual prefixes) and attributes by local name.
type elem struct {
	name  string
	attrs map[string]string
	depth int
}

// parse checks that data is well-formed XML and returns its elements in
// document order.
func parse(t testing.TB, name string, data []byte) []elem {
	t.Helper()
	prefix := map[string]string{
		"http://schemas.openxmlformats.org/wordprocessingml/2006/main":                 "w",
		"http://schemas.openxmlformats.org/officeDocument/2006/relationships":          "r",
		"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing":       "wp",
		"http://schemas.openxmlformats.org/drawingml/2006/main":                        "a",
		"http://schemas.openxmlformats.org/drawingml/2006/picture":                     "pic",
		"http://schemas.openxmlformats.org/package/2006/relationships":                 "rel",
		"http://schemas.openxmlformats.org/package/2006/content-types":                 "ct",
		"http://schemas.openxmlformats.org/package/2006/metadata/core-properties":      "cp",
		"http://purl.org/dc/elements/1.1/":                                             "dc",
		"http://purl.org/dc/terms/":                                                    "dcterms",
		"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties":    "ep",
		"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes":         "vt",
		"http://www.w3.org/2001/XMLSchema-instance":                                    "xsi",
		"http://www.w3.org/XML/1998/namespace":                                         "xml",
		"http://schemas.openxmlformats.org/officeDocument/2006/relationships/metadata": "rm",
	}
	dec := xml.NewDecoder(bytes.NewReader(data))
	var out []elem
	depth := 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("%s: not well-formed XML: %v", name, err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			p, ok := prefix[tok.Name.Space]
			if !ok {
				t.Errorf("%s: unknown namespace %q", name, tok.Name.Space)
			}
			e := elem{name: p + ":" + tok.Name.Local, attrs: map[string]string{}, depth: depth}
			for _, a := range tok.Attr {
				e.attrs[a.Name.Local] = a.Value
			}
			out = append(out, e)
			depth++
		case xml.EndElement:
			depth--
		}
	}
	return out
}

// find returns the elements named name.
func find(es []elem, name string) []elem {
	var out []elem
	for _, e := range es {
		if e.name == name {
			out = append(out, e)
		}
	}
	return out
}

// section is a section's properties as read from document.xml.
type section struct {
	w, h, orient             string
	top, bottom, left, right string
	titlePg                  bool
	start                    string
	headers                  map[string]string // type -> r:id
}

// sections reads every w:sectPr of document.xml, in order.
func sections(es []elem) []section {
	var out []section
	for i, e := range es {
		if e.name != "w:sectPr" {
			continue
		}
		s := section{headers: map[string]string{}}
		for _, c := range es[i+1:] {
			if c.depth <= e.depth {
				break
			}
			switch c.name {
			case "w:pgSz":
				s.w, s.h, s.orient = c.attrs["w"], c.attrs["h"], c.attrs["orient"]
			case "w:pgMar":
				s.top, s.bottom, s.left, s.right = c.attrs["top"], c.attrs["bottom"], c.attrs["left"], c.attrs["right"]
			case "w:titlePg":
				s.titlePg = true
			case "w:pgNumType":
				s.start = c.attrs["start"]
			case "w:headerReference":
				s.headers[c.attrs["type"]] = c.attrs["id"]
			}
		}
		out = append(out, s)
	}
	return out
}

func TestParts(t *testing.T) {
	b := render(t, reporttest.Result(), meta())
	ps, names := parts(t, b)

	// a fixed order, the content types first
	want := []string{"[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml", "word/document.xml",
		"word/styles.xml", "word/settings.xml", "word/fontTable.xml", "word/header1.xml", "word/header2.xml",
		"word/media/bieu-do.png", "word/_rels/document.xml.rels"}
	if strings.Join(names, " ") != strings.Join(want, " ") {
		t.Errorf("entries\n%q\nwant\n%q", names, want)
	}
	parsed := map[string][]elem{}
	for name, data := range ps {
		if strings.HasSuffix(name, ".xml") || strings.HasSuffix(name, ".rels") {
			parsed[name] = parse(t, name, data)
		}
	}

	// styles: Times New Roman, 14 pt body, 13 pt letterhead and page
	// number, real built-in styles
	st := parsed["word/styles.xml"]
	fonts := find(st, "w:rFonts")
	if len(fonts) == 0 || fonts[0].attrs["ascii"] != "Times New Roman" || fonts[0].attrs["hAnsi"] != "Times New Roman" {
		t.Errorf("default font: %v", fonts)
	}
	if sz := find(st, "w:sz"); len(sz) == 0 || sz[0].attrs["val"] != "28" {
		t.Errorf("default size: %v", sz)
	}
	styles := map[string]bool{}
	for _, s := range find(st, "w:style") {
		styles[s.attrs["styleId"]] = true
	}
	for _, id := range []string{"Normal", "Title", "Subtitle", "Heading1", "BodyText", "Header", "Letterhead", "Signature", "Recipients", "AnnexTitle", "TableGrid"} {
		if !styles[id] {
			t.Errorf("style %s missing", id)
		}
	}
	if !bytes.Contains(ps["word/styles.xml"], []byte(`w:styleId="Letterhead"><w:name w:val="Đầu văn bản"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:sz w:val="26"/>`)) {
		t.Error("the letterhead style is not 13 pt centred")
	}
	if !bytes.Contains(ps["word/styles.xml"], []byte(`<w:ind w:firstLine="720"/><w:jc w:val="both"/>`)) {
		t.Error("the body is not justified with a first-line indent of 1.27 cm")
	}

	// two sections: A4 portrait, then the landscape annex, both with the
	// decree's margins, a different first page, numbers restarting
	doc := parsed["word/document.xml"]
	secs := sections(doc)
	if len(secs) != 2 {
		t.Fatalf("%d sections, want 2", len(secs))
	}
	p, l := secs[0], secs[1]
	if p.w != "11906" || p.h != "16838" || p.orient != "" {
		t.Errorf("portrait page %s × %s %s", p.w, p.h, p.orient)
	}
	if l.w != "16838" || l.h != "11906" || l.orient != "landscape" {
		t.Errorf("landscape page %s × %s %s", l.w, l.h, l.orient)
	}
	for i, s := range secs {
		// top and bottom 20 mm, left 30 mm, right 15 mm
		if s.top != "1134" || s.bottom != "1134" || s.left != "1701" || s.right != "850" {
			t.Errorf("section %d margins top %s bottom %s left %s right %s", i, s.top, s.bottom, s.left, s.right)
		}
		if !s.titlePg {
			t.Errorf("section %d: no w:titlePg", i)
		}
		if s.headers["default"] != relHeader || s.headers["first"] != relHeaderFirst {
			t.Errorf("section %d headers %v", i, s.headers)
		}
	}
	if l.start != "1" {
		t.Errorf("the annex's page numbers start at %q", l.start)
	}

	// the page-number header: a centred PAGE field; the first page's is empty
	hdr := parsed["word/header1.xml"]
	if jc := find(hdr, "w:jc"); len(jc) != 1 || jc[0].attrs["val"] != "center" {
		t.Errorf("header alignment %v", jc)
	}
	if !bytes.Contains(ps["word/header1.xml"], []byte(`<w:instrText xml:space="preserve"> PAGE </w:instrText>`)) {
		t.Error("header1 has no PAGE field")
	}
	if len(find(parsed["word/header2.xml"], "w:t")) != 0 || len(find(parsed["word/header2.xml"], "w:instrText")) != 0 {
		t.Error("the first page's header is not empty")
	}

	// tables: the letterhead (2 rows), the signature (1 row), the annex whose
	// first row repeats
	tbls := find(doc, "w:tbl")
	if len(tbls) != 3 {
		t.Fatalf("%d tables, want 3", len(tbls))
	}
	if n := len(find(doc, "w:tblHeader")); n != 1 {
		t.Errorf("%d header rows, want 1", n)
	}
	text := docText(t, ps["word/document.xml"])
	for _, w := range []string{"UBND TỈNH HÀ NAM", "SỞ GIAO THÔNG VẬN TẢI", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
		"Số: 15/BC-SGTVT", "Hà Nam, ngày 10 tháng 10 năm 2026", "BÁO CÁO", "I. TÌNH HÌNH TỔ CHỨC CHẤM ĐIỂM",
		"Biểu đồ tổng điểm của các đơn vị quý III năm 2026", "Nơi nhận:", "- Lưu: VT, VP.", "KT. GIÁM ĐỐC", "Nguyễn Văn A",
		"Phụ lục", "BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM THI ĐUA QUÝ III NĂM 2026",
		"(Kèm theo Báo cáo số 15/BC-SGTVT ngày 10/10/2026 của Sở Giao thông vận tải)", "=HYPERLINK(\"http://x\",\"y\")"} {
		if !strings.Contains(text, w) {
			t.Errorf("document lacks %q", w)
		}
	}
	// no text boxes, no floating objects: a picture is inline
	for _, bad := range []string{"w:txbxContent", "wp:anchor", "w:framePr", "w:pict"} {
		if len(find(doc, bad)) != 0 {
			t.Errorf("document has %s", bad)
		}
	}
	if n := len(find(doc, "wp:inline")); n != 1 {
		t.Errorf("%d inline pictures, want 1", n)
	}

	// every relationship's target is in the package and has a content type
	rels := find(parsed["word/_rels/document.xml.rels"], "rel:Relationship")
	ids := map[string]bool{}
	for _, r := range rels {
		ids[r.attrs["Id"]] = true
		if _, ok := ps[path.Join("word", r.attrs["Target"])]; !ok {
			t.Errorf("relationship %s targets %s, not in the package", r.attrs["Id"], r.attrs["Target"])
		}
	}
	for _, e := range doc {
		for k, v := range e.attrs {
			if (k == "id" || k == "embed") && strings.HasPrefix(v, "rId") && !ids[v] {
				t.Errorf("%s refers to unknown relationship %s", e.name, v)
			}
		}
	}
	types := map[string]bool{}
	for _, o := range find(parsed["[Content_Types].xml"], "ct:Override") {
		types[strings.TrimPrefix(o.attrs["PartName"], "/")] = true
	}
	for name := range ps {
		ext := path.Ext(name)
		if !types[name] && ext != ".rels" && ext != ".png" && name != "[Content_Types].xml" {
			t.Errorf("part %s has no content type", name)
		}
	}

	// the core properties carry the report date
	core := string(ps["docProps/core.xml"])
	for _, w := range []string{"<dcterms:created xsi:type=\"dcterms:W3CDTF\">2026-10-10T00:00:00Z</dcterms:created>", "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">2026-10-10T00:00:00Z</dcterms:modified>", "<dc:creator>SỞ GIAO THÔNG VẬN TẢI</dc:creator>"} {
		if !strings.Contains(core, w) {
			t.Errorf("core.xml lacks %s", w)
		}
	}

	// the chart is a PNG as large as the drawing says
	img, err := png.Decode(bytes.NewReader(ps["word/media/bieu-do.png"]))
	if err != nil {
		t.Fatalf("chart: %v", err)
	}
	ext := find(doc, "wp:extent")[0]
	wantW := fmt.Sprint(emu(float64(img.Bounds().Dx()) / pxMM))
	if ext.attrs["cx"] != wantW {
		t.Errorf("picture is %s EMU wide, the PNG %d px (%s EMU)", ext.attrs["cx"], img.Bounds().Dx(), wantW)
	}
}

// docText returns the text of document.xml: each paragraph's runs joined,
// paragraphs separated by newlines.
func docText(t testing.TB, data []byte) string {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(data))
	var b strings.Builder
	inText := false
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			inText = tok.Name.Local == "t"
			if tok.Name.Local == "br" {
				b.WriteByte(' ')
			}
		case xml.EndElement:
			inText = false
			if tok.Name.Local == "p" {
				b.WriteByte('\n')
			}
		case xml.CharData:
			if inText {
				b.Write(tok)
			}
		}
	}
	return b.String()
}

func TestDeterministic(t *testing.T) {
	m := meta()
	m.UnitSheets = true
	a := render(t, reporttest.Result(), m)
	b := render(t, reporttest.Result(), m)
	if !bytes.Equal(a, b) {
		t.Fatal("two renders of the same inputs differ")
	}
	zr, err := zip.NewReader(bytes.NewReader(a), int64(len(a)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if !f.Modified.Equal(m.Date) {
			t.Errorf("%s dated %v", f.Name, f.Modified)
		}
	}
	m.Date = m.Date.Add(24 * time.Hour)
	if c := render(t, reporttest.Result(), m); bytes.Equal(a, c) {
		t.Fatal("another date gave the same bytes")
	}
}

func TestUnitSheets(t *testing.T) {
	m := meta()
	m.UnitSheets = true
	r := reporttest.Result()
	ps, _ := parts(t, render(t, r, m))
	doc := parse(t, "document.xml", ps["word/document.xml"])
	secs := sections(doc)
	if len(secs) != 3 || secs[1].orient != "landscape" || secs[2].orient != "" || secs[2].start != "1" {
		t.Fatalf("sections %+v", secs)
	}
	// one table per unit after the letterhead, signature and ranking
	if n := len(find(doc, "w:tbl")); n != 3+len(r.Units) {
		t.Errorf("%d tables", n)
	}
	if n := len(find(doc, "w:tblHeader")); n != 1+len(r.Units) {
		t.Errorf("%d header rows", n)
	}
	text := docText(t, ps["word/document.xml"])
	for _, w := range []string{"Phụ lục I\n", "Phụ lục II\n", "PHIẾU CHẤM ĐIỂM THI ĐUA CỦA CÁC ĐƠN VỊ", "Trung tâm Đăng kiểm xe cơ giới (TTDK)", "TỔNG ĐIỂM"} {
		if !strings.Contains(text, w) {
			t.Errorf("document lacks %q", w)
		}
	}
}

// TestHostileText: text from forms and configuration never breaks the XML:
// markup characters are escaped, control characters become spaces, NFD is
// composed, and characters Times New Roman lacks are kept (Word draws
// them from another font), so nothing is reported.
func TestHostileText(t *testing.T) {
	r := reporttest.Result()
	r.Units[0].Name = "Tổ <b>công</b> & \"đoàn\" \x01\x0b\x1f\u0085\ufffe 😀 中"
	r.Units[1].Name = "Phòng To\u0302\u0309 chức"
	r.Units[2].Group = "Khối\u200b\tphòng\r\nA"
	r.Units[3].Name = "bad \xff utf-8"
	m := meta()
	m.Org.Name = "SỞ <XÂY DỰNG> & ]]>"
	m.Signer.Name = "Nguyễn\x00Văn A"
	m.Recipients = append(m.Recipients, "\x07Phòng <Ban>")
	ps, _ := parts(t, render(t, r, m))
	for name, data := range ps {
		if strings.HasSuffix(name, ".xml") || strings.HasSuffix(name, ".rels") {
			parse(t, name, data)
			if !isXMLChars(data) {
				t.Errorf("%s holds characters XML does not allow", name)
			}
		}
	}
	text := docText(t, ps["word/document.xml"])
	for _, w := range []string{"Tổ <b>công</b> & \"đoàn\"", "😀 中", "Phòng Tổ chức", "Nguyễn Văn A", "SỞ <XÂY DỰNG> & ]]>", "- Phòng <Ban>;", "bad \uFFFD utf-8"} {
		if !strings.Contains(text, w) {
			t.Errorf("document lacks %q", w)
		}
	}
}

// isXMLChars reports whether every character of b is allowed in XML 1.0.
func isXMLChars(b []byte) bool {
	for _, r := range string(b) {
		ok := r == 0x9 || r == 0xA || r == 0xD || (r >= 0x20 && r <= 0xD7FF) || (r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= 0x10FFFF)
		if !ok {
			return false
		}
	}
	return true
}

func TestEmptyAndErrors(t *testing.T) {
	// no units: no chart picture, the annex table has its header only
	r := &score.Result{Campaign: reporttest.Campaign(), Period: vntext.Period{Year: 2026, Kind: vntext.Quarter, N: 3}}
	ps, names := parts(t, render(t, r, meta()))
	for _, n := range names {
		if strings.HasPrefix(n, "word/media/") {
			t.Errorf("a picture without units: %s", n)
		}
	}
	if bytes.Contains(ps["word/_rels/document.xml.rels"], []byte("image")) {
		t.Error("an image relationship without a picture")
	}
	parse(t, "document.xml", ps["word/document.xml"])

	if _, err := Write(io.Discard, nil, meta()); err == nil {
		t.Error("no error without a result")
	}
	m := meta()
	m.Narrative = "{{.Nope"
	var de *diag.Err
	if _, err := Write(io.Discard, reporttest.Result(), m); !errors.As(err, &de) || de.Key != "pdf.template" {
		t.Errorf("bad template: %v", err)
	}
	if _, err := Write(failWriter{}, reporttest.Result(), meta()); !errors.As(err, &de) || de.Key != "docx.render" {
		t.Errorf("failing writer: %v", err)
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestLongPeriodAndChange(t *testing.T) {
	ps, _ := parts(t, render(t, reporttest.Year(), meta()))
	text := docText(t, ps["word/document.xml"])
	for _, w := range []string{"Quý I 2026", "Tăng, giảm", "“–” ở cột quý", "Tăng, giảm: tổng điểm so với kỳ trước"} {
		if !strings.Contains(text, w) {
			t.Errorf("document lacks %q", w)
		}
	}
}

func TestChartPicture(t *testing.T) {
	fs, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	r := reporttest.Result()
	ch := report.ChartOf(r, "quý III năm 2026", nil)
	b, w, h, err := drawChart(fs, &ch, portraitW)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if img.Bounds().Dx() != int(w*pxMM+0.5) || img.Bounds().Dy() != int(h*pxMM+0.5) || w != portraitW {
		t.Errorf("picture %v for %v × %v mm", img.Bounds(), w, h)
	}
	// every band colour of a bar and of the legend is painted
	seen := map[report.RGB]bool{}
	for y := 0; y < img.Bounds().Dy(); y += 2 {
		for x := 0; x < img.Bounds().Dx(); x += 2 {
			cr, cg, cb, _ := img.At(x, y).RGBA()
			seen[report.RGB{uint8(cr >> 8), uint8(cg >> 8), uint8(cb >> 8)}] = true
		}
	}
	for _, l := range ch.Legend {
		if !seen[l.Color] {
			t.Errorf("colour %v of %q not in the picture", l.Color, l.Text)
		}
	}
	// the same picture twice
	b2, _, _, _ := drawChart(fs, &ch, portraitW)
	if !bytes.Equal(b, b2) {
		t.Error("two drawings differ")
	}
	// long lists and upright labels draw too
	big := &score.Result{Campaign: r.Campaign}
	for i := 0; i < 120; i++ {
		big.Units = append(big.Units, score.UnitResult{Code: fmt.Sprintf("ĐƠN VỊ SỐ %d", i), Total: campaign.Points(10500 - 80*i), Band: "Tốt"})
	}
	ch = report.ChartOf(big, "năm 2026", nil)
	if _, _, h2, err := drawChart(fs, &ch, portraitW); err != nil || h2 < 5+plotH+15 {
		t.Errorf("upright labels: height %v, %v", h2, err)
	}
}

func TestMeasure(t *testing.T) {
	fs, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	// Liberation Serif's advances: "M" is 0.889 em, a space 0.25 em
	if w := fs.width(regular, 72, "M"); w < 25.4*0.888 || w > 25.4*0.890 {
		t.Errorf("M at 72 pt is %v mm", w)
	}
	if w := fs.width(bold, 10, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"); w < 60 || w > 90 {
		t.Errorf("national title at 10 pt is %v mm", w)
	}
	ls := fs.lines(regular, 14, "một hai ba bốn năm sáu bảy tám chín mười", 30)
	if len(ls) < 2 || strings.Join(ls, " ") != "một hai ba bốn năm sáu bảy tám chín mười" {
		t.Errorf("lines %q", ls)
	}
	for _, l := range ls {
		if fs.width(regular, 14, l) > 30.001 && strings.Contains(l, " ") {
			t.Errorf("line %q too wide", l)
		}
	}
}

// BenchmarkWrite1000 writes the document of 1,000 units.
func BenchmarkWrite1000(b *testing.B) {
	r := many(1000)
	m := meta()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Write(io.Discard, r, m); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWrite1000Sheets adds one scoring sheet per unit.
func BenchmarkWrite1000Sheets(b *testing.B) {
	r := many(1000)
	m := meta()
	m.UnitSheets = true
	for b.Loop() {
		if _, err := Write(io.Discard, r, m); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWrite1000Default writes the document of 1,000 units scored on
// the default criteria table (six contents), as the PDF's BenchmarkWrite1000.
func BenchmarkWrite1000Default(b *testing.B) {
	var cfg struct {
		Campaign campaign.Campaign `yaml:"campaign"`
	}
	if err := yaml.Unmarshal(templates.DefaultConfig, &cfg); err != nil {
		b.Fatal(err)
	}
	r := manyOn(&cfg.Campaign, 1000)
	m := meta()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Write(io.Discard, r, m); err != nil {
			b.Fatal(err)
		}
	}
}

// many builds an n-unit result with long, varied names in three groups.
func many(n int) *score.Result { return manyOn(reporttest.Campaign(), n) }

// manyOn builds an n-unit result on the criteria table c.
func manyOn(c *campaign.Campaign, n int) *score.Result {
	r := &score.Result{Campaign: c, Period: vntext.Period{Year: 2026, Kind: vntext.Quarter, N: 1}}
	kinds := []string{"Phòng Quản lý chất lượng công trình giao thông", "Trung tâm Đăng kiểm xe cơ giới", "Ban Quản lý dự án đầu tư xây dựng", "Đội Thanh tra giao thông"}
	groups := []string{"Khối phòng chuyên môn", "Khối đơn vị sự nghiệp", "Khối đoàn thể"}
	for i := 0; i < n; i++ {
		q := campaign.Points(40 + (i*37)%60)
		leaves := map[string]reporttest.Leaf{}
		for _, row := range c.Rows() {
			if row.Leaf && row.Kind != campaign.KindBonus && row.Kind != campaign.KindDeduction {
				leaves[row.Code] = reporttest.Leaf{Self: row.Max * q / 100 / 25 * 25}
			}
		}
		u := reporttest.Unit(c, fmt.Sprintf("DV%04d", i+1), fmt.Sprintf("%s số %d", kinds[i%len(kinds)], i+1), groups[i%len(groups)], "phieu.xlsx", leaves)
		r.Units = append(r.Units, u)
	}
	for i := range r.Units {
		r.Units[i].Rank = i + 1
		r.Units[i].Band = c.Bands[min(i*len(c.Bands)/n, len(c.Bands)-1)].Label
	}
	return r
}

func TestAnnexByGroup(t *testing.T) {
	r := reporttest.Result()
	m := meta()
	m.Annex = report.AnnexByGroup
	m.Groups = []string{"Khối đoàn thể", "Khối phòng chuyên môn", "Khối đơn vị sự nghiệp"}
	ps, _ := parts(t, render(t, r, m))
	doc := string(ps["word/document.xml"])
	text := docText(t, ps["word/document.xml"])
	annex := text[strings.Index(text, "BẢNG TỔNG HỢP"):]
	if strings.Contains(annex, "Khối thi đua") {
		t.Error("the annex by group still has the group column")
	}
	// one table per group (and one for the unit with no group), each
	// after its heading, in roster order
	want := []string{"Khối đoàn thể\nSTT", "Khối phòng chuyên môn\nSTT", "Khối đơn vị sự nghiệp\nSTT", report.NoGroupHeading + "\nSTT"}
	at := 0
	for _, w := range want {
		i := strings.Index(annex[at:], w)
		if i < 0 {
			t.Fatalf("no %q after %d in %q", w, at, annex)
		}
		at += i
	}
	// the first group's table: its one unit, numbered 1
	if !strings.Contains(annex, "Hạng trong khối\n"+"Xếp loại\nGhi chú\n1\nCông đoàn cơ sở Sở\n") {
		t.Errorf("first group's table:\n%s", annex[:min(len(annex), 600)])
	}
	// the default annex: one table
	ps, _ = parts(t, render(t, r, meta()))
	if n, by := strings.Count(string(ps["word/document.xml"]), "<w:tbl>"), strings.Count(doc, "<w:tbl>"); by != n+3 {
		t.Errorf("tables: %d by group, %d by rank; want 3 more", by, n)
	}
}
