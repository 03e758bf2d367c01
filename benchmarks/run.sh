#!/usr/bin/env bash
# Builds benchmarks/target/benchmarks.jar, runs the JMH suite with the GC profiler, measures the heap
# per breaker, and writes into benchmarks/results/:
#   results-<date>[-short].json   JMH results (-rf json)
#   heap-<date>[-short].md        the heap table of HeapPerBreaker
#   results-<date>[-short].md     Markdown tables with ratios ours / peer and the goals, from report.py
#
# Usage: benchmarks/run.sh [--short] [JMH arguments...]
#   --short   a quick check with 1 fork, 2 warm-up iterations of 1 s and 3 measurement iterations of 1 s.
#   (none)    a full run with 2 forks, 3 warm-up iterations of 2 s and 5 measurement iterations of 2 s.
# Further arguments go to JMH after the mode's options, for example a benchmark regex such as
# 'RetrySuccess' or another profiler such as '-prof stack'. The diagnostic *CostBreakdown classes are
# always excluded; run them from the jar directly.
# MAVEN_FLAGS adds options to the Maven build, for example MAVEN_FLAGS=-o to build offline.
set -euo pipefail

mode=full
if [[ "${1:-}" == "--short" ]]; then
	mode=short
	shift
elif [[ "${1:-}" == "-h" || "${1:-}" == "--help" ]]; then
	sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'
	exit 0
fi

case "$mode" in
	short) jmh_options=(-f 1 -wi 2 -w 1s -i 3 -r 1s) ;;
	full) jmh_options=(-f 2 -wi 3 -w 2s -i 5 -r 2s) ;;
esac

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

echo "Building benchmarks/target/benchmarks.jar"
# shellcheck disable=SC2086 # MAVEN_FLAGS is a list of options.
mvn ${MAVEN_FLAGS:-} -B -q -pl benchmarks -am package -DskipTests

suffix="$(date +%Y-%m-%d)"
if [[ "$mode" == "short" ]]; then
	suffix="$suffix-short"
fi
results_dir="benchmarks/results"
mkdir -p "$results_dir"
json="$results_dir/results-$suffix.json"
heap="$results_dir/heap-$suffix.md"
report="$results_dir/results-$suffix.md"
jar="benchmarks/target/benchmarks.jar"

echo "Running the JMH suite ($mode mode) into $json"
# Every fork gets the same fixed-size heap, so no library pays for heap growth during a trial.
java -jar "$jar" "${jmh_options[@]}" -prof gc -jvmArgsAppend "-Xms1g -Xmx1g" -e CostBreakdown -rf json -rff "$json" "$@"

echo "Measuring the heap per breaker into $heap"
# Self-attach gives JOL the JVM's own object sizes.
java -Djdk.attach.allowAttachSelf=true -cp "$jar" dev.resilience.benchmarks.HeapPerBreaker >"$heap"

python3 benchmarks/report.py "$json" "$heap" >"$report"
echo "Wrote $report"
cat "$report"
