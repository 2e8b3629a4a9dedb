#!/usr/bin/env bash
# The cost of a safe preview: lmsdb:migrate -Dlmsdb.dryRun=true (the scripts run on a shadow copy of the
# target's schema, observed statement by statement and linted) against the in-place preview it replaced
# (the scripts run on the target itself in a transaction that was rolled back: the plugin as it was at
# commit 59438de^, built from git history with the version 0.1.0-inplace-SNAPSHOT). Two targets:
# the LMS example (15 pending migrations on an empty database) and 500 pending migrations on a
# 10,000-table database. Target of issue 12: within 2x. See bench/README.md.
#
#   bench/preview-shadow-vs-in-place.sh      (from the repository root, in a git clone; needs a JDK, tar,
#                                             xz, and pg_dump and psql 15 or later)
#
# Environment: BENCH_RUNS (timed runs per command for the LMS example, default 5, at least 5),
# BENCH_BIG_RUNS (for the 10,000-table target, default 1, at least 1: each run takes minutes, and it gets no warm-up
# run, which would add nothing to a run that long), BENCH_CASES (lms,big),
# BENCH_PORT, MAVEN_ARGS (e.g. "-o -Dmaven.repo.local=/tmp/bench-m2").
set -euo pipefail

BENCH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$BENCH_ROOT/bench/lib/common.sh"
source "$BENCH_ROOT/bench/lib/pg.sh"

RUNS="${BENCH_RUNS:-5}"
BIG_RUNS="${BENCH_BIG_RUNS:-1}"
CASES="${BENCH_CASES:-lms,big}"
((RUNS >= 5)) || bench_die "BENCH_RUNS must be at least 5"
((BIG_RUNS >= 1)) || bench_die "BENCH_BIG_RUNS must be at least 1"
IN_PLACE_COMMIT="${BENCH_IN_PLACE_COMMIT:-59438de^}"
IN_PLACE_VERSION=0.1.0-inplace-SNAPSHOT
TABLES=10000
PENDING=500

WORK="$BENCH_WORK/preview"
DATA="$WORK/data"
PROJECT="$WORK/project"
LOGS="$WORK/logs"
BIG_MIGRATIONS="$WORK/big-migrations"
LMS_MIGRATIONS="$BENCH_LMS_MIGRATIONS"

trap pg_stop EXIT
trap 'exit 130' INT TERM

cd "$BENCH_ROOT"
bench_build_plugin
rm -rf "$LOGS" && mkdir -p "$WORK" "$LOGS"

# --- the in-place preview: the plugin at IN_PLACE_COMMIT, built under another version -----------------
if [[ ! -f "$WORK/in-place-built-$(git rev-parse --short "$IN_PLACE_COMMIT")" ]]; then
    bench_log "building the in-place preview: the plugin at $IN_PLACE_COMMIT as $IN_PLACE_VERSION"
    rm -rf "$WORK/in-place-src" && mkdir -p "$WORK/in-place-src"
    git archive "$IN_PLACE_COMMIT" | tar -x -C "$WORK/in-place-src"
    # The project's own version only (the first <version> after its artifactId).
    sed -i.bak '0,/<version>0.1.0-SNAPSHOT<\/version>/s//<version>'"$IN_PLACE_VERSION"'<\/version>/' "$WORK/in-place-src/pom.xml"
    (cd "$WORK/in-place-src" && ./mvnw -B -q install -DskipTests -Dinvoker.skip)
    rm -f "$WORK"/in-place-built-* && touch "$WORK/in-place-built-$(git rev-parse --short "$IN_PLACE_COMMIT")"
fi

pg_fetch_binaries
pg_client pg_dump >/dev/null
PORT="${BENCH_PORT:-$(pg_free_port 55433)}"
bench_log "initialising a fresh cluster in $DATA"
pg_init "$DATA"
# pg_dump locks every table it dumps in one transaction: 10,000 tables need more than the default lock table
# (max_locks_per_transaction 64 x 100 connections = 6,400 locks). A server that holds 10,000 tables needs this
# for any pg_dump (lmsdb:backup too). Both previews run on this server.
echo "max_locks_per_transaction = 256" >>"$DATA/postgresql.conf"
pg_start "$DATA" "$PORT"

