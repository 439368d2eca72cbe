#!/usr/bin/env bash
# Sales pipeline benchmarks (targets T4, T5, T8): lakemake against the original pipeline's
# way (pandas + pyarrow, one file at a time), DuckDB (read_json → COPY … TO parquet, one
# thread) and polars (read_json().write_parquet()) on the same generated sample, medians of
# RUNS runs, appended to bench/results.md.
set -euo pipefail
LAKEMAKE=$(realpath "$1")
PYTHON=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")  # not realpath: a venv python is a symlink
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$HERE/cache/sales-sample
RUNS=${RUNS:-5}
DAYS=${DAYS:-30}
mkdir -p "$WORK"

median() { "$PYTHON" -c 'import sys,statistics; print("%.3f" % statistics.median(float(x) for x in sys.argv[1:]))' "$@"; }
# Seconds and peak RSS (MB) of a command, as "SECONDS MB"; the command's output is discarded.
measure() {
  "$PYTHON" - "$@" <<'PY'
import resource, subprocess, sys, time
start = time.perf_counter()
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
elapsed = time.perf_counter() - start
print("%.3f %.1f" % (elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024))
PY
}
# Bytes of the regular files under a folder. Not `du -sb`: that also counts each folder's own
# size (4 KiB on ext4), which charged lakemake's 362 folders (processed/ and its Hive partitions,
# 1.5 MB) to its Parquet output while DuckDB, pandas and polars write into one folder each.
size_of() { find "$1" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }'; }

# The sample: 11 stores × DAYS days, generated once.
sample=$WORK/lake
if [ ! -f "$WORK/.ready-$DAYS" ]; then
  rm -rf "$WORK"; mkdir -p "$sample/reference"
  cp "$HERE/../lake/reference/stores.csv" "$sample/reference/"
  "$LAKEMAKE" --lake "$sample" gen sales --stores 11 --days "$DAYS" --end 2025-11-27 --seed 42 >/dev/null
  touch "$WORK/.ready-$DAYS"
fi
input_bytes=$(size_of "$sample/raw/sales")
files=$(ls "$sample/raw/sales" | wc -l)

# A fresh lake holding only raw/ and reference/ (symlinks would be rejected: copy).
fresh_lake() { rm -rf "$WORK/run"; mkdir -p "$WORK/run"; cp -R "$sample" "$WORK/run/lake"; cp -R "$HERE/../rules" "$WORK/run/"; }

cat > "$WORK/refs.py" <<'PY'
import sys, os, glob
tool, src, out = sys.argv[1], sys.argv[2], sys.argv[3]
files = sorted(glob.glob(os.path.join(src, "*.json")))
os.makedirs(out, exist_ok=True)
if tool == "pandas":
    import pandas as pd, pyarrow as pa, pyarrow.parquet as pq
    for f in files:
        df = pd.read_json(f)
        df["transaction_timestamp"] = pd.to_datetime(df["transaction_timestamp"], utc=True)
        pq.write_table(pa.Table.from_pandas(df, preserve_index=False), os.path.join(out, os.path.basename(f)[:-5] + ".parquet"), compression="snappy")
elif tool == "duckdb":
    import duckdb
    con = duckdb.connect(); con.execute("SET threads=1")
    for f in files:
        con.execute(f"COPY (SELECT * FROM read_json('{f}', format='array')) TO '{os.path.join(out, os.path.basename(f)[:-5] + '.parquet')}' (FORMAT parquet)")
elif tool == "polars":
    import polars as pl
    for f in files:
        pl.read_json(f).write_parquet(os.path.join(out, os.path.basename(f)[:-5] + ".parquet"))
PY
if ! "$PYTHON" -c 'import pandas' 2>/dev/null; then
  "$PYTHON" -m pip install --quiet --disable-pip-version-check pandas
fi

