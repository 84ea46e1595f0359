#!/usr/bin/env bash
# Install the Debian 12 packages Yimatong needs, only those missing (idempotent).
set -euo pipefail
PKGS=(python3-qgis qgis-providers qgis xvfb xauth python3-venv qttools5-dev-tools
      postgresql-15-postgis-3 postgresql-contrib fonts-noto-cjk imagemagick poppler-utils
      x11-utils zip python3-pyproj python3-gdal python3-psycopg2 chromium python3-matplotlib)
missing=()
for p in "${PKGS[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "system packages: all present"
  exit 0
fi
echo "system packages: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
