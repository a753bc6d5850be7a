package cli

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/thidua/thidua/internal/doctest"
)

// TestWordMatchesPDF prints the demo's Word document through LibreOffice
// and compares it with the demo's PDF, as a person comparing the two
// printouts would: the same words in the same order, A4 pages, the annex
// on landscape pages.
//
// The differences allowed, and only these:
//   - the page numbers at the top of each page (from page 2 of each
//     section) are set aside: they are a header, not the document's text;
//   - the text inside the chart (the scale, the values over the bars, the
//     units' labels and the legend) is part of the Word document's chart
//     picture, so it is dropped from the PDF's text between the chart's
//     title and the paragraph that follows the chart;
//   - Writer may break a line after the hyphen inside a word
//     ("Covid-" / "19"), which the PDF does not: a word ending in a hyphen
//     is joined to the next before comparing.
func TestWordMatchesPDF(t *testing.T) {
	soffice := doctest.Writer(t)
	doctest.Tool(t, "pdftotext")
	doctest.Tool(t, "pdfinfo")
	dir := t.TempDir()
	t.Chdir(dir)
	s, _, stderr := Test()
	if code := Main([]string{"report", "--demo", "--date", "2026-10-10", "--number", "15", "--format", "pdf,docx", "-q"}, s); code != 0 {
		t.Fatalf("demo exited %d\n%s", code, stderr)
	}
	out := filepath.Join(dir, "thidua-demo", "2026-Q3")
	pdf := doctest.Pages(t, filepath.Join(out, "bao-cao-2026-Q3.pdf"))
	word := doctest.Pages(t, doctest.ToPDF(t, soffice, filepath.Join(out, "bao-cao-2026-Q3.docx")))

	landscape := 0
	for i, p := range word {
		if !p.A4() {
			t.Errorf("Word page %d is %.1f × %.1f pt, not A4", i+1, p.W, p.H)
		}
		if p.Landscape() {
			landscape++
		}
	}
	if landscape == 0 {
		t.Error("no landscape page in the Word document")
	}
	// the annex starts on a landscape page, with its title and the table's header
	for i, p := range word {
		if len(p.Words) > 0 && p.Words[0] == "Phụ" && !p.Landscape() {
			t.Errorf("the annex starts on portrait page %d", i+1)
		}
	}

	a, b := documentWords(t, pdf), documentWords(t, word)
	a = withoutChartText(t, a, b)
	a, b = joinHyphens(a), joinHyphens(b)
	if d := firstDifference(a, b); d >= 0 {
		t.Errorf("the Word document's text differs from the PDF's at word %d:\n PDF:  …%s…\n Word: …%s…",
			d, strings.Join(a[max(0, d-12):min(len(a), d+12)], " "), strings.Join(b[max(0, d-12):min(len(b), d+12)], " "))
	}
	if len(b) < 500 {
		t.Errorf("only %d words compared", len(b))
	}
}

var digits = regexp.MustCompile(`^\d+$`)

// documentWords joins the pages' words, each page's number (its first word
// when that is a number, on every page but a section's first) set aside.
func documentWords(t *testing.T, pages []doctest.Page) []string {
	t.Helper()
	var out []string
	for i, p := range pages {
		w := p.Words
		first := i == 0 || (len(w) > 0 && w[0] == "Phụ")
		if !first && len(w) > 0 && digits.MatchString(w[0]) {
			w = w[1:]
		}
		out = append(out, w...)
	}
	return out
}

