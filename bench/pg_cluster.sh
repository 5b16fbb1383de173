# Sourced by the benchmark scripts: a throw-away PostgreSQL/PostGIS cluster on a loopback port.
#   pg_start  -> sets PG_DIR, PG_PORT, PG_CONN ("PG:..." for GDAL) and PSQL (a psql command)
#   pg_stop   -> stops the server and removes its directory (also run on exit)
PG_BIN=/usr/lib/postgresql/15/bin

pg_start() {
  PG_DIR=$(mktemp -d /tmp/ecozone-bench-pg.XXXXXX)
  chown postgres "$PG_DIR"
  local run=(runuser -u postgres --)
  [[ $(id -u) -ne 0 ]] && run=()
  "${run[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -A trust >/dev/null
  PG_PORT=""
  for p in $(seq 55432 55499); do
    if ! (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null; then PG_PORT=$p; break; fi
  done
  [[ -n "$PG_PORT" ]] || { echo "no free loopback port" >&2; return 1; }
  "${run[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c shared_buffers=512MB -c work_mem=256MB -c max_parallel_workers_per_gather=2 -c fsync=off" start >/dev/null
  PSQL=(psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d bench -v ON_ERROR_STOP=1 -qAt)
  psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -qAt -c "CREATE DATABASE bench" >/dev/null
  "${PSQL[@]}" -c "CREATE EXTENSION postgis" >/dev/null
  PG_CONN="PG:host=127.0.0.1 port=$PG_PORT user=postgres dbname=bench"
  trap pg_stop EXIT
}

pg_stop() {
  [[ -n "${PG_DIR:-}" && -d "$PG_DIR" ]] || return 0
  local run=(runuser -u postgres --)
  [[ $(id -u) -ne 0 ]] && run=()
  "${run[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
  PG_DIR=""
}

# Seconds since the epoch with nanoseconds, for timing a command.
now() { date +%s.%N; }
