#!/usr/bin/env bash
# Rotation-aware key resolution, recorded in docs/benchmarks.md ("Key manifests"):
#   1. JMH ResolverBenchmark: a blob signature verified with the key given directly vs with the key chosen by a warm
#      ManifestKeyResolver over a loopback CDN (3-version chain); tear-down fails if the warm resolver made a request.
#   2. ColdStart: requests and wall time of a cold resolution (pinned version 1, CDN at version 3), then 1000 warm
#      resolutions that must make no request.
# Usage: benchmarks/keys.sh [OUTDIR]   (needs the jars: mvn -q -B -ntp -DskipTests package)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-benchmarks/target/keys-results}
mkdir -p "$out"
bench=benchmarks/target/benchmarks.jar
[ -f "$bench" ] || { echo "build first: mvn -q -B -ntp -DskipTests package" >&2; exit 2; }
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$out/machine.txt"
echo "# 1. JMH (1 fork, 3x2s warmup, 5x2s measurement), average time per verification"
java -jar "$bench" -rf json -rff "$out/jmh.json" ResolverBenchmark 2>&1 | tee "$out/jmh.txt" \
  | grep -E '^(Benchmark|ResolverBenchmark)|CDN requests'
echo "# 2. cold start: requests and time; then 1000 warm resolutions"
java -cp "$bench" dev.countersign.benchmarks.keys.ColdStart 1000 | tee "$out/cold-start.txt"
