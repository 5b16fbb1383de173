#!/usr/bin/env bash
# A tiled audit on a real Slurm (docs/audit.md "Tiled audits", docs/campaign.md): the sample county
# with a square of new solar land painted where the 2x2 seams cross, as
# a campaign with tiles = "2x2" — four tile tasks in one array, the join in a second array that waits
# for it, the merge after both — submitted with the plan's submit.sh to a single-node cluster
# (scripts/slurm_local.sh); its register must equal a single `ecozone audit` field by field, and
# patches must span both seams.  usage: slurm_tiled_audit.sh ECOZONE SOURCE_DIR     (about 20 s)
set -euo pipefail
ecozone=$1 src=$2
command -v slurmctld >/dev/null || { echo "slurm is not installed: run bash scripts/setup.sh --tests" >&2; exit 1; }
tmp=$(mktemp -d /tmp/eztiles.XXXXXX)
cleanup() {
  "$src/scripts/slurm_local.sh" stop "$tmp/cluster" >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT

# The sample, painted: a 31-pixel square of grassland (5) on both dates holding a 25-pixel square of
# solar (11) on the later date, centred where the seams of 2x2 tiles cross (2486 x 2046 pixels of
# 30 m from 565020, 4166970), inside the reserve so that the register lists it.
cp -r "$src/sample_shapefiles" "$tmp/county"
square() {  # square FILE VALUE COL ROW HALF_PIXELS
  local x=$((565020 + $3 * 30)) y=$((4166970 - $4 * 30)) h=$(($5 * 30))
  printf '{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:4544"}},"features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[%d,%d],[%d,%d],[%d,%d],[%d,%d],[%d,%d]]]}}]}' \
    $((x - h)) $((y - h)) $((x + h)) $((y - h)) $((x + h)) $((y + h)) $((x - h)) $((y + h)) $((x - h)) $((y - h)) >"$tmp/sq.geojson"
  gdal_rasterize -q -burn "$2" "$tmp/sq.geojson" "$1"
}
for c in "1243 1023"; do
  set -- $c
  square "$tmp/county/landuse_2020_30m.tif" 5 "$1" "$2" 15
  square "$tmp/county/landuse_2025_30m.tif" 5 "$1" "$2" 15
  square "$tmp/county/landuse_2025_30m.tif" 11 "$1" "$2" 12
done
cat >"$tmp/campaign.toml" <<TOML
name = "tiled audit"
jobs = ["audit"]
lang = "en"
tiles = "2x2"
[[county]]
project = "$tmp/county/hongsibu.toml"
TOML
"$ecozone" audit "$tmp/county/hongsibu.toml" --scope protected --lang en --out "$tmp/single" >/dev/null

eval "$("$src/scripts/slurm_local.sh" start "$tmp/cluster")"
"$ecozone" campaign plan "$tmp/campaign.toml" --out "$tmp/slurm" >/dev/null
ids=$(sh "$tmp/slurm/submit.sh")
array=$(sed -n 's/^array_job=//p' <<<"$ids") join=$(sed -n 's/^join_job=//p' <<<"$ids")
merge=$(sed -n 's/^merge_job=//p' <<<"$ids")
[[ -n "$array" && -n "$join" && -n "$merge" ]] || { echo "submit.sh printed no job ids: $ids" >&2; exit 1; }
echo "submitted tiles $array, join $join, merge $merge"
terminal='^(COMPLETED|FAILED|CANCELLED|TIMEOUT|OUT_OF_MEMORY|NODE_FAIL|PREEMPTED|BOOT_FAIL|DEADLINE)$'
for i in $(seq 1 600); do  # 120 s at most
  states=$(squeue -h -t all -j "$array,$join,$merge" -o %T 2>/dev/null || true)
  [[ -n "$states" ]] && ! grep -qvE "$terminal" <<<"$states" && break
  sleep 0.2
done
merge_state=$(squeue -h -t all -j "$merge" -o %T)
if [[ "$merge_state" != COMPLETED ]]; then
  echo "merge job $merge: $merge_state" >&2
  "$ecozone" campaign status "$tmp/slurm" --lang en >&2 || true
  tail -n 5 "$tmp"/slurm/logs/*.log >&2 || true
  exit 1
fi
# Field by field: every attribute and the geometry (WKT), the single run's against the merged register's.
dump() { ogrinfo -q -sql "select * from patches" "$1" | tail -n +2; }
cmp <(dump "$tmp/single/patches.gpkg") <(dump "$tmp/slurm/merged/patches.gpkg") ||
  { echo "the tiled register differs from the single run's" >&2; exit 1; }
# Patches across the vertical seam (x = 602310), the horizontal one (y = 4136280), and both.
ogrinfo -q -dialect sqlite -sql "select sum(ST_MinX(geom) < 602310 and ST_MaxX(geom) > 602310) as v,
  sum(ST_MinY(geom) < 4136280 and ST_MaxY(geom) > 4136280) as h,
  sum(ST_MinX(geom) < 602310 and ST_MaxX(geom) > 602310 and ST_MinY(geom) < 4136280 and ST_MaxY(geom) > 4136280) as b
  from patches" "$tmp/slurm/merged/patches.gpkg" >"$tmp/cross.txt"
for k in v h b; do
  grep -qE "^  $k \(Integer\) = [1-9]" "$tmp/cross.txt" || { echo "no patch across seam $k:" >&2; cat "$tmp/cross.txt" >&2; exit 1; }
done
echo "tiled register equal to the single run's: $(dump "$tmp/single/patches.gpkg" | grep -c '^OGRFeature') patches; across seams: $(grep -oE '[vhb] \(Integer\) = [0-9]+' "$tmp/cross.txt" | tr '\n' ' ')"
