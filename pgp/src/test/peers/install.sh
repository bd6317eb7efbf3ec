#!/usr/bin/env bash
# Installs the peer the pgp module's interop tests run, when missing: GnuPG 2 (Debian gnupg). Idempotent.
# Run by Maven (pgp, phase process-test-resources; skipped with -DskipTests or -Dpeers.skip=true).
set -euo pipefail
if ! command -v gpg >/dev/null 2>&1 || ! command -v gpg-agent >/dev/null 2>&1; then
  if [ "$(id -u)" != 0 ]; then
    echo "missing pgp test peer: gnupg; install it with: sudo apt-get install gnupg" >&2
    exit 1
  fi
  echo "installing pgp test peer from Debian: gnupg"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends gnupg >/dev/null
fi
