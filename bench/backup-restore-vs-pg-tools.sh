#!/usr/bin/env bash
# lmsdb:backup and lmsdb:restore against pg_dump, psql and pg_restore run by hand, on a generated
# database of at least 1 GB, in the same run. See bench/README.md.
#
#   bench/backup-restore-vs-pg-tools.sh      (from the repository root; needs a JDK, tar, xz and the
#                                             PostgreSQL 15+ client tools: psql, pg_dump, pg_restore, createdb)
#
# Environment: BENCH_RUNS (timed runs of each of the 8 commands, default 3, at least 3),
# BENCH_EVENTS (rows of the largest table, default 4000000; the other tables scale with it),
# BENCH_MIN_MB (the smallest database accepted, default 1024), BENCH_KEEP=1 (keep the data
# directory and the backups afterwards; by default they are deleted), BENCH_PORT (default: the
# first free port from 55433), MAVEN_ARGS (e.g. -Dmaven.repo.local=/tmp/bench-m2).
#
# Takes 6 to 12 minutes on a 2-CPU machine, most of it the 12 restores of 1.1 GB.
set -euo pipefail

BENCH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$BENCH_ROOT/bench/lib/common.sh"
source "$BENCH_ROOT/bench/lib/pg.sh"

RUNS="${BENCH_RUNS:-3}"
EVENTS="${BENCH_EVENTS:-4000000}"
MIN_MB="${BENCH_MIN_MB:-1024}"
((RUNS >= 3)) || bench_die "BENCH_RUNS must be at least 3"
ACCOUNTS=$((EVENTS / 4))
ORDERS=$((EVENTS * 3 / 4))
TARGET_PERCENT=5
DATABASE=bench
RESTORED=restored          # lmsdb:restore replaces this database (a full copy, so each run drops a full one)
BARE_RESTORED=bare_restored

WORK="$BENCH_WORK/backup"
DATA="$WORK/data"
BACKUPS="$WORK/backups"    # lmsdb's backupDirectory
BARE="$WORK/bare"          # pg_dump's output by hand
KEPT="$WORK/restore-files" # one lmsdb backup of each format, restored by both sides
PROJECT="$WORK/project"
LOGS="$WORK/logs"
PG_LOG="$WORK/pg.log"

