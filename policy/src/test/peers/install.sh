#!/usr/bin/env bash
# Installs the peer the policy module's promotion tests run, when missing: Debian's docker-registry (the real
# registry RegistryServer starts on 127.0.0.1). Idempotent. Run by Maven (policy, phase process-test-resources;
# skipped with -DskipTests or -Dpeers.skip=true).
set -euo pipefail
if ! command -v docker-registry >/dev/null 2>&1; then
  if [ "$(id -u)" != 0 ]; then
    echo "missing policy test peer: docker-registry; install it with: sudo apt-get install docker-registry" >&2
    exit 1
  fi
  echo "installing policy test peer from Debian: docker-registry"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker-registry >/dev/null
fi