// withoutChartText drops from the PDF's words what its chart draws as
// text: after the chart's title (the words both documents share from "Biểu
// đồ tổng điểm …" on) up to where the Word document's text goes on after
// the picture.
func withoutChartText(t *testing.T, a, b []string) []string {
	t.Helper()
	title := strings.Fields("Biểu đồ tổng điểm của các đơn vị")
	ia, ib := index(a, title, 0), index(b, title, 0)
	if ia < 0 || ib < 0 {
		t.Fatalf("chart title missing: PDF at %d, Word at %d", ia, ib)
	}
	n := 0 // the title (and note) both show as text
	for ia+n < len(a) && ib+n < len(b) && a[ia+n] == b[ib+n] {
		n++
	}
	after := b[ib+n : min(len(b), ib+n+8)]
	j := index(a, after, ia+n)
	if j < 0 {
		t.Fatalf("the text after the chart (%q) is not in the PDF", after)
	}
	out := append([]string(nil), a[:ia+n]...)
	return append(out, a[j:]...)
}

// index finds the words w in s from position from; -1 when absent.
func index(s, w []string, from int) int {
	for i := from; i+len(w) <= len(s); i++ {
		if equal(s[i:i+len(w)], w) {
			return i
		}
	}
	return -1
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// joinHyphens joins a word ending in a hyphen after a letter ("Covid-") to
// the next word.
func joinHyphens(s []string) []string {
	var out []string
	for i := 0; i < len(s); i++ {
		w := s[i]
		for len(w) > 1 && strings.HasSuffix(w, "-") && i+1 < len(s) {
			i++
			w += s[i]
		}
		out = append(out, w)
	}
	return out
}

// firstDifference is the index of the first word where a and b differ, -1
// when they are the same.
func firstDifference(a, b []string) int {
	for i := 0; i < min(len(a), len(b)); i++ {
		if a[i] != b[i] {
			return i
		}
	}
	if len(a) != len(b) {
		return min(len(a), len(b))
	}
	return -1
}

// TestWordPagePictures writes page pictures (70 dpi) of the demo's Word
// document printed by LibreOffice (bao-cao-docx-trang-1.png,
// bao-cao-docx-phu-luc.png) and of its PDF (bao-cao-trang-1.png,
// bao-cao-phu-luc.png) when THIDUA_PAGE_PICTURES names a directory: the
// pictures of docs/img. It does nothing otherwise.
func TestWordPagePictures(t *testing.T) {
	dir := os.Getenv("THIDUA_PAGE_PICTURES")
	if dir == "" {
		t.Skip("set THIDUA_PAGE_PICTURES=DIR to write page pictures")
	}
	dir, _ = filepath.Abs(dir)
	soffice := doctest.Writer(t)
	pdftoppm := doctest.Tool(t, "pdftoppm")
	t.Chdir(t.TempDir())
	s, _, stderr := Test()
	if code := Main([]string{"report", "--demo", "--date", "2026-10-10", "--number", "15", "--format", "pdf,docx", "-q"}, s); code != 0 {
		t.Fatalf("demo exited %d\n%s", code, stderr)
	}
	out := filepath.Join("thidua-demo", "2026-Q3")
	word := doctest.ToPDF(t, soffice, filepath.Join(out, "bao-cao-2026-Q3.docx"))
	for _, doc := range []struct{ name, pdf string }{{"bao-cao-docx-", word}, {"bao-cao-", filepath.Join(out, "bao-cao-2026-Q3.pdf")}} {
		pages := doctest.Pages(t, doc.pdf)
		annex := 0
		for i, p := range pages {
			if p.Landscape() {
				annex = i + 1
				break
			}
		}
		for _, pg := range []struct {
			n    int
			what string
		}{{1, "trang-1"}, {annex, "phu-luc"}} {
			prefix := filepath.Join(dir, doc.name+pg.what)
			if err := runCmd(pdftoppm, "-png", "-r", "70", "-singlefile", "-f", fmt.Sprint(pg.n), "-l", fmt.Sprint(pg.n), doc.pdf, prefix); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// runCmd runs a command, its output in the error.
func runCmd(name string, args ...string) error {
	if out, err := exec.Command(name, args...).CombinedOutput(); err != nil {
		return fmt.Errorf("%s %v: %v\n%s", name, args, err, out)
	}
	return nil
}
