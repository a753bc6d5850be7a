package templates

import _ "embed" // for go:embed

// Narrative is the embedded narrative template of the official PDF report
// (bao-cao.tmpl, Go text/template). The file documents its own mini-format
// and the data it receives; a user's own template can replace it.
//
//go:embed bao-cao.tmpl
var Narrative string
