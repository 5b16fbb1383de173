#!/usr/bin/env bash
# The main job on the bundled sample project (Hongsibu): set up, build, then check the
# project and print its layer summary.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
build_dir="${ECOZONE_BUILD_DIR:-build}"
"$build_dir/cli/ecozone" check sample_shapefiles/hongsibu.toml "$@"
