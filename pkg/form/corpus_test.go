package form_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"fmt"
	"hash/crc32"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/thidua/thidua/pkg/campaign"
	"github.com/thidua/thidua/pkg/diag"
	"github.com/thidua/thidua/pkg/form"
	"github.com/thidua/thidua/pkg/score"
	"github.com/thidua/thidua/pkg/submission"
)

// Outcomes of a corpus file.
const (
	ok      = "ok"       // read, no warning or error (notes allowed)
	warned  = "warned"   // read with warnings, no error
	reject  = "rejected" // an error: the form is not scored
	skipped = "skipped"  // not a form: thidua's own output (TD124), listed as skipped
)

// corpusCase is a bad input and what reading it must give: its status and
// the diagnostic code that explains it ("" for ok).
type corpusCase struct {
	file   string
	status string
	code   string
}

// corpusCases are the committed files of testdata/corpus (see
// corpus_gen_test.go for how each is made).
var corpusCases = []corpusCase{
	{"good-a.xlsx", ok, ""},
	{"good-b.xlsx", ok, ""},
	{"sheet-renamed.xlsx", ok, ""}, // the scoring sheet is found by its header, the labels on the renamed info sheet
	{"header-missing.xlsx", reject, "TD108"},
	{"two-header-rows.xlsx", ok, ""},
	{"codes-twice.xlsx", warned, "TD215"},
	{"scores-wrong-column.xlsx", warned, "TD218"},
	{"date-odd-format.xlsx", warned, "TD211"},
	{"date-text-iso.xlsx", warned, "TD211"},
	{"period-unreadable.xlsx", warned, "TD210"},
	{"huge-strings.xlsx", ok, ""},
	{"huge-unit-name.xlsx", ok, ""},
	{"control-chars.xlsx", ok, ""},
	{"formula-injection.xlsx", ok, ""},
	{"external-link.xlsx", warned, "TD219"},
	{"macro.xlsm", ok, ""},
	{"images.xlsx", ok, ""},
	{"comments.xlsx", ok, ""},
	{"hidden-rows.xlsx", ok, ""},
	{"over-max.xlsx", reject, "TD204"},
	{"negative.xlsx", reject, "TD206"},
	{"not-a-number.xlsx", reject, "TD203"},
	{"no-unit.xlsx", reject, "TD201"},
	{"blank-form.xlsx", warned, "TD218"},
	{"unknown-code.xlsx", warned, "TD208"},
	{"rows-missing.xlsx", warned, "TD216"},
	{"other-campaign.xlsx", warned, "TD111"},
	{"other-table.xlsx", reject, "TD110"},
	{"formula-self-ref.xlsx", warned, "TD219"},
	{"formula-whole-sheet.xlsx", warned, "TD219"},
	{"truncated.xlsx", reject, "TD104"},
	{"empty.xlsx", reject, "TD101"},
	{"pdf-renamed.xlsx", reject, "TD102"},
	{"html-saved-as.xls", reject, "TD102"},
	{"csv-renamed.xlsx", reject, "TD102"},
	{"docx-renamed.xlsx", reject, "TD102"},
	{"xlsx-inside-zip.xlsx", reject, "TD119"},
	{"xlsb-renamed.xlsx", reject, "TD123"},
	{"password.xlsx", reject, "TD103"},
	{"excel95.xls", reject, "TD118"},
	{"word-doc.xls", reject, "TD102"},
	{"zip-lying-sizes.xlsx", reject, "TD104"},
	{"zip-duplicate-entries.xlsx", reject, "TD104"},
	{"zip-slip.xlsx", ok, ""},
	{"xml-entity-bomb.xlsx", reject, "TD120"},
	{"deep-nesting.xlsx", reject, "TD120"},
	{"many-sheets.xlsx", ok, ""},
	{"cell-xfd1048576.xlsx", ok, ""},
	{"sheet-cut-mid-row.xlsx", reject, "TD120"},
	{"info-malformed.xlsx", reject, "TD120"},
	{"boolean-score.xlsx", reject, "TD203"},
	{"formula-chain-deep.xlsx", warned, "TD223"},
	{"unknown-codes-many.xlsx", warned, "TD131"},
	{"spreadsheet.ods", reject, "TD123"},
	{"thidua-output.xlsx", skipped, "TD124"},
	{"review-only.xlsx", skipped, "TD124"},
}

