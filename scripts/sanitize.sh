#!/usr/bin/env bash
# Build everything with AddressSanitizer + UndefinedBehaviorSanitizer (gcc) in build-asan, then
# run the whole CTest suite (unit, golden CLI, PostGIS integration and differential, county2)
# and the sample's four commands (as scripts/run-sample.sh runs them) under the sanitizers.
# Any report — memory error, undefined behaviour, leak — fails: every sanitizer exits with
# code 66, which no ecozone test expects (the CLI's own codes are 0, 1 and 2), and the golden
# CLI tests also fail on any unexpected stderr.  Run by scripts/test.sh after the normal tests.
#   bash scripts/sanitize.sh
# Leaks are suppressed only as tests/sanitizer/lsan.supp lists (each with the reason).
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir="${ECOZONE_ASAN_BUILD_DIR:-build-asan}"
jobs="$(nproc)"

san="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined"
# The test files themselves (ecozone_tests' own sources, glue around the libraries) at -O0: a third
# less compile time under the sanitizers, and the code they test stays at -O1.
# -O1: the sanitizers' usual level (full -O2 builds slower and finds nothing more); -g1 (line
# tables only) for the reports' file:line, at a fraction of full debug information's build time.
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1" \
  -DECOZONE_WERROR=OFF -DECOZONE_BUILD_BENCH=OFF -DECOZONE_TESTS_EXTRA_FLAGS=-O0 "-DCMAKE_CXX_FLAGS=$san" "-DCMAKE_EXE_LINKER_FLAGS=-fsanitize=address,undefined" >/dev/null
cmake --build "$build_dir" -j"$jobs"

export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:exitcode=66:check_initialization_order=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:exitcode=66"
export LSAN_OPTIONS="exitcode=66"
supp="$PWD/tests/sanitizer/lsan.supp"
[[ -f "$supp" ]] && LSAN_OPTIONS+=":suppressions=$supp:print_suppressions=0"

status=0
# The browser tests (label browser) drive the page in chromium; the same routes run in-process under
# the sanitizers in the API tests ([serve]), so they are left to the normal build.  So are the Slurm
# tests (label slurm): the campaign's and tiled audit's code runs under the sanitizers in their
# --local tests, and a cluster of sanitized jobs would add minutes to the CI for nothing more.
# Five heavy tests are left to the normal build too: they run ~6× slower sanitized (4 of the
# sanitized pass's 18 minutes of test time) and add no code path the rest does not run sanitized —
# the three-county campaign (its merge and re-run run sanitized in the tiled campaign test), the
# tiled audit of a generated county (the sample's tiled audit runs sanitized), the PostGIS
# differential comparisons (numbers against PostGIS, not memory: the same commands run sanitized in
# cli.county2.* and the golden tests) and the generator's determinism check.
heavy='^(campaign run --local 2: exact province sums|audit --tiles on a generated speckled county|postgis_differential\.|samplegen\.county2_deterministic$)'
ctest --test-dir "$build_dir" --output-on-failure -j"$jobs" -LE "browser|slurm" -E "$heavy" || status=1

# The sample's four commands (scripts/run-sample.sh): exit 0, and nothing on stderr.
out_dir="$build_dir/sample_out"
for cmd in check indicators screen audit; do
  args=("$cmd" sample_shapefiles/hongsibu.toml)
  [[ "$cmd" != check ]] && args+=(--out "$out_dir/$cmd")
  code=0
  "$build_dir/cli/ecozone" "${args[@]}" >"$out_dir.$cmd.stdout" 2>"$out_dir.$cmd.stderr" || code=$?
  if (( code != 0 )) || [[ -s "$out_dir.$cmd.stderr" ]]; then
    echo "sanitize: ecozone ${args[*]} exited $code; stderr:" >&2
    cat "$out_dir.$cmd.stderr" >&2
    status=1
  else
    echo "sanitize: ecozone ${args[*]}: clean"
  fi
done

if (( status )); then
  echo "sanitize: FAILED (see the reports above)" >&2
  exit 1
fi
echo "sanitize: the whole suite and the sample's four commands ran clean under ASan + UBSan"
