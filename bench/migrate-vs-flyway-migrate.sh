#!/usr/bin/env bash
# lmsdb:migrate against flyway-maven-plugin's flyway:migrate: 500 small migrations (one table and
# one index each) applied to an empty database, in the same run; then lmsdb:rollback of 100 of
# them. See bench/README.md.
#
#   bench/migrate-vs-flyway-migrate.sh      (from the repository root; needs a JDK, tar, xz and psql)
#
# Environment: BENCH_RUNS (timed runs per command, default 9, at least 3), BENCH_ROLLBACK_RUNS
# (default 5, at least 3), BENCH_PORT (default: the first free port from 55433),
# MAVEN_ARGS (e.g. -Dmaven.repo.local=/tmp/bench-m2).
#
# lmsdb:migrate runs with -Dlmsdb.backup=false: in development it otherwise takes a pg_dump backup
# before applying, which flyway:migrate does not do. Both tools then do the same work.
set -euo pipefail

BENCH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$BENCH_ROOT/bench/lib/common.sh"
source "$BENCH_ROOT/bench/lib/pg.sh"

RUNS="${BENCH_RUNS:-9}"
ROLLBACK_RUNS="${BENCH_ROLLBACK_RUNS:-5}"
((RUNS >= 3)) || bench_die "BENCH_RUNS must be at least 3"
((ROLLBACK_RUNS >= 3)) || bench_die "BENCH_ROLLBACK_RUNS must be at least 3"
MIGRATIONS=500
STEPS=100
REMAIN=$((MIGRATIONS - STEPS))
TARGET_PERCENT=5
DATABASE=bench

WORK="$BENCH_WORK/migrate"
DATA="$WORK/data"
MIGRATIONS_DIR="$WORK/migrations"
PROJECT="$WORK/project"
LOGS="$WORK/logs"

trap pg_stop EXIT
trap 'exit 130' INT TERM

cd "$BENCH_ROOT"
bench_build_plugin
rm -rf "$LOGS" && mkdir -p "$WORK" "$LOGS"
pg_fetch_binaries
pg_client psql >/dev/null

# --- the migrations: V<n>__Bench<n>.sql (one table, one index) and its undo script U<n>__Bench<n>.sql
bench_log "writing $MIGRATIONS migrations and their undo scripts to $MIGRATIONS_DIR"
rm -rf "$MIGRATIONS_DIR" && mkdir -p "$MIGRATIONS_DIR"
for ((n = 1; n <= MIGRATIONS; n++)); do
    printf 'create table t%d (id bigint primary key, name text, created_at timestamptz default now());\ncreate index t%d_name_idx on t%d (name);\n' \
        "$n" "$n" "$n" >"$MIGRATIONS_DIR/V${n}__Bench${n}.sql"
    printf 'drop index t%d_name_idx;\ndrop table t%d;\n' "$n" "$n" >"$MIGRATIONS_DIR/U${n}__Bench${n}.sql"
done

# --- the server -------------------------------------------------------------------------------------
PORT="${BENCH_PORT:-$(pg_free_port 55433)}"
bench_log "initialising a fresh cluster in $DATA"
pg_init "$DATA"
pg_start "$DATA" "$PORT"
URL="jdbc:postgresql://localhost:$PORT/$DATABASE"

bench_write_pom "$PROJECT/pom.xml" migrate-vs-flyway-migrate \
    "lmsdb.url=$URL" lmsdb.user=postgres lmsdb.embedded=false "lmsdb.migrationsDirectory=$MIGRATIONS_DIR" \
    "flyway.url=$URL" flyway.user=postgres "flyway.locations=filesystem:$MIGRATIONS_DIR"

mvn_project() {
    "$BENCH_ROOT/mvnw" -B -f "$PROJECT/pom.xml" "$@"
}

LMSDB_MIGRATE=(lmsdb:migrate -Dlmsdb.backup=false)
LMSDB_ROLLBACK=(lmsdb:rollback -Dlmsdb.steps=$STEPS -Dlmsdb.backup=false)

# verify_applied N LABEL: the database holds exactly migrations 1..N, and their N tables.
verify_applied() {
    local n="$1" label="$2" got
    got="$(pg_sql "$DATABASE" "select count(*), coalesce(max(version::int), 0) from flyway_schema_history where success and version is not null")"
    [[ "$got" == "$n|$n" ]] || bench_die "after $label: flyway_schema_history holds (count|max version) $got, not $n|$n"
    got="$(pg_sql "$DATABASE" "select count(*) from pg_tables where schemaname = 'public' and tablename ~ '^t[0-9]+\$'")"
    [[ "$got" == "$n" ]] || bench_die "after $label: $got bench tables, not $n"
}

