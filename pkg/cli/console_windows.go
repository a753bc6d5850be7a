//go:build windows

package cli

import (
	"syscall"
	"unsafe"
)

// ownsConsole reports whether this process is alone on its console: the
// window was opened for it (a double click or a drop in Explorer), not by
// a terminal that stays open after it exits.
func ownsConsole() bool {
	proc := syscall.NewLazyDLL("kernel32.dll").NewProc("GetConsoleProcessList")
	if proc.Find() != nil {
		return false
	}
	var ids [2]uint32
	n, _, _ := proc.Call(uintptr(unsafe.Pointer(&ids[0])), 2)
	return n == 1
}
