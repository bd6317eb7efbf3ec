#!/usr/bin/env bash
# Installs the independent peers the oci module's tests run, when missing. Idempotent and quick when present.
# Run by Maven (oci, phase process-test-resources; skipped with -DskipTests or -Dpeers.skip=true).
#   Debian: docker-registry (a real OCI registry, distribution 2.8), skopeo and umoci (containers/image and an OCI
#           layout tool), tar, python3-cryptography (the cosign image-signature peer)
#   npm:    sigstore-js, through core's installer (shared ~/.cache/countersign/peers)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
need=()
for p in docker-registry skopeo umoci tar python3-cryptography python3-nacl; do
  dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "missing oci test peers: ${need[*]}; install them with: sudo apt-get install ${need[*]}" >&2
    exit 1
  fi
  echo "installing oci test peers from Debian: ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
bash "$here/../../../../core/src/test/peers/install.sh"
