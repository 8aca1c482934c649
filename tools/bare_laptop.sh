#!/usr/bin/env bash
# The README's first command on a bare laptop: a minimal Debian 12 with only Python
# (debootstrap), a clone of this checkout, then `bash livehelper.sh` as a user without
# sudo (told what to ask for), as root (installs everything), and the window started
# on the host's virtual screen. Needs root, debootstrap and Xvfb; downloads the
# packages and wheels (~400 MB). Usage: tools/bare_laptop.sh [ROOT_DIR]
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
root=${1:-$(mktemp -d)}
if [ ! -x "$root/usr/bin/python3" ]; then
  debootstrap --variant=minbase --include=python3 bookworm "$root" http://deb.debian.org/debian >/dev/null
fi
cp /etc/resolv.conf "$root/etc/resolv.conf"
# this machine's certificate authorities (a network that inspects TLS has its own)
if [ -f /etc/ssl/certs/ca-certificates.crt ]; then
  mkdir -p "$root/etc/ssl/certs"
  cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/ca-certificates.crt"
fi
for fs in proc sys dev; do mountpoint -q "$root/$fs" || mount --rbind "/$fs" "$root/$fs"; done
mkdir -p "$root/tmp/.X11-unix"
mountpoint -q "$root/tmp/.X11-unix" || mount --bind /tmp/.X11-unix "$root/tmp/.X11-unix"
trap 'umount -R "$root/proc" "$root/sys" "$root/dev" "$root/tmp/.X11-unix" 2>/dev/null || true' EXIT
rm -rf "$root/home/lan/livehelper"
chroot "$root" id lan >/dev/null 2>&1 || chroot "$root" useradd -m lan
git -C "$repo" archive --format=tar --prefix=livehelper/ HEAD | tar -x -C "$root/home/lan"
chroot "$root" chown -R lan /home/lan/livehelper

echo "== as a user without sudo (on a fresh system: told what to ask for)"
chroot "$root" runuser -u lan -- env -u DISPLAY bash -c 'cd ~/livehelper && bash livehelper.sh' || true
echo "== as root"
chroot "$root" bash -c 'cd /home/lan/livehelper && LIVEHELPER_VENV=/opt/lh bash livehelper.sh run --version'
echo "== no screen"
chroot "$root" bash -c 'cd /home/lan/livehelper && LIVEHELPER_VENV=/opt/lh bash livehelper.sh' || true
echo "== the window on the host's screen ${DISPLAY:-:99}"
cat > "$root/tmp/window_up.py" <<'PY'
from PySide6.QtWidgets import QApplication

from livehelper.ui.app import create_window

app = QApplication([])
window, _language = create_window(app, "sqlite:////tmp/bare.sqlite3", False, "vi", 1.0)
window.show()
app.processEvents()
print("window up on", app.platformName(), window.width(), "x", window.height())
PY
chroot "$root" bash -c "cd /home/lan/livehelper && DISPLAY=${DISPLAY:-:99} timeout 30 /opt/lh/bin/python /tmp/window_up.py"
