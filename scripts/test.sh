#!/usr/bin/env bash
# Build and run every test: unit tests, golden CLI tests and the PostGIS integration test; then
# the whole suite again under AddressSanitizer + UBSan (scripts/sanitize.sh, build-asan), and the
# parsers under libFuzzer for ECOZONE_FUZZ_SECONDS per target (scripts/fuzz.sh, build-fuzz).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --tests
build_dir="${ECOZONE_BUILD_DIR:-build}"
ctest --test-dir "$build_dir" --output-on-failure -j"$(nproc)"
bash scripts/sanitize.sh
bash scripts/fuzz.sh "${ECOZONE_FUZZ_SECONDS:-20}"
