#!/usr/bin/env bash
# Install Debian's chromium for the browser tests (tests/browser/). Playwright's own browser
# download needs the open internet, which CI machines lack; Debian's package comes from the
# distribution mirror. Idempotent: does nothing when /usr/bin/chromium is already there.
set -euo pipefail
browser=${CHROMIUM:-/usr/bin/chromium}
if [ -x "$browser" ]; then
  exit 0
fi
echo "Installing Debian's chromium for the browser tests."
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
if ! { $sudo apt-get update -q && $sudo apt-get install -y -q --no-install-recommends chromium fonts-dejavu-core; }; then
  echo "Could not install chromium with apt-get; the browser tests cannot run." >&2
  exit 1
fi
if ! "$browser" --version; then
  echo "$browser is installed but does not run." >&2
  exit 1
fi