script_start="$(date +%s)"
cleanup() {
    pg_stop
    if [[ "${BENCH_KEEP:-0}" != 1 ]]; then
        rm -rf "$DATA" "$BACKUPS" "$BARE" "$KEPT"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

cd "$BENCH_ROOT"
bench_build_plugin
rm -rf "$LOGS" "$BACKUPS" "$BARE" "$KEPT" && mkdir -p "$WORK" "$LOGS" "$BACKUPS" "$BARE" "$KEPT"
pg_fetch_binaries
PSQL="$(pg_client psql)"
PG_DUMP="$(pg_client pg_dump)"
PG_RESTORE="$(pg_client pg_restore)"
CREATEDB="$(pg_client createdb)"

# --- the server: it logs statement durations and session times, to split the plugin's time ----------
PORT="${BENCH_PORT:-$(pg_free_port 55433)}"
bench_log "initialising a fresh cluster in $DATA"
pg_init "$DATA"
pg_create_database "$DATA" "$DATABASE"
pg_start "$DATA" "$PORT"
pg_sql postgres "alter system set log_min_duration_statement = 0" >/dev/null
pg_sql postgres "alter system set log_disconnections = on" >/dev/null
pg_sql postgres "alter system set log_line_prefix = '%m [%p] %a '" >/dev/null
pg_sql postgres "select pg_reload_conf()" >/dev/null

# --- the data: accounts, orders (with a foreign key and an index), events (with md5 text) ------------
bench_log "generating the database: $ACCOUNTS accounts, $ORDERS orders, $EVENTS events"
gen_start="$(date +%s)"
if ! PGOPTIONS='-c client_min_messages=warning' "$PSQL" -X -q -v ON_ERROR_STOP=1 -h localhost -p "$PORT" -U postgres -d "$DATABASE" \
    >"$LOGS/generate.log" 2>&1 <<SQL
create table accounts (
    id bigint generated always as identity primary key,
    email text not null,
    full_name text not null,
    created_at timestamptz not null
);
insert into accounts (email, full_name, created_at)
select 'user' || g || '@example.com', 'User ' || md5(g::text), timestamptz '2024-01-01 00:00:00+00' + g * interval '1 minute'
from generate_series(1::bigint, $ACCOUNTS) g;
create table orders (
    id bigint generated always as identity primary key,
    account_id bigint not null references accounts,
    amount numeric(12, 2) not null,
    status text not null,
    created_at timestamptz not null
);
insert into orders (account_id, amount, status, created_at)
select 1 + (g * 7919) % $ACCOUNTS, (g % 100000) / 100.0, (array['new', 'paid', 'shipped', 'returned'])[1 + g % 4],
       timestamptz '2024-01-01 00:00:00+00' + g * interval '1 second'
from generate_series(1::bigint, $ORDERS) g;
create index orders_account_id_idx on orders (account_id);
create table events (
    id bigint generated always as identity primary key,
    account_id bigint not null,
    kind text not null,
    payload text not null,
    created_at timestamptz not null
);
insert into events (account_id, kind, payload, created_at)
select 1 + (g * 104729) % $ACCOUNTS, (array['login', 'view', 'click', 'purchase', 'logout'])[1 + g % 5],
       md5(g::text) || md5((g + 1)::text) || md5((g + 2)::text), timestamptz '2024-01-01 00:00:00+00' + g * interval '100 milliseconds'
from generate_series(1::bigint, $EVENTS) g;
vacuum (freeze, analyze);
SQL
then
    cat "$LOGS/generate.log" >&2
    bench_die "generating the data failed"
fi
gen_seconds=$(($(date +%s) - gen_start))
DB_BYTES="$(pg_sql "$DATABASE" "select pg_database_size(current_database())")"
DB_MB=$((DB_BYTES / 1048576))
((DB_MB >= MIN_MB)) || bench_die "the database is $DB_MB MB, less than $MIN_MB MB: raise BENCH_EVENTS"
EXPECTED="$ACCOUNTS|$ORDERS|$EVENTS"
bench_log "database $DATABASE: $DB_MB MB, generated in $gen_seconds s"

URL="jdbc:postgresql://localhost:$PORT/$DATABASE"
bench_write_pom "$PROJECT/pom.xml" backup-restore-vs-pg-tools \
    "lmsdb.url=$URL" lmsdb.user=postgres lmsdb.embedded=false "lmsdb.backupDirectory=$BACKUPS"

mvn_project() {
    "$BENCH_ROOT/mvnw" -B -f "$PROJECT/pom.xml" "$@"
}

# counts DB: exact row counts of the three tables, as accounts|orders|events.
counts() {
    pg_sql "$1" "select (select count(*) from accounts), (select count(*) from orders), (select count(*) from events)"
}

# The commands. The bare tools get the same connection options and output formats as the plugin
# passes to them (BackupService): --format=p, or --format=c --compress=1; psql --no-psqlrc --quiet
# --set=ON_ERROR_STOP=1 --file; pg_restore --exit-on-error.
TOOL_ARGS=(--host=localhost --port="$PORT" --username=postgres --no-password)
bare_dump_plain() { PGAPPNAME=bare "$PG_DUMP" "${TOOL_ARGS[@]}" --dbname="$DATABASE" --format=p --file="$BARE/$DATABASE.sql"; }
bare_dump_custom() { PGAPPNAME=bare "$PG_DUMP" "${TOOL_ARGS[@]}" --dbname="$DATABASE" --format=c --compress=1 --file="$BARE/$DATABASE.dump"; }
bare_restore_plain() {
    PGAPPNAME=bare "$CREATEDB" "${TOOL_ARGS[@]}" "$BARE_RESTORED"
    PGAPPNAME=bare "$PSQL" "${TOOL_ARGS[@]}" --dbname="$BARE_RESTORED" --no-psqlrc --quiet --set=ON_ERROR_STOP=1 --file="$RESTORE_PLAIN"
}
bare_restore_custom() {
    PGAPPNAME=bare "$CREATEDB" "${TOOL_ARGS[@]}" "$BARE_RESTORED"
    PGAPPNAME=bare "$PG_RESTORE" "${TOOL_ARGS[@]}" --dbname="$BARE_RESTORED" --exit-on-error "$RESTORE_CUSTOM"
}
validate() { mvn_project "${BENCH_TIMESTAMPS[@]}" validate; }
lmsdb_backup_plain() { mvn_project "${BENCH_TIMESTAMPS[@]}" lmsdb:backup; }
lmsdb_backup_custom() { mvn_project "${BENCH_TIMESTAMPS[@]}" lmsdb:backup -Dlmsdb.compress=true -Dlmsdb.backupFormat=custom; } # custom even above 1 GB: the same format as the bare side
lmsdb_restore() { # FILE
    mvn_project "${BENCH_TIMESTAMPS[@]}" lmsdb:restore "-Dlmsdb.url=jdbc:postgresql://localhost:$PORT/$RESTORED" \
        "-Dlmsdb.file=$1" -Dlmsdb.backup=false -Dlmsdb.keepPrevious=false
}
lmsdb_restore_plain() { lmsdb_restore "$RESTORE_PLAIN"; }
lmsdb_restore_custom() { lmsdb_restore "$RESTORE_CUSTOM"; }

# server_split FROM_BYTE: from the server log after that offset, in ms: the session time of the tool
# (the session that ran COPY ... TO stdout or FROM stdin), the sum of count(*) statements, and the sum
# of create/alter/drop database statements.
server_split() {
    tail -c +"$(($1 + 1))" "$PG_LOG" | awk '
        function dur(s) { sub(/.*duration: /, "", s); sub(/ ms.*/, "", s); return s + 0 }
        {
            l = tolower($0)
            pid = ""
            if (match(l, /\[[0-9]+\]/)) pid = substr(l, RSTART + 1, RLENGTH - 2)
        }
        l ~ /duration: [0-9.]+ ms .*copy .*(to stdout|from stdin)/ { tool[pid] = 1 }
        l ~ /duration: [0-9.]+ ms .*count\(\*\)/ { counts += dur(l) }
        l ~ /duration: [0-9.]+ ms .*(create|alter|drop) database/ { admin += dur(l) }
        l ~ /disconnection: session time: / {
            s = l; sub(/.*session time: /, "", s); sub(/ .*/, "", s); split(s, a, ":")
            session[pid] = (a[1] * 3600 + a[2] * 60 + a[3]) * 1000
        }
        END { for (p in tool) t += session[p]; printf "%.0f %.0f %.0f\n", t, counts, admin }'
}

# The plugin's steps in its own log (timestamps): see the tables at the end.
BACKUP_MARKS=('--- lmsdb:[^ ]*:backup' 'Backup file: ' 'Backup created successfully' 'BUILD SUCCESS')
RESTORE_MARKS=('--- lmsdb:[^ ]*:restore' 'Restoring Database' 'Restoring into ' 'Verifying restoration' 'Swapping databases' 'Database restored successfully' 'BUILD SUCCESS')

# the single file lmsdb:backup wrote (and its manifest), checked; prints its path.
lmsdb_backup_file() {
    local ext="$1" files f manifest sha
    files=("$BACKUPS"/"$DATABASE"_*"$ext")
    ((${#files[@]} == 1)) && [[ -f "${files[0]}" ]] || bench_die "expected one $ext backup in $BACKUPS, found: ${files[*]}"
    f="${files[0]}"
    manifest="$f.manifest.json"
    [[ -f "$manifest" ]] || bench_die "no manifest beside $f"
    sha="$(sha256sum "$f" | cut -d ' ' -f 1)"
    grep -q "\"sha256\" *: *\"$sha\"" "$manifest" || bench_die "the manifest of $f does not hold its SHA-256 $sha"
    for t in "accounts\"[^}]*\"rows\" *: *$ACCOUNTS" "orders\"[^}]*\"rows\" *: *$ORDERS" "events\"[^}]*\"rows\" *: *$EVENTS"; do
        tr -d '\n' <"$manifest" | grep -Eq "$t" || bench_die "the manifest of $f does not hold the row count /$t/: $(cat "$manifest")"
    done
    echo "$f"
}

# --- checks and the restore files: one untimed lmsdb:backup of each format ---------------------------
bench_log "checking lmsdb:backup (one untimed run of each format); the two files are the ones restored later"
bench_time "$LOGS/check-lmsdb-backup-plain.log" lmsdb_backup_plain >/dev/null
f="$(lmsdb_backup_file .sql)"
mv "$f" "$f.manifest.json" "$KEPT/"
RESTORE_PLAIN="$KEPT/$(basename "$f")"
bench_time "$LOGS/check-lmsdb-backup-custom.log" lmsdb_backup_custom >/dev/null
f="$(lmsdb_backup_file .dump)"
mv "$f" "$f.manifest.json" "$KEPT/"
RESTORE_CUSTOM="$KEPT/$(basename "$f")"
grep -q "Tables: 3 ($((ACCOUNTS + ORDERS + EVENTS)) rows)" "$LOGS/check-lmsdb-backup-plain.log" \
    || bench_die "lmsdb:backup did not report 'Tables: 3 ($((ACCOUNTS + ORDERS + EVENTS)) rows)' (see $LOGS/check-lmsdb-backup-plain.log)"
"$PG_RESTORE" --list "$RESTORE_CUSTOM" | grep -c "TABLE DATA public" | grep -qx 3 || bench_die "$RESTORE_CUSTOM does not list 3 TABLE DATA entries"
"$PSQL" -X -q -h localhost -p "$PORT" -U postgres -d postgres -c "create database $RESTORED template $DATABASE" >/dev/null
PLAIN_MB=$(($(stat -c %s "$RESTORE_PLAIN") / 1048576))
CUSTOM_MB=$(($(stat -c %s "$RESTORE_CUSTOM") / 1048576))

# --- the runs ---------------------------------------------------------------------------------------
# Each round runs every command once; in each pair the plugin and the bare tool take turns going first.
# same_dump A B: two plain dumps are the same but for the random key of pg_dump's \restrict lines
# (pg_dump 15.14 and later write one per dump).
same_dump() {
    cmp -s <(grep -v '^\\\(un\)\{0,1\}restrict ' "$1") <(grep -v '^\\\(un\)\{0,1\}restrict ' "$2")
}

NAMES=(validate lmsdb_backup_plain bare_dump_plain lmsdb_backup_custom bare_dump_custom
    lmsdb_restore_plain bare_restore_plain lmsdb_restore_custom bare_restore_custom)
declare -A WALL CPU SPLIT MARKS
run_one() { # NAME ROUND
    local name="$1" round="$2" log="$LOGS/run-$2-$1.log" offset t f size m
    case "$name" in
        bare_restore_*) pg_sql postgres "drop database if exists $BARE_RESTORED with (force)" >/dev/null ;;
    esac
    offset="$(wc -c <"$PG_LOG")"
    t=($(bench_time "$log" "$name"))
    WALL[$name]+=" ${t[0]}"
    CPU[$name]+=" ${t[1]}"
    [[ "$name" == validate ]] && return
    SPLIT[$name]+=" $(server_split "$offset" | tr ' ' ,)"
    case "$name" in
        lmsdb_backup_plain)
            f="$(lmsdb_backup_file .sql)"
            same_dump "$f" "$RESTORE_PLAIN" || bench_die "lmsdb:backup of round $round differs from the first one (see $f)"
            rm -f "$f" "$f.manifest.json" ;;
        lmsdb_backup_custom)
            f="$(lmsdb_backup_file .dump)"
            size=$(($(stat -c %s "$f") / 1048576))
            ((size >= CUSTOM_MB * 98 / 100 && size <= CUSTOM_MB * 102 / 100)) || bench_die "$f is $size MB, the first custom backup $CUSTOM_MB MB"
            rm -f "$f" "$f.manifest.json" ;;
        bare_dump_plain)
            same_dump "$BARE/$DATABASE.sql" "$RESTORE_PLAIN" || bench_die "pg_dump --format=p wrote a different file than lmsdb:backup (see $BARE/$DATABASE.sql)"
            rm -f "$BARE/$DATABASE.sql" ;;
        bare_dump_custom)
            size=$(($(stat -c %s "$BARE/$DATABASE.dump") / 1048576))
            ((size >= CUSTOM_MB * 98 / 100 && size <= CUSTOM_MB * 102 / 100)) || bench_die "pg_dump --format=c wrote $size MB, lmsdb:backup $CUSTOM_MB MB"
            "$PG_RESTORE" --list "$BARE/$DATABASE.dump" | grep -c "TABLE DATA public" | grep -qx 3 || bench_die "$BARE/$DATABASE.dump does not list 3 TABLE DATA entries"
            rm -f "$BARE/$DATABASE.dump" ;;
        lmsdb_restore_*)
            [[ "$(counts "$RESTORED")" == "$EXPECTED" ]] || bench_die "after $name: $RESTORED holds $(counts "$RESTORED") rows, not $EXPECTED"
            grep -q "Verified: 3 tables, row counts match the manifest" "$log" || bench_die "$name did not verify 3 tables against the manifest (see $log)"
            grep -q "previous database dropped" "$log" || bench_die "$name did not drop the previous database (see $log)"
            [[ -z "$(pg_sql postgres "select string_agg(datname, ' ') from pg_database where datname like '${RESTORED}_%'")" ]] \
                || bench_die "after $name, databases were left behind: $(pg_sql postgres "select string_agg(datname, ' ') from pg_database where datname like '${RESTORED}_%'")" ;;
        bare_restore_*)
            [[ "$(counts "$BARE_RESTORED")" == "$EXPECTED" ]] || bench_die "after $name: $BARE_RESTORED holds $(counts "$BARE_RESTORED") rows, not $EXPECTED"
            pg_sql postgres "drop database $BARE_RESTORED" >/dev/null ;;
    esac
    case "$name" in
        lmsdb_backup_*) m="$(bench_log_marks "$log" "${BACKUP_MARKS[@]}" | tr ' ' ,)" ;;
        lmsdb_restore_*) m="$(bench_log_marks "$log" "${RESTORE_MARKS[@]}" | tr ' ' ,)" ;;
        *) return ;;
    esac
    [[ ",$m," != *,-,* ]] || bench_die "$log lacks one of the expected lines (marks: $m)"
    MARKS[$name]+=" $m"
}

