#!/usr/bin/env bash
# Install what ecozone needs from Debian 12's packages (only what is missing), then configure
# and build it.  Nothing is downloaded from anywhere else.
#   scripts/setup.sh            build the tool
#   scripts/setup.sh --tests    also install what the test suite needs (PostGIS for the
#                               integration test, clang-14 and libFuzzer for scripts/fuzz.sh,
#                               pdftotext for the PDF checks, QGIS's Python bindings to open the
#                               styled GeoPackages headless) and build with warnings as errors
set -euo pipefail
cd "$(dirname "$0")/.."

want_tests=0
[[ "${1:-}" == "--tests" ]] && want_tests=1

packages=(cmake g++ make pkg-config libgdal-dev gdal-bin libgeos-dev libproj-dev proj-data
          libboost-dev catch2 libcli11-dev libtomlplusplus-dev nlohmann-json3-dev libfmt-dev
          libssl-dev libxlsxwriter-dev libcairo2-dev libpango1.0-dev librsvg2-dev fonts-noto-cjk
          libharfbuzz-dev libfontconfig-dev libpng-dev
          libkainjow-mustache-dev libcpp-httplib-dev libjs-leaflet libjemalloc-dev)
if (( want_tests )); then
  packages+=(postgresql-15 postgresql-15-postgis-3 python3 clang-14 libclang-rt-14-dev
             libfuzzer-14-dev poppler-utils python3-qgis chromium
             slurmctld slurmd slurm-client munge)  # the campaign tests' single-node Slurm (scripts/slurm_local.sh)
  # The browser tests run node (tests/browser); a machine may have its own node (e.g. NodeSource's,
  # which bundles npm and conflicts with Debian's npm): Debian's only when there is none.
  command -v node >/dev/null && command -v npm >/dev/null || packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if (( ${#missing[@]} )); then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

build_dir="${ECOZONE_BUILD_DIR:-build}"
# Warnings are errors for the tests; without --tests the build directory keeps what it has
# (off when new), so that the sample's command or a benchmark after the tests does not
# reconfigure and rebuild everything.
werror=()
(( want_tests )) && werror=(-DECOZONE_WERROR=ON)
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "${werror[@]}" >/dev/null
cmake --build "$build_dir" -j"$(nproc)"
