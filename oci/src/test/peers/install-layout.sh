#!/usr/bin/env bash
# Installs the peers the OCI layout interop tests run, when they are missing. Idempotent and quick when present.
#   Debian: skopeo (skopeo inspect/copy oci:DIR:TAG), umoci (umoci init/new/insert/unpack), tar (GNU tar, lists
#   built layers)
set -euo pipefail
need=()
command -v skopeo >/dev/null 2>&1 || need+=(skopeo)
command -v umoci >/dev/null 2>&1 || need+=(umoci)
command -v tar >/dev/null 2>&1 || need+=(tar)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "missing OCI layout test peers: ${need[*]}; install them with: sudo apt-get install ${need[*]}" >&2
    exit 1
  fi
  echo "installing OCI layout test peers from Debian: ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
