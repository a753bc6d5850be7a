// Package vntext handles Vietnamese text the way emulation forms need it:
// NFC normalisation, folding for label matching, legacy TCVN3/VNI to
// Unicode conversion, parsing and formatting of scores written with a
// decimal comma, period codes and labels, and dates in the style of
// official documents.
package vntext