bench_write_pom "$PROJECT/pom.xml" preview-shadow-vs-in-place lmsdb.user=postgres lmsdb.embedded=false lmsdb.backup=false

mvn_project() {
    "$BENCH_ROOT/mvnw" -B -f "$PROJECT/pom.xml" "$@"
}

SHADOW=(lmsdb:migrate -Dlmsdb.dryRun=true)
IN_PLACE=("io.github.lmsdb:lmsdb-maven-plugin:$IN_PLACE_VERSION:migrate" -Dlmsdb.dryRun=true)

# target DB DIR: the settings of a run against database DB with migrations DIR.
target() {
    echo "-Dlmsdb.url=jdbc:postgresql://localhost:$PORT/$1" "-Dlmsdb.migrationsDirectory=$2"
}

# fingerprint DB: what a preview must not change (schemas' catalog, history rows, sequences, row counts).
fingerprint() {
    pg_sql "$1" "select md5(string_agg(x, ',' order by x)) from (
        select c.relname || ':' || c.relkind::text || ':' || c.relfilenode || ':' || c.relnatts as x from pg_class c
            join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public'
        union all select 'history:' || case when to_regclass('flyway_schema_history') is null then 'none'
            else (xpath('/row/c/text()', query_to_xml('select count(*) as c from flyway_schema_history', false, true, '')))[1]::text end) t"
}

# measure LABEL DB DIR N EXPECT [FIRST]: N timed runs of validate, the shadow preview and the in-place one (taking
# turns going first, validate between them), after one warm-up each (FIRST=1: none); checks each preview's output and that
# the target did not change. Prints one result line per command: LABEL COMMAND median min cpu-median.
RESULTS=()
measure() {
    local label="$1" db="$2" dir="$3" n="$4" expect="$5" first="${6:-0}" round i log before t order
    local -a wv=() ws=() wi=() cv=() cs=() ci=() settings
    read -r -a settings <<<"$(target "$db" "$dir")"
    before="$(fingerprint "$db")"
    bench_log "$label: $((1 - first)) warm-up + $n runs of validate, the shadow preview and the in-place preview"
    for ((round = first; round <= n; round++)); do
        if ((round % 2 == 0)); then order=(1 0 2); else order=(2 0 1); fi
        for i in "${order[@]}"; do
            case "$i" in
                0) log="$LOGS/$label-$round-validate.log"
                   t=($(bench_time "$log" mvn_project validate)) ;;
                1) log="$LOGS/$label-$round-shadow.log"
                   t=($(bench_time "$log" mvn_project "${BENCH_TIMESTAMPS[@]}" "${SHADOW[@]}" "${settings[@]}")) ;;
                2) log="$LOGS/$label-$round-in-place.log"
                   t=($(bench_time "$log" mvn_project "${BENCH_TIMESTAMPS[@]}" "${IN_PLACE[@]}" "${settings[@]}")) ;;
            esac
            if ((i > 0)); then
                grep -q "$expect" "$log" || bench_die "$log lacks '$expect'"
                [[ "$(fingerprint "$db")" == "$before" ]] || bench_die "$label: the target changed after $log"
            fi
            if ((round > 0)); then
                case "$i" in
                    0) wv+=("${t[0]}") cv+=("${t[1]}") ;;
                    1) ws+=("${t[0]}") cs+=("${t[1]}") ;;
                    2) wi+=("${t[0]}") ci+=("${t[1]}") ;;
                esac
            fi
            echo "$label round $round ${COMMANDS[$i]}: wall ${t[0]} ms, cpu ${t[1]} ms" >&2
        done
    done
    RESULTS+=("$label validate $(bench_median "${wv[@]}") $(bench_min "${wv[@]}") $(bench_median "${cv[@]}")")
    RESULTS+=("$label shadow $(bench_median "${ws[@]}") $(bench_min "${ws[@]}") $(bench_median "${cs[@]}")")
    RESULTS+=("$label in-place $(bench_median "${wi[@]}") $(bench_min "${wi[@]}") $(bench_median "${ci[@]}")")
}
COMMANDS=(validate shadow in-place)