load_before="$(bench_load)"
runs_start="$(date +%s)"
for ((round = 1; round <= RUNS; round++)); do
    bench_log "round $round of $RUNS"
    run_one validate "$round"
    for pair in "lmsdb_backup_plain bare_dump_plain" "lmsdb_backup_custom bare_dump_custom" \
        "lmsdb_restore_plain bare_restore_plain" "lmsdb_restore_custom bare_restore_custom"; do
        p=($pair)
        if ((round % 2 == 0)); then p=("${p[1]}" "${p[0]}"); fi
        run_one "${p[0]}" "$round"
        run_one "${p[1]}" "$round"
    done
done
load_after="$(bench_load)"
runs_seconds=$(($(date +%s) - runs_start))

# The SHA-256 the plugin computes (Checksums: MessageDigest, 64 KiB reads), timed alone on the same files.
cat >"$WORK/Sha256Time.java" <<'JAVA'
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;

public class Sha256Time {
    public static void main(String[] args) throws Exception {
        for (int run = 0; run < 3; run++) {
            long start = System.nanoTime();
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    digest.update(buffer, 0, n);
                }
            }
            digest.digest();
            System.out.print((System.nanoTime() - start) / 1_000_000 + (run < 2 ? " " : "\n"));
        }
    }
}
JAVA
SHA_PLAIN=($(java "$WORK/Sha256Time.java" "$RESTORE_PLAIN"))
SHA_CUSTOM=($(java "$WORK/Sha256Time.java" "$RESTORE_CUSTOM"))

