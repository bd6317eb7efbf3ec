#!/bin/sh
# Installs the peers of the oci registry tests when missing (Debian): docker-registry (distribution 2.8),
# skopeo and umoci. Idempotent; needs root (or sudo) only when something is missing.
set -eu
missing=""
command -v docker-registry >/dev/null 2>&1 || missing="$missing docker-registry"
command -v skopeo >/dev/null 2>&1 || missing="$missing skopeo"
command -v umoci >/dev/null 2>&1 || missing="$missing umoci"
[ -z "$missing" ] && exit 0
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
