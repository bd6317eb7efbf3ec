#!/usr/bin/env bash
# OCI benchmarks recorded in docs/benchmarks.md ("OCI: request counts and push/pull vs skopeo"), in one run:
#   1. push: `countersign copy oci:DIR:v1 REGISTRY/bench/app:v1` (java -Xmx64m) vs `skopeo copy` of the same
#      1 GiB single-layer image (uncompressed tar layer) into a fresh repository each run; then
#   2. pull: the same image registry -> a new OCI layout, both tools;
#      each run timed with /usr/bin/time (wall time, peak RSS), the tools alternating, requests counted in the
#      registry's access log;
#   3. verification request counts and wall times: `countersign verify` cold for legacy, bundle and both
#      (a whole process each, requests from the access log), then in-process cold and warm (VerifyTwice).
# The registry is Debian's docker-registry (distribution 2.8) on 127.0.0.1, a free port, storage in a temp dir.
# Usage: benchmarks/oci.sh [OUTDIR] [RUNS]   (needs the jars: mvn -q -B -ntp -DskipTests package)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-benchmarks/target/oci-results}
runs=${2:-5}
mkdir -p "$out"
out=$(cd "$out" && pwd)
for p in time skopeo docker-registry; do
  dpkg -s "$p" >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$p" >/dev/null; }
done
cli=$PWD/cli/target/countersign.jar
bench=$PWD/benchmarks/target/benchmarks.jar
[ -f "$cli" ] && [ -f "$bench" ] || { echo "build first: mvn -q -B -ntp -DskipTests package" >&2; exit 2; }

