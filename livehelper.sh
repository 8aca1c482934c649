#!/usr/bin/env bash
# livehelper's two commands, doing all set-up on a fresh Debian/Ubuntu machine:
#
#   bash livehelper.sh          run the app (creates .venv and installs on first use)
#   bash livehelper.sh test     run the whole test suite (as root, also installs and
#                               uses the system packages the tests need)
#
# Also: demo, bench, i18n (refresh translations), screenshot (README pictures).
set -euo pipefail
cd "$(dirname "$0")"

VENV=${LIVEHELPER_VENV:-.venv}
PY="$VENV/bin/python"
# Qt's window and offscreen plugins need these.
APP_PACKAGES="libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4
  libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-render-util0
  libxcb-image0 libfontconfig1 libdbus-1-3 fonts-dejavu-core espeak-ng"
# Real parts the tests drive: PostgreSQL, OBS Studio under a virtual X server, Chromium.
TEST_PACKAGES="$APP_PACKAGES postgresql obs-studio xvfb xauth chromium"

say() { printf 'livehelper: %s\n' "$*" >&2; }

missing_packages() {
  command -v dpkg >/dev/null 2>&1 || return 0
  for p in $1; do dpkg -s "$p" >/dev/null 2>&1 || printf '%s ' "$p"; done
}

# install_packages "LIST" ask|root-only
install_packages() {
  local missing
  missing=$(missing_packages "$1")
  [ -z "$missing" ] && return 0
  if ! command -v apt-get >/dev/null 2>&1; then
    say "not a Debian/Ubuntu system: please install the equivalents of: $missing"
    return 0
  fi
  if [ "$(id -u)" = 0 ]; then
    say "installing system packages: $missing"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
  elif [ "$2" = ask ] && command -v sudo >/dev/null 2>&1; then
    say "livehelper needs these system packages: $missing (sudo asks for your password)"
    sudo apt-get update -qq
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
  else
    say "missing system packages (tests that need them will skip): $missing"
  fi
}

find_python() {
  for candidate in ${PYTHON:-} python3 python3.13 python3.12 python3.11; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  say "livehelper needs Python 3.11 or newer (Debian 12 and Ubuntu 24.04 have it)"
  exit 1
}

ensure_venv() {
  if [ ! -x "$PY" ]; then
    local python; python=$(find_python)
    if ! "$python" -m venv "$VENV" 2>/dev/null; then
      rm -rf "$VENV"
      install_packages "python3-venv" ask
      "$python" -m venv "$VENV"
    fi
    "$PY" -m pip install -q --upgrade pip
  fi
}

# pip install only when pyproject.toml changed since the last install
ensure_installed() {
  local extra=$1 stamp="$VENV/.installed-$1"
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    say "installing livehelper${extra:+ [$extra]} into $VENV"
    "$PY" -m pip install -q -e ".${extra:+[$extra]}"
    touch "$stamp"
  fi
}

command=${1:-run}
[ $# -gt 0 ] && shift
case "$command" in
  run)
    install_packages "$APP_PACKAGES" ask
    ensure_venv; ensure_installed postgres
    exec "$VENV/bin/livehelper" "$@"
    ;;
  demo)
    install_packages "$APP_PACKAGES" ask
    ensure_venv; ensure_installed postgres
    exec "$VENV/bin/livehelper" demo "$@"
    ;;
  test)
    install_packages "$TEST_PACKAGES" root-only
    ensure_venv; ensure_installed test
    exec "$PY" -m pytest "$@"
    ;;
  bench)
    ensure_venv; ensure_installed test  # the benchmarks use the tests' local servers
    "$VENV/bin/livehelper" bench ingest --count 20000
    "$VENV/bin/livehelper" bench parse --count 100000
    "$VENV/bin/livehelper" bench export --orders 10000
    "$PY" benchmarks/soak_sources.py --seconds 60 --rate 200
    if [ -n "$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null)" ] || command -v initdb >/dev/null; then
      "$PY" benchmarks/team.py --assistants 4 --claims 2000 --rounds 40
    else
      say "the team benchmark needs postgresql (bash livehelper.sh test installs it)"
    fi
    if command -v obs >/dev/null && command -v chromium >/dev/null && command -v Xvfb >/dev/null; then
      "$PY" benchmarks/feature_latency.py --rounds 40
    else
      say "feature latency needs obs-studio, chromium and xvfb (bash livehelper.sh test installs them)"
    fi
    ;;
  i18n)
    ensure_venv; ensure_installed ""
    "$VENV/bin/pyside6-lupdate" livehelper/ui/*.py -ts resources/i18n/livehelper_vi.ts -no-obsolete
    "$VENV/bin/pyside6-lrelease" resources/i18n/livehelper_vi.ts -qm resources/i18n/livehelper_vi.qm
    say "translate the new strings in resources/i18n/livehelper_vi.ts (Qt Linguist), then run this again"
    ;;
  screenshot)
    install_packages "$APP_PACKAGES" root-only
    ensure_venv; ensure_installed ""
    QT_QPA_PLATFORM=offscreen "$PY" -m livehelper.ui.screenshot resources/screenshot.png "$@"
    # the overlay pages, as OBS shows them, from the test that checks them in Chromium
    install_packages "chromium" root-only
    ensure_installed test
    LIVEHELPER_SCREENSHOTS=docs/overlays "$PY" -m pytest -q -p no:cacheprovider \
      tests/test_overlays.py -k "screenshot_of_every_page and sqlite"
    ;;
  *)
    say "unknown command '$command' (run, demo, test, bench, i18n, screenshot)"
    exit 2
    ;;
esac
