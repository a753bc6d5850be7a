#!/usr/bin/env bash
# scripts/bench.sh — time `thidua report` side by side with the floor (a Go
# program that only opens each form with excelize and walks every row of
# every sheet, on all cores: scripts/floor) and the peer (the plain openpyxl
# script an office's IT person writes: scripts/peer.py), on generated sets of
# 1,000 and 10,000 realistic forms. Runs alternate (floor, thidua xlsx+json,
# thidua full, peer, floor, …) so that a busy machine slows all of them
# alike; the table gives medians, ratios and peak RSS. See docs/BENCHMARKS.md.
#
#   scripts/bench.sh                 # 5 runs at 1,000 forms, 3 at 10,000
#   RUNS_1000=3 RUNS_10000=1 SIZES="1000" scripts/bench.sh
#
# Needs: go, bc, /usr/bin/time (apt-get install -y time bc), /usr/bin/python3 with
# openpyxl (apt-get install -y python3-openpyxl). The generated sets are kept
# in $BENCH_DIR (default /tmp/thidua-bench) and reused by later runs.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${BENCH_DIR:-/tmp/thidua-bench}
SIZES=${SIZES:-"1000 10000"}
RUNS_1000=${RUNS_1000:-5}
RUNS_10000=${RUNS_10000:-3}
PEER_MAX=${PEER_MAX:-1000} # the peer is timed up to this many forms (it is slow)
PY=/usr/bin/python3

for tool in /usr/bin/time "$PY"; do
	[ -x "$tool" ] || { echo "bench.sh: $tool missing (apt-get install -y time python3-openpyxl)" >&2; exit 1; }
done
command -v bc >/dev/null || { echo "bench.sh: bc missing (apt-get install -y bc)" >&2; exit 1; }
"$PY" -c 'import openpyxl' 2>/dev/null || { echo "bench.sh: $PY lacks openpyxl (apt-get install -y python3-openpyxl)" >&2; exit 1; }

mkdir -p "$WORK/bin"
BIN="$WORK/bin"
(cd "$ROOT" && go build -o "$BIN/thidua" ./cmd/thidua && go build -o "$BIN/floor" ./scripts/floor && go build -o "$BIN/sample" ./scripts/sample)

echo "# thidua benchmark — $(date -u '+%Y-%m-%d %H:%M UTC')"
echo
echo "- machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
echo "- $(go version | cut -d' ' -f3-), $("$PY" -c 'import sys, openpyxl; print("Python %s, openpyxl %s" % (sys.version.split()[0], openpyxl.__version__))')"
echo "- thidua $(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo '?')$(cd "$ROOT" && git diff --quiet 2>/dev/null || echo ' (with local changes)')"
echo "- load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo

# gen N: the sample set of N forms and its thidua.yaml (roster of N units).
gen() {
	local n=$1 dir="$WORK/f$1"
	if [ -f "$dir.done" ] && [ "$(cat "$dir.done")" = "$n" ]; then
		return
	fi
	rm -rf "$dir" "$dir.yaml"
	local t0=$(date +%s.%N)
	"$BIN/sample" -n "$n" -outdir "$dir" -sample-config "$dir.yaml" -q
	echo "$n" >"$dir.done"
	printf -- '- generated %d forms (%s) in %.0f s\n' "$n" "$(du -sh "$dir" | cut -f1)" "$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{print b-a}')" >&2
}

# measure NAME N CMD...: one run; appends "name n wall user+sys maxrss_kb" to $RES.
measure() {
	local name=$1 n=$2
	shift 2
	local out="$WORK/time.txt"
	local t0=$(date +%s%N)
	/usr/bin/time -o "$out" -f "%U %S %M %x" "$@" >/dev/null 2>"$WORK/stderr.txt" || true
	local t1=$(date +%s%N)
	# (time writes "Command exited with non-zero status N" first when it did.)
	read -r u s m x < <(tail -n 1 "$out") || true
	# thidua exits 3 when units are missing, late or rejected: the sample set has such units.
	if [ "${x:-1}" != 0 ] && [ "${x:-1}" != 3 ]; then
		echo "bench.sh: $name failed (exit $x):" >&2
		tail -5 "$WORK/stderr.txt" >&2
		exit 1
	fi
	echo "$name $n $(( (t1 - t0) / 1000000 )) $(awk -v u="$u" -v s="$s" 'BEGIN{printf "%d", (u+s)*1000}') $m" >>"$RES"
}

RES="$WORK/results.txt"
: >"$RES"
for n in $SIZES; do
	gen "$n"
