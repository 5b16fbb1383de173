#!/usr/bin/env bash
# Measured precision and recall of `ecozone audit` registers against the patches ecozone-samplegen
# injected (issue 11), under the generator's classifier-noise models, against the GDAL Python
# pipeline (bench/peer_audit_gdal.py: no suppression beyond the MMU).  Not a test:
#
#   bash bench/run_audit_quality.sh            # 30 m (sample-like) and 10 m (county, --scale 1)
#   QUICK=1 bash bench/run_audit_quality.sh    # 30 m only, default recipe + peer: a few minutes
#
# For each noise model at two strengths, and all of them combined at the stronger ones, a set is
# generated once into bench/out/quality/<res>_<model>_<strength> (reused when present; delete the
# folder to regenerate) and scored by bench/audit_quality.py:
#   default         `ecozone audit` as shipped, --scope protected and --scope district
#   no-<stage>      the default with one filter stage switched off (--skip-stage), scope protected
#   with-majority   the default with the optional 3x3 majority filter on (--majority-filter), scope protected
#   gdal-peer       peer_audit_gdal.py --out-gpkg, scored in both scopes (its protected register is
#                   its polygons overlapping a reserve zone or the red line)
# seconds = wall time of the command as users run it, every output written (for the default row:
# the protected run).  Rows of the default recipe at the stronger strength and on the combination
# that miss precision >= 0.9 or recall >= 0.95 (either scope) are marked MISS.  The table is also
# written to bench/out/quality/summary.{csv,md}; each row's evaluator JSON to
# bench/out/quality/rows.jsonl, each run's outputs under <set>/runs/.
#
# Environment: QUICK=1 as above; RES="30m" or "10m" one resolution only; BENCH_NO_SETUP=1 uses the binaries already in $ECOZONE_BUILD_DIR
# (default build/) instead of bench_setup (which installs the packages and builds); SAMPLEGEN=PATH
# another generator (same options).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/common.sh
if [[ ${BENCH_NO_SETUP:-0} == 1 ]]; then
  build=${ECOZONE_BUILD_DIR:-build}
else
  bench_setup python3-gdal python3-numpy
fi
ecozone=$build/cli/ecozone
samplegen=${SAMPLEGEN:-$build/samplegen/ecozone-samplegen}
py=/usr/bin/python3
quick=${QUICK:-0}
root=bench/out/quality
mkdir -p "$root"
rows=$root/rows.jsonl
: >"$rows"

if ! "$samplegen" --help 2>&1 | grep -q -- '--noise'; then
  echo "run_audit_quality: $samplegen has no --noise (the generator's noise models are needed)" >&2
  exit 1
fi
audit_help=$("$ecozone" audit --help 2>&1 || true)
stages=(confirm boundary_shift core noisy_transition mmu)
# The switch that turns a stage off: --skip-stage when the build has it, else the older flags for
# the stages that had one (the others are then left out of the table, with a note).
# A stage the build's --skip-stage does not list (e.g. core, off by default) gets no row either.
stage_flag() {
  local choices
  choices=$(grep -o -- '--skip-stage TEXT:{[^}]*}' <<<"$audit_help" || true)
  if [[ -n $choices ]]; then
    [[ $choices =~ [{,]$1[,}] ]] && echo "--skip-stage $1"
    return 0
  fi
  if grep -q -- '--skip-stage' <<<"$audit_help"; then echo "--skip-stage $1"; return; fi
  case $1 in
    majority) echo --no-majority-filter ;;
    confirm) echo --no-confirm-neighbourhood ;;
    boundary_shift) echo --keep-boundary-shifts ;;
    *) echo "" ;;
  esac
}

