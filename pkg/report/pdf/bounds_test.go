package pdf

import (
	"bytes"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/thidua/thidua/internal/reporttest"
	"github.com/thidua/thidua/pkg/diag"
	"github.com/thidua/thidua/pkg/report"
	"github.com/thidua/thidua/pkg/score"
	"github.com/thidua/thidua/pkg/submission"
)

// TestOutputBounds: a folder of 50,000 broken files and a unit named with
// 32,767 characters give an official report of a few pages within a
// bounded memory (the workbook and the JSON keep every file and the whole
// name). It measures memory through runtime.MemStats, not time.
func TestOutputBounds(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a result of 50,000 files")
	}
	r := reporttest.Result()
	r.Units[0].Name = strings.Repeat("Phòng Quản lý kết cấu hạ tầng giao thông ", 800)[:32767]
	for i := 0; i < 50000; i++ {
		r.Files = append(r.Files, score.FileResult{Path: fmt.Sprintf("phieu/hong-%05d.xlsx", i), Size: 1,
			Status: submission.Rejected, Diags: diag.List{diag.New("TD101", "x")}})
	}
	r.CountFiles()
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	var out bytes.Buffer
	if _, err := Write(&out, r, report.Meta{Lang: "vi"}); err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	alloc := after.TotalAlloc - before.TotalAlloc
	t.Logf("rendering allocated %d MiB", alloc>>20)
	if alloc > 200<<20 {
		t.Errorf("rendering allocated %d MiB", alloc>>20)
	}
	pages := bytes.Count(out.Bytes(), []byte("/Type /Page\n"))
	t.Logf("%d pages, %d bytes", pages, out.Len())
	if pages > 6 || pages == 0 {
		t.Errorf("the report has %d pages", pages)
	}
}
