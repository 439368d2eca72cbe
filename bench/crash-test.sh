#!/usr/bin/env bash
# Crash harness (issue 6, spec §5.5): SIGKILL lakemake at random moments during full builds of
# the sample lake, and after each kill check that
#   - every output already in place is complete (byte-identical to a clean build's),
#   - the next build succeeds and every output is byte-identical to a clean build,
#   - `PRAGMA integrity_check` on the catalog says ok,
#   - no temporary file is left in .lakemake/tmp,
#   - `lakemake verify` is clean,
#   - and after one raw file is deleted and an upload added (every other round with a prefix
#     build of processed/ first), the next build ends where a build from nothing does.
#
#   bench/crash-test.sh KILLS LAKEMAKE [SEED]
#
# Pipelines are a list: each `setup_<name>` function fills a project folder with its rules and
# sample raw data. Kills are spread over the pipelines in turn. Every third kill is followed by
# a second one before the recovery build, and every fourth by a new upload, as happens when a
# build is killed and restarted while data keeps landing. After each recovery, what the next
# builds rely on is exercised too: one raw file is deleted and (where the pipeline has late
# uploads) one added, the lake is built again, and its outputs must equal a build from
# nothing of the same raw files (a kill once left deletions that no longer propagated).
# The last line is the summary: kills survived, failures.
set -uo pipefail
cd "$(dirname "$0")/.."

kills="${1:-100}"
lakemake="$(cd "$(dirname "${2:-.build/debug/lakemake}")" && pwd)/$(basename "${2:-.build/debug/lakemake}")"
seed="${3:-42}"
pipelines=(${CRASH_PIPELINES:-sales flights})
work="${CRASH_WORK:-bench/cache/crash}"
stores="${CRASH_STORES:-11}"
days="${CRASH_DAYS:-10}"
RANDOM=$seed

setup_sales() {
    mkdir -p "$1/rules" "$1/lake/reference"
    cp rules/sales.rules rules/quicksight.rules "$1/rules/"
    cp lake/reference/stores.csv "$1/lake/reference/"
    (cd "$1" && "$lakemake" gen sales --stores "$stores" --days "$days" --end 2025-11-27 --seed 7 >/dev/null)
}

setup_flights() {
    mkdir -p "$1/rules" "$1/lake/reference"
    cp rules/flights.rules rules/quicksight.rules "$1/rules/"
    cp lake/reference/airlines.csv lake/reference/aircraft.csv lake/reference/airports.csv lake/reference/ne_110m_coastline.geojson "$1/lake/reference/"
    (cd "$1" && "$lakemake" gen flights --date 2025-09-18 --hours "${CRASH_HOURS:-3}" --aircraft "${CRASH_AIRCRAFT:-60}" \
        --interval 300 --seed 7 >/dev/null)
}

# A new upload for the sales lake, the same in the clean and the killed project.
late_sales() {
    (cd "$1" && "$lakemake" gen sales --stores 1 --days 1 --end 2025-11-28 --seed "$2" >/dev/null)
}

copy_inputs() {  # SRC DST: the project's rules and everything in its lake but the outputs
    rm -rf "$2"
    mkdir -p "$2/lake"
    cp -R "$1/rules" "$2/"
    for f in "$1/lake/"*; do
        case "$(basename "$f")" in processed|metrics|reports|rejected) ;; *) cp -R "$f" "$2/lake/" ;; esac
    done
}

outputs() {  # path and sha256 of every output, sorted
    (cd "$1/lake" && find processed metrics reports rejected -type f 2>/dev/null | LC_ALL=C sort | xargs -r -d '\n' sha256sum)
}

# The sqlite3 shell when installed, else Python's sqlite3 module.
integrity_check() {
    if command -v sqlite3 >/dev/null; then
        sqlite3 "$1" 'PRAGMA integrity_check' 2>&1
    else
        python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("PRAGMA integrity_check").fetchone()[0])' "$1" 2>&1
    fi
}

fail=0
survived=0
note() { echo "kill $1 ($2): $3"; fail=$((fail + 1)); }

rm -rf "$work"
mkdir -p "$work"
declare -A clean_ms
for p in "${pipelines[@]}"; do
    "setup_$p" "$work/$p-clean"
    start=$(date +%s%N)
    (cd "$work/$p-clean" && "$lakemake" build -q >/dev/null 2>&1) || { echo "clean $p build failed"; exit 1; }
    clean_ms[$p]=$(( ($(date +%s%N) - start) / 1000000 ))
    echo "clean $p build: ${clean_ms[$p]} ms, $(outputs "$work/$p-clean" | wc -l) outputs"
