//go:build race

package form_test

// raceEnabled: the race detector slows reads down; time limits stretch.
const raceEnabled = true
