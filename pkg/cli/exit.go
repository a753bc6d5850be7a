package cli

import (
	"context"
	"errors"
	"fmt"

	"github.com/thidua/thidua/pkg/config"
	"github.com/thidua/thidua/pkg/diag"
)

// Exit statuses (docs/commands.md#exit-status). They are mapped from errors in one place, exitCode.
const (
	ExitOK          = 0   // done, nothing to report
	ExitFailed      = 1   // failed: nothing was written
	ExitUsage       = 2   // usage error: unknown flag, bad value
	ExitProblems    = 3   // done with problems: outputs written and list them
	ExitInterrupted = 130 // interrupted: no partial output left behind
)

// exitStatusHelp is the EXIT STATUS section of the commands' help.
const exitStatusHelp = `EXIT STATUS
  0    xong, không có vấn đề                      done, nothing to report
  1    thất bại, không ghi tệp nào                 failed, nothing was written
  2    sai cú pháp lệnh (cờ lạ, giá trị sai)       usage error (unknown flag, bad value)
  3    xong nhưng có vấn đề (phiếu bị loại, đơn vị chưa nộp/nộp muộn, cảnh báo khi --strict)
                                                   done with problems, listed in the outputs
  130  bị ngắt (Ctrl-C); không để lại tệp dở dang  interrupted; no partial output left
`

// usageError is a wrong command line: exit 2.
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

// usagef makes a usage error.
func usagef(format string, args ...any) error {
	return &usageError{fmt.Errorf(format, args...)}
}

// problemsError means the job ran and wrote its outputs, but found
// problems: exit 3. The problems were already reported.
type problemsError struct{ n int }

func (e *problemsError) Error() string { return fmt.Sprintf("%d problems", e.n) }

// exitCode maps an error to the exit status.
func exitCode(err error) int {
	var ue *usageError
	var pe *problemsError
	var ve *config.ValueError
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, context.Canceled):
		return ExitInterrupted
	case errors.As(err, &ue):
		return ExitUsage
	case errors.As(err, &ve):
		if ve.Usage() {
			return ExitUsage // a flag or a THIDUA_* variable, as the flag would
		}
		return ExitFailed // a value in a configuration file
	case errors.As(err, &pe):
		return ExitProblems
	}
	return ExitFailed
}

// errorText returns the message of err in lang.
func errorText(err error, lang string) string {
	var de *diag.Err
	if errors.As(err, &de) {
		return de.Text(lang)
	}
	return err.Error()
}
