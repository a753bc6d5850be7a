package form

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"golang.org/x/text/encoding/htmlindex"
)

// The parts of an .xlsx package are parsed with encoding/xml token by token,
// each error checked: a part cut short or otherwise malformed rejects the
// form (TD120) instead of reading as the end of the sheet. Every byte parsed
// counts against the form's budget (MaxXMLRead), and no part may nest
// deeper than MaxXMLDepth or hold one tag or run of text longer than
// MaxXMLToken.

// PartError is a part of an .xlsx package that cannot be read: malformed,
// missing, or holding something it must not (nested too deep, a tag or a
// text too long). The reader reports it as TD120.
type PartError struct {
	part string
	err  error
}

func (e *PartError) Error() string { return e.part + ": " + e.err.Error() }
func (e *PartError) Unwrap() error { return e.err }

// Part is the name of the part in the package ("xl/worksheets/sheet2.xml").
func (e *PartError) Part() string { return e.part }

// Reason is what is wrong with it (in English, from the XML parser).
func (e *PartError) Reason() string { return e.err.Error() }

// CheckPackageXML parses every XML part of the .xlsx package held in data
// (its .xml and .rels entries) to its end, and returns a *PartError for the
// first one that is not well-formed, nests deeper than MaxXMLDepth or holds
// a tag or text longer than MaxXMLToken. maxXML bounds the bytes parsed in
// all (0: MaxXMLRead); past it the error wraps io.ErrShortBuffer. ctx is
// checked as it goes. excelize reads a part cut short, or malformed after
// some rows, as if the sheet ended there: a workbook read with excelize
// (the council's review workbook) should be checked with this first. data
// must be a zip whose size was checked (Sniff).
func CheckPackageXML(ctx context.Context, data []byte, maxXML int64) error {
	if maxXML <= 0 {
		maxXML = MaxXMLRead
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return err
	}
	budget := &readBudget{xml: maxXML}
	for _, f := range zr.File {
		name := strings.ToLower(f.Name)
		if !strings.HasSuffix(name, ".xml") && !strings.HasSuffix(name, ".rels") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return &PartError{part: f.Name, err: err}
		}
		x := newXMLPart(ctx, f.Name, rc, budget)
		for err == nil {
			_, err = x.next()
		}
		rc.Close()
		switch {
		case err == io.EOF:
		case errors.Is(err, errXMLBudget):
			return fmt.Errorf("%s: %w: more than %s of XML", f.Name, io.ErrShortBuffer, byteSize(maxXML))
		default:
			return err
		}
	}
	return nil
}

// Errors of a form over one of the limits (limits.go).
var (
	errXMLBudget      = errors.New("more XML than a form holds")
	errTooManyStrings = errors.New("too many shared strings")
	errTooManySheets  = fmt.Errorf("more than %d sheets", MaxSheets)
	errXMLDepth       = fmt.Errorf("elements nested more than %d deep", MaxXMLDepth)
	errXMLToken       = fmt.Errorf("a tag or text longer than %d bytes", MaxXMLToken)
)

// tooLarge is a part too large to be kept in memory.
type tooLarge struct {
	part string
	size int64
}

func (e *tooLarge) Error() string {
	return fmt.Sprintf("%s: %s, more than %s", e.part, byteSize(e.size), byteSize(MaxPartInMemory))
}

// readBudget is what is left of a form's limits, shared by all its parts
// and sheets.
type readBudget struct {
	xml   int64 // bytes of XML to parse
	cells int   // cells to keep
	text  int64 // bytes of cell text to keep
}

func newReadBudget() *readBudget {
	return &readBudget{xml: MaxXMLRead, cells: MaxFormCells, text: MaxFormText}
}

// xmlGuard hands a part's bytes to the decoder, counting them against the
// budget and refusing runs between two '<' longer than MaxXMLToken (the
// decoder would hold such a tag or text whole in memory).
type xmlGuard struct {
	r      io.Reader
	budget *readBudget
	run    int
}

func (g *xmlGuard) Read(p []byte) (int, error) {
	if g.budget.xml <= 0 {
		return 0, errXMLBudget
	}
	if int64(len(p)) > g.budget.xml {
		p = p[:g.budget.xml]
	}
	n, err := g.r.Read(p)
	g.budget.xml -= int64(n)
	for b := p[:n]; len(b) > 0; {
		i := bytes.IndexByte(b, '<')
		if i < 0 {
			g.run += len(b)
			break
		}
		if g.run+i > MaxXMLToken {
			return n, errXMLToken
		}
		g.run, b = 0, b[i+1:]
	}
	if g.run > MaxXMLToken {
		return n, errXMLToken
	}
	return n, err
}

// charsetReader decodes parts that declare an encoding other than UTF-8
// (as excelize does, with the WHATWG encoding names).
func charsetReader(label string, input io.Reader) (io.Reader, error) {
	enc, err := htmlindex.Get(label)
	if err != nil {
		return nil, err
	}
	return enc.NewDecoder().Reader(input), nil
}

