# Shared by scripts/screenshot.sh and scripts/install_check.sh (source it): a throw-away QGIS
# profile in Simplified Chinese and a private Xvfb screen for the real QGIS desktop.

# write_profile_ini PROFILE_DIR [EXTRA_INI_LINES]: QGIS3.ini for a quiet zh-Hans desktop
write_profile_ini() {
  mkdir -p "$1/QGIS"
  cat > "$1/QGIS/QGIS3.ini" <<INI
${2:-}
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
INI
}

# start_xvfb WORK_DIR: Xvfb on a free display (-displayfd, so parallel runs never share a
# screen); exports DISPLAY, sets XVFB_PID and a trap that stops it and removes WORK_DIR
start_xvfb() {
  Xvfb -displayfd 3 -screen 0 1600x1000x24 -nolisten tcp 3>"$1/display" >"$1/xvfb.log" 2>&1 &
  XVFB_PID=$!
  # shellcheck disable=SC2064
  trap "kill $XVFB_PID 2>/dev/null || true; rm -rf '$1'" EXIT
  for _ in $(seq 50); do [ -s "$1/display" ] && break; sleep 0.1; done
  export DISPLAY=":$(head -1 "$1/display")"
}

# venv_site ROOT: the venv's site-packages (QGIS runs Debian's python3; shapely 2.0.x, segno,
# openpyxl come from the venv, as the README tells users to pip-install them). YMT_VENV names
# another venv (the QGIS 3.40 chroot's, scripts/ltr_chroot.sh)
venv_python() {
  echo "${YMT_VENV:-$1/.venv}/bin/python"
}
venv_site() {
  "$(venv_python "$1")" -c 'import sysconfig; print(sysconfig.get_path("purelib"))'
}
