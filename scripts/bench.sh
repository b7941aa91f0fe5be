#!/usr/bin/env bash
# Runs the benchmark suite (apps/bench): installs what is missing and builds
# (scripts/bootstrap.sh), then starts a local MLflow and the Kong stand-in in
# processes of their own and measures what tracing costs an app, side by side
# with an untraced process and with Langfuse and OpenInference. Writes
# apps/bench/results/latest.json and latest.md. Takes 10-20 minutes on 2 cores;
# run it on a quiet machine. Extra arguments go to the bench (--smoke for a
# quick end-to-end check, --help for the rest).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/bootstrap.sh
cd apps/bench
echo "==> load before: $(uptime)"
exec node dist/main.js "$@"
