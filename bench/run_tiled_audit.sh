#!/usr/bin/env bash
# Benchmark of tiled audits (docs/audit.md, "Tiled audits"; issue 14): one generated county's two
# rasters at 2 m — the 10 m county set (bench/out/scale1) resampled by nearest neighbour, 25× its
# pixels, ~1.1 G pixels per date — audited untiled, then as 4×4 tile tasks (`--tiles 4x4 --tile K`,
# one process each, as a campaign's array would run them) merged with `--from-tiles`, and the same
# 4×4 in one process; and the whole raster as one tile task (`--tiles 1x1 --tile 0`: the pixel
# stage alone, untiled — the untiled peer of a tile task, whose register is built by the merge).  Prints wall time and peak RSS (/usr/bin/time) of every run, pixels/s per
# core, the ratios, and checks that the registers are identical.  Every run is single-threaded
# (--threads 1) so that seconds are core-seconds.  Not a test: `bash bench/run_tiled_audit.sh`
# (build first: flock /tmp/ecozone-build.lock cmake --build build -j2).  TILES=RxC to change the split.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${ECOZONE_BUILD_DIR:-build}
ez=$build/cli/ecozone
tiles=${TILES:-4x4}
src=bench/out/scale1 dst=bench/out/scale1_2m out=bench/out/tiled_audit
[[ -x $ez ]] || { echo "build ecozone first ($ez)"; exit 2; }
[[ -f $src/hongsibu.toml ]] || "$build/samplegen/ecozone-samplegen" --out "$src" --scale 1 >/dev/null
cp sample_shapefiles/rules.toml "$src/rules.toml"
if [[ ! -f $dst/landuse_2025_10m.tif ]]; then
  mkdir -p "$dst"
  for f in "$src"/*; do case $f in *.tif) ;; *) cp -l "$f" "$dst/" 2>/dev/null || cp "$f" "$dst/" ;; esac; done
  for date in 2020 2025; do   # the same file names: the project file stays as it is
    gdalwarp -q -tr 2 2 -r near -co TILED=YES -co BLOCKXSIZE=512 -co BLOCKYSIZE=512 -co COMPRESS=LZW \
      -co BIGTIFF=YES "$src/landuse_${date}_10m.tif" "$dst/landuse_${date}_10m.tif"
  done
fi
read -r W H < <(gdalinfo "$dst/landuse_2020_10m.tif" | awk '/Size is/{gsub(",","");print $3,$4}')
pixels=$((W * H))
echo "== $dst: ${W}x${H} = $pixels pixels per date at 2 m; tiles $tiles"
rm -rf "$out"; mkdir -p "$out"
# run NAME ARGS...: the command under /usr/bin/time; prints and records "seconds peak_kb"
run() {
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$out/$name.time" "$ez" audit "$dst/hongsibu.toml" --threads 1 --lang en "$@" >"$out/$name.log"
  read -r s kb <"$out/$name.time"
  printf '   %-22s %8.1f s  peak %7.0f MB\n' "$name" "$s" "$(echo "$kb / 1024" | bc -l)"
}
secs() { cut -d' ' -f1 "$out/$1.time"; }
mb() { echo "$(cut -d' ' -f2 "$out/$1.time") / 1024" | bc; }
run untiled --out "$out/untiled"
# The pixel stage alone over the whole raster (one tile of 1x1): what the tiles divide among them.
run whole_as_one_tile --tiles 1x1 --tile 0 --out "$out/whole_as_one_tile"
n=$(( ${tiles%x*} * ${tiles#*x} ))
from=()
for ((k = 0; k < n; ++k)); do
  run "tile$k" --tiles "$tiles" --tile "$k" --out "$out/tile$k"
  from+=("$out/tile$k")
done
run merge --tiles "$tiles" --from-tiles "${from[@]}" --out "$out/merged"
run in_process --tiles "$tiles" --out "$out/in_process"
same() { cmp -s <(ogrinfo -q -sql "select * from patches" "$out/untiled/patches.gpkg" | tail -n +2) \
                <(ogrinfo -q -sql "select * from patches" "$1/patches.gpkg" | tail -n +2) && echo identical || echo DIFFERENT; }
tile_s=0 tile_max_s=0 tile_max_mb=0
for ((k = 0; k < n; ++k)); do
  tile_s=$(echo "$tile_s + $(secs tile$k)" | bc -l)
  tile_max_s=$(echo "if ($(secs tile$k) > $tile_max_s) $(secs tile$k) else $tile_max_s" | bc -l)
  (( $(mb tile$k) > tile_max_mb )) && tile_max_mb=$(mb tile$k)
done
u=$(secs untiled) m=$(secs merge)
echo "== summary ($pixels pixels per date, $tiles tiles)"
printf '   untiled:            %.1f s, peak %d MB, %.1f M pixels/s per core\n' "$u" "$(mb untiled)" "$(echo "$pixels / $u / 1000000" | bc -l)"
printf '   tile tasks:         %.1f s in all (largest %.1f s), peak per task at most %d MB, %.1f M pixels/s per core\n' \
  "$tile_s" "$tile_max_s" "$tile_max_mb" "$(echo "$pixels / $tile_s / 1000000" | bc -l)"
printf '   whole raster as one tile task: %.1f s, peak %d MB (the pixel stage alone, untiled)\n' "$(secs whole_as_one_tile)" "$(mb whole_as_one_tile)"
printf '   merge:              %.1f s, peak %d MB\n' "$m" "$(mb merge)"
printf '   tasks + merge:      %.1f core-s = %.2fx the untiled run; on %d cores: %.1f s wall (largest tile + merge)\n' \
  "$(echo "$tile_s + $m" | bc -l)" "$(echo "($tile_s + $m) / $u" | bc -l)" "$n" "$(echo "$tile_max_s + $m" | bc -l)"
printf '   peak memory:        a tile task %d MB = %.2fx the untiled run'"'"'s %d MB\n' "$tile_max_mb" \
  "$(echo "$tile_max_mb / $(mb untiled)" | bc -l)" "$(mb untiled)"
printf '   in one process:     %.1f s, peak %d MB\n' "$(secs in_process)" "$(mb in_process)"
echo "   registers: merged $(same "$out/merged"), in-process $(same "$out/in_process")"
