#!/usr/bin/env bash
# A fleet migrate against the loop Flyway's users write: the LMS example's migrations (migrations-example, 15 of them)
# onto N empty databases (default 100), as one lmsdb:migrate on the fleet (-Dlmsdb.targets=url1,...,urlN) at
# -Dlmsdb.parallel=1, 4 and 8, and as a shell loop that calls flyway:migrate once per database (Flyway's advice for many
# databases: "call it in a loop"). Issue 15's benchmark. See bench/README.md.
#
#   bench/fleet-migrate-vs-flyway-loop.sh      (from the repository root; needs a JDK, tar, xz and psql)
#
# Environment: BENCH_DATABASES (default 100, at least 3), BENCH_RUNS (rounds of all configurations, default 1: at 100
# databases one configuration takes minutes), BENCH_PARALLEL (the lmsdb parallel settings, default "1 4 8"),
# BENCH_PORT (default: the first free port from 55433), MAVEN_ARGS (e.g. -Dmaven.repo.local=/tmp/bench-m2).
#
# lmsdb:migrate runs with -Dlmsdb.backup=false: in development it otherwise runs pg_dump on each database before
# migrating it, which the flyway:migrate loop does not do. Both sides then do the same work on the databases.
set -euo pipefail

BENCH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$BENCH_ROOT/bench/lib/common.sh"
source "$BENCH_ROOT/bench/lib/pg.sh"

