#!/usr/bin/env bash
# Checks what `make package` built: both binaries (stripped) and the man page in the .deb and the
# .rpm, the .deb installs with apt-get, `keel --version` runs, and keel-app opens its window under
# Xvfb. Usage: tests/package/check.sh PACKAGE.deb PACKAGE.rpm (as root or with sudo).
set -euo pipefail
deb=$(realpath "$1")
rpm=$(realpath "$2")
sudo=$([ "$(id -u)" = 0 ] || echo sudo)

# dpkg-deb lists paths as ./usr/… or usr/…, depending on the tool that built the archive.
listing=$(dpkg-deb -c "$deb")
for file in usr/bin/keel usr/bin/keel-app usr/share/man/man1/keel.1; do
  grep -Eq " (\./)?$file\$" <<<"$listing" || { echo "check: $deb lacks $file" >&2; exit 1; }
done
echo "check: $(basename "$deb") holds usr/bin/keel, usr/bin/keel-app and the keel(1) man page"
rpm_listing=$(rpm -qlp "$rpm")
for file in /usr/bin/keel /usr/bin/keel-app /usr/share/man/man1/keel.1; do
  grep -qx "$file" <<<"$rpm_listing" || { echo "check: $rpm lacks $file" >&2; exit 1; }
done
echo "check: $(basename "$rpm") holds the same three files"

$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --reinstall "$deb" >/dev/null
for binary in /usr/bin/keel /usr/bin/keel-app; do
  file -b "$binary" | grep -q ', stripped' || { echo "check: $binary is not stripped" >&2; exit 1; }
done
echo "check: installed; $(keel --version); both binaries stripped"
keel --help | grep -q 'Usage: keel' || { echo "check: keel --help says no usage" >&2; exit 1; }

# keel-app must open its window (a top-level window titled "Keel") on a fresh database.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
xvfb-run -a -s '-screen 0 1280x800x24' bash -c '
  GSETTINGS_BACKEND=memory keel-app --db "$1/keel.sqlite3" & app=$!
  for _ in $(seq 1 150); do
    if xwininfo -root -tree | grep -q "\"Keel\""; then kill "$app"; wait "$app" 2>/dev/null; exit 0; fi
    kill -0 "$app" 2>/dev/null || { echo "check: keel-app exited early" >&2; exit 1; }
    sleep 0.2
  done
  kill "$app"; echo "check: no Keel window within 30 s" >&2; exit 1' _ "$scratch"
echo "check: keel-app opened its window under Xvfb"
