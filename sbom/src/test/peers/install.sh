#!/usr/bin/env bash
# Installs the peers the sbom module's tests run, when missing: Debian's docker-registry (the real registry), dpkg
# (dpkg-query lists the ground truth of a dpkg status file) and python3-jsonschema (an independent schema validator). Idempotent. Run by Maven (sbom, phase
# process-test-resources; skipped with -DskipTests or -Dpeers.skip=true).
set -euo pipefail
need=()
command -v docker-registry >/dev/null 2>&1 || need+=(docker-registry)
command -v dpkg-query >/dev/null 2>&1 || need+=(dpkg)
python3 -c 'import jsonschema' >/dev/null 2>&1 || need+=(python3-jsonschema)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "missing sbom test peers: ${need[*]}; install them with: sudo apt-get install ${need[*]}" >&2
    exit 1
  fi
  echo "installing sbom test peers from Debian: ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
