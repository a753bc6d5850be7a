//go:build linux

package cli

import (
	"os"
	"strconv"
	"strings"
)

// stdoutClosed reports whether the program was started with its standard
// output closed (`thidua report --json >&-`). The Go runtime then puts
// /dev/null, opened read-write, in its place, so writes succeed and the
// result would be lost without a word; a shell's `>/dev/null` opens it
// write-only and is left alone.
func stdoutClosed() bool {
	target, err := os.Readlink("/proc/self/fd/1")
	if err != nil || target != os.DevNull {
		return false
	}
	info, err := os.ReadFile("/proc/self/fdinfo/1")
	if err != nil {
		return false
	}
	for _, line := range strings.Split(string(info), "\n") {
		if v, ok := strings.CutPrefix(line, "flags:"); ok {
			flags, err := strconv.ParseInt(strings.TrimSpace(v), 8, 64)
			return err == nil && int(flags&3) == os.O_RDWR
		}
	}
	return false
}