# T4: raw → Parquet only, one job.
t4=(); for _ in $(seq "$RUNS"); do
  fresh_lake; read -r s _ < <(cd "$WORK/run" && measure "$LAKEMAKE" build processed/ -j 1); t4+=("$s")
done
t4_lm=$(median "${t4[@]}"); t4_size=$(size_of "$WORK/run/lake/processed")
declare -A ref_time ref_size
for tool in pandas duckdb polars; do
  t=(); for _ in $(seq "$RUNS"); do
    rm -rf "$WORK/ref-$tool"; read -r s _ < <(measure "$PYTHON" "$WORK/refs.py" "$tool" "$sample/raw/sales" "$WORK/ref-$tool"); t+=("$s")
  done
  ref_time[$tool]=$(median "${t[@]}"); ref_size[$tool]=$(size_of "$WORK/ref-$tool")
done

# T5 and T8: the whole pipeline from an empty lake, default -j, with peak memory.
t5=(); m5=(); for _ in $(seq "$RUNS"); do
  fresh_lake; read -r s m < <(cd "$WORK/run" && measure "$LAKEMAKE" build); t5+=("$s"); m5+=("$m")
done
t5_lm=$(median "${t5[@]}"); t8_mb=$(median "${m5[@]}")
targets=$(cd "$WORK/run" && "$LAKEMAKE" build -q 2>&1 | tail -1)

py() { "$PYTHON" -c "print($1)"; }
mbs() { py "'%.1f' % ($input_bytes / 1e6 / $1)"; }
smaller() { py "'%.1f×' % ($input_bytes / $1)"; }
verdict() { py "'met' if $1 else 'NOT MET'"; }
machine="$(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB"
report=$(cat <<MD

## Sales pipeline — $(date -u +%Y-%m-%d) — $machine

Sample: $files uploads (11 stores × $DAYS days), $(py "'%.1f' % ($input_bytes / 1e6)") MB of JSON.

| # | figure | lakemake | reference | ratio | target |
| --- | --- | --- | --- | --- | --- |
| T4 | JSON → Parquet, \`build processed/ -j 1\` | ${t4_lm} s, $(mbs "$t4_lm") MB/s, $(smaller "$t4_size") smaller | polars ${ref_time[polars]} s, $(mbs "${ref_time[polars]}") MB/s, $(smaller "${ref_size[polars]}") smaller | $(py "'%.1f×' % (${ref_time[polars]} / $t4_lm)") polars' speed | ≥ 2× polars: $(verdict "${ref_time[polars]} / $t4_lm >= 2") |
| T4 | same, output size | $t4_size bytes | DuckDB ${ref_time[duckdb]} s, $(mbs "${ref_time[duckdb]}") MB/s, ${ref_size[duckdb]} bytes ($(smaller "${ref_size[duckdb]}") smaller) | $(py "'%.2f' % ($t4_size / ${ref_size[duckdb]})") of DuckDB's size | no larger than DuckDB: $(verdict "$t4_size <= ${ref_size[duckdb]}") |
| T4 | same, against the original way | | pandas + pyarrow ${ref_time[pandas]} s, $(mbs "${ref_time[pandas]}") MB/s, $(smaller "${ref_size[pandas]}") smaller | $(py "'%.1f×' % (${ref_time[pandas]} / $t4_lm)") faster | |
| T5 | whole pipeline from an empty lake, default -j | ${t5_lm} s | pandas + pyarrow Parquet step alone ${ref_time[pandas]} s | $(py "'%.1f×' % (${ref_time[pandas]} / $t5_lm)") faster | faster than pandas: $(verdict "$t5_lm < ${ref_time[pandas]}") |
| T8 | peak memory of T5 | ${t8_mb} MB | | | ≤ 300 MB: $(verdict "$t8_mb <= 300") |

Medians of $RUNS runs. After T5: \`$targets\`.
MD
)
echo "$report"
echo "$report" >> "$HERE/results.md"
