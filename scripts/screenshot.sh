#!/usr/bin/env bash
# Start the real QGIS desktop under Xvfb with the plugin installed into a throwaway profile
# (zh_CN locale), run screenshot scenes (scripts/screenshot_scenes.py) and save PNGs in
# docs/images/. Usage: scripts/screenshot.sh [scene ...]   (default: every scene)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SCENES="${*:-all}"
WORK="$(mktemp -d /tmp/ymt-shot.XXXXXX)"
PROFILE="$WORK/profiles/default"
mkdir -p "$PROFILE/python/plugins" "$PROFILE/QGIS" "$ROOT/docs/images"
ln -s "$ROOT/yimatong_plugin" "$PROFILE/python/plugins/yimatong_plugin"
lrelease -silent "$ROOT/yimatong_plugin/i18n/yimatong_zh_CN.ts" \
  -qm "$ROOT/yimatong_plugin/i18n/yimatong_zh_CN.qm.tmp"
mv -f "$ROOT/yimatong_plugin/i18n/yimatong_zh_CN.qm.tmp" "$ROOT/yimatong_plugin/i18n/yimatong_zh_CN.qm"
# shellcheck source=scripts/qgis_desktop.sh
source "$ROOT/scripts/qgis_desktop.sh"
write_profile_ini "$PROFILE" '[PythonPlugins]
yimatong_plugin=true
[UI]
lastProjectPath='
start_xvfb "$WORK"
export YMT_SCENES="$SCENES" YMT_ROOT="$ROOT" LANG=zh_CN.UTF-8
# QGIS runs Debian's python3: give it the venv's packages (shapely 2, segno, openpyxl…)
VENV_SITE="$(venv_site "$ROOT")"
export PYTHONPATH="$VENV_SITE${PYTHONPATH:+:$PYTHONPATH}"
unset QT_QPA_PLATFORM
timeout 600 qgis --profiles-path "$WORK" --lang zh-Hans --nologo --noversioncheck \
  --code "$ROOT/scripts/screenshot_scenes.py" >"$WORK/qgis.log" 2>&1 || {
  cp "$WORK/qgis.log" /tmp/ymt-screenshot-qgis.log
  grep -h "^YMT" "$WORK/qgis.log" || true
  echo "QGIS exited with an error (whole log: /tmp/ymt-screenshot-qgis.log); log:"
  grep -B2 -A12 "^#[0-9]* .*in \(Qgs\|sip\|Py\)" "$WORK/qgis.log" | head -60 || tail -40 "$WORK/qgis.log"
  exit 1; }
grep -h "^YMT" "$WORK/qgis.log" || true
ls -1 "$ROOT"/docs/images/*.png
# a Python error in the desktop (traceback, QGIS "Python error" message) fails the run
if ! grep -q "^YMT python errors: 0$" "$WORK/qgis.log"; then
  echo "screenshot.sh: Python errors in the desktop (YMT PYTHON ERROR lines above)" >&2
  exit 1
fi
