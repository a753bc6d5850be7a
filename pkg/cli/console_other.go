//go:build !windows

package cli

// ownsConsole reports whether this process owns its console window; only
// Windows opens one for a program started from the desktop.
func ownsConsole() bool { return false }
