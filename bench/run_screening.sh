#!/usr/bin/env bash
# Benchmark of `ecozone screen`: 1,000 generated sites over the county-scale set (scale 1:
# ~150,000 land-use polygons), against PostGIS computing the same overlaps (red line, reserve
# zones, river belts, land-use classes) and river distances on the same sites in the same run.
# Not a test: run by hand, `bash bench/run_screening.sh`; data goes to bench/out/.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/common.sh
source bench/pg_cluster.sh
bench_setup postgresql-15 postgresql-15-postgis-3 time bc
s1=bench/out/scale1
bench_dataset "$s1" --scale 1

echo "== ecozone: 1000 sites, every layer read (end to end) and the screening itself"
/usr/bin/time -f "%M" -o /tmp/ecozone-bench-rss "$build/bench/ecozone-bench" screen "$s1/hongsibu.toml" 1000 bench/out/sites_1000.gpkg | tee /tmp/ecozone-bench-screen
echo "   peak RSS (time -v): $(echo "scale=1; $(cat /tmp/ecozone-bench-rss) / 1024" | bc) MB"

echo "== ecozone screen as users run it: every output written (JSON, CSV, XLSX, styled GPKG, HTML pages)"
rm -rf bench/out/screen_cmd bench/out/screen_cmd_pdf
t0=$(now)
"$build/cli/ecozone" screen "$s1/hongsibu.toml" --sites bench/out/sites_1000.gpkg --industry pv_wind \
  --out bench/out/screen_cmd >/dev/null
t1=$(now)
cmd_s=$(echo "$t1 - $t0" | bc)
echo "   ${cmd_s} s end to end ($(du -sh bench/out/screen_cmd | cut -f1) of outputs)"
echo "== the same with --pdf (a PDF report per site and the summary PDF)"
t0=$(now)
"$build/cli/ecozone" screen "$s1/hongsibu.toml" --sites bench/out/sites_1000.gpkg --industry pv_wind \
  --out bench/out/screen_cmd_pdf --pdf >/dev/null
t1=$(now)
pdf_s=$(echo "$t1 - $t0" | bc)
echo "   ${pdf_s} s end to end; the PDFs add $(echo "scale=1; ($pdf_s - $cmd_s) * 1000 / 1000" | bc) ms per site"

echo "== PostGIS peer on the same sites"
pg_start
t0=$(now)
for layer in landuse_dltb redline luoshan_zones rivers; do
  ogr2ogr -f PostgreSQL "$PG_CONN" "$s1/$layer.shp" -nln $layer -lco GEOMETRY_NAME=geom -lco SPATIAL_INDEX=GIST \
    -nlt PROMOTE_TO_MULTI -oo ENCODING=GB18030 --config PG_USE_COPY YES >/dev/null 2>&1
done
ogr2ogr -f PostgreSQL "$PG_CONN" bench/out/sites_1000.gpkg sites -nln sites -lco GEOMETRY_NAME=geom -lco SPATIAL_INDEX=GIST >/dev/null
"${PSQL[@]}" -c "ANALYZE" >/dev/null
t1=$(now)
"${PSQL[@]}" -f bench/peer_screen_postgis.sql >/dev/null
t2=$(now)
pg_stop
load=$(echo "$t1 - $t0" | bc); query=$(echo "$t2 - $t1" | bc)
echo "   load ${load} s, overlays and distances ${query} s"
jget() { /usr/bin/python3 -c "import json; print(json.load(open('$1'))['$2'])"; }
sc=$(jget /tmp/ecozone-bench-screen screen_s); tot=$(jget /tmp/ecozone-bench-screen total_s)
echo "== ratios: screening PostGIS ${query} s / ecozone ${sc} s = $(echo "scale=1; $query / $sc" | bc)x;" \
     "end to end PostGIS $(echo "$load + $query" | bc) s / ecozone ${tot} s = $(echo "scale=1; ($load + $query) / $tot" | bc)x;" \
     "PostGIS load + query / the screen command with every output ${cmd_s} s = $(echo "scale=2; ($load + $query) / $cmd_s" | bc)x"
