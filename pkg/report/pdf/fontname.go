package pdf

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"regexp"
	"strconv"
)

// gofpdf names an embedded Unicode font "utf8" + its lower-cased family +
// style ("/BaseFont /utf8liberationserifB") and offers no way to name it
// otherwise, so pdffonts and Acrobat's font list show that name. nameFonts
// gives the fonts their own PostScript names, with the subset tag the PDF
// specification (ISO 32000-1, 9.6.4) asks of a subset font, as gofpdf embeds
// only the glyphs used: "/BaseFont /KDHLPA+LiberationSerif-Bold".

// psNames are the PostScript names of the embedded styles, by gofpdf's
// style suffix.
var psNames = map[string]string{
	"":   "LiberationSerif",
	"B":  "LiberationSerif-Bold",
	"I":  "LiberationSerif-Italic",
	"BI": "LiberationSerif-BoldItalic",
}

// gofpdfName matches the names gofpdf gives the embedded fonts.
var gofpdfName = regexp.MustCompile(`/utf8liberationserif(BI|B|I)?([\s/>\[\]()<])`)

var startXref = regexp.MustCompile(`startxref\n(\d+)\n%%EOF\n?$`)

// nameFonts renames the embedded fonts of the PDF that gofpdf wrote and
// moves the cross-reference table's offsets by what the new names add.
// The subset tag is made from the document's bytes, so the same document
// gets the same tags (the output stays reproducible) and each style its
// own.
func nameFonts(pdf []byte) ([]byte, error) {
	m := startXref.FindSubmatchIndex(pdf)
	if m == nil {
		return nil, errors.New("pdf: no startxref")
	}
	xref, err := strconv.Atoi(string(pdf[m[2]:m[3]]))
	if err != nil || xref <= 0 || xref >= len(pdf) || !bytes.HasPrefix(pdf[xref:], []byte("xref\n")) {
		return nil, errors.New("pdf: bad startxref")
	}
	sum := sha256.Sum256(pdf)
	tags := map[string]string{}
	for i, style := range []string{"", "B", "I", "BI"} {
		tag := make([]byte, 6)
		for j := range tag {
			tag[j] = 'A' + sum[i*6+j]%26
		}
		tags[style] = string(tag)
	}

	// the body up to the table, with the names replaced; shift maps an
	// offset of the old body to the new one
	type edit struct{ at, delta int }
	var edits []edit
	var out bytes.Buffer
	out.Grow(len(pdf) + 256)
	last := 0
	for _, r := range gofpdfName.FindAllSubmatchIndex(pdf[:xref], -1) {
		style := ""
		if r[2] >= 0 {
			style = string(pdf[r[2]:r[3]])
		}
		name := "/" + tags[style] + "+" + psNames[style]
		out.Write(pdf[last:r[0]])
		out.WriteString(name)
		edits = append(edits, edit{r[0], len(name) - (r[4] - r[0])})
		last = r[4] // the delimiter after the name is kept
	}
	if len(edits) == 0 {
		return pdf, nil
	}
	out.Write(pdf[last:xref])
	shift := func(off int) int {
		moved := off
		for _, e := range edits {
			if e.at < off {
				moved += e.delta
			}
		}
		return moved
	}

	// the table: "xref\n0 N\n", then N entries "oooooooooo ggggg n \n"
	tail := pdf[xref:]
	lines := bytes.SplitAfter(tail, []byte("\n"))
	if len(lines) < 3 {
		return nil, errors.New("pdf: short xref")
	}
	var first, n int
	if _, err := fmt.Sscanf(string(lines[1]), "%d %d\n", &first, &n); err != nil || len(lines) < 2+n {
		return nil, errors.New("pdf: bad xref subsection")
	}
	newXref := out.Len()
	out.Write(lines[0])
	out.Write(lines[1])
	for _, l := range lines[2 : 2+n] {
		if len(l) != 20 {
			return nil, errors.New("pdf: bad xref entry")
		}
		if l[17] == 'n' {
			off, err := strconv.Atoi(string(l[:10]))
			if err != nil {
				return nil, errors.New("pdf: bad xref offset")
			}
			fmt.Fprintf(&out, "%010d%s", shift(off), l[10:])
			continue
		}
		out.Write(l)
	}
	// the trailer as it was, up to the number after startxref
	rest := pdf[xref+len(bytes.Join(lines[:2+n], nil)):]
	tm := startXref.FindSubmatchIndex(rest)
	if tm == nil {
		return nil, errors.New("pdf: no startxref")
	}
	out.Write(rest[:tm[2]])
	out.WriteString(strconv.Itoa(newXref))
	out.Write(rest[tm[3]:])
	return out.Bytes(), nil
}
