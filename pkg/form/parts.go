package form

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"sync"
)

// partStore is a form's package as the reader uses it. Checking the zip
// (checkZipEntries) inflates every entry once; the parts the reader may
// read are kept from that pass, so that they are not inflated a second
// time: each up to MaxPartInMemory, all together up to MaxKeptParts. A part
// that is not kept (a worksheet of millions of styled empty rows) is
// inflated again from the file as it is read. Left out altogether are parts
// the reader never reads — the theme, the calculation chain, pictures,
// printer settings, macros, document properties — and, unless one of its
// fonts may be a legacy Vietnamese one, the stylesheet.
type partStore struct {
	entries  map[string]*zip.File // every entry, by lower-cased name
	kept     map[string][]byte    // the parts kept, by lower-cased name
	names    []string             // the kept parts' own names, in zip order
	keptSize int64
	// complete is true while every part the reader may read was kept: then
	// the kept parts make a package excelize can open (for formulas).
	complete bool
}

func newPartStore() *partStore {
	return &partStore{entries: map[string]*zip.File{}, kept: map[string][]byte{}, complete: true}
}

// copyBufs are the buffers entries are copied through.
var copyBufs = sync.Pool{New: func() any { b := make([]byte, 32<<10); return &b }}

func copyEntry(w io.Writer, r io.Reader) (int64, error) {
	buf := copyBufs.Get().(*[]byte)
	defer copyBufs.Put(buf)
	return io.CopyBuffer(w, r, *buf)
}

// dropPart reports whether the entry (its name lower-cased, with forward
// slashes) is never read.
func dropPart(lower string) bool {
	for _, prefix := range []string{"xl/theme/", "xl/media/", "xl/printersettings/", "docprops/", "customxml/"} {
		if strings.HasPrefix(lower, prefix) {
			return true
		}
	}
	return lower == "xl/calcchain.xml" || lower == "xl/vbaproject.bin"
}

// keepWriter collects what is written up to limit bytes; past it, it keeps
// nothing more and drops what it had.
type keepWriter struct {
	buf   []byte
	limit int64
	over  bool
}

func (w *keepWriter) Write(p []byte) (int, error) {
	if !w.over {
		if int64(len(w.buf)+len(p)) > w.limit {
			w.over, w.buf = true, nil
		} else {
			w.buf = append(w.buf, p...)
		}
	}
	return len(p), nil
}

// add reads one entry from r, keeping it when the reader may read it and
// there is room, and returns how many bytes r gave. lower is the entry's
// name lower-cased, with forward slashes.
func (p *partStore) add(f *zip.File, lower string, r io.Reader) (int64, error) {
	p.entries[lower] = f
	if dropPart(lower) {
		return copyEntry(io.Discard, r)
	}
	room := min(int64(MaxPartInMemory), MaxKeptParts-p.keptSize)
	if room <= 0 {
		p.complete = false
		return copyEntry(io.Discard, r)
	}
	// Room for the entry as its header declares it, believed up to 32
	// times its compressed size (XML packs 5–20 times), so that the buffer
	// is allocated once rather than doubled into place.
	hint := min(int64(min(f.UncompressedSize64, 1<<40)), room, 32*int64(min(f.CompressedSize64, 1<<30))+4096)
	w := &keepWriter{buf: make([]byte, 0, max(hint, 0)), limit: room}
	n, err := copyEntry(w, r)
	if err != nil {
		return n, err
	}
	if w.over {
		p.complete = false
		return n, nil
	}
	if lower == "xl/styles.xml" && !mayNameLegacyFont(w.buf) && !mayHavePercent(w.buf) {
		return n, nil // not needed: no legacy font nor percentage to look up
	}
	if c := cap(w.buf); c > 2*len(w.buf)+4096 {
		w.buf = bytes.Clone(w.buf) // a header that claimed too much
	}
	p.kept[lower] = w.buf
	p.names = append(p.names, f.Name)
	p.keptSize += int64(len(w.buf))
	return n, nil
}

// open returns the part at path (any case): from memory when kept, else
// inflated again from the file. ok is false when the package has no such
// part.
func (p *partStore) open(path string) (r io.Reader, closer func(), ok bool, err error) {
	lower := strings.ToLower(path)
	if b, found := p.kept[lower]; found {
		return bytes.NewReader(b), func() {}, true, nil
	}
	f, found := p.entries[lower]
	if !found || dropPart(lower) {
		return nil, nil, false, nil
	}
	rc, err := f.Open()
	if err != nil {
		return nil, nil, true, err
	}
	return rc, func() { rc.Close() }, true, nil
}

// bytesOf returns a kept part, or nil.
func (p *partStore) bytesOf(path string) []byte {
	return p.kept[strings.ToLower(path)]
}

// pkg returns the kept parts as a package (stored, not deflated) for
// excelize, or nil when parts are missing or the package is larger than
// MaxCalcPackage.
func (p *partStore) pkg() []byte {
	if !p.complete || p.keptSize > MaxCalcPackage {
		return nil
	}
	var buf bytes.Buffer
	buf.Grow(int(p.keptSize) + 200*len(p.names) + 512)
	w := zip.NewWriter(&buf)
	for _, name := range p.names {
		fw, err := w.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store})
		if err != nil {
			return nil
		}
		if _, err := fw.Write(p.kept[strings.ToLower(strings.ReplaceAll(name, "\\", "/"))]); err != nil {
			return nil
		}
	}
	if err := w.Close(); err != nil {
		return nil
	}
	return buf.Bytes()
}

// mayHavePercent reports whether a stylesheet may have a number format
// that shows a percentage (a built-in one, numFmtId 9 or 10, or a format
// code with a "%"), for the figures of the "Số liệu" column: 95 % is stored
// 0.95. It errs on the side of yes.
func mayHavePercent(b []byte) bool {
	if bytes.IndexByte(b, '%') >= 0 {
		return true
	}
	for _, id := range [][]byte{[]byte(`numFmtId="9"`), []byte(`numFmtId="10"`), []byte(`numFmtId='9'`), []byte(`numFmtId='10'`)} {
		if bytes.Contains(b, id) {
			return true
		}
	}
	return false
}

// mayNameLegacyFont reports whether a stylesheet may name a TCVN3 or VNI
// font (vntext.FontEncoding: ".Vn…", "VNI-…"). It errs on the side of yes:
// any "vn" in any case, any numeric character reference (which could spell
// one) and any NUL byte (a UTF-16 or UTF-32 file, where the letters are not
// plain bytes) keep the stylesheet, and with it the exact check that reads
// the fonts.
func mayNameLegacyFont(b []byte) bool {
	if bytes.IndexByte(b, 0) >= 0 || bytes.Contains(b, []byte("&#")) {
		return true
	}
	for i := 0; i+1 < len(b); i++ {
		if (b[i] == 'v' || b[i] == 'V') && (b[i+1] == 'n' || b[i+1] == 'N') {
			return true
		}
	}
	return false
}
