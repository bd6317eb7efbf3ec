#!/usr/bin/env bash
# Registry requests (and wall time) of one promotion, recorded in docs/benchmarks.md ("Promotion: registry
# requests"): `countersign promote` (one process: resolve once, verify, evaluate, sign, attach the VSA, tag) against
# the same decision made as a cosign-style shell script of separate commands (verify, verify-attestation --policy,
# sign, attest the VSA, tag), each a process of its own as `cosign`/`crane` calls would be; the tag is two curl
# requests, as `crane tag` makes. cosign itself is not
# installable here (no Go toolchain, not in Debian); the script uses our cosign-compatible verbs, which read and
# write the same objects. Requests are counted in the registry's access log (Debian's docker-registry, 127.0.0.1).
# Usage: benchmarks/promote.sh [OUTDIR]   (needs the jars: mvn -q -B -ntp -DskipTests package)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-benchmarks/target/promote-results}
mkdir -p "$out"; out=$(cd "$out" && pwd)
for p in docker-registry time; do
  dpkg -s "$p" >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$p" >/dev/null; }
done
cli=$PWD/cli/target/countersign.jar
bench=$PWD/benchmarks/target/benchmarks.jar
[ -f "$cli" ] && [ -f "$bench" ] || { echo "build first: mvn -q -B -ntp -DskipTests package" >&2; exit 2; }
work=$(mktemp -d "$PWD/benchmarks/target/promote-work.XXXXXX")
registry_pid=
cleanup() { [ -n "$registry_pid" ] && kill "$registry_pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$out/machine.txt"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
reg=127.0.0.1:$port
cat > "$work/config.yml" <<YML
version: 0.1
log: {level: info, accesslog: {disabled: false}}
storage: {filesystem: {rootdirectory: $work/storage}, delete: {enabled: true}}
http: {addr: $reg}
YML
docker-registry serve "$work/config.yml" > "$work/registry.log" 2>&1 &
registry_pid=$!
for _ in $(seq 100); do curl -fs "http://$reg/v2/" >/dev/null && break; sleep 0.1; done
mark() { wc -l < "$work/registry.log"; }
requests() { tail -n +"$(( $1 + 1 ))" "$work/registry.log" | grep -ac '^127\.0\.0\.1 - .*"countersign' || true; }
cs() { java -jar "$cli" "$@"; }

# --- the build system: image, developer signature, signed provenance (in two repositories, one per method) ------
head -c 1048576 /dev/urandom > "$work/app.bin"
java -cp "$bench" dev.countersign.benchmarks.oci.BuildLayout "$work/src" dev "$work/app.bin" > /dev/null
cd "$work"
COSIGN_PASSWORD= cs generate-key-pair --output-key-prefix dev > /dev/null 2>&1
COSIGN_PASSWORD= cs generate-key-pair --output-key-prefix platform > /dev/null 2>&1
cat > policy.yaml <<YML
apiVersion: countersign.dev/v1
kind: ProvenancePolicy
predicateTypes: [https://slsa.dev/provenance/v1]
source: {repositories: [github.com/acme/web], refs: [refs/heads/main], commits: []}
builder: {ids: [https://ci.example.com/builders/linux@v1], idPrefixes: []}
build: {types: [https://ci.example.com/buildtypes/make/v1], entryPoints: [make image]}
maxAge: 720h
YML
for repo in one-process script; do
  img=$reg/acme/$repo:dev
  cs copy "oci:$work/src:dev" "$img" > /dev/null 2>&1
  COSIGN_PASSWORD= cs sign --key dev.key "$img" 2> /dev/null
  cs provenance generate --source-uri https://github.com/acme/web --commit 0123456789abcdef0123456789abcdef01234567 \
    --ref refs/heads/main --builder-id https://ci.example.com/builders/linux@v1 \
    --build-type https://ci.example.com/buildtypes/make/v1 --entry-point "make image" --subject "$img" \
    --predicate-only -o prov.json
  COSIGN_PASSWORD= cs attest --key dev.key --predicate prov.json --type slsaprovenance1 "$img" 2> /dev/null
done
digest=$(curl -fsI -H 'Accept: application/vnd.oci.image.manifest.v1+json' "http://$reg/v2/acme/script/manifests/dev" \
  | tr -d '\r' | awk -F': ' 'tolower($1)=="docker-content-digest"{print $2}')

echo "# 1. countersign promote (one process)" | tee "$out/promote.txt"
m=$(mark); start=$(date +%s.%N)
COSIGN_PASSWORD= cs promote --key platform.key --developer-key dev.pub --policy policy.yaml "$reg/acme/one-process:dev" \
  > /dev/null 2> "$work/promote.err" || { cat "$work/promote.err"; exit 1; }
echo "promote: $(requests "$m") requests, $(awk -v a="$(date +%s.%N)" -v b="$start" 'BEGIN{printf "%.2f", a-b}') s" | tee -a "$out/promote.txt"

echo "# 2. the same as a cosign-style script of five commands" | tee -a "$out/promote.txt"
total=0; m0=$(mark); start=$(date +%s.%N)
step() {
  local label=$1; shift; local m; m=$(mark)
  COSIGN_PASSWORD= "$@" > "$work/step.out" 2> "$work/step.err" || { cat "$work/step.err"; exit 1; }
  echo "  $label: $(requests "$m") requests" | tee -a "$out/promote.txt"
}
step "verify --key dev.pub" cs verify --key dev.pub "$reg/acme/script:dev"
step "verify-attestation --policy" cs verify-attestation --key dev.pub --type slsaprovenance1 --policy policy.yaml \
  "$reg/acme/script:dev"
step "sign --key platform.key (by digest)" cs sign --key platform.key "$reg/acme/script@$digest"
printf '{"verifier":{"id":"https://ci.example.com/script"},"timeVerified":"%s","resourceUri":"%s","policy":{"uri":"policy.yaml"},"verificationResult":"PASSED","verifiedLevels":["SLSA_BUILD_LEVEL_1"]}' \
  "$(date -u +%FT%TZ)" "$reg/acme/script@$digest" > vsa.json
step "attest the VSA" cs attest --key platform.key --predicate vsa.json \
  --type https://slsa.dev/verification_summary/v1 "$reg/acme/script@$digest"
# crane tag: GET the manifest by digest, PUT it under the new tag (2 requests; our CLI has no tag verb)
tag() {
  curl -fsS -A countersign-crane-tag -H 'Accept: application/vnd.oci.image.manifest.v1+json' \
    "http://$reg/v2/acme/script/manifests/$digest" -o "$work/manifest.json"
  curl -fsS -A countersign-crane-tag -X PUT -H 'Content-Type: application/vnd.oci.image.manifest.v1+json' \
    --data-binary "@$work/manifest.json" "http://$reg/v2/acme/script/manifests/prod"
}
step "tag prod (as crane tag: GET + PUT)" tag
echo "script: $(requests "$m0") requests, $(awk -v a="$(date +%s.%N)" -v b="$start" 'BEGIN{printf "%.2f", a-b}') s" | tee -a "$out/promote.txt"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/machine.txt"