done
for n in $SIZES; do
	dir="$WORK/f$n"
	cfg="$dir.yaml"
	runs=$RUNS_1000
	[ "$n" -ge 10000 ] && runs=$RUNS_10000
	# One warm-up of each, not counted: the page cache then holds the forms.
	"$BIN/floor" "$dir" >/dev/null
	"$BIN/thidua" report --config "$cfg" "$dir" -o "$WORK/out" --date 2026-10-10 -q >/dev/null 2>&1 || true
	for i in $(seq "$runs"); do
		measure floor "$n" "$BIN/floor" "$dir"
		measure thidua-xlsx-json "$n" "$BIN/thidua" report --config "$cfg" "$dir" -o "$WORK/out-a" --format xlsx,json --date 2026-10-10 -q
		measure thidua-full "$n" "$BIN/thidua" report --config "$cfg" "$dir" -o "$WORK/out-b" --date 2026-10-10 -q
		# The scaling target compares 10,000 forms with 1,000: each
		# 10,000-form run is paired with 1,000-form runs of the floor and of
		# thidua right after it, so that load that drifts over the minutes
		# between the two sizes does not count as thidua's.
		if [ "$n" -ge 10000 ] && [ -d "$WORK/f1000" ]; then
			measure pair-floor 1000 "$BIN/floor" "$WORK/f1000"
			measure pair-thidua-full 1000 "$BIN/thidua" report --config "$WORK/f1000.yaml" "$WORK/f1000" -o "$WORK/out-b" --date 2026-10-10 -q
		fi
		if [ "$n" -le "$PEER_MAX" ]; then
			measure peer "$n" "$PY" "$ROOT/scripts/peer.py" "$dir" "$WORK/peer.xlsx"
		fi
	done
done

# thidua --help: start-up, median of 21 runs.
: >"$WORK/help.txt"
for i in $(seq 21); do
	t0=$(date +%s%N)
	"$BIN/thidua" --help >/dev/null
	t1=$(date +%s%N)
	echo $(( (t1 - t0) / 1000 )) >>"$WORK/help.txt"
done

"$PY" - "$RES" "$WORK/help.txt" <<'PYEOF'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
help_us = sorted(int(l) for l in open(sys.argv[2]) if l.strip())
data = {}
for name, n, wall, cpu, rss in rows:
    data.setdefault((int(n), name), []).append((int(wall), int(cpu), int(rss)))
def med(n, name, i):
    v = data.get((n, name))
    return statistics.median(x[i] for x in v) if v else None
sizes = sorted({k[0] for k in data})
names = ["floor", "thidua-xlsx-json", "thidua-full", "peer"]
print("| forms | program | runs | wall (median) | CPU user+sys (median) | peak RSS (max) | wall ÷ floor | CPU ÷ floor | wall ÷ peer |")
print("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
for n in sizes:
    fl, pe, flc = med(n, "floor", 0), med(n, "peer", 0), med(n, "floor", 1)
    for name in names:
        v = data.get((n, name))
        if not v:
            continue
        w, c = med(n, name, 0), med(n, name, 1)
        rss = max(x[2] for x in v)
        rf = "%.2f×" % (w / fl) if fl else "–"
        rc = "%.2f×" % (c / flc) if flc else "–"
        rp = "%.2f×" % (w / pe) if pe else "–"
        print("| %d | %s | %d | %.2f s | %.2f s | %.0f MiB | %s | %s | %s |" % (n, name, len(v), w / 1000, c / 1000, rss / 1024, rf, rc, rp))
print()
print("Targets (issue 7):")
def check(label, ok, detail):
    print("- %s %s: %s" % ("MET" if ok else "NOT MET", label, detail))
for n in sizes:
    fl = med(n, "floor", 0)
    if n == 1000 and fl:
        a, b = med(n, "thidua-xlsx-json", 0), med(n, "thidua-full", 0)
        check("xlsx+json within 1.25× the floor at 1,000", a <= 1.25 * fl, "%.2f×" % (a / fl))
        check("full report within 1.5× the floor at 1,000", b <= 1.5 * fl, "%.2f×" % (b / fl))
        pe = med(n, "peer", 0)
        if pe:
            check("full report at least 3× faster than the peer at 1,000", pe >= 3 * b, "%.1f× faster" % (pe / b))
    rss = max(max(x[2] for x in data.get((n, k), [(0, 0, 0)])) for k in ("thidua-xlsx-json", "thidua-full"))
    if n in (1000, 10000):
        lim = 100 if n == 1000 else 300
        check("peak RSS ≤ %d MiB at %d forms" % (lim, n), rss / 1024 <= lim, "%.0f MiB" % (rss / 1024))
if 1000 in sizes and 10000 in sizes:
    # Per round: a 10,000-form run over the 1,000-form run right after it.
    big = [x[0] for x in data.get((10000, "thidua-full"), [])]
    small = [x[0] for x in data.get((1000, "pair-thidua-full"), [])]
    bigf = [x[0] for x in data.get((10000, "floor"), [])]
    smallf = [x[0] for x in data.get((1000, "pair-floor"), [])]
    r_table = med(10000, "thidua-full", 0) / med(1000, "thidua-full", 0)
    if big and len(big) == len(small):
        r = statistics.median(b / a for b, a in zip(big, small))
        rf = statistics.median(b / a for b, a in zip(bigf, smallf)) if bigf and len(bigf) == len(smallf) else float("nan")
        check("time at 10,000 within 11× the time at 1,000 (full report)", r <= 11,
              "%.1f× (median over %d rounds of a 10,000-form run ÷ the 1,000-form run right after it; the floor's own: %.1f×; "
              "from the table's medians, taken minutes apart: %.1f×)" % (r, len(big), rf, r_table))
    else:
        check("time at 10,000 within 11× the time at 1,000 (full report)", r_table <= 11, "%.1f×" % r_table)
h = statistics.median(help_us) / 1000
check("thidua --help under 50 ms", h < 50, "median %.1f ms of %d runs" % (h, len(help_us)))
PYEOF
echo
echo "- load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
