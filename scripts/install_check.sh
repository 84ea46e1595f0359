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
mkdir -p "$PROFILE/QGIS"
cat > "$PROFILE/QGIS/QGIS3.ini" <<INI
[locale]
overrideFlag=true
userLocale=zh-Hans
globalLocale=zh_CN
[qgis]
checkVersion=false
showTips=false
allowCrashReporting=false
[core]
NewsFeed\\httpsfeedqgisorg\\disabled=true
[app]
plugin_installer\\checkOnStart=false
plugin_installer\\allowExperimental=true
INI
Xvfb -displayfd 3 -screen 0 1600x1000x24 -nolisten tcp 3>"$WORK/display" >"$WORK/xvfb.log" 2>&1 &
XVFB_PID=$!
trap 'kill $XVFB_PID 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 50); do [ -s "$WORK/display" ] && break; sleep 0.1; done
export DISPLAY=":$(head -1 "$WORK/display")" YMT_ZIP="$ZIP" YMT_RESULT="$RESULT" LANG=zh_CN.UTF-8
# the Python packages the README tells users to pip-install (shapely 2.0.x, segno, openpyxl)
VENV_SITE="$("$ROOT/.venv/bin/python" -c 'import sysconfig; print(sysconfig.get_path("purelib"))')"
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
"$ROOT/.venv/bin/python" -c 'import json,sys; sys.exit(0 if json.load(open(sys.argv[1]))["ok"] else 1)' "$RESULT"