// statusOf classifies a submission's diagnostics.
func statusOf(l diag.List) string {
	switch {
	case l.HasErrors():
		return reject
	case l.Count(diag.Warning) > 0:
		return warned
	}
	return ok
}

func hasCode(l diag.List, code string) bool {
	for _, d := range l {
		if d.Code == code {
			return true
		}
	}
	return false
}

// readTimed reads path and fails the test when the read takes longer than
// limit (it is not waited for beyond 30 s).
func readTimed(t *testing.T, c *campaign.Campaign, path string, limit time.Duration) *submission.Submission {
	t.Helper()
	if raceEnabled {
		limit *= 10 // the race detector slows reads down several times over
	}
	done := make(chan *submission.Submission, 1)
	start := time.Now()
	go func() {
		done <- form.Read(context.Background(), path, form.ReadOptions{Campaign: c, TmpDir: t.TempDir()})
	}()
	select {
	case s := <-done:
		if el := time.Since(start); el > limit {
			t.Errorf("%s: read in %v, limit %v", filepath.Base(path), el.Round(time.Millisecond), limit)
		}
		return s
	case <-time.After(30 * time.Second):
		t.Fatalf("%s: read still running after 30 s", filepath.Base(path))
	}
	return nil
}

func checkCase(t *testing.T, s *submission.Submission, status, code string) {
	t.Helper()
	if status == skipped {
		if len(s.Diags) != 1 || s.Diags[0].Code != code || len(s.Lines) != 0 {
			t.Errorf("not skipped with %s: %d lines%s", code, len(s.Lines), dump(s.Diags))
		}
		return
	}
	if got := statusOf(s.Diags); got != status {
		t.Errorf("status %s, want %s:%s", got, status, dump(s.Diags))
	}
	if code != "" && !hasCode(s.Diags, code) {
		t.Errorf("no %s:%s", code, dump(s.Diags))
	}
	for _, d := range s.Diags {
		if d.File != s.Path {
			t.Errorf("diagnostic %s names %q, not the file", d.Code, d.File)
		}
		if d.Code == "TD106" && strings.Contains(fmt.Sprint(d.Args...), "runtime error") {
			t.Errorf("the reader panicked: %v", d.Args)
		}
	}
}

// TestCorpus reads every committed bad input: each gives its status and
// diagnostic, in bounded time, and nothing in the directory is left
// unlisted.
func TestCorpus(t *testing.T) {
	c := defaultCampaign(t)
	listed := map[string]bool{}
	for _, tc := range corpusCases {
		listed[tc.file] = true
		t.Run(tc.file, func(t *testing.T) {
			s := readTimed(t, c, filepath.Join(corpusDir, tc.file), 5*time.Second)
			checkCase(t, s, tc.status, tc.code)
		})
	}
	entries, err := os.ReadDir(corpusDir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) < 30 {
		t.Errorf("corpus has %d files, want at least 30", len(entries))
	}
	for _, e := range entries {
		if !listed[e.Name()] {
			t.Errorf("%s is in the corpus but has no expected outcome", e.Name())
		}
	}
	if _, err := os.Stat("/tmp/thidua-zip-slip.txt"); err == nil {
		t.Error("zip-slip.xlsx wrote outside its temporary directory")
	}
}

// TestCorpusControls: control characters and bidirectional overrides are
// taken out of the unit's text.
func TestCorpusControls(t *testing.T) {
	s := readTimed(t, defaultCampaign(t), filepath.Join(corpusDir, "control-chars.xlsx"), 5*time.Second)
	if strings.ContainsAny(s.Unit, "\u202e\x07") {
		t.Errorf("unit %q keeps control characters", s.Unit)
	}
	if ln, _ := s.Line("1.2"); strings.ContainsRune(ln.Note, 0) {
		t.Errorf("note %q keeps a NUL", ln.Note)
	}
}

