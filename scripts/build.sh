#!/usr/bin/env bash
# Build the knowledge graph from seeds/ into out/ (installs what it needs first).
# Extra arguments go to 'kg build', e.g.: scripts/build.sh --no-validate
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/kg build seeds --out out "$@"
