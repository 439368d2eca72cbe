#!/usr/bin/env bash
# No-op and incremental build benchmarks (targets T1–T3): lakemake against GNU make and
# Snakemake on the same file counts, medians of 5 runs, appended to bench/results.md.
#
# T1/T3 run the full sales rules (rules/sales.rules) over small valid uploads (one line item
# per store-day), so the lake has every target kind: partitions, store/company/product
# metrics, insights, reports and QuickSight exports.
set -euo pipefail
LAKEMAKE=$(realpath "$1")
PYTHON=$2
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$HERE/cache
RUNS=${RUNS:-5}
SMALL=${SMALL:-10000}
LARGE=${LARGE:-100000}
mkdir -p "$WORK"

median() { "$PYTHON" -c 'import sys,statistics; print("%.3f" % statistics.median(float(x) for x in sys.argv[1:]))' "$@"; }
# Seconds taken by a command (its output discarded).
timed() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N); echo "$e - $s" | bc -l; }
runs() { local t=(); for _ in $(seq "$RUNS"); do t+=("$(timed "$@")"); done; median "${t[@]}"; }
# The median, fastest and slowest of $RUNS runs: a figure near its target shows how far the
# machine's own swing takes it.
runs_spread() {
  local t=(); for _ in $(seq "$RUNS"); do t+=("$(timed "$@")"); done
  "$PYTHON" -c 'import sys,statistics; x=[float(v) for v in sys.argv[1:]]; print("%.3f %.3f %.3f" % (statistics.median(x), min(x), max(x)))' "${t[@]}"
}

if ! "$PYTHON" -c 'import snakemake' 2>/dev/null; then
  "$PYTHON" -m pip install --quiet --disable-pip-version-check snakemake
fi
SNAKEMAKE=$(dirname "$PYTHON")/snakemake

# ---------------------------------------------------------------------------------------
# T2: 10 000 raw files, one copy rule.
small=$WORK/noop-$SMALL
if [ ! -f "$small/.ready" ]; then
  rm -rf "$small"; mkdir -p "$small/lake/raw" "$small/rules"
  "$PYTHON" - "$small/lake/raw" "$SMALL" <<'PY'
import sys, os
d, n = sys.argv[1], int(sys.argv[2])
for i in range(n):
    with open(os.path.join(d, f"f{i:06d}.txt"), "w") as f: f.write(f"file {i}\n")
PY
  printf 'rule copy_all\n  in   raw/{name}.txt\n  out  processed/{name}.txt\n  run  copy\n' > "$small/rules/copy.rules"
  cat > "$small/Makefile" <<'MK'
