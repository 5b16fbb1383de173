#!/usr/bin/env bash
# Integration test: `ecozone info` reading a layer from a real PostGIS server.
#
# Usage: run_postgis_test.sh ECOZONE_EXECUTABLE SOURCE_DIR
#
# Starts a throw-away PostgreSQL 15 + PostGIS cluster in a temp dir, listening on
# 127.0.0.1 only (the Unix socket lives in the temp dir too), loads
# tests/postgis/redline_sample.geojson as table "redline" with ogr2ogr, runs
# `ecozone info "PG:..."` against it and checks the report. The server is stopped
# and the temp dir removed on every exit path (trap), and a detached watchdog does
# the same if this script is killed outright (e.g. by a CTest timeout).
set -euo pipefail

if [[ $# -ne 2 ]]; then
    echo "usage: $0 ECOZONE_EXECUTABLE SOURCE_DIR" >&2
    exit 2
fi
ECOZONE=$(readlink -f "$1")
SRC_DIR=$(readlink -f "$2")
SAMPLE="$SRC_DIR/tests/postgis/redline_sample.geojson"

PG_BIN=/usr/lib/postgresql/15/bin
POSTGIS_CONTROL=/usr/share/postgresql/15/extension/postgis.control
PY=/usr/bin/python3
DB=ecozone_test
LAYER=redline
CHINESE_FIELD="红线名称"
CHINESE_NAMES=("罗山生态保护红线" "贺兰山生态保护红线" "六盘山生态保护红线")

# ---- prerequisites ---------------------------------------------------------------
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
[[ -x "$ECOZONE" ]] || { echo "ecozone executable not found: $1" >&2; exit 1; }
[[ -f "$SAMPLE" ]] || { echo "sample layer not found: $SAMPLE" >&2; exit 1; }

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

# ---- temp cluster, cleanup -------------------------------------------------------
TMP=$(mktemp -d "${TMPDIR:-/tmp}/ecozone-postgis.XXXXXX")
DATA="$TMP/data"
STARTED=0
CHECKING=0
WATCHDOG=

cleanup() {
    local rc=$?
    set +e
    # Output may go to a closed pipe (`... | head`): a SIGPIPE must not cut the cleanup short.
    trap '' PIPE
    if [[ $rc -ne 0 && $CHECKING -eq 0 && -f "$TMP/server.log" ]]; then
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
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP
trap 'exit 141' PIPE

[[ $(id -u) -eq 0 ]] && chown postgres: "$TMP"
chmod 700 "$TMP"

# Watchdog in its own session: if this script dies without running its trap
# (SIGKILL on a CTest timeout), stop the server and remove the temp dir anyway.
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

port_free() {
    "$PY" - "$1" <<'EOF'
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(1)
finally:
    s.close()
EOF
}

PORT=
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
psql_q() { "$PG_BIN/psql" -X -A -t -q -v ON_ERROR_STOP=1 "$CONN dbname=$1" -c "$2"; }

psql_q postgres "CREATE DATABASE $DB ENCODING 'UTF8' TEMPLATE template0" >/dev/null
psql_q "$DB" "CREATE EXTENSION postgis" >/dev/null
ogr2ogr -f PostgreSQL "PG:$CONN dbname=$DB" "$SAMPLE" \
    -nln "$LAYER" -lco GEOMETRY_NAME=geom -a_srs EPSG:4544
LOADED=$(psql_q "$DB" "SELECT count(*) FROM $LAYER")
IN_FILE=$("$PY" -c 'import json,sys; print(len(json.load(open(sys.argv[1], encoding="utf-8"))["features"]))' "$SAMPLE")
echo "postgis server on 127.0.0.1:$PORT, loaded $LOADED of $IN_FILE features into $DB.$LAYER"

# ---- checks ----------------------------------------------------------------------
CHECKING=1  # from here on a failure is reported by its check, not by the server log
PASSED=0
FAILED=0
check() {  # check NAME EXPECTED ACTUAL
    if [[ "$2" == "$3" ]]; then
        PASSED=$((PASSED + 1)); echo "ok   $1"
    else
        FAILED=$((FAILED + 1)); echo "FAIL $1: expected '$2', got '$3'"
    fi
}

check "all sample features loaded" "$IN_FILE" "$LOADED"

# The Chinese values survive the load (UTF-8 end to end through the server).
ROUNDTRIP=$(psql_q "$DB" "SELECT string_agg(\"$CHINESE_FIELD\", ',' ORDER BY ogc_fid) FROM $LAYER")
check "Chinese names stored intact" "$(IFS=,; echo "${CHINESE_NAMES[*]}")" "$ROUNDTRIP"

PG_SOURCE="PG:$CONN dbname=$DB"
set +e
"$ECOZONE" info "$PG_SOURCE" --layer "$LAYER" --json >"$TMP/info.json" 2>"$TMP/info.err"
RC=$?
set -e
check "info --json exit code" 0 "$RC"
[[ $RC -eq 0 ]] || cat "$TMP/info.err"

# One line per fact; a missing key prints <missing> rather than raising.
mapfile -t FACTS < <("$PY" - "$TMP/info.json" <<'EOF' || true
import json, sys
try:
    j = json.load(open(sys.argv[1], encoding="utf-8"))
except Exception as e:
    j = {}
crs = j.get("crs") or {}
print(j.get("driver", "<missing>"))
print(j.get("features", "<missing>"))
print(crs.get("epsg", "<missing>"))
print(j.get("layer", "<missing>"))
print(",".join(f.get("name", "") for f in j.get("fields", [])))
EOF
)
FACTS+=("" "" "" "" "")
check "driver" "PostgreSQL" "${FACTS[0]}"
check "features" "$LOADED" "${FACTS[1]}"
check "crs.epsg" "4544" "${FACTS[2]}"
check "layer" "$LAYER" "${FACTS[3]}"
FIELD_OK=no
[[ ",${FACTS[4]}," == *",$CHINESE_FIELD,"* ]] && FIELD_OK=yes
check "Chinese field name '$CHINESE_FIELD' intact (fields: ${FACTS[4]})" yes "$FIELD_OK"

# Text report (default zh) also carries the Chinese field name.
set +e
TEXT=$("$ECOZONE" info "$PG_SOURCE" --layer "$LAYER" 2>&1)
RC=$?
set -e
check "info (text) exit code" 0 "$RC"
TEXT_OK=no
grep -qF "$CHINESE_FIELD" <<<"$TEXT" && TEXT_OK=yes
check "text report shows '$CHINESE_FIELD'" yes "$TEXT_OK"

# A missing table: exit 1 and a message naming the layer.
set +e
MISSING=$("$ECOZONE" info "$PG_SOURCE" --layer no_such_table 2>&1)
RC=$?
set -e
check "missing layer exit code" 1 "$RC"
NAMED=no
grep -qF "no_such_table" <<<"$MISSING" && NAMED=yes
check "missing layer message names it ($(head -n 1 <<<"$MISSING"))" yes "$NAMED"

echo "postgis integration: $PASSED passed, $FAILED failed"
[[ $FAILED -eq 0 ]]
