//go:build unix

package form

import (
	"os"
	"syscall"
)

// openNoBlock opens a file for reading without waiting for a writer should
// it be a FIFO after all.
func openNoBlock(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
