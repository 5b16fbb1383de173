#!/usr/bin/env bash
# Benchmark of `ecozone audit` on the county-scale set (two 10 m rasters of ~46 M pixels over the
# district, ~400 injected patches, speckle), and on rasters with 8× the pixels (memory must stay
# flat), against the GDAL Python pipeline (python3-gdal: numpy change mask + gdal.Polygonize + OGR
# zone attribution) on the same inputs in the same run.  Not a test: `bash bench/run_audit.sh`.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/common.sh
bench_setup python3-gdal python3-numpy time bc
for d in bench/out/scale1 bench/out/scale1_raster8x; do
  case $d in *8x) extra=(--scale 1 --raster-res 3.5355339) ;; *) extra=(--scale 1) ;; esac
  bench_dataset "$d" "${extra[@]}"
  echo "== $d"
  for mode in plain filtered; do
    /usr/bin/time -f "%M" -o /tmp/ecozone-bench-rss "$build/bench/ecozone-bench" audit "$d/hongsibu.toml" $mode | tee /tmp/ecozone-bench-a-$mode
    echo "   peak RSS (time -v): $(echo "scale=1; $(cat /tmp/ecozone-bench-rss) / 1024" | bc) MB"
  done
  # The command as users run it: every output written (patches.csv/.xlsx/.gpkg styled,
  # rejected.gpkg, audit.json, audit.html with before/after images).
  rm -rf bench/out/audit_cmd
  t0=$(date +%s.%N)
  "$build/cli/ecozone" audit "$d/hongsibu.toml" --out bench/out/audit_cmd >/dev/null
  t1=$(date +%s.%N)
  cmd=$(echo "$t1 - $t0" | bc)
  echo "   ecozone audit command, every output written: ${cmd} s"
  /usr/bin/time -f "%M" -o /tmp/ecozone-bench-rss /usr/bin/python3 bench/peer_audit_gdal.py "$d" | tee /tmp/ecozone-bench-a-peer
  echo "   peak RSS (time -v): $(echo "scale=1; $(cat /tmp/ecozone-bench-rss) / 1024" | bc) MB"
  jget() { /usr/bin/python3 -c "import json; print(json.load(open('$1'))['$2'])"; }
  e=$(jget /tmp/ecozone-bench-a-plain total_s); g=$(jget /tmp/ecozone-bench-a-peer seconds)
  echo "   ratio (unfiltered, same table and MMU): GDAL Python ${g} s / ecozone ${e} s = $(echo "scale=1; $g / $e" | bc)x;" \
       "patches: ecozone $(jget /tmp/ecozone-bench-a-plain patches), GDAL $(jget /tmp/ecozone-bench-a-peer patches);" \
       "GDAL Python ${g} s / the audit command with every output ${cmd} s = $(echo "scale=2; $g / $cmd" | bc)x"
done
