#!/usr/bin/env bash
# Installs the independent peers that Countersign's interop tests run, when they are missing. Idempotent and
# quick when everything is present. Run by Maven (core, phase process-test-resources) before the tests.
#   Debian: openssl, python3-cryptography, python3-nacl (cosign key format peer), nodejs + npm
#   npm:    sigstore-js (@sigstore/verify ...) into $COUNTERSIGN_PEERS (default ~/.cache/countersign/peers)
# Skip with -Dpeers.skip=true when the peers are installed another way.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
PEERS=${COUNTERSIGN_PEERS:-$HOME/.cache/countersign/peers}

need=()
command -v openssl >/dev/null 2>&1 || need+=(openssl)
/usr/bin/python3 -c 'import cryptography' >/dev/null 2>&1 || need+=(python3-cryptography)
/usr/bin/python3 -c 'import nacl' >/dev/null 2>&1 || need+=(python3-nacl)
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v npm >/dev/null 2>&1 || need+=(npm)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "missing test peers: ${need[*]}; install them with: sudo apt-get install ${need[*]}" >&2
    exit 1
  fi
  echo "installing test peers from Debian: ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

stamp=$(sha256sum "$here/package.json" | cut -c1-16)
if [ ! -f "$PEERS/$stamp.ok" ]; then
  echo "installing npm test peers into $PEERS"
  mkdir -p "$PEERS"
  cp "$here/package.json" "$PEERS/package.json"
  (cd "$PEERS" && npm install --no-audit --no-fund --loglevel=error >/dev/null)
  touch "$PEERS/$stamp.ok"
fi
