#!/usr/bin/env bash
# Benchmark of a province campaign (issue 14): 22 generated counties — about Ningxia's count and
# size: ~150,000 land-use polygons and two 10 m rasters of ~46 M pixels each per county, ~3.3 M
# polygons and ~1 G pixels per date in all — run as `ecozone campaign` (indicators, screen, audit)
#   1. on a single-node Slurm started here (scripts/slurm_local.sh): total time from submit to the
#      merged province, each task's peak memory (status records), the merge's own time;
#   2. the same plan with `--local 2`: the overhead of Slurm itself;
# then prints the throughput per core (polygons/s for indicators, pixels/s for the audit) and what
# a national run would take.  Not a test: `bash bench/run_province.sh` (ECOZONE_PROVINCE_COUNTIES=N
# for fewer counties).  Generating the counties takes a few minutes the first time (bench/out/province).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/common.sh
bench_setup slurmctld slurmd slurm-client munge bc python3
n=${ECOZONE_PROVINCE_COUNTIES:-22}
root=bench/out/province
mkdir -p "$root"
now() { date +%s.%N; }

echo "== $n counties (generated once into $root)"
t0=$(now)
for i in $(seq 1 "$n"); do
  d=$root/c$(printf %02d "$i")
  code=6499$(printf %02d "$i")
  if [[ ! -f $d/hongsibu.toml ]]; then
    "$build/samplegen/ecozone-samplegen" --out "$d" --scale 1 --seed $((4200 + i)) >/dev/null
    cp sample_shapefiles/rules.toml "$d/rules.toml"
    # The generator writes Hongsibu's name and codes: each county its own, as a province's are.
    sed -i -e "s/^name = \".*\"/name = \"县$(printf %02d "$i")\"/" -e "s/^admin_code = \"640303\"/admin_code = \"$code\"/" \
      -e "s/^id_prefix = \"640303\"/id_prefix = \"$code\"/" "$d/hongsibu.toml"
    rm -f "$d/landuse_dltb.gpkg"  # the same polygons again, unused by the project
  fi
done
echo "   ready in $(echo "$(now) - $t0" | bc) s"
{
  echo 'name = "基准省"'
  echo 'jobs = ["indicators", "screen", "audit"]'
  for i in $(seq 1 "$n"); do printf '[[county]]\nproject = "c%02d/hongsibu.toml"\n' "$i"; done
} > "$root/campaign.toml"
polygons=0 pixels=0
for i in $(seq 1 "$n"); do
  d=$root/c$(printf %02d "$i")
  polygons=$((polygons + $(ogrinfo -ro -so "$d/landuse_dltb.shp" landuse_dltb 2>/dev/null | sed -n 's/^Feature Count: //p')))
  size=$(gdalinfo "$d/landuse_2020_10m.tif" 2>/dev/null | sed -n 's/^Size is \([0-9]*\), \([0-9]*\)/\1 \2/p')
  pixels=$((pixels + ${size% *} * ${size#* }))
done
echo "   $polygons land-use polygons, $pixels pixels per date"

work=$(mktemp -d /tmp/ecozone-bench-province.XXXXXX)
slurm=$work/slurm
trap 'bash scripts/slurm_local.sh stop "$slurm" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

# Each task's figures from its status record: job, seconds, peak memory.
report() {  # report DIR LABEL
  /usr/bin/python3 - "$1" "$2" "$polygons" "$pixels" <<'PY'
import glob, json, sys
d, label, polygons, pixels = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
tasks = json.load(open(f"{d}/tasks.json"))["tasks"]
recs = {}
for f in glob.glob(f"{d}/status/*.json"):
    r = json.load(open(f)); recs[int(f.split("/")[-1].split(".")[0])] = r
by = {}
for t in tasks:
    r = recs.get(t["index"])
    if not r or r.get("state") != "done":
        print(f"   {label}: task {t['index']} not done"); continue
    j = by.setdefault(t["job"], {"s": 0.0, "n": 0, "rss": 0.0})
    j["s"] += r["seconds"]; j["n"] += 1; j["rss"] = max(j["rss"], r.get("peak_rss_mb", 0))
for job, j in sorted(by.items()):
    print(f"   {label} {job}: {j['n']} tasks, {j['s']:.1f} task-seconds (mean {j['s']/j['n']:.2f} s), peak memory of a task {j['rss']:.0f} MB")
if "indicators" in by:
    print(f"   indicators throughput: {polygons / by['indicators']['s']:,.0f} polygons/s per core (each task on 1 core)")
if "audit" in by:
    print(f"   audit throughput: {2 * pixels / by['audit']['s']:,.0f} pixels/s per core (both dates)")
    # The nation at 2 m: ~9.6 M km² → 2.4 T pixels per date; reserves and their surroundings are a
    # fraction of it, but the sizing is for the whole territory, both dates.
    nation = 2 * 9.6e6 * 1e6 / 4
    core_h = nation / (2 * pixels / by["audit"]["s"]) / 3600
    print(f"   the nation at 2 m (2.4 T pixels per date): {core_h:,.0f} core-hours of audit "
          f"({core_h / 1000:,.1f} h on 1,000 cores)")
PY
}

echo "== the campaign on a single-node Slurm (scripts/slurm_local.sh)"
eval "$(bash scripts/slurm_local.sh start "$slurm")"
"$build/cli/ecozone" campaign plan "$root/campaign.toml" --out "$work/slurm-run" >/dev/null
t0=$(now)
ids=$(sh "$work/slurm-run/submit.sh") || { echo "   submission failed: $ids"; exit 1; }
merge_job=$(echo "$ids" | sed -n 's/.*merge_job=\([0-9]*\).*/\1/p')
while true; do
  state=$(squeue -h -t all -j "$merge_job" -o %T 2>/dev/null || true)
  case $state in COMPLETED|FAILED|CANCELLED|TIMEOUT|OUT_OF_MEMORY|NODE_FAIL) break ;; esac
  sleep 0.5
done
slurm_s=$(echo "$(now) - $t0" | bc)
echo "   submit to merged province: ${slurm_s} s (merge job $state)"
report "$work/slurm-run" slurm
t0=$(now)
"$build/cli/ecozone" campaign merge "$work/slurm-run" >/dev/null
echo "   the merge alone: $(echo "$(now) - $t0" | bc) s"
bash scripts/slurm_local.sh stop "$slurm" >/dev/null

echo "== the same campaign with --local 2 (no scheduler)"
t0=$(now)
"$build/cli/ecozone" campaign run "$root/campaign.toml" --out "$work/local-run" --local 2 >/dev/null 2>"$work/local.log" ||
  { echo "   the local run failed:"; tail -5 "$work/local.log"; exit 1; }
local_s=$(echo "$(now) - $t0" | bc)
echo "   plan, tasks and merge: ${local_s} s"
report "$work/local-run" local
echo "== Slurm's own overhead: $(echo "$slurm_s - $local_s" | bc) s over $((3 * n)) tasks"
cmp <(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); d.pop('provenance',None); print(json.dumps(d.get('province'),sort_keys=True))" "$work/slurm-run/merged/province_indicators.json") \
    <(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); d.pop('provenance',None); print(json.dumps(d.get('province'),sort_keys=True))" "$work/local-run/merged/province_indicators.json") \
  && echo "   the two merged provinces are equal" || echo "   the two merged provinces DIFFER"