# The phases of a run, read from its timestamped log (BENCH_TIMESTAMPS): the mojo's start, the first
# migration's start, the last one's end, BUILD SUCCESS. Each in ms from the log's first line.
LMSDB_MIGRATE_MARKS=('--- lmsdb:[^ ]*:migrate' 'Running migration 1/' 'last:completed [(][0-9.]+ m?s[)]' 'BUILD SUCCESS')
FLYWAY_MIGRATE_MARKS=('--- flyway:[^ ]*:migrate' 'Migrating schema .* to version' 'Successfully applied' 'BUILD SUCCESS')
LMSDB_ROLLBACK_MARKS=('--- lmsdb:[^ ]*:rollback' 'Reverting 1/' 'rolled back successfully' 'BUILD SUCCESS')

# phases WALL LOG MARKS...: "before-first-line maven setup work after", in ms (see the table's legend).
phases() {
    local wall="$1" log="$2" m
    shift 2
    m=($(bench_log_marks "$log" "$@"))
    for x in "${m[@]}"; do [[ "$x" != - ]] || bench_die "$log lacks one of the lines: $*"; done
    echo "$((wall - m[3])) ${m[0]} $((m[1] - m[0])) $((m[2] - m[1])) $((m[3] - m[2]))"
}

# --- are the outputs meaningful? (one run of each, untimed) -------------------------------------------
bench_log "checking what each command does (one untimed run of each)"
pg_recreate_database "$DATABASE"
bench_time "$LOGS/check-lmsdb-migrate.log" mvn_project "${LMSDB_MIGRATE[@]}" >/dev/null
verify_applied "$MIGRATIONS" lmsdb:migrate
grep -q "Running migration $MIGRATIONS/$MIGRATIONS: Bench$MIGRATIONS" "$LOGS/check-lmsdb-migrate.log" \
    || bench_die "lmsdb:migrate did not report running Bench$MIGRATIONS (see $LOGS/check-lmsdb-migrate.log)"
bench_time "$LOGS/check-lmsdb-rollback.log" mvn_project "${LMSDB_ROLLBACK[@]}" >/dev/null
verify_applied "$REMAIN" lmsdb:rollback
grep -q "Latest migration now: $REMAIN Bench$REMAIN" "$LOGS/check-lmsdb-rollback.log" \
    || bench_die "lmsdb:rollback did not report 'Latest migration now: $REMAIN Bench$REMAIN' (see $LOGS/check-lmsdb-rollback.log)"
pg_recreate_database "$DATABASE"
bench_time "$LOGS/check-flyway-migrate.log" mvn_project flyway:migrate >/dev/null
verify_applied "$MIGRATIONS" flyway:migrate
grep -q "Successfully applied $MIGRATIONS migrations" "$LOGS/check-flyway-migrate.log" \
    || bench_die "flyway:migrate did not report 'Successfully applied $MIGRATIONS migrations' (see $LOGS/check-flyway-migrate.log)"
bench_log "lmsdb:migrate and flyway:migrate each applied $MIGRATIONS; lmsdb:rollback left $REMAIN"

row() { # label validate lmsdb flyway
    printf '%-9s %9s %14s %15s' "$@"
}

# --- migrate: one warm-up round, then RUNS rounds; each tool on a freshly recreated database ---------
# Every timed run logs with timestamps (no -q), so that its log shows its phases.
COMMANDS=(validate lmsdb:migrate flyway:migrate)
WALL_V=() WALL_L=() WALL_F=() CPU_V=() CPU_L=() CPU_F=()
WALL_ROWS=() CPU_ROWS=() PH_L=() PH_F=()
load_before="$(bench_load)"
bench_log "timing migrate: 1 warm-up + $RUNS runs of each command (mvnw -B), each tool on a new empty database"
for ((round = 0; round <= RUNS; round++)); do
    # validate runs between the two tools, which take turns going first.
    if ((round % 2 == 0)); then order=(1 0 2); else order=(2 0 1); fi
    wall=() cpu=()
    for i in "${order[@]}"; do
        log="$LOGS/migrate-$round-${COMMANDS[$i]/:/-}.log"
        case "$i" in
            0) t=($(bench_time "$log" mvn_project "${BENCH_TIMESTAMPS[@]}" validate)) ;;
            1) pg_recreate_database "$DATABASE"
               t=($(bench_time "$log" mvn_project "${BENCH_TIMESTAMPS[@]}" "${LMSDB_MIGRATE[@]}"))
               verify_applied "$MIGRATIONS" "lmsdb:migrate (round $round)"
               ((round == 0)) || PH_L+=("$(phases "${t[0]}" "$log" "${LMSDB_MIGRATE_MARKS[@]}")") ;;
            2) pg_recreate_database "$DATABASE"
               t=($(bench_time "$log" mvn_project "${BENCH_TIMESTAMPS[@]}" flyway:migrate))
               verify_applied "$MIGRATIONS" "flyway:migrate (round $round)"
               ((round == 0)) || PH_F+=("$(phases "${t[0]}" "$log" "${FLYWAY_MIGRATE_MARKS[@]}")") ;;
        esac
        wall[$i]="${t[0]}"
        cpu[$i]="${t[1]}"
    done
    label="$round"
    if ((round == 0)); then label="warm-up"; fi
    WALL_ROWS+=("$(row "$label" "${wall[0]}" "${wall[1]}" "${wall[2]}")")
    CPU_ROWS+=("$(row "$label" "${cpu[0]}" "${cpu[1]}" "${cpu[2]}")")
    if ((round > 0)); then
        WALL_V+=("${wall[0]}") WALL_L+=("${wall[1]}") WALL_F+=("${wall[2]}")
        CPU_V+=("${cpu[0]}") CPU_L+=("${cpu[1]}") CPU_F+=("${cpu[2]}")
    fi