N="${BENCH_DATABASES:-100}"
RUNS="${BENCH_RUNS:-1}"
read -r -a PARALLELS <<<"${BENCH_PARALLEL:-1 4 8}"
((N >= 3)) || bench_die "BENCH_DATABASES must be at least 3"
((RUNS >= 1)) || bench_die "BENCH_RUNS must be at least 1"
((${#PARALLELS[@]} >= 1)) || bench_die "BENCH_PARALLEL must name at least one parallel setting"
VALIDATE_RUNS=3

WORK="$BENCH_WORK/fleet"
DATA="$WORK/data"
PROJECT="$WORK/project"
LOGS="$WORK/logs"
PG_LOG="$WORK/pg.log"

trap pg_stop EXIT
trap 'exit 130' INT TERM

cd "$BENCH_ROOT"
bench_build_plugin
bench_plugin_unchanged
rm -rf "$LOGS" && mkdir -p "$WORK" "$LOGS"
pg_fetch_binaries
pg_client psql >/dev/null

# What every database must hold afterwards: the LMS example's versioned migrations, up to the newest.
MIGRATIONS=$(find "$BENCH_LMS_MIGRATIONS" -name 'V*__*.sql' | wc -l | tr -d ' ')
LAST_VERSION=$(find "$BENCH_LMS_MIGRATIONS" -name 'V*__*.sql' | sed 's|.*/V\([^_]*\)__.*|\1|' | sort -n | tail -n 1)
((MIGRATIONS > 0)) || bench_die "no migrations in $BENCH_LMS_MIGRATIONS"

# --- the server and the N databases ---------------------------------------------------------------------
PORT="${BENCH_PORT:-$(pg_free_port 55433)}"
bench_log "initialising a fresh cluster in $DATA"
pg_init "$DATA"
pg_start "$DATA" "$PORT"

DATABASES=() URLS=()
for ((i = 1; i <= N; i++)); do
    DATABASES+=("$(printf 'tenant_%03d' "$i")")
    URLS+=("jdbc:postgresql://localhost:$PORT/${DATABASES[i - 1]}")
done
TARGETS="$(IFS=,; echo "${URLS[*]}")"

# lmsdb.url is the server's maintenance database: a fleet given by targets does not use it (it is where a
# targetsQuery would run), but every goal resolves it.
bench_write_pom "$PROJECT/pom.xml" fleet-migrate-vs-flyway-loop \
    "lmsdb.url=jdbc:postgresql://localhost:$PORT/postgres" lmsdb.user=postgres lmsdb.embedded=false \
    "lmsdb.migrationsDirectory=$BENCH_LMS_MIGRATIONS" \
    "flyway.url=${URLS[0]}" flyway.user=postgres "flyway.locations=filesystem:$BENCH_LMS_MIGRATIONS"

mvn_project() {
    "$BENCH_ROOT/mvnw" -B -f "$PROJECT/pom.xml" "$@"
}

# The anchor's advice, as a pipeline would write it: one flyway:migrate (a whole Maven run) per database, stopping at
# the first failure. URLS_IN_LOOP lets the check below run it on one database.
flyway_loop() {
    local url
    for url in "${URLS_IN_LOOP[@]}"; do
        mvn_project "${BENCH_TIMESTAMPS[@]}" flyway:migrate "-Dflyway.url=$url" || return 1
    done
}

# lmsdb_fleet PARALLEL TARGETS: one lmsdb:migrate on the fleet.
lmsdb_fleet() {
    mvn_project "${BENCH_TIMESTAMPS[@]}" lmsdb:migrate -Dlmsdb.backup=false "-Dlmsdb.targets=$2" "-Dlmsdb.parallel=$1"
}

# What each database must hold: MIGRATIONS successful versioned rows up to LAST_VERSION, no failed row, and a schema
# (tables, columns, types, defaults; indexes; triggers) identical to the reference one flyway:migrate built.
STATE_SQL="select current_database(),
    (select count(*) from flyway_schema_history where success and version is not null),
    (select max(version) from flyway_schema_history where success),
    (select count(*) from flyway_schema_history where not success),
    md5((select string_agg(table_name || '.' || column_name || ':' || data_type || ':' || coalesce(column_default, ''), ','
            order by table_name, ordinal_position) from information_schema.columns
         where table_schema = 'public' and table_name <> 'flyway_schema_history')
        || (select coalesce(string_agg(indexdef, ',' order by indexname), '') from pg_indexes where schemaname = 'public')
        || (select coalesce(string_agg(tgname, ',' order by tgname), '') from pg_trigger where not tgisinternal))"
# lmsdb's own record of each run: one audit row of the migrate, ending at LAST_VERSION.
AUDIT_SQL="select current_database(), count(*), max(version_after) from lmsdb.lmsdb_audit where goal = 'migrate'"

# verify LABEL DB...: each DB holds the migrated LMS schema (STATE_SQL against REFERENCE); stops the script otherwise.
verify() {
    local label="$1" got want
    shift
    got="$(pg_sql_each "$STATE_SQL" "$@")"
    want="$(for db in "$@"; do echo "$db|$MIGRATIONS|$LAST_VERSION|0|$REFERENCE"; done)"
    [[ "$got" == "$want" ]] || bench_die "after $label, not every database holds the $MIGRATIONS migrations and the reference schema:
$(diff <(echo "$want") <(echo "$got") | head -n 20)"
}

# verify_audit LABEL DB...: lmsdb wrote one audit record of its migrate in each DB.
verify_audit() {
    local label="$1" got want
    shift
    got="$(pg_sql_each "$AUDIT_SQL" "$@")"
    want="$(for db in "$@"; do echo "$db|1|$LAST_VERSION"; done)"
    [[ "$got" == "$want" ]] || bench_die "after $label, not every database holds one audit record of the migrate:
$(diff <(echo "$want") <(echo "$got") | head -n 20)"
}

# check_flyway_log LOG COUNT: the loop's log shows COUNT runs that each applied every migration.
check_flyway_log() {
    local got
    got="$(grep -c "Successfully applied $MIGRATIONS migrations" "$1" || true)"
    [[ "$got" == "$2" ]] || bench_die "$1 shows $got runs of flyway:migrate that applied $MIGRATIONS migrations, not $2"
}

# check_lmsdb_log LOG COUNT: lmsdb's summary says COUNT done and nothing else, and COUNT targets each applied every migration.
check_lmsdb_log() {
    local got
    grep -Eq "Total: $2 done, 0 up to date, 0 failed, 0 not started in " "$1" \
        || bench_die "$1 lacks 'Total: $2 done, 0 up to date, 0 failed, 0 not started'"
    got="$(grep -Ec "\] +done +[^ ]+ +none -> $LAST_VERSION \($MIGRATIONS applied, " "$1" || true)"
    [[ "$got" == "$2" ]] || bench_die "$1 shows $got targets done with $MIGRATIONS applied, not $2"
}

# fresh: every database dropped and created again, then a checkpoint, so that each configuration starts alike (untimed).
fresh() {
    pg_recreate_databases "${DATABASES[@]}"
    pg_sql postgres checkpoint >/dev/null
}

# --- are the outputs meaningful? (untimed: one flyway:migrate, one lmsdb fleet of two) ------------------
bench_log "checking what each side does (untimed: flyway:migrate on ${DATABASES[0]}, lmsdb:migrate on a fleet of 2)"
fresh
URLS_IN_LOOP=("${URLS[0]}")
bench_time "$LOGS/check-flyway-loop.log" flyway_loop >/dev/null
check_flyway_log "$LOGS/check-flyway-loop.log" 1
REFERENCE="$(pg_sql_each "$STATE_SQL" "${DATABASES[0]}" | cut -d '|' -f 5)"
[[ -n "$REFERENCE" ]] || bench_die "no schema fingerprint of ${DATABASES[0]}"
verify flyway:migrate "${DATABASES[0]}"
bench_time "$LOGS/check-lmsdb-fleet.log" lmsdb_fleet 2 "${URLS[1]},${URLS[2]}" >/dev/null
check_lmsdb_log "$LOGS/check-lmsdb-fleet.log" 2
verify "lmsdb:migrate on a fleet of 2" "${DATABASES[1]}" "${DATABASES[2]}"
verify_audit "lmsdb:migrate on a fleet of 2" "${DATABASES[1]}" "${DATABASES[2]}"
bench_log "both build the same schema: $MIGRATIONS migrations up to $LAST_VERSION"

# --- Maven's start-up, for reference: the loop pays it once per database ----------------------------------
VALIDATE=()
for ((i = 1; i <= VALIDATE_RUNS; i++)); do
    t=($(bench_time "$LOGS/validate-$i.log" mvn_project validate))
    VALIDATE+=("${t[0]}")
done
med_v="$(bench_median "${VALIDATE[@]}")"

# --- the timed rounds: every configuration on freshly emptied databases, the order rotating each round ------
CONFIGS=(flyway)
for p in "${PARALLELS[@]}"; do CONFIGS+=("p$p"); done
declare -A WALL CPU UPTIME FLEET_MS TARGET_MS
LMSDB_MARKS=('--- lmsdb:[^ ]*:migrate' 'Pre-flight of ' 'Pre-flight passed' 'last:[0-9]+/[0-9]+] +done ' 'BUILD SUCCESS')
declare -A PH_MAVEN PH_SETUP PH_PREFLIGHT PH_TARGETS PH_END
URLS_IN_LOOP=("${URLS[@]}")
load_before="$(bench_load)"
uptime_before="$(uptime)"
for ((round = 1; round <= RUNS; round++)); do
    for ((k = 0; k < ${#CONFIGS[@]}; k++)); do
        c="${CONFIGS[(k + round - 1) % ${#CONFIGS[@]}]}"
        log="$LOGS/round-$round-$c.log"
        fresh
        up="$(uptime | sed 's/.*load averages*: //')"
        if [[ "$c" == flyway ]]; then
            bench_log "round $round: the flyway:migrate loop over $N databases"
            t=($(bench_time "$log" flyway_loop))
            check_flyway_log "$log" "$N"
        else
            bench_log "round $round: lmsdb:migrate on the fleet of $N, parallel ${c#p}"
            t=($(bench_time "$log" lmsdb_fleet "${c#p}" "$TARGETS"))
            check_lmsdb_log "$log" "$N"
            verify_audit "lmsdb:migrate parallel ${c#p} (round $round)" "${DATABASES[@]}"
            m=($(bench_log_marks "$log" "${LMSDB_MARKS[@]}"))
            for x in "${m[@]}"; do [[ "$x" != - ]] || bench_die "$log lacks one of the lines: ${LMSDB_MARKS[*]}"; done
            PH_MAVEN[$c]+=" ${m[0]}" PH_SETUP[$c]+=" $((m[1] - m[0]))" PH_PREFLIGHT[$c]+=" $((m[2] - m[1]))"
            PH_TARGETS[$c]+=" $((m[3] - m[2]))" PH_END[$c]+=" $((t[0] - m[3]))"
            FLEET_MS[$c]+=" $(sed -n 's/.*Total: .* in \([0-9.]*\) s.*/\1/p' "$log" | awk '{ printf "%d", $1 * 1000 }')"
            # Each target's own migrate, as its line reports it ("... (15 applied, 0.3 s)"), all runs of this configuration.
            TARGET_MS[$c]+=" $(sed -n 's/.*\] *done .*applied, \([0-9.]*\) s).*/\1/p' "$log" | awk '{ printf "%d ", $1 * 1000 }')"
        fi
        verify "$c (round $round)" "${DATABASES[@]}"
        WALL[$c]+=" ${t[0]}"
        CPU[$c]+=" ${t[1]}"
        UPTIME[$c]+="${UPTIME[$c]:+; }round $round: $up -> $(uptime | sed 's/.*load averages*: //')"
        echo "round $round $c: wall ${t[0]} ms, cpu ${t[1]} ms" >&2
    done
done
load_after="$(bench_load)"
uptime_after="$(uptime)"
bench_plugin_unchanged

# --- the report ---------------------------------------------------------------------------------------------
label() { if [[ "$1" == flyway ]]; then echo "flyway loop"; else echo "lmsdb p=${1#p}"; fi; }
med() { bench_median ${WALL[$1]}; }
cpu() { bench_median ${CPU[$1]}; }
med_f="$(med flyway)"
cpu_f="$(cpu flyway)"

echo
echo "Fleet migrate vs a flyway:migrate loop: the LMS example ($MIGRATIONS migrations, up to $LAST_VERSION) onto $N empty"
echo "databases, PostgreSQL $PG_BINARIES_VERSION on localhost:$PORT"
bench_machine
echo "uptime:  before the runs: $uptime_before"
echo "         after the runs:  $uptime_after"
echo "runs:    $RUNS round(s); in each, every configuration once, on $N databases dropped and created again just before"
echo "         (untimed); the order rotates each round (round 1: ${CONFIGS[*]})"
echo "command: flyway loop: for each of the $N databases: mvnw -B -f bench/work/fleet/project/pom.xml flyway:migrate"
echo "                      -Dflyway.url=jdbc:postgresql://localhost:$PORT/tenant_NNN (a whole Maven run each)"
echo "         lmsdb p=P:   mvnw -B -f bench/work/fleet/project/pom.xml lmsdb:migrate -Dlmsdb.backup=false"
echo "                      -Dlmsdb.targets=<the $N URLs, comma-separated> -Dlmsdb.parallel=P (one Maven run)"
echo "         both with log timestamps, output to a file. -Dlmsdb.backup=false: in development lmsdb:migrate otherwise"
echo "         runs pg_dump on each database first; the flyway loop takes no backup."
echo "checked: after every run each of the $N databases holds $MIGRATIONS successful migrations up to $LAST_VERSION, no"
echo "         failed one, and the schema flyway:migrate built (columns, defaults, indexes, triggers); lmsdb's summary"
echo "         says '$N done, 0 up to date, 0 failed, 0 not started' and each database holds its audit record; the"
echo "         loop's log shows $N runs that applied $MIGRATIONS migrations"
echo
printf '%-24s' ""; for c in "${CONFIGS[@]}"; do printf '%16s' "$(label "$c")"; done; echo
for ((round = 1; round <= RUNS; round++)); do
    printf '%-24s' "wall, round $round"; for c in "${CONFIGS[@]}"; do w=(${WALL[$c]}); printf '%16s' "${w[round - 1]}"; done; echo
done
if ((RUNS > 1)); then
    printf '%-24s' "wall, median"; for c in "${CONFIGS[@]}"; do printf '%16s' "$(med "$c")"; done; echo
    printf '%-24s' "wall, min"; for c in "${CONFIGS[@]}"; do printf '%16s' "$(bench_min ${WALL[$c]})"; done; echo
fi
printf '%-24s' "wall per database"; for c in "${CONFIGS[@]}"; do printf '%16s' "$(($(med "$c") / N))"; done; echo
printf '%-24s' "CPU (median)"; for c in "${CONFIGS[@]}"; do printf '%16s' "$(cpu "$c")"; done; echo
printf '%-24s' "wall / flyway loop"; for c in "${CONFIGS[@]}"; do printf '%16s' "$(bench_ratio "$(med "$c")" "$med_f")"; done; echo
printf '%-24s' "CPU / flyway loop"; for c in "${CONFIGS[@]}"; do printf '%16s' "$(bench_ratio "$(cpu "$c")" "$cpu_f")"; done; echo
echo "(ms; medians when more than one round. CPU: user + system of Maven's JVMs and their children, not the server's)"
echo
echo "The flyway loop: $N Maven runs; Maven's start-up alone (validate, median of $VALIDATE_RUNS) is $med_v ms, so about"
echo "$((N * med_v)) ms of the loop's $med_f ms; flyway:migrate's own work per database is then about $(((med_f - N * med_v) / N)) ms."
echo
echo "lmsdb:migrate on the fleet, phases from its log timestamps (ms; medians when more than one round):"
printf '%-52s' ""; for c in "${CONFIGS[@]:1}"; do printf '%14s' "$(label "$c")"; done; echo
phase() { printf '%-52s' "$1"; shift; for v in "$@"; do printf '%14s' "$v"; done; echo; }
fm() { local -n a="$1"; local c; for c in "${CONFIGS[@]:1}"; do bench_median ${a[$c]}; done; }
phase "Maven, from its first log line to the mojo" $(fm PH_MAVEN)
phase "settings, resolving the $N targets" $(fm PH_SETUP)
phase "pre-flight of the $N targets" $(fm PH_PREFLIGHT)
phase "canary and waves, to the last target done" $(fm PH_TARGETS)
phase "the rest: JVM start to the first line, exit" $(fm PH_END)
phase "the fleet's own total (its summary line)" $(fm FLEET_MS)
printf '%-52s' "one target's migrate (its line): median"; for c in "${CONFIGS[@]:1}"; do printf '%14s' "$(bench_median ${TARGET_MS[$c]})"; done; echo
printf '%-52s' "one target's migrate (its line): max"; for c in "${CONFIGS[@]:1}"; do printf '%14s' "$(printf '%s\n' ${TARGET_MS[$c]} | sort -n | tail -n 1)"; done; echo
echo
echo "Load (uptime's 1, 5 and 15-minute averages at the start and end of each run):"
for c in "${CONFIGS[@]}"; do printf '  %-12s %s\n' "$(label "$c")" "${UPTIME[$c]}"; done
if bench_busy "$load_before" || bench_busy "$load_after"; then
    echo "warning: the machine was busy (load $load_before before, $load_after after, $(nproc 2>/dev/null || echo '?') CPUs); the wall times"
    echo "         are inflated and noisy, the CPU times less so; with one round, the order of the runs matters too"
fi
