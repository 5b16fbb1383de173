#!/usr/bin/env bash
# Build and run every test: unit tests, golden CLI tests and the PostGIS integration test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --tests
build_dir="${ECOZONE_BUILD_DIR:-build}"
ctest --test-dir "$build_dir" --output-on-failure -j"$(nproc)"
