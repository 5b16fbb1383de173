#!/usr/bin/env bash
# Fault tests of the output sets: a run killed at each stage of `indicators`, `screen` and
# `audit` (including inside the final swap), two runs into one folder, a read-only folder and a
# full disk each leave the output folder holding one complete set — the previous one or the new
# one, every file of it matching its manifest — and nothing beside it that a later run keeps.
#
# Usage: run_fault_test.sh ECOZONE SOURCE_DIR WORK_DIR
set -uo pipefail
ECOZONE=$(readlink -f "$1")
SRC=$(readlink -f "$2")
WORK=$3
rm -rf "$WORK"
mkdir -p "$WORK"
MINI="$SRC/tests/data/mini"
PY=/usr/bin/python3
FAILED=0
PASSED=0
ok() { PASSED=$((PASSED + 1)); echo "ok   $1"; }
bad() { FAILED=$((FAILED + 1)); echo "FAIL $1"; }

# The folder holds exactly one complete set: every file the manifest lists, with its SHA-256,
# every report of the set carrying the manifest's run id; and no partial folder beside it once a
# later run has passed.  Prints the run id.
consistent() {  # consistent DIR SET
    "$PY" - "$1" "$2" <<'EOF'
import hashlib, json, os, sys
d, kind = sys.argv[1], sys.argv[2]
m = json.load(open(os.path.join(d, kind + ".manifest.json"), encoding="utf-8"))
for f in m["files"]:
    p = os.path.join(d, f["name"])
    h = hashlib.sha256(open(p, "rb").read()).hexdigest()
    assert h == f["sha256"], f"{f['name']} does not match the manifest"
    if f["name"].endswith(".json"):
        j = json.load(open(p, encoding="utf-8"))
        rid = j.get("provenance", {}).get("run_id")
        assert rid in (None, m["run_id"]), f"{f['name']} is from run {rid}, the manifest from {m['run_id']}"
print(m["run_id"])
EOF
}

# Command lines on the mini county (a fraction of a second each).
declare -A CMD
CMD[indicators]="indicators $MINI/mini_indicators.toml --no-raster"
CMD[screening]="screen $MINI/county_sites.toml"
CMD[audit]="audit $SRC/sample_shapefiles/hongsibu.toml"
declare -A STEPS=([indicators]=6 [screening]=3 [audit]=4)

for kind in indicators screening audit; do
    out="$WORK/$kind"
    # shellcheck disable=SC2086
    "$ECOZONE" ${CMD[$kind]} --out "$out" >/dev/null 2>&1
    first=$(consistent "$out" "$kind") || { bad "$kind: the first run's set is inconsistent"; continue; }
    # Every progress step but the last comes before the commit; the last reports it.
    points=()
    for ((i = 1; i < STEPS[$kind]; ++i)); do points+=("step:$i"); done
    points+=(commit:manifest commit:carried commit:swapped "step:${STEPS[$kind]}")
    for point in "${points[@]}"; do
        # shellcheck disable=SC2086
        { ECOZONE_KILL_AT=$point "$ECOZONE" ${CMD[$kind]} --out "$out" >/dev/null 2>&1; rc=$?; } 2>/dev/null
        if now=$(consistent "$out" "$kind" 2>&1); then
            # Killed before the swap: the previous set; once swapped, the new one.
            if [[ $point == commit:swapped || $point == "step:${STEPS[$kind]}" ]]; then
                [[ $now != "$first" ]] && ok "$kind killed at $point (exit $rc): the new complete set" ||
                    bad "$kind killed at $point: still the old set"
                first=$now
            else
                [[ $now == "$first" ]] && ok "$kind killed at $point (exit $rc): the previous complete set" ||
                    bad "$kind killed at $point: a different set ($now)"
            fi
        else
            bad "$kind killed at $point: $now"
        fi
    done
    # A later run cleans up what the killed ones left beside the folder.
    # shellcheck disable=SC2086
    "$ECOZONE" ${CMD[$kind]} --out "$out" >/dev/null 2>&1
    leftovers=$(cd "$WORK" && ls -A | grep "^\.$kind\." || true)
    [[ -z $leftovers ]] && ok "$kind: nothing left beside the folder after a later run" ||
        bad "$kind: left beside the folder: $leftovers"
    consistent "$out" "$kind" >/dev/null && ok "$kind: complete after the later run" || bad "$kind: inconsistent"
