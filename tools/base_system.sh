#!/usr/bin/env bash
# Writes tests/data/debian12-minbase-python3.txt: the packages of a minimal Debian 12 with
# Python, the "bare laptop" that livehelper.sh must complete. Needs root and debootstrap
# (apt-get install debootstrap); downloads about 60 MB of Debian packages.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
debootstrap --variant=minbase --include=python3 bookworm "$root" http://deb.debian.org/debian >/dev/null
chroot "$root" dpkg-query -W -f='${Package}\n' | sort > tests/data/debian12-minbase-python3.txt
echo "wrote tests/data/debian12-minbase-python3.txt ($(wc -l < tests/data/debian12-minbase-python3.txt) packages)"
