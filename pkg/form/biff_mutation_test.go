package form

import (
	"math/rand"
	"testing"

	"github.com/thidua/thidua/pkg/diag"
)

// TestParseBIFFMutations feeds the .xls reader thousands of damaged copies
// of a real workbook stream (bytes changed, cut short, chunks repeated):
// it must neither panic nor hang.
func TestParseBIFFMutations(t *testing.T) {
	seed := workbookStream(t)
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 3000; i++ {
		d := append([]byte{}, seed...)
		for k := 0; k < 1+rng.Intn(8); k++ {
			d[rng.Intn(len(d))] = byte(rng.Intn(256))
		}
		if rng.Intn(3) == 0 {
			d = d[:rng.Intn(len(d))]
		}
		if len(d) > 0 && rng.Intn(4) == 0 {
			a := rng.Intn(len(d))
			b := a + rng.Intn(len(d)-a)
			at := rng.Intn(len(d))
			d = append(d[:at:at], append(append([]byte{}, d[a:b]...), d[at:]...)...)
		}
		b, err := parseBIFF(d)
		if err != nil {
			continue
		}
		for _, n := range b.sheetNames() {
			if _, err := b.load(n, func(diag.Diagnostic) {}); err != nil {
				t.Fatal(err)
			}
		}
	}
}
