#!/usr/bin/env bash
# The main job on the bundled sample project (Hongsibu): set up and build, check the project
# (layer summary), compute the indicator evidence into out/indicators, screen the sample's
# proposed sites into out/screening (with a PDF report per site), and audit human activity between its two rasters into out/audit.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
build_dir="${ECOZONE_BUILD_DIR:-build}"
out_dir="${ECOZONE_OUT_DIR:-out}"
"$build_dir/cli/ecozone" check sample_shapefiles/hongsibu.toml "$@"
echo
"$build_dir/cli/ecozone" indicators sample_shapefiles/hongsibu.toml --out "$out_dir/indicators" "$@"
echo
"$build_dir/cli/ecozone" screen sample_shapefiles/hongsibu.toml --out "$out_dir/screening" --pdf "$@"
echo
"$build_dir/cli/ecozone" audit sample_shapefiles/hongsibu.toml --out "$out_dir/audit" "$@"
