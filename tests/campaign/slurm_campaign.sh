#!/usr/bin/env bash
# The campaign on a real Slurm (docs/campaign.md §tests): three generated counties planned with
# `ecozone campaign plan`, submitted with the plan's own submit.sh to a single-node cluster started
# by scripts/slurm_local.sh, waited for by polling squeue (no sacct there), and the merged province
# compared with the same campaign run with --local 2 — after a first submission with one county's
# raster missing (its tasks fail, the merge is cancelled, status names them) and, once fixed,
# `campaign resubmit` of those tasks alone.  The cluster is stopped whatever happens.
# usage: slurm_campaign.sh ECOZONE SAMPLEGEN SOURCE_DIR          (about 35 s)
set -euo pipefail
ecozone=$1 samplegen=$2 src=$3
command -v slurmctld >/dev/null || { echo "slurm is not installed: run bash scripts/setup.sh --tests" >&2; exit 1; }
# short: slurmd puts a socket per job step under the cluster's folder (70 characters at most)
tmp=$(mktemp -d /tmp/ezslurm.XXXXXX)
cleanup() {
  "$src/scripts/slurm_local.sh" stop "$tmp/cluster" >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT

bash "$src/tests/campaign/make_counties.sh" "$samplegen" "$tmp/data"
"$ecozone" campaign run "$tmp/data/campaign.toml" --out "$tmp/local" --local 2 >/dev/null 2>"$tmp/local.err" ||
  { cat "$tmp/local.err" >&2; exit 1; }

eval "$("$src/scripts/slurm_local.sh" start "$tmp/cluster")"
"$ecozone" campaign plan "$tmp/data/campaign.toml" --out "$tmp/slurm" >/dev/null

terminal='^(COMPLETED|FAILED|CANCELLED|TIMEOUT|OUT_OF_MEMORY|NODE_FAIL|PREEMPTED|BOOT_FAIL|DEADLINE)$'
# submit COMMAND...: runs it, takes the array and merge job ids it prints, waits until both have
# ended (polling squeue: no sacct on this cluster) and sets $array, $merge and $merge_state.
submit() {
  local ids states
  ids=$("$@")
  array=$(sed -n 's/^array_job=//p' <<<"$ids")
  merge=$(sed -n 's/^merge_job=//p' <<<"$ids")
  [[ -n "$array" && -n "$merge" ]] || { echo "no job ids printed by $*: $ids" >&2; exit 1; }
  echo "submitted array $array, merge $merge"
  for _ in $(seq 1 600); do  # 120 s at most
    states=$(squeue -h -t all -j "$array,$merge" -o %T 2>/dev/null || true)
    [[ -n "$states" ]] && ! grep -qvE "$terminal" <<<"$states" && break
    sleep 0.2
  done
  merge_state=$(squeue -h -t all -j "$merge" -o %T)
}

# First with county 乙县's district outline missing (all three commands read it): its three tasks
# (3–5) fail, the merge is cancelled (never a province without a county), status names them.
mv "$tmp/data/b/district.shp" "$tmp/data/b/away.shp"
submit sh "$tmp/slurm/submit.sh"
[[ "$merge_state" == CANCELLED ]] || { echo "merge job $merge: $merge_state, expected CANCELLED" >&2; exit 1; }
if "$ecozone" campaign status "$tmp/slurm" --lang en >"$tmp/status.txt"; then
  echo "status said every task is done with a county broken" >&2; exit 1
fi
grep -q -- "--array=3-5" "$tmp/status.txt" || { echo "status did not offer to resubmit tasks 3-5:" >&2; cat "$tmp/status.txt" >&2; exit 1; }
[[ ! -e "$tmp/slurm/merged" ]] || { echo "a merged province exists although a county failed" >&2; exit 1; }

# The fix, then only the failed tasks and a new merge.
mv "$tmp/data/b/away.shp" "$tmp/data/b/district.shp"
done_before=$(stat -c %Y "$tmp"/slurm/status/0.json)
submit "$ecozone" campaign resubmit "$tmp/slurm" --lang en
grep -q -- "--array=3-5" "$tmp/slurm/resubmit.sh" || { echo "resubmit.sh does not hold tasks 3-5 alone" >&2; exit 1; }
[[ "$(stat -c %Y "$tmp"/slurm/status/0.json)" == "$done_before" ]] || { echo "a done task ran again" >&2; exit 1; }
if [[ "$merge_state" != COMPLETED ]]; then
  echo "merge job $merge: $merge_state; array tasks: $(squeue -h -t all -j "$array" -o '%K=%T' | tr '\n' ' ')" >&2
  "$ecozone" campaign status "$tmp/slurm" --lang en >&2 || true
  tail -n 5 "$tmp"/slurm/logs/*.log >&2 || true
  exit 1
fi
"$ecozone" campaign status "$tmp/slurm" --lang en >/dev/null

# The province and its counties' figures, the Slurm run's against the local run's.
python3 - "$tmp/local/merged/province_indicators.json" "$tmp/slurm/merged/province_indicators.json" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
strip = lambda rows: [{k: v for k, v in r.items() if k != "source"} for r in rows]
assert a["province"] == b["province"], (a["province"], b["province"])
assert strip(a["counties"]) == strip(b["counties"]), "county rows differ"
print("province equal:", b["province"]["area_ha"], "ha,", b["province"]["forest_coverage"]["value_pct"], "% forest")
PY
cmp "$tmp/local/merged/patches.csv" "$tmp/slurm/merged/patches.csv"
cmp <(tail -n +2 "$tmp/local/merged/screening.csv") <(tail -n +2 "$tmp/slurm/merged/screening.csv")
echo "slurm campaign: all passed"
