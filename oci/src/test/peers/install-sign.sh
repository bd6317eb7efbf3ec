#!/usr/bin/env bash
# Installs the peers the oci signature tests run, when missing. Idempotent; quick when all is present.
#   Debian: python3-cryptography (cosign_image_ref.py), nodejs + npm (sigstore-js),
#           docker-registry and skopeo (registry-mode peer runs, once the registry client lands)
#   npm:    sigstore-js, through core/src/test/peers/install.sh (into $COUNTERSIGN_PEERS,
#           default ~/.cache/countersign/peers)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

need=()
/usr/bin/python3 -c 'import cryptography' >/dev/null 2>&1 || need+=(python3-cryptography)
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v npm >/dev/null 2>&1 || need+=(npm)
command -v docker-registry >/dev/null 2>&1 || need+=(docker-registry)
command -v skopeo >/dev/null 2>&1 || need+=(skopeo)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "missing test peers: ${need[*]}; install them with: sudo apt-get install ${need[*]}" >&2
    exit 1
  fi
  echo "installing test peers from Debian: ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

# sigstore-js and core's other peers.
"$here/../../../../core/src/test/peers/install.sh"
