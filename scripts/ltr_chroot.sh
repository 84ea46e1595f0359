#!/usr/bin/env bash
# QGIS 3.40 LTR beside the host's QGIS: a Debian 13 "trixie" chroot, built once and reused.
#
#   scripts/ltr_chroot.sh build         build or update the chroot (idempotent)
#   scripts/ltr_chroot.sh test [ARGS]   build/reuse it, then run pytest ARGS (default: tests)
#   scripts/ltr_chroot.sh run CMD...    build/reuse it, then run CMD inside, in this repository
#
# The chroot lives outside the repository (YMT_LTR_ROOT, default /var/cache/yimatong/trixie) so
# every clone and worktree on the machine reuses it. Every run happens in a private mount
# namespace (unshare): /proc, /dev, /sys and the repository are mounted only for that run and
# vanish with it, even if the run is killed; a trap unmounts them first anyway. The repository is
# bind-mounted at the same path inside, so paths in test output are the host's. Must run as root.
set -euo pipefail

ROOT_DIR="$(cd "$(dirname "$0")/.." && pwd)"
LTR_ROOT="${YMT_LTR_ROOT:-/var/cache/yimatong/trixie}"
SUITE=trixie
VENV=/opt/ymt-venv   # inside the chroot
# Debian 13 packages for QGIS 3.40 and the test suite (the Debian 12 list is scripts/setup_system.sh;
# PostgreSQL comes through Debian's default-version meta packages, 17 on trixie)
PKGS=(qgis python3-qgis qgis-providers python3-shapely python3-numpy python3-pyproj python3-gdal
      python3-psycopg2 python3-venv python3-pip postgresql postgresql-contrib postgresql-postgis
      xvfb xauth x11-utils fonts-noto-cjk imagemagick poppler-utils zip qttools5-dev-tools
      ca-certificates locales-all make git chromium python3-matplotlib)

# printed before the tests: which QGIS, GEOS, shapely and numpy the results are from
VERSIONS="from qgis.core import Qgis; import shapely, numpy; print('ltr_chroot: QGIS', \
Qgis.QGIS_VERSION, '| GEOS', Qgis.geosVersion(), '| shapely', shapely.__version__, 'on GEOS', \
'.'.join(map(str, shapely.geos_version)), '| numpy', numpy.__version__)"

