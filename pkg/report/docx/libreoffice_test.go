package docx

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/thidua/thidua/internal/doctest"
)

// TestLibreOffice prints a document of 60 units through LibreOffice
// Writer: A4 pages, page numbers from page 2 of each section (none on the
// first), the annex on landscape pages, and the annex table's header row
// at the top of every page the table runs on.
func TestLibreOffice(t *testing.T) {
	soffice := doctest.Writer(t)
	doctest.Tool(t, "pdftotext")
	doctest.Tool(t, "pdfinfo")
	path := filepath.Join(t.TempDir(), "bao-cao.docx")
	if err := os.WriteFile(path, render(t, many(60), meta()), 0o644); err != nil {
		t.Fatal(err)
	}
	pages := doctest.Pages(t, doctest.ToPDF(t, soffice, path))
	header := "STT Đơn vị Khối thi đua ND1 (20) ND2 (80) Điểm thưởng Điểm trừ Tổng điểm Xếp hạng Hạng trong khối Xếp loại"

	annex := -1
	for i, p := range pages {
		if !p.A4() {
			t.Errorf("page %d is %.1f × %.1f pt, not A4", i+1, p.W, p.H)
		}
		if annex < 0 && p.Landscape() {
			annex = i
		}
	}
	if annex < 1 || len(pages)-annex < 2 {
		t.Fatalf("%d pages, the annex from page %d: want a main text and an annex of two pages or more", len(pages), annex+1)
	}
	if txt := pages[0].Text(); !strings.HasPrefix(txt, "UBND TỈNH HÀ NAM") {
		t.Errorf("page 1 starts with %q", txt[:min(60, len(txt))])
	}
	for i := 1; i < annex; i++ {
		if p := pages[i]; p.Landscape() || len(p.Words) == 0 || p.Words[0] != itoa(i+1) {
			t.Errorf("page %d (landscape %v) does not start with its number: %q", i+1, p.Landscape(), p.Text()[:min(40, len(p.Text()))])
		}
	}
	first := pages[annex].Text()
	if !strings.HasPrefix(first, "Phụ lục BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM THI ĐUA QUÝ I NĂM 2026 (Kèm theo Báo cáo số 15/BC-SGTVT ngày 10/10/2026 của Sở Giao thông vận tải) "+header+" 1 ") {
		t.Errorf("the annex's first page starts with %q", first[:min(300, len(first))])
	}
	repeated := 0
	for i := annex + 1; i < len(pages); i++ {
		p := pages[i]
		if !p.Landscape() {
			t.Errorf("annex page %d is portrait", i+1)
		}
		// the page number restarts in the annex: its second page is 2
		want := itoa(i-annex+1) + " "
		txt := p.Text()
		if !strings.HasPrefix(txt, want) {
			t.Errorf("annex page %d starts with %q, want its number %q", i+1, txt[:min(30, len(txt))], want)
			continue
		}
		txt = strings.TrimPrefix(txt, want)
		if strings.HasPrefix(txt, "Ghi chú:") || strings.HasPrefix(txt, "- ND") {
			continue // only the notes under the table
		}
		if !strings.HasPrefix(txt, header+" ") {
			t.Errorf("annex page %d does not start with the table's header row: %q", i+1, txt[:min(120, len(txt))])
		}
		repeated++
	}
	if repeated == 0 {
		t.Error("the annex table fits one page: no repeated header row was seen")
	}
}

func itoa(i int) string { return strconv.Itoa(i) }
