#!/usr/bin/env bash
# Installs the peers the testing module's tests run, when missing: node and sigstore-js (@sigstore/verify), which
# verify the signed-fixtures bundle. Core's installer owns them. Idempotent. Run by Maven (testing, phase
# process-test-resources; skipped with -DskipTests or -Dpeers.skip=true).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bash "$here/../../../../core/src/test/peers/install.sh"
