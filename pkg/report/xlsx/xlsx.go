// Package xlsx writes the consolidated workbook of a scoring run
// (docs/outputs.md#workbook) and reads back the council's review sheet of
// an earlier one (docs/scoring.md#council-review).
//
// The workbook has the sheets "Tổng hợp" (one row per unit, frozen header,
// filter, band colours, A4 landscape print setup with repeated header
// rows), "Chi tiết" (one row per unit × row of the criteria table, with the
// source file and cell), "Thẩm định" (the council's review sheet: only the
// Thẩm định column is open, validated and pre-filled; per-unit totals are
// live formulas), "Kiểm tra" (every diagnostic and every review change),
// "Chưa nộp" (missing units), "Biểu đồ" (a native bar chart of totals in
// rank order, one colour per band) and "Nguồn" (every input file).
//
// Unit-provided text is always written as a string, never as a formula.
// The output is byte-identical for identical inputs and Meta.Date:
// document properties are fixed and the zip entries are written in a fixed
// order.
package xlsx

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"regexp"
	"runtime"
	"sort"
	"sync"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/thidua/thidua/pkg/diag"
	"github.com/thidua/thidua/pkg/report"
	"github.com/thidua/thidua/pkg/score"
	"github.com/thidua/thidua/pkg/vntext"
)

// Sheet names of the workbook. They are part of the product contract
// (docs/outputs.md#workbook); --review finds SheetReview by name (or by its header).
const (
	SheetSummary = "Tổng hợp"
	SheetDetail  = "Chi tiết"
	SheetReview  = "Thẩm định"
	SheetChecks  = "Kiểm tra"
	SheetMissing = "Chưa nộp"
	SheetChart   = "Biểu đồ"
	SheetSources = "Nguồn"
)

// ReviewHeader is the header row of the "Thẩm định" sheet
// (docs/outputs.md#review-sheet).
var ReviewHeader = []string{"Mã đơn vị", "Đơn vị", "Mã", "Nội dung", "Điểm tối đa", "Tự chấm", "Thẩm định", "Ghi chú thẩm định"}

// Output describes the workbook file of a run.
var Output = report.Output{Kind: "xlsx", Stem: "tong-hop",
	About: "bảng tổng hợp (Tổng hợp, Chi tiết, Thẩm định, Kiểm tra, Chưa nộp, Biểu đồ, Nguồn)"}

// Write writes the consolidated workbook of r to w, its headers and
// messages in m.Lang ("vi" by default, or "en"), the organisation's name
// (m.Org.Name) above the title and m.Date as the document's date (zero:
// a fixed date, so that the output stays reproducible). It reports no
// diagnostics.
func Write(w io.Writer, r *score.Result, m report.Meta) (diag.List, error) {
	if r == nil {
		return nil, errors.New("xlsx: no result to write")
	}
	f := excelize.NewFile()
	defer f.Close()
	// The archive goes straight to w: excelize's own buffer of the whole
	// file stays empty (it only holds the archive to patch zip64 headers,
	// which a workbook under 4 GiB never has).
	z := &sortedZip{w: w}
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return z })
	b := &book{f: f, r: r, m: m, lang: m.Lang, zip: z}
	if err := b.build(); err != nil {
		return nil, err
	}
	return nil, f.Write(w)
}

// book holds the state of one workbook being written.
type book struct {
	f    *excelize.File
	r    *score.Result
	m    report.Meta
	lang string
	st   styles
	zip  *sortedZip
}

func (b *book) t(key string, args ...any) string { return diag.T(b.lang, key, args...) }

func (b *book) build() error {
	f := b.f
	if err := f.SetSheetName("Sheet1", SheetSummary); err != nil {
		return err
	}
	for _, s := range []string{SheetDetail, SheetReview, SheetChecks, SheetMissing, SheetChart, SheetSources} {
		if _, err := f.NewSheet(s); err != nil {
			return err
		}
	}
	if err := b.makeStyles(); err != nil {
		return err
	}
	steps := []func() error{b.summary, b.detail, b.review, b.checks, b.missing, b.chart, b.sources, b.identity, b.props}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	// The first sheet is active as created. (SetActiveSheet would read
	// every streamed sheet back in.)
	// Recalculate on opening, so that the review totals are right even
	// after a tool that does not calculate edited the file.
	full := true
	return f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: &full})
}

// Identity is what a consolidated workbook says about itself in its hidden
// sheet SheetMeta: that thidua wrote it, for which campaign, criteria table
// (fingerprint) and period. --review checks it before using the council's
// edits, and the form collector recognises thidua's own outputs by it.
type Identity struct {
	Format      string // FormatResult
	Campaign    string
	Fingerprint string
	Period      vntext.Period // zero when the workbook does not say
	PeriodText  string        // as written
}