# --- the report -------------------------------------------------------------------------------------
med() { bench_median ${WALL[$1]}; }
cpu() { bench_median ${CPU[$1]}; }
# split_med NAME K: the median of the K-th server figure (1 tool session, 2 count(*), 3 database DDL).
split_med() { bench_median $(printf '%s\n' ${SPLIT[$1]} | cut -d , -f "$2"); }
# mark_med NAME A B: the median of mark B minus mark A (1-based) over the runs.
mark_med() { bench_median $(printf '%s\n' ${MARKS[$1]} | awk -F , -v a="$2" -v b="$3" '{ print $b - $a }'); }
# own_med NAME: the median of wall time minus the tool's server session: what is not pg_dump, psql or pg_restore.
own_med() { bench_median $(paste -d ' ' <(printf '%s\n' ${WALL[$1]}) <(printf '%s\n' ${SPLIT[$1]}) | awk '{ split($2, s, ","); print $1 - s[1] }'); }
# tail_med NAME K: the median of wall time minus mark K (JVM start before the first line, exit after the last).
tail_med() { bench_median $(paste -d ' ' <(printf '%s\n' ${WALL[$1]}) <(printf '%s\n' ${MARKS[$1]}) | awk -v k="$2" '{ split($2, m, ","); print $1 - m[k] }'); }