// TestCorpusExternalLink: a formula linking to a workbook on a web server
// is not calculated and the server is never asked for it.
func TestCorpusExternalLink(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
	defer srv.Close()
	data, err := os.ReadFile(filepath.Join(corpusDir, "external-link.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	parts := rezip(t, data, func(n string, b []byte) []byte {
		return bytes.ReplaceAll(b, []byte(externalURL), []byte(srv.URL+"/thidua-external.xlsx"))
	})
	p := filepath.Join(t.TempDir(), "external.xlsx")
	if err := os.WriteFile(p, writeZip(t, parts), 0o644); err != nil {
		t.Fatal(err)
	}
	s := readTimed(t, defaultCampaign(t), p, 5*time.Second)
	checkCase(t, s, warned, "TD219")
	if n := hits.Load(); n != 0 {
		t.Errorf("the external link was fetched %d times", n)
	}
}

// TestCorpusMacro: the macro's source is never looked at, let alone run;
// the cells are read as in any workbook.
func TestCorpusMacro(t *testing.T) {
	s := readTimed(t, defaultCampaign(t), filepath.Join(corpusDir, "macro.xlsm"), 5*time.Second)
	checkCase(t, s, ok, "")
	if len(s.Lines) == 0 || s.Unit == "" {
		t.Errorf("macro workbook not read: %d lines, unit %q", len(s.Lines), s.Unit)
	}
}

// peakHeap runs fn and returns the largest heap seen while it ran.
func peakHeap(fn func()) uint64 {
	runtime.GC()
	var peak atomic.Uint64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapAlloc > peak.Load() {
				peak.Store(ms.HeapAlloc)
			}
			select {
			case <-stop:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}()
	fn()
	close(stop)
	wg.Wait()
	return peak.Load()
}

// replaceSheetData rewrites the scoring sheet of a good form: tail is put
// right before </sheetData>.
func replaceSheetData(t *testing.T, c *campaign.Campaign, tail string) []byte {
	t.Helper()
	f := corpusForm(c)
	f.Layout.Template = true
	b := mustForm(t, f)
	done := false
	parts := rezip(t, b, func(n string, d []byte) []byte {
		// The template's second sheet, "Chấm điểm" (see TestCorpusGenerate's good-a.xlsx).
		if n == "xl/worksheets/sheet2.xml" && bytes.Contains(d, []byte("<f>")) {
			done = true
			return bytes.Replace(d, []byte("</sheetData>"), []byte(tail+"</sheetData>"), 1)
		}
		return d
	})
	if !done {
		t.Fatal("no scoring sheet")
	}
	return writeZip(t, parts)
}

