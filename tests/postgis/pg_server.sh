# Sourced by the PostGIS tests: a throw-away PostgreSQL 15 + PostGIS cluster in a temp dir,
# listening on 127.0.0.1 only (its Unix socket in the temp dir too), stopped and removed on every
# exit path (trap), and by a detached watchdog should the test be killed outright (a CTest
# timeout's SIGKILL).
#
#   pg_server_start DBNAME   -> sets TMP, PORT, CONN ("host=127.0.0.1 port=... user=postgres"),
#                               creates DBNAME with the postgis extension
#   psql_q DB SQL            -> one query, unaligned tuples only, stopping on error
#   PG_CHECKING=1            -> from then on a failure is the test's, not the server's (no log dump)
PG_BIN=/usr/lib/postgresql/15/bin
POSTGIS_CONTROL=/usr/share/postgresql/15/extension/postgis.control
PY=/usr/bin/python3
PG_CHECKING=0

for b in initdb pg_ctl psql; do
    if [[ ! -x "$PG_BIN/$b" ]]; then
        echo "postgresql-15-postgis-3 is not installed ($PG_BIN/$b missing); run scripts/setup.sh" >&2
        exit 1
    fi
done
if [[ ! -f "$POSTGIS_CONTROL" ]]; then
    echo "postgresql-15-postgis-3 is not installed ($POSTGIS_CONTROL missing); run scripts/setup.sh" >&2
    exit 1
fi
if ! command -v ogr2ogr >/dev/null 2>&1; then
    echo "gdal-bin is not installed (ogr2ogr missing); run scripts/setup.sh" >&2
    exit 1
fi
[[ -x "$PY" ]] || { echo "$PY not found" >&2; exit 1; }

# PostgreSQL refuses to run as root: as root, run the server binaries as "postgres".
if [[ $(id -u) -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || { echo "user 'postgres' does not exist; run scripts/setup.sh" >&2; exit 1; }
    as_pg() { runuser -u postgres -- "$@"; }
else
    as_pg() { "$@"; }
fi

# Nothing from the caller's environment may redirect our connections elsewhere.
unset PGHOST PGHOSTADDR PGPORT PGUSER PGDATABASE PGSERVICE PGSERVICEFILE PGOPTIONS PGPASSWORD PGSSLMODE
export PGCLIENTENCODING=UTF8 LC_ALL=C.UTF-8

TMP=$(mktemp -d "${TMPDIR:-/tmp}/ecozone-postgis.XXXXXX")
DATA="$TMP/data"
STARTED=0
WATCHDOG=

pg_cleanup() {
    local rc=$?
    set +e
    # Output may go to a closed pipe (`... | head`): a SIGPIPE must not cut the cleanup short.
    trap '' PIPE
    if [[ $rc -ne 0 && $PG_CHECKING -eq 0 && -f "$TMP/server.log" ]]; then
        echo "---- last lines of the PostgreSQL server log ----" >&2
        tail -n 20 "$TMP/server.log" >&2
    fi
    if [[ $STARTED -eq 1 || -f "$DATA/postmaster.pid" ]]; then
        (cd "$TMP" && as_pg "$PG_BIN/pg_ctl" -D "$DATA" -m fast -t 30 -w stop >/dev/null 2>&1) ||
            (cd "$TMP" && as_pg "$PG_BIN/pg_ctl" -D "$DATA" -m immediate -w stop >/dev/null 2>&1)
    fi
    rm -rf "$TMP"
    # Only now: had anything above been interrupted, the watchdog would still clean up.
    [[ -n "$WATCHDOG" ]] && kill "$WATCHDOG" 2>/dev/null
    exit "$rc"
}
trap pg_cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP
trap 'exit 141' PIPE

port_free() {
    "$PY" - "$1" <<'PYEOF'
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(1)
finally:
    s.close()
PYEOF
}

psql_q() { "$PG_BIN/psql" -X -A -t -q -v ON_ERROR_STOP=1 "$CONN dbname=$1" -c "$2"; }

pg_server_start() {
    local db=$1
    [[ $(id -u) -eq 0 ]] && chown postgres: "$TMP"
    chmod 700 "$TMP"
    # Watchdog in its own session: if this script dies without running its trap, stop the server
    # and remove the temp dir anyway.
    setsid bash -c '
        while kill -0 "$1" 2>/dev/null; do sleep 1; done
        if [[ -f "$3/data/postmaster.pid" ]]; then
            cd "$3" && if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$2/pg_ctl" -D "$3/data" -m immediate stop
                        else "$2/pg_ctl" -D "$3/data" -m immediate stop; fi
        fi
        rm -rf "$3"' _ $$ "$PG_BIN" "$TMP" </dev/null >/dev/null 2>&1 &
    WATCHDOG=$!
    # Server binaries run from $TMP: "postgres" may not be able to enter the caller's cwd.
    (cd "$TMP" && as_pg "$PG_BIN/initdb" -D "$DATA" -U postgres -E UTF8 --locale=C \
        --auth-local=trust --auth-host=trust --no-sync --no-instructions >"$TMP/initdb.log" 2>&1) || {
        echo "initdb failed:" >&2; cat "$TMP/initdb.log" >&2; exit 1; }
    PORT=
    local p
    for p in $(seq 54320 54399); do
        port_free "$p" || continue
        rm -f "$TMP/server.log"
        if (cd "$TMP" && as_pg "$PG_BIN/pg_ctl" -D "$DATA" -l "$TMP/server.log" -w -t 30 \
                -o "-p $p -k '$TMP' -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null 2>&1); then
            PORT=$p
            STARTED=1
            break
        fi
        # Lost a race for the port: try the next one; anything else is fatal.
        if ! grep -q "could not bind\|Address already in use" "$TMP/server.log" 2>/dev/null; then
            echo "pg_ctl start failed" >&2
            exit 1
        fi
    done
    [[ -n "$PORT" ]] || { echo "no free loopback port in 54320..54399" >&2; exit 1; }
    CONN="host=127.0.0.1 port=$PORT user=postgres"
    psql_q postgres "CREATE DATABASE $db ENCODING 'UTF8' TEMPLATE template0" >/dev/null
    psql_q "$db" "CREATE EXTENSION postgis" >/dev/null
}