# model | weak spec | strong spec   (strength labels: the spec's value)
models=(
  "none|none|"
  "salt|salt:0.01|salt:0.03"
  "edges|edges:0.15|edges:0.3"
  "shift|shift:0.5|shift:1"
  "blobs|blobs:0.005|blobs:0.02"
  "combined||salt:0.03,edges:0.3,shift:1,blobs:0.02"
)
resolutions=()
for r in ${RES:-30m 10m}; do
  case $r in
    30m) resolutions+=("30m|") ;;
    10m) [[ $quick == 1 ]] || resolutions+=("10m|--scale 1") ;;
    *) echo "run_audit_quality: RES takes 30m and/or 10m" >&2; exit 2 ;;
  esac
done

# generate DIR SPEC ARGS...: the set, unless it is already there (written to DIR.tmp, then renamed).
generate() {
  local dir=$1 spec=$2
  shift 2
  [[ -f $dir/injected_patches.gpkg && -f $dir/hongsibu.toml ]] && return 0
  rm -rf "$dir" "$dir.tmp"
  echo "   generating $dir (--noise $spec $*)" >&2
  "$samplegen" --out "$dir.tmp" --noise "$spec" "$@" >/dev/null
  cp sample_shapefiles/rules.toml "$dir.tmp/rules.toml"
  mv "$dir.tmp" "$dir"
}

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }

# score SET OUT SCOPE: the evaluator's JSON line (or {"error": ...}).
score() {
  "$py" bench/audit_quality.py "$1/injected_patches.gpkg" "$2" --scope "$3" 2>>"$root/errors.log" ||
    echo '{"error": "evaluator failed, see errors.log"}'
}

# row RES MODEL STRENGTH RECIPE SECONDS PROTECTED_JSON DISTRICT_JSON   ($is_strong: true at the
# stronger strength or on the combination)
row() {
  printf '{"res": "%s", "model": "%s", "strength": "%s", "strong": %s, "recipe": "%s", "seconds": %s, "protected": %s, "district": %s}\n' \
    "$1" "$2" "$3" "$is_strong" "$4" "$5" "$6" "$7" >>"$rows"
}

# run_audit SET OUT ARGS...: run the audit, print its seconds (or "null" if it failed).  A binary
# that cannot be executed (exit 126: being relinked by a build of the shared tree) is retried.
run_audit() {
  local set=$1 out=$2
  shift 2
  local t0 rc attempt
  for attempt in 1 2 3 4 5 6; do
    rm -rf "$out"
    t0=$(now)
    rc=0
    "$ecozone" audit "$set/hongsibu.toml" --out "$out" "$@" >/dev/null 2>"$out.stderr" || rc=$?
    [[ $rc == 126 ]] || break
    sleep 10
  done
  if [[ $rc == 0 ]]; then
    elapsed "$t0"
  else
    echo "   ecozone audit $* failed on $set (exit $rc): $(tail -n 2 "$out.stderr" | tr '\n' ' ')" >&2
    echo null
  fi
}
failed='{"error": "ecozone audit failed"}'