work=$(mktemp -d "$PWD/benchmarks/target/oci-work.XXXXXX")
registry_pid=
cleanup() {
  local rc=$?
  if [ "$rc" != 0 ] && [ -f "$work/registry.log" ]; then
    cp "$work/registry.log" "$out/registry-failed.log"; cp "$work/cmd.log" "$out/cmd-failed.log" 2>/dev/null || true
    echo "failed (exit $rc): registry and command logs kept in $out" >&2
  fi
  [ -n "$registry_pid" ] && kill "$registry_pid" 2>/dev/null && wait "$registry_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

{
  echo "# machine"; lscpu | grep -E 'Model name|^CPU\(s\)'; grep -q sha_ni /proc/cpuinfo && echo "SHA extensions: sha_ni present"
  free -g | head -2; java -version 2>&1 | head -1; skopeo --version; docker-registry --version 2>/dev/null | head -1 || true
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$out/machine.txt"

# --- registry --------------------------------------------------------------------------------------------------
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
reg=127.0.0.1:$port
mkdir -p "$work/storage"
cat > "$work/config.yml" <<EOF
version: 0.1
log:
  level: info
  accesslog:
    disabled: false
storage:
  filesystem:
    rootdirectory: $work/storage
  delete:
    enabled: true
http:
  addr: $reg
EOF
docker-registry serve "$work/config.yml" > "$work/registry.log" 2>&1 &
registry_pid=$!
for _ in $(seq 100); do curl -fs "http://$reg/v2/" >/dev/null && break; sleep 0.1; done
curl -fs "http://$reg/v2/" >/dev/null || { cat "$work/registry.log"; exit 1; }
repos=$work/storage/docker/registry/v2/repositories
# requests the registry logged since mark $1 that came from user agent $2
mark() { wc -l < "$work/registry.log"; }
requests() { tail -n +"$(( $1 + 1 ))" "$work/registry.log" | grep -ac "^127\.0\.0\.1 - .*\"$2" || true; }

# --- the image --------------------------------------------------------------------------------------------------
data=$PWD/benchmarks/target/data
mkdir -p "$data"
[ -f "$data/1g.bin" ] || head -c 1073741824 /dev/urandom > "$data/1g.bin"
java -cp "$bench" dev.countersign.benchmarks.oci.BuildLayout "$work/src" v1 "$data/1g.bin" | tee "$out/image.txt"
cat "$work"/src/blobs/sha256/* > /dev/null   # warm the page cache for both tools
java -jar "$cli" copy "oci:$work/src:v1" "$reg/bench/src:v1" 2>&1 | tail -1   # the pull source
cat "$work"/storage/docker/registry/v2/blobs/sha256/*/*/data > /dev/null

# one timed run: label, prepare command, user agent, command...; appends
# "label seconds peak_rss_kib requests load1" to $out/copy-runs.txt
timed() {
  local label=$1 prepare=$2 agent=$3; shift 3
  bash -c "$prepare"; sync
  local m; m=$(mark)
  /usr/bin/time -f '%e %M' -o "$work/time.txt" "$@" > "$work/cmd.log" 2>&1 || { cat "$work/cmd.log"; exit 1; }
  if tail -n +"$(( m + 1 ))" "$work/registry.log" | grep -aq 'POST .*mount=.*" 201 '; then
    echo "$label: a cross-repository mount happened; the run did not upload" >&2; exit 1
  fi
  echo "$label $(cat "$work/time.txt") $(requests "$m" "$agent") $(cut -d' ' -f1 /proc/loadavg)" | tee -a "$out/copy-runs.txt"
}
: > "$out/copy-runs.txt"
echo "# 1. push 1 GiB layout -> registry (fresh repository each run), $runs runs each, alternating"
push_cs=(java -Xmx64m -jar "$cli" copy "oci:$work/src:v1" "$reg/bench/app:v1")
push_sk=(skopeo copy -q --dest-tls-verify=false "oci:$work/src:v1" "docker://$reg/bench/skopeo:v1")
for i in $(seq "$runs"); do
  # the previous run's repository is removed so that neither tool can mount the blob from it
  if (( i % 2 )); then
    timed push-countersign "rm -rf $repos/bench/app" countersign "${push_cs[@]}"
    timed push-skopeo "rm -rf $repos/bench/skopeo" skopeo "${push_sk[@]}"
  else
    timed push-skopeo "rm -rf $repos/bench/skopeo" skopeo "${push_sk[@]}"
    timed push-countersign "rm -rf $repos/bench/app" countersign "${push_cs[@]}"
  fi
done
echo "# 2. pull registry -> new OCI layout, $runs runs each, alternating"
pull_cs=(java -Xmx64m -jar "$cli" copy "$reg/bench/src:v1" "oci:$work/pull-cs:v1")
pull_sk=(skopeo copy -q --src-tls-verify=false "docker://$reg/bench/src:v1" "oci:$work/pull-sk:v1")
for i in $(seq "$runs"); do
  if (( i % 2 )); then
    timed pull-countersign "rm -rf $work/pull-cs" countersign "${pull_cs[@]}"
    timed pull-skopeo "rm -rf $work/pull-sk" skopeo "${pull_sk[@]}"
  else
    timed pull-skopeo "rm -rf $work/pull-sk" skopeo "${pull_sk[@]}"
    timed pull-countersign "rm -rf $work/pull-cs" countersign "${pull_cs[@]}"
  fi
done
rm -rf "$work/pull-cs" "$work/pull-sk"
echo "# heap floor: the same push and pull with -Xmx16m (memory does not grow with the layer)"
timed push-countersign-Xmx16m "rm -rf $repos/bench/app" countersign java -Xmx16m -jar "$cli" copy "oci:$work/src:v1" "$reg/bench/app:v1"
timed pull-countersign-Xmx16m "rm -rf $work/pull-cs" countersign java -Xmx16m -jar "$cli" copy "$reg/bench/src:v1" "oci:$work/pull-cs:v1"
rm -rf "$work/pull-cs"
python3 - "$out/copy-runs.txt" <<'EOF' | tee "$out/copy-summary.txt"
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    label, secs, rss, reqs, load = line.split()
    rows.setdefault(label, []).append((float(secs), int(rss), int(reqs)))
mib = 1024 + 2 / 1024  # layer (1 GiB + tar headers) and config, in MiB
print("%-24s %8s %8s %8s %10s %12s %9s" % ("run", "median s", "min s", "max s", "MiB/s med", "peak RSS MiB", "requests"))
for label, r in rows.items():
    s = [x[0] for x in r]
    print("%-24s %8.2f %8.2f %8.2f %10.0f %12.0f %9s" % (label, statistics.median(s), min(s), max(s),
          mib / statistics.median(s), max(x[1] for x in r) / 1024, "/".join(sorted({str(x[2]) for x in r}))))
for d in ("push", "pull"):
    cs, sk = statistics.median(x[0] for x in rows[d + "-countersign"]), statistics.median(x[0] for x in rows[d + "-skopeo"])
    cmin, smin = min(x[0] for x in rows[d + "-countersign"]), min(x[0] for x in rows[d + "-skopeo"])
    print("%s: countersign throughput = %.2fx skopeo by medians (%.2f s vs %.2f s), %.2fx by best runs (%.2f s vs %.2f s)"
          % (d, sk / cs, cs, sk, smin / cmin, cmin, smin))
EOF

# --- verification -----------------------------------------------------------------------------------------------
echo "# 3. verification: sign bench/src:v1 both ways, then verify"
(cd "$work" && COSIGN_PASSWORD= java -jar "$cli" generate-key-pair --output-key-prefix bench >/dev/null 2>&1)
COSIGN_PASSWORD= java -jar "$cli" sign --key "$work/bench.key" "$reg/bench/src:v1" 2>&1 | tail -2
: > "$out/verify-cli.txt"
for f in legacy bundle both; do
  for i in 1 2 3 4 5; do
    m=$(mark)
    /usr/bin/time -f '%e' -o "$work/time.txt" java -jar "$cli" verify --key "$work/bench.pub" --signature-format "$f" \
      "$reg/bench/src:v1" > /dev/null 2> "$work/cmd.log" || { cat "$work/cmd.log"; exit 1; }
    echo "verify-$f $(cat "$work/time.txt") $(requests "$m" countersign)" >> "$out/verify-cli.txt"
  done
done
python3 - "$out/verify-cli.txt" <<'EOF' | tee "$out/verify-summary.txt"
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    label, secs, reqs = line.split()
    rows.setdefault(label, []).append((float(secs), int(reqs)))
print("countersign verify, whole process, cold (a new JVM and client each time):")
for label, r in rows.items():
    print("  %-14s requests %s, wall time median %.2f s (min %.2f)" % (label, "/".join(sorted({str(x[1]) for x in r})),
          statistics.median(x[0] for x in r), min(x[0] for x in r)))
EOF
echo "in-process (VerifyTwice: one client and one ImageVerifier with a VerificationCache per format):" | tee -a "$out/verify-summary.txt"
java -cp "$bench" dev.countersign.benchmarks.oci.VerifyTwice "$reg/bench/src:v1" "$work/bench.pub" | tee -a "$out/verify-summary.txt"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/machine.txt"
grep -a '^127\.0\.0\.1 - ' "$work/registry.log" | sed 's/?_state=[^ ]*//' > "$out/registry-access.log"
echo "results in $out"
