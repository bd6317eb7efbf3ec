#!/usr/bin/env bash
# Test kit benchmarks (issue 9), recorded in docs/benchmarks.md ("Test kit"):
#  (a) KitStartup: twenty @Countersign test classes (registry + P-256 + RSA-3072 keys each) run by the JUnit
#      Platform Launcher in one fresh JVM; each class's container time, first vs later (target < 50 ms after the first);
#  (b) PushAndSign: build, push and sign 100 small images in-process against TestRegistry, then the same against
#      Debian's docker-registry on 127.0.0.1 (started here), each in a fresh JVM after a 20-image warm-up.
# Usage: benchmarks/testing.sh [OUTDIR]   (needs the jar: mvn -q -B -ntp -DskipTests package -pl benchmarks -am)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-benchmarks/target/testing-results}
mkdir -p "$out"; out=$(cd "$out" && pwd)
dpkg -s docker-registry >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-registry >/dev/null; }
bench=$PWD/benchmarks/target/benchmarks.jar
[ -f "$bench" ] || { echo "build first: mvn -q -B -ntp -DskipTests package -pl benchmarks -am" >&2; exit 2; }
work=$(mktemp -d "$PWD/benchmarks/target/testing-work.XXXXXX")
registry_pid=
cleanup() { [ -n "$registry_pid" ] && kill "$registry_pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
{
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(java -version 2>&1 | head -1)"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$out/machine.txt"

echo "# (a) extension startup per test class" | tee "$out/startup.md"
java -cp "$bench" dev.countersign.benchmarks.testing.KitStartup | tee -a "$out/startup.md"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
reg=127.0.0.1:$port
cat > "$work/config.yml" <<YML
version: 0.1
log: {level: error, accesslog: {disabled: true}}
storage: {filesystem: {rootdirectory: $work/storage}, delete: {enabled: true}}
http: {addr: $reg}
YML
docker-registry serve "$work/config.yml" > "$work/registry.log" 2>&1 &
registry_pid=$!
for _ in $(seq 100); do curl -fs "http://$reg/v2/" >/dev/null && break; sleep 0.1; done

{
  echo "# (b) push and sign 100 small images"
  echo "| registry | confirm delay ms | images | total ms | ms/image | median ms | p95 ms | requests/image |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
} | tee "$out/push.md"
java -cp "$bench" dev.countersign.benchmarks.testing.PushAndSign in-process 100 | tee -a "$out/push.md"
java -cp "$bench" dev.countersign.benchmarks.testing.PushAndSign "$reg" 100 | tee -a "$out/push.md"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/machine.txt"