: >"$root/errors.log"
for r in "${resolutions[@]}"; do
  IFS='|' read -r res gen_args <<<"$r"
  for m in "${models[@]}"; do
    IFS='|' read -r model weak strong <<<"$m"
    for spec in $weak $strong; do
      [[ -n $spec ]] || continue
      strength=${spec//[a-z:]/}
      [[ $model == combined ]] && strength=strong
      [[ $model == none ]] && strength=-
      [[ $model == combined ]] && name=${res}_combined || name=${res}_${model}_${strength}
      [[ $model == none ]] && name=${res}_none
      is_strong=false
      [[ $spec == "$strong" ]] && is_strong=true
      set_dir=$root/$name
      # shellcheck disable=SC2086
      generate "$set_dir" "$spec" $gen_args
      runs=$set_dir/runs
      mkdir -p "$runs"
      echo "== $name" >&2
      # The default recipe, both scopes.
      s=$(run_audit "$set_dir" "$runs/default")
      p=$( [[ $s != null ]] && score "$set_dir" "$runs/default" protected || echo "$failed")
      s2=$(run_audit "$set_dir" "$runs/default_district" --scope district)
      d=$( [[ $s2 != null ]] && score "$set_dir" "$runs/default_district" district || echo "$failed")
      row "$res" "$model" "$strength" default "$s" "$p" "$d"
      # One stage off at a time.
      if [[ $quick != 1 ]]; then
        for st in "${stages[@]}"; do
          flag=$(stage_flag "$st")
          if [[ -z $flag ]]; then
            row "$res" "$model" "$strength" "no-$st" null '{"error": "no --skip-stage for it in this build"}' null
            continue
          fi
          # shellcheck disable=SC2086
          s=$(run_audit "$set_dir" "$runs/no-$st" $flag)
          p=$( [[ $s != null ]] && score "$set_dir" "$runs/no-$st" protected || echo "$failed")
          row "$res" "$model" "$strength" "no-$st" "$s" "$p" null
        done
        # The optional majority filter (off by default) switched on.
        if grep -q -- '--majority-filter' <<<"$audit_help"; then
          s=$(run_audit "$set_dir" "$runs/with-majority" --majority-filter)
          p=$( [[ $s != null ]] && score "$set_dir" "$runs/with-majority" protected || echo "$failed")
          row "$res" "$model" "$strength" "with-majority" "$s" "$p" null
        fi
      fi
      # The GDAL peer: one run over the district, scored in both scopes.
      mkdir -p "$runs/peer"
      t0=$(now)
      if "$py" bench/peer_audit_gdal.py "$set_dir" --out-gpkg "$runs/peer/patches.gpkg" >"$runs/peer/peer.json" 2>>"$root/errors.log"; then
        s=$(elapsed "$t0")
        p=$(score "$set_dir" "$runs/peer/patches.gpkg" protected)
        d=$(score "$set_dir" "$runs/peer/patches.gpkg" district)
      else
        s=null p='{"error": "peer failed"}' d=null
        echo "   peer failed on $set_dir (errors.log)" >&2
      fi
      row "$res" "$model" "$strength" gdal-peer "$s" "$p" "$d"
    done
  done
done

# The table: stdout, summary.csv, summary.md.
"$py" - "$rows" "$root" <<'EOF'
import csv
import json
import sys

rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
root = sys.argv[2]
head = ["res", "model", "strength", "recipe", "entries", "P prot", "R prot", "P district", "R district", "area ratio", "AUC",
        "seconds", "target"]


def f(v, digits=3):
    return "–" if v is None else f"{v:.{digits}f}" if isinstance(v, float) else str(v)


table = []
for r in rows:
    p, d = r["protected"] or {}, r["district"] or {}
    strong = r["strong"]
    target = ""
    if r["recipe"] == "default" and strong:
        scored = [x for x in (p, d) if x and "error" not in x]
        ok = scored and all((x["precision"] or 0) >= 0.9 and (x["recall"] or 0) >= 0.95 for x in scored)
        target = "ok" if ok else "MISS"
    err = p.get("error") or d.get("error")
    table.append([r["res"], r["model"], r["strength"], r["recipe"], f(p.get("entries")), f(p.get("precision")), f(p.get("recall")),
                  f(d.get("precision")), f(d.get("recall")), f(p.get("area_ratio")), f(p.get("auc")),
                  f(r["seconds"], 2), target + (f" ({err})" if err else "")])
widths = [max(len(str(x)) for x in col) for col in zip(head, *table)]
for line in [head] + table:
    print("  ".join(str(x).ljust(w) for x, w in zip(line, widths)).rstrip())
with open(f"{root}/summary.csv", "w", newline="", encoding="utf-8") as out:
    w = csv.writer(out)
    w.writerow(head)
    w.writerows(table)
with open(f"{root}/summary.md", "w", encoding="utf-8") as out:
    out.write("| " + " | ".join(head) + " |\n|" + "---|" * len(head) + "\n")
    for line in table:
        out.write("| " + " | ".join(("**MISS**" if x == "MISS" else x) for x in line) + " |\n")
print(f"\n(entries, P = precision, R = recall of detectable patches, area ratio and AUC: of the protected run;"
      f" {root}/summary.csv, summary.md; per-run JSON in {root}/rows.jsonl)")
EOF
