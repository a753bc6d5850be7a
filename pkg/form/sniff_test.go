package form_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/thidua/thidua/pkg/form"
	ft "github.com/thidua/thidua/pkg/form/formtest"
)

func zipOf(t testing.TB, files map[string][]byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, data := range files {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestSniff(t *testing.T) {
	c := defaultCampaign(t)
	good, err := form.TemplateBytes(form.TemplateOptions{Campaign: c})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		data []byte
		kind form.Kind
		code string
	}{
		{"xlsx", good, form.KindXLSX, ""},
		{"empty", nil, form.KindEmpty, "TD101"},
		{"text", []byte("Đơn vị;Tự chấm\nVP;8,5\n"), form.KindUnknown, "TD102"},
		{"pdf", []byte("%PDF-1.4\n%âãÏÓ\n"), form.KindUnknown, "TD102"},
		{"truncated zip", good[:len(good)/2], form.KindDamaged, "TD104"},
		{"four bytes", []byte("PK\x03\x04"), form.KindDamaged, "TD104"},
		{"docx", zipOf(t, map[string][]byte{"[Content_Types].xml": []byte("<Types/>"), "word/document.xml": []byte("<w/>")}), form.KindUnknown, "TD102"},
		{"encrypted", ft.EncryptedWorkbook(), form.KindEncrypted, "TD103"},
		{"word 97", ft.OLEFile(map[string][]byte{"WordDocument": []byte("x")}), form.KindUnknown, "TD102"},
		{"excel 95", ft.OLEFile(map[string][]byte{"Book": []byte("x")}), form.KindUnknown, "TD118"},
		{"xls", ft.OLEFile(map[string][]byte{"Workbook": []byte("x")}), form.KindXLS, ""},
		{"broken ole", append(append([]byte{}, ft.EncryptedWorkbook()[:8]...), make([]byte, 100)...), form.KindDamaged, "TD104"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k, d := form.Sniff(tt.data, 1<<30)
			if k != tt.kind {
				t.Errorf("kind = %v, want %v", k, tt.kind)
			}
			got := ""
			if d != nil {
				got = d.Code
			}
			if got != tt.code {
				t.Errorf("code = %q, want %q", got, tt.code)
			}
			// Read says the same, and never panics.
			s := readBytes(t, c, "f", tt.data)
			if tt.code != "" {
				if fe, ok := s.Diags.FirstError(); !ok || fe.Code != tt.code {
					t.Errorf("Read: %s", dump(s.Diags))
				}
			}
		})
	}
}

func TestEncryptedMessage(t *testing.T) {
	s := readBytes(t, defaultCampaign(t), "vp.xlsx", ft.EncryptedWorkbook())
	d, ok := s.Diags.FirstError()
	if !ok || d.Line("vi") != "vp.xlsx: lỗi TD103: bảng tính có mật khẩu: hãy gỡ mật khẩu (File > Info > Protect Workbook) rồi gửi lại" {
		t.Errorf("got %s", dump(s.Diags))
	}
}

// TestZipBomb makes a 1 MB-ish workbook whose sheet unpacks to 300 MB and
// checks it is refused fast and without unpacking it.
func TestZipBomb(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestSpeed) })
	for name, data := range map[string]string{
		"[Content_Types].xml": `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"xl/workbook.xml":     `<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="Chấm điểm" sheetId="1"/></sheets></workbook>`,
	} {
		w, _ := zw.Create(name)
		w.Write([]byte(data))
	}
	w, err := zw.Create("xl/worksheets/sheet1.xml")
	if err != nil {
		t.Fatal(err)
	}
	chunk := bytes.Repeat([]byte(" "), 1<<20)
	for i := 0; i < 300; i++ {
		w.Write(chunk)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if buf.Len() > 2<<20 {
		t.Fatalf("bomb is %d bytes", buf.Len())
	}
	path := filepath.Join(t.TempDir(), "bomb.xlsx")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	s := form.Read(context.Background(), path, form.ReadOptions{Campaign: defaultCampaign(t), TmpDir: tmp})
	elapsed := time.Since(start)
	runtime.ReadMemStats(&after)
	if d, ok := s.Diags.FirstError(); !ok || d.Code != "TD105" {
		t.Fatalf("want TD105, got %s", dump(s.Diags))
	}
	// The issue asks for "well under a second"; the race detector slows
	// decompression several times over, so only the plain run is held to it.
	t.Logf("refused in %v", elapsed)
	if !raceEnabled && elapsed > time.Second {
		t.Errorf("refusing took %v", elapsed)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 100<<20 {
		t.Errorf("refusing allocated %d MB", alloc>>20)
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("temp dir not cleaned: %v", left)
	}
}

// TestTempDirRemoved checks a normal read leaves nothing in TmpDir.
func TestTempDirRemoved(t *testing.T) {
	c := defaultCampaign(t)
	b, err := ft.Bytes(goodForm(c))
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	s := form.ReadBytes(context.Background(), "x.xlsx", b, form.ReadOptions{Campaign: c, TmpDir: tmp, UnzipXMLSizeLimit: 1024})
	if s.Rejected() {
		t.Fatal(dump(s.Diags))
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("temp dir not cleaned: %v", left)
	}
}

func TestMaxFileSize(t *testing.T) {
	path := filepath.Join(t.TempDir(), "big.xlsx")
	os.WriteFile(path, make([]byte, 5000), 0o644)
	s := form.Read(context.Background(), path, form.ReadOptions{Campaign: defaultCampaign(t), MaxFileSize: 4096})
	// Not read, so not hashed either: the limit bounds every read.
	if d, ok := s.Diags.FirstError(); !ok || d.Code != "TD109" || s.Size != 5000 || s.SHA256 != "" {
		t.Errorf("got size %d %s", s.Size, dump(s.Diags))
	}
}

// TestCheckPackageXML: the check the council's review workbook can be put
// through names the part that is damaged, and passes a sound workbook.
func TestCheckPackageXML(t *testing.T) {
	ctx := context.Background()
	for name, part := range map[string]string{
		"good-a.xlsx":            "",
		"thidua-output.xlsx":     "",
		"sheet-cut-mid-row.xlsx": "xl/worksheets/sheet2.xml",
		"info-malformed.xlsx":    "xl/worksheets/sheet1.xml",
		"deep-nesting.xlsx":      "xl/sharedStrings.xml",
	} {
		data, err := os.ReadFile(filepath.Join("../../testdata/corpus", name))
		if err != nil {
			t.Fatal(err)
		}
		err = form.CheckPackageXML(ctx, data, 0)
		var pe *form.PartError
		switch {
		case part == "" && err != nil:
			t.Errorf("%s: %v", name, err)
		case part != "" && (!errors.As(err, &pe) || pe.Part() != part):
			t.Errorf("%s: %v, want an error in %s", name, err, part)
		}
	}
	good, _ := os.ReadFile("../../testdata/corpus/good-a.xlsx")
	if err := form.CheckPackageXML(ctx, good, 100); !errors.Is(err, io.ErrShortBuffer) {
		t.Errorf("over the budget: %v", err)
	}
}
