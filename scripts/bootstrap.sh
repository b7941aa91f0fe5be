#!/usr/bin/env bash
# Installs everything the demo and the tests need, on a fresh machine with
# Node 20+ and Python 3.10+: the pinned pnpm, the workspace's packages (from
# the lockfile), a build of every package, and the MLflow virtualenv.
# Idempotent: a second run only checks.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

export TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1

need() { command -v "$1" >/dev/null 2>&1 || { echo "error: $1 is not installed. $2" >&2; exit 1; }; }
need node "Install Node.js 20 or newer."
node -e 'const [maj]=process.versions.node.split(".").map(Number); if (maj < 20) { console.error(`error: Node ${process.versions.node} is too old; kong-mlflow needs Node 20 or newer.`); process.exit(1); }'
need npm "It ships with Node.js."

if [ ! -x tools/pnpm/node_modules/.bin/pnpm ]; then
  echo "==> installing pnpm (tools/pnpm, pinned)"
  (cd tools/pnpm && npm ci --no-audit --no-fund --loglevel=error)
fi
export PATH="$root/tools/pnpm/node_modules/.bin:$PATH"

echo "==> pnpm install --frozen-lockfile"
pnpm install --frozen-lockfile --reporter=append-only 2>&1 | tail -n 3

echo "==> building packages"
# The docs site is built by its own test (apps/docs/src/site.test.ts) and by
# `pnpm --filter @kong-mlflow/docs build`; the demo and the tests do not need it.
pnpm turbo run build --output-logs=errors-only --filter='!@kong-mlflow/docs'


if [ -n "${KONG_MLFLOW_SKIP_MLFLOW_SETUP:-}" ]; then
  echo "==> skipping the MLflow virtualenv (KONG_MLFLOW_SKIP_MLFLOW_SETUP is set)"
else
  bash scripts/setup-mlflow.sh
fi

# The browser tests (packages/edge) run in Debian's Chromium, driven by playwright.
if [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "==> installing chromium (apt)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "warning: chromium is not installed, so the browser tests will fail: run 'sudo apt-get install -y chromium', or set CHROMIUM_PATH." >&2
  fi
fi
