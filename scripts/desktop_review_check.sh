#!/usr/bin/env bash
# The compliance review run from its Processing dialog in the real QGIS desktop (Xvfb, zh-Hans,
# fresh profile with the repository's plugin): scripts/desktop_review_check.py. Usage:
# scripts/desktop_review_check.sh result.json   (what each review gave, as JSON)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
RESULT="$(realpath "$1")"
WORK="$(mktemp -d /tmp/ymt-review.XXXXXX)"
PROFILE="$WORK/profiles/default"
mkdir -p "$PROFILE/python/plugins"
ln -s "$ROOT/yimatong_plugin" "$PROFILE/python/plugins/yimatong_plugin"
# shellcheck source=scripts/qgis_desktop.sh
source "$ROOT/scripts/qgis_desktop.sh"
write_profile_ini "$PROFILE" '[PythonPlugins]
yimatong_plugin=true'
start_xvfb "$WORK"
export YMT_ROOT="$ROOT" YMT_RESULT="$RESULT" YMT_WORK="$WORK" LANG=zh_CN.UTF-8 YIMATONG_CACHE_DIR=
export PYTHONPATH="$(venv_site "$ROOT")"
unset QT_QPA_PLATFORM QGIS_PLUGINPATH
timeout 90 qgis --profiles-path "$WORK" --lang zh-Hans --nologo --noversioncheck \
  --code "$ROOT/scripts/desktop_review_check.py" >"$WORK/qgis.log" 2>&1 || true
if [ ! -s "$RESULT" ]; then
  echo "desktop review check: QGIS wrote no result; log:"; tail -40 "$WORK/qgis.log"; exit 1
fi
