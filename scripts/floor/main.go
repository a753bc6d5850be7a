// Command floor is the speed floor of scripts/bench.sh: it only opens each
// .xlsx form under the given directories with excelize and iterates every
// row of every sheet, on all cores, and prints how many cells it saw: the
// plain way to read the forms with excelize, which thidua report is measured
// against. (thidua asks excelize for less — it opens a slim copy of each
// package and reads only the sheets it needs — and can come in under it.)
//
//	go build -o /tmp/floor ./scripts/floor && /tmp/floor forms/
package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/xuri/excelize/v2"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: floor DIR...")
		os.Exit(2)
	}
	var paths []string
	for _, root := range os.Args[1:] {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && strings.HasSuffix(strings.ToLower(p), ".xlsx") {
				paths = append(paths, p)
			}
			return nil
		})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
	var cells, failed atomic.Int64
	jobs := make(chan string)
	var wg sync.WaitGroup
	for w := 0; w < runtime.NumCPU(); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range jobs {
				n, err := read(p)
				if err != nil {
					failed.Add(1)
				}
				cells.Add(n)
			}
		}()
	}
	for _, p := range paths {
		jobs <- p
	}
	close(jobs)
	wg.Wait()
	fmt.Printf("%d files, %d cells, %d failed\n", len(paths), cells.Load(), failed.Load())
}

// read opens one workbook and walks every row of every sheet.
func read(path string) (int64, error) {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	var n int64
	for _, sh := range f.GetSheetList() {
		rows, err := f.Rows(sh)
		if err != nil {
			return n, err
		}
		for rows.Next() {
			cols, err := rows.Columns()
			if err != nil {
				rows.Close()
				return n, err
			}
			n += int64(len(cols))
		}
		rows.Close()
	}
	return n, nil
}
