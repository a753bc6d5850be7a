// Command heapcheck shows where thidua's memory goes on a set of forms: the
// live heap after reading, after scoring and after the forms are let go,
// and the peak heap while the consolidated workbook is written (with heap
// profiles in PROFILE and PROFILE.peak for go tool pprof). It served the
// memory work of docs/BENCHMARKS.md.
//
//	go run ./scripts/heapcheck FORMS_DIR thidua.yaml /tmp/heap.out
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"time"

	"github.com/thidua/thidua/pkg/config"
	"github.com/thidua/thidua/pkg/form"
	"github.com/thidua/thidua/pkg/report"
	"github.com/thidua/thidua/pkg/report/xlsx"
	"github.com/thidua/thidua/pkg/score"
)

// live prints the live heap after a collection.
func live(stage string) {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Printf("%-12s live heap %4d MiB\n", stage, ms.HeapAlloc>>20)
}

func main() {
	if len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: heapcheck FORMS_DIR CONFIG PROFILE")
		os.Exit(2)
	}
	cfg, err := config.Load(config.LoadOptions{File: os.Args[2]})
	if err != nil {
		panic(err)
	}
	in, _ := form.Collect([]string{os.Args[1]}, form.CollectOptions{})
	form.ReadAll(context.Background(), in, form.ReadOptions{Campaign: &cfg.Campaign}, 2, nil)
	live("read")
	var units []score.Unit
	for _, u := range cfg.Units {
		units = append(units, score.Unit{Code: u.Code, Name: u.Name, Group: u.Group, Aliases: u.Aliases})
	}
	res := score.Run(in, score.Options{Campaign: &cfg.Campaign, Roster: units, DeadlineDays: cfg.DeadlineDays})
	live("scored")
	for i := range in {
		in[i].Submission = nil
	}
	live("dropped")
	f, _ := os.Create(os.Args[3])
	pprof.WriteHeapProfile(f)
	f.Close()
	done := make(chan bool)
	var peak, written uint64
	go func() {
		for {
			select {
			case <-done:
				return
			case <-time.After(5 * time.Millisecond):
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				if ms.HeapInuse > written+50<<20 {
					written = ms.HeapInuse
					f, _ := os.Create(os.Args[3] + ".peak")
					pprof.WriteHeapProfile(f)
					f.Close()
				}
				peak = max(peak, ms.HeapInuse)
			}
		}
	}()
	if _, err := xlsx.Write(io.Discard, res, report.Meta{}); err != nil {
		panic(err)
	}
	close(done)
	fmt.Printf("xlsx write: peak heap in use %d MiB\n", peak>>20)
	live("written")
	runtime.KeepAlive(res)
}
