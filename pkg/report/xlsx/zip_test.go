package xlsx

import (
	"archive/zip"
	"bytes"
	"io"
	"math/rand/v2"
	"runtime"
	"strconv"
	"testing"
)

// TestSortedZipChunks writes entries around the chunk size (deflated in
// pieces on several workers) through sortedZip in writes of different
// sizes, and reads them back with archive/zip: the content is intact, and
// the archive's bytes depend neither on how the writes were split nor on the
// number of workers.
func TestSortedZipChunks(t *testing.T) {
	defer func(n int) { chunkSize = n }(chunkSize)
	chunkSize = 16 << 10
	rng := rand.New(rand.NewPCG(1, 2))
	words := []string{"<row r=\"", "\"><c r=\"A", "\" t=\"inlineStr\"><is><t>", "Trạm Y tế xã ", "</t></is></c>", "Văn phòng Sở", "7.75"}
	content := map[string][]byte{}
	for _, n := range []int{0, 1, 1000, chunkSize - 1, chunkSize, chunkSize + 1, 9*chunkSize + 12345} {
		b := make([]byte, 0, n+64)
		for len(b) < n {
			b = append(b, words[rng.IntN(len(words))]...)
			b = strconv.AppendInt(b, rng.Int64N(100000), 10)
		}
		content["xl/worksheets/sheet"+strconv.Itoa(n)+".xml"] = b[:n]
	}
	content["[Content_Types].xml"] = []byte(`<Types><Override PartName="/b"/><Default Extension="xml"/></Types>`)
	names := []string{"xl/worksheets/sheet1000.xml", "[Content_Types].xml"}
	for name := range content {
		if name != names[0] && name != names[1] {
			names = append(names, name)
		}
	}
	write := func(step int) []byte {
		var out bytes.Buffer
		z := &sortedZip{w: &out}
		for _, name := range names {
			w, err := z.Create(name)
			if err != nil {
				t.Fatal(err)
			}
			data := content[name]
			for len(data) > 0 {
				k := min(step, len(data))
				if _, err := w.Write(data[:k]); err != nil {
					t.Fatal(err)
				}
				data = data[k:]
			}
		}
		if err := z.Close(); err != nil {
			t.Fatal(err)
		}
		return out.Bytes()
	}
	first := write(3000)
	zr, err := zip.NewReader(bytes.NewReader(first), int64(len(first)))
	if err != nil {
		t.Fatal(err)
	}
	if len(zr.File) != len(content) || zr.File[0].Name != "[Content_Types].xml" {
		t.Fatalf("entries %d, first %q", len(zr.File), zr.File[0].Name)
	}
	for name, got := range zipFiles(t, first) {
		want := content[name]
		if name == "[Content_Types].xml" {
			want = sortContentTypes(want)
		}
		if got != string(want) {
			t.Errorf("%s: %d bytes back, want %d", name, len(got), len(want))
		}
	}
	if again := write(7777); !bytes.Equal(again, first) {
		t.Error("the archive depends on how the writes were split")
	}
	old := runtime.GOMAXPROCS(1)
	one := write(100 << 10)
	runtime.GOMAXPROCS(old)
	if !bytes.Equal(one, first) {
		t.Error("the archive depends on the number of workers")
	}
}

// TestSortedZipSplice: rows registered for a sheet go before its
// </sheetData>, however excelize's writes split that tag; a sheet without
// one is an error, not a workbook with rows missing.
func TestSortedZipSplice(t *testing.T) {
	sheet := `<worksheet><sheetData><row r="1"/></sheetData><mergeCells/></worksheet>`
	for _, step := range []int{1, 3, 11, 12, 13, len(sheet)} {
		var out bytes.Buffer
		z := &sortedZip{w: &out}
		z.splice("xl/worksheets/sheet2.xml", func(w io.Writer) error {
			_, err := io.WriteString(w, `<row r="2"/><row r="3"/>`)
			return err
		})
		w, err := z.Create("xl/worksheets/sheet2.xml")
		if err != nil {
			t.Fatal(err)
		}
		for s := sheet; s != ""; {
			k := min(step, len(s))
			if _, err := io.WriteString(w, s[:k]); err != nil {
				t.Fatal(err)
			}
			s = s[k:]
		}
		if err := z.Close(); err != nil {
			t.Fatal(err)
		}
		got := zipFiles(t, out.Bytes())["xl/worksheets/sheet2.xml"]
		want := `<worksheet><sheetData><row r="1"/><row r="2"/><row r="3"/></sheetData><mergeCells/></worksheet>`
		if got != want {
			t.Errorf("writes of %d: %s", step, got)
		}
	}
	z := &sortedZip{w: io.Discard}
	z.splice("xl/worksheets/sheet2.xml", func(io.Writer) error { return nil })
	w, _ := z.Create("xl/worksheets/sheet2.xml")
	io.WriteString(w, `<worksheet><sheetData/></worksheet>`)
	if err := z.Close(); err == nil {
		t.Error("a sheet without </sheetData> was written without its rows")
	}
	z = &sortedZip{w: io.Discard}
	z.splice("xl/worksheets/sheet9.xml", func(io.Writer) error { return nil })
	w, _ = z.Create("xl/worksheets/sheet2.xml")
	io.WriteString(w, sheet)
	if err := z.Close(); err == nil {
		t.Error("rows for a sheet the workbook does not have were dropped silently")
	}
}
