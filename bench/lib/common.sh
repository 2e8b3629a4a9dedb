# Shared helpers for the benchmarks in bench/. Source it; do not run it.
#
#   BENCH_ROOT   the repository root (set by the sourcing script before sourcing)
#   BENCH_WORK   bench/work, git-ignored; everything a benchmark prepares goes there
#
# Functions: bench_die, bench_log, bench_build_plugin, bench_time, bench_median,
# bench_min, bench_ratio, bench_load, bench_machine.

: "${BENCH_ROOT:?set BENCH_ROOT to the repository root before sourcing bench/lib/common.sh}"
BENCH_WORK="${BENCH_WORK:-$BENCH_ROOT/bench/work}"

bench_die() {
    echo "bench: $*" >&2
    exit 1
}

bench_log() {
    echo "== $*" >&2
}

# Builds and installs the plugin from the working tree, as the README's quick start does.
bench_build_plugin() {
    bench_log "building and installing the plugin from $BENCH_ROOT"
    (cd "$BENCH_ROOT" && ./mvnw -B -q install -DskipTests -Dinvoker.skip)
}

# bench_time LOGFILE COMMAND...: runs COMMAND with its output in LOGFILE and prints two integers,
# its wall time and its CPU time (user + system, of the command and all its children) in
# milliseconds. The CPU time barely moves when other processes compete for the machine; the wall
# time does. bash's own `time` keyword measures both, on Linux and on macOS's bash 3.2 alike.
# A failing command fails the benchmark, showing the end of its log.
bench_time() {
    local log="$1"
    shift
    local TIMEFORMAT='%3R %3U %3S' times
    if ! times="$({ time "$@" >"$log" 2>&1; } 2>&1)"; then
        tail -n 40 "$log" >&2
        bench_die "failed: $* (log: $log)"
    fi
    echo "$times" | awk '{ printf "%d %d\n", $1 * 1000 + 0.5, ($2 + $3) * 1000 + 0.5 }'
}

# bench_median N...: the median of integers (the mean of the middle two for an even count).
bench_median() {
    printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END {
        if (NR % 2) print v[(NR + 1) / 2]; else printf "%.0f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

bench_min() {
    printf '%s\n' "$@" | sort -n | head -n 1
}

# bench_ratio A B: A / B with two decimals.
bench_ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN { if (b <= 0) print "n/a"; else printf "%.2f\n", a / b }'
}

# The 1-minute load average (empty where it cannot be read).
bench_load() {
    uptime | sed 's/.*load averages*: //; s/,* .*//'
}

# What the figures were measured on: date, CPUs, memory, load, OS, Java, Maven.
bench_machine() {
    local cpus mem java maven
    cpus="$(nproc 2>/dev/null || sysctl -n hw.ncpu 2>/dev/null || echo '?')"
    if [[ -r /proc/meminfo ]]; then
        mem="$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
    else
        mem="$(sysctl -n hw.memsize 2>/dev/null | awk '{ printf "%.1f GiB", $1 / 1073741824 }')"
    fi
    java="$(java -version 2>&1 | head -n 1)"
    maven="$(cd "$BENCH_ROOT" && ./mvnw -v 2>/dev/null | head -n 1)"
    echo "date:    $(date)"
    echo "machine: $(uname -sm), $cpus CPUs, $mem memory"
    echo "java:    $java"
    echo "maven:   $maven (./mvnw)"
}