die() { echo "ltr_chroot: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || die "needs root (debootstrap, chroot, mount)"

# The Debian mirror the host's apt already uses (deb822 .sources or one-line .list)
host_mirror() {
  local uri
  uri=$(grep -h -E '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null \
    | awk '{for (i = 2; i <= NF; i++) print $i}' | grep -E '/debian/?$' | head -1 || true)
  if [ -z "$uri" ]; then
    uri=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
      | awk '$1 == "deb" && $2 ~ /\/debian\/?$/ {print $2; exit}' || true)
  fi
  [ -n "$uri" ] || die "no Debian mirror found in /etc/apt/sources.list*"
  echo "${uri%/}"
}

# chroot_exec CMD...: run CMD in the chroot in a private mount namespace, cwd = the repository
chroot_exec() {
  unshare --mount --propagation private -- bash -s -- "$LTR_ROOT" "$ROOT_DIR" "$@" <<'INNER'
set -euo pipefail
R=$1; REPO=$2; shift 2
cleanup() { umount -R -l "$R/proc" "$R/sys" "$R/dev" "$R/tmp" "$R$REPO" 2>/dev/null || true; }
trap cleanup EXIT
mount -t proc proc "$R/proc"
mount -t sysfs sysfs "$R/sys"
mount --bind /dev "$R/dev"
mount --bind /dev/pts "$R/dev/pts"
mount -t tmpfs -o mode=1777 tmpfs "$R/dev/shm"
mount -t tmpfs -o mode=1777 tmpfs "$R/tmp"   # a clean /tmp per run, gone with it
mkdir -p "$R$REPO"
mount --bind "$REPO" "$R$REPO"
# the host's pip settings point at local wheel folders: make them visible read-only
for d in /opt/wheels /opt/pypi /opt/pypi-more; do
  if [ -d "$d" ]; then mkdir -p "$R$d"; mount --bind -o ro "$d" "$R$d"; fi
done
cd /
chroot "$R" /usr/bin/env -i HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  LANG=C.UTF-8 TERM=dumb YMT_IN_LTR_CHROOT=1 YMT_VENV=/opt/ymt-venv \
  /bin/bash -c 'cd "$0" && exec "$@"' "$REPO" "$@"
INNER
}

build() {
  mkdir -p "$(dirname "$LTR_ROOT")"
  if [ ! -x "$LTR_ROOT/usr/bin/apt-get" ]; then
    command -v debootstrap >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y debootstrap
    local mirror partial="$LTR_ROOT.partial"
    mirror=$(host_mirror)
    rm -rf "$partial"
    echo "ltr_chroot: debootstrap $SUITE from the host's Debian mirror into $LTR_ROOT"
    debootstrap --variant=minbase "$SUITE" "$partial" "$mirror" >"$LTR_ROOT.debootstrap.log" 2>&1 \
      || die "debootstrap failed, see $LTR_ROOT.debootstrap.log"
    echo "deb $mirror $SUITE main" >"$partial/etc/apt/sources.list"
    mv "$partial" "$LTR_ROOT"
  fi
  # network and pip settings from the host (CA bundle for pip, the host's pip config)
  cp -L /etc/resolv.conf "$LTR_ROOT/etc/resolv.conf" 2>/dev/null || true
  mkdir -p "$LTR_ROOT/etc/ssl/certs" "$LTR_ROOT/root/.config/pip"
  cp /etc/ssl/certs/ca-certificates.crt "$LTR_ROOT/etc/ssl/certs/ca-certificates.crt.host"
  [ -f /etc/pip.conf ] && cp /etc/pip.conf "$LTR_ROOT/etc/pip.conf"
  [ -f /root/.config/pip/pip.conf ] && cp /root/.config/pip/pip.conf "$LTR_ROOT/root/.config/pip/pip.conf"
  sed -i 's#ca-certificates\.crt$#ca-certificates.crt.host#' "$LTR_ROOT/etc/pip.conf" 2>/dev/null || true

  local want stamp="$LTR_ROOT/.ymt-packages"
  want=$(printf '%s\n' "${PKGS[@]}" | sort)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    echo "ltr_chroot: installing Debian 13 packages (QGIS 3.40, PostgreSQL, PostGIS)"
    chroot_exec sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/var/log/ymt-apt.log 2>&1 || { tail -30 /var/log/ymt-apt.log; exit 1; }' sh "${PKGS[@]}"
    echo "$want" >"$stamp"
  fi

  # the venv: system site packages (Debian's QGIS, shapely and numpy 2), pip for the rest
  local req_stamp="$LTR_ROOT$VENV/.installed"
  if [ "$(cat "$req_stamp" 2>/dev/null)" != "$(cat "$ROOT_DIR"/requirements*.txt | sha256sum)" ]; then
    echo "ltr_chroot: installing requirements-ltr.txt into $VENV (inside the chroot)"
    # (the host's pip config names local wheel folders some of which may be absent: quiet that)
    chroot_exec bash -c "set -eo pipefail; test -x $VENV/bin/python \
      || python3 -m venv --system-site-packages $VENV; \
      $VENV/bin/python -m pip install -q --disable-pip-version-check -r requirements-ltr.txt 2>&1 \
      | { grep -v 'is ignored: it is neither a file nor a directory' || true; }"
    cat "$ROOT_DIR"/requirements*.txt | sha256sum >"$req_stamp"
  fi
}

cmd="${1:-test}"
[ $# -gt 0 ] && shift
mkdir -p "$(dirname "$LTR_ROOT")"
exec 9>"$LTR_ROOT.lock"
case "$cmd" in
  build)
    flock 9; build ;;
  test)
    flock 9; build; flock -u 9
    [ $# -gt 0 ] || set -- tests
    chroot_exec env QT_QPA_PLATFORM=offscreen PYTHONPATH="$ROOT_DIR:/usr/share/qgis/python/plugins" \
      PYTHONDONTWRITEBYTECODE=1 PROJ_DATA=/usr/share/proj \
      sh -c "$VENV/bin/python -c \"$VERSIONS\" && exec $VENV/bin/python -m pytest -q \"\$@\"" \
      sh "$@" ;;
  run)
    flock 9; build; flock -u 9
    chroot_exec env QT_QPA_PLATFORM=offscreen PYTHONPATH="$ROOT_DIR:/usr/share/qgis/python/plugins" \
      PYTHONDONTWRITEBYTECODE=1 PROJ_DATA=/usr/share/proj "$@" ;;
  *) die "usage: $0 build | test [pytest args] | run CMD..." ;;
esac