// SheetMeta is the hidden sheet holding the workbook's Identity, and
// FormatResult the format its "format" row names.
// The name differs from a form's hidden "_thidua" sheet, so that a form
// reader never takes the workbook for a form (pkg/form recognises thidua's
// outputs by this sheet).
const (
	SheetMeta    = "_thidua_ketqua"
	FormatResult = "thidua-ket-qua/1"
)

// identity writes the hidden sheet SheetMeta (key | value rows).
func (b *book) identity() error {
	f := b.f
	if _, err := f.NewSheet(SheetMeta); err != nil {
		return err
	}
	rows := [][2]string{{"format", FormatResult}, {"period", b.r.Period.Code()}}
	if c := b.r.Campaign; c != nil {
		rows = append(rows, [2]string{"campaign", c.Code}, [2]string{"fingerprint", c.Fingerprint()})
	}
	for i, r := range rows {
		if err := f.SetCellStr(SheetMeta, fmt.Sprintf("A%d", i+1), r[0]); err != nil {
			return err
		}
		if err := f.SetCellStr(SheetMeta, fmt.Sprintf("B%d", i+1), r[1]); err != nil {
			return err
		}
	}
	return f.SetSheetVisible(SheetMeta, false, true)
}

// props sets fixed document properties so that the same inputs give the
// same bytes.
func (b *book) props() error {
	p := &excelize.DocProperties{
		Creator:        "thidua",
		LastModifiedBy: "thidua",
		Title:          b.title(),
		Subject:        b.subject(),
		Language:       "vi-VN",
	}
	if b.lang == "en" {
		p.Language = "en"
	}
	if !b.m.Date.IsZero() {
		ts := b.m.Date.UTC().Format("2006-01-02T15:04:05Z")
		p.Created, p.Modified = ts, ts
	} else {
		p.Created, p.Modified = "2000-01-01T00:00:00Z", "2000-01-01T00:00:00Z"
	}
	return b.f.SetDocProps(p)
}

func (b *book) periodLabel() string {
	if b.lang == "en" {
		return b.r.Period.LabelEN()
	}
	return b.r.Period.Label()
}

func (b *book) title() string {
	return b.t("xlsx.title", upper(b.periodLabel()))
}

func (b *book) subject() string {
	if b.r.Campaign != nil {
		return b.r.Campaign.Name
	}
	return ""
}

// sortedZip is an excelize.ZipWriter that writes the entries on Close in a
// fixed order ([Content_Types].xml first, then by name), with fixed
// timestamps: excelize writes streamed sheets in map order, which would make
// two runs differ. Each entry is deflated as it is written and the
// compressed bytes wait in a temporary file (in memory when none can be
// made) until Close, so a workbook of 10,000 units does not hold its sheets
// in memory a second time.
//
// Deflating the two long sheets is a third of writing the workbook, so an
// entry is deflated in chunks of chunkSize bytes on all cores, the way pigz
// does: each chunk is compressed on its own and ended on a byte boundary
// (a sync flush), the last one with the final block, and the pieces,
// joined in order, are one valid deflate stream. The chunks are cut at
// fixed offsets of the entry, so the bytes do not depend on how excelize
// splits its writes or on the number of cores.
type sortedZip struct {
	w       io.Writer
	entries []*zipEntry
	open    *zipEntry                        // the entry being written, nil when none
	chunk   []byte                           // the open entry's bytes not yet handed to a worker
	pending []*deflateJob                    // the open entry's chunks being deflated, in order
	workers chan struct{}                    // one token per core
	splices map[string]func(io.Writer) error // rows to put in a sheet, by entry name (see splice)
	spill   *os.File                         // the compressed entries, one after another
	mem     bytes.Buffer                     // the same when no temporary file could be made
	end     int64                            // bytes written to spill or mem
	spillOK bool                             // spill was tried
}

type zipEntry struct {
	name   string
	fill   func(io.Writer) error // rows still to put before </sheetData>
	carry  []byte                // the end of the last write, which may begin </sheetData>
	raw    []byte                // [Content_Types].xml, kept as written and reordered on Close
	isRaw  bool
	offset int64 // of the compressed bytes in the spill
	length int64
	crc    uint32
	size   uint64
}

// zipLevel is archive/zip's own deflate level.
const zipLevel = 5

// chunkSize is how much of an entry one worker deflates at a time: large
// enough that starting each chunk without the previous one's window costs
// under a percent of size, small enough that a sheet of 1,000 units (19 MB
// of XML) keeps both cores of a small machine busy. (A variable so that a
// test can make it small.)
var chunkSize = 1 << 20

// deflateJob is one chunk of an entry being deflated.
type deflateJob struct {
	done chan struct{}
	out  []byte
	err  error
}

