package cli

import (
	"os"
	"runtime"
	"runtime/pprof"

	"github.com/spf13/pflag"
)

// profiler writes the hidden --cpuprofile and --memprofile files (pprof
// format), for performance work: go tool pprof thidua cpu.out.
type profiler struct {
	cpuFile, memFile string
	cpu              *os.File
}

// addFlags adds the hidden profile flags to the root command's flags.
func (p *profiler) addFlags(fs *pflag.FlagSet) {
	fs.StringVar(&p.cpuFile, "cpuprofile", "", "ghi hồ sơ CPU (pprof) vào tệp / write a CPU profile")
	fs.StringVar(&p.memFile, "memprofile", "", "ghi hồ sơ bộ nhớ (pprof) vào tệp khi xong / write a heap profile at exit")
	_ = fs.MarkHidden("cpuprofile")
	_ = fs.MarkHidden("memprofile")
}

// start begins the CPU profile, if asked for.
func (p *profiler) start() error {
	if p.cpuFile == "" || p.cpu != nil {
		return nil
	}
	f, err := os.Create(p.cpuFile)
	if err != nil {
		return err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return err
	}
	p.cpu = f
	return nil
}

// stop ends the CPU profile and writes the heap profile, if asked for.
func (p *profiler) stop() {
	if p.cpu != nil {
		pprof.StopCPUProfile()
		_ = p.cpu.Close()
		p.cpu = nil
	}
	if p.memFile != "" {
		if f, err := os.Create(p.memFile); err == nil {
			runtime.GC()
			_ = pprof.Lookup("allocs").WriteTo(f, 0)
			_ = f.Close()
		}
	}
}
