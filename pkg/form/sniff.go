package form

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/richardlehane/mscfb"

	"github.com/thidua/thidua/pkg/diag"
)

// Kind is what a file turned out to be when sniffed.
type Kind int

// Kinds of file.
const (
	KindUnknown   Kind = iota // not a spreadsheet
	KindEmpty                 // 0 bytes
	KindXLSX                  // a zip with an Office Open XML workbook (.xlsx, .xlsm)
	KindXLS                   // an OLE compound file with a BIFF8 Workbook stream (.xls)
	KindEncrypted             // an OLE compound file holding an encrypted workbook
	KindDamaged               // looks like a zip or OLE file but cannot be opened
	KindTooLarge              // a zip that unpacks to more than the limit
)

// String names the kind for logs and tests.
func (k Kind) String() string {
	return [...]string{"unknown", "empty", "xlsx", "xls", "encrypted", "damaged", "too-large"}[k]
}

var (
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	zipMagic = []byte("PK\x03\x04")
	zipEmpty = []byte("PK\x05\x06")
)

// Sniff tells what data is before it is opened, and for anything that is
// not a readable workbook returns the diagnostic that says so (an error:
// TD101 empty, TD102 not a spreadsheet, TD103 password-protected, TD104
// damaged, also a zip whose entries lie about their sizes, fail their
// checksums or are named twice, TD105 unpacks to more than unzipLimit bytes,
// TD118 an Excel 5.0/95 file, TD119 a zip holding a workbook, TD123 an
// OpenDocument (.ods) or Excel Binary (.xlsb) spreadsheet).
func Sniff(data []byte, unzipLimit int64) (Kind, *diag.Diagnostic) {
	return sniff(data, unzipLimit, nil)
}

// sniff is Sniff; for a zip, parts (when not nil) receives the parts the
// reader reads.
func sniff(data []byte, unzipLimit int64, parts *partStore) (Kind, *diag.Diagnostic) {
	fail := func(k Kind, code string, args ...any) (Kind, *diag.Diagnostic) {
		d := diag.New(code, args...)
		return k, &d
	}
	switch {
	case len(data) == 0:
		return fail(KindEmpty, "TD101")
	case bytes.HasPrefix(data, oleMagic):
		return sniffOLE(data)
	case bytes.HasPrefix(data, zipMagic), bytes.HasPrefix(data, zipEmpty):
		return checkZip(data, unzipLimit, parts)
	case len(data) < len(oleMagic) && (bytes.HasPrefix(oleMagic, data) || bytes.HasPrefix(zipMagic, data)):
		return fail(KindDamaged, "TD104", "zip")
	}
	return fail(KindUnknown, "TD102")
}

// checkZip sniffs a zip: damaged, too large, a zip holding a workbook, an
// OpenDocument spreadsheet, or a workbook. When parts is not nil it also
// keeps there the parts the reader reads (see partStore).
func checkZip(data []byte, unzipLimit int64, parts *partStore) (Kind, *diag.Diagnostic) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		d := diag.New("TD104", "zip")
		return KindDamaged, &d
	}
	var total uint64
	workbook, ods, xlsb := false, false, false
	inner := "" // a workbook inside the zip: a form sent zipped
	for _, f := range zr.File {
		total += f.UncompressedSize64
		name := strings.ToLower(strings.ReplaceAll(f.Name, "\\", "/"))
		if name == "xl/workbook.xml" {
			workbook = true
		}
		if name == "xl/workbook.bin" {
			xlsb = true
		}
		if name == "mimetype" && f.UncompressedSize64 < 256 && isODSMimetype(f) {
			ods = true
		}
		if inner == "" && isSpreadsheet(name) {
			inner = f.Name
		}
	}
	if unzipLimit > 0 && total > uint64(unzipLimit) {
		d := diag.New("TD105", byteSize(int64(min(total, 1<<62))), byteSize(unzipLimit))
		return KindTooLarge, &d
	}
	if k, d := checkZipEntries(zr, unzipLimit, parts); d != nil {
		return k, d
	}
	if !workbook && ods {
		d := diag.New("TD123", "OpenDocument (.ods)", "LibreOffice")
		return KindUnknown, &d
	}
	if !workbook && xlsb {
		d := diag.New("TD123", "Excel Binary (.xlsb)", "Excel")
		return KindUnknown, &d
	}
	if !workbook && inner != "" {
		d := diag.New("TD119", inner)
		return KindUnknown, &d
	}
	if !workbook {
		d := diag.New("TD102")
		return KindUnknown, &d
	}
	return KindXLSX, nil
}

func sniffOLE(data []byte) (k Kind, d *diag.Diagnostic) {
	defer func() {
		if r := recover(); r != nil {
			dd := diag.New("TD104", "OLE")
			k, d = KindDamaged, &dd
		}
	}()
	r, err := mscfb.New(bytes.NewReader(data))
	if err != nil {
		dd := diag.New("TD104", "OLE")
		return KindDamaged, &dd
	}
	var names []string
	for {
		f, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			dd := diag.New("TD104", "OLE")
			return KindDamaged, &dd
		}
		names = append(names, f.Name)
	}
	has := func(n string) bool {
		for _, x := range names {
			if strings.EqualFold(x, n) {
				return true
			}
		}
		return false
	}
	switch {
	case has("EncryptedPackage") || has("EncryptionInfo"):
		dd := diag.New("TD103")
		return KindEncrypted, &dd
	case has("Workbook"):
		return KindXLS, nil
	case has("Book"):
		dd := diag.New("TD118")
		return KindUnknown, &dd
	}
	dd := diag.New("TD102")
	return KindUnknown, &dd
}

// byteSize formats a size for messages: "312 MB".
func byteSize(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d B", n)
}

// checkZipEntries inflates every entry, so that sizes the headers lie
// about, bad checksums and entries named twice are caught before the
// workbook is opened: the total actually unpacked is held to unzipLimit,
// whatever the headers say. With parts, the entries the reader uses are
// kept there as they are inflated; without, nothing is kept.
func checkZipEntries(zr *zip.Reader, unzipLimit int64, parts *partStore) (Kind, *diag.Diagnostic) {
	seen := make(map[string]bool, len(zr.File))
	left := unzipLimit
	if left <= 0 {
		left = 1 << 62
	}
	damaged := func() (Kind, *diag.Diagnostic) {
		d := diag.New("TD104", "zip")
		return KindDamaged, &d
	}
	for _, f := range zr.File {
		name := strings.ToLower(strings.ReplaceAll(f.Name, "\\", "/"))
		if seen[name] {
			return damaged()
		}
		seen[name] = true
		rc, err := f.Open()
		if err != nil {
			return damaged()
		}
		var n int64
		if parts != nil {
			n, err = parts.add(f, name, io.LimitReader(rc, left+1))
		} else {
			n, err = io.Copy(io.Discard, io.LimitReader(rc, left+1))
		}
		rc.Close()
		if n > left {
			d := diag.New("TD105", "> "+byteSize(unzipLimit), byteSize(unzipLimit))
			return KindTooLarge, &d
		}
		if err != nil {
			return damaged()
		}
		left -= n
	}
	return KindXLSX, nil
}

// isODSMimetype reports whether the zip entry is the "mimetype" file of an
// OpenDocument spreadsheet (.ods).
func isODSMimetype(f *zip.File) bool {
	rc, err := f.Open()
	if err != nil {
		return false
	}
	defer rc.Close()
	b, _ := io.ReadAll(io.LimitReader(rc, 256))
	return strings.HasPrefix(strings.TrimSpace(string(b)), "application/vnd.oasis.opendocument.spreadsheet")
}