done

# Two runs into one folder: the second meets the first's lock and fails at once, nothing mixes.
out="$WORK/concurrent"
ECOZONE_PAUSE_AT=step:1 "$ECOZONE" ${CMD[indicators]} --out "$out" >/dev/null 2>"$WORK/first.err" &
first_pid=$!
sleep 1
# shellcheck disable=SC2086
"$ECOZONE" ${CMD[indicators]} --out "$out" >/dev/null 2>"$WORK/second.err"
second_rc=$?
wait "$first_pid"
first_rc=$?
# (The message is in the terminal's language: Chinese by default, English under an English locale.)
[[ $second_rc -eq 1 ]] &&
    grep -q "another ecozone run (pid $first_pid) is writing this output folder\|另一个 ecozone 进程（pid $first_pid）正在写这个输出文件夹" \
        "$WORK/second.err" &&
    ok "a second run into the same folder fails at once, naming the first" ||
    bad "second run: exit $second_rc, $(cat "$WORK/second.err")"
[[ $first_rc -eq 0 ]] && consistent "$out" indicators >/dev/null && ok "the first run completes its set" ||
    bad "first run: exit $first_rc, $(cat "$WORK/first.err")"

# A read-only folder: a clear error, the previous set untouched, nothing created.
ro="$WORK/readonly"
mkdir -p "$ro"
# shellcheck disable=SC2086
"$ECOZONE" ${CMD[indicators]} --out "$ro/out" >/dev/null 2>&1
before=$(consistent "$ro/out" indicators)
chmod 555 "$ro"
RUN=()
if [[ $(id -u) -eq 0 ]]; then
    # root writes anywhere: run as nobody to meet the permission, where nobody can run the tool.
    RUN=(runuser -u nobody --)
    chmod -R o+rwX "$WORK" 2>/dev/null
    chmod 555 "$ro"
fi
# shellcheck disable=SC2086
"${RUN[@]}" "$ECOZONE" ${CMD[indicators]} --out "$ro/out" >/dev/null 2>"$WORK/ro.err"
rc=$?
chmod 755 "$ro"
after=$(consistent "$ro/out" indicators)
if [[ $rc -eq 126 || $rc -eq 127 ]] || grep -q "Permission denied" "$WORK/ro.err" && ! grep -q "ecozone" "$WORK/ro.err"; then
    echo "skip read-only folder: 'nobody' cannot run $ECOZONE here ($(head -c 100 "$WORK/ro.err"))"
elif [[ $rc -eq 1 && $before == "$after" ]] && grep -q "not writable\|cannot\|不可写\|无法" "$WORK/ro.err"; then
    ok "read-only folder: exit 1, a clear error ($(head -c 120 "$WORK/ro.err")), the previous set intact"
else
    bad "read-only folder: exit $rc, $(cat "$WORK/ro.err")"
fi

# A full disk (a 200 kB tmpfs): a clear error, no partial files, no folder.
full="$WORK/full"
mkdir -p "$full"
if mount -t tmpfs -o size=200k tmpfs "$full" 2>/dev/null; then
    # shellcheck disable=SC2086
    "$ECOZONE" ${CMD[indicators]} --out "$full/out" >/dev/null 2>"$WORK/full.err"
    rc=$?
    content=$(ls -A "$full")
    umount "$full"
    [[ $rc -eq 1 && -z $content ]] && ok "full disk: exit 1 ($(head -c 120 "$WORK/full.err")), nothing left" ||
        bad "full disk: exit $rc, left: $content, $(cat "$WORK/full.err")"
else
    echo "skip full disk: no permission to mount a small tmpfs here"
fi

echo "fault tests: $PASSED passed, $FAILED failed"
[[ $FAILED -eq 0 ]]
