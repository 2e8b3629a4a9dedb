# A throwaway PostgreSQL server for the benchmarks, from the same zonky binaries the plugin embeds,
# so that a machine with only a JDK (plus tar and xz) can run every benchmark. Source it after
# bench/lib/common.sh.
#
#   pg_fetch_binaries             the binaries jar for this platform, extracted to $PG_HOME
#   pg_init DATADIR               a fresh cluster (trust authentication, user postgres, UTF8)
#   pg_create_database DATADIR N  CREATE DATABASE N, in single-user mode (no psql needed)
#   pg_start DATADIR PORT         start, wait until it accepts connections; pg_stop stops it
#   pg_free_port [FIRST]          the first free localhost TCP port from FIRST (default 55433)
#   pg_psql                       a psql to use, if one is installed (empty otherwise)
#   pg_client TOOL                a client tool (psql, pg_dump, pg_restore, createdb, ...) of the
#                                 server's major or newer, found as the plugin finds it; fails if none
#   pg_sql DB SQL                 runs SQL on the started server with psql, prints unaligned rows
#   pg_psql_session DB            runs standard input (SQL, psql meta-commands) in one psql session
#   pg_recreate_database N        drops N (ending its sessions) and creates it again, on the started server
#   pg_recreate_databases N...    the same for many databases, in one psql session
#   pg_sql_each SQL DB...         runs SQL in each database, in one psql session; prints the rows of all
#
# Settings: PG_LOG, the server log (default $BENCH_WORK/pg.log).
#
# PostgreSQL refuses to run as root. As root every server command runs under `unshare -U`: in a
# new user namespace the process is an unprivileged user that owns (as seen from inside) the
# files root created, which is all PostgreSQL checks.

PG_BINARIES_VERSION="${PG_BINARIES_VERSION:-15.19.0}"
PG_HOME="${PG_HOME:-$BENCH_WORK/pg}"
PG_STARTED_DATA=""
PG_PORT=""
PG_LOG="${PG_LOG:-$BENCH_WORK/pg.log}"

pg_binaries_artifact() {
    local os arch
    case "$(uname -s)" in
        Linux) os=linux ;;
        Darwin) os=darwin ;;
        *) bench_die "no zonky PostgreSQL binaries for $(uname -s)" ;;
    esac
    case "$(uname -m)" in
        x86_64 | amd64) arch=amd64 ;;
        aarch64 | arm64) arch=arm64v8 ;;
        *) bench_die "no zonky PostgreSQL binaries for $(uname -m)" ;;
    esac
    echo "embedded-postgres-binaries-$os-$arch"
}

# Runs a PostgreSQL server program, in a user namespace when we are root.
pg_run() {
    if [[ "$(id -u)" == 0 ]]; then
        command -v unshare >/dev/null 2>&1 || bench_die "running as root needs unshare (util-linux), or run as another user"
        unshare -U "$@"
    else
        "$@"
    fi
}

pg_fetch_binaries() {
    if [[ -x "$PG_HOME/bin/postgres" ]]; then
        return
    fi
    local artifact jar
    artifact="$(pg_binaries_artifact)"
    bench_log "fetching io.zonky.test.postgres:$artifact:$PG_BINARIES_VERSION"
    mkdir -p "$BENCH_WORK"
    # A project-less Maven call; the dependency plugin is pinned so the command means the same everywhere.
    (cd "$BENCH_WORK" && "$BENCH_ROOT/mvnw" -B -q \
        org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
        -Dartifact="io.zonky.test.postgres:$artifact:$PG_BINARIES_VERSION" -DoutputDirectory="$BENCH_WORK")
    jar="$BENCH_WORK/$artifact-$PG_BINARIES_VERSION.jar"
    [[ -f "$jar" ]] || bench_die "dependency:copy did not produce $jar"
    rm -rf "$PG_HOME.tmp" && mkdir -p "$PG_HOME.tmp"
    if command -v unzip >/dev/null 2>&1; then
        unzip -p "$jar" 'postgres-*.txz' | tar -xJ -C "$PG_HOME.tmp"
    else
        # Only a JDK: its jar tool reads the zip.
        (cd "$PG_HOME.tmp" && jar xf "$jar" && tar -xJf postgres-*.txz && rm -f postgres-*.txz && rm -rf META-INF)
    fi
    rm -rf "$PG_HOME" && mv "$PG_HOME.tmp" "$PG_HOME"
}

pg_init() {
    local data="$1"
    # A server left running by an interrupted earlier run would hold the old data directory.
    if [[ -f "$data/postmaster.pid" && -x "$PG_HOME/bin/pg_ctl" ]]; then
        pg_run "$PG_HOME/bin/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$data"
    pg_run "$PG_HOME/bin/initdb" -D "$data" -A trust -U postgres -E UTF8 --locale=C >"$BENCH_WORK/initdb.log" 2>&1 \
        || { cat "$BENCH_WORK/initdb.log" >&2; bench_die "initdb failed"; }
}

pg_create_database() {
    local data="$1" name="$2"
    # Single-user mode needs no running server and no client; name is a plain identifier here.
    echo "create database \"$name\";" | pg_run "$PG_HOME/bin/postgres" --single -D "$data" postgres >"$BENCH_WORK/single-user.log" 2>&1 \
        || { cat "$BENCH_WORK/single-user.log" >&2; bench_die "create database $name failed"; }
}

