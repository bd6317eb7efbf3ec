#!/usr/bin/env bash
# Installs the peers the keys module's tests run, when missing: OpenSSL (`openssl ts -reply` is the independent
# time-stamping authority of the RFC 3161 tests). Idempotent. Run by Maven (keys, phase process-test-resources;
# skipped with -DskipTests or -Dpeers.skip=true).
set -euo pipefail
if ! command -v openssl >/dev/null 2>&1; then
  if [ "$(id -u)" != 0 ]; then
    echo "missing keys test peer: openssl; install it with: sudo apt-get install openssl" >&2
    exit 1
  fi
  echo "installing keys test peer from Debian: openssl"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends openssl >/dev/null
fi
# sigstore-js (@sigstore/verify) and node: the bundle-with-timestamp interop test; core's installer owns them.
here=$(cd "$(dirname "$0")" && pwd)
bash "$here/../../../../core/src/test/peers/install.sh"