load_before="$(bench_load)"
if [[ ",$CASES," == *,lms,* ]]; then
    pg_recreate_database lms
    measure lms lms "$LMS_MIGRATIONS" "$RUNS" "Dry run complete: 15 migration(s) would be applied. Nothing was changed."
fi

if [[ ",$CASES," == *,big,* ]]; then
    bench_log "writing 500 applied migrations ($TABLES tables, as the status benchmark) and $PENDING pending ones to $BIG_MIGRATIONS"
    rm -rf "$BIG_MIGRATIONS" && mkdir -p "$BIG_MIGRATIONS"
    for ((m = 1; m <= 500; m++)); do
        for ((k = 1; k <= TABLES / 500; k++)); do
            printf 'create table t%d_%d (id bigint primary key, name text, created_at timestamptz default now());\n' "$m" "$k"
        done >"$BIG_MIGRATIONS/V${m}__Tables$m.sql"
    done
    pg_recreate_database big
    bench_log "applying them (untimed)"
    bench_time "$LOGS/big-setup-migrate.log" mvn_project -q lmsdb:migrate $(target big "$BIG_MIGRATIONS") >/dev/null
    # Each pending migration changes one existing table: a column and an index on it.
    for ((n = 1; n <= PENDING; n++)); do
        printf 'alter table t%d_1 add column note text;\ncreate index t%d_1_note_idx on t%d_1 (note);\n' "$n" "$n" "$n" \
            >"$BIG_MIGRATIONS/V$((n + 500))__Note$n.sql"
    done
    measure big big "$BIG_MIGRATIONS" "$BIG_RUNS" "Dry run complete: $PENDING migration(s) would be applied. Nothing was changed." 1
fi
load_after="$(bench_load)"

echo
echo "Preview cost: lmsdb:migrate -Dlmsdb.dryRun=true on a shadow copy (this tree) against the in-place preview"
echo "(the plugin at $IN_PLACE_COMMIT = $(git rev-parse --short "$IN_PLACE_COMMIT"): the scripts run on the target in a rolled-back transaction)"
bench_machine
echo "load:    1-minute load average $load_before before the runs, $load_after after"
echo "targets: lms = migrations-example, 15 pending on an empty database; big = $TABLES tables, $PENDING pending"
echo "         (each: alter table t<n>_1 add column note text; create index t<n>_1_note_idx on t<n>_1 (note))"
echo "runs:    lms $RUNS after 1 warm-up each, big $BIG_RUNS without warm-up; the two previews take turns going first"
echo
printf '%-5s %-9s %12s %12s %12s\n' case command "median ms" "min ms" "cpu ms"
for r in "${RESULTS[@]}"; do
    printf '%-5s %-9s %12s %12s %12s\n' $r
done
echo
for c in lms big; do
    v="$(printf '%s\n' "${RESULTS[@]}" | awk -v c="$c" '$1 == c && $2 == "validate" { print $3 }')"
    s="$(printf '%s\n' "${RESULTS[@]}" | awk -v c="$c" '$1 == c && $2 == "shadow" { print $3 }')"
    p="$(printf '%s\n' "${RESULTS[@]}" | awk -v c="$c" '$1 == c && $2 == "in-place" { print $3 }')"
    [[ -n "$s" ]] || continue
    echo "$c: shadow / in-place = $(bench_ratio "$s" "$p") (wall medians); minus Maven's start-up: $(bench_ratio $((s - v)) $((p - v)))"
done
