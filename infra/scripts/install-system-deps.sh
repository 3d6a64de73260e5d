#!/usr/bin/env bash
# Installs the Debian packages Limelight runs and tests with, when missing.
# Safe to repeat: does nothing when everything is present.
set -euo pipefail
packages=(nginx libnginx-mod-rtmp ffmpeg chromium postgresql redis-server wrk fonts-dejavu-core coturn curl pebble openssl)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "Installing Debian packages: ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
# The packages start system services we do not use; tests run their own instances.
for s in nginx postgresql redis-server coturn; do $SUDO systemctl disable --now "$s" >/dev/null 2>&1 || $SUDO service "$s" stop >/dev/null 2>&1 || true; done
