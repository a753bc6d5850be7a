package form_test

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/thidua/thidua/pkg/form"
	"github.com/thidua/thidua/pkg/form/formtest"
)

// TestReaderMatchesExcelize reads every committed workbook that is not
// meant to be refused (fixtures, the corpus) and a sample set with every
// kind of messiness (legacy fonts, NFD, formulas without values, merged
// headers) both ways: the submissions — rows, scores, texts, diagnostics
// with their cells — must be the same.
func TestReaderMatchesExcelize(t *testing.T) {
	// Where the reader means to differ (issue 14): a boolean is not a
	// score of 1, a formula not calculated because the sheet was not read
	// to its end says so.
	intended := map[string]string{"boolean-score.xlsx": "TD203", "formula-chain-deep.xlsx": "TD223"}
	c := defaultCampaign(t)
	type input struct {
		name string
		data []byte
	}
	var inputs []input
	for _, dir := range []string{"../../testdata/forms", "../../testdata/corpus"} {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			n := strings.ToLower(e.Name())
			if e.IsDir() || !(strings.HasSuffix(n, ".xlsx") || strings.HasSuffix(n, ".xlsm")) {
				continue
			}
			data, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			inputs = append(inputs, input{dir + "/" + e.Name(), data})
		}
	}
	samples := 100
	if raceEnabled {
		samples = 10 // the same code paths, in a tenth of the time the detector takes
	}
	for _, sf := range formtest.Sample(formtest.SampleOptions{Campaign: c, N: samples, Seed: 7}) {
		data, err := formtest.Bytes(sf.Form)
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, input{"sample/" + sf.Name, data})
	}
	compared, legacy := 0, 0
	for _, in := range inputs {
		got := form.ReadBytes(context.Background(), in.name, in.data, form.ReadOptions{Campaign: c, TmpDir: t.TempDir()})
		if _, d := form.Sniff(in.data, form.DefaultUnzipSizeLimit); d != nil {
			continue // refused before any sheet is read, both ways
		}
		switch {
		case hasCode(got.Diags, "TD120"), hasCode(got.Diags, "TD123"), hasCode(got.Diags, "TD124"):
			continue // damaged parts, which excelize read as the end of a sheet; not forms
		}
		if why, ok := intended[filepath.Base(in.name)]; ok {
			if !hasCode(got.Diags, why) {
				t.Errorf("%s: no %s:%s", in.name, why, dump(got.Diags))
			}
			continue
		}
		want, err := form.ReadReference(in.name, in.data, form.ReadOptions{Campaign: c, TmpDir: t.TempDir()})
		if err != nil {
			t.Errorf("%s: excelize: %v", in.name, err)
			continue
		}
		if !reflect.DeepEqual(got.Diags, want.Diags) {
			t.Errorf("%s: the reader and excelize differ:\nreader:%s\nexcelize:%s", in.name, dump(got.Diags), dump(want.Diags))
		} else if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the reader and excelize differ:\nreader:   %+v\nexcelize: %+v", in.name, got, want)
		}
		compared++
		if hasCode(got.Diags, "TD212") {
			legacy++
		}
	}
	if compared < 40+samples || legacy == 0 {
		t.Errorf("compared %d workbooks, %d in a legacy font", compared, legacy)
	}
}

// TestOutputLooksLikeAForm: thidua's consolidated workbook has what the
// reader looks for in a form (a sheet with "Mã" and "Tự chấm" columns and
// criterion codes), so only its recognition keeps it from being scored as
// a unit (issue 13); recognised, it is skipped.
func TestOutputLooksLikeAForm(t *testing.T) {
	c := defaultCampaign(t)
	data, err := os.ReadFile(filepath.Join(corpusDir, "thidua-output.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	asForm, err := form.ReadReference("tong-hop.xlsx", data, form.ReadOptions{Campaign: c, TmpDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	if len(asForm.Lines) == 0 {
		t.Fatalf("read as a form, the workbook gives no lines:%s", dump(asForm.Diags))
	}
	s := form.ReadBytes(context.Background(), "tong-hop.xlsx", data, form.ReadOptions{Campaign: c})
	checkCase(t, s, skipped, "TD124")
}
