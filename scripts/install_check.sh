#!/usr/bin/env bash
# Install the plugin zip into a FRESH QGIS profile (no repo symlink) the way Plugin Manager's
# "Install from ZIP" does, in the real QGIS desktop under Xvfb (zh-Hans), and check it loaded
# (scripts/install_check.py). Usage: scripts/install_check.sh [zip] [result.json]
# Exit 0 when the plugin installed and loaded, 1 otherwise (problems printed).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
ZIP="$(realpath "${1:-$(ls -t "$ROOT"/dist/yimatong_plugin-*.zip | head -1)}")"
WORK="$(mktemp -d /tmp/ymt-install.XXXXXX)"
RESULT="${2:-$WORK/result.json}"
PROFILE="$WORK/profiles/default"
# shellcheck source=scripts/qgis_desktop.sh
source "$ROOT/scripts/qgis_desktop.sh"
write_profile_ini "$PROFILE" '[app]
plugin_installer\checkOnStart=false
plugin_installer\allowExperimental=true'
start_xvfb "$WORK"
export YMT_ZIP="$ZIP" YMT_RESULT="$RESULT" LANG=zh_CN.UTF-8
# the Python packages the README tells users to pip-install (shapely 2.0.x, segno, openpyxl)
VENV_SITE="$(venv_site "$ROOT")"
# only the venv's packages: neither the repo nor a QGIS_PLUGINPATH may provide the plugin
export PYTHONPATH="$VENV_SITE"
unset QT_QPA_PLATFORM QGIS_PLUGINPATH
status=0
timeout 60 qgis --profiles-path "$WORK" --lang zh-Hans --nologo --noversioncheck \
  --code "$ROOT/scripts/install_check.py" >"$WORK/qgis.log" 2>&1 || status=$?
grep -h "^YMT" "$WORK/qgis.log" || true
if [ ! -s "$RESULT" ]; then
  echo "install check: QGIS wrote no result (exit $status); log:"; tail -40 "$WORK/qgis.log"; exit 1
fi
"$(venv_python "$ROOT")" -c 'import json,sys; sys.exit(0 if json.load(open(sys.argv[1]))["ok"] else 1)' "$RESULT"
