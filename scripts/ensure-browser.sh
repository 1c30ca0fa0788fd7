#!/usr/bin/env bash
# Installs what the browser tests need: Debian's Chromium (Playwright cannot download its own
# browsers here) and the npm packages of end2end/.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }

# Chromium, and a Chinese font so the screenshots show characters rather than empty boxes.
missing=()
command -v chromium >/dev/null || missing+=(chromium)
[[ -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ]] || missing+=(fonts-wqy-microhei)
if (( ${#missing[@]} )); then
  say "Installing ${missing[*]} from Debian's packages (a minute or two)…"
  SUDO=""
  if [[ "$(id -u)" != 0 ]]; then SUDO="sudo"; fi
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${missing[@]}"
fi

if [[ ! -x end2end/node_modules/.bin/playwright ]] || ! cmp -s end2end/package-lock.json end2end/node_modules/.package-lock-copy.json; then
  say "Installing the browser-test packages (npm ci in end2end/)…"
  (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund && cp package-lock.json node_modules/.package-lock-copy.json)
fi
say "Browser tests ready: $(chromium --version 2>/dev/null | head -n1)"
