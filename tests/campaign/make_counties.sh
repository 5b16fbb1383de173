#!/usr/bin/env bash
# Three small counties and a campaign file for the campaign tests (docs/campaign.md §tests):
#   甲县 (640391)  the sample's profile, seed 5, Hongsibu's outline shrunk to 0.9
#   乙县 (640392)  the sample's profile, seed 6, the outline grown to 1.15
#   同心县 (640324) the second county's profile (its own outline, fields and class table)
# usage: make_counties.sh SAMPLEGEN DIR      (about 7 s on the 2-core machine)
# Writes DIR/{a,b,c}/ and DIR/campaign.toml (jobs indicators, screen, audit).  The two sample-profile
# counties get their own name, admin_code and audit id_prefix: the generator writes Hongsibu's.
set -euo pipefail
gen=$1 dir=$2
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$dir"
"$gen" --out "$dir/a" --seed 5 --boundary "$here/outlines.geojson" --boundary-name 甲县 >/dev/null &
"$gen" --out "$dir/b" --seed 6 --boundary "$here/outlines.geojson" --boundary-name 乙县 >/dev/null &
"$gen" --out "$dir/c" --profile county2 --rules "$here/../../sample_shapefiles/rules.toml" >/dev/null &
wait %1 && wait %2 && wait %3
rename() {  # rename PROJECT NAME CODE
  sed -i -e "s/^name = \"红寺堡区生态分区样例\"/name = \"$2\"/" -e "s/^admin_code = \"640303\"/admin_code = \"$3\"/" \
    -e "s/^id_prefix = \"640303\"/id_prefix = \"$3\"/" "$1"
}
for c in a b; do cp "$here/../../sample_shapefiles/rules.toml" "$dir/$c/rules.toml"; done
rename "$dir/a/hongsibu.toml" 甲县 640391
rename "$dir/b/hongsibu.toml" 乙县 640392
cat > "$dir/campaign.toml" <<'TOML'
name = "测试省"
jobs = ["indicators", "screen", "audit"]
[[county]]
project = "a/hongsibu.toml"
[[county]]
project = "b/hongsibu.toml"
[[county]]
project = "c/county2.toml"
TOML