// TestCorpusBuilt covers the inputs too big or too odd to commit: they are
// made here, read in bounded time and memory, and give their diagnostic.
func TestCorpusBuilt(t *testing.T) {
	c := defaultCampaign(t)
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}

	t.Run("million-styled-empty-rows", func(t *testing.T) {
		b := make([]byte, 0, 40<<20)
		for r := 200; r <= 1048576; r++ {
			b = append(b, `<row r="`...)
			b = strconv.AppendInt(b, int64(r), 10)
			b = append(b, `" s="1" customFormat="1"/>`...)
		}
		p := write("million-rows.xlsx", replaceSheetData(t, c, string(b)))
		var s *submission.Submission
		peak := peakHeap(func() { s = readTimed(t, c, p, 10*time.Second) })
		checkCase(t, s, ok, "")
		if len(s.Lines) == 0 {
			t.Error("the form's rows were not read")
		}
		if peak > 512<<20 {
			t.Errorf("peak heap %d MB reading a million empty rows", peak>>20)
		}
		t.Logf("peak heap %d MB", peak>>20)
	})

	t.Run("16384-columns", func(t *testing.T) {
		var b strings.Builder
		b.WriteString(`<row r="300">`)
		for col := 1; col <= 16384; col++ {
			fmt.Fprintf(&b, `<c r="%s300" t="inlineStr"><is><t>ô</t></is></c>`, colName(col))
		}
		b.WriteString(`</row>`)
		p := write("wide.xlsx", replaceSheetData(t, c, b.String()))
		s := readTimed(t, c, p, 5*time.Second)
		checkCase(t, s, ok, "")
	})

	t.Run("zip-bomb", func(t *testing.T) {
		// 256 MB of zeros in a quarter of a megabyte; headers honest.
		p := write("bomb.xlsx", zeroBomb(t, 256, 0))
		s := readTimed(t, c, p, time.Second)
		checkCase(t, s, reject, "TD105")
	})

	t.Run("zip-bomb-lying", func(t *testing.T) {
		// The same bomb with headers claiming 1 KB.
		p := write("bomb-lying.xlsx", zeroBomb(t, 256, 1024))
		s := readTimed(t, c, p, time.Second)
		checkCase(t, s, reject, "TD104")
	})

	t.Run("zip-bomb-many-entries", func(t *testing.T) {
		// Honest small entries that add up beyond the limit of a read.
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		w, _ := zw.Create("xl/workbook.xml")
		w.Write([]byte("<workbook/>"))
		comp, sum := zeroDeflate(1), zeroCRC(1)
		for i := 0; i < 100; i++ {
			h := &zip.FileHeader{Name: fmt.Sprintf("xl/media/image%d.png", i), Method: zip.Deflate}
			h.CRC32, h.UncompressedSize64 = sum, 1<<20
			h.CompressedSize64 = uint64(len(comp))
			w, err := zw.CreateRaw(h)
			if err != nil {
				t.Fatal(err)
			}
			w.Write(comp)
		}
		zw.Close()
		p := write("bomb-many.xlsx", buf.Bytes())
		s := readTimed(t, c, p, time.Second)
		checkCase(t, s, reject, "TD105")
	})

	t.Run("too-large-file", func(t *testing.T) {
		f, err := os.Create(filepath.Join(dir, "huge.xlsx"))
		if err != nil {
			t.Fatal(err)
		}
		f.Write([]byte("PK\x03\x04"))
		if err := f.Truncate(form.DefaultMaxFileSize + 1); err != nil {
			t.Fatal(err)
		}
		f.Close()
		s := readTimed(t, c, f.Name(), 2*time.Second)
		checkCase(t, s, reject, "TD109")
	})

	t.Run("directory-named-xlsx", func(t *testing.T) {
		p := filepath.Join(dir, "thu-muc.xlsx")
		if err := os.Mkdir(p, 0o755); err != nil {
			t.Fatal(err)
		}
		s := readTimed(t, c, p, time.Second)
		checkCase(t, s, reject, "TD102")
	})

	t.Run("symlink-loop", func(t *testing.T) {
		p := filepath.Join(dir, "vong-lap.xlsx")
		if err := os.Symlink("vong-lap.xlsx", p); err != nil {
			t.Skip(err)
		}
		s := readTimed(t, c, p, time.Second)
		checkCase(t, s, reject, "TD115")
	})

	t.Run("unreadable", func(t *testing.T) {
		p := filepath.Join(dir, "khong-doc-duoc.xlsx")
		if err := os.WriteFile(p, mustForm(t, corpusForm(c)), 0); err != nil {
			t.Fatal(err)
		}
		if os.Geteuid() == 0 {
			t.Skip("root reads any file: see TestUnreadableAsUser")
		}
		s := readTimed(t, c, p, time.Second)
		checkCase(t, s, reject, "TD115")
	})
}

