# Sourced by the benchmark scripts: set-up shared by all of them.
#   bench_setup PKG...          build ecozone, install the peers' Debian packages, build the bench tools;
#                               sets $build
#   bench_dataset DIR [ARGS...] generate a county-scale set into DIR (ecozone-samplegen ARGS) unless it
#                               exists, with the sample's rules file beside its project file
bench_setup() {
  bash scripts/setup.sh >/dev/null
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if (( ${#missing[@]} )); then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  build=${ECOZONE_BUILD_DIR:-build}
  cmake --build "$build" -j"$(nproc)" --target ecozone-bench ecozone-samplegen >/dev/null
}

bench_dataset() {
  local dir=$1
  shift
  [[ -f $dir/hongsibu.toml ]] || "$build/samplegen/ecozone-samplegen" --out "$dir" "$@" >/dev/null
  cp sample_shapefiles/rules.toml "$dir/rules.toml"
}