SRC := $(wildcard lake/raw/*.txt)
OUT := $(patsubst lake/raw/%.txt,make-out/%.txt,$(SRC))
all: $(OUT)
make-out/%.txt: lake/raw/%.txt
	@mkdir -p make-out && cp $< $@
MK
  cat > "$small/Snakefile" <<'SM'
import os
NAMES = [f[:-4] for f in os.listdir("lake/raw") if f.endswith(".txt")]
rule all:
    input: expand("snake-out/{name}.txt", name=NAMES)
rule copy:
    input: "lake/raw/{name}.txt"
    output: "snake-out/{name}.txt"
    shell: "cp {input} {output}"
SM
  # Snakemake's outputs are made by copying (running 10 000 jobs through it would take longer
  # than everything else); its dry run then finds them up to date, which is what is measured.
  (cd "$small" && "$LAKEMAKE" build -q >/dev/null && make -s -j2 >/dev/null && cp -R lake/raw snake-out && touch snake-out/*)
  touch "$small/.ready"
fi
cd "$small"
stats=$("$LAKEMAKE" build --stats -q 2>&1 >/dev/null | tail -1)
t2_lm=$(runs "$LAKEMAKE" build -q)
t2_make=$(runs make -s)
t2_snake=$(runs "$SNAKEMAKE" -n -c1 -q)

# ---------------------------------------------------------------------------------------
# T1 and T3: LARGE raw files in the sales shape.
large=$WORK/sales-rules-$LARGE
stores=100
days=$(( LARGE / stores ))
if [ ! -f "$large/.ready" ]; then
  rm -rf "$large"; mkdir -p "$large/lake/raw/sales" "$large/lake/reference" "$large/rules"
  "$PYTHON" - "$large/lake/raw/sales" "$stores" "$days" <<'PY'
import sys, os, datetime
d, stores, days = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
start = datetime.date(2020, 1, 1)
for k in range(days):
    day = (start + datetime.timedelta(days=k)).isoformat()
    for s in range(1, stores + 1):
        with open(os.path.join(d, f"store_{s:04d}_{day}.json"), "w") as f:
            f.write(f'[{{"transaction_id":"TXN-{s:04d}-{k}","transaction_timestamp":"{day}T12:00:00Z","item_sku":"SMURF-MUG-001",'
                    f'"item_name":"Smurf Mushroom Mug","quantity":1,"unit_price":12.99,"line_total":12.99,"discount_amount":0.0,'
                    f'"payment_method":"cash","customer_id":"CUST-{s:05d}"}}]\n')
PY
  { echo "store_id,name,city,opened"; for s in $(seq 1 "$stores"); do printf '%04d,Store %d,Town,2020-01-01\n' "$s" "$s"; done; } > "$large/lake/reference/stores.csv"
  cp "$HERE/../rules/sales.rules" "$HERE/../rules/quicksight.rules" "$large/rules/"
  cat > "$large/Makefile" <<'MK'
SRC := $(wildcard lake/raw/sales/*.json)
OUT := $(patsubst lake/raw/sales/%.json,make-out/%.json,$(SRC))
all: $(OUT)
make-out/%.json: lake/raw/sales/%.json
	@mkdir -p make-out && cp $< $@
MK
  (cd "$large" && "$LAKEMAKE" build -q >/dev/null && make -s -j2 >/dev/null)
  touch "$large/.ready"
fi
cd "$large"
t1_stats=$("$LAKEMAKE" build --stats -q 2>&1 >/dev/null | tail -1)
read -r t1_lm t1_min t1_max <<< "$(runs_spread "$LAKEMAKE" build -q)"
/usr/bin/time -f '%M' -o "$WORK/time.txt" "$LAKEMAKE" build -q >/dev/null
t1_mb=$(( $(cat "$WORK/time.txt") / 1024 ))
t1_make=$(runs make -s)

# T3: one new store file for a day in the middle, then the same upload corrected, then
# deleted; $RUNS times, medians. Each build must run only what `build -n` planned just before
# it. The first new upload must also rebuild its partition and store metrics, its day's
# aggregates and store exports, the insights of that day and the 28 following (their 28-day
# window holds it) and the daily reports of that day and the 7 following (their 7-day window
# holds it); anything else it runs (insight exports, reports and manifests whose inputs came
# out changed; early cutoff spares the rest) must be among what `build -n` planned.
mid=$("$PYTHON" -c "import datetime; print((datetime.date(2020,1,1)+datetime.timedelta(days=$days//2)).isoformat())")
new=lake/raw/sales/store_0999_$mid.json
outputs_of() { "$PYTHON" -c "import json,sys; print(' '.join(sorted(t['output'] for t in json.load(open(sys.argv[1]))['targets'])))" "$1"; }
within() { "$PYTHON" -c "import sys; a=set(sys.argv[1].split()); b=set(sys.argv[2].split()); print('ran %d of the %d targets build -n planned' % (len(a), len(b)) if a <= b else 'RAN OUTSIDE THE PLAN: ' + ' '.join(sorted(a - b)))" "$1" "$2"; }
incremental() {  # times one build, records its peak memory, checks it against build -n
    "$LAKEMAKE" build -n --json > "$WORK/plan.json" || true
    /usr/bin/time -f '%e %M' -o "$WORK/time.txt" "$LAKEMAKE" build --json > "$WORK/run.json" || true
    read -r secs kb < "$WORK/time.txt"
    echo "$secs $(( kb / 1024 )) $(within "$(outputs_of "$WORK/run.json")" "$(outputs_of "$WORK/plan.json")")"
}
dependents() {  # the first new upload's rebuilt targets against those it must rebuild
"$PYTHON" - "$mid" "$days" "$WORK/run.json" "$WORK/plan.json" <<'PY'
import sys, json, datetime
mid = datetime.date.fromisoformat(sys.argv[1]); last = datetime.date(2020,1,1) + datetime.timedelta(days=int(sys.argv[2]) - 1)
rebuilt = {t['output'] for t in json.load(open(sys.argv[3]))['targets']}
planned = {t['output'] for t in json.load(open(sys.argv[4]))['targets']}
must = {f"processed/sales/date={mid}/store_id=0999/data.parquet", f"metrics/sales/stores/date={mid}/store_id=0999.json",
        f"metrics/sales/company/date={mid}.json", f"metrics/sales/products/date={mid}.json",
        f"reports/quicksight/store_summaries/date={mid}.ndjson", f"reports/quicksight/top_products/date={mid}.ndjson"}
for k in range(0, 29):
    d = mid + datetime.timedelta(days=k)
    if d <= last:
        must.add(f"reports/sales/insights/date={d}.json")
        if k <= 7: must.add(f"reports/sales/daily/date={d}/report.txt")
if not must <= rebuilt: print("MISSED: " + " ".join(sorted(must - rebuilt)))
elif not rebuilt <= planned: print("RAN OUTSIDE THE PLAN: " + " ".join(sorted(rebuilt - planned)))
else: print(f"the {len(must)} dependents it must, and {len(rebuilt - must)} more of the {len(planned)} build -n planned")
PY
}
keep_check() {  # KEPT NEW: a failed check, once seen, is the one reported
    case "$1" in MISSED*|RAN*) echo "$1" ;; *) echo "$2" ;; esac
}
rm -f "$new"; "$LAKEMAKE" build -q >/dev/null
t3n_all=(); t3c_all=(); t3d_all=(); t11_max=0; t3_ok=""; t3n_check=""; t3c_check=""; t3d_check=""
for run in $(seq "$RUNS"); do
  printf '[{"transaction_id":"TXN-0999-1","transaction_timestamp":"%sT12:00:00Z","item_sku":"SMURF-MUG-001","item_name":"Smurf Mushroom Mug","quantity":2,"unit_price":12.99,"line_total":25.98,"discount_amount":0.0,"payment_method":"cash","customer_id":"CUST-00999"}]\n' "$mid" > "$new"
  read -r secs mb check <<< "$(incremental)"
  t3n_all+=("$secs"); t11_max=$(( mb > t11_max ? mb : t11_max )); t3n_check=$(keep_check "$t3n_check" "$check")
  [ "$run" = 1 ] && t3_ok=$(dependents)
  sed -i 's/"quantity":2/"quantity":3/; s/25.98/38.97/' "$new"
  read -r secs mb check <<< "$(incremental)"
  t3c_all+=("$secs"); t11_max=$(( mb > t11_max ? mb : t11_max )); t3c_check=$(keep_check "$t3c_check" "$check")
  rm -f "$new"
  read -r secs mb check <<< "$(incremental)"
  t3d_all+=("$secs"); t11_max=$(( mb > t11_max ? mb : t11_max )); t3d_check=$(keep_check "$t3d_check" "$check")
done
t3n_s=$(median "${t3n_all[@]}"); t3c_s=$(median "${t3c_all[@]}"); t3d_s=$(median "${t3d_all[@]}")

# T3w: `watch` on that lake: from a file landing to the summary line of the build that took
# it in (quiet period 0.05 s, included), for a new, a corrected and a deleted upload; medians.
# The target is on the engine's share: the landing-to-summary time minus the build's run phase
# (its actions, publishing and journal), which `watch --stats` prints after each summary.
watch_log=$WORK/watch.log
"$LAKEMAKE" watch --stats --quiet-period 0.05 > "$watch_log" 2>&1 &
watch_pid=$!
# Summary lines only ("N built, ..."): the log also holds the watcher's own notes on stderr.
summaries() { grep -c 'built, ' "$watch_log" 2>/dev/null || true; }
# The start-up build (a full check of the lake) first; after it watch decodes the plan it left
# for the next build, which takes a moment: landings are timed once it waits for files.
for _ in $(seq 600); do [ "$(summaries)" -ge 1 ] && break; sleep 0.1; done
sleep 3
landed() {  # waits for the summary of the build after the one counted in $1, prints seconds
    local lines=$1 s=$2
    while [ "$(summaries)" -le "$lines" ]; do sleep 0.01; done
    echo "$(date +%s.%N) - $s" | bc -l
}
t3w_all=(); t3w_engine=()
for step in new corrected deleted; do
    lines=$(summaries); s=$(date +%s.%N)
    case $step in
    new) printf '[{"transaction_id":"TXN-0999-1","transaction_timestamp":"%sT12:00:00Z","item_sku":"SMURF-MUG-001","item_name":"Smurf Mushroom Mug","quantity":2,"unit_price":12.99,"line_total":25.98,"discount_amount":0.0,"payment_method":"cash","customer_id":"CUST-00999"}]\n' "$mid" > "$new.tmp" && mv "$new.tmp" "$new" ;;
    corrected) sed 's/"quantity":2/"quantity":3/; s/25.98/38.97/' "$new" > "$new.tmp" && mv "$new.tmp" "$new" ;;
    deleted) rm -f "$new" ;;
    esac
    took=$(landed "$lines" "$s")
    # The run phase of that build, from the --stats line after its summary.
    while [ "$(grep -c '^phases:' "$watch_log")" -lt "$(summaries)" ]; do sleep 0.01; done
    run_ms=$(grep '^phases:' "$watch_log" | tail -1 | sed 's/.*run \([0-9.]*\) ms.*/\1/')
    t3w_all+=("$took"); t3w_engine+=("$(echo "$took - $run_ms / 1000" | bc -l)")
    sleep 3
done
t3w=$(median "${t3w_all[@]}"); t3w_rest=$(median "${t3w_engine[@]}")
kill -INT "$watch_pid"; wait "$watch_pid" 2>/dev/null || true
rm -f "$new"; "$LAKEMAKE" build -q >/dev/null

# ---------------------------------------------------------------------------------------
ratio() { "$PYTHON" -c "print('%.1f×' % ($1 / $2))"; }
verdict() { "$PYTHON" -c "print('met' if $1 else 'NOT MET')"; }
machine="$(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB"
report=$(cat <<MD

## No-op and incremental builds — $(date -u +%Y-%m-%d) — $machine

| # | figure | lakemake | reference | ratio | target |
| --- | --- | --- | --- | --- | --- |
| T2 | no-op build, $SMALL raw files, one copy rule | ${t2_lm} s | GNU make ${t2_make} s | $(ratio "$t2_make" "$t2_lm") faster | ≤ 0.1 s: $(verdict "$t2_lm <= 0.1") |
| T2 | same, against Snakemake's no-op dry run | ${t2_lm} s | Snakemake ${t2_snake} s | $(ratio "$t2_snake" "$t2_lm") faster | |
| T1 | no-op build, $LARGE raw files, full sales rules ($(( 2 * LARGE + 9 * days + 5 )) targets) | ${t1_lm} s (runs ${t1_min}–${t1_max} s) | GNU make ${t1_make} s | $(ratio "$t1_make" "$t1_lm") faster | ≤ 0.5 s and ≥ 50×: $(verdict "$t1_lm <= 0.5 and $t1_make / $t1_lm >= 50") |
| T3 | one new store file in that lake, then the same upload corrected, then deleted | ${t3n_s} s, ${t3c_s} s, ${t3d_s} s | | | ≤ 1 s each: $(verdict "max($t3n_s, $t3c_s, $t3d_s) <= 1.0"); the first new one rebuilt $t3_ok; new: $t3n_check; corrected: $t3c_check; deleted: $t3d_check |
| T11 | peak memory of those builds (the largest of the $(( 3 * RUNS )), and of the no-op) | ${t11_max} MB, no-op ${t1_mb} MB | | | ≤ 300 MB: $(verdict "max($t11_max, $t1_mb) <= 300") |
| T3w | \`watch\`: an upload landing (new, corrected, deleted) → the summary line of its build (quiet period 0.05 s) | $(printf '%.3f' "$t3w") s, of which $(printf '%.3f' "$t3w_rest") s outside the run phase | | | ≤ 0.3 s besides the actions: $(verdict "$t3w_rest <= 0.3") |

Medians of $RUNS runs. No-op counters (T2): \`$stats\`. (T1): \`$t1_stats\`.
MD
)
echo "$report"
echo "$report" >> "$HERE/results.md"