done

# --- rollback: migrate (untimed) on a new database, then time rolling back STEPS ----------------------
RB_WALL=() RB_CPU=() RB_ROWS=() PH_R=() RB_OWN=()
bench_log "timing rollback: 1 warm-up + $ROLLBACK_RUNS runs of lmsdb:rollback -Dlmsdb.steps=$STEPS, each after an untimed lmsdb:migrate"
for ((round = 0; round <= ROLLBACK_RUNS; round++)); do
    pg_recreate_database "$DATABASE"
    bench_time "$LOGS/rollback-$round-setup-migrate.log" mvn_project -q "${LMSDB_MIGRATE[@]}" >/dev/null
    verify_applied "$MIGRATIONS" "lmsdb:migrate (rollback setup, round $round)"
    log="$LOGS/rollback-$round-lmsdb-rollback.log"
    t=($(bench_time "$log" mvn_project "${BENCH_TIMESTAMPS[@]}" "${LMSDB_ROLLBACK[@]}"))
    verify_applied "$REMAIN" "lmsdb:rollback (round $round)"
    label="$round"
    if ((round == 0)); then
        label="warm-up"
    else
        RB_WALL+=("${t[0]}") RB_CPU+=("${t[1]}")
        PH_R+=("$(phases "${t[0]}" "$log" "${LMSDB_ROLLBACK_MARKS[@]}")")
    fi
    RB_ROWS+=("$(printf '%-9s %14s %14s' "$label" "${t[0]}" "${t[1]}")")
done
load_after="$(bench_load)"

med_v="$(bench_median "${WALL_V[@]}")"
med_l="$(bench_median "${WALL_L[@]}")"
med_f="$(bench_median "${WALL_F[@]}")"
cpu_v="$(bench_median "${CPU_V[@]}")"
cpu_l="$(bench_median "${CPU_L[@]}")"
cpu_f="$(bench_median "${CPU_F[@]}")"
med_rb="$(bench_median "${RB_WALL[@]}")"
cpu_rb="$(bench_median "${RB_CPU[@]}")"


