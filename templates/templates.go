// Package templates embeds the files thidua ships inside its binary: the
// default configuration (thidua.yaml), the narrative template of the
// official report and the demo forms.
package templates

import "embed"

// DefaultConfig is the embedded default thidua.yaml: the six contents of the
// 2021 special campaign with an example criteria table, organisation,
// signer and roster. `thidua init` writes it out.
//
//go:embed thidua.yaml
var DefaultConfig []byte

// Demo holds the demo forms (demo/*.xlsx) that `thidua report --demo` runs on.
//
//go:embed demo
var Demo embed.FS
