package form

// Limits on the work done for one form. A form is untrusted: a few
// megabytes of zip can hold a million rows, a hundred thousand unknown codes
// or text nested a million levels deep. Bytes alone (the file size and
// unzip limits of ReadOptions) do not bound the time and memory reading
// takes, so the reader also counts what it reads: rows, cells, text, XML,
// shared strings and diagnostics, each with its own limit below and the
// diagnostic that says which limit a form hit. With them, any single form
// is read within about 100 MiB of heap and a couple of seconds, whatever it
// holds (BenchmarkReadHostile). docs/SECURITY.md lists them for users.
const (
	// MaxCols is how many columns of a sheet are read: a form needs a
	// dozen, and a stray value far to the right must not make every row
	// that wide. Cells further right are ignored, silently.
	MaxCols = 256

	// MaxEmptyRun is how many empty rows in a row end a sheet: styled-empty
	// sheets claim a million rows and would otherwise be walked to the end.
	// The sheet ends there, silently; formulas of such a sheet are not
	// calculated (TD223), since looking them up means parsing it whole.
	MaxEmptyRun = 5000

	// MaxSheetRows is how many filled rows are read from one sheet, and
	// MaxSheetCells how many cells (each row counted up to its last filled
	// cell). A form has a few hundred rows of a dozen columns. Reading stops
	// at the limit: on the scoring sheet before its table is complete the
	// form is rejected (TD220), after it the rest is ignored (TD221); on
	// another sheet the rest is ignored (TD222).
	MaxSheetRows  = 10000
	MaxSheetCells = 200000

	// MaxFormCells and MaxFormText are how many cells, and how many bytes of
	// their text, are kept from all the sheets of one form together (a
	// sheet read up to its own limits, several times over, or text that a
	// hundred thousand cells share). Reading stops as for MaxSheetRows.
	MaxFormCells = 400000
	MaxFormText  = 16 << 20

	// MaxRowsPastTable is how many filled rows of the scoring sheet are
	// looked at once every row of the criteria table has been found: rows
	// after the table cannot change the score, but each unknown code in
	// them would be a diagnostic. The rest of the sheet is ignored (TD221).
	MaxRowsPastTable = 1000

	// MaxSharedStrings is how many entries the workbook's shared string
	// table may have (TD129); a form has a few hundred.
	MaxSharedStrings = 100000

	// MaxXMLRead is how many bytes of XML are parsed for one form, all
	// parts together (TD130). A form's sheets are a few hundred KB; a sheet
	// of millions of styled empty rows is read only up to MaxEmptyRun.
	MaxXMLRead = 16 << 20

	// MaxPartInMemory is the size up to which a part of the package is
	// kept in memory after the zip check, and MaxKeptParts how much is kept
	// in all; a larger worksheet is inflated again as it is read, and a
	// larger workbook, shared string table or stylesheet is refused (TD130).
	MaxPartInMemory = 8 << 20
	MaxKeptParts    = 24 << 20

	// MaxCalcPackage is the size of the kept package up to which formulas
	// that the reader's own SUM evaluator cannot compute are handed to
	// excelize (which parses the whole sheet). Beyond it, or when parts were
	// not kept, such formulas count as blank (TD223).
	MaxCalcPackage = 4 << 20

	// MaxXMLDepth is how deeply elements may nest in a part the reader
	// parses, and MaxXMLToken how long one tag or one run of text may be
	// (Excel's cells hold at most 32,767 characters). Beyond either the
	// part is damaged (TD120).
	MaxXMLDepth = 100
	MaxXMLToken = 1 << 20

	// MaxXLSStream is the largest Workbook stream of an .xls file read
	// (TD130).
	MaxXLSStream = 16 << 20

	// MaxDiagnosticsPerCode is how many diagnostics of one code a file
	// gives (a row of unknown code, a converted legacy text…); the rest are
	// counted in one note (TD131). Since every code keeps its first ones, a
	// form keeps the status its diagnostics give it, and the number of
	// diagnostics of a file is bounded by the size of the catalog.
	MaxDiagnosticsPerCode = 50

	// MaxSheets is how many sheets a workbook may have (TD130); a form
	// has three.
	MaxSheets = 1000

	// MaxSheetNamesShown is how many sheet names TD107 lists.
	MaxSheetNamesShown = 20

	// MaxWalkDepth is how many levels of folders below a PATH argument
	// Collect walks (TD126).
	MaxWalkDepth = 64

	// MaxMatrixUnits is how many unit rows of a Bảng điểm sheet are read:
	// each holds a line per leaf of the table, and a sheet holds a roster
	// (tens to hundreds of units). A sheet with more is rejected (TD237).
	MaxMatrixUnits = 1000
)
