// Package xlsx writes the consolidated workbook of a scoring run (SPEC §6)
// and reads back the council's review sheet of an earlier one (SPEC §5.8).
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
// The output is byte-identical for identical inputs and Options.Created:
// document properties are fixed and the zip entries are written in a fixed
// order.
package xlsx

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"io/fs"
	"regexp"
	"sort"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/thidua/thidua/pkg/diag"
	"github.com/thidua/thidua/pkg/score"
)

// Sheet names of the workbook. They are part of the product contract
// (SPEC §6); --review finds SheetReview by name (or by its header).
const (
	SheetSummary = "Tổng hợp"
	SheetDetail  = "Chi tiết"
	SheetReview  = "Thẩm định"
	SheetChecks  = "Kiểm tra"
	SheetMissing = "Chưa nộp"
	SheetChart   = "Biểu đồ"
	SheetSources = "Nguồn"
)

// ReviewHeader is the header row of the "Thẩm định" sheet (SPEC §5.8).
var ReviewHeader = []string{"Mã đơn vị", "Đơn vị", "Mã", "Nội dung", "Điểm tối đa", "Tự chấm", "Thẩm định", "Ghi chú thẩm định"}

// Options are what the workbook needs besides the result.
type Options struct {
	Lang    string    // language of headers and messages: "vi" (default) or "en"
	Org     string    // issuing organisation, printed above the title ("" = none)
	Title   string    // title of "Tổng hợp"; "" = "BẢNG TỔNG HỢP … <period>"
	Created time.Time // document creation date (from --date); zero = 2000-01-01, so output stays reproducible
}

// Write writes the consolidated workbook of r to w.
func Write(w io.Writer, r *score.Result, opts Options) error {
	if r == nil {
		return errors.New("xlsx: no result to write")
	}
	f := excelize.NewFile()
	defer f.Close()
	f.SetZipWriter(func(w io.Writer) excelize.ZipWriter { return &sortedZip{w: w} })
	b := &book{f: f, r: r, opts: opts, lang: opts.Lang}
	if err := b.build(); err != nil {
		return err
	}
	return f.Write(w)
}

// book holds the state of one workbook being written.
type book struct {
	f    *excelize.File
	r    *score.Result
	opts Options
	lang string
	st   styles
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
	steps := []func() error{b.summary, b.detail, b.review, b.checks, b.missing, b.chart, b.sources, b.props}
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
	if !b.opts.Created.IsZero() {
		ts := b.opts.Created.UTC().Format("2006-01-02T15:04:05Z")
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
	if b.opts.Title != "" {
		return b.opts.Title
	}
	return b.t("xlsx.title", upper(b.periodLabel()))
}

func (b *book) subject() string {
	if b.r.Campaign != nil {
		return b.r.Campaign.Name
	}
	return ""
}

// sortedZip is an excelize.ZipWriter that keeps every entry in memory and
// writes them on Close in a fixed order ([Content_Types].xml first, then
// by name), with fixed timestamps: excelize writes streamed sheets in map
// order, which would make two runs differ.
type sortedZip struct {
	w       io.Writer
	entries []*zipEntry
}

type zipEntry struct {
	name string
	buf  bytes.Buffer
}

// Create starts a new entry.
func (z *sortedZip) Create(name string) (io.Writer, error) {
	e := &zipEntry{name: name}
	z.entries = append(z.entries, e)
	return &e.buf, nil
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
		w, _ := z.Create(name)
		_, err = w.Write(data)
		return err
	})
}

// Close writes the archive.
func (z *sortedZip) Close() error {
	sort.SliceStable(z.entries, func(i, j int) bool {
		a, b := z.entries[i].name, z.entries[j].name
		if (a == "[Content_Types].xml") != (b == "[Content_Types].xml") {
			return a == "[Content_Types].xml"
		}
		return a < b
	})
	zw := zip.NewWriter(z.w)
	for _, e := range z.entries {
		if e.name == "[Content_Types].xml" {
			sorted := sortContentTypes(e.buf.Bytes())
			e.buf.Reset()
			e.buf.Write(sorted)
		}
		hdr := &zip.FileHeader{Name: e.name, Method: zip.Deflate}
		hdr.Modified = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
		fw, err := zw.CreateHeader(hdr)
		if err != nil {
			return err
		}
		if _, err := fw.Write(e.buf.Bytes()); err != nil {
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
