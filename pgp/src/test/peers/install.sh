#!/usr/bin/env bash
# Installs the peers the pgp module's interop tests run, when missing. Idempotent and quick when present.
# Run by Maven (pgp, phase process-test-resources; skipped with -DskipTests or -Dpeers.skip=true).
#   gnupg            GnuPG 2 (gpg --verify / --clearsign / key import and export)
#   docker-registry  a real OCI registry (distribution 2.8) for Helm charts in OCI (RegistryServer from oci's test-jar)
#   skopeo           an independent OCI client reading back the pushed chart artifacts
#   python3-yaml     PyYAML, an independent reader of the index.yaml files we write (python3 -m http.server serves them)
set -euo pipefail
need=()
for p in gnupg docker-registry skopeo python3-yaml; do
  dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
if ! command -v gpg >/dev/null 2>&1 || ! command -v gpg-agent >/dev/null 2>&1; then
  need+=(gnupg)
fi
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "missing pgp test peers: ${need[*]}; install them with: sudo apt-get install ${need[*]}" >&2
    exit 1
  fi
  echo "installing pgp test peers from Debian: ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