echo
echo "lmsdb:migrate vs flyway:migrate: $MIGRATIONS migrations (one table and one index each) on an empty database, PostgreSQL $PG_BINARIES_VERSION on localhost:$PORT"
bench_machine
echo "load:    1-minute load average $load_before before the runs, $load_after after (the runs themselves add about 1)"
echo "runs:    $RUNS per command after 1 warm-up each; lmsdb:migrate and flyway:migrate take turns going first;"
echo "         each tool run starts on a database dropped and created again just before (untimed)"
echo "command: mvnw -B -f bench/work/migrate/project/pom.xml <validate | lmsdb:migrate -Dlmsdb.backup=false | flyway:migrate>"
echo "         with log timestamps, output to a file (-Dlmsdb.backup=false: lmsdb:migrate otherwise runs pg_dump"
echo "         first in development; flyway:migrate has no such step)"
echo "checked: after every run the database holds migrations 1..$MIGRATIONS in flyway_schema_history and $MIGRATIONS tables"
echo
echo "Wall time, ms"
row run validate lmsdb:migrate flyway:migrate; echo
printf '%s\n' "${WALL_ROWS[@]}"
row median "$med_v" "$med_l" "$med_f"; echo
row min "$(bench_min "${WALL_V[@]}")" "$(bench_min "${WALL_L[@]}")" "$(bench_min "${WALL_F[@]}")"; echo
row "-validate" "" "$((med_l - med_v))" "$((med_f - med_v))"; echo "   (median minus the validate median: Maven's start-up)"
echo
echo "CPU time (user + system of Maven's JVM and its children; not the server's), ms"
row run validate lmsdb:migrate flyway:migrate; echo
printf '%s\n' "${CPU_ROWS[@]}"
row median "$cpu_v" "$cpu_l" "$cpu_f"; echo
row "-validate" "" "$((cpu_l - cpu_v))" "$((cpu_f - cpu_v))"; echo
echo
echo "Phases, medians in ms, from each timed run's log timestamps"
printf '%-58s %14s %15s\n' phase lmsdb:migrate flyway:migrate
printf '%-58s %14s %15s\n' "JVM start to the first log line, and exit after the last" "$(bench_field_median 1 "${PH_L[@]}")" "$(bench_field_median 1 "${PH_F[@]}")"
printf '%-58s %14s %15s\n' "Maven: first log line to the mojo's start" "$(bench_field_median 2 "${PH_L[@]}")" "$(bench_field_median 2 "${PH_F[@]}")"
printf '%-58s %14s %15s\n' "mojo start to the first migration (connect, scan, validate)" "$(bench_field_median 3 "${PH_L[@]}")" "$(bench_field_median 3 "${PH_F[@]}")"
printf '%-58s %14s %15s\n' "the $MIGRATIONS migrations, first start to last end" "$(bench_field_median 4 "${PH_L[@]}")" "$(bench_field_median 4 "${PH_F[@]}")"
printf '%-58s %14s %15s\n' "after the last migration to BUILD SUCCESS" "$(bench_field_median 5 "${PH_L[@]}")" "$(bench_field_median 5 "${PH_F[@]}")"
echo
echo "ratio lmsdb:migrate / flyway:migrate = $(bench_ratio "$med_l" "$med_f") (wall, medians)"
echo "ratio lmsdb:migrate / flyway:migrate = $(bench_ratio "$((med_l - med_v))" "$((med_f - med_v))") (wall, medians minus Maven start-up)"
echo "ratio lmsdb:migrate / flyway:migrate = $(bench_ratio "$cpu_l" "$cpu_f") (CPU, medians)"
if ((med_l * 100 <= med_f * (100 + TARGET_PERCENT))); then
    echo "target met: lmsdb:migrate is within $TARGET_PERCENT% of flyway:migrate (wall medians)"
else
    echo "target MISSED: lmsdb:migrate is more than $TARGET_PERCENT% slower than flyway:migrate (wall medians); see the phases above"
fi
echo
echo "lmsdb:rollback -Dlmsdb.steps=$STEPS -Dlmsdb.backup=false after $MIGRATIONS applied migrations. Flyway Community has no"
echo "undo (flyway:undo is a Flyway Teams/Enterprise feature), so there is nothing to compare it with."
echo "checked: after every run flyway_schema_history holds migrations 1..$REMAIN and $REMAIN bench tables remain"
printf '%-9s %14s %14s\n' run "wall ms" "CPU ms"
printf '%s\n' "${RB_ROWS[@]}"
printf '%-9s %14s %14s\n' median "$med_rb" "$cpu_rb"
echo "phases (medians, ms): JVM start and exit $(bench_field_median 1 "${PH_R[@]}"); Maven to the mojo $(bench_field_median 2 "${PH_R[@]}");" \
    "plan and preview of the $STEPS undo scripts $(bench_field_median 3 "${PH_R[@]}"); reverting $(bench_field_median 4 "${PH_R[@]}"); to BUILD SUCCESS $(bench_field_median 5 "${PH_R[@]}")"
echo "per step: $(awk -v t="$med_rb" -v s="$STEPS" 'BEGIN { printf "%.1f", t / s }') ms of the whole Maven run (wall median / $STEPS);" \
    "$(awk -v t="$med_rb" -v v="$med_v" -v s="$STEPS" 'BEGIN { printf "%.1f", (t - v) / s }') ms without Maven start-up ((median - validate median) / $STEPS);" \
    "$(awk -v p="$(bench_field_median 3 "${PH_R[@]}")" -v r="$(bench_field_median 4 "${PH_R[@]}")" -v s="$STEPS" 'BEGIN { printf "%.1f", (p + r) / s }') ms of planning, preview and reverting"
if bench_busy "$load_before"; then
    echo "warning: the machine was busy before the runs (load $load_before); the wall times are noisy, the CPU times less so"
fi
