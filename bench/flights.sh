#!/usr/bin/env bash
# Flight pipeline benchmarks (targets T6, T7, T8) against DuckDB and pyarrow on the same
# generated data, medians of RUNS runs, appended to bench/results.md.
#
#   T6  24 hours × 12 snapshots × AIRCRAFT states → hourly Parquet (lakemake build processed/flights/)
#       vs DuckDB reading the same JSON and writing one Parquet file per hour (default threads).
#   T7  `flights query` for a 5°×5° box over the day, cold process, vs DuckDB read_parquet and
#       pyarrow.dataset with the same filter, order and limit.
#   T8  peak memory (max RSS) of the T6 build.
set -euo pipefail
LAKEMAKE=$(realpath "$1")
# Not realpath: a venv python is a symlink, and resolving it would leave the venv.
PYTHON=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(dirname "$HERE")
WORK=$HERE/cache
RUNS=${RUNS:-5}
AIRCRAFT=${AIRCRAFT:-10000}
DATE=2025-09-18
mkdir -p "$WORK"

median() { "$PYTHON" -c 'import sys,statistics; print("%.3f" % statistics.median(float(x) for x in sys.argv[1:]))' "$@"; }
# Seconds taken by a command; its output goes to cache/last.log, and a failure stops the benchmark.
timed() {
  local s e; s=$(date +%s.%N)
  if ! "$@" >"$WORK/last.log" 2>&1; then echo "failed: $*" >&2; tail -5 "$WORK/last.log" >&2; exit 1; fi
  e=$(date +%s.%N); echo "$e - $s" | bc -l
}
ratio() { "$PYTHON" -c 'import sys; a, b = float(sys.argv[1]), float(sys.argv[2]); print("%.2f" % (a / b if b else 0))' "$1" "$2"; }

# ---------------------------------------------------------------------------------------
# The data: one generated day, in a lake with the repository's references and flight rules.
lake=$WORK/flights-$AIRCRAFT
if [ ! -f "$lake/.ready" ]; then
  rm -rf "$lake"; mkdir -p "$lake/lake/raw" "$lake/lake/reference" "$lake/rules"
  cp "$REPO"/lake/reference/{airports,airlines,aircraft}.csv "$REPO"/lake/reference/ne_110m_coastline.geojson "$lake/lake/reference/"
  cp "$REPO/rules/flights.rules" "$REPO/rules/quicksight.rules" "$lake/rules/"
  (cd "$lake" && "$LAKEMAKE" gen flights --date $DATE --hours 24 --aircraft "$AIRCRAFT" --interval 300 --seed 7 --bad-rows 0.01 >/dev/null)
  touch "$lake/.ready"
fi
cd "$lake"
json_bytes=$(du -sb lake/raw/flights | cut -f1)
states=$(( AIRCRAFT * 288 ))

# ---------------------------------------------------------------------------------------
# T6 and T8: hourly Parquet from an empty output side, -j 2 (the machine's cores).
t6_lm=(); t8_kb=()
for _ in $(seq "$RUNS"); do
  rm -rf lake/processed lake/metrics lake/reports lake/rejected lake/.lakemake
  s=$(date +%s.%N)
  /usr/bin/time -f '%M' -o "$WORK/time.txt" "$LAKEMAKE" build -j 2 processed/flights/ >/dev/null 2>&1 || true
  e=$(date +%s.%N)
  t6_lm+=("$(echo "$e - $s" | bc -l)"); t8_kb+=("$(tail -1 "$WORK/time.txt")")
done
lm_parquet_bytes=$(du -sb lake/processed/flights | cut -f1)

cat > "$WORK/duckdb_t6.py" <<'PY'
import duckdb, sys, os
raw, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
con = duckdb.connect()
for hour in sorted(os.listdir(raw)):
    con.execute(f"""
    COPY (
      WITH snaps AS (
        SELECT time, unnest(states) AS s
        FROM read_json('{raw}/{hour}/*.json', columns={{'time': 'BIGINT', 'states': 'JSON[]'}}))
      SELECT to_timestamp(time) AS snapshot_time, s->>0 AS icao24, nullif(trim(s->>1), '') AS callsign,
             s->>2 AS origin_country, to_timestamp((s->>3)::BIGINT) AS time_position,
             to_timestamp((s->>4)::BIGINT) AS last_contact, (s->>5)::DOUBLE AS longitude,
             (s->>6)::DOUBLE AS latitude, (s->>7)::DOUBLE AS baro_altitude_m, (s->>13)::DOUBLE AS geo_altitude_m,
             (s->>8)::BOOLEAN AS on_ground, (s->>9)::DOUBLE AS velocity_ms, (s->>10)::DOUBLE AS true_track,
             (s->>11)::DOUBLE AS vertical_rate_ms, s->>14 AS squawk, (s->>15)::BOOLEAN AS spi,
             (s->>16)::INTEGER AS position_source,
             (s->>7)::DOUBLE * 3.28084 AS baro_altitude_ft, (s->>9)::DOUBLE * 1.94384 AS velocity_kt,
             (s->>11)::DOUBLE * 196.850394 AS vertical_rate_fpm
      FROM snaps ORDER BY icao24, coalesce(time_position, last_contact)
    ) TO '{out}/{hour}.parquet' (FORMAT parquet)""")
