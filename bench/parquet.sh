#!/usr/bin/env bash
# Parquet write and read throughput, file sizes and Snappy speed: lakemake against pyarrow
# and cramjam on the same data, medians of RUNS runs, appended to bench/results.md.
#
# The table is ROWS rows (10 million by default) of the sales schema (sales.md §2), generated
# once as CSV into bench/cache/. Write = CSV → Parquet (`lakemake parquet from-csv` against
# pyarrow.csv + pq.write_table); read = Parquet → CSV (`lakemake parquet cat --csv` against
# pq.read_table + pyarrow.csv.write_csv), both on lakemake's file. pyarrow is held to one
# thread, as lakemake uses one. Snappy is timed as whole processes on the first SNAPPY_MB of
# the CSV (`lakemake parquet snappy` against cramjam's raw Snappy), start-up included.
set -euo pipefail
LAKEMAKE=$(realpath "$1")
# Absolute, but not through realpath: a venv's python is a symlink, and resolving it would
# leave the venv (and its packages) behind.
PYTHON=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$HERE/cache/parquet
RUNS=${RUNS:-5}
ROWS=${ROWS:-10000000}
SNAPPY_MB=${SNAPPY_MB:-128}
REF=$HERE/parquet_reference.py
TYPES="transaction_timestamp:timestamp-ms,quantity:int32,unit_price:decimal(10,2),line_total:decimal(10,2),discount_amount:decimal(10,2)"
mkdir -p "$WORK"

median() { "$PYTHON" -c 'import sys,statistics; print("%.2f" % statistics.median(float(x) for x in sys.argv[1:]))' "$@"; }
timed() { local s e; s=$(date +%s.%N); "$@" >/dev/null; e=$(date +%s.%N); echo "$e - $s" | bc -l; }
runs() { local t=(); for _ in $(seq "$RUNS"); do t+=("$(timed "$@")"); done; median "${t[@]}"; }
# MB/s for BYTES processed in SECONDS.
rate() { "$PYTHON" -c "print('%.0f' % ($1 / 1e6 / $2))"; }
ratio() { "$PYTHON" -c "print('%.2f' % ($1 / $2))"; }
size_mb() { "$PYTHON" -c "print('%.1f' % ($(stat -c %s "$1") / 1e6))"; }

if ! "$PYTHON" -c 'import pyarrow, cramjam' 2>/dev/null; then
  echo "bench/parquet.sh: $PYTHON lacks pyarrow or cramjam; 'make venv' installs them" >&2
  exit 1
fi

csv=$WORK/sales-$ROWS.csv
if [ ! -f "$csv" ]; then
  echo "generating $ROWS rows into $csv" >&2
  "$PYTHON" "$HERE/parquet_generate.py" "$ROWS" "$csv.tmp" && mv "$csv.tmp" "$csv"
fi
csv_bytes=$(stat -c %s "$csv")
ours=$WORK/lakemake.parquet
theirs=$WORK/pyarrow.parquet
sh_cat() { "$LAKEMAKE" parquet cat --csv "$1" > /dev/null; }

echo "write: CSV → Parquet" >&2
w_lm=$(runs "$LAKEMAKE" parquet from-csv --types "$TYPES" "$csv" "$ours")
w_pa=$(runs "$PYTHON" "$REF" write "$csv" "$theirs")
if "$PYTHON" "$REF" check "$ours" "$theirs"; then same="pyarrow reads the same rows from both files"; else same="THE FILES DIFFER"; fi

echo "read: Parquet → CSV" >&2
r_lm=$(runs sh_cat "$ours")
r_pa=$(runs "$PYTHON" "$REF" read "$ours")

echo "snappy" >&2
block=$WORK/snappy-input.bin
head -c $(( SNAPPY_MB * 1000000 )) "$csv" > "$block"
block_bytes=$(stat -c %s "$block")
c_lm=$(runs "$LAKEMAKE" parquet snappy "$block" "$WORK/ours.snappy")
c_cj=$(runs "$PYTHON" "$REF" compress "$block" "$WORK/cramjam.snappy")
d_lm=$(runs "$LAKEMAKE" parquet snappy -d "$WORK/cramjam.snappy" "$WORK/ours.out")
d_cj=$(runs "$PYTHON" "$REF" decompress "$WORK/ours.snappy" "$WORK/cramjam.out")
cmp -s "$WORK/ours.out" "$block" && cmp -s "$WORK/cramjam.out" "$block" && exchange="each side expands the other's block to the input" || exchange="ROUND TRIP FAILED"

machine="$(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB"
report=$(cat <<MD

## Parquet — $(date -u +%Y-%m-%d) — $machine

$ROWS rows of the sales schema, CSV $(size_mb "$csv") MB. Rates are MB of CSV (or of Snappy input) per second; ratio = lakemake's rate / the reference's.

| figure | lakemake | reference | ratio |
| --- | --- | --- | --- |
| write CSV → Parquet (Snappy) | ${w_lm} s, $(rate "$csv_bytes" "$w_lm") MB/s | pyarrow ${w_pa} s, $(rate "$csv_bytes" "$w_pa") MB/s | $(ratio "$w_pa" "$w_lm") |
| read Parquet → CSV | ${r_lm} s, $(rate "$csv_bytes" "$r_lm") MB/s | pyarrow ${r_pa} s, $(rate "$csv_bytes" "$r_pa") MB/s | $(ratio "$r_pa" "$r_lm") |
| file size | $(size_mb "$ours") MB | pyarrow $(size_mb "$theirs") MB | $(ratio "$(stat -c %s "$ours")" "$(stat -c %s "$theirs")") × the size |
| Snappy compress, ${SNAPPY_MB} MB of CSV | ${c_lm} s, $(rate "$block_bytes" "$c_lm") MB/s, $(size_mb "$WORK/ours.snappy") MB | cramjam ${c_cj} s, $(rate "$block_bytes" "$c_cj") MB/s, $(size_mb "$WORK/cramjam.snappy") MB | $(ratio "$c_cj" "$c_lm") |
| Snappy decompress | ${d_lm} s, $(rate "$block_bytes" "$d_lm") MB/s | cramjam ${d_cj} s, $(rate "$block_bytes" "$d_cj") MB/s | $(ratio "$d_cj" "$d_lm") |

Medians of $RUNS runs, whole processes (start-up included), pyarrow on one thread, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end. Check: $same; Snappy: $exchange.
MD
)
echo "$report"
echo "$report" >> "$HERE/results.md"
