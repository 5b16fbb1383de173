#!/usr/bin/env bash
# Differential test against PostGIS: ecozone's overlap areas, land occupied, distances and the
# indicators' class areas on a project and a set of sites, recomputed in a throw-away PostGIS
# (tests/postgis/differential.py says what is compared and to what tolerance).
#
# Usage: run_differential.sh ECOZONE SOURCE_DIR PROJECT SITES [SITES_LAYER [ID_FIELD]]
set -euo pipefail
if [[ $# -lt 4 ]]; then
    echo "usage: $0 ECOZONE SOURCE_DIR PROJECT SITES [SITES_LAYER [ID_FIELD]]" >&2
    exit 2
fi
ECOZONE=$(readlink -f "$1")
SRC_DIR=$(readlink -f "$2")
PROJECT=$(readlink -f "$3")
SITES=$(readlink -f "$4")
SITES_LAYER=${5:-}
ID_FIELD=${6:-id}
[[ -x "$ECOZONE" ]] || { echo "ecozone executable not found: $1" >&2; exit 1; }
[[ -f "$PROJECT" ]] || { echo "project not found: $3" >&2; exit 1; }
[[ -f "$SITES" ]] || { echo "sites not found: $4" >&2; exit 1; }

source "$SRC_DIR/tests/postgis/pg_server.sh"
pg_server_start differential
PG_CHECKING=1
WORK="$TMP/work"
mkdir -p "$WORK"
export PATH="$PG_BIN:$PATH"
"$PY" "$SRC_DIR/tests/postgis/differential.py" --ecozone "$ECOZONE" --project "$PROJECT" --sites "$SITES" \
    --sites-layer "$SITES_LAYER" --id-field "$ID_FIELD" --conn "$CONN" --db differential --work "$WORK"
