#!/usr/bin/env bash
# T9: SHA-256 throughput, measured the way lakemake uses it: a dry-run build after a raw file's
# fingerprint changed hashes that file (and nothing else here). Reference: coreutils sha256sum
# on the same file, same run. Medians of 5 runs, appended to bench/results.md.
set -euo pipefail
LAKEMAKE=$(realpath "$1")
PYTHON=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")  # not realpath: a venv python is a symlink
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$HERE/cache/sha256
MB=${SHA_MB:-512}
RUNS=${RUNS:-5}
mkdir -p "$WORK/lake/raw" "$WORK/rules"
if [ ! -f "$WORK/lake/raw/big.bin" ] || [ "$(stat -c %s "$WORK/lake/raw/big.bin")" -ne $((MB * 1048576)) ]; then
  head -c $((MB * 1048576)) /dev/urandom > "$WORK/lake/raw/big.bin"
fi
printf 'rule hash_only\n  in   raw/{name}.bin\n  out  processed/{name}.txt\n  run  sh true > {out}\n' > "$WORK/rules/t.rules"
cd "$WORK"
"$LAKEMAKE" build -q >/dev/null
cat lake/raw/big.bin > /dev/null  # warm the page cache for both tools

median() { "$PYTHON" -c 'import sys,statistics; print("%.3f" % statistics.median(float(x) for x in sys.argv[1:]))' "$@"; }
ours=() theirs=()
for _ in $(seq "$RUNS"); do
  touch lake/raw/big.bin
  s=$(date +%s.%N); "$LAKEMAKE" build -n -q >/dev/null; e=$(date +%s.%N); ours+=("$(echo "$e - $s" | bc -l)")
  s=$(date +%s.%N); sha256sum lake/raw/big.bin >/dev/null; e=$(date +%s.%N); theirs+=("$(echo "$e - $s" | bc -l)")
done
t_ours=$(median "${ours[@]}"); t_theirs=$(median "${theirs[@]}")
rate() { "$PYTHON" -c "print('%.0f' % ($MB / $1))"; }
met=$("$PYTHON" -c "print('met' if $MB / $t_ours >= 400 else 'NOT MET')")
report=$(cat <<MD

## SHA-256 — $(date -u +%Y-%m-%d) — $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB

| # | figure | lakemake | reference | target |
| --- | --- | --- | --- | --- |
| T9 | hash a changed ${MB} MiB raw file (\`build -n\`, whole process) | ${t_ours} s, $(rate "$t_ours") MB/s | sha256sum ${t_theirs} s, $(rate "$t_theirs") MB/s | ≥ 400 MB/s: $met |

Medians of $RUNS runs, one core, file in the page cache.
MD
)
echo "$report"
echo "$report" >> "$HERE/results.md"
