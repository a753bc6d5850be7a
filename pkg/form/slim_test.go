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

// TestSlimPackageSameGrid reads every committed workbook (fixtures and the
// hostile corpus) and a sample set with every kind of messiness twice:
// through the slim package the reader opens (slim.go) and whole, as the
// file is. The submissions — rows, scores, texts, diagnostics with their
// cells — must be the same.
func TestSlimPackageSameGrid(t *testing.T) {
	c := defaultCampaign(t)
	type input struct {
		name string
		data []byte
	}
	var inputs []input
	for _, dir := range []string{fixtureDir, "../../testdata/corpus"} {
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
	for _, sf := range formtest.Sample(formtest.SampleOptions{Campaign: c, N: 100, Seed: 7}) {
		data, err := formtest.Bytes(sf.Form)
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, input{"sample/" + sf.Name, data})
	}
	if len(inputs) < 150 {
		t.Fatalf("only %d workbooks to compare", len(inputs))
	}
	legacy := 0
	for _, in := range inputs {
		opts := form.ReadOptions{Campaign: c, TmpDir: t.TempDir()}
		slim := form.ReadBytes(context.Background(), in.name, in.data, opts)
		whole := form.ReadBytes(context.Background(), in.name, in.data, form.WithoutSlim(opts))
		if !reflect.DeepEqual(slim, whole) {
			t.Errorf("%s: the slim package reads differently:\nslim:  %+v\nwhole: %+v", in.name, slim, whole)
		}
		for _, d := range slim.Diags {
			if d.Code == "TD212" {
				legacy++
				break
			}
		}
	}
	// The stylesheet is kept for legacy fonts: such forms must be among
	// those compared, and converted.
	if legacy == 0 {
		t.Error("no form in a legacy font was compared")
	}
}
