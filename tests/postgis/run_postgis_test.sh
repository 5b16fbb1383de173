#!/usr/bin/env bash
# Integration test: `ecozone info` reading a layer from a real PostGIS server.
#
# Usage: run_postgis_test.sh ECOZONE_EXECUTABLE SOURCE_DIR
#
# Starts a throw-away PostgreSQL 15 + PostGIS cluster in a temp dir, listening on
# 127.0.0.1 only (the Unix socket lives in the temp dir too), loads
# tests/postgis/redline_sample.geojson as table "redline" with ogr2ogr, runs
# `ecozone info "PG:..."` against it and checks the report. The server is stopped
# and the temp dir removed on every exit path (trap), and a detached watchdog does
# the same if this script is killed outright (e.g. by a CTest timeout).
set -euo pipefail

if [[ $# -ne 2 ]]; then
    echo "usage: $0 ECOZONE_EXECUTABLE SOURCE_DIR" >&2
    exit 2
fi
ECOZONE=$(readlink -f "$1")
SRC_DIR=$(readlink -f "$2")
SAMPLE="$SRC_DIR/tests/postgis/redline_sample.geojson"

DB=ecozone_test
LAYER=redline
CHINESE_FIELD="红线名称"
CHINESE_NAMES=("罗山生态保护红线" "贺兰山生态保护红线" "六盘山生态保护红线")

[[ -x "$ECOZONE" ]] || { echo "ecozone executable not found: $1" >&2; exit 1; }
[[ -f "$SAMPLE" ]] || { echo "sample layer not found: $SAMPLE" >&2; exit 1; }

source "$SRC_DIR/tests/postgis/pg_server.sh"
pg_server_start "$DB"
ogr2ogr -f PostgreSQL "PG:$CONN dbname=$DB" "$SAMPLE" \
    -nln "$LAYER" -lco GEOMETRY_NAME=geom -a_srs EPSG:4544
LOADED=$(psql_q "$DB" "SELECT count(*) FROM $LAYER")
IN_FILE=$("$PY" -c 'import json,sys; print(len(json.load(open(sys.argv[1], encoding="utf-8"))["features"]))' "$SAMPLE")
echo "postgis server on 127.0.0.1:$PORT, loaded $LOADED of $IN_FILE features into $DB.$LAYER"

# ---- checks ----------------------------------------------------------------------
PG_CHECKING=1  # from here on a failure is reported by its check, not by the server log
PASSED=0
FAILED=0
check() {  # check NAME EXPECTED ACTUAL
    if [[ "$2" == "$3" ]]; then
        PASSED=$((PASSED + 1)); echo "ok   $1"
    else
        FAILED=$((FAILED + 1)); echo "FAIL $1: expected '$2', got '$3'"
    fi
}

check "all sample features loaded" "$IN_FILE" "$LOADED"

# The Chinese values survive the load (UTF-8 end to end through the server).
ROUNDTRIP=$(psql_q "$DB" "SELECT string_agg(\"$CHINESE_FIELD\", ',' ORDER BY ogc_fid) FROM $LAYER")
check "Chinese names stored intact" "$(IFS=,; echo "${CHINESE_NAMES[*]}")" "$ROUNDTRIP"

PG_SOURCE="PG:$CONN dbname=$DB"
set +e
"$ECOZONE" info "$PG_SOURCE" --layer "$LAYER" --json >"$TMP/info.json" 2>"$TMP/info.err"
RC=$?
set -e
check "info --json exit code" 0 "$RC"
[[ $RC -eq 0 ]] || cat "$TMP/info.err"

# One line per fact; a missing key prints <missing> rather than raising.
mapfile -t FACTS < <("$PY" - "$TMP/info.json" <<'EOF' || true
import json, sys
try:
    j = json.load(open(sys.argv[1], encoding="utf-8"))
except Exception as e:
    j = {}
crs = j.get("crs") or {}
print(j.get("driver", "<missing>"))
print(j.get("features", "<missing>"))
print(crs.get("epsg", "<missing>"))
print(j.get("layer", "<missing>"))
print(",".join(f.get("name", "") for f in j.get("fields", [])))
EOF
)
FACTS+=("" "" "" "" "")
check "driver" "PostgreSQL" "${FACTS[0]}"
check "features" "$LOADED" "${FACTS[1]}"
check "crs.epsg" "4544" "${FACTS[2]}"
check "layer" "$LAYER" "${FACTS[3]}"
FIELD_OK=no
[[ ",${FACTS[4]}," == *",$CHINESE_FIELD,"* ]] && FIELD_OK=yes
check "Chinese field name '$CHINESE_FIELD' intact (fields: ${FACTS[4]})" yes "$FIELD_OK"

# Text report (default zh) also carries the Chinese field name.
set +e
TEXT=$("$ECOZONE" info "$PG_SOURCE" --layer "$LAYER" 2>&1)
RC=$?
set -e
check "info (text) exit code" 0 "$RC"
TEXT_OK=no
grep -qF "$CHINESE_FIELD" <<<"$TEXT" && TEXT_OK=yes
check "text report shows '$CHINESE_FIELD'" yes "$TEXT_OK"

# A missing table: exit 1 and a message naming the layer.
set +e
MISSING=$("$ECOZONE" info "$PG_SOURCE" --layer no_such_table 2>&1)
RC=$?
set -e
check "missing layer exit code" 1 "$RC"
NAMED=no
grep -qF "no_such_table" <<<"$MISSING" && NAMED=yes
check "missing layer message names it ($(head -n 1 <<<"$MISSING"))" yes "$NAMED"

# ---- a password in a connection string never reaches an output -------------------
# The server trusts local connections, so the password is accepted and ignored: exactly the
# case of a user who puts one in a project file or on the command line.
SECRET=SECRET123
PG_PW="PG:$CONN dbname=$DB password=$SECRET"
MINI="$SRC_DIR/tests/data/mini"
ogr2ogr -f PostgreSQL "PG:$CONN dbname=$DB" "$MINI/redline.geojson" -nln mini_redline -lco GEOMETRY_NAME=geom
ogr2ogr -f PostgreSQL "PG:$CONN dbname=$DB" "$MINI/county_sites.geojson" -nln sites -lco GEOMETRY_NAME=geom
cat >"$TMP/pg_project.toml" <<TOML
[project]
name = "测试县（PostGIS 红线）"
admin_code = "640399"
working_epsg = 4544
[layers.district]
path = "$MINI/district.geojson"
name_field = "XZQMC"
[layers.redline]
path = "$PG_PW"
layer = "mini_redline"
name_field = "HXMC"
[layers.reserve_zones]
path = "$MINI/reserve_zones.geojson"
zone_field = "GNFQ"
[layers.reserve_zones.values]
"核心区" = "core"
"缓冲区" = "buffer"
"实验区" = "experimental"
[rules]
path = "$SRC_DIR/sample_shapefiles/rules.toml"
TOML
OUTS="$TMP/pg_outputs"
mkdir -p "$OUTS"
set +e
"$ECOZONE" info "$PG_PW" --layer "$LAYER" >"$OUTS/info.out" 2>"$OUTS/info.err"
"$ECOZONE" info "$PG_PW" --layer no_such_table >"$OUTS/info_missing.out" 2>"$OUTS/info_missing.err"
"$ECOZONE" check "$TMP/pg_project.toml" >"$OUTS/check.out" 2>"$OUTS/check.err"
"$ECOZONE" check "$TMP/pg_project.toml" --json >"$OUTS/check.json" 2>"$OUTS/check_json.err"
"$ECOZONE" screen "$TMP/pg_project.toml" --sites "$PG_PW" --layer sites --industry pv_wind --out "$OUTS/screen" \
    --pdf >"$OUTS/screen.out" 2>"$OUTS/screen.err"
SCREEN_RC=$?
set -e
check "screen with a PG project and PG sites (--layer) exit code" 0 "$SCREEN_RC"
# PDF text is compressed: grep its extracted text too (the sources table lists the PG inputs).
mkdir -p "$OUTS/pdf_text"
for pdf in "$OUTS"/screen/*.pdf; do pdftotext -q "$pdf" "$OUTS/pdf_text/$(basename "$pdf").txt"; done
check "the per-site and summary PDFs were written" 4 "$(ls "$OUTS"/screen/*.pdf | wc -l)"
LEAKS=$(grep -rlaF "$SECRET" "$OUTS" || true)
check "no output holds the password (files: ${LEAKS:-none})" "" "$LEAKS"
SCREENED=$("$PY" -c 'import json,sys; print(sum(1 for s in json.load(open(sys.argv[1]))["sites"] if s["screened"]))' "$OUTS/screen/screening.json")
check "the PG sites are screened" 3 "$SCREENED"
PG_PROV=$("$PY" - "$OUTS/screen/screening.json" <<'EOF2'
import json, sys
j = json.load(open(sys.argv[1]))
rows = [i for i in j["provenance"]["inputs"] if i["role"] == "redline"]
print(f"{rows[0]['rows']} {len(rows[0]['sha256'])} {'dbname=' in rows[0]['file'] and 'table=mini_redline' in rows[0]['file']}" if rows else "none")
EOF2
)
check "provenance names the table, its rows and their SHA-256" "1 64 True" "$PG_PROV"

echo "postgis integration: $PASSED passed, $FAILED failed"
[[ $FAILED -eq 0 ]]
