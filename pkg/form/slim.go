package form

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"sync"
)

// slimPackage is the copy of a form's package that excelize opens: the
// parts the reader uses, stored rather than deflated, since checking the
// zip (checkZipEntries) has inflated every entry once already and a second
// inflation by excelize would only repeat it. Left out are the parts
// excelize parses on opening that the reader never asks for — the theme,
// the calculation chain and, unless one of its fonts may be a legacy
// Vietnamese one, the stylesheet — and parts nothing reads (pictures,
// printer settings, macros, document properties). On a form made by
// `thidua template` this halves what opening it costs; the rows, formulas,
// names and sheets the reader sees are the same (TestSlimPackageSameGrid).
type slimPackage struct {
	buf bytes.Buffer
	w   *zip.Writer
}

func newSlimPackage() *slimPackage {
	p := &slimPackage{}
	p.w = zip.NewWriter(&p.buf)
	return p
}

// grow makes room for a package of about n bytes, so that the buffer is
// allocated once rather than doubled into place (a form is read on every
// core at once, and what each read leaves behind is work for the GC).
func (p *slimPackage) grow(n int64) {
	p.buf.Grow(int(min(n, 64<<20)))
}

// copyBufs are the buffers entries are copied through.
var copyBufs = sync.Pool{New: func() any { b := make([]byte, 32<<10); return &b }}

func copyEntry(w io.Writer, r io.Reader) (int64, error) {
	buf := copyBufs.Get().(*[]byte)
	defer copyBufs.Put(buf)
	return io.CopyBuffer(w, r, *buf)
}

// dropPart reports whether the entry (its name lower-cased, with forward
// slashes) is left out of every slim package.
func dropPart(lower string) bool {
	for _, prefix := range []string{"xl/theme/", "xl/media/", "xl/printersettings/", "docprops/", "customxml/"} {
		if strings.HasPrefix(lower, prefix) {
			return true
		}
	}
	return lower == "xl/calcchain.xml" || lower == "xl/vbaproject.bin"
}

// add reads one entry from r, keeping it unless it is left out, and
// returns how many bytes r gave.
func (p *slimPackage) add(name, lower string, r io.Reader) (int64, error) {
	switch {
	case dropPart(lower):
		return copyEntry(io.Discard, r)
	case lower == "xl/styles.xml":
		// Read first: whether it is kept depends on what it says.
		var b bytes.Buffer
		n, err := b.ReadFrom(r)
		if err != nil || !mayNameLegacyFont(b.Bytes()) {
			return n, err
		}
		if _, err := p.store(name, &b); err != nil {
			return n, err
		}
		return n, nil
	}
	return p.store(name, r)
}

// store adds an entry, uncompressed, with what r gives.
func (p *slimPackage) store(name string, r io.Reader) (int64, error) {
	w, err := p.w.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store})
	if err != nil {
		return 0, err
	}
	return copyEntry(w, r)
}

// bytes finishes the package and returns it.
func (p *slimPackage) bytes() ([]byte, error) {
	if err := p.w.Close(); err != nil {
		return nil, err
	}
	return p.buf.Bytes(), nil
}

// mayNameLegacyFont reports whether a stylesheet may name a TCVN3 or VNI
// font (vntext.FontEncoding: ".Vn…", "VNI-…"). It errs on the side of yes:
// any "vn" in any case, any numeric character reference (which could spell
// one) and any NUL byte (a UTF-16 or UTF-32 file, where the letters are not
// plain bytes) keep the stylesheet, and with it the exact check that reads
// the fonts (newXLSXBook).
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
