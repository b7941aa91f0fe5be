#!/usr/bin/env bash
# Runs the demo on embedded defaults: installs what is missing, starts a
# local MLflow server (and, from the gateway scenarios on, the Kong
# stand-in), runs the scenarios and prints each trace's MLflow UI link.
# Set MLFLOW_TRACKING_URI / KONG_GATEWAY_URL to use your own servers.
# Extra arguments go to the demo (e.g. --once).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/bootstrap.sh
exec node apps/demo/dist/main.js "$@"
