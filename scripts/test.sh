#!/usr/bin/env bash
# Runs every test: installs what is missing (scripts/bootstrap.sh), then one
# vitest run over the workspace. The tests start a real MLflow server from
# the project's virtualenv and the local Kong stand-in themselves.
# Extra arguments go to vitest (e.g. a file filter).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/bootstrap.sh
export PATH="$root/tools/pnpm/node_modules/.bin:$PATH"
echo "==> vitest run"
exec pnpm vitest run "$@"
