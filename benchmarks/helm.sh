#!/usr/bin/env bash
# Helm benchmarks recorded in docs/benchmarks.md, each against its comparison in the same run:
#   1. whole process: `countersign helm verify` of a 100 MiB chart archive vs `gpg --verify` + `sha256sum`
#   2. JMH: ProvenanceVerifyBenchmark (in-JVM helm verify of 100 MiB vs SHA-256 alone) and ChartBenchmark
#      (package + sign of Helm's hashtest chart per second)
# Usage: benchmarks/helm.sh [OUTDIR]   (needs the jars: mvn -q -B -ntp -DskipTests package)
# Installs hyperfine and gnupg from Debian when missing (as root).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-benchmarks/target/results}
mkdir -p "$out"
for p in hyperfine gnupg; do
  dpkg -s "$p" >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$p" >/dev/null; }
done
cli=cli/target/countersign.jar
bench=benchmarks/target/benchmarks.jar
[ -f "$cli" ] && [ -f "$bench" ] || { echo "build first: mvn -q -B -ntp -DskipTests package" >&2; exit 2; }
{ lscpu | grep -E 'Model name|^CPU\(s\)'; java -version 2>&1 | head -1; gpg --version | head -1; } | tee "$out/helm-machine.txt"

data=benchmarks/target/helm
rm -rf "$data"; mkdir -p "$data/big/big" "$data/keys"
chmod 700 "$data/keys"
# A 100 MiB chart archive within Helm's loader limits (5 MiB per file, 100 MiB in all): Chart.yaml, then 20 files
# of random data (incompressible, so the .tgz is ~100 MiB too), the last one 8 KiB short.
printf 'apiVersion: v2\nname: big\nversion: 1.0.0\n' > "$data/big/big/Chart.yaml"
for i in $(seq -w 1 19); do head -c 5242880 /dev/urandom > "$data/big/big/part$i.bin"; done
head -c $((5242880 - 8192)) /dev/urandom > "$data/big/big/part20.bin"
(cd "$data/big" && tar --owner=0 --group=0 -czf ../big-1.0.0.tgz big/Chart.yaml big/part*.bin)
java -jar "$cli" pgp generate --name "Bench Signer" --email bench@example.com --algorithm rsa4096 \
  --output-dir "$data/keys" > "$data/keys/generated.txt"
pub=$(ls "$data"/keys/keyring-*.gpg); sec=$(ls "$data"/keys/secring-*.gpg)
java -jar "$cli" helm sign --key bench@example.com --keyring "$sec" "$data/big-1.0.0.tgz" >/dev/null
export GNUPGHOME="$data/gnupg"; mkdir -p "$GNUPGHOME"; chmod 700 "$GNUPGHOME"
gpg --batch --quiet --import "$pub"
cat "$data/big-1.0.0.tgz" > /dev/null   # warm the page cache for both sides
ls -l "$data/big-1.0.0.tgz" | tee "$out/helm-archive.txt"

echo "# 1. helm verify of a 100 MiB archive, whole process (hyperfine, warm cache)"
hyperfine --warmup 1 --runs 10 --export-markdown "$out/helm-verify-hyperfine.md" \
  "gpg --batch --quiet --verify $data/big-1.0.0.tgz.prov 2>/dev/null && sha256sum $data/big-1.0.0.tgz" \
  "java -jar $cli helm verify --keyring $pub $data/big-1.0.0.tgz"

echo "# 2. JMH (1 fork, 3x2s warmup, 5x2s measurement)"
java -jar "$bench" -rf json -rff "$out/helm-jmh.json" ProvenanceVerifyBenchmark ChartBenchmark 2>&1 \
  | tee "$out/helm-jmh.txt" | grep -E '^(Benchmark|Provenance|Chart)'
echo "results in $out"
