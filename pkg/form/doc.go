// Package form is the unit form of thidua: it writes the blank or
// pre-filled scoring form that units fill in (WriteTemplate), reads a filled
// form from whatever spreadsheet the unit sends back (.xlsx, .xlsm, .xls)
// into a submission.Submission with diagnostics (Read, ReadAll), and lists
// every entry under the PATH arguments of a command, forms and the rest
// (Collect).
//
// The reader never relies on fixed cell positions: it finds the sheets, the
// labels of the "Thông tin" sheet and the header columns of the "Chấm điểm"
// sheet by folded text (vntext.Fold) with the synonyms of docs/forms.md#the-form-contract, so that
// title rows, merged cells, blank rows and reordered columns do not matter.
// Scores are read from the raw cell values and parsed straight into
// hundredths (vntext.ParseHundredths), so no float noise reaches them. Text
// is normalised to NFC; text typed in TCVN3 (.VnTime …) or VNI (VNI-Times …)
// fonts is converted to Unicode by the cell's font, each conversion reported
// as a note.
//
// Only regular files are opened, and every read is size-bounded and
// cancellable (OpenRegular, ReadFileBounded: use them for any file a user
// names). Before a file is opened it is sniffed (see Sniff): empty files,
// files that are not spreadsheets, password-protected workbooks (an OLE
// container with an EncryptedPackage stream), truncated zips, zip bombs and
// OpenDocument files are rejected with a message that says which of these it
// is and what to do. .xlsx files are read by this package's own reader of
// their XML parts (xlsxbook.go), every parse error rejecting the form and
// every form read within the limits of limits.go, whatever it holds;
// excelize is opened only to calculate a formula the reader's SUM evaluator
// cannot. .xls (BIFF8, Excel 97–2003) files are read by a small reader of
// this package (xls.go) on top of the OLE container reader
// github.com/richardlehane/mscfb, which also gives the cells' fonts for the
// legacy-encoding detection.
//
// Filled forms for tests and demos are made by the subpackage formtest.
package form
