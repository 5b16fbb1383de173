#!/usr/bin/env bash
# Build and run every test: unit tests, golden CLI tests, the PostGIS integration test and the
# workbench page in chromium (tests/browser); then
# the whole suite but the browser tests again under AddressSanitizer + UBSan (scripts/sanitize.sh,
# build-asan), and the
# parsers under libFuzzer for ECOZONE_FUZZ_SECONDS per target (scripts/fuzz.sh, build-fuzz).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --tests
# puppeteer-core for the browser tests, pinned by tests/browser/package-lock.json, into
# tests/browser/node_modules — the only download of the test command (chromium is Debian's).
if [[ ! -d tests/browser/node_modules/puppeteer-core ||
      tests/browser/package-lock.json -nt tests/browser/node_modules/.package-lock.json ]]; then
  (cd tests/browser && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund)
fi
build_dir="${ECOZONE_BUILD_DIR:-build}"
ctest --test-dir "$build_dir" --output-on-failure -j"$(nproc)"
bash scripts/sanitize.sh
bash scripts/fuzz.sh "${ECOZONE_FUZZ_SECONDS:-15}"