V="$(med validate)"
echo
echo "lmsdb:backup / lmsdb:restore vs pg_dump / psql / pg_restore by hand: a $DB_MB MB database (3 tables, $((ACCOUNTS + ORDERS + EVENTS)) rows),"
echo "PostgreSQL $PG_BINARIES_VERSION on localhost:$PORT; plain backup $PLAIN_MB MB, custom (--compress=1) $CUSTOM_MB MB"
bench_machine
echo "tools:   $PG_DUMP, $PSQL, $PG_RESTORE, $CREATEDB ($("$PG_DUMP" --version))"
echo "load:    1-minute load average $load_before before the runs, $load_after after (the runs themselves add 1 to 2)"
echo "runs:    $RUNS rounds of the 8 commands and validate, ${runs_seconds} s; in each pair the plugin and the bare tool take turns"
echo "         going first; lmsdb runs: mvnw -B -f bench/work/backup/project/pom.xml <goal> (log timestamps, output to a file)"
echo "checked: every lmsdb backup has a manifest with its SHA-256 and the 3 exact row counts; every plain backup, the plugin's"
echo "         and pg_dump's, is identical to the first but for pg_dump's random \\restrict key; custom ones are within 2% of"
echo "         its size and list 3 tables' data; after every restore the 3 tables hold $((ACCOUNTS + ORDERS + EVENTS)) rows;"
echo "         lmsdb:restore reported the manifest verified and the previous database dropped, and left no other database behind"
echo
printf '%-22s %-55s %9s %9s %9s   %s\n' command "what" "wall med" "wall min" "CPU med" "all wall runs"
line() { printf '%-22s %-55s %9s %9s %9s   %s\n' "$1" "$2" "$(med "$1")" "$(bench_min ${WALL[$1]})" "$(cpu "$1")" "$(echo ${WALL[$1]})"; }
line validate "mvnw validate: Maven's start-up"
line lmsdb_backup_plain "lmsdb:backup"
line bare_dump_plain "pg_dump --format=p --file"
line lmsdb_backup_custom "lmsdb:backup -Dlmsdb.backupFormat=custom"
line bare_dump_custom "pg_dump --format=c --compress=1 --file"
line lmsdb_restore_plain "lmsdb:restore (.sql), backup=false, keepPrevious=false"
line bare_restore_plain "createdb + psql -f (.sql)"
line lmsdb_restore_custom "lmsdb:restore (.dump), backup=false, keepPrevious=false"
line bare_restore_custom "createdb + pg_restore (.dump)"
echo "(ms; CPU = user + system of the client side only, Maven's JVM and its child tool, or the bare tool; not the server's)"
echo
missed=0
ratio_line() { # LMSDB BARE LABEL
    local l b
    l="$(med "$1")" b="$(med "$2")"
    printf '%-40s %5s (wall medians)   %5s (lmsdb minus Maven start-up)' "$3" "$(bench_ratio "$l" "$b")" "$(bench_ratio "$((l - V))" "$b")"
    if ((l * 100 <= b * (100 + TARGET_PERCENT))); then echo "   target met"; else echo "   target MISSED"; missed=1; fi
}
echo "ratios lmsdb / bare tool (target: within $TARGET_PERCENT%, wall medians)"
ratio_line lmsdb_backup_plain bare_dump_plain "backup, plain"
ratio_line lmsdb_backup_custom bare_dump_custom "backup, custom --compress=1"
ratio_line lmsdb_restore_plain bare_restore_plain "restore, plain (psql)"
ratio_line lmsdb_restore_custom bare_restore_custom "restore, custom (pg_restore)"
echo
echo "Where lmsdb:backup spends its time (medians, ms). Server: the server log's session and statement durations."
echo "Log: the plugin's log timestamps. SHA-256: the plugin's hashing (MessageDigest, 64 KiB reads) timed alone."
printf '%-62s %9s %9s\n' "" plain custom
printf '%-62s %9s %9s\n' "whole run (wall median)" "$(med lmsdb_backup_plain)" "$(med lmsdb_backup_custom)"
printf '%-62s %9s %9s\n' "  JVM start before the first log line, exit after the last" "$(tail_med lmsdb_backup_plain 4)" "$(tail_med lmsdb_backup_custom 4)"
printf '%-62s %9s %9s\n' "  Maven: first log line to the mojo's start (log)" "$(bench_median $(printf '%s\n' ${MARKS[lmsdb_backup_plain]} | cut -d , -f 1))" "$(bench_median $(printf '%s\n' ${MARKS[lmsdb_backup_custom]} | cut -d , -f 1))"
printf '%-62s %9s %9s\n' "  mojo start to 'Backup file:' (connect, find pg_dump) (log)" "$(mark_med lmsdb_backup_plain 1 2)" "$(mark_med lmsdb_backup_custom 1 2)"
printf '%-62s %9s %9s\n' "  'Backup file:' to 'Backup created' (log), of which:" "$(mark_med lmsdb_backup_plain 2 3)" "$(mark_med lmsdb_backup_custom 2 3)"
printf '%-62s %9s %9s\n' "    row counts in the snapshot, count(*) per table (server)" "$(split_med lmsdb_backup_plain 2)" "$(split_med lmsdb_backup_custom 2)"
printf '%-62s %9s %9s\n' "    pg_dump's session (server)" "$(split_med lmsdb_backup_plain 1)" "$(split_med lmsdb_backup_custom 1)"
printf '%-62s %9s %9s\n' "    SHA-256 of the file, first pass in a new JVM (timed alone)" "${SHA_PLAIN[0]}" "${SHA_CUSTOM[0]}"
printf '%-62s %9s %9s\n' "  'Backup created' to BUILD SUCCESS (log)" "$(mark_med lmsdb_backup_plain 3 4)" "$(mark_med lmsdb_backup_custom 3 4)"
printf '%-62s %9s %9s\n' "pg_dump by hand: whole run (wall median)" "$(med bare_dump_plain)" "$(med bare_dump_custom)"
printf '%-62s %9s %9s\n' "  its session (server)" "$(split_med bare_dump_plain 1)" "$(split_med bare_dump_custom 1)"
printf '%-62s %9s %9s\n' "lmsdb:backup's own time: whole run minus pg_dump's session" "$(own_med lmsdb_backup_plain)" "$(own_med lmsdb_backup_custom)"
printf '%-62s %9s %9s\n' "  the same by hand (starting pg_dump and connecting)" "$(own_med bare_dump_plain)" "$(own_med bare_dump_custom)"
echo "(SHA-256 passes 2 and 3, JIT-compiled: plain ${SHA_PLAIN[1]}, ${SHA_PLAIN[2]}; custom ${SHA_CUSTOM[1]}, ${SHA_CUSTOM[2]})"
echo
echo "Where lmsdb:restore spends its time (medians, ms)"
printf '%-62s %9s %9s\n' "" plain custom
printf '%-62s %9s %9s\n' "whole run (wall median)" "$(med lmsdb_restore_plain)" "$(med lmsdb_restore_custom)"
printf '%-62s %9s %9s\n' "  JVM start before the first log line, exit after the last" "$(tail_med lmsdb_restore_plain 7)" "$(tail_med lmsdb_restore_custom 7)"
printf '%-62s %9s %9s\n' "  Maven: first log line to the mojo's start (log)" "$(bench_median $(printf '%s\n' ${MARKS[lmsdb_restore_plain]} | cut -d , -f 1))" "$(bench_median $(printf '%s\n' ${MARKS[lmsdb_restore_custom]} | cut -d , -f 1))"
printf '%-62s %9s %9s\n' "  mojo start to the header: SHA-256 check of the file (log)" "$(mark_med lmsdb_restore_plain 1 2)" "$(mark_med lmsdb_restore_custom 1 2)"
printf '%-62s %9s %9s\n' "    SHA-256 of the file, first pass in a new JVM (timed alone)" "${SHA_PLAIN[0]}" "${SHA_CUSTOM[0]}"
printf '%-62s %9s %9s\n' "  header to 'Restoring into' (checks, create database) (log)" "$(mark_med lmsdb_restore_plain 2 3)" "$(mark_med lmsdb_restore_custom 2 3)"
printf '%-62s %9s %9s\n' "  loading: psql or pg_restore (log)" "$(mark_med lmsdb_restore_plain 3 4)" "$(mark_med lmsdb_restore_custom 3 4)"
printf '%-62s %9s %9s\n' "    the tool's session (server)" "$(split_med lmsdb_restore_plain 1)" "$(split_med lmsdb_restore_custom 1)"
printf '%-62s %9s %9s\n' "  verification: row counts against the manifest (log)" "$(mark_med lmsdb_restore_plain 4 5)" "$(mark_med lmsdb_restore_custom 4 5)"
printf '%-62s %9s %9s\n' "  swap: rename, drop the previous database, audit (log)" "$(mark_med lmsdb_restore_plain 5 6)" "$(mark_med lmsdb_restore_custom 5 6)"
printf '%-62s %9s %9s\n' "    create/alter/drop database statements (server)" "$(split_med lmsdb_restore_plain 3)" "$(split_med lmsdb_restore_custom 3)"
printf '%-62s %9s %9s\n' "  to BUILD SUCCESS (log)" "$(mark_med lmsdb_restore_plain 6 7)" "$(mark_med lmsdb_restore_custom 6 7)"
printf '%-62s %9s %9s\n' "createdb + tool by hand: whole run (wall median)" "$(med bare_restore_plain)" "$(med bare_restore_custom)"
printf '%-62s %9s %9s\n' "  the tool's session (server)" "$(split_med bare_restore_plain 1)" "$(split_med bare_restore_custom 1)"
printf '%-62s %9s %9s\n' "lmsdb:restore's own time: whole run minus the tool's session" "$(own_med lmsdb_restore_plain)" "$(own_med lmsdb_restore_custom)"
printf '%-62s %9s %9s\n' "  the same by hand (createdb, starting the tool)" "$(own_med bare_restore_plain)" "$(own_med bare_restore_custom)"
echo
if ((missed)); then
    echo "At least one target MISSED: the plugin's own steps above (Maven start-up, row counts, SHA-256, verification, swap)"
    echo "come on top of the same pg_dump / psql / pg_restore work (compare the tool sessions); its own time is the measure"
    echo "of what it adds, since the tool sessions themselves vary by several percent from run to run."
fi
if bench_busy "$load_before"; then
    echo "warning: the machine was busy before the runs (load $load_before); the wall times are noisy"
fi
echo "total:   $(($(date +%s) - script_start)) s for the whole script (data generation $gen_seconds s, runs $runs_seconds s)"
if [[ "${BENCH_KEEP:-0}" != 1 ]]; then
    echo "cleanup: the data directory and the backups under bench/work/backup are deleted on exit (BENCH_KEEP=1 keeps them)"
fi
