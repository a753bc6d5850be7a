//go:build !linux

package cli

// stdoutClosed reports whether the standard output was closed at start;
// only Linux lets thidua tell (elsewhere it answers false).
func stdoutClosed() bool { return false }
