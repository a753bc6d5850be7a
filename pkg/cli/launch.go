package cli

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/thidua/thidua/pkg/config"
)

// launch is how thidua was started: from a terminal, or from the Windows
// desktop by a double click on thidua.exe or by dropping a folder onto it.
// A desktop start owns its console window, which closes when thidua
// exits: thidua then explains itself or runs report, and waits for Enter.
type launch int

const (
	launchTerminal    launch = iota // from a terminal or a script: the command line as given
	launchDoubleClick               // double-clicked: a short explanation, then wait for Enter
	launchDrop                      // a folder dropped onto the program: report on it, then wait
)

// decideLaunch tells a desktop start from a terminal one: only a process
// that owns its console (no terminal started it) is a desktop start; with
// no argument it was double-clicked, with one folder it had the folder
// dropped onto it. Anything else runs as a command line.
func decideLaunch(args []string, ownConsole bool, isDir func(string) bool) launch {
	switch {
	case !ownConsole:
		return launchTerminal
	case len(args) == 0:
		return launchDoubleClick
	case len(args) == 1 && isDir(args[0]):
		return launchDrop
	}
	return launchTerminal
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

// desktopHelp is what a double click shows.
const desktopHelp = `thidua — tổng hợp, chấm điểm và báo cáo thi đua

thidua là chương trình chạy bằng dòng lệnh, không có cửa sổ riêng. Cách dùng
đơn giản nhất trên Windows:

  1. Đặt tệp cấu hình thidua.yaml (cơ quan, người ký, danh sách đơn vị, bảng
     tiêu chí) cạnh thư mục chứa phiếu, hoặc cạnh thidua.exe.
     Chưa có? Mở Command Prompt ở thư mục này và gõ:  thidua init
  2. Thu phiếu chấm điểm của các đơn vị vào một thư mục, ví dụ "phieu".
  3. Kéo thư mục "phieu" thả lên biểu tượng thidua.exe: thidua chấm điểm và
     ghi bảng tổng hợp, báo cáo (PDF) vào thư mục thidua-out cạnh thư mục phiếu.

Dùng thử không cần cấu hình: mở Command Prompt và gõ  thidua report --demo
Hướng dẫn đầy đủ: tệp huong-dan-su-dung (đi kèm chương trình).
`

// desktopMain runs a desktop start and waits for Enter before the window
// closes. exeDir is the folder of the program (its thidua.yaml is the
// fallback configuration of a dropped folder).
func desktopMain(ctx context.Context, l launch, args []string, s *IOStreams, exeDir string) int {
	defer func() {
		fmt.Fprint(s.Err, "\nNhấn Enter để đóng cửa sổ… / Press Enter to close…")
		_, _ = bufio.NewReader(s.In).ReadString('\n')
	}()
	if l == launchDoubleClick {
		fmt.Fprint(s.Err, desktopHelp)
		return ExitOK
	}
	folder, err := filepath.Abs(args[0])
	if err != nil {
		fmt.Fprintln(s.Err, "thidua:", err)
		return ExitFailed
	}
	parent := filepath.Dir(folder)
	cfg := ""
	for _, dir := range []string{parent, exeDir} {
		if p := filepath.Join(dir, config.DefaultName); dir != "" && isFile(p) {
			cfg = p
			break
		}
	}
	if cfg == "" {
		fmt.Fprintf(s.Err, "thidua: không tìm thấy %s cạnh thư mục %s (ở %s) hay cạnh thidua.exe (ở %s).\n"+
			"Tạo tệp cấu hình bằng lệnh  thidua init  rồi sửa cho đúng cơ quan, đơn vị của mình.\n",
			config.DefaultName, filepath.Base(folder), parent, exeDir)
		return ExitFailed
	}
	// The outputs go beside the forms folder: ./thidua-out/<kỳ>/ from there.
	if err := os.Chdir(parent); err != nil {
		fmt.Fprintln(s.Err, "thidua:", err)
		return ExitFailed
	}
	fmt.Fprintf(s.Err, "thidua report %s  (cấu hình: %s)\n\n", folder, cfg)
	code := run(ctx, []string{"--config", cfg, "report", folder}, s)
	if code == ExitOK || code == ExitProblems {
		fmt.Fprintf(s.Err, "\nKết quả ở thư mục: %s\n", filepath.Join(parent, "thidua-out"))
	}
	return code
}

func isFile(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}
