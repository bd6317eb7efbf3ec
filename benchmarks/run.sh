#!/usr/bin/env bash
# Runs every benchmark recorded in docs/benchmarks.md, each against its comparison in the same run.
#   1. whole process: `countersign digest` and the in-JVM Digest on a 1 GiB file vs `openssl dgst -sha256`
#   2. JMH: DigestBenchmark (Digest.compute stream vs MessageDigest) and VerifyBenchmark (Verifier vs raw JCA)
#   3. streaming: sign-blob + verify-blob of a 10 GiB file with a small fixed heap, peak RSS measured
# Usage: benchmarks/run.sh [OUTDIR]   (needs the jars: mvn -q -B -ntp -DskipTests package)
# Installs hyperfine and GNU time from Debian when missing (as root).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-benchmarks/target/results}
mkdir -p "$out"
for p in hyperfine time; do
  dpkg -s "$p" >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$p" >/dev/null; }
done
cli=cli/target/countersign.jar
bench=benchmarks/target/benchmarks.jar
[ -f "$cli" ] && [ -f "$bench" ] || { echo "build first: mvn -q -B -ntp -DskipTests package" >&2; exit 2; }

{
  echo "# machine"; lscpu | grep -E 'Model name|^CPU\(s\)|Flags' | sed 's/Flags:.*\(sha_ni\).*/SHA extensions: sha_ni present/'
  free -g | head -2; java -version 2>&1 | head -1; openssl version
} | tee "$out/machine.txt"

data=benchmarks/target/data
mkdir -p "$data"
[ -f "$data/1g.bin" ] || head -c 1073741824 /dev/urandom > "$data/1g.bin"
cat "$data/1g.bin" > /dev/null   # warm the page cache so both sides read from memory

echo "# 1. SHA-256 of 1 GiB, whole process (hyperfine, warm cache)"
hyperfine --warmup 1 --runs 5 --export-markdown "$out/digest-hyperfine.md" \
  "openssl dgst -sha256 $data/1g.bin" \
  "java -jar $cli digest $data/1g.bin"
echo "# 1b. in-JVM time of Digest.compute on the same file (JVM start excluded), then openssl's own speed test"
for i in 1 2 3; do java -cp "$bench" dev.countersign.benchmarks.DigestFile "$data/1g.bin" | tail -1; done | tee "$out/digest-injvm.txt"
openssl speed -seconds 3 -bytes 65536 -evp sha256 2>/dev/null | tail -2 | tee "$out/openssl-speed.txt"

echo "# 2. JMH (1 fork, 3x2s warmup, 5x2s measurement)"
java -jar "$bench" -rf json -rff "$out/jmh.json" DigestBenchmark VerifyBenchmark 2>&1 | tee "$out/jmh.txt" | grep -E '^(Benchmark|Digest|Verify)'

echo "# 3. 10 GiB sign-blob (-Xmx128m: scrypt for the cosign key alone needs 64 MiB) and verify-blob (-Xmx32m)"
echo "#    on a sparse file: the read is memory speed, the hash is real; peak RSS must not grow with the file size"
rm -f "$data/10g.bin"; truncate -s 10G "$data/10g.bin"; cat "$data/10g.bin" > /dev/null  # warm, as for openssl
rm -f "$data"/bench.key "$data"/bench.pub
(cd "$data" && COSIGN_PASSWORD= java -jar "../../../$cli" generate-key-pair --output-key-prefix bench >/dev/null 2>&1)
COSIGN_PASSWORD= /usr/bin/time -f 'sign-blob 10 GiB: %e s elapsed, peak RSS %M KiB' \
  java -Xmx128m -jar "$cli" sign-blob --key "$data/bench.key" --bundle "$data/10g.bundle" "$data/10g.bin" 2>&1 | tail -1 | tee "$out/stream.txt"
/usr/bin/time -f 'verify-blob 10 GiB: %e s elapsed, peak RSS %M KiB' \
  java -Xmx32m -jar "$cli" verify-blob --key "$data/bench.pub" --bundle "$data/10g.bundle" "$data/10g.bin" 2>&1 | tail -1 | tee -a "$out/stream.txt"
rm -f "$data/10g.bin"
echo "results in $out"
