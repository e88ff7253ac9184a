#!/usr/bin/env bash
# Run the whole test suite (installs what it needs first). Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
KG_CHROMIUM=$(bash scripts/browser.sh) .venv/bin/python -m pytest "$@"
