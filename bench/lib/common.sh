# Shared helpers for the benchmarks in bench/. Source it; do not run it.
#
#   BENCH_ROOT   the repository root (set by the sourcing script before sourcing)
#   BENCH_WORK   bench/work, git-ignored; everything a benchmark prepares goes there
#
#   BENCH_LMS_MIGRATIONS  the LMS example's migrations (migrations-example), what a real project applies
#
# Functions: bench_isolate_repository (run on sourcing), bench_die, bench_log, bench_build_plugin, bench_time, bench_median,
# bench_field_median, bench_min, bench_ratio, bench_load, bench_busy, bench_machine, bench_write_pom, bench_per_second,
# bench_plugin_unchanged,
# bench_log_marks (with BENCH_TIMESTAMPS).

: "${BENCH_ROOT:?set BENCH_ROOT to the repository root before sourcing bench/lib/common.sh}"
BENCH_WORK="${BENCH_WORK:-$BENCH_ROOT/bench/work}"
BENCH_LMS_MIGRATIONS="$BENCH_ROOT/migrations-example/src/main/resources/db/migration"

# Each checkout benchmarks its own build. The plugin is installed into a local repository of this
# checkout, bench/work/m2, with the user's repository behind it, read-only (Maven 3.9's
# maven.repo.local.tail): everything else resolves from there, nothing is copied. Two checkouts
# benchmarking at once (two worktrees) never run each other's plugin; with a shared
# -Dmaven.repo.local they did, silently. A -Dmaven.repo.local in MAVEN_ARGS becomes the tail.
bench_isolate_repository() {
    local tail_repo="$HOME/.m2/repository" arg kept=()
    for arg in ${MAVEN_ARGS:-}; do
        case "$arg" in
            -Dmaven.repo.local=*) tail_repo="${arg#-Dmaven.repo.local=}" ;;
            -Dmaven.repo.local.tail=*) ;;
            *) kept+=("$arg") ;;
        esac
    done
    export MAVEN_ARGS="${kept[*]:-} -Dmaven.repo.local=$BENCH_WORK/m2 -Dmaven.repo.local.tail=$tail_repo"
}
bench_isolate_repository

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

# bench_plugin_unchanged: fails unless the plugin jar in the local repository Maven uses (-Dmaven.repo.local in
# MAVEN_ARGS, else ~/.m2/repository) is the one bench_build_plugin built from this tree. Another build that installs
# the same snapshot version into that repository meanwhile would make a benchmark time its plugin instead.
bench_plugin_unchanged() {
    local version="${LMSDB_VERSION:-0.1.0-SNAPSHOT}" repo="$HOME/.m2/repository" arg
    for arg in ${MAVEN_ARGS:-}; do
        [[ "$arg" == -Dmaven.repo.local=* ]] && repo="${arg#-Dmaven.repo.local=}"
    done
    local installed="$repo/io/github/lmsdb/lmsdb-maven-plugin/$version/lmsdb-maven-plugin-$version.jar"
    cmp -s "$BENCH_ROOT/target/lmsdb-maven-plugin-$version.jar" "$installed" \
        || bench_die "$installed is not the plugin built from this tree (another build installed its own?); the figures would not be this tree's"
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

# bench_field_median K ROW...: the median of the K-th whitespace-separated field (1-based) of the rows.
bench_field_median() {
    local k="$1"
    shift
    bench_median $(printf '%s\n' "$@" | awk -v k="$k" '{ print $k }')
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

# bench_busy LOAD: true when the load average LOAD is above half the CPU count, so that wall times are noisy.
bench_busy() {
    awk -v l="$1" -v n="$(nproc 2>/dev/null || sysctl -n hw.ncpu 2>/dev/null || echo 1)" 'BEGIN { exit !(l > n / 2) }'
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

# bench_write_pom FILE ARTIFACT_ID [NAME=VALUE]...: a `pom` project declaring both the plugin built
# from this tree and flyway-maven-plugin (with its PostgreSQL support and driver), configured only
# through the given POM properties, so that -D on the command line can override each of them.
bench_write_pom() {
    local file="$1" artifact="$2" kv
    shift 2
    mkdir -p "$(dirname "$file")"
    {
        cat <<POM
<?xml version="1.0" encoding="UTF-8"?>
<!-- Generated by a benchmark in bench/: lmsdb-maven-plugin and flyway-maven-plugin on the same database. -->
<project xmlns="http://maven.apache.org/POM/4.0.0"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>io.github.lmsdb.bench</groupId>
  <artifactId>$artifact</artifactId>
  <version>1</version>
  <packaging>pom</packaging>

  <properties>
POM
        for kv in "$@"; do
            echo "    <${kv%%=*}>${kv#*=}</${kv%%=*}>"
        done
        cat <<POM
  </properties>

  <build>
    <plugins>
      <plugin>
        <groupId>io.github.lmsdb</groupId>
        <artifactId>lmsdb-maven-plugin</artifactId>
        <version>${LMSDB_VERSION:-0.1.0-SNAPSHOT}</version>
      </plugin>
      <plugin>
        <groupId>org.flywaydb</groupId>
        <artifactId>flyway-maven-plugin</artifactId>
        <version>${FLYWAY_VERSION:-13.12.0}</version>
        <dependencies>
          <dependency>
            <groupId>org.flywaydb</groupId>
            <artifactId>flyway-database-postgresql</artifactId>
            <version>${FLYWAY_VERSION:-13.12.0}</version>
          </dependency>
          <dependency>
            <groupId>org.postgresql</groupId>
            <artifactId>postgresql</artifactId>
            <version>${POSTGRESQL_JDBC_VERSION:-42.7.14}</version>
          </dependency>
        </dependencies>
      </plugin>
    </plugins>
  </build>
</project>
POM
    } >"$file"
}

# bench_per_second COUNT MS: COUNT per second, rounded to an integer.
bench_per_second() {
    awk -v n="$1" -v ms="$2" 'BEGIN { if (ms <= 0) print "n/a"; else printf "%.0f\n", n * 1000 / ms }'
}

# Maven options that put a timestamp (HH:mm:ss.SSS) before every log line, without -X, so that the
# log of a timed run shows where the time went.
BENCH_TIMESTAMPS=(-Dorg.slf4j.simpleLogger.showDateTime=true -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS)

# bench_log_marks LOG REGEX...: for each extended regular expression, the time in ms from the log's
# first timestamped line to the first line matching it ("last:REGEX": the last matching line), or
# "-" when no line matches. The log must come from a run with BENCH_TIMESTAMPS. Prints one line.
bench_log_marks() {
    local log="$1" IFS=$'\x1f'
    shift
    BENCH_MARKS="$*" awk '
        BEGIN {
            n = split(ENVIRON["BENCH_MARKS"], spec, "\x1f")
            for (i = 1; i <= n; i++) {
                if (spec[i] ~ /^last:/) { last[i] = 1; re[i] = substr(spec[i], 6) } else re[i] = spec[i]
                v[i] = "-"
            }
        }
        /^[0-9][0-9]:[0-9][0-9]:[0-9][0-9][.][0-9][0-9][0-9] / {
            split($1, a, ":")
            t = (a[1] * 3600 + a[2] * 60 + a[3]) * 1000
            if (first == "") first = t
            if (t < prev) wrap += 86400000
            prev = t
            t += wrap
            for (i = 1; i <= n; i++) if ($0 ~ re[i] && (last[i] || v[i] == "-")) v[i] = sprintf("%.0f", t - first)
        }
        END { for (i = 1; i <= n; i++) printf "%s%s", (i > 1 ? " " : ""), v[i]; print "" }' "$log"
}
