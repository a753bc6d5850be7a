package form_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/thidua/thidua/pkg/form"
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
