// Package doctest reads the documents thidua writes the way a person gets
// them: a Word file printed to PDF by LibreOffice, and a PDF's pages, text
// and page sizes through poppler (pdftotext, pdfinfo). The tests that use
// it are skipped where the tools are not installed; CI installs them
// (.ci/run: libreoffice-writer-nogui, poppler-utils).
package doctest

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Tool returns the path of a command, skipping the test when it is not
// installed.
func Tool(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Skipf("%s not installed (apt-get install poppler-utils)", name)
	}
	return p
}

// Writer returns the LibreOffice binary, skipping the test when LibreOffice
// or its Writer (the part that opens .docx) is not installed.
func Writer(t testing.TB) string {
	t.Helper()
	bin, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice not installed (apt-get install libreoffice-writer-nogui)")
	}
	real, err := filepath.EvalSymlinks(bin)
	if err != nil {
		real = bin
	}
	dir := filepath.Dir(real)
	if m, _ := filepath.Glob(filepath.Join(dir, "libswlo.*")); len(m) == 0 {
		if m, _ := filepath.Glob(filepath.Join(dir, "..", "lib", "libswlo.*")); len(m) == 0 {
			t.Skip("LibreOffice Writer not installed (apt-get install libreoffice-writer-nogui)")
		}
	}
	return bin
}

// ToPDF prints a document to PDF with LibreOffice (its own profile, so
// that tests may run beside another LibreOffice) and returns the PDF's
// path.
func ToPDF(t testing.TB, soffice, doc string) string {
	t.Helper()
	out := t.TempDir()
	profile := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation=file://"+filepath.ToSlash(profile), "--headless", "--norestore",
		"--convert-to", "pdf", "--outdir", out, doc)
	cmd.Env = append(os.Environ(), "HOME="+profile)
	b, err := cmd.CombinedOutput()
	pdf := filepath.Join(out, strings.TrimSuffix(filepath.Base(doc), filepath.Ext(doc))+".pdf")
	if _, serr := os.Stat(pdf); err != nil || serr != nil {
		t.Fatalf("soffice --convert-to pdf %s: %v\n%s", doc, err, b)
	}
	return pdf
}

func run(t testing.TB, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(Tool(t, name), args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
	return string(out)
}

// Page is one page of a PDF: its size in points and its words in drawing
// order (pdftotext -raw, white space collapsed).
type Page struct {
	W, H  float64
	Words []string
}

// A4 reports whether the page is A4, either way up (within a point).
func (p Page) A4() bool {
	w, h := min(p.W, p.H), max(p.W, p.H)
	return w > 594 && w < 596.3 && h > 841 && h < 843
}

// Landscape reports whether the page is wider than high.
func (p Page) Landscape() bool { return p.W > p.H }

// Text is the page's words joined by single spaces.
func (p Page) Text() string { return strings.Join(p.Words, " ") }

var sizeRE = regexp.MustCompile(`(?m)^Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+) pts`)

// Pages reads every page of a PDF.
func Pages(t testing.TB, pdf string) []Page {
	t.Helper()
	info := run(t, "pdfinfo", "-f", "1", "-l", "100000", pdf)
	var pages []Page
	for _, m := range sizeRE.FindAllStringSubmatch(info, -1) {
		w, _ := strconv.ParseFloat(m[2], 64)
		h, _ := strconv.ParseFloat(m[3], 64)
		pages = append(pages, Page{W: w, H: h})
	}
	if len(pages) == 0 {
		t.Fatalf("pdfinfo %s: no pages\n%s", pdf, info)
	}
	// one pdftotext run; pages end with a form feed
	text := run(t, "pdftotext", "-raw", "-enc", "UTF-8", pdf, "-")
	for i, pt := range strings.Split(text, "\f") {
		if i < len(pages) {
			pages[i].Words = strings.Fields(pt)
		}
	}
	return pages
}
