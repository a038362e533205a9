#!/bin/sh
# Debian packages the tests use, and the npm packages the browser tests inject into pages
# (src/test/js: axe-core). Idempotent; skips apt when everything is present and npm when
# src/test/js/node_modules exists.
set -e
cd "$(dirname "$0")/.."
PKGS="maven chromium chromium-driver firefox-esr python3-aiortc iproute2 ffmpeg coturn rclone espeak-ng sip-tester nginx libnginx-mod-rtmp libnss3-tools tcpdump iptables"
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
# Node.js and npm by command, not by package: another Node.js build (which bundles npm and
# conflicts with Debian's npm package) is as good as Debian's nodejs + npm.
command -v node >/dev/null 2>&1 || missing="$missing nodejs"
command -v npm >/dev/null 2>&1 || missing="$missing npm"
if [ -n "$missing" ]; then
  echo "installing:$missing"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
if [ ! -d src/test/js/node_modules ]; then
  echo "installing npm packages of src/test/js"
  npm ci --prefix src/test/js --no-audit --no-fund
fi
