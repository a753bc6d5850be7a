package form

import (
	"math/rand"
	"testing"
	"time"

	"github.com/thidua/thidua/pkg/diag"
)

func TestSlowHunt(t *testing.T) {
	seed := workbookStream(t)
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 20000; i++ {
		d := append([]byte{}, seed...)
		for k := 0; k < 1+rng.Intn(8); k++ {
			d[rng.Intn(len(d))] = byte(rng.Intn(256))
		}
		if rng.Intn(3) == 0 {
			d = d[:rng.Intn(len(d))]
		}
		if rng.Intn(4) == 0 {
			// splice: duplicate a random chunk somewhere
			a := rng.Intn(len(d))
			b := a + rng.Intn(len(d)-a)
			at := rng.Intn(len(d))
			d = append(d[:at:at], append(append([]byte{}, d[a:b]...), d[at:]...)...)
		}
		done := make(chan struct{})
		go func() {
			b, err := parseBIFF(d)
			if err == nil {
				for _, n := range b.sheetNames() {
					b.load(n, func(diag.Diagnostic) {})
				}
			}
			close(done)
		}()
		select {
		case <-done:
		case <-time.After(2 * time.Second):
			t.Fatalf("slow input %d", i)
		}
	}
}
