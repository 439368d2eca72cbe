#!/usr/bin/env bash
# Builds the libFuzzer targets and runs each for a set time from its committed seed corpus.
#
#   Fuzz/run.sh SECONDS [TARGET...]     (targets: json csv rules parquet snappy; default all)
#
# Each target is one driver file compiled with `swiftc -sanitize=fuzzer,address` together with
# the sources of the module it exercises (SwiftPM cannot build a fuzzer entry point as part of
# the package). Binaries and the growing work corpus live in .build-fuzz/; the committed seeds
# under Fuzz/corpus/<target>/ are only read. A crash leaves its input in
# .build-fuzz/crashes/<target>/ and makes the script exit with status 1.
# One summary line per target is printed: executions, executions per second, crashes.
set -uo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(json csv rules parquet snappy)

out=.build-fuzz
mkdir -p "$out/bin"
# The Swift runtime's own crash reporter reads freed memory, which AddressSanitizer then
# reports instead of the real failure; libFuzzer prints the stack itself.
export SWIFT_BACKTRACE=enable=no
# Leaks are checked after every input, except the Foundation ones listed (with reasons) here.
export LSAN_OPTIONS="suppressions=$PWD/Fuzz/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"

sources_for() {
    case "$1" in
        json)    echo "Fuzz/JSONReaderFuzz.swift Sources/LakeFormats/*.swift" ;;
        csv)     echo "Fuzz/CSVReaderFuzz.swift Sources/LakeFormats/*.swift" ;;
        rules)   echo "Fuzz/RulesParserFuzz.swift Sources/LakeBuild/Rules/*.swift Sources/Arguments/SpellingSuggestion.swift" ;;
        parquet) echo "Fuzz/ParquetReaderFuzz.swift $(find Sources/Parquet -name '*.swift' | sort | tr '\n' ' ')" ;;
        snappy)  echo "Fuzz/SnappyFuzz.swift $(find Sources/Parquet -name '*.swift' | sort | tr '\n' ' ')" ;;
        *) echo "unknown fuzz target '$1' (json csv rules parquet snappy)" >&2; return 1 ;;
    esac
}

module_for() {
    case "$1" in
        json|csv) echo LakeFormats ;;
        rules)    echo LakeBuild ;;
        *)        echo Parquet ;;
    esac
}

# LakeFormats' SHA-256 reaches the SHA instructions through clang intrinsics (Package.swift).
sha_flags() {
    if [ "$(uname -m)" = x86_64 ]; then echo "-Xcc -msha -Xcc -msse4.1"; fi
}

build() {
    local target="$1" binary="$out/bin/$1" srcs
    srcs=$(sources_for "$target") || return 1
    # Rebuild only when a source is newer than the binary.
    # shellcheck disable=SC2086
    if [ -x "$binary" ] && [ -z "$(find $srcs -newer "$binary" 2>/dev/null)" ]; then return 0; fi
    echo "building fuzz target $target"
    # shellcheck disable=SC2086
    # shellcheck disable=SC2046
    swiftc -O -sanitize=fuzzer,address -parse-as-library -use-ld=lld \
        -module-name "$(module_for "$target")" $(sha_flags) \
        -I Sources/CZlib -I Sources/CZstd -lz -lzstd \
        $srcs -o "$binary" 2>&1 | grep -v "warning: Cannot export local symbol" >&2
    [ -x "$binary" ]
}

status=0
summary=()
for target in "${targets[@]}"; do
    if ! build "$target"; then
        echo "fuzz target $target failed to build" >&2
        exit 1
    fi
    work="$out/corpus/$target"
    crashes="$out/crashes/$target"
    rm -rf "$crashes"
    mkdir -p "$work" "$crashes" "$out/logs"
    log="$out/logs/$target.log"
    # The work corpus comes first: libFuzzer adds new inputs there, never to the seeds.
    "$out/bin/$target" "$work" "Fuzz/corpus/$target" \
        -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 -timeout=10 \
        -print_final_stats=1 -artifact_prefix="$crashes/" >"$log" 2>&1
    code=$?
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
    rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
    found=$(find "$crashes" -type f | wc -l)
    line="$target: ${runs:-0} executions in ${seconds}s, ${rate:-0}/s, $found crash input(s) in $crashes"
    summary+=("$line")
    if [ "$code" -ne 0 ] || [ "$found" -ne 0 ]; then
        status=1
        echo "FAILED $line (exit $code); see $log" >&2
        grep -m 5 -E 'ERROR|Fatal error|precondition' "$log" >&2
    fi
done
printf '%s\n' "${summary[@]}"
exit $status