pg_free_port() {
    local p="${1:-55433}"
    while (bash -c "</dev/tcp/127.0.0.1/$p") >/dev/null 2>&1; do
        p=$((p + 1))
    done
    echo "$p"
}

pg_start() {
    local data="$1" port="$2" sockets="$BENCH_WORK"
    # A Unix socket path is limited to about 100 bytes; JDBC uses TCP anyway.
    if ((${#sockets} > 80)); then
        sockets=""
    fi
    bench_log "starting PostgreSQL on localhost:$port"
    pg_run "$PG_HOME/bin/pg_ctl" -D "$data" -l "$PG_LOG" \
        -o "-p $port -k '$sockets' -c listen_addresses=localhost" -w start >/dev/null \
        || { tail -n 20 "$PG_LOG" >&2; bench_die "PostgreSQL did not start"; }
    PG_STARTED_DATA="$data"
    PG_PORT="$port"
}

# Stops the server pg_start started, if any; safe to call twice (it is meant for a trap).
pg_stop() {
    if [[ -n "$PG_STARTED_DATA" ]]; then
        bench_log "stopping PostgreSQL"
        pg_run "$PG_HOME/bin/pg_ctl" -D "$PG_STARTED_DATA" -m fast -w stop >/dev/null 2>&1 || true
        PG_STARTED_DATA=""
        PG_PORT=""
    fi
}

pg_psql() {
    local p
    for p in "$(command -v psql 2>/dev/null || true)" /usr/lib/postgresql/*/bin/psql /usr/local/bin/psql /opt/homebrew/bin/psql; do
        if [[ -n "$p" && -x "$p" ]]; then
            echo "$p"
            return
        fi
    done
}

# pg_client TOOL: the path of a PostgreSQL client tool whose major version is the server's or newer,
# searched where the plugin searches: PATH, then /usr/lib/postgresql/*/bin and /usr/pgsql-*/bin
# (newest first), then Homebrew. The "bare tool" side of a comparison runs exactly this binary.
pg_client() {
    local tool="$1" want="${PG_BINARIES_VERSION%%.*}" candidate major
    local -a candidates=()
    candidate="$(command -v "$tool" 2>/dev/null || true)"
    [[ -n "$candidate" ]] && candidates+=("$candidate")
    while IFS= read -r candidate; do
        candidates+=("$candidate")
    done < <(ls -d /usr/lib/postgresql/*/bin/"$tool" /usr/pgsql-*/bin/"$tool" /opt/homebrew/opt/postgresql@*/bin/"$tool" \
        /usr/local/opt/postgresql@*/bin/"$tool" 2>/dev/null | sort -V -r)
    for candidate in "${candidates[@]}" /opt/homebrew/bin/"$tool" /usr/local/bin/"$tool"; do
        [[ -x "$candidate" ]] || continue
        major="$("$candidate" --version 2>/dev/null | sed -n 's/.*(PostgreSQL) \([0-9]*\).*/\1/p' | head -n 1)"
        if [[ -n "$major" ]] && ((major >= want)); then
            echo "$candidate"
            return
        fi
    done
    bench_die "no $tool of PostgreSQL $want or newer (looked in PATH, /usr/lib/postgresql/*/bin, /usr/pgsql-*/bin, Homebrew); install postgresql-client-$want"
}

# pg_sql DB SQL: runs SQL on the server pg_start started; prints rows unaligned, fields split by |.
pg_sql() {
    pg_client_psql "$1" -c "$2"
}

# pg_psql_session DB: the SQL and psql meta-commands on standard input, in one session, as pg_sql runs SQL; stops at
# the first error.
pg_psql_session() {
    pg_client_psql "$1" -f -
}

# pg_client_psql DB PSQL-ARGS...: psql on the started server, quiet, rows unaligned, stopping at the first error.
pg_client_psql() {
    local db="$1"
    shift
    [[ -n "$PG_PORT" ]] || bench_die "psql: no server started"
    PGAPPNAME=bench PGOPTIONS='-c client_min_messages=warning' "$(pg_client psql)" -X -q -A -t -v ON_ERROR_STOP=1 -h localhost -p "$PG_PORT" -U postgres -d "$db" "$@"
}

# pg_recreate_database N: an empty database N (plain identifier), whatever was there before.
pg_recreate_database() {
    local name="$1"
    pg_sql postgres "drop database if exists \"$name\" with (force)" >/dev/null
    pg_sql postgres "create database \"$name\"" >/dev/null
}

# pg_recreate_databases N...: empty databases N... (plain identifiers), whatever was there before. One psql session
# instead of two per database: for a hundred databases the clients' start-up would otherwise add seconds.
pg_recreate_databases() {
    local name
    for name in "$@"; do
        printf 'drop database if exists "%s" with (force);\ncreate database "%s";\n' "$name" "$name"
    done | pg_psql_session postgres >/dev/null
}

# pg_sql_each SQL DB...: SQL (one statement) run in each database DB (plain identifiers) in turn, in one psql session;
# prints the rows of all of them, in that order. Put current_database() in the select list to tell them apart.
pg_sql_each() {
    local sql="$1" name
    shift
    for name in "$@"; do
        printf '\\connect "%s"\n%s;\n' "$name" "${sql%;}"
    done | pg_psql_session postgres
}
