//go:build !unix

package form

import "os"

// openNoBlock opens a file for reading (the FIFOs of Unix do not exist
// here; OpenRegular has checked the path is a regular file).
func openNoBlock(path string) (*os.File, error) {
	return os.Open(path)
}
