#!/usr/bin/env bash
# The headless browser the browser tests use: Debian's chromium, installed when missing.
# Prints the browser's path.
set -euo pipefail
for candidate in "${KG_CHROMIUM:-}" /usr/bin/chromium /usr/bin/chromium-browser; do
  if [ -n "$candidate" ] && [ -x "$candidate" ]; then echo "$candidate"; exit 0; fi
done
echo "installing Debian's chromium for the browser tests" >&2
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get install -y -q chromium >&2 || { $sudo apt-get update -q >&2 && $sudo apt-get install -y -q chromium >&2; }
echo /usr/bin/chromium