// zeroDeflate returns a deflate stream of mb megabytes of zeros, made
// without compressing them all: after the first megabyte, every flushed
// megabyte of zeros compresses to the same bytes.
func zeroDeflate(mb int) []byte {
	var buf bytes.Buffer
	w, _ := flate.NewWriter(&buf, flate.BestCompression)
	chunk := make([]byte, 1<<20)
	next := func() []byte {
		buf.Reset()
		w.Write(chunk)
		w.Flush()
		return append([]byte(nil), buf.Bytes()...)
	}
	out := next()
	var steady []byte
	for i := 1; i < mb; i++ {
		if steady == nil {
			b := next()
			if c := next(); bytes.Equal(b, c) && i+1 < mb {
				steady = c
				out = append(append(out, b...), c...)
				i++
				continue
			}
			out = append(out, b...)
			continue
		}
		out = append(out, steady...)
	}
	buf.Reset()
	w.Close()
	return append(out, buf.Bytes()...)
}

// zeroCRC is the CRC-32 of mb megabytes of zeros.
func zeroCRC(mb int) uint32 {
	chunk := make([]byte, 1<<20)
	var c uint32
	for i := 0; i < mb; i++ {
		c = crc32.Update(c, crc32.IEEETable, chunk)
	}
	return c
}

// zeroBomb is a workbook-looking zip whose sheet is mb megabytes of zeros;
// claim, when not 0, is the (lying) size its headers state.
func zeroBomb(t *testing.T, mb int, claim uint64) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("xl/workbook.xml")
	w.Write([]byte("<workbook/>"))
	comp := zeroDeflate(mb)
	h := &zip.FileHeader{Name: "xl/worksheets/sheet1.xml", Method: zip.Deflate, CRC32: zeroCRC(mb),
		CompressedSize64: uint64(len(comp)), UncompressedSize64: uint64(mb) << 20}
	if claim != 0 {
		h.UncompressedSize64 = claim
	}
	w, err := zw.CreateRaw(h)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(comp)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestZeroBomb: the bomb's deflate stream does inflate to its size.
func TestZeroBomb(t *testing.T) {
	for _, mb := range []int{1, 2, 3, 7} {
		r := flate.NewReader(bytes.NewReader(zeroDeflate(mb)))
		n, err := io.Copy(io.Discard, r)
		if err != nil || n != int64(mb)<<20 {
			t.Errorf("%d MB: inflated %d bytes, %v", mb, n, err)
		}
	}
	b := zeroBomb(t, 3, 0)
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	rc, _ := zr.File[1].Open()
	if n, err := io.Copy(io.Discard, rc); err != nil || n != 3<<20 {
		t.Errorf("zip entry: %d bytes, %v", n, err)
	}
}

func colName(c int) string {
	s := ""
	for c > 0 {
		c--
		s = string(rune('A'+c%26)) + s
		c /= 26
	}
	return s
}

// TestUnreadableAsUser: a file its reader may not open is rejected with
// TD115. Run as root, the test runs itself again as the user nobody.
func TestUnreadableAsUser(t *testing.T) {
	if p := os.Getenv("THIDUA_UNREADABLE"); p != "" {
		s := form.Read(context.Background(), p, form.ReadOptions{Campaign: defaultCampaign(t), TmpDir: os.Getenv("THIDUA_UNREADABLE_TMP")})
		checkCase(t, s, reject, "TD115")
		return
	}
	if os.Geteuid() != 0 {
		t.Skip("covered by TestCorpusBuilt/unreadable")
	}
	rerunAsNobody(t, "TestUnreadableAsUser", func(dir string) []string {
		p := filepath.Join(dir, "khong-doc-duoc.xlsx")
		if err := os.WriteFile(p, mustForm(t, corpusForm(defaultCampaign(t))), 0); err != nil {
			t.Fatal(err)
		}
		os.Chmod(p, 0)
		return []string{"THIDUA_UNREADABLE=" + p, "THIDUA_UNREADABLE_TMP=" + dir}
	})
}