var flatePool = sync.Pool{New: func() any {
	w, _ := flate.NewWriter(io.Discard, zipLevel)
	return w
}}

// deflateChunk compresses one chunk; a chunk that is not the last ends with
// a sync flush, so that the next chunk's blocks may follow it.
func deflateChunk(data []byte, last bool) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(len(data)/8 + 64)
	fw := flatePool.Get().(*flate.Writer)
	defer flatePool.Put(fw)
	fw.Reset(&buf)
	if _, err := fw.Write(data); err != nil {
		return nil, err
	}
	var err error
	if last {
		err = fw.Close()
	} else {
		err = fw.Flush()
	}
	return buf.Bytes(), err
}

// spillWriter appends to the temporary file or the memory buffer.
type spillWriter struct{ z *sortedZip }

func (w spillWriter) Write(p []byte) (int, error) {
	z := w.z
	var n int
	var err error
	if z.spill != nil {
		n, err = z.spill.Write(p)
	} else {
		n, err = z.mem.Write(p)
	}
	z.end += int64(n)
	return n, err
}

// Create starts a new entry; the previous one is complete.
func (z *sortedZip) Create(name string) (io.Writer, error) {
	if err := z.finish(); err != nil {
		return nil, err
	}
	e := &zipEntry{name: name, isRaw: name == "[Content_Types].xml"}
	z.entries = append(z.entries, e)
	if e.isRaw {
		return &rawWriter{e: e}, nil
	}
	if !z.spillOK {
		z.spillOK = true
		if f, err := os.CreateTemp("", "thidua-xlsx-*"); err == nil {
			z.spill = f
		}
	}
	if z.workers == nil {
		z.workers = make(chan struct{}, runtime.GOMAXPROCS(0))
	}
	e.offset = z.end
	if fill, ok := z.splices[name]; ok {
		e.fill = fill
		delete(z.splices, name)
	}
	z.open = e
	z.chunk = z.chunk[:0]
	return &entryWriter{z: z, e: e}, nil
}

// splice has fill write more rows into the worksheet entry name as it is
// written: they go just before its "</sheetData>" (the first, and the only
// one: cell text is escaped), after the rows excelize wrote.
func (z *sortedZip) splice(name string, fill func(io.Writer) error) {
	if z.splices == nil {
		z.splices = map[string]func(io.Writer) error{}
	}
	z.splices[name] = fill
}

var sheetDataEnd = []byte("</sheetData>")

// submit hands a full chunk of the open entry to a worker, first writing
// out finished chunks so that no more than two per core wait in memory.
func (z *sortedZip) submit() error {
	for len(z.pending) >= 2*cap(z.workers) {
		if err := z.drainOne(); err != nil {
			return err
		}
	}
	job := &deflateJob{done: make(chan struct{})}
	data := z.chunk
	z.chunk = make([]byte, 0, chunkSize)
	z.pending = append(z.pending, job)
	z.workers <- struct{}{}
	go func() {
		defer close(job.done)
		job.out, job.err = deflateChunk(data, false)
		<-z.workers
	}()
	return nil
}

// drainOne waits for the oldest chunk being deflated and writes it out.
func (z *sortedZip) drainOne() error {
	job := z.pending[0]
	z.pending = z.pending[1:]
	<-job.done
	if job.err != nil {
		return job.err
	}
	_, err := spillWriter{z}.Write(job.out)
	return err
}

// finish completes the entry being written: the chunks in order, then the
// rest of the entry as the last chunk.
func (z *sortedZip) finish() error {
	e := z.open
	if e == nil {
		return nil
	}
	if e.fill != nil {
		return errors.New("xlsx: no </sheetData> in " + e.name + " to put its rows before")
	}
	z.open = nil
	var err error
	for len(z.pending) > 0 {
		if derr := z.drainOne(); derr != nil && err == nil {
			err = derr
		}
	}
	if err != nil {
		return err
	}
	out, err := deflateChunk(z.chunk, true)
	if err != nil {
		return err
	}
	if _, err := (spillWriter{z}).Write(out); err != nil {
		return err
	}
	e.length = z.end - e.offset
	return nil
}

type rawWriter struct{ e *zipEntry }

func (w *rawWriter) Write(p []byte) (int, error) {
	w.e.raw = append(w.e.raw, p...)
	return len(p), nil
}

// entryWriter deflates one entry's bytes, counting them and their CRC.
type entryWriter struct {
	z *sortedZip
	e *zipEntry
}