// xmlPart is one part being parsed.
type xmlPart struct {
	name  string
	d     *xml.Decoder
	depth int
	ctx   context.Context
	n     int // tokens read, for the cancellation checks
}

func newXMLPart(ctx context.Context, name string, r io.Reader, budget *readBudget) *xmlPart {
	d := xml.NewDecoder(&xmlGuard{r: r, budget: budget})
	d.CharsetReader = charsetReader
	return &xmlPart{name: name, d: d, ctx: ctx}
}

// next returns the next token; io.EOF at the end of a well-formed part.
// A CharData token is valid until the next call.
func (x *xmlPart) next() (xml.Token, error) {
	if x.n++; x.n&0xFFF == 0 && x.ctx != nil {
		if err := x.ctx.Err(); err != nil {
			return nil, err
		}
	}
	t, err := x.d.Token()
	if err != nil {
		return nil, x.fail(err)
	}
	switch t.(type) {
	case xml.StartElement:
		if x.depth++; x.depth > MaxXMLDepth {
			return nil, x.fail(errXMLDepth)
		}
	case xml.EndElement:
		x.depth--
	}
	return t, nil
}

// fail wraps err with the part's name, except the errors that are not the
// part's fault.
func (x *xmlPart) fail(err error) error {
	switch {
	case err == io.EOF, errors.Is(err, errXMLBudget), errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return err
	}
	var pe *PartError
	if errors.As(err, &pe) {
		return err
	}
	return &PartError{part: x.name, err: err}
}

// skip reads to the end of the element whose start was just read.
func (x *xmlPart) skip() error {
	for d := x.depth; ; {
		t, err := x.next()
		if err != nil {
			return unexpectedEOF(err)
		}
		if _, ok := t.(xml.EndElement); ok && x.depth < d {
			return nil
		}
	}
}

// text returns the character data directly inside the element whose start
// was just read, and reads to its end (nested elements are skipped, as
// encoding/xml does when it decodes an element into a string).
func (x *xmlPart) text() (string, error) {
	var b []byte
	for d := x.depth; ; {
		t, err := x.next()
		if err != nil {
			return "", unexpectedEOF(err)
		}
		switch t := t.(type) {
		case xml.CharData:
			if x.depth == d {
				b = append(b, t...)
			}
		case xml.EndElement:
			if x.depth < d {
				return string(b), nil
			}
		}
	}
}

// unexpectedEOF turns an end of part inside an element into an error.
func unexpectedEOF(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

// attr returns the value of the attribute with the local name, and
// whether there is one.
func attr(e xml.StartElement, local string) (string, bool) {
	for _, a := range e.Attr {
		if a.Name.Local == local {
			return a.Value, true
		}
	}
	return "", false
}

// intAttr returns an integer attribute, 0 when absent or not a number.
func intAttr(e xml.StartElement, local string) int {
	v, ok := attr(e, local)
	if !ok {
		return 0
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil {
		return 0
	}
	return n
}

// richText reads a shared string item or an inline string (<si>, <is>) as
// excelize does: the text of its own <t> and of the <t> of each run, its
// phonetic runs left out, and _xHHHH_ escapes decoded.
func (x *xmlPart) richText() (string, error) {
	var t string
	var runs []string
	for d := x.depth; ; {
		tok, err := x.next()
		if err != nil {
			return "", unexpectedEOF(err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			switch {
			case e.Name.Local == "t" && x.depth == d+1:
				if t, err = x.text(); err != nil {
					return "", err
				}
			case e.Name.Local == "r" && x.depth == d+1:
				run := ""
				for rd := x.depth; ; {
					tok, err := x.next()
					if err != nil {
						return "", unexpectedEOF(err)
					}
					if st, ok := tok.(xml.StartElement); ok && st.Name.Local == "t" && x.depth == rd+1 {
						if run, err = x.text(); err != nil {
							return "", err
						}
					} else if _, ok := tok.(xml.EndElement); ok && x.depth < rd {
						break
					}
				}
				runs = append(runs, run)
			default:
				if err := x.skip(); err != nil {
					return "", err
				}
			}
		case xml.EndElement:
			if x.depth < d {
				if len(runs) == 0 {
					return bstrUnmarshal(t), nil
				}
				return bstrUnmarshal(t + strings.Join(runs, "")), nil
			}
		}
	}
}

// bstrUnmarshal decodes the _xHHHH_ escapes of Office strings (a character
// XML cannot hold), as excelize does.
func bstrUnmarshal(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if i+7 <= len(s) && s[i] == '_' && s[i+1] == 'x' && s[i+6] == '_' && isHex4(s[i+2:i+6]) {
			if s[i+2:i+6] == "005F" || s[i+2:i+6] == "005f" {
				b.WriteByte('_')
			} else if v, err := strconv.Unquote(`"\u` + s[i+2:i+6] + `"`); err == nil {
				b.WriteString(v)
			}
			i += 7
			continue
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

func isHex4(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}
