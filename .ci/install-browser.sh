#!/usr/bin/env bash
# Install Debian's Chromium for the browser tests (tests/browser) when it is missing.
# CI runs as root on Debian; elsewhere run it with sudo. Playwright drives this Chromium through
# executable_path; `playwright install` (a network download of Playwright's own browsers) is
# never used. axe-core is vendored under tests/browser/vendor/, so no npm step is needed.
set -euo pipefail

CHROMIUM="${INFUSION_CODER_CHROMIUM:-/usr/bin/chromium}"

if [ -x "$CHROMIUM" ]; then
  echo "chromium present: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "no Chromium at $CHROMIUM and no apt-get: the browser tests will skip" >&2
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends chromium fonts-dejavu-core
echo "installed: $("$CHROMIUM" --version 2>/dev/null || echo chromium)"