func (w *entryWriter) Write(p []byte) (int, error) {
	if w.z.open != w.e {
		return 0, errors.New("xlsx: write to a closed zip entry " + w.e.name)
	}
	e := w.e
	if e.fill == nil {
		return w.write(p)
	}
	// Until the rows are in, look for </sheetData>, also across writes.
	n := len(p)
	buf := append(e.carry, p...)
	e.carry = nil
	if i := bytes.Index(buf, sheetDataEnd); i >= 0 {
		fill := e.fill
		e.fill = nil
		if _, err := w.write(buf[:i]); err != nil {
			return 0, err
		}
		if err := fill(writerFunc(w.write)); err != nil {
			return 0, err
		}
		if _, err := w.write(buf[i:]); err != nil {
			return 0, err
		}
		return n, nil
	}
	keep := min(len(buf), len(sheetDataEnd)-1)
	if _, err := w.write(buf[:len(buf)-keep]); err != nil {
		return 0, err
	}
	e.carry = bytes.Clone(buf[len(buf)-keep:])
	return n, nil
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

// write adds p to the entry: its CRC and size, and the chunks to deflate.
func (w *entryWriter) write(p []byte) (int, error) {
	z := w.z
	w.e.crc = crc32.Update(w.e.crc, crc32.IEEETable, p)
	w.e.size += uint64(len(p))
	n := len(p)
	for len(p) > 0 {
		k := min(len(p), chunkSize-len(z.chunk))
		z.chunk = append(z.chunk, p[:k]...)
		p = p[k:]
		if len(z.chunk) == chunkSize {
			if err := z.submit(); err != nil {
				return 0, err
			}
		}
	}
	return n, nil
}

// AddFS adds every regular file of fsys.
func (z *sortedZip) AddFS(fsys fs.FS) error {
	return fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		w, err := z.Create(name)
		if err != nil {
			return err
		}
		_, err = w.Write(data)
		return err
	})
}

// Close writes the archive and removes the temporary file.
func (z *sortedZip) Close() error {
	if z.spill != nil {
		defer func() {
			name := z.spill.Name()
			_ = z.spill.Close()
			_ = os.Remove(name)
		}()
	}
	if err := z.finish(); err != nil {
		return err
	}
	for name := range z.splices {
		return errors.New("xlsx: no entry " + name + " to put rows in")
	}
	sort.SliceStable(z.entries, func(i, j int) bool {
		a, b := z.entries[i].name, z.entries[j].name
		if (a == "[Content_Types].xml") != (b == "[Content_Types].xml") {
			return a == "[Content_Types].xml"
		}
		return a < b
	})
	var src io.ReaderAt = bytes.NewReader(z.mem.Bytes())
	if z.spill != nil {
		src = z.spill
	}
	modified := time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	zw := zip.NewWriter(z.w)
	for _, e := range z.entries {
		if e.isRaw {
			hdr := &zip.FileHeader{Name: e.name, Method: zip.Deflate, Modified: modified}
			fw, err := zw.CreateHeader(hdr)
			if err != nil {
				return err
			}
			if _, err := fw.Write(sortContentTypes(e.raw)); err != nil {
				return err
			}
			continue
		}
		hdr := &zip.FileHeader{Name: e.name, Method: zip.Deflate, CreatorVersion: 20, ReaderVersion: 20,
			CRC32: e.crc, CompressedSize64: uint64(e.length), UncompressedSize64: e.size}
		hdr.SetModTime(modified)
		fw, err := zw.CreateRaw(hdr)
		if err != nil {
			return err
		}
		if _, err := io.Copy(fw, io.NewSectionReader(src, e.offset, e.length)); err != nil {
			return err
		}
	}
	return zw.Close()
}

// contentTypeElem matches one <Default> or <Override> element of
// [Content_Types].xml as excelize writes it.
var contentTypeElem = regexp.MustCompile(`<(?:Default|Override) [^>]*?(?:/>|></(?:Default|Override)>)`)

// sortContentTypes puts the elements of [Content_Types].xml in a fixed
// order (Defaults, then Overrides, each sorted): excelize adds some of them
// in map order. The file's meaning does not depend on the order.
func sortContentTypes(b []byte) []byte {
	locs := contentTypeElem.FindAllIndex(b, -1)
	if len(locs) < 2 {
		return b
	}
	start, end := locs[0][0], locs[len(locs)-1][1]
	// Only reorder when the elements are all that lies between the first
	// and the last one.
	elems := make([]string, 0, len(locs))
	at := start
	for _, l := range locs {
		if l[0] != at {
			return b
		}
		elems = append(elems, string(b[l[0]:l[1]]))
		at = l[1]
	}
	sort.SliceStable(elems, func(i, j int) bool {
		di, dj := bytes.HasPrefix([]byte(elems[i]), []byte("<Default")), bytes.HasPrefix([]byte(elems[j]), []byte("<Default"))
		if di != dj {
			return di
		}
		return elems[i] < elems[j]
	})
	var out bytes.Buffer
	out.Write(b[:start])
	for _, e := range elems {
		out.WriteString(e)
	}
	out.Write(b[end:])
	return out.Bytes()
}
