#!/usr/bin/env bash
# Fuzz every parser ecozone feeds with a county's files — the project file, the rules file, the
# boundary-point and WKT CSV site readers, typed coordinates, the DBF encoding decision, the
# shapefile integrity check and the audit's previous register (fuzz/feed.h) — with libFuzzer,
# AddressSanitizer and UBSan (clang-14), for SECONDS per target (default 60):
#   bash scripts/fuzz.sh [SECONDS_PER_TARGET]      e.g. bash scripts/fuzz.sh 3600 for a long hunt
#   ECOZONE_FUZZ_TARGETS="rules wkt_csv" bash scripts/fuzz.sh 600      only some targets
# Builds build-fuzz (only the fuzz targets; the sample audit that seeds the register target is run
# by the release build's ecozone when scripts/setup.sh has built one, else built here), collects
# the seed corpus (fuzz/build_corpus.py), runs each target and prints its executions and the
# coverage reached.  Exits 1 if any target crashed, hit a sanitizer report, leaked, timed out
# (10 s per input) or ran out of memory (2 GB); the input is kept in build-fuzz/findings/<target>/
# (replay it: build-fuzz/fuzz/fuzz_<target> FILE).  A fixed finding becomes a regression test:
# copy the input to tests/data/fuzz_regressions/<target>/ (tests/test_fuzz_regressions.cpp).
# The corpus each run grows is kept in build-fuzz/corpus/<target>/ for the next run.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
[[ "$seconds" =~ ^[0-9]+$ ]] || { echo "usage: bash scripts/fuzz.sh [SECONDS_PER_TARGET]" >&2; exit 2; }
build_dir="${ECOZONE_FUZZ_BUILD_DIR:-build-fuzz}"
all_targets=(project rules boundary_points wkt_csv coordinates dbf_encoding shapefile previous_register)
read -r -a targets <<<"${ECOZONE_FUZZ_TARGETS:-${all_targets[*]}}"

for tool in clang++-14 python3; do
  command -v "$tool" >/dev/null || { echo "fuzz: $tool is missing (bash scripts/setup.sh --tests installs it)" >&2; exit 2; }
done
[[ -f /usr/lib/llvm-14/lib/clang/14.0.6/lib/linux/libclang_rt.fuzzer-x86_64.a || -f /usr/lib/llvm-14/lib/libFuzzer.a ]] ||
  { echo "fuzz: libFuzzer is missing (apt-get install libfuzzer-14-dev libclang-rt-14-dev)" >&2; exit 2; }

# -O1 -g1: libFuzzer's usual level, line tables for the reports; asserts stay on.
cmake -S . -B "$build_dir" -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1" -DECOZONE_FUZZ=ON -DECOZONE_BUILD_TESTS=OFF -DECOZONE_WERROR=OFF >/dev/null
# The seeds need an ecozone that runs the sample audit; the release build's serves (built by
# scripts/test.sh just before), which spares instrumenting report/, serve/ and cli/ here.
seed_ecozone="${ECOZONE_BUILD_DIR:-build}/cli/ecozone"
build_targets=(fuzz_targets)
if [[ ! -x "$seed_ecozone" ]]; then
  seed_ecozone="$build_dir/cli/ecozone"
  build_targets+=(ecozone)
fi
cmake --build "$build_dir" -j"$(nproc)" --target "${build_targets[@]}"

export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
export LSAN_OPTIONS=""
supp="$PWD/tests/sanitizer/lsan.supp"
[[ -f "$supp" ]] && LSAN_OPTIONS="suppressions=$supp:print_suppressions=0"
mkdir -p "$build_dir/tmp"
export TMPDIR="$(cd "$build_dir/tmp" && pwd)"  # the targets' scratch files (a crash leaves its own behind)

# Seeds: the sample audit's register (once), then everything else from the sources.
audit_dir="$build_dir/sample_audit"
if [[ ! -f "$audit_dir/patches.gpkg" ]]; then
  "$seed_ecozone" audit sample_shapefiles/hongsibu.toml --out "$audit_dir" >/dev/null ||
    echo "fuzz: warning: the sample audit failed; no register seeds" >&2
fi
python3 fuzz/build_corpus.py "$build_dir" --audit-dir "$audit_dir"

# run_target T: fuzz T for $seconds, then write its result line to $build_dir/logs/T.result
# ("ok" or "FOUND ...") — the targets run $(nproc) at a time, each on its own core.
run_target() {
  local t="$1"
  local exe="$build_dir/fuzz/fuzz_$t"
  local corpus="$build_dir/corpus/$t" findings="$build_dir/findings/$t" log="$build_dir/logs/$t.log"
  rm -rf "$findings"  # a finding of an earlier run is kept until the target runs again
  mkdir -p "$corpus" "$findings" "$(dirname "$log")" "$build_dir/seeds/$t"
  local args=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -detect_leaks=1 -print_final_stats=1
        -artifact_prefix="$findings/")
  [[ -s "$build_dir/dict/$t.dict" ]] && args+=(-dict="$build_dir/dict/$t.dict")
  local code=0
  "$exe" "${args[@]}" "$corpus" "$build_dir/seeds/$t" >"$log" 2>&1 || code=$?
  local execs rate cov edges files found result=ok
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  edges=$(sed -n 's/.*(\([0-9]*\) inline 8-bit counters).*/\1/p' "$log" | head -1)
  files=$(find "$corpus" -type f | wc -l)
  found=$(find "$findings" -type f | wc -l)
  if (( code != 0 || found > 0 )); then
    result="FOUND (exit $code): $(ls "$findings" | tr '\n' ' ')"
  fi
  printf '%-18s %10s %8s %12s %10s %s\n' "$t" "${execs:-?}" "${rate:-?}" "${cov:-?}/${edges:-?}" "$files" "$result" \
    >"$build_dir/logs/$t.result"
}

for t in "${targets[@]}"; do
  [[ -x "$build_dir/fuzz/fuzz_$t" ]] || { echo "fuzz: no target '$t' (targets: ${all_targets[*]})" >&2; exit 2; }
done
mkdir -p "$build_dir/logs"
running=0
for t in "${targets[@]}"; do
  rm -f "$build_dir/logs/$t.result"
  run_target "$t" &
  running=$((running + 1))
  if (( running >= $(nproc) )); then
    wait -n || true
    running=$((running - 1))
  fi
done
wait

failed=()
printf '\n%-18s %10s %8s %12s %10s %s\n' target executions exec/s "cov (edges)" corpus result
for t in "${targets[@]}"; do
  line="$(cat "$build_dir/logs/$t.result" 2>/dev/null || echo "$t  (no result: the runner itself failed)")"
  echo "$line"
  [[ "$line" == *" ok" ]] || failed+=("$t")
done

if (( ${#failed[@]} )); then
  for t in "${failed[@]}"; do
    echo
    echo "=== fuzz_$t: what it found (full log: $build_dir/logs/$t.log) ==="
    grep -E -A30 '^==[0-9]+==ERROR|runtime error|^==ecozone fuzz|ALARM: working on the last Unit|out-of-memory|Test unit written' \
      "$build_dir/logs/$t.log" | head -60 || true
  done
  echo
  echo "fuzz: FOUND problems in: ${failed[*]}; the inputs are in $build_dir/findings/<target>/" >&2
  exit 1
fi
echo "fuzz: no crash, sanitizer report, leak or timeout in ${#targets[@]} targets × ${seconds} s"