done

for ((k = 1; k <= kills; k++)); do
    p=${pipelines[$(( (k - 1) % ${#pipelines[@]} ))]}
    dir="$work/$p-killed"
    if (( k <= ${#pipelines[@]} )) || (( k % 10 == 0 )); then
        # A fresh copy of the clean project's inputs (late uploads included), nothing built.
        copy_inputs "$work/$p-clean" "$dir"
    else
        # Start the next full build from nothing built, keeping the raw files.
        rm -rf "$dir/lake/processed" "$dir/lake/metrics" "$dir/lake/reports" "$dir/lake/rejected" "$dir/lake/.lakemake"
    fi
    if (( k % 4 == 0 )) && declare -F "late_$p" >/dev/null; then
        "late_$p" "$dir" "$k"
        rm -rf "$work/$p-clean/lake/.lakemake"
        "late_$p" "$work/$p-clean" "$k"
        (cd "$work/$p-clean" && "$lakemake" build -q >/dev/null 2>&1)
    fi
    rounds=$(( k % 3 == 0 ? 2 : 1 ))
    for ((r = 0; r < rounds; r++)); do
        (cd "$dir" && exec "$lakemake" build -j 2 -q >/dev/null 2>&1) &
        pid=$!
        delay=$(( RANDOM % (clean_ms[$p] + 1) ))
        sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
        kill -KILL "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
    done
    expected=$(outputs "$work/$p-clean")
    # Whatever the kill left in place is complete.
    partial=$(LC_ALL=C comm -23 <(outputs "$dir" | grep -v ' rejected/' | LC_ALL=C sort) <(echo "$expected" | LC_ALL=C sort))
    [ -n "$partial" ] && note "$k" "$p" "partial output after the kill: $partial"
    if ! (cd "$dir" && "$lakemake" build -j 2 -q >/dev/null 2>&1); then
        note "$k" "$p" "the build after the kill failed"
        continue
    fi
    [ "$(outputs "$dir")" == "$expected" ] || note "$k" "$p" "outputs differ from a clean build"
    check=$(integrity_check "$dir/lake/.lakemake/catalog.db")
    [ "$check" == "ok" ] || note "$k" "$p" "integrity_check: $check"
    temps=$(find "$dir/lake/.lakemake/tmp" -type f 2>/dev/null | wc -l)
    [ "$temps" -eq 0 ] || note "$k" "$p" "$temps temporary files left"
    (cd "$dir" && "$lakemake" verify >/dev/null 2>&1) || note "$k" "$p" "verify is not clean"

    # After the recovery: delete one raw file and add one, in the killed and the clean project.
    victim=$(cd "$dir/lake" && find raw -type f | LC_ALL=C sort | sed -n "$(( k % 7 + 1 ))p")
    for d in "$dir" "$work/$p-clean"; do
        rm -f "$d/lake/$victim"
        if declare -F "late_$p" >/dev/null; then "late_$p" "$d" "$((1000 + k))"; fi
    done
    (cd "$work/$p-clean" && "$lakemake" build -q >/dev/null 2>&1)
    # Every other round a prefix build comes first (its exit status may say a rejection): it
    # stores the targets it did not run and the outputs of the deleted upload it left, and the
    # build after it must still end where a build from nothing does.
    if (( k % 2 == 1 )); then (cd "$dir" && "$lakemake" build -j 2 -q processed/ >/dev/null 2>&1) || true; fi
    if ! (cd "$dir" && "$lakemake" build -j 2 -q >/dev/null 2>&1); then
        note "$k" "$p" "the build after deleting $victim failed"
        continue
    fi
    fresh="$work/$p-fresh"
    copy_inputs "$work/$p-clean" "$fresh"
    (cd "$fresh" && "$lakemake" build -q >/dev/null 2>&1)
    [ "$(outputs "$dir")" == "$(outputs "$fresh")" ] || note "$k" "$p" "after deleting $victim and adding an upload, outputs differ from a build from nothing"
    survived=$((survived + 1))
done
echo "crash test: $kills kills over ${pipelines[*]}, $survived recovered, $fail failures"
[ "$fail" -eq 0 ]
