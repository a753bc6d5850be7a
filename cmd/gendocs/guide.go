package main

import (
	"bytes"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/russross/blackfriday/v2"
	"golang.org/x/text/unicode/norm"
)

// The user guide (docs/huong-dan-su-dung.md) ships in every archive. A
// secretary double-clicks it on Windows, where a .md file opens in
// Notepad as raw Markdown, so the release also ships it as one HTML page
// (huong-dan-su-dung.html) that any browser opens: self-contained (the
// style sheet inside, no script, no picture, no font or file fetched from
// anywhere), UTF-8, its Vietnamese text as written, its table of contents
// linking to its headings as on GitHub.

// guideCSS is the page's whole style: readable on screen and on paper.
const guideCSS = `body{margin:0;background:#fff;color:#1a1a1a;font:16px/1.55 "Times New Roman",Times,"Liberation Serif",serif}
main{max-width:52em;margin:0 auto;padding:1.5em 1.2em 3em}
h1,h2,h3,h4{font-family:Arial,"Liberation Sans",sans-serif;line-height:1.25;margin:1.6em 0 .6em}
h1{font-size:1.8em;margin-top:.4em}h2{font-size:1.4em;border-bottom:1px solid #ccc;padding-bottom:.2em}h3{font-size:1.15em}
a{color:#0b57a4}code,pre{font-family:Consolas,"Liberation Mono",monospace;font-size:.9em}
code{background:#f3f3f3;padding:.05em .25em;border-radius:3px}
pre{background:#f6f6f6;border:1px solid #ddd;padding:.7em .9em;overflow-x:auto;line-height:1.4}pre code{background:none;padding:0}
table{border-collapse:collapse;margin:.8em 0;width:100%}th,td{border:1px solid #bbb;padding:.3em .5em;text-align:left;vertical-align:top}
th{background:#eef2f8}blockquote{margin:1em 0;padding:.2em 1em;border-left:4px solid #ccd;color:#333;background:#f8f8fb}
hr{border:0;border-top:1px solid #ccc;margin:2em 0}footer{margin-top:3em;color:#666;font-size:.85em}
@media print{body{font-size:12pt}main{max-width:none;padding:0}a{color:inherit;text-decoration:none}pre{white-space:pre-wrap;overflow-wrap:anywhere}pre,table,h2,h3{break-inside:avoid}}
`

// guideHTML renders the Markdown guide md as a whole HTML page; footer,
// when set, is printed at its end ("thidua 1.2.3 — 28/11/2026").
func guideHTML(md []byte, footer string) []byte {
	md = norm.NFC.Bytes(bytes.ReplaceAll(md, []byte("\r\n"), []byte("\n")))
	p := blackfriday.New(blackfriday.WithExtensions(blackfriday.CommonExtensions &^ blackfriday.HeadingIDs &^ blackfriday.AutoHeadingIDs))
	root := p.Parse(md)
	title := "thidua"
	seen := map[string]int{}
	root.Walk(func(n *blackfriday.Node, entering bool) blackfriday.WalkStatus {
		if !entering || n.Type != blackfriday.Heading {
			return blackfriday.GoToNext
		}
		text := nodeText(n)
		if n.Level == 1 && title == "thidua" {
			title = text
		}
		id := headingSlug(text)
		if k := seen[id]; k > 0 {
			seen[id]++
			id = fmt.Sprintf("%s-%d", id, k)
		} else {
			seen[id] = 1
		}
		n.HeadingID = id
		return blackfriday.SkipChildren
	})
	r := blackfriday.NewHTMLRenderer(blackfriday.HTMLRendererParameters{Flags: blackfriday.CommonHTMLFlags &^ blackfriday.Smartypants})
	var body bytes.Buffer
	root.Walk(func(n *blackfriday.Node, entering bool) blackfriday.WalkStatus {
		return r.RenderNode(&body, n, entering)
	})
	var b bytes.Buffer
	b.WriteString("<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n")
	b.WriteString("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
	fmt.Fprintf(&b, "<title>%s</title>\n<style>\n%s</style>\n</head>\n<body>\n<main>\n", html.EscapeString(title), guideCSS)
	b.Write(body.Bytes())
	if footer != "" {
		fmt.Fprintf(&b, "<footer>%s</footer>\n", html.EscapeString(footer))
	}
	b.WriteString("</main>\n</body>\n</html>\n")
	return b.Bytes()
}

// nodeText is the plain text under a node (a heading's words without
// their markup).
func nodeText(n *blackfriday.Node) string {
	var b strings.Builder
	n.Walk(func(c *blackfriday.Node, entering bool) blackfriday.WalkStatus {
		if entering && (c.Type == blackfriday.Text || c.Type == blackfriday.Code) {
			b.Write(c.Literal)
		}
		return blackfriday.GoToNext
	})
	return b.String()
}

// headingSlug is the anchor GitHub gives a heading, which the guide's
// table of contents links to: lower case, every character but letters,
// digits, spaces, "-" and "_" left out, spaces turned into "-"
// ("7. Vòng thẩm định (--review)" → "7-vòng-thẩm-định---review").
func headingSlug(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(s)) {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// writeGuide renders the Markdown guide src into the HTML page dst.
func writeGuide(src, dst, footer string) error {
	md, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	if dir := filepath.Dir(dst); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	return os.WriteFile(dst, guideHTML(md, footer), 0o644)
}
