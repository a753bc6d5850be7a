package form

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
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
	buf    bytes.Buffer
	w      *zip.Writer
	styles bool // the stylesheet was kept
}

func newSlimPackage() *slimPackage {
	p := &slimPackage{}
	p.w = zip.NewWriter(&p.buf)
	return p
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
		return io.Copy(io.Discard, r)
	case lower == "xl/styles.xml":
		var b bytes.Buffer
		n, err := b.ReadFrom(r)
		if err != nil || !mayNameLegacyFont(b.Bytes()) {
			return n, err
		}
		p.styles = true
		w, err := p.w.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store})
		if err != nil {
			return n, err
		}
		_, err = w.Write(b.Bytes())
		return n, err
	}
	w, err := p.w.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store})
	if err != nil {
		return 0, err
	}
	return io.Copy(w, r)
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
