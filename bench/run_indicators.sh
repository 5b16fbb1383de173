#!/usr/bin/env bash
# Benchmark of `ecozone indicators` on the county-scale sets, against peers in the same run:
#   vector route  vs PostGIS (postgresql-15-postgis-3, GiST indexes, load timed apart)
#   raster route  vs a rasterio/numpy centre-sampling script (python3-rasterio)
# Scale 1: ~150,000 land-use polygons and a 10 m raster (~46 M pixels); the raster route is
# also run on a raster with 8× the pixels (3.54 m) to show that its memory stays flat.
# Not a test: run by hand, `bash bench/run_indicators.sh`; data goes to bench/out/.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/common.sh
source bench/pg_cluster.sh
bench_setup postgresql-15 postgresql-15-postgis-3 python3-rasterio python3-gdal time bc

s1=bench/out/scale1
s8=bench/out/scale1_raster8x
bench_dataset "$s1" --scale 1
bench_dataset "$s8" --scale 1 --raster-res 3.5355339

peak() { /usr/bin/time -f "%M" -o /tmp/ecozone-bench-rss "$@"; }
rss_mb() { echo "scale=1; $(cat /tmp/ecozone-bench-rss) / 1024" | bc; }

echo "== vector route, scale 1 ($(ogrinfo -so -q "$s1/landuse_dltb.shp" landuse_dltb | grep -o 'Feature Count: [0-9]*'))"
for mode in planar ellipsoidal; do
  peak "$build/bench/ecozone-bench" indicators-vector "$s1/hongsibu.toml" $mode | tee /tmp/ecozone-bench-v-$mode
  echo "   peak RSS (time -v): $(rss_mb) MB"
done

echo "== PostGIS peer (same land use, townships, red line; planar areas)"
pg_start
t0=$(now)
for layer in landuse_dltb townships redline; do
  ogr2ogr -f PostgreSQL "$PG_CONN" "$s1/$layer.shp" -nln $layer -lco GEOMETRY_NAME=geom -lco SPATIAL_INDEX=GIST \
    -nlt PROMOTE_TO_MULTI -oo ENCODING=GB18030 --config PG_USE_COPY YES >/dev/null
done
"${PSQL[@]}" -c "ANALYZE" >/dev/null
t1=$(now)
pg_json=$("${PSQL[@]}" -f bench/peer_vector_postgis.sql | tail -1)
t2=$(now)
pg_load=$(echo "$t1 - $t0" | bc); pg_query=$(echo "$t2 - $t1" | bc)
pg_stop
echo "   load ${pg_load} s, overlay query ${pg_query} s  $pg_json"

echo "== raster route, scale 1 (10 m) and 8x pixels (3.54 m)"
for d in "$s1" "$s8"; do
  peak "$build/bench/ecozone-bench" indicators-raster "$d/hongsibu.toml" | tee /tmp/ecozone-bench-r-$(basename $d)
  echo "   peak RSS (time -v): $(rss_mb) MB"
done
echo "== rasterio/numpy peer (centre sampling)"
for d in "$s1" "$s8"; do
  raster=$(ls "$d"/landuse_2020_*.tif)
  peak /usr/bin/python3 bench/peer_raster_rasterio.py "$raster" "$d/townships.shp" | tee /tmp/ecozone-bench-p-$(basename $d)
  echo "   peak RSS (time -v): $(rss_mb) MB"
done

echo "== ecozone indicators as users run it: every output written (JSON, CSV, XLSX, styled GPKG, HTML)"
rm -rf bench/out/indicators_cmd
t0=$(date +%s.%N)
"$build/cli/ecozone" indicators "$s1/hongsibu.toml" --out bench/out/indicators_cmd >/dev/null
t1=$(date +%s.%N)
ind_cmd=$(echo "$t1 - $t0" | bc)
echo "   ${ind_cmd} s end to end"

echo "== ratios (peer time / ecozone time)"
jget() { /usr/bin/python3 -c "import json,sys; print(json.load(open('$1'))['$2'])"; }
v=$(jget /tmp/ecozone-bench-v-planar overlay_s); vt=$(jget /tmp/ecozone-bench-v-planar total_s)
echo "   vector overlay: PostGIS ${pg_query} s / ecozone ${v} s = $(echo "scale=1; $pg_query / $v" | bc)x"
echo "   vector end to end: PostGIS load+query $(echo "$pg_load + $pg_query" | bc) s / ecozone ${vt} s = $(echo "scale=1; ($pg_load + $pg_query) / $vt" | bc)x"
echo "   PostGIS load+query $(echo "$pg_load + $pg_query" | bc) s / the indicators command with every output ${ind_cmd} s = $(echo "scale=2; ($pg_load + $pg_query) / $ind_cmd" | bc)x"
for d in scale1 scale1_raster8x; do
  r=$(jget /tmp/ecozone-bench-r-$d total_s); p=$(jget /tmp/ecozone-bench-p-$d seconds)
  echo "   raster $d: rasterio ${p} s / ecozone ${r} s = $(echo "scale=1; $p / $r" | bc)x"
done
