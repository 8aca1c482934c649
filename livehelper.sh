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
# What Qt's window, its plugins and the voice need beyond a minimal Debian/Ubuntu with
# Python (tests/real/test_install.py checks this list against the libraries Qt really loads).
# "a|b": either name, whichever this system has (Ubuntu 24.04 renamed libraries for
# 64-bit time: libglib2.0-0t64).
APP_PACKAGES="libglib2.0-0|libglib2.0-0t64 libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 libxcb-randr0
  libxcb-render-util0 libxcb-image0 libfontconfig1 libdbus-1-3
  fonts-dejavu-core espeak-ng alsa-utils"
# Real parts the tests drive: PostgreSQL, OBS Studio under a virtual X server, Chromium.
# A C compiler and Python's headers: the tests check the compiled comment reader.
TEST_PACKAGES="$APP_PACKAGES postgresql obs-studio xvfb xauth chromium gcc libc6-dev python3-dev"

say() { printf 'livehelper: %s\n' "$*" >&2; }

is_installed() {
  [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" = installed ]
}

# the groups of LIST of which no name is installed
missing_packages() {
  command -v dpkg-query >/dev/null 2>&1 || return 0
  local group name found
  for group in $1; do
    found=""
    for name in ${group//|/ }; do
      if is_installed "$name"; then found=1; break; fi
    done
    [ -n "$found" ] || printf '%s ' "$group"
  done
}

# for each group, the first name apt can install here; without package lists, the
# first name (apt itself picks the one package that provides an old name)
installable_names() {
  local group name chosen
  for group in $1; do
    chosen=${group%%|*}
    for name in ${group//|/ }; do
      if apt-cache policy "$name" 2>/dev/null | grep -q 'Candidate: [^(]'; then
        chosen=$name; break
      fi
    done
    printf '%s ' "$chosen"
  done
}

may_sudo() {
  command -v sudo >/dev/null 2>&1 || return 1
  sudo -n true 2>/dev/null && return 0  # no password needed
  id -nG 2>/dev/null | grep -qwE 'sudo|admin|wheel'
}

ask_administrator() {
  say "this account may not install system packages. Ask the computer's administrator to run:"
  printf '\n    sudo apt-get update && sudo apt-get install -y %s\n\n' "$1" >&2
  say "then run this again. (Without sudo: su -c 'apt-get install -y $1')"
}

# install_packages "LIST" ask|root-only
install_packages() {
  local missing names
  missing=$(missing_packages "$1")
  [ -z "$missing" ] && return 0
  if ! command -v apt-get >/dev/null 2>&1; then
    say "not a Debian/Ubuntu system: please install the equivalents of: ${missing//|/ or }"
    return 0
  fi
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    names=$(installable_names "$missing")
    say "installing system packages: $names"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $names >/dev/null
  elif [ "$2" = ask ] && may_sudo; then
    say "livehelper needs these system packages: ${missing//|/ or } (sudo asks for your password)"
    if ! sudo apt-get update -qq; then
      ask_administrator "$(installable_names "$missing")"; exit 1
    fi
    names=$(installable_names "$missing")
    if ! sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $names; then
      ask_administrator "$names"; exit 1
    fi
  elif [ "$2" = ask ]; then
    ask_administrator "$(installable_names "$missing")"; exit 1
  else
    say "missing system packages (tests that need them will skip): ${missing//|/ or }"
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

# a venv that works: python runs and has pip (a first run that failed half-way can
# leave one without pip, which every later run would trust)
venv_works() {
  [ -x "$PY" ] && "$PY" -c 'import pip' >/dev/null 2>&1
}

ensure_venv() {
  venv_works && return 0
  local python; python=$(find_python)
  if [ -e "$VENV" ]; then
    say "the environment in $VENV is incomplete (an earlier set-up stopped half-way): making it again"
    rm -rf "$VENV"
  fi
  # Debian and Ubuntu ship venv's pip in a package of its own: check before trying,
  # rather than after a frightening ensurepip error
  if ! "$python" -c 'import ensurepip, venv' >/dev/null 2>&1; then
    local version; version=$("$python" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
    install_packages "python$version-venv|python3-venv" ask
  fi
  if ! "$python" -m venv "$VENV"; then
    rm -rf "$VENV"
    say "could not make the environment in $VENV (see above)"
    exit 1
  fi
  PYTHONWARNINGS=ignore "$PY" -m pip install -q --upgrade pip
}

# pip install only when pyproject.toml changed since the last install
ensure_installed() {
  local extra=$1 stamp="$VENV/.installed-$1"
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    say "installing livehelper${extra:+ [$extra]} into $VENV"
    # setuptools explains editable installs at length; pip still reports real errors
    PYTHONWARNINGS=ignore "$PY" -m pip install -q -e ".${extra:+[$extra]}"
    touch "$stamp"
  fi
}

# the comment reader compiled to C (livehelper/comments/compiled.py), built once per
# version where a C compiler is present; without one it runs as plain Python, slower
build_reader() {
  command -v cc >/dev/null 2>&1 || command -v gcc >/dev/null 2>&1 || return 0
  [ "$1" = test ] || ensure_installed fast || return 0
  "$PY" -m livehelper.comments.compile_reader >/dev/null || true
}

command=${1:-run}
[ $# -gt 0 ] && shift
case "$command" in
  run)
    install_packages "$APP_PACKAGES" ask
    ensure_venv; ensure_installed postgres; build_reader app
    exec "$VENV/bin/livehelper" "$@"
    ;;
  demo)
    install_packages "$APP_PACKAGES" ask
    ensure_venv; ensure_installed postgres; build_reader app
    exec "$VENV/bin/livehelper" demo "$@"
    ;;
  test)
    install_packages "$TEST_PACKAGES" root-only
    ensure_venv; ensure_installed test; build_reader test
    exec "$PY" -m pytest "$@"
    ;;
  bench)
    ensure_venv; ensure_installed test; build_reader test  # the tests' local servers
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
    known="$(mktemp)"
    "$PY" tools/fill_translations.py --dump resources/i18n/livehelper_vi.ts >"$known"
    "$VENV/bin/pyside6-lupdate" livehelper/ui/*.py -ts resources/i18n/livehelper_vi.ts -no-obsolete
    "$PY" tools/fill_translations.py resources/i18n/livehelper_vi.ts "$known"  # moved texts
    rm -f "$known"
    "$VENV/bin/pyside6-lrelease" resources/i18n/livehelper_vi.ts -qm resources/i18n/livehelper_vi.qm
    # Qt's own buttons and dialogs (Qt ships no Vietnamese): edited by hand
    "$VENV/bin/pyside6-lrelease" resources/i18n/qt_vi.ts -qm resources/i18n/qt_vi.qm
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
      tests/real/test_overlays.py -k "screenshot_of_every_page and sqlite"
    ;;
  *)
    say "unknown command '$command' (run, demo, test, bench, i18n, screenshot)"
    exit 2
    ;;
esac