// rerunAsNobody runs the test binary's test name again as the user nobody,
// in a directory nobody can use, with the environment setup returns (made
// in that directory), and fails unless it passes there. The caller is
// root.
func rerunAsNobody(t *testing.T, name string, setup func(dir string) []string) {
	t.Helper()
	dir, err := os.MkdirTemp("", "thidua-nobody-*")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	os.Chmod(dir, 0o777)
	bin := filepath.Join(dir, "form.test")
	self, err := os.Open(os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	out, err := os.OpenFile(bin, os.O_CREATE|os.O_WRONLY, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(out, self)
	self.Close()
	out.Close()
	env := setup(dir)
	cmd := exec.Command(bin, "-test.run", "^"+name+"$", "-test.v")
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), env...), "HOME="+dir, "XDG_CONFIG_HOME="+dir)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	b, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("as nobody: %v\n%s", err, b)
	}
	if !strings.Contains(string(b), "--- PASS: "+name) {
		t.Fatalf("as nobody the test did not run:\n%s", b)
	}
}

// TestCorpusMixed: the whole corpus read together with good forms, the way
// `thidua report` does: every file is listed exactly once with its own
// outcome, and the good forms' totals are what they are when read alone.
func TestCorpusMixed(t *testing.T) {
	c := defaultCampaign(t)
	dir := t.TempDir()
	entries, err := os.ReadDir(corpusDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(corpusDir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.Mkdir(filepath.Join(dir, "thu-muc.xlsx"), 0o755) // a folder is walked, not read
	os.Symlink("vong-lap.xlsx", filepath.Join(dir, "vong-lap.xlsx"))
	os.Symlink("da-xoa.xlsx", filepath.Join(dir, "mat-lien-ket.xlsx")) // dangling
	os.Symlink(".", filepath.Join(dir, "thu-muc.xlsx", "quay-lai"))

	run := func(paths ...string) *score.Result {
		inputs, err := form.Collect(paths, form.CollectOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if err := form.ReadAll(context.Background(), inputs, form.ReadOptions{Campaign: c, TmpDir: t.TempDir()}, 4, nil); err != nil {
			t.Fatal(err)
		}
		return score.Run(inputs, score.Options{Campaign: c})
	}
	alone := run(filepath.Join(dir, "good-a.xlsx"), filepath.Join(dir, "good-b.xlsx"))
	mixed := run(dir)

	// Every file exactly once.
	var want []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && d.Type()&os.ModeSymlink == 0 {
			want = append(want, p)
		}
		return nil
	})
	// The links are listed too: the two to no file rejected, the one to a
	// folder skipped (not followed).
	want = append(want, filepath.Join(dir, "vong-lap.xlsx"), filepath.Join(dir, "mat-lien-ket.xlsx"), filepath.Join(dir, "thu-muc.xlsx", "quay-lai"))
	got := map[string]int{}
	for _, f := range mixed.Files {
		got[f.Path]++
	}
	for _, p := range want {
		if got[p] != 1 {
			t.Errorf("%s listed %d times", p, got[p])
		}
	}
	if len(mixed.Files) != len(want) {
		t.Errorf("%d files listed, %d found", len(mixed.Files), len(want))
	}
	// Each corpus file keeps its outcome.
	expect := map[string]string{}
	for _, tc := range corpusCases {
		expect[filepath.Join(dir, tc.file)] = tc.status
	}
	expect[filepath.Join(dir, "vong-lap.xlsx")] = reject
	expect[filepath.Join(dir, "mat-lien-ket.xlsx")] = reject
	for _, f := range mixed.Files {
		if st, ok := expect[f.Path]; ok && st == reject && f.Status != submission.Rejected {
			t.Errorf("%s: %s, want rejected", filepath.Base(f.Path), f.Status)
		}
		if st, ok := expect[f.Path]; ok && st == skipped && f.Status != submission.Skipped {
			t.Errorf("%s: %s, want skipped", filepath.Base(f.Path), f.Status)
		}
	}
	// The good forms score as when read alone.
	totals := func(r *score.Result) map[string]campaign.Points {
		m := map[string]campaign.Points{}
		for _, u := range r.Units {
			m[u.Code] = u.Total
		}
		return m
	}
	a, m := totals(alone), totals(mixed)
	if len(a) != 2 {
		t.Fatalf("good forms alone: %v", a)
	}
	for code, tot := range a {
		if m[code] != tot {
			t.Errorf("unit %s: %s mixed with the corpus, %s alone", code, m[code], tot)
		}
	}
}
