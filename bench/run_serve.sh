#!/usr/bin/env bash
# Benchmark of `ecozone serve` with the county-scale set loaded (~150,000 land-use polygons): one
# drawn site per request, one client in a row (p50/p95 round trip and the server's own time from
# its log), then 20 clients x 200 requests at once on loopback (errors, p99), and the server's
# memory before and after (it must stay flat).  The peer: PostGIS asked the same questions of each
# site (red-line, reserve-zone, river-belt and land-use overlaps, nearest river) over its own
# connection, no HTTP, single and 20 connections.  Not a test: `bash bench/run_serve.sh`.
# Then the page in chromium (bench/serve_on_screen.js): 50 pasted sites, click to answer drawn.
# Targets (issue 13): server-side p95 <= 30 ms, on screen p95 <= 200 ms, 20 x 200 with no error and
# p99 <= 150 ms.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/common.sh
source bench/pg_cluster.sh
bench_setup postgresql-15 postgresql-15-postgis-3 python3-psycopg2 bc
s1=bench/out/scale1
bench_dataset "$s1" --scale 1
sites=bench/out/sites_1000.gpkg
[[ -f $sites ]] || "$build/bench/ecozone-bench" screen "$s1/hongsibu.toml" 1000 "$sites" >/dev/null
work=$(mktemp -d /tmp/ecozone-bench-serve.XXXXXX)
trap 'kill "${server_pid:-}" 2>/dev/null || true; pg_stop; rm -rf "$work"' EXIT
# The sites as a browser sends them (lon/lat) and as PostGIS takes them (the working CRS).
ogr2ogr -f GeoJSON -t_srs EPSG:4490 -lco COORDINATE_PRECISION=8 "$work/sites.geojson" "$sites" >/dev/null
ogr2ogr -f CSV -lco GEOMETRY=AS_WKT "$work/sites.csv" "$sites" >/dev/null
srid=$(ogrinfo -ro -so "$sites" sites 2>/dev/null | sed -n 's/.*ID\["EPSG",\([0-9]*\)\]\]$/\1/p' | tail -1)
/usr/bin/python3 - "$work/sites.csv" "$srid" >"$work/sites.wkt" <<'EOF'
import csv, sys
for row in csv.DictReader(open(sys.argv[1], encoding="utf-8")):
    print(f"{sys.argv[2]};{row['WKT']}")
EOF

echo "== ecozone serve: loading the county set"
t0=$(date +%s.%N)
"$build/cli/ecozone" serve "$s1/hongsibu.toml" --listen 127.0.0.1:0 --json 2>"$work/serve.log" &
server_pid=$!
port=""
for _ in $(seq 1 600); do
  port=$(sed -n 's/.*"port":\([0-9]*\).*/\1/p' "$work/serve.log" | head -1)
  [[ -n $port ]] && break
  sleep 0.1
done
[[ -n $port ]] || { echo "the server did not start:" >&2; cat "$work/serve.log" >&2; exit 1; }
echo "   ready in $(echo "$(date +%s.%N) - $t0" | bc) s on port $port"
rss() { awk '/VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$server_pid/status"; }
rss_loaded=$(rss)
/usr/bin/python3 bench/serve_load.py --sites "$work/sites.geojson" --port "$port" --log "$work/serve.log" \
  --json-out "$work/ecozone.json"
echo "   server RSS: ${rss_loaded} MB loaded, $(rss) MB after $(grep -c 'POST /api/screen' "$work/serve.log") requests"
echo "== the page in chromium: a pasted site's answer on screen"
node bench/serve_on_screen.js "http://127.0.0.1:$port/" "$work/sites.geojson" 50
kill "$server_pid"
wait "$server_pid" 2>/dev/null || true

echo "== PostGIS peer: the same questions per site, over its own connection"
pg_start
t0=$(date +%s.%N)
for layer in landuse_dltb redline luoshan_zones rivers; do
  ogr2ogr -f PostgreSQL "$PG_CONN" "$s1/$layer.shp" -nln $layer -lco GEOMETRY_NAME=geom -lco SPATIAL_INDEX=GIST \
    -nlt PROMOTE_TO_MULTI -oo ENCODING=GB18030 --config PG_USE_COPY YES >/dev/null 2>&1
done
"${PSQL[@]}" >/dev/null <<'EOF'
CREATE TABLE red AS SELECT ST_Subdivide(ST_Union(geom), 256) AS geom FROM redline;
CREATE INDEX ON red USING gist (geom);
CREATE TABLE zones AS SELECT gnfq, ST_Subdivide(geom, 256) AS geom FROM luoshan_zones;
CREATE INDEX ON zones USING gist (geom);
CREATE TABLE belts AS
  SELECT hlmc, ST_Subdivide(ST_Buffer(geom, CASE hlmc WHEN '红柳沟' THEN 50 ELSE 100 END), 256) AS geom FROM rivers;
CREATE INDEX ON belts USING gist (geom);
ANALYZE;
EOF
echo "   loaded and indexed in $(echo "$(date +%s.%N) - $t0" | bc) s"
/usr/bin/python3 bench/serve_load.py --sites "$work/sites.geojson" --sites-wkt "$work/sites.wkt" \
  --dsn "host=127.0.0.1 port=$PG_PORT user=postgres dbname=bench" --json-out "$work/pg.json"
/usr/bin/python3 - "$work/ecozone.json" "$work/pg.json" <<'EOF'
import json, sys
e, p = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
print(f"== ratios: single p95 PostGIS {p['pg_single']['p95']:.1f} ms / ecozone round trip {e['single']['p95']:.1f} ms "
      f"= {p['pg_single']['p95'] / e['single']['p95']:.1f}x; 20 clients p99 PostGIS {p['pg_concurrent']['p99']:.1f} ms / "
      f"ecozone {e['concurrent']['p99']:.1f} ms = {p['pg_concurrent']['p99'] / e['concurrent']['p99']:.1f}x")
ok = e["single"]["server_p95"] <= 30 and e["concurrent"]["errors"] == 0 and e["concurrent"]["p99"] <= 150
print("== targets (server-side p95 <= 30 ms; 20 x 200 no error, p99 <= 150 ms):", "met" if ok else "NOT met")
EOF