PY
t6_duck=()
for _ in $(seq "$RUNS"); do
  rm -rf "$WORK/duck-out"
  v=$(timed "$PYTHON" "$WORK/duckdb_t6.py" "$lake/lake/raw/flights/date=$DATE" "$WORK/duck-out"); t6_duck+=("$v")
done
duck_parquet_bytes=$(du -sb "$WORK/duck-out" | cut -f1)

t6_lm_med=$(median "${t6_lm[@]}"); t6_duck_med=$(median "${t6_duck[@]}")
t8_mb=$("$PYTHON" -c 'import sys,statistics; print("%.0f" % (statistics.median(int(x) for x in sys.argv[1:]) / 1024))' "${t8_kb[@]}")
mbps() { "$PYTHON" -c 'import sys; print("%.1f" % (float(sys.argv[1]) / 1e6 / float(sys.argv[2])))' "$json_bytes" "$1"; }
t6_speedup=$(ratio "$t6_duck_med" "$t6_lm_med")

# ---------------------------------------------------------------------------------------
# T7: a 5°×5° box over the day, cold processes.
BOX="45,5,50,10"
cat > "$WORK/duckdb_t7.py" <<'PY'
import duckdb, sys
rows = duckdb.sql(f"""
  SELECT icao24, callsign, origin_country, snapshot_time, time_position, last_contact, latitude, longitude,
         baro_altitude_ft, velocity_kt, vertical_rate_fpm, true_track, on_ground, squawk, flight_phase,
         altitude_band, speed_band, airline_icao, airline_name, registration, typecode, quality_score, quality_grade
  FROM read_parquet('{sys.argv[1]}/processed/flights/date=2025-09-18/hour=*/data.parquet')
  WHERE latitude BETWEEN 45 AND 50 AND longitude BETWEEN 5 AND 10
  ORDER BY coalesce(time_position, last_contact), icao24, snapshot_time LIMIT 100""").to_arrow_table()
print(rows.num_rows)
PY
cat > "$WORK/pyarrow_t7.py" <<'PY'
import pyarrow.dataset as ds, pyarrow.compute as pc, sys
d = ds.dataset(f"{sys.argv[1]}/processed/flights/date=2025-09-18", format="parquet")
f = (pc.field("latitude") >= 45) & (pc.field("latitude") <= 50) & (pc.field("longitude") >= 5) & (pc.field("longitude") <= 10)
t = d.to_table(filter=f).sort_by([("time_position", "ascending"), ("icao24", "ascending"), ("snapshot_time", "ascending")]).slice(0, 100)
print(t.num_rows)
PY
t7_lm=(); t7_duck=(); t7_arrow=()
for _ in $(seq "$RUNS"); do
  v=$(timed "$LAKEMAKE" flights query --bbox $BOX --date $DATE --limit 100); t7_lm+=("$v")
  v=$(timed "$PYTHON" "$WORK/duckdb_t7.py" "$lake/lake"); t7_duck+=("$v")
  v=$(timed "$PYTHON" "$WORK/pyarrow_t7.py" "$lake/lake"); t7_arrow+=("$v")
done
t7_lm_med=$(median "${t7_lm[@]}"); t7_duck_med=$(median "${t7_duck[@]}"); t7_arrow_med=$(median "${t7_arrow[@]}")
t7_total=$("$LAKEMAKE" flights query --bbox $BOX --date $DATE --limit 1 | grep '"total"' | tr -dc '0-9')

# ---------------------------------------------------------------------------------------
verdict() { if [ "$1" = 1 ]; then echo "met"; else echo "NOT MET"; fi; }
t6_ok=$("$PYTHON" -c "print(1 if $t6_speedup >= 2 else 0)")
t7_ok=$("$PYTHON" -c "print(1 if $t7_lm_med <= $t7_duck_med else 0)")
t8_ok=$("$PYTHON" -c "print(1 if $t8_mb <= 300 else 0)")
report=$(cat <<MD

## Flights (T6–T8) — $(date -u +%Y-%m-%d), $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB memory

Data: $DATE, 24 hours × 12 snapshots × $AIRCRAFT states ($states rows, $(( json_bytes / 1000000 )) MB of JSON), 1 % injected faults. Medians of $RUNS runs.

| # | figure | lakemake | reference | ratio | target |
| --- | --- | --- | --- | --- | --- |
| T6 | JSON → hourly Parquet, s (MB/s) | $t6_lm_med ($(mbps "$t6_lm_med")) | DuckDB $t6_duck_med ($(mbps "$t6_duck_med")) | $t6_speedup× | ≥ 2× DuckDB: $(verdict "$t6_ok") |
| T6 | Parquet size, MB | $(( lm_parquet_bytes / 1000000 )) (validated, 34 columns) | DuckDB $(( duck_parquet_bytes / 1000000 )) (20 columns, no validation) | | |
| T7 | query $BOX over the day ($t7_total rows), cold, s | $t7_lm_med | DuckDB $t7_duck_med, pyarrow $t7_arrow_med | $(ratio "$t7_lm_med" "$t7_duck_med")× DuckDB's time | ≤ DuckDB: $(verdict "$t7_ok") |
| T8 | peak memory of T6, MB | $t8_mb | | | ≤ 300 MB: $(verdict "$t8_ok") |
MD
)
echo "$report"
echo "$report" >> "$HERE/results.md"
