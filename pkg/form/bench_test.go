package form_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/thidua/thidua/pkg/form"
	"github.com/thidua/thidua/pkg/form/formtest"
)

// BenchmarkRead reads committed fixtures: a template form (formulas without
// cached values), a TCVN3 form (style lookups) and an .xls.
func BenchmarkRead(b *testing.B) {
	c := defaultCampaign(b)
	for _, name := range []string{"good-template.xlsx", "good-libreoffice.xlsx", "tcvn3.xlsx", "good-libreoffice.xls"} {
		data, err := os.ReadFile(filepath.Join(fixtureDir, name))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				s := form.ReadBytes(context.Background(), name, data, form.ReadOptions{Campaign: c})
				if s.Rejected() {
					b.Fatal(dump(s.Diags))
				}
			}
		})
	}
}

// BenchmarkReadSample reads forms of the benchmark's sample set
// (formtest.Sample, as scripts/sample writes them): a template
// form with evidence on every row, a hand-made layout and a legacy-font
// form. scripts/bench.sh times the whole command on 1,000 and 10,000 of
// them.
func BenchmarkReadSample(b *testing.B) {
	c := defaultCampaign(b)
	files := formtest.Sample(formtest.SampleOptions{Campaign: c, N: 100, Seed: 1})
	for _, pick := range []struct{ name, file string }{
		{"template", files[0].Name},   // the usual form
		{"handmade", files[5].Name},   // i%12 == 5: a hand-made layout
		{"legacyfont", files[3].Name}, // i%100 == 3: TCVN3
	} {
		var f formtest.Form
		for _, sf := range files {
			if sf.Name == pick.file {
				f = sf.Form
			}
		}
		data, err := formtest.Bytes(f)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(pick.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for i := 0; i < b.N; i++ {
				s := form.ReadBytes(context.Background(), pick.file, data, form.ReadOptions{Campaign: c})
				if s.Rejected() {
					b.Fatal(dump(s.Diags))
				}
			}
		})
	}
}
